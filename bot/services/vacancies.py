"""Vacancies: a member shares one (typed field by field, or pasted whole and read), the group
gets a consistent card with hashtags first, within limits against noise and without
duplicates.

The rules only: who may act, state changes, timers. What people see (the card, its buttons,
deep links) and its delivery through the outbox is bot/views/vacancies.py, told what happened
through `VacancyNotifier`."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from bot.repos.communities import CommunitiesRepo, Community
from bot.repos.job_searches import JobSearch, JobSearchesRepo
from bot.repos.jobs_search import JobFilters, JobsSearch
from bot.repos.users import User, UsersRepo
from bot.repos.vacancies import VacanciesRepo, Vacancy
from bot.scheduler import Scheduler, TimerArgs
from bot.services.community_settings import (
    VACANCIES_PER_DAY,
    VACANCIES_PREMODERATION,
    CommunitySettings,
)
from bot.services.permissions import Action, Actor, Permissions, Voice
from bot.services.vacancy_text import Salary

log = logging.getLogger(__name__)

DAY = 86400.0
DUPLICATE_WINDOW = 30 * DAY
DEFAULT_EXPIRY_DAYS = 30
ASK_BEFORE = 3 * DAY  # "still open?" this long before the end
TIMER_GRACE = 30 * 86400  # late after downtime is still right: each timer re-checks the state


@dataclass(frozen=True)
class VacancyDraft:
    title: str
    company: str
    location: str
    city: str
    employment: str
    level: str
    salary: Salary | None
    tags: tuple[str, ...]
    description: str
    link: str
    can_refer: bool
    expiry_days: int = DEFAULT_EXPIRY_DAYS


class Posted(Enum):
    DONE = "done"
    NOT_ALLOWED = "not_allowed"
    TOO_MANY = "too_many"
    DUPLICATE = "duplicate"
    SILENCED = "silenced"  # may not write in the group now, so the bot does not for them
    GONE = "gone"  # closed or expired: the button is old
    ALREADY = "already"


class Saving(Enum):
    SAVED = "saved"
    REMOVED = "removed"  # it was saved: the same button takes it back
    GONE = "gone"
    NOT_ALLOWED = "not_allowed"


@dataclass(frozen=True)
class Submitted:
    outcome: Posted
    vacancy: Vacancy | None = None  # the new one, or the existing duplicate


class VacancyNotifier(Protocol):
    """What the service tells people, named for what happened; the views decide how it looks
    and queue it (the outbox is a table: it commits with the change it reports)."""

    # --- the group post ---
    async def vacancy_published(self, vacancy: Vacancy, community: Community) -> None: ...
    async def post_changed(self, vacancy: Vacancy, community: Community) -> None: ...
    async def post_removed(self, vacancy: Vacancy) -> None: ...

    # --- moderators, and the author ---
    async def review_requested(self, vacancy: Vacancy, moderators: Sequence[User]) -> None: ...
    async def vacancy_approved(self, vacancy: Vacancy) -> None: ...
    async def vacancy_rejected(self, vacancy: Vacancy, reason: str) -> None: ...
    async def changes_asked(self, vacancy: Vacancy, reason: str) -> None: ...
    async def still_open_asked(self, vacancy: Vacancy, expires: int) -> None: ...
    async def referral_asked(self, vacancy: Vacancy, seeker_id: int, note: str) -> None: ...


class VacancyService:
    def __init__(
        self,
        repo: VacanciesRepo,
        communities: CommunitiesRepo,
        users: UsersRepo,
        permissions: Permissions,
        settings: CommunitySettings,
        *,
        notifier: VacancyNotifier,
        scheduler: Scheduler,
        voice: Voice,
    ) -> None:
        self.notifier = notifier
        self.voice = voice
        self.scheduler = scheduler
        self.search = JobsSearch(repo.db)
        self.searches = JobSearchesRepo(repo.db, repo.clock)
        self.repo = repo
        self.users = users
        self.communities = communities
        self.permissions = permissions
        self.settings = settings
        self._on_published: list[Callable[[Vacancy], Awaitable[None]]] = []

    def on_published(self, listener: Callable[[Vacancy], Awaitable[None]]) -> None:
        """`listener(vacancy)` once a vacancy opens to its community (saved searches)."""
        self._on_published.append(listener)

    async def get(self, vacancy_id: int) -> Vacancy | None:
        """The vacancy as it is; who may see it is the caller's check."""
        return await self.repo.get(vacancy_id)

    async def of_author(self, user_id: int) -> list[Vacancy]:
        """/myvacancies: the person's own, whatever their status."""
        return await self.repo.of_author(user_id)

    async def saved(self, user_id: int) -> list[Vacancy]:
        """/saved: the person's own list."""
        return await self.repo.saved(user_id)

    async def open_card(self, vacancy_id: int) -> Vacancy | None:
        """Anyone's vacancy behind a button carrying its id: shown while it is open."""
        vacancy = await self.repo.get(vacancy_id)
        return vacancy if vacancy is not None and vacancy.status == "open" else None

    async def referable(self, vacancy_id: int) -> Vacancy | None:
        """The vacancy behind "Refer me", while it is open and its author can refer."""
        vacancy = await self.repo.get(vacancy_id)
        if vacancy is None or vacancy.status != "open" or not vacancy.can_refer:
            return None
        return vacancy

    async def may_moderate(self, vacancy: Vacancy, user_id: int) -> bool:
        """A moderator of the vacancy's community, asked again now."""
        return await self.permissions.may(vacancy.chat_id, Actor(user_id), Action.MODERATE)

    async def may_post(self, chat_id: int, user_id: int) -> bool:
        membership = await self.communities.membership(chat_id, user_id)
        if membership is None or not membership.active:
            return False
        return await self.permissions.may(chat_id, Actor(user_id), Action.USE)

    async def submit(self, author_id: int, chat_id: int, draft: VacancyDraft) -> Submitted:
        if not await self.may_post(chat_id, author_id):
            return Submitted(Posted.NOT_ALLOWED)
        community = await self.communities.get(chat_id)
        if community is None or not community.active:
            return Submitted(Posted.NOT_ALLOWED)
        if await self.voice.silenced(chat_id, author_id):
            return Submitted(Posted.SILENCED)
        now = self.repo.clock.time()
        existing = await self.repo.duplicate(
            chat_id, draft.link, draft.title, draft.company, now - DUPLICATE_WINDOW
        )
        if existing is not None:
            return Submitted(Posted.DUPLICATE, existing)
        review = bool(await self.settings.get(chat_id, VACANCIES_PREMODERATION))
        # Who reviews it may mean asking Telegram for the admins: before the transaction.
        moderators = await self._moderators(chat_id, author_id) if review else []
        async with self.repo.db.transaction():
            # Counted in the transaction that adds one: two quick posts cannot both pass.
            limit = await self.settings.get(chat_id, VACANCIES_PER_DAY)
            if await self.repo.posted_since(author_id, chat_id, now - DAY) >= limit:
                return Submitted(Posted.TOO_MANY)
            vacancy_id = await self.repo.create(
                chat_id,
                author_id,
                "review" if review else "open",
                draft.expiry_days * DAY,
                **_columns(draft),
            )
            vacancy = await self.repo.get(vacancy_id)
            assert vacancy is not None
            if review:
                await self.notifier.review_requested(vacancy, moderators)
            else:
                await self._publish(vacancy)
        if not review:
            log.info("vacancy posted", extra={"vacancy_id": vacancy_id})
        return Submitted(Posted.DONE, vacancy)

    async def _publish(self, vacancy: Vacancy) -> None:
        chat_id = vacancy.chat_id
        community = await self.communities.get(chat_id)
        if community is None:
            return
        await self.notifier.vacancy_published(vacancy, community)
        await self._plan(vacancy)
        for listener in self._on_published:
            await listener(vacancy)

    # --- pre-moderation ---

    async def _moderators(self, chat_id: int, author_id: int | None) -> list[User]:
        """Who reviews a vacancy there (not its author). May ask Telegram for the admins:
        call it before a transaction."""
        admins = await self.permissions.admins(chat_id)
        appointed = await self.communities.moderators(chat_id)
        moderators = []
        for user_id in dict.fromkeys([*appointed, *admins]):
            user = await self.users.get(user_id) if user_id > 0 else None
            if user is None or user.blocked_at is not None or user_id == author_id:
                continue
            moderators.append(user)
        return moderators

    async def moderate(
        self, vacancy_id: int, moderator_id: int, decision: str, reason: str = ""
    ) -> Posted:
        """approve | reject | changes — a moderator of that community, asked again now."""
        vacancy = await self.repo.get(vacancy_id)
        if vacancy is None:
            return Posted.GONE
        if not await self.permissions.may(vacancy.chat_id, Actor(moderator_id), Action.MODERATE):
            return Posted.NOT_ALLOWED
        if vacancy.status != "review":
            return Posted.ALREADY
        async with self.repo.db.transaction():
            if decision == "approve":
                if not await self.repo.set_status(vacancy_id, "open", expect=("review",)):
                    return Posted.ALREADY
                fresh = await self.repo.get(vacancy_id)
                assert fresh is not None
                await self._publish(fresh)
                await self.notifier.vacancy_approved(fresh)
            elif decision == "reject":
                if not await self.repo.set_status(vacancy_id, "rejected", expect=("review",)):
                    return Posted.ALREADY
                await self.notifier.vacancy_rejected(vacancy, reason)
            else:
                await self.notifier.changes_asked(vacancy, reason)
        return Posted.DONE

    # --- the author's vacancy over its life: edited in place, filled, extended, expired ---

    async def own(self, vacancy_id: int, user_id: int) -> Vacancy | Posted:
        """The vacancy, if this person may change it: its author or a moderator there."""
        vacancy = await self.repo.get(vacancy_id)
        if vacancy is None:
            return Posted.GONE
        if vacancy.author_id != user_id and not await self.permissions.may(
            vacancy.chat_id, Actor(user_id), Action.MODERATE
        ):
            return Posted.NOT_ALLOWED
        return vacancy

    async def update(self, vacancy_id: int, user_id: int, draft: VacancyDraft) -> Posted:
        found = await self.own(vacancy_id, user_id)
        if isinstance(found, Posted):
            return found
        if found.status not in ("open", "review"):
            return Posted.GONE
        review = found.status == "review"  # changed as the moderators asked: they look again
        moderators = await self._moderators(found.chat_id, found.author_id) if review else []
        async with self.repo.db.transaction():
            await self.repo.update(vacancy_id, **_columns(draft))
            if review:
                fresh = await self.repo.get(vacancy_id)
                assert fresh is not None
                await self.notifier.review_requested(fresh, moderators)
            else:
                await self.refresh_post(vacancy_id)
        return Posted.DONE

    async def fill(self, vacancy_id: int, user_id: int) -> Posted:
        found = await self.own(vacancy_id, user_id)
        if isinstance(found, Posted):
            return found
        async with self.repo.db.transaction():
            if not await self.repo.set_status(vacancy_id, "filled", expect=("open", "expired")):
                return Posted.ALREADY
            await self.refresh_post(vacancy_id)
        return Posted.DONE

    async def extend(
        self, vacancy_id: int, user_id: int, days: int = DEFAULT_EXPIRY_DAYS
    ) -> Posted:
        found = await self.own(vacancy_id, user_id)
        if isinstance(found, Posted):
            return found
        if found.status not in ("open", "expired"):
            return Posted.GONE
        async with self.repo.db.transaction():
            await self.repo.extend(vacancy_id, self.repo.clock.time() + days * DAY)
            fresh = await self.repo.get(vacancy_id)
            assert fresh is not None
            await self._plan(fresh)
            await self.refresh_post(vacancy_id)
        return Posted.DONE

    async def save(self, vacancy_id: int, user_id: int) -> Posted:
        vacancy = await self.repo.get(vacancy_id)
        if vacancy is None or vacancy.status != "open":
            return Posted.GONE
        if not await self.may_post(vacancy.chat_id, user_id):
            return Posted.NOT_ALLOWED
        return Posted.DONE if await self.repo.save_for(user_id, vacancy_id) else Posted.ALREADY

    async def toggle_save(self, vacancy_id: int, user_id: int) -> Saving:
        """ "Save" pressed: saved if it was not, taken back if it was. Taking back is always
        the person's own (even once the vacancy is closed); saving needs it open, in one of
        their communities."""
        if await self.unsave(vacancy_id, user_id):
            return Saving.REMOVED
        outcome = await self.save(vacancy_id, user_id)
        if outcome in (Posted.DONE, Posted.ALREADY):
            return Saving.SAVED
        return Saving.GONE if outcome is Posted.GONE else Saving.NOT_ALLOWED

    async def unsave(self, vacancy_id: int, user_id: int) -> bool:
        return await self.repo.unsave(user_id, vacancy_id)

    async def own_search(self, search_id: int, user_id: int) -> JobSearch | None:
        """The /jobs search behind a button, if it is this person's (buttons carry its id)."""
        search = await self.searches.get(search_id)
        return search if search is not None and search.user_id == user_id else None

    async def new_search(self, user_id: int, query: str) -> JobSearch:
        """A /jobs message's own search, kept for its buttons."""
        search = await self.searches.get(await self.searches.add(user_id, query))
        assert search is not None  # just added
        return search

    async def keep_search(self, search_id: int, filters: JobFilters, page: int) -> None:
        await self.searches.update(search_id, filters, page)

    async def found(
        self, search: JobSearch, *, offset: int, limit: int
    ) -> tuple[list[Vacancy], int]:
        """A page of what the search finds, and the total (see JobsSearch.search)."""
        return await self.search.search(
            search.user_id, search.query, search.filters, offset=offset, limit=limit
        )

    async def searchable(self, vacancy_id: int, user_id: int) -> Vacancy | None:
        """The vacancy, if a search could show it to this person: open, in one of their
        communities (a result's button carries only its id)."""
        vacancy = await self.repo.get(vacancy_id)
        if vacancy is None or vacancy.status != "open":
            return None
        return vacancy if await self.may_post(vacancy.chat_id, user_id) else None

    async def ask_referral(self, vacancy_id: int, user_id: int, note: str) -> Posted:
        """A private note to the author: who asks, and what they say. Once per vacancy."""
        vacancy = await self.repo.get(vacancy_id)
        if vacancy is None or vacancy.status != "open" or not vacancy.can_refer:
            return Posted.GONE
        if vacancy.author_id is None or vacancy.author_id == user_id:
            return Posted.NOT_ALLOWED
        if not await self.may_post(vacancy.chat_id, user_id):
            return Posted.NOT_ALLOWED
        async with self.repo.db.transaction():
            if not await self.repo.add_referral(vacancy_id, user_id, note):
                return Posted.ALREADY
            await self.notifier.referral_asked(vacancy, user_id, note)
        return Posted.DONE

    async def remove(self, vacancy_id: int, moderator_id: int) -> Posted:
        """A moderator takes a reported vacancy down: gone from the group, /jobs and alerts."""
        vacancy = await self.repo.get(vacancy_id)
        if vacancy is None:
            return Posted.GONE
        if not await self.permissions.may(vacancy.chat_id, Actor(moderator_id), Action.MODERATE):
            return Posted.NOT_ALLOWED
        async with self.repo.db.transaction():
            await self.repo.set_status(
                vacancy_id, "removed", expect=("review", "open", "filled", "expired")
            )
            await self.notifier.post_removed(vacancy)
        return Posted.DONE

    async def refresh_post(self, vacancy_id: int) -> None:
        """The group card follows the vacancy; an older pending edit is dropped for the newest."""
        vacancy = await self.repo.get(vacancy_id)
        community = await self.communities.get(vacancy.chat_id) if vacancy else None
        if vacancy is None or vacancy.post_message_id is None or community is None:
            return
        await self.notifier.post_changed(vacancy, community)

    async def _plan(self, vacancy: Vacancy) -> None:
        """ "Still open?" three days before the end, and the end itself: timers in the
        database, keyed by the expiry they belong to (an extension plans new ones)."""
        stamp = int(vacancy.expires_at)
        for kind, at in (
            ("vacancy_ask", vacancy.expires_at - ASK_BEFORE),
            ("vacancy_expire", vacancy.expires_at),
        ):
            await self.scheduler.add_timer(
                kind,
                {"vacancy_id": vacancy.id, "expires": stamp},
                at,
                grace=TIMER_GRACE,
                dedupe_key=f"{kind}:{vacancy.id}:{stamp}",
            )

    async def ask_due(self, args: TimerArgs, lateness: float) -> None:
        await self.due("vacancy_ask", int(args["vacancy_id"]), int(args["expires"]))

    async def expire_due(self, args: TimerArgs, lateness: float) -> None:
        await self.due("vacancy_expire", int(args["vacancy_id"]), int(args["expires"]))

    async def due(self, kind: str, vacancy_id: int, expires: int) -> None:
        vacancy = await self.repo.get(vacancy_id)
        if vacancy is None or vacancy.status != "open" or int(vacancy.expires_at) != expires:
            return  # extended, filled or gone since
        if kind == "vacancy_expire":
            async with self.repo.db.transaction():
                if await self.repo.set_status(vacancy_id, "expired", expect=("open",)):
                    await self.refresh_post(vacancy_id)
            return
        if vacancy.author_id is None:
            return
        await self.notifier.still_open_asked(vacancy, expires)

    async def post_sent(self, vacancy_id: int, message_id: int) -> None:
        """The group post went out: its id, to edit it as the vacancy changes."""
        await self.repo.set_post(vacancy_id, message_id)


def _columns(draft: VacancyDraft) -> dict[str, object]:
    return {
        "title": draft.title,
        "company": draft.company,
        "location": draft.location,
        "city": draft.city,
        "employment": draft.employment,
        "level": draft.level,
        "salary_low": draft.salary.low if draft.salary else None,
        "salary_high": draft.salary.high if draft.salary else None,
        "currency": draft.salary.currency if draft.salary else None,
        "tags": " ".join(draft.tags),
        "description": draft.description,
        "link": draft.link,
        "can_refer": int(draft.can_refer),
    }
