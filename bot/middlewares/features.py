"""A community's switched-off features: their commands answer that the feature is off there
(in the group, or for the community the person acts for in private), in one place rather than
in every handler."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Message, TelegramObject

from bot.services.community_settings import FEATURES
from bot.views.cleanup import brief

# Commands that act in or for one community. A person's own things (/myrequests, /cv, /jobs
# across their communities, /saved, /subscriptions) stay theirs whatever one community chose.
COMMAND_FEATURES = {
    **dict.fromkeys(("ask", "offer", "offers", "requests"), "requests"),
    **dict.fromkeys(("vacancy", "talents", "mentor"), "careers"),
    **dict.fromkeys(("meet", "meetings"), "meetings"),
}


def command_feature(text: str | None, bot_username: str) -> str | None:
    """The feature a command belongs to; None for other commands, for plain text and for a
    command addressed to another bot (/ask@other_bot)."""
    if not text or not text.startswith("/") or len(text) < 2:
        return None
    name, _, addressee = text[1:].split(maxsplit=1)[0].partition("@")
    if addressee and addressee.lower() != bot_username.lower():
        return None
    return COMMAND_FEATURES.get(name.lower())


class FeatureGate(BaseMiddleware):
    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if not isinstance(event, Message) or not (event.text or "").startswith("/"):
            return await handler(event, data)
        me = await data["bot"].me()  # asked once, then remembered by aiogram
        feature = command_feature(event.text, me.username or "")
        if feature is None:
            return await handler(event, data)
        if event.chat.type == "private":
            community = await data["community_service"].selected(event.chat.id)
            t = data["t"]
        else:
            community, t = data.get("community"), data["group_t"]
        if community is None or await data["community_settings"].get(
            community.chat_id, FEATURES[feature]
        ):
            return await handler(event, data)
        key = "feature-off-private" if event.chat.type == "private" else "feature-off"
        text = t(key, title=community.title, feature=t(f"feature-name-{feature}"))
        await brief(event, data["runtime"], text, refusal=True)
        return None
