"""One-off work at a moment in time; bot/scheduler.py is rebuilt from this table."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from bot.db import Database
from bot.repos.personal import not_personal, register
from bot.timeutil import Clock

# Timers about one person (a reminder to them, say) name them here so /forget removes them.
register("timers", "user_id", "delete", why="scheduled work about the person")
not_personal("timers", "args", "ids only; a timer about a person names them in user_id")


@dataclass(frozen=True)
class Timer:
    id: int
    kind: str
    args: dict[str, Any]
    run_at: float
    grace: int
    status: str


def _timer(row: sqlite3.Row) -> Timer:
    return Timer(
        id=row["id"],
        kind=row["kind"],
        args=json.loads(row["args"]),
        run_at=row["run_at"],
        grace=row["grace"],
        status=row["status"],
    )


class TimersRepo:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock  # injected: tests move time, and every record follows it

    async def add(
        self,
        kind: str,
        args: dict[str, Any],
        run_at: float,
        *,
        grace: int = 600,
        dedupe_key: str | None = None,
        user_id: int | None = None,
    ) -> int | None:
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO timers (kind, args, run_at, grace, dedupe_key, user_id, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING",
                (kind, json.dumps(args), run_at, grace, dedupe_key, user_id, self.clock.time()),
            )
            return cursor.lastrowid if cursor.rowcount else None

    async def get(self, timer_id: int) -> Timer | None:
        row = await self.db.fetchone("SELECT * FROM timers WHERE id = ?", (timer_id,))
        return _timer(row) if row else None

    async def pending(self) -> list[Timer]:
        rows = await self.db.fetchall(
            "SELECT * FROM timers WHERE status = 'pending' ORDER BY run_at, id"
        )
        return [_timer(r) for r in rows]

    async def overdue(self, before: float) -> int:
        """Pending timers that should have run before `before` (for /metrics)."""
        value = await self.db.fetchval(
            "SELECT COUNT(*) FROM timers WHERE status = 'pending' AND run_at < ?", (before,)
        )
        return int(value or 0)

    async def finish(self, timer_id: int, status: str, at: float) -> bool:
        """Pending → status; False if someone else already finished it (no double run)."""
        return bool(
            await self.db.execute(
                "UPDATE timers SET status = ?, done_at = ? WHERE id = ? AND status = 'pending'",
                (status, at, timer_id),
            )
        )

    async def cancel(self, dedupe_key: str) -> bool:
        return bool(
            await self.db.execute(
                # The key is freed so the same work can be scheduled again later.
                "UPDATE timers SET status = 'skipped', done_at = ?, dedupe_key = NULL"
                " WHERE dedupe_key = ? AND status = 'pending'",
                (self.clock.time(), dedupe_key),
            )
        )

    async def prune(self, older_than: float) -> int:
        return await self.db.execute(
            "DELETE FROM timers WHERE status != 'pending' AND created_at < ?", (older_than,)
        )
