"""A community's switched-off features: their commands answer that the feature is off there
(in the group, or for the community the person acts for in private), in one place rather than
in every handler."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Message, TelegramObject

from bot.services.community_settings import FEATURES

COMMAND_FEATURES = {
    **dict.fromkeys(("ask", "offer", "requests", "myrequests"), "requests"),
    **dict.fromkeys(
        ("vacancy", "myvacancies", "jobs", "saved", "subscriptions", "subscribe", "cv"),
        "careers",
    ),
    **dict.fromkeys(("talents", "mentor"), "careers"),
    **dict.fromkeys(("meet", "meetings"), "meetings"),
}


def command_feature(text: str | None) -> str | None:
    if not text or not text.startswith("/"):
        return None
    name = text[1:].split(maxsplit=1)[0].split("@", 1)[0].lower() if len(text) > 1 else ""
    return COMMAND_FEATURES.get(name)


class FeatureGate(BaseMiddleware):
    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        feature = command_feature(event.text) if isinstance(event, Message) else None
        if feature is None:
            return await handler(event, data)
        assert isinstance(event, Message)
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
        await event.answer(t(key, title=community.title, feature=t(f"feature-name-{feature}")))
        return None
