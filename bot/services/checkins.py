"""Mood check-ins: one a day, a kind reflection, and a path to help when things are hard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.repos.checkins import Checkin, CheckinsRepo
from bot.repos.users import UsersRepo
from bot.timeutil import Clock, to_local

MOODS = (1, 2, 3, 4, 5)
LOW_MOOD = 2  # at or below: offer the ways to help
TAGS = ("work", "money", "health", "family", "lonely", "good_news")
NOTE_LIMIT = 500


@dataclass(frozen=True)
class Reflection:
    streak: int  # consecutive days with a check-in, ending today
    longest: int
    week_average: float | None  # the 7 days before today
    welcome_back: bool  # came back after a gap: welcomed, never scolded


def streaks(days: list[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive days with a check-in; current ends today."""
    seen = set(days)
    longest = run = 0
    previous: date | None = None
    for day in sorted(seen):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    current, day = 0, today
    while day in seen:
        current += 1
        day -= timedelta(days=1)
    return current, longest


class CheckinService:
    def __init__(
        self, checkins: CheckinsRepo, users: UsersRepo, clock: Clock, default_timezone: str
    ) -> None:
        self.checkins = checkins
        self.users = users
        self.clock = clock
        self.default_timezone = default_timezone

    async def today(self, user_id: int) -> date:
        """The person's local date: check-ins belong to the day as they live it."""
        user = await self.users.get(user_id)
        zone = (user.timezone if user else None) or self.default_timezone
        return to_local(self.clock.now(), zone).date()

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
        days = sorted(set(before) | {day}, reverse=True)
        current, longest = streaks(days, day)
        earlier = [d for d in before if d < day]
        week = await self.checkins.between(
            user_id, day - timedelta(days=7), day - timedelta(days=1)
        )
        average = sum(c.mood for c in week) / len(week) if week else None
        welcome_back = bool(earlier) and (day - max(earlier)).days > 1
        return Reflection(current, longest, average, welcome_back)
