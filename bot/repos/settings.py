"""A community's settings as key → text rows; typing and defaults live in the service."""

from __future__ import annotations

from bot.db import Database
from bot.repos.personal import not_personal, register
from bot.timeutil import Clock

not_personal("community_settings", "chat_id", "a group's id")
register(
    "community_settings",
    "updated_by",
    "anonymize",
    exported=False,
    why="which moderator last changed a community setting",
)


class SettingsRepo:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock  # injected: tests move time, and every record follows it

    async def all(self, chat_id: int) -> dict[str, str]:
        rows = await self.db.fetchall(
            "SELECT key, value FROM community_settings WHERE chat_id = ?", (chat_id,)
        )
        return {r[0]: r[1] for r in rows}

    async def get(self, chat_id: int, key: str) -> str | None:
        value = await self.db.fetchval(
            "SELECT value FROM community_settings WHERE chat_id = ? AND key = ?", (chat_id, key)
        )
        return None if value is None else str(value)

    async def put(self, chat_id: int, key: str, value: str | None, by: int | None) -> None:
        """None removes the row: the setting is back to its default."""
        if value is None:
            await self.db.execute(
                "DELETE FROM community_settings WHERE chat_id = ? AND key = ?", (chat_id, key)
            )
            return
        await self.db.execute(
            "INSERT INTO community_settings (chat_id, key, value, updated_by, updated_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_id, key) DO UPDATE SET"
            " value = excluded.value, updated_by = excluded.updated_by,"
            " updated_at = excluded.updated_at",
            (chat_id, key, value, by, int(self.clock.time())),
        )

    async def chats_where(self, key: str, value: str) -> list[int]:
        """Active communities whose `key` is set to `value`."""
        rows = await self.db.fetchall(
            "SELECT s.chat_id FROM community_settings s JOIN communities c"
            " ON c.chat_id = s.chat_id WHERE s.key = ? AND s.value = ? AND c.status = 'active'",
            (key, value),
        )
        return [r[0] for r in rows]

    async def values_of(self, key: str) -> dict[int, str]:
        rows = await self.db.fetchall(
            "SELECT s.chat_id, s.value FROM community_settings s JOIN communities c"
            " ON c.chat_id = s.chat_id WHERE s.key = ? AND c.status = 'active'",
            (key,),
        )
        return {r[0]: r[1] for r in rows}
