"""/mydata and /forget over the personal-data registry in bot/repos/personal.py."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from bot.db import Database
from bot.repos import personal
from bot.repos.outbox import OutboxRepo
from bot.repos.users import UsersRepo

_QUOTED = 12  # characters: a text this long found in a message is the person's own words


class PrivacyService:
    def __init__(self, db: Database, users: UsersRepo, outbox: OutboxRepo) -> None:
        self.db = db
        self.users = users
        self.outbox = outbox
        self._forget_hooks: list[Any] = []
        self._words: list[Any] = []
        self._before_forget: list[Any] = []

    def before_forget(self, hook: Any) -> None:
        """`await hook(user_id)` before the rows go: a feature takes down what it posted for
        the person (a group post with their name) while it still knows where."""
        self._before_forget.append(hook)

    def words_from(self, source: Any) -> None:
        """`await source(user_id)` → texts the person wrote (a request's title): /forget also
        removes messages that quote them, which may not name the person (an anonymous post)."""
        self._words.append(source)

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
        user = await self.users.get(user_id)
        names = []
        if user is not None:
            full = user.first_name or ""
            names = [full] if len(full) >= 3 else []
            if user.username:
                names.append(f"@{user.username}")
        for source in self._words:
            # Short texts ("Да") would match others' messages; what is quoted is longer.
            names += [w for w in await source(user_id) if len(w) >= _QUOTED]
        for before in self._before_forget:
            await before(user_id)
        async with self.db.transaction():
            counts = await personal.forget_user(self.db, user_id)
            scrubbed = await self.outbox.forget_mentions(user_id, names)
        if scrubbed:
            counts["outbox.payload"] = scrubbed
        # secure_delete zeroes the freed pages; folding the WAL in leaves no old copy there.
        await self.db.checkpoint()
        for hook in self._forget_hooks:
            hook(user_id)
        return counts
