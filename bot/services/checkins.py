"""Mood check-ins: one a day, a kind reflection, and a path to help when things are hard.

The rules only: schedules, reminders' timing, streaks. What people see (the reminder and its
buttons) and its delivery through the outbox is bot/views/checkins.py, told through
`CheckinNotifier`."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from bot.repos.checkins import Checkin, CheckinsRepo, Schedule, SchedulesRepo
from bot.repos.users import User, UsersRepo
from bot.scheduler import JobSpec, Scheduler, TimerArgs
from bot.timeutil import Clock, from_timestamp, next_local_occurrence, to_local

log = logging.getLogger(__name__)

MOODS = (1, 2, 3, 4, 5)
LOW_MOOD = 2  # at or below: offer the ways to help
TAGS = ("work", "money", "health", "family", "lonely", "good_news")
NOTE_LIMIT = 500
SCHEDULE_KINDS = ("off", "daily", "weekdays", "weekly")
REMINDER_GRACE = 2 * 3600  # a reminder more than 2 h late (the bot was down) is not sent
REMINDER_BATCH = 500  # due reminders handled per transaction


@dataclass(frozen=True)
class Reflection:
    streak: int  # consecutive scheduled periods with a check-in, ending with the current one
    longest: int
    period: str  # day | weekday | week: what the streak counts
    week_average: float | None  # the 7 days before today
    welcome_back: bool  # came back after a gap: welcomed, never scolded


def schedule_days(kind: str, weekday: int) -> frozenset[int]:
    if kind == "daily":
        return frozenset(range(7))
    if kind == "weekdays":
        return frozenset(range(5))
    if kind == "weekly":
        return frozenset({weekday % 7})
    return frozenset()


def period_unit(kind: str) -> str:
    return {"weekdays": "weekday", "weekly": "week"}.get(kind, "day")


def period_index(day: date, kind: str, weekday: int = 0) -> int:
    """Consecutive scheduled periods get consecutive numbers: days for a daily (or no)
    schedule, Monday–Friday for weekdays (a weekend check-in counts for that Friday), weeks
    starting on the chosen weekday for a weekly one."""
    ordinal = day.toordinal()  # 1 = Monday, 1 January of year 1
    if kind == "weekly":
        return (ordinal - 1 - weekday) // 7
    if kind == "weekdays":
        week, position = divmod(ordinal - 1, 7)
        return week * 5 + min(position, 4)
    return ordinal


def streaks(
    days: list[date], today: date, kind: str = "daily", weekday: int = 0
) -> tuple[int, int]:
    """(current, longest) runs of consecutive scheduled periods with a check-in; the current
    run ends with today's period."""
    periods = sorted({period_index(d, kind, weekday) for d in days})
    longest = run = 0
    previous: int | None = None
    for index in periods:
        run = run + 1 if previous is not None and index - previous == 1 else 1
        longest = max(longest, run)
        previous = index
    seen = set(periods)
    current, index = 0, period_index(today, kind, weekday)
    while index in seen:
        current += 1
        index -= 1
    return current, longest


class CheckinNotifier(Protocol):
    """What the service tells the person; the views decide how it reads and queue it."""

    async def reminder_due(self, user_id: int, user: User | None, due_at: float | None) -> None:
        """ "How are you today?", with a way to answer and to snooze. `user` when already
        loaded (a batch of reminders), else None; `due_at`: the scheduled moment (None: a
        snoozed one)."""
        ...


class CheckinService:
    def __init__(
        self,
        checkins: CheckinsRepo,
        schedules: SchedulesRepo,
        users: UsersRepo,
        clock: Clock,
        default_timezone: str,
        *,
        scheduler: Scheduler,
        notifier: CheckinNotifier,
    ) -> None:
        self.checkins = checkins
        self.schedules = schedules
        self.users = users
        self.clock = clock
        self.default_timezone = default_timezone
        self.scheduler = scheduler
        self.notifier = notifier

    async def zone(self, user_id: int) -> str:
        user = await self.users.get(user_id)
        return (user.timezone if user else None) or self.default_timezone

    async def today(self, user_id: int) -> date:
        """The person's local date: check-ins belong to the day as they live it."""
        return to_local(self.clock.now(), await self.zone(user_id)).date()

    # --- reminders ---

    async def schedule_of(self, user_id: int) -> Schedule | None:
        return await self.schedules.get(user_id)

    async def set_schedule(
        self, user_id: int, kind: str, weekday: int, local_time: str
    ) -> float | None:
        """Save the person's choice and plan the next reminder; returns its UTC time."""
        if kind not in SCHEDULE_KINDS:
            raise ValueError(kind)
        next_at = None
        if kind != "off":
            moment = next_local_occurrence(
                self.clock.now(), await self.zone(user_id), local_time, schedule_days(kind, weekday)
            )
            next_at = moment.timestamp()
        await self.schedules.put(user_id, kind, weekday, local_time, next_at)
        self._plan(next_at)
        return next_at

    async def replan(self, user_id: int) -> None:
        """The person's time zone changed: the next reminder follows it."""
        schedule = await self.schedules.get(user_id)
        if schedule is not None and schedule.kind != "off":
            await self.set_schedule(user_id, schedule.kind, schedule.weekday, schedule.local_time)

    def _plan(self, next_at: float | None) -> None:
        """One job per distinct moment, whoever is due then: 10,000 people asked at 20:00 are
        one job, handled in batches. A job that finds nobody due does nothing, so a person
        who moves or turns off a reminder needs no job removed."""
        if next_at is not None:
            self.scheduler.schedule("checkin", JobSpec(str(int(next_at)), self.send_due, next_at))

    async def reminder_jobs(self) -> list[JobSpec]:
        """Job source: one job per distinct moment a reminder is due, from the database."""
        return [JobSpec(str(int(at)), self.send_due, at) for at in await self.schedules.moments()]

    async def snoozed(self, args: TimerArgs, lateness: float) -> None:
        """The "later" timer: asked again unless they checked in meanwhile."""
        user_id = int(args["user_id"])
        if await self.existing(user_id) is None:
            await self.notifier.reminder_due(user_id, None, None)

    async def snooze(self, user_id: int, hours: int) -> None:
        """Ask again in an hour, or tomorrow (unless the regular reminder does that anyway)."""
        now = self.clock.time()
        if hours == 24:
            schedule = await self.schedules.get(user_id)
            paused = schedule is not None and schedule.paused_until is not None
            if schedule and schedule.next_at and schedule.next_at - now <= 36 * 3600 and not paused:
                return
        run_at = now + hours * 3600
        await self.scheduler.add_timer(
            "checkin_snooze",
            {"user_id": user_id},
            run_at,
            grace=3600,
            dedupe_key=f"checkin-snooze:{user_id}:{int(run_at) // 60}",
            user_id=user_id,
        )

    async def pause(self, user_id: int, days: int) -> date | None:
        """Vacation: no reminders until the returned local date (None: resumed)."""
        until = (await self.today(user_id)) + timedelta(days=days) if days > 0 else None
        await self.schedules.set_paused(user_id, until)
        return until

    async def send_due(self) -> int:
        """Every reminder that is due, in batches of one transaction each: ask how they are
        (unless they checked in today, paused, or it is hours late), then plan the next."""
        queued = 0
        while True:
            count, more = await self._send_batch()
            queued += count
            if not more:
                return queued

    async def _send_batch(self) -> tuple[int, bool]:
        now = self.clock.time()
        queued = late_skipped = 0
        following: list[tuple[int, float]] = []
        async with self.schedules.db.transaction():
            due = await self.schedules.due(now + 1, REMINDER_BATCH)
            if not due:
                return 0, False
            users = await self.users.get_many([s.user_id for s in due])
            zones = {
                s.user_id: (
                    getattr(users.get(s.user_id), "timezone", None) or self.default_timezone
                )
                for s in due
            }
            today = {uid: to_local(self.clock.now(), zone).date() for uid, zone in zones.items()}
            answered = await self.checkins.answered(today)
            for schedule in due:
                try:
                    # A savepoint each: one broken row is put off a day, the others go on.
                    async with self.schedules.db.transaction():
                        moment, sent, late = await self._remind_one(
                            schedule, now, zones[schedule.user_id], today, answered, users
                        )
                except Exception:
                    log.exception("a check-in reminder failed; retried in a day")
                    moment, sent, late = now + 86400, False, False
                queued += sent
                late_skipped += late
                following.append((schedule.user_id, moment))
            await self.schedules.set_next_many(following)
        for moment in {at for _, at in following}:
            self._plan(moment)
        if late_skipped:
            log.info("check-in reminders too late, skipped", extra={"count": late_skipped})
        return queued, len(due) == REMINDER_BATCH

    async def _remind_one(
        self,
        schedule: Schedule,
        now: float,
        zone: str,
        today: dict[int, date],
        answered: set[int],
        users: dict[int, User],
    ) -> tuple[float, bool, bool]:
        """(the next reminder, queued now?, too late?) for one due schedule."""
        uid = schedule.user_id
        assert schedule.next_at is not None
        late = now - schedule.next_at > REMINDER_GRACE
        paused = schedule.paused_until is not None and today[uid] < schedule.paused_until
        sent = not late and not paused and uid not in answered
        if sent:
            await self.notifier.reminder_due(uid, users.get(uid), schedule.next_at)
        moment = next_local_occurrence(
            from_timestamp(max(now, schedule.next_at)),
            zone,
            schedule.local_time,
            schedule_days(schedule.kind, schedule.weekday),
        )
        return moment.timestamp(), sent, late

    async def existing(self, user_id: int) -> Checkin | None:
        return await self.checkins.on_date(user_id, await self.today(user_id))

    async def save(
        self,
        user_id: int,
        community_id: int | None,
        mood: int,
        note: str | None,
        tags: tuple[str, ...],
    ) -> Reflection:
        if mood not in MOODS:
            raise ValueError("mood out of range")
        day = await self.today(user_id)
        before = await self.checkins.dates(user_id)
        await self.checkins.save(
            user_id, community_id, day, mood, (note or None), tuple(t for t in tags if t in TAGS)
        )
        schedule = await self.schedules.get(user_id)
        kind = schedule.kind if schedule else "daily"
        weekday = schedule.weekday if schedule else 0
        current, longest = streaks([*before, day], day, kind, weekday)
        earlier = [d for d in before if d < day]
        week = await self.checkins.between(
            user_id, day - timedelta(days=7), day - timedelta(days=1)
        )
        average = sum(c.mood for c in week) / len(week) if week else None
        # A gap of more than one scheduled period: welcomed back, never scolded.
        welcome_back = bool(earlier) and (
            period_index(day, kind, weekday) - period_index(max(earlier), kind, weekday) > 1
        )
        return Reflection(current, longest, period_unit(kind), average, welcome_back)


HISTORY_DAYS = 30


@dataclass(frozen=True)
class History:
    days: tuple[tuple[date, int | None], ...]  # oldest first
    weeks: tuple[tuple[date, date, float, int], ...]  # (first, last, average, answers)
    top_tags: tuple[str, ...]


async def history(service: CheckinService, user_id: int) -> History | None:
    """The person's last 30 days: a day-by-day line, weekly averages and frequent tags."""
    today = await service.today(user_id)
    first = today - timedelta(days=HISTORY_DAYS - 1)
    found = await service.checkins.between(user_id, first, today)
    if not found:
        return None
    by_day = {c.local_date: c for c in found}
    days = tuple(
        (first + timedelta(days=i), getattr(by_day.get(first + timedelta(days=i)), "mood", None))
        for i in range(HISTORY_DAYS)
    )
    weeks = []
    for end_offset in range(0, HISTORY_DAYS, 7):
        last = today - timedelta(days=end_offset)
        start = max(first, last - timedelta(days=6))
        moods = [c.mood for c in found if start <= c.local_date <= last]
        if moods:
            weeks.append((start, last, sum(moods) / len(moods), len(moods)))
    counts: dict[str, int] = {}
    for checkin in found:
        for tag in checkin.tags:
            counts[tag] = counts.get(tag, 0) + 1
    top = tuple(sorted(counts, key=lambda tag: (-counts[tag], TAGS.index(tag)))[:3])
    return History(days, tuple(reversed(weeks)), top)
