"""People who talk to the bot: their language, time zone and chosen community."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from bot.db import Database
from bot.repos.personal import register
from bot.timeutil import Clock

register("users", "id", "delete", why="the person's own settings")


@dataclass(frozen=True)
class User:
    id: int
    first_name: str | None
    username: str | None
    language_code: str | None
    language: str | None
    timezone: str | None
    current_community_id: int | None
    blocked_at: int | None


def _user(row: sqlite3.Row) -> User:
    return User(
        id=row["id"],
        first_name=row["first_name"],
        username=row["username"],
        language_code=row["language_code"],
        language=row["language"],
        timezone=row["timezone"],
        current_community_id=row["current_community_id"],
        blocked_at=row["blocked_at"],
    )


class UsersRepo:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock  # injected: tests move time, and every record follows it

    async def get(self, user_id: int) -> User | None:
        row = await self.db.fetchone("SELECT * FROM users WHERE id = ?", (user_id,))
        return _user(row) if row else None

    async def get_many(self, user_ids: list[int]) -> dict[int, User]:
        found: dict[int, User] = {}
        for start in range(0, len(user_ids), 500):  # under SQLite's bound-parameter limit
            chunk = user_ids[start : start + 500]
            placeholders = ",".join("?" for _ in chunk)
            rows = await self.db.fetchall(
                f"SELECT * FROM users WHERE id IN ({placeholders})", tuple(chunk)
            )
            found.update({r["id"]: _user(r) for r in rows})
        return found

    async def upsert_seen(
        self, user_id: int, first_name: str | None, username: str | None, language_code: str | None
    ) -> None:
        """Record what Telegram tells us about a person; writing to us also unblocks them."""
        now = int(self.clock.time())
        await self.db.execute(
            "INSERT INTO users (id, first_name, username, language_code, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET first_name = excluded.first_name,"
            " username = excluded.username,"
            " language_code = COALESCE(excluded.language_code, users.language_code),"
            " blocked_at = NULL, updated_at = excluded.updated_at",
            (user_id, first_name, username, language_code, now, now),
        )

    async def ensure(self, user_id: int) -> None:
        now = int(self.clock.time())
        await self.db.execute(
            "INSERT INTO users (id, created_at, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (id) DO NOTHING",
            (user_id, now, now),
        )

    async def set_language(self, user_id: int, language: str) -> None:
        await self.ensure(user_id)
        await self.db.execute(
            "UPDATE users SET language = ?, updated_at = ? WHERE id = ?",
            (language, int(self.clock.time()), user_id),
        )

    async def set_timezone(self, user_id: int, timezone: str) -> None:
        await self.ensure(user_id)
        await self.db.execute(
            "UPDATE users SET timezone = ?, updated_at = ? WHERE id = ?",
            (timezone, int(self.clock.time()), user_id),
        )

    async def set_current_community(self, user_id: int, chat_id: int | None) -> bool:
        """False when the community is gone meanwhile (a group that just became a supergroup
        has a new id): nothing is changed then."""
        await self.ensure(user_id)
        return bool(
            await self.db.execute(
                "UPDATE users SET current_community_id = ?, updated_at = ? WHERE id = ?"
                " AND (? IS NULL OR EXISTS (SELECT 1 FROM communities WHERE chat_id = ?))",
                (chat_id, int(self.clock.time()), user_id, chat_id, chat_id),
            )
        )

    async def set_blocked(self, user_id: int, blocked: bool) -> None:
        await self.db.execute(
            "UPDATE users SET blocked_at = ? WHERE id = ?",
            (int(self.clock.time()) if blocked else None, user_id),
        )

    async def find_by_username(self, username: str) -> User | None:
        row = await self.db.fetchone(
            "SELECT * FROM users WHERE LOWER(username) = LOWER(?) ORDER BY updated_at DESC LIMIT 1",
            (username.lstrip("@"),),
        )
        return _user(row) if row else None

    async def count(self) -> int:
        return int(await self.db.fetchval("SELECT COUNT(*) FROM users"))
