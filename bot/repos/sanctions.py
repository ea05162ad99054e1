"""Warnings and sanctions (mute, ban) of members in a community."""

from __future__ import annotations

from dataclasses import dataclass, fields

from bot.db import Database
from bot.repos.personal import not_personal, register
from bot.timeutil import Clock

register("warnings", "user_id", "delete", why="warnings the person received")
register("warnings", "by_id", "anonymize", why="warnings the person gave")
register("sanctions", "user_id", "delete", why="mutes and bans of the person")
register("sanctions", "by_id", "anonymize", why="mutes and bans the person gave")
not_personal("warnings", "chat_id", "a group's id")
not_personal("sanctions", "chat_id", "a group's id")


@dataclass(frozen=True)
class Warning:
    id: int
    chat_id: int
    user_id: int
    by_id: int | None
    reason: str
    rule: int | None
    created_at: float
    expires_at: float
    revoked_at: float | None


@dataclass(frozen=True)
class Sanction:
    id: int
    chat_id: int
    user_id: int
    kind: str
    by_id: int | None
    reason: str
    rule: int | None
    until: float | None
    created_at: float
    lifted_at: float | None


def _warning(row: object) -> Warning:
    return Warning(**{f.name: row[f.name] for f in fields(Warning)})  # type: ignore[index]


class SanctionsRepo:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.clock = clock or Clock()

    async def warn(
        self,
        chat_id: int,
        user_id: int,
        by_id: int | None,
        reason: str,
        rule: int | None,
        lasts: float,
    ) -> int:
        now = self.clock.time()
        return await self.db.insert(
            "INSERT INTO warnings (chat_id, user_id, by_id, reason, rule, created_at, expires_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (chat_id, user_id, by_id, reason, rule, now, now + lasts),
        )

    async def active_warnings(self, chat_id: int, user_id: int) -> list[Warning]:
        rows = await self.db.fetchall(
            "SELECT * FROM warnings WHERE chat_id = ? AND user_id = ? AND revoked_at IS NULL"
            " AND expires_at > ? ORDER BY id",
            (chat_id, user_id, self.clock.time()),
        )
        return [_warning(r) for r in rows]

    async def history(self, chat_id: int, user_id: int) -> list[Warning]:
        rows = await self.db.fetchall(
            "SELECT * FROM warnings WHERE chat_id = ? AND user_id = ? ORDER BY id DESC LIMIT 20",
            (chat_id, user_id),
        )
        return [_warning(r) for r in rows]

    async def revoke_last(self, chat_id: int, user_id: int) -> bool:
        return bool(
            await self.db.execute(
                "UPDATE warnings SET revoked_at = ? WHERE id = (SELECT id FROM warnings"
                " WHERE chat_id = ? AND user_id = ? AND revoked_at IS NULL AND expires_at > ?"
                " ORDER BY id DESC LIMIT 1)",
                (self.clock.time(), chat_id, user_id, self.clock.time()),
            )
        )

    async def clear_warnings(self, chat_id: int, user_id: int) -> None:
        """After the sanction the warnings led to, the count starts again."""
        await self.db.execute(
            "UPDATE warnings SET revoked_at = ? WHERE chat_id = ? AND user_id = ?"
            " AND revoked_at IS NULL",
            (self.clock.time(), chat_id, user_id),
        )

    async def add_sanction(
        self,
        chat_id: int,
        user_id: int,
        kind: str,
        by_id: int | None,
        reason: str,
        rule: int | None,
        until: float | None,
    ) -> int:
        await self.lift(chat_id, user_id, kind)  # a new mute replaces the old one
        return await self.db.insert(
            "INSERT INTO sanctions (chat_id, user_id, kind, by_id, reason, rule, until,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (chat_id, user_id, kind, by_id, reason, rule, until, self.clock.time()),
        )

    async def lift(self, chat_id: int, user_id: int, kind: str) -> bool:
        """End an active sanction (one that has not run out by itself)."""
        now = self.clock.time()
        return bool(
            await self.db.execute(
                "UPDATE sanctions SET lifted_at = ? WHERE chat_id = ? AND user_id = ? AND kind = ?"
                " AND lifted_at IS NULL AND (until IS NULL OR until > ?)",
                (now, chat_id, user_id, kind, now),
            )
        )

    async def active(self, chat_id: int, user_id: int, kind: str) -> Sanction | None:
        """The sanction of this kind in force now (not lifted, not run out)."""
        now = self.clock.time()
        row = await self.db.fetchone(
            "SELECT * FROM sanctions WHERE chat_id = ? AND user_id = ? AND kind = ?"
            " AND lifted_at IS NULL AND (until IS NULL OR until > ?) ORDER BY id DESC LIMIT 1",
            (chat_id, user_id, kind, now),
        )
        return Sanction(**{f.name: row[f.name] for f in fields(Sanction)}) if row else None

    async def warning(self, warning_id: int) -> Warning | None:
        row = await self.db.fetchone("SELECT * FROM warnings WHERE id = ?", (warning_id,))
        return _warning(row) if row else None

    async def sanction(self, sanction_id: int) -> Sanction | None:
        row = await self.db.fetchone("SELECT * FROM sanctions WHERE id = ?", (sanction_id,))
        return Sanction(**{f.name: row[f.name] for f in fields(Sanction)}) if row else None

    async def revoke(self, warning_id: int) -> bool:
        """Withdraw one warning (an appeal upheld)."""
        return bool(
            await self.db.execute(
                "UPDATE warnings SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                (self.clock.time(), warning_id),
            )
        )

    def in_force(self, record: Warning | Sanction) -> bool:
        now = self.clock.time()
        if isinstance(record, Warning):
            return record.revoked_at is None and record.expires_at > now
        return record.lifted_at is None and (record.until is None or record.until > now)
