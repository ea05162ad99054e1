"""The audit log of a community: moderation actions and settings changes."""

from __future__ import annotations

from dataclasses import dataclass, fields

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
    anonymous: int  # 1: an anonymous admin acted (posting as the group)
    action: str
    target_id: int | None
    detail: str
    created_at: float


class AuditRepo:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.clock = clock or Clock()

    async def add(
        self,
        chat_id: int,
        actor_id: int | None,
        anonymous: bool,
        action: str,
        target_id: int | None,
        detail: str,
    ) -> AuditEntry:
        now = self.clock.time()
        entry_id = await self.db.insert(
            "INSERT INTO audit_log (chat_id, actor_id, anonymous, action, target_id, detail,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (chat_id, actor_id, int(anonymous), action, target_id, detail, now),
        )
        return AuditEntry(
            entry_id, chat_id, actor_id, int(anonymous), action, target_id, detail, now
        )

    async def page(
        self, chat_id: int, offset: int, limit: int, actions: tuple[str, ...] = ()
    ) -> tuple[list[AuditEntry], int]:
        """Newest first, only `actions` if given: (a page, how many in all)."""
        where = "chat_id = ?"
        params: tuple[object, ...] = (chat_id,)
        if actions:
            where += f" AND action IN ({','.join('?' * len(actions))})"
            params += actions
        rows = await self.db.fetchall(
            f"SELECT * FROM audit_log WHERE {where} ORDER BY id DESC LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        total = await self.db.fetchval(f"SELECT COUNT(*) FROM audit_log WHERE {where}", params)
        names = [f.name for f in fields(AuditEntry)]
        return [AuditEntry(**{n: r[n] for n in names}) for r in rows], int(total)
