"""The audit log of a community: moderation actions and settings changes."""

from __future__ import annotations

from dataclasses import dataclass

from bot.db import Database
from bot.repos.personal import not_personal, register
from bot.timeutil import Clock

# Others still need the record of what was done; only the link to the person goes.
register("audit_log", "actor_id", "anonymize", why="moderation actions the person took")
register("audit_log", "target_id", "anonymize", why="moderation actions about the person")
not_personal("audit_log", "chat_id", "a group's id")


@dataclass(frozen=True)
class AuditEntry:
    id: int
    chat_id: int
    actor_id: int | None
    action: str
    target_id: int | None
    detail: str
    created_at: float


class AuditRepo:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.clock = clock or Clock()

    async def add(
        self, chat_id: int, actor_id: int | None, action: str, target_id: int | None, detail: str
    ) -> int:
        return await self.db.insert(
            "INSERT INTO audit_log (chat_id, actor_id, action, target_id, detail, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (chat_id, actor_id, action, target_id, detail, self.clock.time()),
        )

    async def page(self, chat_id: int, offset: int, limit: int) -> tuple[list[AuditEntry], int]:
        """Newest first: (a page, how many in all)."""
        rows = await self.db.fetchall(
            "SELECT * FROM audit_log WHERE chat_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
            (chat_id, limit, offset),
        )
        total = await self.db.fetchval(
            "SELECT COUNT(*) FROM audit_log WHERE chat_id = ?", (chat_id,)
        )
        return [AuditEntry(**dict(r)) for r in rows], int(total)
