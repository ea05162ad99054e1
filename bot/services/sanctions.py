"""Warnings, mutes, bans and kicks: who may give them, to whom, what Telegram is asked to do,
what is recorded (the audit log included); the member's notice is told through `observers`.
How a sanction reads (until when, why, the cited rule) is bot/views/sanctions.py; Telegram is
asked through `ChatActions` (bot/telegram.py).

Telegram ends a restriction by itself at `until_date`; our records end at the same moment, so
nothing has to be scheduled to lift a sanction."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from enum import Enum

from bot.repos.sanctions import SanctionsRepo, Warning
from bot.services.audit import BY_LIMIT, AuditLog
from bot.services.chat_actions import ActionRefused, ChatActions
from bot.services.community_settings import (
    WARN_EXPIRE_DAYS,
    WARN_LIMIT,
    WARN_SANCTION,
    CommunitySettings,
)
from bot.services.permissions import Action, Actor, Permissions, Role

log = logging.getLogger(__name__)

# What a warning limit leads to: (kind, seconds; None = until lifted).
LIMIT_SANCTIONS: dict[str, tuple[str, int | None]] = {
    "mute_1h": ("mute", 3600),
    "mute_1d": ("mute", 86400),
    "mute_1w": ("mute", 7 * 86400),
    "ban": ("ban", None),
}
# A reason that starts with a number of one or two digits cites that rule: "/warn 2 spam".
RULE_NUMBER = re.compile(r"\d{1,2}")
# A kick is a ban lifted at once; should the lifting fail, Telegram lets them back by itself
# after this long (it treats less than 30 seconds as "for good").
KICK_BAN_SECONDS = 60


class Refused(Enum):
    NOT_ALLOWED = "not_allowed"  # the actor is no moderator here
    SELF = "self"
    PROTECTED = "protected"  # the target is an admin (or a moderator, for a moderator)
    NO_RIGHTS = "no_rights"  # the bot lacks can_restrict_members / can_delete_messages
    NOTHING = "nothing"  # nothing to undo
    GONE = "left"  # not in the group (left, removed, never seen): a warning or mute means nothing
    UNKNOWN = "unknown"  # Telegram knows no such person (a mistyped id)


@dataclass(frozen=True)
class Warned:
    count: int
    limit: int
    sanction: tuple[str, int | None] | None  # applied because the limit was reached


@dataclass(frozen=True)
class Case:
    """A warning, mute or ban just given — what the member is told (and may appeal)."""

    chat_id: int
    user_id: int
    kind: str  # warn | mute | ban | kick
    record_id: int  # warnings.id or sanctions.id (0 for a kick: nothing stays in force)
    by_id: int | None  # None: an anonymous admin
    reason: str
    rule: int | None
    until: float | None = None
    count: int = 0  # warnings in force (warn), or the limit reached (by_limit)
    limit: int = 0
    by_limit: bool = False
    by_flood: bool = False  # the community's antiflood muted them, not a moderator


class SanctionService:
    def __init__(
        self,
        repo: SanctionsRepo,
        permissions: Permissions,
        settings: CommunitySettings,
        audit: AuditLog,
        actions: ChatActions,
        confirm_member: Callable[[int, int], Awaitable[bool]],
    ) -> None:
        self.repo = repo
        self.permissions = permissions
        self.settings = settings
        self.audit = audit
        self.actions = actions
        self.confirm_member = confirm_member  # asks Telegram about someone we never saw
        # Told of every warning, mute and ban given (the member's notice with "Appeal").
        self.observers: list[Callable[[Case], Awaitable[None]]] = []

    async def _given(self, case: Case) -> None:
        for observer in self.observers:
            await observer(case)

    async def check(
        self, chat_id: int, actor: Actor, target_id: int, *, in_group: bool = False
    ) -> Refused | None:
        """Moderators act on members: never on themselves, an admin, or (unless an admin acts)
        another moderator; `in_group`: only on someone still in the group (a ban may keep out
        someone who left)."""
        role = await self.permissions.role(chat_id, actor)
        if role < Role.MODERATOR:
            return Refused.NOT_ALLOWED
        if actor.user_id == target_id:
            return Refused.SELF
        target_role = await self.permissions.role(chat_id, Actor(target_id))
        if target_role >= Role.ADMIN or (target_role >= Role.MODERATOR and role < Role.ADMIN):
            return Refused.PROTECTED
        # Telegram is asked only about someone we have not seen in the group.
        if (
            in_group
            and target_role < Role.MEMBER
            and (target_role == Role.BANNED or not await self.confirm_member(chat_id, target_id))
        ):
            return Refused.GONE
        return None

    async def warn(
        self, chat_id: int, actor: Actor, target_id: int, reason: str, rule: int | None
    ) -> Warned | Refused:
        refused = await self.check(chat_id, actor, target_id, in_group=True)
        if refused is not None:
            return refused
        days = int(await self.settings.get(chat_id, WARN_EXPIRE_DAYS))
        limit = int(await self.settings.get(chat_id, WARN_LIMIT))
        async with self.repo.db.transaction():
            record_id = await self.repo.warn(
                chat_id, target_id, actor.person, reason, rule, days * 86400
            )
            await self.audit.record(chat_id, actor, "warn", target_id, _why(reason, rule))
            count = len(await self.repo.active_warnings(chat_id, target_id))
            if count < limit:
                await self._given(
                    Case(
                        chat_id,
                        target_id,
                        "warn",
                        record_id,
                        actor.person,
                        reason,
                        rule,
                        count=count,
                        limit=limit,
                    )
                )
                return Warned(count, limit, None)
        # The limit reached: the warning is committed before Telegram is asked for the
        # sanction, so a refusal (or a failure) there still leaves the warning on record.
        kind, seconds = LIMIT_SANCTIONS[str(await self.settings.get(chat_id, WARN_SANCTION))]
        applied = await self.sanction(
            chat_id, actor, target_id, kind, seconds, reason, rule, by_limit=limit
        )
        if isinstance(applied, Refused):
            return applied
        return Warned(count, limit, (kind, seconds))

    async def unwarn(self, chat_id: int, actor: Actor, target_id: int) -> Refused | None:
        refused = await self.check(chat_id, actor, target_id)
        if refused is not None:
            return refused
        async with self.repo.db.transaction():
            if not await self.repo.revoke_last(chat_id, target_id):
                return Refused.NOTHING
            await self.audit.record(chat_id, actor, "unwarn", target_id)
        return None

    async def warnings(self, chat_id: int, user_id: int) -> list[Warning]:
        return await self.repo.active_warnings(chat_id, user_id)

    async def sanction(
        self,
        chat_id: int,
        actor: Actor,
        target_id: int,
        kind: str,
        seconds: int | None,
        reason: str,
        rule: int | None,
        *,
        by_limit: int = 0,
    ) -> float | Refused | None:
        """Mute or ban, for `seconds` or until lifted; returns the end (epoch) or None.
        `by_limit`: the warning limit that led to it (0: a moderator's own decision)."""
        if not by_limit:
            refused = await self.check(chat_id, actor, target_id, in_group=kind == "mute")
            if refused is not None:
                return refused
        detail = _why(reason, rule) + (f" {BY_LIMIT}" if by_limit else "")
        return await self._apply(
            Case(
                chat_id,
                target_id,
                kind,
                0,
                actor.person,
                reason,
                rule,
                count=by_limit,
                limit=by_limit,
                by_limit=bool(by_limit),
            ),
            actor,
            seconds,
            kind,
            detail.strip(),
        )

    async def flood_mute(self, chat_id: int, target_id: int, seconds: int) -> float | Refused:
        """The antiflood's own mute of a member posting too fast: the bot decides (the audit
        log says so), and the member is told like of any mute, and may appeal."""
        case = Case(chat_id, target_id, "mute", 0, None, "", None, by_flood=True)
        until = await self._apply(case, Actor(None), seconds, "flood-mute", "")
        assert until is not None
        return until

    async def _apply(
        self, case: Case, actor: Actor, seconds: int | None, action: str, detail: str
    ) -> float | Refused | None:
        """Telegram first, outside any transaction (what Telegram refuses is never recorded as
        done); then the record, the audit log and the member's notice in one transaction."""
        chat_id, target_id, kind = case.chat_id, case.user_id, case.kind
        until = self.repo.clock.time() + seconds if seconds else None
        try:
            if kind == "mute":
                await self.actions.mute(chat_id, target_id, int(until) if until else None)
            else:
                await self.actions.ban(chat_id, target_id, int(until) if until else None)
        except ActionRefused as error:
            log.warning("sanction refused by telegram", extra={"error": error.message})
            return _refusal(error.message)
        async with self.repo.db.transaction():
            record_id = await self.repo.add_sanction(
                chat_id, target_id, kind, actor.person, case.reason, case.rule, until
            )
            await self.audit.record(chat_id, actor, action, target_id, detail)
            await self._given(replace(case, record_id=record_id, until=until))
            if case.by_limit:  # the warnings that led to it are spent, with its record
                await self.repo.clear_warnings(chat_id, target_id)
        return until

    async def lift(
        self, chat_id: int, actor: Actor, target_id: int, kind: str, *, checked: bool = False
    ) -> Refused | None:
        """Unmute or unban; `checked`: the caller has decided who may (an appeal's decider)."""
        if not checked:
            refused = await self.check(chat_id, actor, target_id)
            if refused is not None:
                return refused
        try:
            if kind == "mute":
                await self.actions.unmute(chat_id, target_id)
            else:
                await self.actions.unban(chat_id, target_id)
        except ActionRefused as error:
            log.warning("lifting refused by telegram", extra={"error": error.message})
            return Refused.NO_RIGHTS if "rights" in error.message else Refused.NOTHING
        # Telegram first (as for a sanction): the record says lifted only once it is.
        async with self.repo.db.transaction():
            await self.repo.lift(chat_id, target_id, kind)
            await self.audit.record(chat_id, actor, f"un{kind}", target_id)
        return None

    async def kick(
        self, chat_id: int, actor: Actor, target_id: int, reason: str, rule: int | None
    ) -> Refused | None:
        """Remove from the group; they may come back (a ban lifted at once)."""
        refused = await self.check(chat_id, actor, target_id, in_group=True)
        if refused is not None:
            return refused
        until = int(self.repo.clock.time()) + KICK_BAN_SECONDS
        try:
            await self.actions.ban(chat_id, target_id, until)
        except ActionRefused as error:
            log.warning("kick refused by telegram", extra={"error": error.message})
            return _refusal(error.message)
        try:
            await self.actions.unban(chat_id, target_id)
        except ActionRefused as error:
            # Out all the same; the short ban ends by itself in a minute.
            log.warning("unban after a kick refused", extra={"error": error.message})
        async with self.repo.db.transaction():  # Telegram done: the log line and the notice
            await self.audit.record(chat_id, actor, "kick", target_id, _why(reason, rule))
            await self._given(Case(chat_id, target_id, "kick", 0, actor.person, reason, rule))
        return None

    async def reset_warnings(self, chat_id: int, actor: Actor, target_id: int) -> int | Refused:
        """Take back every warning in force; how many there were."""
        refused = await self.check(chat_id, actor, target_id)
        if refused is not None:
            return refused
        async with self.repo.db.transaction():
            count = len(await self.repo.active_warnings(chat_id, target_id))
            if not count:
                return Refused.NOTHING
            await self.repo.clear_warnings(chat_id, target_id)
            await self.audit.record(chat_id, actor, "resetwarns", target_id)
        return count

    async def may_moderate(self, chat_id: int, actor: Actor) -> bool:
        return await self.permissions.may(chat_id, actor, Action.MODERATE)


def split_rule(text: str) -> tuple[int | None, str]:
    """(the rule cited by a leading number, the rest): "2 spam" → (2, "spam")."""
    words = text.split()
    if words and RULE_NUMBER.fullmatch(words[0]):
        return int(words[0]), " ".join(words[1:])
    return None, " ".join(words)


def _why(reason: str, rule: int | None) -> str:
    return (f"#{rule} " if rule else "") + reason


def _refusal(telegram_says: str) -> Refused:
    """What Telegram's refusal of a restriction means for the moderator."""
    text = telegram_says.lower()
    if "rights" in text:
        return Refused.NO_RIGHTS
    if any(w in text for w in ("participant_id_invalid", "user not found", "user_id_invalid")):
        return Refused.UNKNOWN
    return Refused.PROTECTED
