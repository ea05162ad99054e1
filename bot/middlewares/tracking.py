"""Who is who: records people and the communities they write in, and puts `db_user`,
`community` and `actor` into handler data."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Chat, Message, TelegramObject, Update, User

from bot.repos.communities import CommunitiesRepo
from bot.repos.users import UsersRepo
from bot.services.permissions import Actor

_TOUCH_EVERY = 600.0  # seconds between "last seen" writes per membership


class TrackingMiddleware(BaseMiddleware):
    def __init__(self, users: UsersRepo, communities: CommunitiesRepo) -> None:
        self.users = users
        self.communities = communities
        self._touched: dict[tuple[int, int], float] = {}

    def forget(self, user_id: int) -> None:
        """After /forget nothing about the person may linger here."""
        for key in [k for k in self._touched if k[1] == user_id]:
            del self._touched[key]

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        assert isinstance(event, Update)
        tg_user: User | None = data.get("event_from_user")
        chat: Chat | None = data.get("event_chat")
        message = event.message or event.edited_message
        sender_chat = message.sender_chat if message else None

        db_user = None
        if tg_user is not None and not tg_user.is_bot:
            db_user = await self.users.get(tg_user.id)
            if (
                db_user is None
                or db_user.blocked_at is not None
                or db_user.first_name != tg_user.first_name
                or db_user.username != tg_user.username
                or (tg_user.language_code and db_user.language_code != tg_user.language_code)
            ):
                await self.users.upsert_seen(
                    tg_user.id, tg_user.first_name, tg_user.username, tg_user.language_code
                )
                db_user = await self.users.get(tg_user.id)
        data["db_user"] = db_user

        community = None
        if chat is not None and chat.type in ("group", "supergroup"):
            community = await self.communities.get(chat.id)
            if community is None and event.my_chat_member is None and not _migration(message):
                # A group we somehow missed the arrival in (data loss, manual DB reset): adopt it.
                await self.communities.upsert(
                    chat.id,
                    title=chat.title or "",
                    chat_type=chat.type,
                    is_forum=bool(chat.is_forum),
                )
                community = await self.communities.get(chat.id)
            if community is not None and db_user is not None and message is not None:
                await self._touch(chat.id, db_user.id)
        data["community"] = community
        data["actor"] = Actor(
            user_id=tg_user.id if tg_user is not None and not tg_user.is_bot else None,
            sender_chat_id=sender_chat.id if sender_chat is not None else None,
        )
        return await handler(event, data)

    async def _touch(self, chat_id: int, user_id: int) -> None:
        now = time.monotonic()
        key = (chat_id, user_id)
        if now - self._touched.get(key, -_TOUCH_EVERY) < _TOUCH_EVERY:
            return
        self._touched[key] = now
        if len(self._touched) > 50_000:
            # Bounded memory: forget the oldest half; the cost is one extra write per person.
            for stale in sorted(self._touched, key=self._touched.__getitem__)[:25_000]:
                del self._touched[stale]
        await self.communities.touch_member(chat_id, user_id)


def _migration(message: Message | None) -> bool:
    return bool(message and (message.migrate_from_chat_id or message.migrate_to_chat_id))
