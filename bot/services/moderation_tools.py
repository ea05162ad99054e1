"""Moderators' everyday tools in the group: /purge (a run of messages at once), /pin and
/unpin, /id and /info (who someone is in this community). Each re-checks the moderator's rights,
says which right the bot itself lacks, and goes to the audit log."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import Enum

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramForbiddenError

from bot.repos.newcomers import NewcomersRepo
from bot.repos.sanctions import Sanction
from bot.repos.users import UsersRepo
from bot.services.audit import AuditLog
from bot.services.community_settings import WARN_LIMIT, CommunitySettings
from bot.services.permissions import Action, Actor, Permissions, Role
from bot.services.sanctions import SanctionService
from bot.timeutil import Clock

log = logging.getLogger(__name__)

# One /purge covers at most this many messages (three calls of deleteMessages, 100 ids each):
# a reply to a message from long ago by mistake cannot wipe the group.
PURGE_LIMIT = 300
PURGE_BATCH = 100  # deleteMessages takes up to 100 ids
# Telegram lets nobody delete a message older than 48 hours; a minute spare for the clocks.
DELETE_WINDOW = 48 * 3600 - 60


class Declined(Enum):
    NOT_ALLOWED = "not_allowed"  # the presser is no moderator here
    NO_RIGHT = "no_right"  # the bot lacks the command's right (the answer names it)
    TOO_OLD = "too_old"  # older than Telegram lets anyone delete
    TOO_MANY = "too_many"  # more than PURGE_LIMIT messages
    NOTHING = "nothing"  # the message is gone, or nothing is pinned


@dataclass(frozen=True)
class Purged:
    count: int  # messages deleted, the command itself not counted
    partly: bool  # some batch could not be deleted


@dataclass(frozen=True)
class MemberInfo:
    user_id: int
    name: str
    username: str | None
    role: Role
    warnings: int
    warn_limit: int
    mute: Sanction | None
    ban: Sanction | None
    joined_at: float | None  # when the bot saw them join; None: before it came, or unseen


class ModerationTools:
    def __init__(
        self,
        permissions: Permissions,
        sanctions: SanctionService,
        settings: CommunitySettings,
        users: UsersRepo,
        newcomers: NewcomersRepo,
        audit: AuditLog,
        confirm_member: Callable[[int, int], Awaitable[bool]],
        *,
        bot: Bot,
        clock: Clock,
    ) -> None:
        self.permissions = permissions
        self.sanctions = sanctions
        self.settings = settings
        self.users = users
        self.newcomers = newcomers
        self.audit = audit
        self.confirm_member = confirm_member  # asks Telegram about someone we never saw
        self.bot = bot
        self.clock = clock

    async def may(self, chat_id: int, actor: Actor) -> bool:
        return await self.permissions.may(chat_id, actor, Action.MODERATE)

    async def purge(
        self, chat_id: int, actor: Actor, first_id: int, first_date: float, last_id: int
    ) -> Purged | Declined:
        """Every message from `first_id` (sent at `first_date`) to `last_id` (the command),
        in batches; the audit log records how many."""
        if not await self.may(chat_id, actor):
            return Declined.NOT_ALLOWED
        if last_id - first_id + 1 > PURGE_LIMIT:
            return Declined.TOO_MANY
        # The first message is the oldest: if it may still go, so may all after it.
        if self.clock.time() - first_date >= DELETE_WINDOW:
            return Declined.TOO_OLD
        if not await self._bot_has(chat_id, "can_delete_messages"):
            return Declined.NO_RIGHT
        ids = list(range(first_id, last_id + 1))
        deleted: list[int] = []
        for start in range(0, len(ids), PURGE_BATCH):
            batch = ids[start : start + PURGE_BATCH]
            try:
                await self.bot.delete_messages(chat_id, batch)
            except (TelegramBadRequest, TelegramForbiddenError) as error:
                # The right taken away meanwhile, say: the rest is still tried.
                log.warning("purge batch refused", extra={"error": error.message})
                continue
            deleted += batch
        if not deleted:
            return Declined.NO_RIGHT
        count = len([i for i in deleted if i != last_id])
        await self.audit.record(chat_id, actor, "purge", None, str(count))
        return Purged(count, partly=len(deleted) < len(ids))

    async def pin(
        self, chat_id: int, actor: Actor, message_id: int, author_id: int | None, *, loud: bool
    ) -> Declined | None:
        """Quiet unless `loud` (then Telegram notifies everyone)."""
        if not await self.may(chat_id, actor):
            return Declined.NOT_ALLOWED
        try:
            await self.bot.pin_chat_message(chat_id, message_id, disable_notification=not loud)
        except (TelegramBadRequest, TelegramForbiddenError) as error:
            return _pin_refusal(error.message)
        await self.audit.record(chat_id, actor, "pin-loud" if loud else "pin", author_id)
        return None

    async def unpin(
        self, chat_id: int, actor: Actor, message_id: int | None, author_id: int | None
    ) -> Declined | None:
        """The message given, or (None) the latest pinned one."""
        if not await self.may(chat_id, actor):
            return Declined.NOT_ALLOWED
        try:
            await self.bot.unpin_chat_message(chat_id, message_id=message_id)
        except (TelegramBadRequest, TelegramForbiddenError) as error:
            return _pin_refusal(error.message)
        await self.audit.record(chat_id, actor, "unpin", author_id)
        return None

    async def looked_up(self, chat_id: int, actor: Actor, user_id: int | None) -> None:
        """/id in the group: a moderator looked at someone's id (or the group's)."""
        await self.audit.record(chat_id, actor, "id", user_id)

    async def info(
        self, chat_id: int, actor: Actor, user_id: int, name: str
    ) -> MemberInfo | Declined:
        if not await self.may(chat_id, actor):
            return Declined.NOT_ALLOWED
        role = await self.permissions.role(chat_id, Actor(user_id))
        if role == Role.OUTSIDER and await self.confirm_member(chat_id, user_id):
            role = await self.permissions.role(chat_id, Actor(user_id))  # never wrote here
        known = await self.users.get(user_id)
        repo = self.sanctions.repo
        found = MemberInfo(
            user_id=user_id,
            name=(known.first_name if known else None) or name,
            username=known.username if known else None,
            role=role,
            warnings=len(await self.sanctions.warnings(chat_id, user_id)),
            warn_limit=int(await self.settings.get(chat_id, WARN_LIMIT)),
            mute=await repo.active(chat_id, user_id, "mute"),
            ban=await repo.active(chat_id, user_id, "ban"),
            joined_at=await self.newcomers.joined_at(chat_id, user_id),
        )
        await self.audit.record(chat_id, actor, "info", user_id)
        return found

    async def _bot_has(self, chat_id: int, right: str) -> bool:
        me = await self.bot.me()
        try:
            member = await self.bot.get_chat_member(chat_id, me.id)
        except TelegramAPIError:
            return False
        status = str(getattr(member.status, "value", member.status))
        return status == "creator" or (status == "administrator" and bool(getattr(member, right)))


def _pin_refusal(telegram_says: str) -> Declined:
    text = telegram_says.lower()
    if "rights" in text or "admin_required" in text:
        return Declined.NO_RIGHT
    if "not found" not in text:
        log.warning("pinning refused by telegram", extra={"error": telegram_says})
    return Declined.NOTHING
