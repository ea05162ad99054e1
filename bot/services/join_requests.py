"""Join requests: where a group approves new members (an invite link that creates join
requests, or a public group with "approve new members") and the community checks newcomers, the
check moves to the request. The bot writes the person privately — Telegram allows it for five
minutes after the request, until it is handled — with the rules and, when the community set one,
its question. Accepting the rules approves the request; with a question, the answer goes to the
moderators, whose Approve / Decline settles it. Not done within the community's time, or
withdrawn, it is declined. A request an admin handled in the app meanwhile is taken as handled.
The deadline is a timer in the database, so a restart lets nobody through and forgets nobody.

The rules only: who may decide, the deadline, what each step does. The prompt, the moderators'
cards and the notices are bot/views/join_requests.py, told through `JoinRequestNotifier`;
Telegram approves and declines through `ChatActions` (bot/telegram.py)."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from enum import Enum
from typing import Protocol

from bot.repos.communities import CommunitiesRepo, Community
from bot.repos.join_requests import CLAIM_TIMEOUT, JoinRequest, JoinRequestsRepo
from bot.repos.users import UsersRepo
from bot.scheduler import Scheduler, TimerArgs
from bot.services.audit import AuditLog
from bot.services.chat_actions import ActionRefused, ChatActions
from bot.services.community_settings import (
    GATE_MINUTES,
    GATE_ON,
    JOIN_QUESTION,
    CommunitySettings,
)
from bot.services.log_chat import LogChat
from bot.services.permissions import Actor, Permissions, Role
from bot.texts import clip

log = logging.getLogger(__name__)

WINDOW = 300.0  # seconds Telegram lets the bot write to the person (ChatJoinRequest.user_chat_id)
ANSWER_LIMIT = 1000


class Outcome(Enum):
    APPROVED = "approved"  # in the group now (or already were)
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    QUESTION = "question"  # the rules accepted; the question awaits its answer
    REVIEW = "review"  # answered: the moderators decide
    DONE = "done"  # decided already, here or in Telegram
    LATE = "late"
    NOT_YOURS = "not_yours"
    NOT_ALLOWED = "not_allowed"
    FAILED = "failed"  # Telegram refused (the bot's rights, say): nothing changed


# What a request's final status means to the one who tried to decide it.
_OUTCOMES = {
    "approved": Outcome.APPROVED,
    "joined": Outcome.APPROVED,
    "declined": Outcome.DECLINED,
    "expired": Outcome.DECLINED,
    "withdrawn": Outcome.WITHDRAWN,
    "gone": Outcome.DONE,
}


class Prompt(Enum):
    """What the person's message with the rules says now."""

    QUESTION = "question"  # the rules accepted: the community's question, and "Answer"
    ACCEPTED = "accepted"
    STUCK = "stuck"  # accepted, but Telegram refused the bot: the admins decide in the app
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class JoinRequestNotifier(Protocol):
    """What the service tells people, named for what happened; the views decide how it reads.
    Each call but `prompt_changed` is inside the service's transaction."""

    async def person_asked(
        self, request: JoinRequest, community: Community, minutes: int, expires_at: float
    ) -> None:
        """The rules (and the question) privately; worth sending only until `expires_at`."""
        ...

    async def prompt_changed(self, request: JoinRequest, now: Prompt) -> None:
        """Best effort, and at once: once the request is handled the bot may no longer write
        to someone who never started it."""
        ...

    async def answer_to_review(self, request: JoinRequest, chats: Sequence[int]) -> None:
        """The answer, with Approve / Decline, to each of `chats`."""
        ...

    async def request_settled(
        self, request: JoinRequest, community: Community, cards: Sequence[tuple[int, int]]
    ) -> None:
        """Each (chat, message) card shows what became of the request."""
        ...

    async def person_told_decision(self, request: JoinRequest, community: Community) -> None: ...

    async def request_forgotten(
        self, request: JoinRequest, community: Community, cards: Sequence[tuple[int, int]]
    ) -> None:
        """/forget: the cards lose the person's name and answer."""
        ...


class JoinRequestService:
    def __init__(
        self,
        repo: JoinRequestsRepo,
        communities: CommunitiesRepo,
        users: UsersRepo,
        settings: CommunitySettings,
        permissions: Permissions,
        audit: AuditLog,
        log_chat: LogChat,
        *,
        actions: ChatActions,
        scheduler: Scheduler,
        notifier: JoinRequestNotifier,
    ) -> None:
        self.repo = repo
        self.communities = communities
        self.users = users
        self.settings = settings
        self.permissions = permissions
        self.audit = audit
        self.log_chat = log_chat
        self.actions = actions
        self.scheduler = scheduler
        self.notifier = notifier

    # --- the person ---

    async def requested(
        self, chat_id: int, user_id: int, user_chat_id: int, name: str, sent_at: float
    ) -> bool:
        """A chat_join_request: the person gets the rules (and the question) privately. False
        when the community does not check newcomers: the request is left to its admins."""
        community = await self.communities.get(chat_id)
        if (
            community is None
            or not community.active
            or not await self.settings.get(chat_id, GATE_ON)
        ):
            return False
        now = self.repo.clock.time()
        minutes = int(await self.settings.get(chat_id, GATE_MINUTES))
        question = str(await self.settings.get(chat_id, JOIN_QUESTION)).strip() or None
        # Telegram's window runs from the request (its wall-clock date), however late it came.
        window = max(0.0, WINDOW - max(0.0, time.time() - sent_at))
        # One transaction with the update's "handled" mark: the request, its deadline and the
        # message to the person are stored together or not at all — never sent twice.
        async with self.repo.db.transaction():
            request, _ = await self.repo.add(
                chat_id, user_id, user_chat_id, name, question, now + minutes * 60
            )
            await self.scheduler.add_timer(
                "join_request_deadline",
                {"id": request.id},
                request.deadline,
                grace=7 * 86400,
                dedupe_key=f"jr-deadline:{request.id}",
                user_id=user_id,
            )
            # Past the window Telegram refuses it: not worth trying.
            await self.notifier.person_asked(request, community, minutes, now + window)
        log.info("join request asked", extra={"request_id": request.id})
        return True

    async def prompt_sent(self, request_id: int, message_id: int) -> None:
        await self.repo.set_prompt(request_id, message_id)

    async def _own(self, request_id: int, user_id: int) -> JoinRequest | Outcome:
        """The presser's own request, still theirs to act on."""
        request = await self.repo.get(request_id)
        if request is None or request.user_id != user_id:
            return Outcome.NOT_YOURS
        if not request.open:
            return Outcome.DONE
        return request

    async def accept(self, request_id: int, user_id: int) -> Outcome:
        """ "I accept the rules": approved at once, or, with a question, on to it."""
        request = await self._own(request_id, user_id)
        if isinstance(request, Outcome):
            return request
        if request.status != "asked" or request.rules_accepted_at is not None:
            return {"answering": Outcome.QUESTION, "review": Outcome.REVIEW}.get(
                request.status, Outcome.DONE
            )
        if self.repo.clock.time() > request.deadline:
            return Outcome.LATE
        if request.question:
            if not await self.repo.accept_rules(request.id, "answering"):
                return Outcome.DONE
            await self.notifier.prompt_changed(request, Prompt.QUESTION)
            return Outcome.QUESTION
        # Saved before Telegram lets them in: their arrival then finds the rules accepted and
        # the welcome does not ask again.
        if not await self.repo.accept_rules(request.id, "asked"):
            return Outcome.DONE
        await self.notifier.prompt_changed(request, Prompt.ACCEPTED)
        outcome = await self._carry_out(request, True, "approved", None)
        if outcome is Outcome.FAILED:
            await self.notifier.prompt_changed(request, Prompt.STUCK)
        return outcome

    async def withdraw(self, request_id: int, user_id: int) -> Outcome:
        request = await self._own(request_id, user_id)
        if isinstance(request, Outcome):
            return request
        await self.notifier.prompt_changed(request, Prompt.WITHDRAWN)
        return await self._carry_out(request, False, "withdrawn", None)

    async def answer(self, request_id: int, user_id: int, text: str) -> Outcome:
        """The answer to the community's question: on to the moderators."""
        request = await self._own(request_id, user_id)
        if isinstance(request, Outcome):
            return request
        if request.status != "answering":
            return Outcome.DONE
        if self.repo.clock.time() > request.deadline:
            return Outcome.LATE
        chats = await self._card_chats(request)  # may ask Telegram: before the transaction
        # The answer and its cards are stored together: the moderators hear of it once.
        async with self.repo.db.transaction():
            if not await self.repo.answer(request.id, clip(text, ANSWER_LIMIT)):
                return Outcome.DONE
            answered = await self.repo.get(request.id)
            assert answered is not None
            await self.notifier.answer_to_review(answered, chats)
        return Outcome.REVIEW

    async def deadline_due(self, args: TimerArgs, lateness: float) -> None:
        await self.deadline(int(args["id"]))

    async def deadline(self, request_id: int) -> None:
        """Time is up: a request whose rules were not accepted (or question not answered) is
        declined. One in the moderators' hands waits for them.

        The "join_request_deadline" timer runs outside a transaction (it calls Telegram), and
        again after a restart until it returns; a decision found in flight (someone else's, or
        one a restart cut off) is looked at again once its claim may be taken over."""
        request = await self.repo.get(request_id)
        if request is None or request.status not in ("asked", "answering"):
            return
        if request.status == "asked" and request.rules_accepted_at is not None:
            return  # accepted, but Telegram refused the bot: the admins decide in the app
        await self.notifier.prompt_changed(request, Prompt.EXPIRED)
        if await self._carry_out(request, False, "expired", None) is Outcome.DONE:
            await self._look_again(request_id)

    async def _look_again(self, request_id: int) -> None:
        """A request still open but claimed: if that decision never finishes, the deadline
        takes it over when the claim runs out."""
        request = await self.repo.get(request_id)
        if request is None or not request.open or request.claimed_at is None:
            return
        await self.scheduler.add_timer(
            "join_request_deadline",
            {"id": request.id},
            request.claimed_at + CLAIM_TIMEOUT + 1,
            grace=7 * 86400,
            dedupe_key=f"jr-deadline:{request.id}:{int(request.claimed_at)}",
            user_id=request.user_id,
        )

    # --- the moderators ---

    async def _card_chats(self, request: JoinRequest) -> list[int]:
        """The community's log chat; without one, its admins and moderators privately."""
        log_chat = await self.log_chat.chat_of(request.chat_id)
        if log_chat is not None:
            return [log_chat]
        people = list(await self.permissions.admins(request.chat_id))
        people += [m for m in await self.communities.moderators(request.chat_id) if m not in people]
        chats = []
        for person in people:
            user = await self.users.get(person)
            if user is not None and user.blocked_at is None and person != request.user_id:
                chats.append(person)
        return chats

    async def card_sent(self, request_id: int, chat_id: int, message_id: int) -> None:
        await self.repo.add_card(request_id, chat_id, message_id)

    async def pressed_where(self, request_id: int, chat_id: int, user_id: int) -> bool:
        """A card's buttons work in the presser's private chat and in the community's log chat
        (the presser's rights are checked again either way)."""
        if chat_id == user_id:
            return True
        request = await self.repo.get(request_id)
        return request is not None and await self.log_chat.chat_of(request.chat_id) == chat_id

    async def decide(
        self, request_id: int, moderator_id: int, approve: bool, card: tuple[int, int] | None
    ) -> Outcome:
        """A moderator's Approve / Decline under a card (`card`: the one pressed, updated by
        the caller)."""
        request = await self.repo.get(request_id)
        if request is None:
            return Outcome.DONE
        if await self.permissions.role(request.chat_id, Actor(moderator_id)) < Role.MODERATOR:
            return Outcome.NOT_ALLOWED
        if request.status != "review":
            return Outcome.DONE
        status = "approved" if approve else "declined"
        return await self._carry_out(request, approve, status, moderator_id, card)

    # --- deciding ---

    async def _carry_out(
        self,
        request: JoinRequest,
        approve: bool,
        status: str,
        by: int | None,
        card: tuple[int, int] | None = None,
    ) -> Outcome:
        """Tell Telegram the decision, once: the request is claimed first, so a second press,
        another moderator or the deadline cannot decide it too."""
        if not await self.repo.claim(request.id, (request.status,)):
            return Outcome.DONE
        try:
            if approve:
                await self.actions.approve_join_request(request.chat_id, request.user_id)
            else:
                await self.actions.decline_join_request(request.chat_id, request.user_id)
        except ActionRefused as error:
            text = error.message.upper()
            if "USER_ALREADY_PARTICIPANT" in text:
                status = "joined"  # added by an admin meanwhile
            elif "HIDE_REQUESTER_MISSING" in text:
                status = "gone"  # an admin decided in the app, or the person cancelled
            else:
                await self.repo.release(request.id)
                log.warning("join request not decided", extra={"error": error.message})
                return Outcome.FAILED
        # Telegram has decided: the outcome, the audit entry and the cards' news commit as one.
        async with self.repo.db.transaction():
            if not await self.repo.settle(request.id, status, by):
                return Outcome.DONE
            decided = await self.repo.get(request.id)
            if decided is not None:
                await self._decided(decided, card)
        return _OUTCOMES[status]

    async def _decided(self, request: JoinRequest, card: tuple[int, int] | None = None) -> None:
        """The audit log, the other cards, and the person when moderators decided."""
        if request.status == "expired":
            await self.audit.record(request.chat_id, None, "join-expired", request.user_id)
        elif request.status in ("approved", "declined") and request.decided_by is not None:
            await self.audit.record(
                request.chat_id, request.decided_by, f"join-{request.status}", request.user_id
            )
        community = await self.communities.get(request.chat_id)
        if community is None:
            return
        # The pressed card: its presser's answer updates it at once.
        cards = [c for c in await self.repo.cards(request.id) if c != card]
        await self.notifier.request_settled(request, community, cards)
        if request.status in ("approved", "declined") and request.decided_by is not None:
            # They answered the question, so they have written to the bot: it may write back.
            await self.notifier.person_told_decision(request, community)

    async def member_joined(self, chat_id: int, user_id: int) -> None:
        """The person is in the group: an open request of theirs was approved elsewhere (an
        admin in the app), or they were added meanwhile."""
        async with self.repo.db.transaction():  # closed with its audit line and notices
            request = await self.repo.close_open(chat_id, user_id, "joined")
            if request is not None:
                await self._decided(request)

    async def take_down(self, user_id: int) -> None:
        """/forget: the moderators' cards of the person's requests lose their name and answer."""
        async with self.repo.db.transaction():  # every card's edit queued, or none
            for request in await self.repo.of_user(user_id):
                community = await self.communities.get(request.chat_id)
                if community is None:
                    continue
                await self.notifier.request_forgotten(
                    request, community, await self.repo.cards(request.id)
                )
