"""Who is who: records people and the communities they write in, and puts `db_user`,
`community` and `actor` into handler data."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import Chat, Message, MessageOriginUser, TelegramObject, Update, User

from bot.expiring import Expiring
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
        self._touched: Expiring[tuple[int, int]] = Expiring(_TOUCH_EVERY)
        self._sighted: Expiring[tuple[int, int]] = Expiring(_TOUCH_EVERY)
        self._not_in: Expiring[int] = Expiring(_NOT_IN_KEPT, limit=10_000)

    def forget(self, user_id: int) -> None:
        """After /forget nothing about the person may linger here."""
        self._touched.discard_where(lambda key: key[1] == user_id)
        self._sighted.discard_where(lambda key: key[1] == user_id)

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
            if community is not None and message is not None:
                if db_user is not None:
                    await self._touch(chat.id, db_user.id)
                await self._sight(chat.id, message, db_user.id if db_user else None)
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
        if chat_id in self._not_in:
            return False
        try:
            member = await bot.get_chat_member(chat_id, bot.id)
        except TelegramAPIError:
            member = None
        raw = getattr(member, "status", "left")
        status = str(getattr(raw, "value", raw))
        if status in ("creator", "administrator", "member", "restricted"):
            return True
        self._not_in.add(chat_id)
        return False

    async def _touch(self, chat_id: int, user_id: int) -> None:
        key = (chat_id, user_id)
        if key in self._touched:
            return
        self._touched.add(key)
        await self.communities.touch_member(chat_id, user_id)

    async def _sight(self, chat_id: int, message: Message, author: int | None) -> None:
        """People a group message points at — the author of the message it answers, someone
        named by a mention, the author of a forwarded message — may be members who never wrote
        there: noted as a hint where to ask Telegram when they first come to the bot (never
        taken for membership by itself)."""
        people = [
            user_id
            for user_id in _pointed_at(message)
            if user_id != author and (chat_id, user_id) not in self._sighted
        ]
        for user_id in people:
            self._sighted.add((chat_id, user_id))
        if people:
            await self.communities.sight(chat_id, people)


def _pointed_at(message: Message) -> set[int]:
    people: list[User | None] = []
    answered = message.reply_to_message
    # Not a post made as a chat (an anonymous admin, a linked channel: its "from" is a stand-in)
    # nor a forum topic's opening, which every message in the topic answers.
    if answered is not None and answered.sender_chat is None and not answered.forum_topic_created:
        people.append(answered.from_user)
    for entity in [*(message.entities or []), *(message.caption_entities or [])]:
        if entity.type == "text_mention":
            people.append(entity.user)
    if isinstance(message.forward_origin, MessageOriginUser):
        people.append(message.forward_origin.sender_user)
    return {user.id for user in people if user is not None and not user.is_bot}


def _migration(message: Message | None) -> bool:
    return bool(message and (message.migrate_from_chat_id or message.migrate_to_chat_id))
