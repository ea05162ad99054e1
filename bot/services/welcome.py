"""Newcomers: one welcome for everyone who joined within a few seconds (a wave of joins is one
message, deleted after a while), with "Read the rules"; and, when the community gates joining,
read-only until the newcomer presses "I accept the rules" — a human check that also stops spam
bots. The deadline is a timer in the database, so a restart does not let anyone through.

Past the deadline the newcomer is removed, or — where the community keeps them — stays
read-only: the moderators hear who, and the newcomer is told privately how to get out. A held
newcomer can always get out: "I accept the rules" comes with the rules wherever they see them
(the welcome, /rules, /start in private), and it works late too where they were kept.

The rules only: who is held, the deadline, what accepting does. The welcome and the notices are
bot/views/welcome.py, told through `WelcomeNotifier`; Telegram restricts and removes through
`ChatActions` (bot/telegram.py)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from enum import Enum
from typing import Protocol

from bot.repos.communities import CommunitiesRepo, Community
from bot.repos.join_requests import JoinRequestsRepo
from bot.repos.newcomers import HELD, NewcomersRepo
from bot.repos.sanctions import SanctionsRepo
from bot.repos.users import User, UsersRepo
from bot.scheduler import Scheduler, TimerArgs
from bot.services.audit import AuditLog
from bot.services.chat_actions import ActionRefused, ChatActions
from bot.services.community_settings import (
    GATE_FAIL,
    GATE_MINUTES,
    GATE_ON,
    WELCOME_MINUTES,
    WELCOME_ON,
    CommunitySettings,
)

log = logging.getLogger(__name__)

BATCH_SECONDS = 10.0  # joins within this window share one welcome


class Gate(Enum):
    PASSED = "passed"
    NOT_YOURS = "not_yours"  # the presser is not held here (not a newcomer, or left since)
    LATE = "late"  # past the deadline where the community removes newcomers
    FAILED = "failed"  # Telegram refused to lift the restriction


class WelcomeNotifier(Protocol):
    """What the service tells people, named for what happened; the views decide how it reads.
    `at`: when (epoch seconds), which tells one welcome or notice from the next."""

    async def newcomers_greeted(
        self, community: Community, people: Sequence[tuple[int, str, bool]], gated: bool, at: int
    ) -> None:
        """One welcome for `people` (id, name, held by the gate); `gated`: any of them is."""
        ...

    async def newcomer_kept(self, community: Community, user: User, at: int) -> None:
        """Past the deadline and kept read-only: told privately how to get out."""
        ...


class WelcomeService:
    def __init__(
        self,
        repo: NewcomersRepo,
        sanctions: SanctionsRepo,
        communities: CommunitiesRepo,
        settings: CommunitySettings,
        audit: AuditLog,
        join_requests: JoinRequestsRepo,
        users: UsersRepo,
        *,
        actions: ChatActions,
        scheduler: Scheduler,
        notifier: WelcomeNotifier,
    ) -> None:
        self.repo = repo
        self.sanctions = sanctions
        self.communities = communities
        self.settings = settings
        self.audit = audit
        self.join_requests = join_requests
        self.users = users
        self.actions = actions
        self.scheduler = scheduler
        self.notifier = notifier

    async def joined(self, chat_id: int, user_id: int, name: str) -> None:
        welcome = bool(await self.settings.get(chat_id, WELCOME_ON))
        # Who accepted the rules with their join request is not asked again in the group.
        gated = bool(await self.settings.get(chat_id, GATE_ON)) and not (
            await self.join_requests.rules_accepted(chat_id, user_id)
        )
        if not welcome and not gated:
            return
        now = self.repo.clock.time()
        deadline = now + int(await self.settings.get(chat_id, GATE_MINUTES)) * 60 if gated else None
        window = int(now // BATCH_SECONDS)
        async with self.repo.db.transaction():
            if not await self.repo.joined(chat_id, user_id, name, deadline):
                return  # the same join, seen twice (a service message and a member update)
            if gated:
                await self.scheduler.add_timer(
                    "gate_deadline",
                    {"chat_id": chat_id, "user_id": user_id, "deadline": int(deadline or 0)},
                    deadline or now,
                    grace=7 * 86400,
                    dedupe_key=f"gate:{chat_id}:{user_id}:{int(deadline or 0)}",
                    user_id=user_id,
                )
            await self.scheduler.add_timer(
                "welcome_batch",
                {"chat_id": chat_id},
                (window + 1) * BATCH_SECONDS,
                grace=3600,
                dedupe_key=f"welcome:{chat_id}:{window}",
            )
        if gated:
            # Restricted after the commit, outside the transaction: a crash between the two
            # leaves a deadline that finds nobody to remove, never someone muted for good.
            try:
                await self.actions.mute(chat_id, user_id)
            except ActionRefused as error:
                # Without the right the gate cannot hold anyone: greet them as usual.
                log.warning("gate cannot restrict", extra={"error": error.message})
                await self.repo.settle_gate(chat_id, user_id, "passed")

    async def greet_due(self, args: TimerArgs, lateness: float) -> None:
        await self.greet(int(args["chat_id"]))

    async def greet(self, chat_id: int) -> None:
        """One message for everyone who joined since the last one."""
        async with self.repo.db.transaction():  # taken as greeted only with the welcome queued
            people = await self.repo.take_unwelcomed(chat_id)
            community = await self.communities.get(chat_id)
            if not people or community is None:
                return
            gated = any(g for _, _, g in people)
            now = int(self.repo.clock.time())
            await self.notifier.newcomers_greeted(community, people, gated, now)

    async def welcome_sent(self, chat_id: int, message_id: int) -> None:
        """A welcome is in the group (told by the views once it is sent)."""
        # Greetings are for the moment: gone after a while, so the group is not cluttered.
        minutes = int(await self.settings.get(chat_id, WELCOME_MINUTES))
        gate_minutes = int(await self.settings.get(chat_id, GATE_MINUTES))
        lifetime = max(minutes, gate_minutes if await self.settings.get(chat_id, GATE_ON) else 0)
        await self.scheduler.add_timer(
            "delete_message",
            {"chat_id": chat_id, "message_id": message_id},
            self.repo.clock.time() + lifetime * 60,
            grace=2 * 86400,
            dedupe_key=f"delete:{chat_id}:{message_id}",
        )

    async def _refusal(self, chat_id: int, user_id: int) -> Gate | None:
        """Why "I accept the rules" from this person would not let them write here; None: it
        would (in time, or late where the community keeps newcomers read-only)."""
        gate, deadline = await self.repo.gate(chat_id, user_id)
        if gate not in HELD:
            return Gate.NOT_YOURS
        membership = await self.communities.membership(chat_id, user_id)
        if membership is not None and not membership.active:
            return Gate.NOT_YOURS  # left the group since: joining again starts over
        past = deadline is not None and self.repo.clock.time() > deadline
        if gate == "pending" and past and await self.settings.get(chat_id, GATE_FAIL) != "keep":
            return Gate.LATE
        return None

    async def held(self, chat_id: int, user_id: int) -> bool:
        """Whether "I accept the rules" belongs beside the rules this person sees."""
        return await self._refusal(chat_id, user_id) is None

    async def held_in(self, user_id: int) -> list[int]:
        """The groups where "I accept the rules" would let the person write."""
        return [c for c in await self.repo.held_in(user_id) if await self.held(c, user_id)]

    async def anyone_held(self, chat_id: int) -> bool:
        """Whether someone in the group is still read-only by the rules check (rules shown in
        the group then carry the button; it works only for them)."""
        return await self.repo.anyone_held(chat_id)

    async def accept(self, chat_id: int, user_id: int) -> Gate:
        refusal = await self._refusal(chat_id, user_id)
        if refusal is not None:
            return refusal
        gate, _ = await self.repo.gate(chat_id, user_id)
        # A moderator's mute outlives leaving and coming back: accepting the rules keeps it.
        mute = await self.sanctions.active(chat_id, user_id, "mute")
        try:
            if mute is not None:
                until = int(mute.until) if mute.until else None
                await self.actions.mute(chat_id, user_id, until)
            else:
                await self.actions.unmute(chat_id, user_id)
        except ActionRefused as error:
            log.warning("gate cannot lift", extra={"error": error.message})
            return Gate.FAILED
        # Telegram first, outside the transaction: the gate is settled only once the
        # restriction is gone (a failure leaves the person held, and the button works again).
        async with self.repo.db.transaction():
            settled = await self.repo.settle_gate(chat_id, user_id, "passed", held=HELD)
            if settled and gate == "kept":
                # The moderators heard this person stayed read-only: they hear the end too.
                await self.audit.record(chat_id, user_id, "gate-accepted-late")
        return Gate.PASSED

    async def gate_due(self, args: TimerArgs, lateness: float) -> None:
        await self.deadline(int(args["chat_id"]), int(args["user_id"]), int(args["deadline"]))

    async def deadline(self, chat_id: int, user_id: int, deadline: int) -> None:
        """The "gate_deadline" timer, run outside a transaction (it calls Telegram) and again
        after a restart until it returns: the gate's own state says what is done, and the
        removal (ban, unban) is safe to repeat."""
        gate, planned = await self.repo.gate(chat_id, user_id)
        if gate != "pending" or planned is None or int(planned) != deadline:
            return  # accepted, or joined again since
        db = self.repo.db
        if await self.settings.get(chat_id, GATE_FAIL) == "keep":
            async with db.transaction():
                if await self.repo.settle_gate(chat_id, user_id, "kept", deadline=deadline):
                    await self.audit.record(chat_id, None, "gate-kept", user_id)
                    await self._tell_kept(chat_id, user_id)
            return
        try:
            # Removed, not banned: they may join again and accept this time.
            await self.actions.ban(chat_id, user_id)
            await self.actions.unban(chat_id, user_id)
        except ActionRefused as error:
            log.warning("gate cannot remove", extra={"error": error.message})
            return
        async with db.transaction():
            # Only this join's gate: one who came back meanwhile starts over.
            if await self.repo.settle_gate(chat_id, user_id, "removed", deadline=deadline):
                await self.audit.record(chat_id, None, "gate-removed", user_id)

    async def _tell_kept(self, chat_id: int, user_id: int) -> None:
        """The newcomer's private notice: still read-only, the rules, and the way out. Only to
        someone the bot knows and who did not block it; one who never started the bot is
        refused by Telegram, and can still get out through /start or the rules in the group."""
        user = await self.users.get(user_id)
        community = await self.communities.get(chat_id)
        if user is None or user.blocked_at is not None or community is None:
            return
        await self.notifier.newcomer_kept(community, user, int(self.repo.clock.time()))
