"""/mydata and /forget over the personal-data registry in bot/repos/personal.py."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from bot.db import Database
from bot.repos import personal


class PrivacyService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._forget_hooks: list[Any] = []
        self._before_forget: list[Any] = []

    def before_forget(self, hook: Any) -> None:
        """`await hook(user_id)` before the rows go: a feature takes down what it posted for
        the person (a group post with their name) while it still knows where."""
        self._before_forget.append(hook)

    def on_forget(self, hook: Any) -> None:
        """In-memory caches that hold a person's data register here to be cleared too."""
        self._forget_hooks.append(hook)

    async def export(self, user_id: int) -> bytes:
        data = await personal.export_user(self.db, user_id)
        document = {
            "user_id": user_id,
            "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "tables": data,
        }
        return json.dumps(document, ensure_ascii=False, indent=2, default=str).encode("utf-8")

    async def forget(self, user_id: int) -> dict[str, int]:
        for before in self._before_forget:
            await before(user_id)
        counts = await personal.forget_user(self.db, user_id)
        for hook in self._forget_hooks:
            hook(user_id)
        return counts
