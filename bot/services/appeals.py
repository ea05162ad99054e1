"""A sanctioned member is told what happened and why (with the rule's text), and may appeal:
the case goes to the community's other moderators — never only to the one who acted — and the
first of them to decide settles it. The decision is recorded and told to both sides.

The rules only: who may appeal, who decides, what a decision does. What people read (the
notice with "Appeal", the case for the moderators, the decision) is bot/views/appeals.py, told
through `AppealNotifier`."""

from __future__ import annotations

import logging
from typing import Protocol

from bot.repos.appeals import Appeal, AppealsRepo
from bot.repos.communities import CommunitiesRepo, Community
from bot.repos.sanctions import Sanction, Warning
from bot.repos.users import User, UsersRepo
from bot.services.audit import AuditLog
from bot.services.permissions import Actor, Permissions, Role
from bot.services.sanctions import Case, Refused, SanctionService
from bot.texts import clip

log = logging.getLogger(__name__)

WORDS_LIMIT = 1000
KINDS = ("warn", "mute", "ban")


class AppealNotifier(Protocol):
    """What the service tells people, named for what happened; the views decide how it reads."""

    async def member_sanctioned(self, case: Case, member: User, community: Community) -> None:
        """The member's private notice (with "Appeal" unless it was a kick)."""
        ...

    async def appeal_asked(
        self, decider: User, appeal: Appeal, record: Warning | Sanction, community: Community
    ) -> None: ...

    async def member_told_decision(self, appeal: Appeal, status: str, title: str) -> None:
        """`status`: lifted | kept | over."""
        ...

    async def moderator_told_decision(
        self, appeal: Appeal, status: str, title: str, decider_id: int
    ) -> None: ...


class AppealService:
    def __init__(
        self,
        repo: AppealsRepo,
        sanctions: SanctionService,
        permissions: Permissions,
        communities: CommunitiesRepo,
        users: UsersRepo,
        audit: AuditLog,
        *,
        notifier: AppealNotifier,
    ) -> None:
        self.repo = repo
        self.sanctions = sanctions
        self.permissions = permissions
        self.communities = communities
        self.users = users
        self.audit = audit
        self.notifier = notifier
        sanctions.observers.append(self.tell)

    async def tell(self, case: Case) -> None:
        """The member's private notice: what, why, until when, and "Appeal"."""
        user = await self.users.get(case.user_id)
        community = await self.communities.get(case.chat_id)
        if user is None or user.blocked_at is not None or community is None:
            return  # never talked to the bot, or blocked it: Telegram would refuse
        await self.notifier.member_sanctioned(case, user, community)

    async def _record(self, kind: str, record_id: int) -> Warning | Sanction | None:
        if kind == "warn":
            return await self.sanctions.repo.warning(record_id)
        if kind in KINDS:
            found = await self.sanctions.repo.sanction(record_id)
            return found if found is not None and found.kind == kind else None
        return None

    async def can_appeal(self, user_id: int, kind: str, record_id: int) -> str:
        """ok | not_yours | already | over."""
        record = await self._record(kind, record_id)
        if record is None or record.user_id != user_id:
            return "not_yours"
        if await self.repo.of_record(kind, record_id) is not None:
            return "already"
        if not self.sanctions.repo.in_force(record):
            return "over"
        return "ok"

    async def submit(self, user_id: int, kind: str, record_id: int, words: str) -> str:
        """ok | nobody (no other moderator to ask: kept open) | not_yours | already | over."""
        outcome = await self.can_appeal(user_id, kind, record_id)
        record = await self._record(kind, record_id)
        if outcome != "ok" or record is None:
            return outcome
        # Who decides may mean asking Telegram for the admins: before the transaction.
        deciders = await self._deciders(record.chat_id, user_id, record.by_id)
        async with self.repo.db.transaction():
            appeal = await self.repo.add(
                record.chat_id, user_id, kind, record_id, record.by_id, clip(words, WORDS_LIMIT)
            )
            if appeal is None:
                return "already"
            await self.audit.record(record.chat_id, user_id, "appeal")
            asked = 0
            for decider in deciders:
                asked += await self._ask(decider, appeal, record)
        log.info("appeal sent", extra={"appeal_id": appeal.id, "deciders": asked})
        return "ok" if asked else "nobody"

    async def _admins_only(self, appeal: Appeal) -> bool:
        """A moderator's own case: only an admin could have sanctioned them, so only an admin
        may undo it."""
        return await self.communities.is_moderator(appeal.chat_id, appeal.user_id)

    async def _deciders(self, chat_id: int, user_id: int, by_id: int | None) -> list[int]:
        """The community's admins and moderators but the one who acted (`by_id`) and the
        member; the bot's owners only when there is nobody else. May ask Telegram for the
        admins: call it before a transaction."""
        people = list(await self.permissions.admins(chat_id))
        if not await self.communities.is_moderator(chat_id, user_id):  # see _admins_only
            moderators = await self.communities.moderators(chat_id)
            people += [m for m in moderators if m not in people]
        found = [p for p in people if p not in (by_id, user_id)]
        if not found:
            owners = self.permissions.owner_ids
            found = [p for p in sorted(owners) if p not in (by_id, user_id)]
        return found

    async def _ask(self, decider_id: int, appeal: Appeal, record: Warning | Sanction) -> bool:
        """Whether the decider could be asked (they started the bot and did not block it)."""
        user = await self.users.get(decider_id)
        community = await self.communities.get(appeal.chat_id)
        if user is None or user.blocked_at is not None or community is None:
            return False
        await self.notifier.appeal_asked(user, appeal, record, community)
        return True

    async def offer_open(self, chat_id: int, moderator_id: int) -> int:
        """A newly appointed moderator is asked about the appeals still waiting (those nobody
        could be asked about, say); how many."""
        asked = 0
        async with self.repo.db.transaction():  # asked of all of them, or of none
            for appeal in await self.repo.open_in(chat_id):
                if moderator_id in (appeal.by_id, appeal.user_id) or await self._admins_only(
                    appeal
                ):
                    continue
                record = await self._record(appeal.kind, appeal.record_id)
                if record is not None and self.sanctions.repo.in_force(record):
                    asked += await self._ask(moderator_id, appeal, record)
        return asked

    async def decide(self, appeal_id: int, decider_id: int, action: str) -> str:
        """done | gone | not_allowed | own | already | a Refused value (Telegram said no)."""
        appeal = await self.repo.get(appeal_id)
        if appeal is None or action not in ("lift", "keep"):
            return "gone"
        role = await self.permissions.role(appeal.chat_id, Actor(decider_id))
        needed = Role.ADMIN if await self._admins_only(appeal) else Role.MODERATOR
        if role < needed:
            return "not_allowed"  # owners count as admins everywhere
        if decider_id in (appeal.by_id, appeal.user_id):
            return "own"  # nobody reviews their own decision, or their own case
        if appeal.status not in ("open", "deciding") or not await self.repo.claim(
            appeal.id, decider_id
        ):
            return "already"
        status = "lifted" if action == "lift" else "kept"
        if action == "lift" and appeal.kind != "warn":
            # Telegram lifts it first (outside any transaction; the appeal stays claimed
            # meanwhile), and only then is the appeal decided: a refusal reopens it.
            outcome = await self._lift(appeal, Actor(decider_id))
            if outcome == "over":
                status = "over"  # ended by itself or replaced by a newer one: nothing lifted
            elif outcome != "done":
                await self.repo.reopen(appeal.id)
                return outcome
        async with self.repo.db.transaction():
            if action == "lift" and appeal.kind == "warn":  # no Telegram: with the decision
                await self.sanctions.repo.revoke(appeal.record_id)
            await self.repo.decide(appeal.id, status)
            await self.audit.record(appeal.chat_id, decider_id, f"appeal-{status}", appeal.user_id)
            await self._tell_decision(appeal, status, decider_id)
        return "over" if status == "over" else "done"

    async def _lift(self, appeal: Appeal, actor: Actor) -> str:
        """A mute or ban lifted in Telegram and on record (a warning is revoked in decide)."""
        record = await self.sanctions.repo.sanction(appeal.record_id)
        if record is None or not self.sanctions.repo.in_force(record):
            return "over"
        refused = await self.sanctions.lift(
            appeal.chat_id, actor, appeal.user_id, appeal.kind, checked=True
        )
        if refused is None or refused is Refused.NOTHING:
            return "done"
        return refused.value

    async def _tell_decision(self, appeal: Appeal, status: str, decider_id: int) -> None:
        community = await self.communities.get(appeal.chat_id)
        title = community.title if community else ""
        member = await self.users.get(appeal.user_id)
        if member is not None and member.blocked_at is None:
            await self.notifier.member_told_decision(appeal, status, title)
        if appeal.by_id is None or status == "over":
            return
        moderator = await self.users.get(appeal.by_id)
        if moderator is None or moderator.blocked_at is not None:
            return
        await self.notifier.moderator_told_decision(appeal, status, title, decider_id)
