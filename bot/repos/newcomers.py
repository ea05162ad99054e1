"""Newcomers of a community: the batched welcome and the join gate."""

from __future__ import annotations

from bot.db import Database
from bot.repos.personal import not_personal, register
from bot.timeutil import Clock

register("newcomers", "user_id", "delete", why="the person's joining a community")
not_personal("newcomers", "chat_id", "a group's id")

SAME_JOIN = 60.0  # a service message and a chat_member update of one join arrive together
# Read-only by the rules check: in their time (pending), or kept so past it (kept).
HELD = ("pending", "kept")


class NewcomersRepo:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.clock = clock or Clock()

    async def joined(self, chat_id: int, user_id: int, name: str, deadline: float | None) -> bool:
        """False when this join was already recorded (the same join seen twice)."""
        now = self.clock.time()
        return bool(
            await self.db.execute(
                "INSERT INTO newcomers (chat_id, user_id, name, joined_at, gate, deadline)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id, user_id) DO UPDATE SET"
                " name = excluded.name, joined_at = excluded.joined_at, welcomed = 0,"
                " gate = excluded.gate, deadline = excluded.deadline"
                " WHERE newcomers.joined_at < ?",
                (
                    chat_id,
                    user_id,
                    name,
                    now,
                    "pending" if deadline else None,
                    deadline,
                    now - SAME_JOIN,
                ),
            )
        )

    async def take_unwelcomed(self, chat_id: int) -> list[tuple[int, str, bool]]:
        """(user_id, name, gated) of those not greeted yet; they count as greeted from now."""
        async with self.db.transaction():  # one who joins meanwhile waits for the next one
            rows = await self.db.fetchall(
                "SELECT user_id, name, gate FROM newcomers WHERE chat_id = ? AND welcomed = 0"
                " ORDER BY joined_at",
                (chat_id,),
            )
            await self.db.execute(
                "UPDATE newcomers SET welcomed = 1 WHERE chat_id = ? AND welcomed = 0",
                (chat_id,),
            )
        return [(r["user_id"], r["name"], r["gate"] == "pending") for r in rows]

    async def joined_at(self, chat_id: int, user_id: int) -> float | None:
        """When we saw the person join the group (None: before the bot was there, or unseen)."""
        value = await self.db.fetchval(
            "SELECT joined_at FROM newcomers WHERE chat_id = ? AND user_id = ?", (chat_id, user_id)
        )
        return float(value) if value is not None else None

    async def gate(self, chat_id: int, user_id: int) -> tuple[str | None, float | None]:
        row = await self.db.fetchone(
            "SELECT gate, deadline FROM newcomers WHERE chat_id = ? AND user_id = ?",
            (chat_id, user_id),
        )
        return (row["gate"], row["deadline"]) if row else (None, None)

    async def settle_gate(
        self,
        chat_id: int,
        user_id: int,
        outcome: str,
        *,
        held: tuple[str, ...] = ("pending",),
        deadline: int | None = None,
    ) -> bool:
        """pending (or another of `held`) → outcome, once; `deadline`: only the join that had
        this deadline (whole seconds), not a later one."""
        marks = ", ".join("?" for _ in held)
        same_join = "" if deadline is None else " AND CAST(deadline AS INTEGER) = ?"
        extra = () if deadline is None else (deadline,)
        return bool(
            await self.db.execute(
                "UPDATE newcomers SET gate = ? WHERE chat_id = ? AND user_id = ?"
                f" AND gate IN ({marks}){same_join}",
                (outcome, chat_id, user_id, *held, *extra),
            )
        )

    async def held_in(self, user_id: int) -> list[int]:
        """The groups where the person is still held read-only by the rules check."""
        marks = ", ".join("?" for _ in HELD)
        rows = await self.db.fetchall(
            f"SELECT chat_id FROM newcomers WHERE user_id = ? AND gate IN ({marks})"
            " ORDER BY joined_at",
            (user_id, *HELD),
        )
        return [int(r["chat_id"]) for r in rows]

    async def anyone_held(self, chat_id: int) -> bool:
        marks = ", ".join("?" for _ in HELD)
        return bool(
            await self.db.fetchval(
                f"SELECT 1 FROM newcomers WHERE chat_id = ? AND gate IN ({marks}) LIMIT 1",
                (chat_id, *HELD),
            )
        )
