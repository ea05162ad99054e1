"""Appeals of warnings, mutes and bans to a community's other moderators."""

from __future__ import annotations

from dataclasses import dataclass, fields

from bot.db import Database
from bot.repos.personal import not_personal, register
from bot.timeutil import Clock

register("appeals", "user_id", "delete", why="the person's appeals")
# A moderator's export must not carry the member's words: these rows are the member's.
register(
    "appeals", "by_id", "anonymize", exported=False, why="appeals against the person's decisions"
)
register("appeals", "decided_by", "anonymize", exported=False, why="appeals the person decided")
not_personal("appeals", "chat_id", "a group's id")
not_personal("appeals", "record_id", "a warning's or a sanction's id")


@dataclass(frozen=True)
class Appeal:
    id: int
    chat_id: int
    user_id: int
    kind: str
    record_id: int
    by_id: int | None
    text: str
    status: str
    decided_by: int | None
    created_at: float


def _appeal(row: object) -> Appeal:
    return Appeal(**{f.name: row[f.name] for f in fields(Appeal)})  # type: ignore[index]


CLAIM_TIMEOUT = 120.0  # seconds a decision may take before another moderator may decide


class AppealsRepo:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.clock = clock or Clock()

    async def add(
        self, chat_id: int, user_id: int, kind: str, record_id: int, by_id: int | None, text: str
    ) -> Appeal | None:
        """The new appeal, or None when this warning or sanction was appealed before."""
        # Counted by rows changed: after DO NOTHING, lastrowid would name another row.
        added = await self.db.execute(
            "INSERT INTO appeals (chat_id, user_id, kind, record_id, by_id, text, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, record_id) DO NOTHING",
            (chat_id, user_id, kind, record_id, by_id, text, self.clock.time()),
        )
        return await self.of_record(kind, record_id) if added else None

    async def get(self, appeal_id: int) -> Appeal | None:
        row = await self.db.fetchone("SELECT * FROM appeals WHERE id = ?", (appeal_id,))
        return _appeal(row) if row else None

    async def of_record(self, kind: str, record_id: int) -> Appeal | None:
        row = await self.db.fetchone(
            "SELECT * FROM appeals WHERE kind = ? AND record_id = ?", (kind, record_id)
        )
        return _appeal(row) if row else None

    async def open_in(self, chat_id: int) -> list[Appeal]:
        rows = await self.db.fetchall(
            "SELECT * FROM appeals WHERE chat_id = ? AND status = 'open' ORDER BY id LIMIT 50",
            (chat_id,),
        )
        return [_appeal(r) for r in rows]

    async def claim(self, appeal_id: int, by_id: int) -> bool:
        """The first moderator to press decides; a second press finds it taken — unless the
        first one's decision never finished (a restart mid-way): then it is open again."""
        now = self.clock.time()
        return bool(
            await self.db.execute(
                "UPDATE appeals SET status = 'deciding', decided_by = ?, decided_at = ?"
                " WHERE id = ? AND (status = 'open' OR (status = 'deciding' AND decided_at < ?))",
                (by_id, now, appeal_id, now - CLAIM_TIMEOUT),
            )
        )

    async def reopen(self, appeal_id: int) -> None:
        await self.db.execute(
            "UPDATE appeals SET status = 'open', decided_by = NULL, decided_at = NULL WHERE id = ?"
            " AND status = 'deciding'",
            (appeal_id,),
        )

    async def decide(self, appeal_id: int, status: str) -> None:
        await self.db.execute(
            "UPDATE appeals SET status = ?, decided_at = ? WHERE id = ?",
            (status, self.clock.time(), appeal_id),
        )
