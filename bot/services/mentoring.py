"""Mentoring: members offer it in topics, with a monthly capacity; a mentee finds a mentor in
their communities and writes a short request; the mentor accepts or declines; an accepted pair
is introduced to each other and asked two weeks later whether they met.

The rules only: who may ask whom, capacity, the state of a request, the timer. What people see
(the request with its buttons, the introductions, the question whether they met) and its
delivery through the outbox is bot/views/mentoring.py, told through `MentoringNotifier`."""

from __future__ import annotations

import logging
from enum import Enum
from typing import Protocol

from bot.repos.communities import CommunitiesRepo
from bot.repos.mentoring import Mentor, MentoringRepo, MentorRequest
from bot.repos.users import User, UsersRepo
from bot.scheduler import Scheduler, TimerArgs
from bot.texts import starts_words, words

log = logging.getLogger(__name__)

MONTH = 30 * 86400.0
CHECKIN_AFTER = 14 * 86400.0
PENDING_LIMIT = 3  # requests a mentee may have waiting at once
# An unanswered request stops holding the mentee's place after this (the mentor may still
# accept it).
PENDING_LAPSES = 14 * 86400.0
TOPICS_LIMIT = 200
MESSAGE_LIMIT = 500
CAPACITIES = (1, 2, 3, 5)


class Mentoring(Enum):
    DONE = "done"
    NOT_ALLOWED = "not_allowed"
    ALREADY = "already"
    TOO_MANY = "too_many"
    FULL = "full"  # the mentor took as many this month as they offered
    GONE = "gone"


class MentoringNotifier(Protocol):
    """What the service tells the mentor and the mentee, named for what happened; the views
    decide how it reads and queue it."""

    async def mentor_asked(
        self, request_id: int, mentor_id: int, mentee_id: int, topic: str, message: str
    ) -> None:
        """A new request for the mentor, to accept or decline."""
        ...

    async def request_declined(self, request: MentorRequest) -> None:
        """The mentee hears a kind "no"."""
        ...

    async def request_accepted(self, request: MentorRequest) -> None:
        """Both are introduced to each other."""
        ...

    async def met_asked(self, request: MentorRequest, user: User, other_id: int) -> None:
        """Two weeks on: did `user` meet the other one?"""
        ...


class MentoringService:
    def __init__(
        self,
        repo: MentoringRepo,
        users: UsersRepo,
        communities: CommunitiesRepo,
        *,
        scheduler: Scheduler,
        notifier: MentoringNotifier,
    ) -> None:
        self.repo = repo
        self.users = users
        self.communities = communities
        self.scheduler = scheduler
        self.notifier = notifier

    async def _name(self, user_id: int) -> str:
        user = await self.users.get(user_id)
        return (user.first_name if user else None) or ""

    async def _has_room(self, mentor: Mentor) -> bool:
        taken = await self.repo.accepted_since(mentor.user_id, self.repo.clock.time() - MONTH)
        return taken < mentor.capacity

    async def find(self, user_id: int, topic: str) -> list[tuple[Mentor, str]]:
        """Mentors in the person's communities with room this month whose topics start with
        every word asked (all of them when nothing is asked), with their first names."""
        asked = words(topic)
        found = []
        for _, mentor in await self.repo.mentors_near(user_id):
            if not starts_words(asked, mentor.topics):
                continue
            if await self._has_room(mentor):
                found.append((mentor, await self._name(mentor.user_id)))
        return found

    async def ask(self, mentee_id: int, mentor_id: int, topic: str, message: str) -> Mentoring:
        # The checks, the request and its notice in one transaction (as every change here).
        async with self.repo.db.transaction():
            near = {m.user_id: chat_id for chat_id, m in await self.repo.mentors_near(mentee_id)}
            mentor = await self.repo.mentor(mentor_id)
            if mentor_id not in near or mentor is None or not mentor.active:
                return Mentoring.NOT_ALLOWED
            since = self.repo.clock.time() - PENDING_LAPSES
            if await self.repo.open_between(mentor_id, mentee_id, since) is not None:
                return Mentoring.ALREADY
            if len(await self.repo.pending_of(mentee_id, since)) >= PENDING_LIMIT:
                return Mentoring.TOO_MANY
            if not await self._has_room(mentor):
                return Mentoring.FULL
            request_id = await self.repo.add_request(
                mentor_id, mentee_id, near[mentor_id], topic, message
            )
            await self.notifier.mentor_asked(request_id, mentor_id, mentee_id, topic, message)
            log.info("mentoring requested", extra={"request_id": request_id})
            return Mentoring.DONE

    async def decide(self, request_id: int, mentor_id: int, accept: bool) -> Mentoring:
        async with self.repo.db.transaction():
            request = await self.repo.request(request_id)
            if request is None:
                return Mentoring.GONE
            if request.mentor_id != mentor_id:
                return Mentoring.NOT_ALLOWED
            mentor = await self.repo.mentor(mentor_id)
            if accept and mentor is None:  # they stopped mentoring: their requests were declined
                return Mentoring.GONE
            if accept and mentor is not None and not await self._has_room(mentor):
                return Mentoring.FULL
            if not await self.repo.decide(request_id, "accepted" if accept else "declined"):
                return Mentoring.ALREADY
            if accept:
                await self._introduce(request)
            else:
                await self.notifier.request_declined(request)
            return Mentoring.DONE

    async def mentor(self, user_id: int) -> Mentor | None:
        """The person's own offer, if they made one."""
        return await self.repo.mentor(user_id)

    async def offer(self, user_id: int, topics: str, capacity: int) -> None:
        """A new offer, or new topics and capacity for one (active again)."""
        await self.repo.save_mentor(user_id, topics, capacity)

    async def set_active(self, user_id: int, active: bool) -> Mentor | None:
        """Pause or resume the offer; the offer as it is now (None: there is none)."""
        await self.repo.set_active(user_id, active)
        return await self.repo.mentor(user_id)

    async def stop(self, mentor_id: int) -> None:
        """The mentor leaves: whoever still waits for an answer hears a kind "no"."""
        async with self.repo.db.transaction():
            for request in await self.repo.waiting_for(mentor_id):
                await self.decide(request.id, mentor_id, accept=False)
            await self.repo.delete_mentor(mentor_id)

    async def _introduce(self, request: MentorRequest) -> None:
        """Both get the other's name as a link; two weeks on, both are asked if they met."""
        await self.notifier.request_accepted(request)
        await self.scheduler.add_timer(
            "mentor_checkin",
            {"request_id": request.id},
            self.repo.clock.time() + CHECKIN_AFTER,
            grace=7 * 86400,
            dedupe_key=f"mentor_checkin:{request.id}",
        )

    async def checkin_due(self, args: TimerArgs, lateness: float) -> None:
        await self.checkin(int(args["request_id"]))

    async def checkin(self, request_id: int) -> None:
        request = await self.repo.request(request_id)
        if request is None or request.status != "accepted" or request.met is not None:
            return
        for me, other in (
            (request.mentee_id, request.mentor_id),
            (request.mentor_id, request.mentee_id),
        ):
            user = await self.users.get(me)
            if user is None or user.blocked_at is not None:
                continue
            await self.notifier.met_asked(request, user, other)

    async def answer_met(self, request_id: int, user_id: int, met: bool) -> Mentoring:
        request = await self.repo.request(request_id)
        if request is None or request.status != "accepted":
            return Mentoring.GONE
        if user_id not in (request.mentor_id, request.mentee_id):
            return Mentoring.NOT_ALLOWED
        if met or request.met is None:
            await self.repo.set_met(request_id, met)
        return Mentoring.DONE
