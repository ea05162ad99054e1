"""aiogram's FSM (multi-step forms) kept in SQLite, so a restart mid-form loses no answers."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey

from bot.db import Database
from bot.repos.personal import not_personal, register
from bot.timeutil import Clock

register("fsm_states", "user_id", "delete", why="answers typed into a form in progress")
register("fsm_states", "chat_id", "delete", exported=False, why="the chat of a form in progress")
not_personal("fsm_states", "bot_id", "the bot's own id")
not_personal("fsm_states", "thread_id", "a forum topic's id")
not_personal("fsm_states", "business_id", "a business connection id")
not_personal("fsm_states", "data", "deleted with its row, which user_id ties to the person")

_KEY = (
    "bot_id = ? AND chat_id = ? AND user_id = ? AND thread_id = ? AND business_id = ?"
    " AND destiny = ?"
)


def _key(key: StorageKey) -> tuple[Any, ...]:
    return (
        key.bot_id,
        key.chat_id,
        key.user_id,
        key.thread_id or 0,
        key.business_connection_id or "",
        key.destiny,
    )


class SQLiteStorage(BaseStorage):
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock  # injected: tests move time, and every record follows it

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        if value is None:
            # Clearing is the common case (/start, /cancel): no write when there is no form.
            cleared = await self.db.execute(
                f"UPDATE fsm_states SET state = NULL WHERE {_KEY} AND state IS NOT NULL", _key(key)
            )
            if cleared:
                await self._drop_if_empty(key)
            return
        await self.db.execute(
            "INSERT INTO fsm_states (bot_id, chat_id, user_id, thread_id, business_id, destiny,"
            " state, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (bot_id, chat_id, user_id, thread_id, business_id, destiny)"
            " DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
            (*_key(key), value, int(self.clock.time())),
        )

    async def get_state(self, key: StorageKey) -> str | None:
        return await self.db.fetchval(f"SELECT state FROM fsm_states WHERE {_KEY}", _key(key))

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        if not data:
            emptied = await self.db.execute(
                f"UPDATE fsm_states SET data = '{{}}' WHERE {_KEY} AND data != '{{}}'", _key(key)
            )
            if emptied:
                await self._drop_if_empty(key)
            return
        await self.db.execute(
            "INSERT INTO fsm_states (bot_id, chat_id, user_id, thread_id, business_id, destiny,"
            " data, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (bot_id, chat_id, user_id, thread_id, business_id, destiny)"
            " DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
            (*_key(key), json.dumps(dict(data), ensure_ascii=False), int(self.clock.time())),
        )

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        raw = await self.db.fetchval(f"SELECT data FROM fsm_states WHERE {_KEY}", _key(key))
        return json.loads(raw) if raw else {}

    async def _drop_if_empty(self, key: StorageKey) -> None:
        await self.db.execute(
            f"DELETE FROM fsm_states WHERE {_KEY} AND state IS NULL AND data = '{{}}'", _key(key)
        )

    async def close(self) -> None:
        """The database is closed by the application, not by the storage."""
