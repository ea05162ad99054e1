"""Mentors, and mentees' requests to them."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from bot.db import Database
from bot.repos.communities import ACTIVE_MEMBER
from bot.repos.personal import not_personal, register
from bot.timeutil import Clock

register("mentors", "user_id", "delete", why="the person's offer to mentor")
register("mentor_requests", "mentor_id", "delete", why="mentoring requests to the person")
register("mentor_requests", "mentee_id", "delete", why="the person's mentoring requests")
not_personal("mentor_requests", "chat_id", "a group's id")


@dataclass(frozen=True)
class Mentor:
    user_id: int
    topics: str
    capacity: int
    active: bool


@dataclass(frozen=True)
class MentorRequest:
    id: int
    mentor_id: int
    mentee_id: int
    chat_id: int
    topic: str
    message: str
    status: str
    created_at: float
    decided_at: float | None
    met: int | None


def _mentor(row: sqlite3.Row) -> Mentor:
    return Mentor(row["user_id"], row["topics"], row["capacity"], bool(row["active"]))


def _request(row: sqlite3.Row) -> MentorRequest:
    return MentorRequest(**{k: row[k] for k in MentorRequest.__dataclass_fields__})


class MentoringRepo:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.clock = clock or Clock()

    async def mentor(self, user_id: int) -> Mentor | None:
        row = await self.db.fetchone("SELECT * FROM mentors WHERE user_id = ?", (user_id,))
        return _mentor(row) if row else None

    async def save_mentor(self, user_id: int, topics: str, capacity: int) -> None:
        await self.db.execute(
            "INSERT INTO mentors (user_id, topics, capacity, active, updated_at)"
            " VALUES (?, ?, ?, 1, ?) ON CONFLICT (user_id) DO UPDATE SET"
            " topics = excluded.topics, capacity = excluded.capacity,"
            " updated_at = excluded.updated_at",
            (user_id, topics, capacity, self.clock.time()),
        )

    async def set_active(self, user_id: int, active: bool) -> None:
        await self.db.execute(
            "UPDATE mentors SET active = ?, updated_at = ? WHERE user_id = ?",
            (int(active), self.clock.time(), user_id),
        )

    async def delete_mentor(self, user_id: int) -> None:
        await self.db.execute("DELETE FROM mentors WHERE user_id = ?", (user_id,))

    async def mentors_near(self, user_id: int) -> list[tuple[int, Mentor]]:
        """(a shared community, mentor) for active mentors in the person's communities."""
        members = ",".join("?" for _ in ACTIVE_MEMBER)
        rows = await self.db.fetchall(
            "SELECT MIN(theirs.chat_id) AS shared, t.* FROM mentors t"
            " JOIN memberships theirs ON theirs.user_id = t.user_id"
            " JOIN memberships mine ON mine.chat_id = theirs.chat_id AND mine.user_id = ?"
            f" WHERE t.active = 1 AND t.user_id != ? AND theirs.status IN ({members})"
            f" AND mine.status IN ({members}) GROUP BY t.user_id ORDER BY t.updated_at DESC",
            (user_id, user_id, *ACTIVE_MEMBER, *ACTIVE_MEMBER),
        )
        return [(r["shared"], _mentor(r)) for r in rows]

    async def accepted_since(self, mentor_id: int, since: float) -> int:
        return int(
            await self.db.fetchval(
                "SELECT COUNT(*) FROM mentor_requests WHERE mentor_id = ?"
                " AND status = 'accepted' AND decided_at > ?",
                (mentor_id, since),
            )
        )

    async def pending_of(self, mentee_id: int, since: float) -> list[MentorRequest]:
        """The mentee's requests still waiting, asked after `since` (older ones lapsed)."""
        rows = await self.db.fetchall(
            "SELECT * FROM mentor_requests WHERE mentee_id = ? AND status = 'pending'"
            " AND created_at > ?",
            (mentee_id, since),
        )
        return [_request(r) for r in rows]

    async def waiting_for(self, mentor_id: int) -> list[MentorRequest]:
        rows = await self.db.fetchall(
            "SELECT * FROM mentor_requests WHERE mentor_id = ? AND status = 'pending'",
            (mentor_id,),
        )
        return [_request(r) for r in rows]

    async def open_between(
        self, mentor_id: int, mentee_id: int, since: float
    ) -> MentorRequest | None:
        """A request still waiting (asked after `since`), or a pair already introduced."""
        row = await self.db.fetchone(
            "SELECT * FROM mentor_requests WHERE mentor_id = ? AND mentee_id = ?"
            " AND (status = 'accepted' OR (status = 'pending' AND created_at > ?))"
            " ORDER BY id DESC LIMIT 1",
            (mentor_id, mentee_id, since),
        )
        return _request(row) if row else None

    async def add_request(
        self, mentor_id: int, mentee_id: int, chat_id: int, topic: str, message: str
    ) -> int:
        return await self.db.insert(
            "INSERT INTO mentor_requests (mentor_id, mentee_id, chat_id, topic, message,"
            " status, created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)",
            (mentor_id, mentee_id, chat_id, topic, message, self.clock.time()),
        )

    async def request(self, request_id: int) -> MentorRequest | None:
        row = await self.db.fetchone("SELECT * FROM mentor_requests WHERE id = ?", (request_id,))
        return _request(row) if row else None

    async def decide(self, request_id: int, status: str) -> bool:
        """Only a pending request is decided, once."""
        return bool(
            await self.db.execute(
                "UPDATE mentor_requests SET status = ?, decided_at = ? WHERE id = ?"
                " AND status = 'pending'",
                (status, self.clock.time(), request_id),
            )
        )

    async def set_met(self, request_id: int, met: bool) -> None:
        await self.db.execute(
            "UPDATE mentor_requests SET met = ? WHERE id = ?", (int(met), request_id)
        )
