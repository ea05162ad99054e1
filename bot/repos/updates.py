"""Update ids already handled, so a re-sent update is not handled twice."""

from __future__ import annotations

import time

from bot.db import Database
from bot.repos.personal import not_personal

not_personal("processed_updates", "update_id", "Telegram's update counter")


class UpdatesRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def claim(self, update_id: int) -> bool:
        """True the first time an update id is seen, False for every repeat."""
        return bool(
            await self.db.execute(
                "INSERT INTO processed_updates (update_id, received_at) VALUES (?, ?)"
                " ON CONFLICT DO NOTHING",
                (update_id, int(time.time())),
            )
        )

    async def prune(self, older_than: int) -> int:
        # Keep the newest id even when old: Telegram's ids only grow, so it is our high-water mark.
        return await self.db.execute(
            "DELETE FROM processed_updates WHERE received_at < ?"
            " AND update_id < (SELECT MAX(update_id) FROM processed_updates)",
            (older_than,),
        )
