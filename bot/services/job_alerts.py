"""Saved searches (/subscribe): a vacancy that opens is matched against every member's saved
searches, and each member hears of it once — at once, or in a morning digest.

The rules only; what an alert and a digest look like, and their delivery through the outbox,
is bot/views/job_alerts.py, told through `JobAlertNotifier`."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from bot.repos.job_alerts import JobAlertsRepo, Subscription
from bot.repos.jobs_search import JobFilters
from bot.repos.users import User, UsersRepo
from bot.repos.vacancies import Vacancy
from bot.scheduler import Scheduler, TimerArgs
from bot.services.sender import FAN_OUT_BATCH
from bot.texts import words
from bot.timeutil import from_timestamp, next_local_occurrence

if TYPE_CHECKING:
    from bot.services.vacancies import VacancyService

log = logging.getLogger(__name__)

SUBSCRIPTIONS_LIMIT = 10
QUERY_WORDS = 8
QUERY_CHARS = 200  # a saved search as written, for the list and the alerts
DIGEST_TIME = "09:00"  # the person's local morning
DIGEST_SIZE = 15
ALERT_KEEPS = 86400.0  # news of a vacancy is stale after a day (the next digest has it)
EVERY_DAY = frozenset(range(7))


class Subscribed(Enum):
    DONE = "done"
    TOO_MANY = "too_many"
    ALREADY = "already"


@lru_cache(maxsize=65_536)
def query_words(query: str) -> tuple[str, ...]:
    """A saved search's words as the index folds them (cached: thousands are matched against
    every new vacancy)."""
    return tuple(dict.fromkeys(words(query)))[:QUERY_WORDS]


def prefixes(vacancy: Vacancy) -> frozenset[str]:
    """Every prefix of every word of the vacancy: a search word matches when it is one, the
    same rule /jobs follows. Built once per vacancy, so each search costs a few set lookups."""
    text = " ".join(
        (vacancy.title, vacancy.company, vacancy.tags, vacancy.description, vacancy.city)
    )
    found: set[str] = set()
    for word in set(words(text)):
        found.update(word[:end] for end in range(1, len(word) + 1))
        if "й" in word:
            # Searches saved before migration 0029 folded «й» to «и»; they still match.
            legacy = word.replace("й", "и")
            found.update(legacy[:end] for end in range(1, len(legacy) + 1))
    return frozenset(found)


async def matches(repo: JobAlertsRepo, vacancy: Vacancy) -> dict[int, bool]:
    """Who should hear of this vacancy: {user_id: daily}. The filters are checked in SQL, the
    words here; at once wins when a person has both kinds of matching searches."""
    found: dict[int, bool] = {}
    known = prefixes(vacancy)
    for user_id, query, daily in await repo.candidates(vacancy):
        if found.get(user_id) is False:
            continue
        if all(word in known for word in query_words(query)):
            found[user_id] = bool(daily)
    return found


class JobAlertNotifier(Protocol):
    """What the service tells a member whose saved search matched; the views decide how it
    reads and queue it. `now` is when it happens: news of a vacancy keeps ALERT_KEEPS."""

    async def vacancy_matched(self, user: User, vacancy: Vacancy, now: float) -> None: ...
    async def digest_ready(
        self, user: User, vacancies: Sequence[Vacancy], total: int, now: float
    ) -> None: ...


class JobAlerts:
    def __init__(
        self,
        repo: JobAlertsRepo,
        users: UsersRepo,
        vacancies: VacancyService,
        *,
        default_timezone: str,
        scheduler: Scheduler,
        notifier: JobAlertNotifier,
    ) -> None:
        self.repo = repo
        self.users = users
        self.vacancies = vacancies
        self.default_timezone = default_timezone
        self.scheduler = scheduler
        self.notifier = notifier
        vacancies.on_published(self._published)

    async def subscribe(
        self, user_id: int, query: str, filters: JobFilters, *, daily: bool = False
    ) -> Subscribed:
        # Kept as the person wrote it ("c++", not its folded form); folded when matched.
        asked = " ".join(query.split())[:QUERY_CHARS]
        async with self.repo.db.transaction():  # counted where one is added: the limit holds
            mine = await self.repo.of_user(user_id)
            if any(
                query_words(s.query) == query_words(asked) and s.filters == filters for s in mine
            ):
                return Subscribed.ALREADY
            if len(mine) >= SUBSCRIPTIONS_LIMIT:
                return Subscribed.TOO_MANY
            await self.repo.add(user_id, asked, filters, daily)
        return Subscribed.DONE

    async def own(self, subscription_id: int, user_id: int) -> Subscription | None:
        """The saved search, if it is this person's (callbacks carry only its id)."""
        found = await self.repo.get(subscription_id)
        return found if found is not None and found.user_id == user_id else None

    async def of_user(self, user_id: int) -> list[Subscription]:
        return await self.repo.of_user(user_id)

    async def remove(self, subscription_id: int) -> None:
        await self.repo.delete(subscription_id)

    async def switch_mode(self, subscription: Subscription) -> None:
        """At once ↔ a daily digest."""
        await self.repo.set_daily(subscription.id, not subscription.daily)

    async def _published(self, vacancy: Vacancy) -> None:
        # Off the author's path: a timer in the database runs the fan-out at once, and a
        # restart in between still runs it.
        await self.scheduler.add_timer(
            "job_alerts",
            {"vacancy_id": vacancy.id},
            self.repo.clock.time(),
            grace=7 * 86400,
            dedupe_key=f"job_alerts:{vacancy.id}",
        )

    async def alerts_due(self, args: TimerArgs, lateness: float) -> None:
        after = args.get("after")
        await self.notify(int(args["vacancy_id"]), None if after is None else int(after))

    async def notify(self, vacancy_id: int, after: int | None = None) -> int:
        """Tell those whose search matches, FAN_OUT_BATCH of them in user id order from `after`
        on, and leave the rest to a follow-up timer; returns how many were told or queued."""
        async with self.repo.db.transaction():
            # The batch's marks, its news and the follow-up timer commit together: a failure
            # leaves the whole batch to the timer's next run, nobody marked and not told.
            return await self._notify(vacancy_id, after)

    async def _notify(self, vacancy_id: int, after: int | None) -> int:
        vacancy = await self.vacancies.get(vacancy_id)
        if vacancy is None or vacancy.status != "open":
            return 0
        found = await matches(self.repo, vacancy)
        waiting = sorted(u for u in found if after is None or u > after)
        batch = waiting[:FAN_OUT_BATCH]
        if len(waiting) > len(batch):
            await self.scheduler.add_timer(
                "job_alerts",
                {"vacancy_id": vacancy_id, "after": batch[-1]},
                self.repo.clock.time(),
                grace=7 * 86400,
                dedupe_key=f"job_alerts:{vacancy_id}:{batch[-1]}",
            )
        told = 0
        for user_id in batch:
            daily = found[user_id]
            if not await self.repo.record(user_id, vacancy_id, pending=daily):
                continue
            told += 1
            user = await self.users.get(user_id)
            if user is None or user.blocked_at is not None:
                continue
            if daily:
                await self._plan_digest(user_id, user.timezone)
                continue
            await self.notifier.vacancy_matched(user, vacancy, self.repo.clock.time())
        log.info("vacancy matched saved searches", extra={"vacancy_id": vacancy_id, "told": told})
        return told

    async def _plan_digest(self, user_id: int, timezone: str | None) -> None:
        now = from_timestamp(self.repo.clock.time())
        at = next_local_occurrence(now, timezone or self.default_timezone, DIGEST_TIME, EVERY_DAY)
        await self.scheduler.add_timer(
            "job_digest",
            {"user_id": user_id},
            at.timestamp(),
            grace=86400,
            dedupe_key=f"job_digest:{user_id}:{int(at.timestamp())}",
            user_id=user_id,
        )

    async def digest_due(self, args: TimerArgs, lateness: float) -> None:
        await self.digest(int(args["user_id"]))

    async def digest(self, user_id: int) -> None:
        async with self.repo.db.transaction():  # taken from the queue only with the digest sent
            vacancies, total = await self.repo.take_pending(user_id, DIGEST_SIZE)
            user = await self.users.get(user_id)
            if not vacancies or user is None or user.blocked_at is not None:
                return
            await self.notifier.digest_ready(user, vacancies, total, self.repo.clock.time())
