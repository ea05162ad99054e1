"""Every message a person posts in a community reaches the antiflood — before the per-person
throttling drops any of a flooder's updates, and whichever handler takes the message after."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Message, TelegramObject, Update

from bot.services.antiflood import Antiflood

# What people post (not joins, pins or other service messages).
COUNTED = frozenset(
    {
        "text",
        "photo",
        "video",
        "animation",
        "sticker",
        "voice",
        "video_note",
        "audio",
        "document",
        "dice",
        "poll",
        "contact",
        "location",
        "venue",
        "story",
    }
)


class AntifloodMiddleware(BaseMiddleware):
    def __init__(self, antiflood: Antiflood) -> None:
        self.antiflood = antiflood

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        assert isinstance(event, Update)
        message = event.message
        if data.get("community") is not None and message is not None and _counted(message):
            assert message.from_user is not None
            await self.antiflood.seen(
                message.chat.id,
                message.from_user.id,
                message.from_user.full_name,
                int(message.date.timestamp()),
                album=message.media_group_id,
                thread_id=message.message_thread_id if message.is_topic_message else None,
            )
        return await handler(event, data)


def _counted(message: Message) -> bool:
    """A person's own post: not a bot's, not one sent as a chat (an anonymous admin, a linked
    channel), not a service message."""
    author = message.from_user
    return (
        author is not None
        and not author.is_bot
        and message.sender_chat is None
        and str(getattr(message.content_type, "value", message.content_type)) in COUNTED
    )
