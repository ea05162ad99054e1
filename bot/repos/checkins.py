"""Mood check-ins."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from bot.db import Database
from bot.repos.personal import not_personal, register
from bot.timeutil import Clock

register("checkins", "user_id", "delete", why="the person's own moods and notes")
not_personal("checkins", "community_id", "a group's id")


@dataclass(frozen=True)
class Checkin:
    id: int
    user_id: int
    community_id: int | None
    local_date: date
    mood: int
    note: str | None
    tags: tuple[str, ...]


def _checkin(row: sqlite3.Row) -> Checkin:
    return Checkin(
        id=row["id"],
        user_id=row["user_id"],
        community_id=row["community_id"],
        local_date=date.fromisoformat(row["local_date"]),
        mood=row["mood"],
        note=row["note"],
        tags=tuple(t for t in row["tags"].split(",") if t),
    )


class CheckinsRepo:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock  # injected: tests move time, and every record follows it

    async def on_date(self, user_id: int, day: date) -> Checkin | None:
        row = await self.db.fetchone(
            "SELECT * FROM checkins WHERE user_id = ? AND local_date = ?",
            (user_id, day.isoformat()),
        )
        return _checkin(row) if row else None

    async def save(
        self,
        user_id: int,
        community_id: int | None,
        day: date,
        mood: int,
        note: str | None,
        tags: tuple[str, ...],
    ) -> None:
        """One per person per day: a second one that day replaces the first."""
        await self.db.execute(
            "INSERT INTO checkins (user_id, community_id, local_date, mood, note, tags, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (user_id, local_date) DO UPDATE SET community_id = excluded.community_id,"
            " mood = excluded.mood, note = excluded.note, tags = excluded.tags,"
            " created_at = excluded.created_at",
            (
                user_id,
                community_id,
                day.isoformat(),
                mood,
                note,
                ",".join(tags),
                int(self.clock.time()),
            ),
        )

    async def attach(self, user_id: int, day: date, community_id: int) -> bool:
        """The day's check-in made while the person's community was not known counts there
        now; one already counted somewhere keeps its community."""
        return bool(
            await self.db.execute(
                "UPDATE checkins SET community_id = ? WHERE user_id = ? AND local_date = ?"
                " AND community_id IS NULL",
                (community_id, user_id, day.isoformat()),
            )
        )

    async def between(self, user_id: int, first: date, last: date) -> list[Checkin]:
        rows = await self.db.fetchall(
            "SELECT * FROM checkins WHERE user_id = ? AND local_date BETWEEN ? AND ?"
            " ORDER BY local_date",
            (user_id, first.isoformat(), last.isoformat()),
        )
        return [_checkin(r) for r in rows]

    async def mark_shared(self, user_id: int, day: date) -> bool:
        """True once per check-in: its good news may go to the group."""
        return bool(
            await self.db.execute(
                "UPDATE checkins SET shared = 1 WHERE user_id = ? AND local_date = ?"
                " AND shared = 0",
                (user_id, day.isoformat()),
            )
        )

    async def answered(self, today: dict[int, date]) -> set[int]:
        """Who of these people already checked in on their own `today`."""
        if not today:
            return set()
        ids = list(today)
        placeholders = ",".join("?" for _ in ids)
        rows = await self.db.fetchall(
            f"SELECT user_id, local_date FROM checkins WHERE user_id IN ({placeholders})"
            " AND local_date >= ?",
            (*ids, min(today.values()).isoformat()),
        )
        return {r[0] for r in rows if today.get(r[0]) == date.fromisoformat(r[1])}

    async def dates(self, user_id: int) -> list[date]:
        rows = await self.db.fetchall(
            "SELECT local_date FROM checkins WHERE user_id = ? ORDER BY local_date DESC",
            (user_id,),
        )
        return [date.fromisoformat(r[0]) for r in rows]


@dataclass(frozen=True)
class Schedule:
    user_id: int
    kind: str  # off | daily | weekdays | weekly
    weekday: int
    local_time: str
    next_at: float | None
    paused_until: date | None = None


register("checkin_schedules", "user_id", "delete", why="when the person wants reminders")


def _schedule(row: sqlite3.Row) -> Schedule:
    paused = row["paused_until"]
    return Schedule(
        row["user_id"],
        row["kind"],
        row["weekday"],
        row["local_time"],
        row["next_at"],
        date.fromisoformat(paused) if paused else None,
    )


class SchedulesRepo:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def get(self, user_id: int) -> Schedule | None:
        row = await self.db.fetchone(
            "SELECT * FROM checkin_schedules WHERE user_id = ?", (user_id,)
        )
        return _schedule(row) if row else None

    async def put(
        self, user_id: int, kind: str, weekday: int, local_time: str, next_at: float | None
    ) -> None:
        await self.db.execute(
            "INSERT INTO checkin_schedules"
            " (user_id, kind, weekday, local_time, next_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET kind = excluded.kind,"
            " weekday = excluded.weekday, local_time = excluded.local_time,"
            " next_at = excluded.next_at, updated_at = excluded.updated_at",
            (user_id, kind, weekday, local_time, next_at, int(self.clock.time())),
        )

    async def set_paused(self, user_id: int, until: date | None) -> None:
        await self.db.execute(
            "UPDATE checkin_schedules SET paused_until = ? WHERE user_id = ?",
            (until.isoformat() if until else None, user_id),
        )

    async def set_next_many(self, planned: list[tuple[int, float]]) -> None:
        await self.db.executemany(
            "UPDATE checkin_schedules SET next_at = ? WHERE user_id = ?",
            [(at, user_id) for user_id, at in planned],
        )

    async def due(self, until: float, limit: int) -> list[Schedule]:
        rows = await self.db.fetchall(
            "SELECT * FROM checkin_schedules WHERE kind != 'off' AND next_at <= ?"
            " ORDER BY next_at, user_id LIMIT ?",
            (until, limit),
        )
        return [_schedule(r) for r in rows]

    async def moments(self) -> list[float]:
        """Every distinct moment a reminder is due."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT next_at FROM checkin_schedules"
            " WHERE kind != 'off' AND next_at IS NOT NULL"
        )
        return [float(r[0]) for r in rows]


class PulseRepo:
    """Aggregates over a community's check-ins; never returns who said what."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def moods(self, community_id: int, first: date, last: date) -> list[tuple[int, int]]:
        """(anonymous participant number, mood) pairs in the window."""
        rows = await self.db.fetchall(
            "SELECT user_id, mood FROM checkins WHERE community_id = ?"
            " AND local_date BETWEEN ? AND ?",
            (community_id, first.isoformat(), last.isoformat()),
        )
        numbers: dict[int, int] = {}
        return [(numbers.setdefault(r[0], len(numbers)), r[1]) for r in rows]


register(
    "checkin_members", "user_id", "delete", why="communities whose check-ins the person joined"
)
not_personal("checkin_members", "chat_id", "a group's id")
register("checkin_check_on", "user_id", "delete", why="consent to be checked on after hard days")
not_personal("checkin_check_on", "chat_id", "a group's id")
register("checkin_alerts", "user_id", "delete", why="notices sent to listeners about the person")
not_personal("checkin_alerts", "chat_id", "a group's id")
register(
    "checkin_summary_subscribers", "user_id", "delete", why="weekly check-in summaries subscribed"
)
not_personal("checkin_summary_subscribers", "chat_id", "a group's id")


class CareRepo:
    """Joining a community's check-ins, consent to be checked on, the notices sent, and
    summary subscriptions."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # Three yes/no choices a person makes per community, each a (user_id, chat_id, since) row.
    _CHOICES = ("checkin_members", "checkin_check_on", "checkin_summary_subscribers")

    async def _set(self, table: str, user_id: int, chat_id: int, on: bool) -> None:
        assert table in self._CHOICES  # never a name from outside
        if on:
            await self.db.execute(
                f"INSERT INTO {table} (user_id, chat_id, since) VALUES (?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                (user_id, chat_id, int(self.clock.time())),
            )
        else:
            await self.db.execute(
                f"DELETE FROM {table} WHERE user_id = ? AND chat_id = ?", (user_id, chat_id)
            )

    async def _has(self, table: str, user_id: int, chat_id: int) -> bool:
        assert table in self._CHOICES
        return bool(
            await self.db.fetchval(
                f"SELECT 1 FROM {table} WHERE user_id = ? AND chat_id = ?", (user_id, chat_id)
            )
        )

    async def set_member(self, user_id: int, chat_id: int, on: bool) -> None:
        await self._set("checkin_members", user_id, chat_id, on)

    async def is_member(self, user_id: int, chat_id: int) -> bool:
        return await self._has("checkin_members", user_id, chat_id)

    async def set_check_on(self, user_id: int, chat_id: int, on: bool) -> None:
        await self._set("checkin_check_on", user_id, chat_id, on)

    async def check_on(self, user_id: int, chat_id: int) -> bool:
        return await self._has("checkin_check_on", user_id, chat_id)

    async def record_alert(self, user_id: int, chat_id: int, first_day: date) -> bool:
        """False when this run of hard days was already reported."""
        return bool(
            await self.db.execute(
                "INSERT INTO checkin_alerts (user_id, chat_id, first_day, sent_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (user_id, chat_id, first_day.isoformat(), int(self.clock.time())),
            )
        )

    async def set_subscribed(self, chat_id: int, user_id: int, on: bool) -> None:
        await self._set("checkin_summary_subscribers", user_id, chat_id, on)

    async def subscribers(self, chat_id: int) -> list[int]:
        rows = await self.db.fetchall(
            "SELECT user_id FROM checkin_summary_subscribers WHERE chat_id = ? ORDER BY since",
            (chat_id,),
        )
        return [r[0] for r in rows]
