"""The inbox of updates and the ids already handled, so that every update is handled, and once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.db import Database, Params
from bot.repos.personal import not_personal, register

not_personal("processed_updates", "update_id", "Telegram's update counter")
not_personal("inbox", "update_id", "Telegram's update counter")
register("inbox", "user_id", "delete", exported=False, why="an update not handled yet")
not_personal("inbox", "payload", "deleted with its row, which user_id ties to the person")


@dataclass(frozen=True)
class StoredUpdate:
    update_id: int
    payload: str


class UpdatesRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def store(self, updates: Sequence[tuple[int, int | None, str]], now: float) -> list[int]:
        """(update id, sender's id, JSON) rows in one transaction; returns the ids that are new
        (neither waiting already nor handled before)."""
        fresh: list[int] = []
        async with self.db.transaction() as conn:
            for update_id, user_id, payload in updates:
                cursor = await conn.execute(
                    "INSERT INTO inbox (update_id, user_id, payload, received_at)"
                    " SELECT ?, ?, ?, ? WHERE NOT EXISTS"
                    " (SELECT 1 FROM processed_updates WHERE update_id = ?)"
                    " ON CONFLICT DO NOTHING",
                    (update_id, user_id, payload, now, update_id),
                )
                if cursor.rowcount:
                    fresh.append(update_id)
        return fresh

    async def waiting(self) -> list[StoredUpdate]:
        """Stored updates whose handling never committed (the process stopped or crashed)."""
        rows = await self.db.fetchall(
            "SELECT update_id, payload FROM inbox WHERE update_id NOT IN"
            " (SELECT update_id FROM processed_updates) ORDER BY update_id"
        )
        return [StoredUpdate(r["update_id"], r["payload"]) for r in rows]

    async def is_handled(self, update_id: int) -> bool:
        return bool(
            await self.db.fetchval(
                "SELECT 1 FROM processed_updates WHERE update_id = ?", (update_id,)
            )
        )

    async def next_offset(self) -> int | None:
        """The first update id Telegram has not had confirmed (None: ask for whatever waits)."""
        value = await self.db.fetchval(
            "SELECT MAX(m) FROM (SELECT MAX(update_id) AS m FROM inbox"
            " UNION ALL SELECT MAX(update_id) FROM processed_updates)"
        )
        return None if value is None else int(value) + 1

    @staticmethod
    def handled_statements(update_id: int, now: float) -> list[tuple[str, Params]]:
        """What marks an update handled; it commits with the handler's own first write."""
        return [
            (
                "INSERT INTO processed_updates (update_id, received_at) VALUES (?, ?)"
                " ON CONFLICT DO NOTHING",
                (update_id, int(now)),
            ),
            ("DELETE FROM inbox WHERE update_id = ?", (update_id,)),
        ]

    async def mark_handled(self, update_id: int, now: float) -> None:
        async with self.db.transaction() as conn:
            for sql, params in self.handled_statements(update_id, now):
                await conn.execute(sql, params)

    async def prune(self, older_than: int) -> int:
        # Keep the newest id even when old: Telegram's ids only grow, so it is our high-water mark.
        return await self.db.execute(
            "DELETE FROM processed_updates WHERE received_at < ?"
            " AND update_id < (SELECT MAX(update_id) FROM processed_updates)",
            (older_than,),
        )
