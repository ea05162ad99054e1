"""Meetings (a series), their occurrences and the RSVPs to each occurrence."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, fields
from typing import Any

from bot.db import Database
from bot.repos.communities import ACTIVE_MEMBER
from bot.repos.personal import not_personal, register
from bot.timeutil import Clock

register("meetings", "host_id", "anonymize", why="meetings the person hosts")
register("meeting_rsvps", "user_id", "delete", why="the person's answers, attendance, feedback")
not_personal("meetings", "chat_id", "a group's id")
not_personal("meeting_occurrences", "meeting_id", "a meeting's id")
not_personal("meeting_occurrences", "message_id", "the announcement's id in the group")
not_personal("meeting_rsvps", "occurrence_id", "an occurrence's id")

KINDS = ("meetup", "workshop", "mentoring", "circle", "other")
ANSWERS = ("going", "maybe", "no")
TAKES_A_SEAT = "going"


@dataclass(frozen=True)
class Meeting:
    id: int
    chat_id: int
    host_id: int | None
    title: str
    kind: str
    description: str
    place: str
    link: str
    zone: str
    start_local: str
    duration_min: int
    capacity: int | None
    guests: int
    cutoff_min: int | None
    recurrence: str
    rrule: str | None
    reminders: str
    lead_days: int
    feedback: int
    status: str
    revision: int = 0  # grows with every change a calendar should take (SEQUENCE)

    @property
    def reminder_minutes(self) -> list[int]:
        return sorted({int(m) for m in self.reminders.split(",") if m.strip()}, reverse=True)


@dataclass(frozen=True)
class Occurrence:
    id: int
    meeting_id: int
    series_local: str
    local_start: str
    starts_at: float
    status: str
    message_id: int | None
    change_reason: str | None = None  # the host's words when cancelling or moving it


@dataclass(frozen=True)
class Rsvp:
    occurrence_id: int
    user_id: int
    status: str
    guests: int
    remind_min: int | None
    attended: int | None
    score: int | None
    note: str | None
    queued_at: float

    @property
    def seats(self) -> int:
        return 1 + self.guests


def _of(cls: type, row: sqlite3.Row) -> Any:
    return cls(**{f.name: row[f.name] for f in fields(cls)})


MEETING_FIELDS = tuple(
    f.name
    for f in fields(Meeting)
    if f.name not in ("id", "chat_id", "host_id", "status", "revision")
)


class MeetingsRepo:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.clock = clock or Clock()

    # --- the series ---

    async def create(self, chat_id: int, host_id: int, values: dict[str, Any]) -> int:
        now = self.clock.time()
        columns = [name for name in MEETING_FIELDS if name in values]
        return await self.db.insert(
            f"INSERT INTO meetings (chat_id, host_id, {', '.join(columns)}, created_at,"
            f" updated_at) VALUES (?, ?, {', '.join('?' for _ in columns)}, ?, ?)",
            (chat_id, host_id, *(values[c] for c in columns), now, now),
        )

    async def get(self, meeting_id: int) -> Meeting | None:
        row = await self.db.fetchone("SELECT * FROM meetings WHERE id = ?", (meeting_id,))
        return _of(Meeting, row) if row else None

    async def update(self, meeting_id: int, values: dict[str, Any]) -> None:
        columns = [name for name in MEETING_FIELDS if name in values]
        if not columns:
            return
        await self.db.execute(
            f"UPDATE meetings SET {', '.join(f'{c} = ?' for c in columns)}, updated_at = ?"
            " WHERE id = ?",
            (*(values[c] for c in columns), self.clock.time(), meeting_id),
        )

    async def set_status(self, meeting_id: int, status: str) -> None:
        await self.db.execute(
            "UPDATE meetings SET status = ?, updated_at = ? WHERE id = ?",
            (status, self.clock.time(), meeting_id),
        )

    async def bump_revision(self, meeting_id: int) -> None:
        await self.db.execute(
            "UPDATE meetings SET revision = revision + 1, updated_at = ? WHERE id = ?",
            (self.clock.time(), meeting_id),
        )

    async def recurring(self) -> list[Meeting]:
        rows = await self.db.fetchall(
            "SELECT * FROM meetings WHERE status = 'active' AND recurrence != 'none'"
        )
        return [_of(Meeting, r) for r in rows]

    # --- occurrences ---

    async def add_occurrence(
        self, meeting_id: int, series_local: str, starts_at: float
    ) -> int | None:
        """None when the series already has this occurrence."""
        found = await self.db.fetchval(
            "SELECT id FROM meeting_occurrences WHERE meeting_id = ? AND series_local = ?",
            (meeting_id, series_local),
        )
        if found is not None:
            return None
        return await self.db.insert(
            "INSERT INTO meeting_occurrences (meeting_id, series_local, local_start, starts_at,"
            " created_at) VALUES (?, ?, ?, ?, ?)",
            (meeting_id, series_local, series_local, starts_at, self.clock.time()),
        )

    async def occurrence(self, occurrence_id: int) -> Occurrence | None:
        row = await self.db.fetchone(
            "SELECT * FROM meeting_occurrences WHERE id = ?", (occurrence_id,)
        )
        return _of(Occurrence, row) if row else None

    async def occurrences(self, meeting_id: int, since: float | None = None) -> list[Occurrence]:
        """The series' occurrences (starting at or after `since`), in order."""
        rows = await self.db.fetchall(
            "SELECT * FROM meeting_occurrences WHERE meeting_id = ? AND starts_at >= ?"
            " ORDER BY starts_at",
            (meeting_id, since if since is not None else float("-inf")),
        )
        return [_of(Occurrence, r) for r in rows]

    async def last_occurrence(self, meeting_id: int) -> Occurrence | None:
        row = await self.db.fetchone(
            "SELECT * FROM meeting_occurrences WHERE meeting_id = ?"
            " ORDER BY series_local DESC LIMIT 1",
            (meeting_id,),
        )
        return _of(Occurrence, row) if row else None

    async def set_message(self, occurrence_id: int, message_id: int) -> None:
        await self.db.execute(
            "UPDATE meeting_occurrences SET message_id = ? WHERE id = ?",
            (message_id, occurrence_id),
        )

    async def move(self, occurrence_id: int, local_start: str, starts_at: float) -> None:
        await self.db.execute(
            "UPDATE meeting_occurrences SET local_start = ?, starts_at = ? WHERE id = ?",
            (local_start, starts_at, occurrence_id),
        )

    async def rename_slot(self, occurrence_id: int, series_local: str) -> None:
        """The occurrence becomes the series' new reference slot (the series was moved)."""
        await self.db.execute(
            "UPDATE meeting_occurrences SET series_local = ? WHERE id = ?",
            (series_local, occurrence_id),
        )

    async def set_change_reason(self, occurrence_id: int, reason: str | None) -> None:
        await self.db.execute(
            "UPDATE meeting_occurrences SET change_reason = ? WHERE id = ?",
            (reason, occurrence_id),
        )

    async def cancel_occurrence(self, occurrence_id: int) -> bool:
        return bool(
            await self.db.execute(
                "UPDATE meeting_occurrences SET status = 'cancelled' WHERE id = ?"
                " AND status = 'scheduled'",
                (occurrence_id,),
            )
        )

    async def upcoming(
        self, user_id: int, since: float, limit: int
    ) -> list[tuple[Meeting, Occurrence, str | None]]:
        """Scheduled occurrences in the person's communities from `since` on, soonest first,
        with the person's answer."""
        members = ",".join("?" for _ in ACTIVE_MEMBER)
        rows = await self.db.fetchall(
            "SELECT m.*, o.id AS o_id, o.series_local, o.local_start AS o_local,"
            " o.starts_at, o.status AS o_status, o.message_id, r.status AS answer"
            " FROM meeting_occurrences o JOIN meetings m ON m.id = o.meeting_id"
            " LEFT JOIN meeting_rsvps r ON r.occurrence_id = o.id AND r.user_id = ?"
            " WHERE o.status = 'scheduled' AND m.status = 'active' AND o.starts_at >= ?"
            " AND m.chat_id IN (SELECT chat_id FROM memberships WHERE user_id = ?"
            f" AND status IN ({members}))"
            " ORDER BY o.starts_at LIMIT ?",
            (user_id, since, user_id, *ACTIVE_MEMBER, limit),
        )
        found = []
        for row in rows:
            occurrence = Occurrence(
                row["o_id"],
                row["id"],
                row["series_local"],
                row["o_local"],
                row["starts_at"],
                row["o_status"],
                row["message_id"],
            )
            found.append((_of(Meeting, row), occurrence, row["answer"]))
        return found

    # --- answers ---

    async def rsvp(self, occurrence_id: int, user_id: int) -> Rsvp | None:
        row = await self.db.fetchone(
            "SELECT * FROM meeting_rsvps WHERE occurrence_id = ? AND user_id = ?",
            (occurrence_id, user_id),
        )
        return _of(Rsvp, row) if row else None

    async def rsvps(self, occurrence_id: int) -> list[Rsvp]:
        """Everyone's answer, in the order they first asked for a seat."""
        rows = await self.db.fetchall(
            "SELECT * FROM meeting_rsvps WHERE occurrence_id = ? ORDER BY queued_at, user_id",
            (occurrence_id,),
        )
        return [_of(Rsvp, r) for r in rows]

    async def seats_taken(self, occurrence_id: int, but: int | None = None) -> int:
        return int(
            await self.db.fetchval(
                "SELECT COALESCE(SUM(1 + guests), 0) FROM meeting_rsvps"
                " WHERE occurrence_id = ? AND status = 'going' AND user_id IS NOT ?",
                (occurrence_id, but),
            )
        )

    async def answer(
        self, occurrence_id: int, user_id: int, status: str, guests: int, queued_at: float
    ) -> None:
        now = self.clock.time()
        await self.db.execute(
            "INSERT INTO meeting_rsvps (occurrence_id, user_id, status, guests, queued_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (occurrence_id, user_id)"
            " DO UPDATE SET status = excluded.status, guests = excluded.guests,"
            " queued_at = excluded.queued_at, updated_at = excluded.updated_at",
            (occurrence_id, user_id, status, guests, queued_at, now),
        )

    async def set_remind(self, occurrence_id: int, user_id: int, minutes: int | None) -> None:
        await self.db.execute(
            "UPDATE meeting_rsvps SET remind_min = ? WHERE occurrence_id = ? AND user_id = ?",
            (minutes, occurrence_id, user_id),
        )

    async def set_attended(self, occurrence_id: int, user_id: int, attended: bool) -> None:
        await self.db.execute(
            "UPDATE meeting_rsvps SET attended = ? WHERE occurrence_id = ? AND user_id = ?",
            (int(attended), occurrence_id, user_id),
        )

    async def set_feedback(
        self, occurrence_id: int, user_id: int, score: int | None, note: str | None
    ) -> None:
        await self.db.execute(
            "UPDATE meeting_rsvps SET score = COALESCE(?, score), note = COALESCE(?, note)"
            " WHERE occurrence_id = ? AND user_id = ?",
            (score, note, occurrence_id, user_id),
        )

    async def held(self, chat_id: int, since: float, until: float) -> tuple[int, int, float | None]:
        """(occurrences that took place, people marked as present, the average score)."""
        row = await self.db.fetchone(
            "SELECT COUNT(DISTINCT o.id) AS held,"
            " COUNT(DISTINCT CASE WHEN r.attended = 1 THEN r.occurrence_id || ':' || r.user_id"
            " END) AS came, AVG(r.score) AS score"
            " FROM meeting_occurrences o JOIN meetings m ON m.id = o.meeting_id"
            " LEFT JOIN meeting_rsvps r ON r.occurrence_id = o.id"
            " WHERE m.chat_id = ? AND o.status = 'scheduled' AND o.starts_at >= ?"
            " AND o.starts_at < ?",
            (chat_id, since, until),
        )
        assert row is not None
        return int(row["held"]), int(row["came"]), row["score"]

    async def attendance(self, chat_id: int, since: float) -> list[tuple[int, int]]:
        """(user_id, meetings attended) in a community since a moment, most first."""
        rows = await self.db.fetchall(
            "SELECT r.user_id, COUNT(*) AS n FROM meeting_rsvps r"
            " JOIN meeting_occurrences o ON o.id = r.occurrence_id"
            " JOIN meetings m ON m.id = o.meeting_id"
            " WHERE m.chat_id = ? AND r.attended = 1 AND o.starts_at >= ?"
            " GROUP BY r.user_id ORDER BY n DESC",
            (chat_id, since),
        )
        return [(r["user_id"], r["n"]) for r in rows]
