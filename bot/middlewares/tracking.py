"""Who is who: records people and the communities they write in, and puts `db_user`,
`community` and `actor` into handler data."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import Chat, Message, TelegramObject, Update, User

from bot.repos.communities import CommunitiesRepo
from bot.repos.users import UsersRepo
from bot.services.permissions import Actor

log = logging.getLogger(__name__)

_TOUCH_EVERY = 600.0  # seconds between "last seen" writes per membership
_NOT_IN_KEPT = 600.0  # seconds a "the bot is not in that chat" answer is trusted


class TrackingMiddleware(BaseMiddleware):
    def __init__(self, users: UsersRepo, communities: CommunitiesRepo) -> None:
        self.users = users
        self.communities = communities
        self._touched: dict[tuple[int, int], float] = {}
        self._not_in: dict[int, float] = {}

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
            if community is None and not await self._bot_is_in(data["bot"], chat.id, event):
                # Telegram sends nothing from a chat the bot is not in: this one is forged (or
                # very late). It creates no community, member or "administrator".
                log.info("update from a chat the bot is not in", extra={"chat_id": chat.id})
                return None
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

    async def _bot_is_in(self, bot: Bot, chat_id: int, event: Update) -> bool:
        """Ask Telegram before a chat we do not know becomes a community (cached when not)."""
        if event.my_chat_member is not None:
            status = getattr(event.my_chat_member.new_chat_member, "status", "left")
            if str(getattr(status, "value", status)) in ("left", "kicked"):
                return True  # the bot leaving a chat it never knew: nothing will be created
        now = time.monotonic()
        if self._not_in.get(chat_id, 0.0) > now:
            return False
        try:
            member = await bot.get_chat_member(chat_id, bot.id)
        except TelegramAPIError:
            member = None
        raw = getattr(member, "status", "left")
        status = str(getattr(raw, "value", raw))
        if status in ("creator", "administrator", "member", "restricted"):
            return True
        if len(self._not_in) > 10_000:
            self._not_in = {c: t for c, t in self._not_in.items() if t > now}
        self._not_in[chat_id] = now + _NOT_IN_KEPT
        return False

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
