"""Members' introductions (/intro): one per member per community."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass

from bot.db import Database
from bot.repos.personal import not_personal, register
from bot.timeutil import Clock

register("intros", "user_id", "delete", why="the person's introductions to their communities")
not_personal("intros", "chat_id", "a group's id")
not_personal("intros", "message_id", "the id of the group post")

ANSWERS = ("brings", "offers", "needs")


@dataclass(frozen=True)
class Intro:
    chat_id: int
    user_id: int
    brings: str
    offers: str
    needs: str
    posted_at: float | None  # None: kept private
    message_id: int | None  # None while the card is queued (or was never posted)
    updated_at: float

    @property
    def answers(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in ANSWERS}


def _intro(row: sqlite3.Row) -> Intro:
    return Intro(**{k: row[k] for k in Intro.__dataclass_fields__})


class IntrosRepo:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.clock = clock or Clock()

    async def get(self, chat_id: int, user_id: int) -> Intro | None:
        row = await self.db.fetchone(
            "SELECT * FROM intros WHERE chat_id = ? AND user_id = ?", (chat_id, user_id)
        )
        return _intro(row) if row else None

    async def of_user(self, user_id: int) -> list[Intro]:
        rows = await self.db.fetchall("SELECT * FROM intros WHERE user_id = ?", (user_id,))
        return [_intro(r) for r in rows]

    async def save(self, chat_id: int, user_id: int, answers: Mapping[str, str]) -> None:
        """The answers, whatever was posted: posting is recorded separately."""
        now = self.clock.time()
        await self.db.execute(
            "INSERT INTO intros (chat_id, user_id, brings, offers, needs, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id, user_id) DO UPDATE SET"
            " brings = excluded.brings, offers = excluded.offers, needs = excluded.needs,"
            " updated_at = excluded.updated_at",
            (chat_id, user_id, *(answers.get(name, "") for name in ANSWERS), now, now),
        )

    async def mark_posted(self, chat_id: int, user_id: int) -> None:
        await self.db.execute(
            "UPDATE intros SET posted_at = ? WHERE chat_id = ? AND user_id = ?",
            (self.clock.time(), chat_id, user_id),
        )

    async def set_message(self, chat_id: int, user_id: int, message_id: int) -> None:
        # Only while the intro is still meant to be in the group (not taken down meanwhile).
        await self.db.execute(
            "UPDATE intros SET message_id = ? WHERE chat_id = ? AND user_id = ?"
            " AND posted_at IS NOT NULL",
            (message_id, chat_id, user_id),
        )

    async def unpost(self, chat_id: int, user_id: int) -> None:
        await self.db.execute(
            "UPDATE intros SET posted_at = NULL, message_id = NULL"
            " WHERE chat_id = ? AND user_id = ?",
            (chat_id, user_id),
        )
