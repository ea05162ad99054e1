"""Requests to join a community that approves new members, and the moderators' cards of them."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, fields

from bot.db import Database
from bot.repos.personal import not_personal, register
from bot.timeutil import Clock

register("join_requests", "user_id", "delete", why="the person's requests to join and answers")
register(
    "join_requests", "user_chat_id", "delete", exported=False, why="the person's chat, as asked"
)
# A moderator's export would otherwise carry other people's answers.
register("join_requests", "decided_by", "anonymize", exported=False, why="requests decided")
not_personal("join_requests", "chat_id", "a group's id")
not_personal("join_requests", "prompt_message_id", "the id of the bot's message")
register(
    "join_request_cards", "chat_id", "delete", exported=False, why="cards shown to a moderator"
)
not_personal("join_request_cards", "request_id", "a join request's id")
not_personal("join_request_cards", "message_id", "the id of the bot's message")

OPEN = ("asked", "answering", "review")
CLAIM_TIMEOUT = 120.0  # seconds a decision may take before it may be tried again
RECENT = 3600.0  # a decision this recent still explains the person's arrival in the group


@dataclass(frozen=True)
class JoinRequest:
    id: int
    chat_id: int
    user_id: int
    user_chat_id: int
    name: str
    status: str
    question: str | None
    answer: str | None
    requested_at: float
    deadline: float
    rules_accepted_at: float | None
    prompt_message_id: int | None
    claimed_at: float | None
    decided_by: int | None
    decided_at: float | None

    @property
    def open(self) -> bool:
        return self.status in OPEN


def _request(row: sqlite3.Row) -> JoinRequest:
    return JoinRequest(**{f.name: row[f.name] for f in fields(JoinRequest)})


_OPEN_SQL = "status IN ('asked', 'answering', 'review')"


class JoinRequestsRepo:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.clock = clock or Clock()

    async def add(
        self,
        chat_id: int,
        user_id: int,
        user_chat_id: int,
        name: str,
        question: str | None,
        deadline: float,
    ) -> tuple[JoinRequest, JoinRequest | None]:
        """The new request, and the person's earlier one still open here, if any: Telegram
        sends a new request only once the earlier one is gone, so that one is closed."""
        now = self.clock.time()
        async with self.db.transaction():
            row = await self.db.fetchone(
                f"SELECT * FROM join_requests WHERE chat_id = ? AND user_id = ? AND {_OPEN_SQL}",
                (chat_id, user_id),
            )
            earlier = _request(row) if row else None
            if earlier is not None:
                await self.db.execute(
                    "UPDATE join_requests SET status = 'gone', claimed_at = NULL, decided_at = ?"
                    " WHERE id = ?",
                    (now, earlier.id),
                )
            request_id = await self.db.insert(
                "INSERT INTO join_requests (chat_id, user_id, user_chat_id, name, status,"
                " question, requested_at, deadline) VALUES (?, ?, ?, ?, 'asked', ?, ?, ?)",
                (chat_id, user_id, user_chat_id, name, question, now, deadline),
            )
            request = await self.get(request_id)
        assert request is not None
        return request, earlier

    async def get(self, request_id: int) -> JoinRequest | None:
        row = await self.db.fetchone("SELECT * FROM join_requests WHERE id = ?", (request_id,))
        return _request(row) if row else None

    async def open_of(self, chat_id: int, user_id: int) -> JoinRequest | None:
        row = await self.db.fetchone(
            f"SELECT * FROM join_requests WHERE chat_id = ? AND user_id = ? AND {_OPEN_SQL}",
            (chat_id, user_id),
        )
        return _request(row) if row else None

    async def of_user(self, user_id: int) -> list[JoinRequest]:
        rows = await self.db.fetchall(
            "SELECT * FROM join_requests WHERE user_id = ? ORDER BY id", (user_id,)
        )
        return [_request(r) for r in rows]

    async def words_of(self, user_id: int) -> list[str]:
        """The person's answers (/forget removes queued messages that quote them)."""
        rows = await self.db.fetchall(
            "SELECT answer FROM join_requests WHERE user_id = ? AND answer IS NOT NULL",
            (user_id,),
        )
        return [r["answer"] for r in rows]

    async def set_prompt(self, request_id: int, message_id: int) -> None:
        await self.db.execute(
            "UPDATE join_requests SET prompt_message_id = ? WHERE id = ?",
            (message_id, request_id),
        )

    async def accept_rules(self, request_id: int, then: str) -> bool:
        """asked → `then` (answering, or asked still: approved next), the rules accepted now."""
        return bool(
            await self.db.execute(
                "UPDATE join_requests SET rules_accepted_at = ?, status = ?"
                " WHERE id = ? AND status = 'asked' AND claimed_at IS NULL",
                (self.clock.time(), then, request_id),
            )
        )

    async def answer(self, request_id: int, text: str) -> bool:
        """answering → review, with the answer."""
        return bool(
            await self.db.execute(
                "UPDATE join_requests SET answer = ?, status = 'review'"
                " WHERE id = ? AND status = 'answering' AND claimed_at IS NULL",
                (text, request_id),
            )
        )

    async def claim(self, request_id: int, statuses: tuple[str, ...]) -> bool:
        """Only one decision is carried out: the first claims the request — unless that one
        never finished (a restart mid-way): then it may be tried again."""
        now = self.clock.time()
        marks = ", ".join("?" for _ in statuses)
        return bool(
            await self.db.execute(
                f"UPDATE join_requests SET claimed_at = ? WHERE id = ? AND status IN ({marks})"
                " AND (claimed_at IS NULL OR claimed_at < ?)",
                (now, request_id, *statuses, now - CLAIM_TIMEOUT),
            )
        )

    async def release(self, request_id: int) -> None:
        """The decision could not be carried out: the request is open as it was."""
        await self.db.execute(
            "UPDATE join_requests SET claimed_at = NULL WHERE id = ?", (request_id,)
        )

    async def settle(self, request_id: int, status: str, by: int | None) -> bool:
        """A claimed request → its outcome."""
        return bool(
            await self.db.execute(
                "UPDATE join_requests SET status = ?, decided_by = ?, decided_at = ?,"
                " claimed_at = NULL WHERE id = ? AND claimed_at IS NOT NULL",
                (status, by, self.clock.time(), request_id),
            )
        )

    async def close_open(self, chat_id: int, user_id: int, status: str) -> JoinRequest | None:
        """The person's open request here, decided elsewhere → `status`; a request whose own
        decision is being carried out is left to it."""
        now = self.clock.time()
        async with self.db.transaction():
            row = await self.db.fetchone(
                f"SELECT * FROM join_requests WHERE chat_id = ? AND user_id = ? AND {_OPEN_SQL}"
                " AND (claimed_at IS NULL OR claimed_at < ?)",
                (chat_id, user_id, now - CLAIM_TIMEOUT),
            )
            if row is None:
                return None
            await self.db.execute(
                "UPDATE join_requests SET status = ?, decided_at = ?, claimed_at = NULL"
                " WHERE id = ?",
                (status, now, row["id"]),
            )
        return await self.get(row["id"])

    async def rules_accepted(self, chat_id: int, user_id: int) -> bool:
        """Did the person accept the rules with a request that is open or was just decided —
        so their arrival in the group is its outcome?"""
        now = self.clock.time()
        return bool(
            await self.db.fetchval(
                "SELECT 1 FROM join_requests WHERE chat_id = ? AND user_id = ?"
                " AND rules_accepted_at IS NOT NULL AND (decided_at IS NULL OR decided_at >= ?)"
                " AND id = (SELECT MAX(id) FROM join_requests WHERE chat_id = ? AND user_id = ?)",
                (chat_id, user_id, now - RECENT, chat_id, user_id),
            )
        )

    async def add_card(self, request_id: int, chat_id: int, message_id: int) -> None:
        await self.db.execute(
            "INSERT INTO join_request_cards (request_id, chat_id, message_id) VALUES (?, ?, ?)"
            " ON CONFLICT (request_id, chat_id) DO UPDATE SET message_id = excluded.message_id",
            (request_id, chat_id, message_id),
        )

    async def cards(self, request_id: int) -> list[tuple[int, int]]:
        rows = await self.db.fetchall(
            "SELECT chat_id, message_id FROM join_request_cards WHERE request_id = ?"
            " ORDER BY chat_id",
            (request_id,),
        )
        return [(r["chat_id"], r["message_id"]) for r in rows]
