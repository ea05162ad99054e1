"""The persisted queue of outgoing fan-out messages (see bot/services/sender.py)."""

from __future__ import annotations

import html
import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bot.db import Database
from bot.repos.personal import not_personal, register
from bot.timeutil import Clock

register("outbox", "chat_id", "delete", exported=False, why="messages queued to the person's chat")
not_personal("outbox", "thread_id", "a forum topic's id")
not_personal("outbox", "message_id", "the id Telegram gave a sent message")
not_personal("outbox", "payload", "deleted with its row, which chat_id ties to the person")


@dataclass(frozen=True)
class OutboxMessage:
    id: int
    chat_id: int
    thread_id: int | None
    method: str
    payload: dict[str, Any]
    attempts: int
    not_before: float
    dedupe_key: str | None = None
    expires_at: float | None = None


def _message(row: sqlite3.Row) -> OutboxMessage:
    return OutboxMessage(
        id=row["id"],
        chat_id=row["chat_id"],
        thread_id=row["thread_id"],
        method=row["method"],
        payload=json.loads(row["payload"]),
        attempts=row["attempts"],
        not_before=row["not_before"],
        dedupe_key=row["dedupe_key"],
        expires_at=row["expires_at"],
    )


class OutboxRepo:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock  # injected: tests move time, and every record follows it

    async def add(
        self,
        chat_id: int,
        payload: dict[str, Any],
        *,
        method: str = "sendMessage",
        thread_id: int | None = None,
        priority: int = 0,
        not_before: float | None = None,
        dedupe_key: str | None = None,
        expires_at: float | None = None,
    ) -> int | None:
        """Queue one message; a repeated dedupe_key is ignored (returns None)."""
        now = self.clock.time()
        async with self.db.transaction() as conn:
            # A message for someone who blocked the bot is recorded as skipped, not kept for
            # later: when they come back, yesterday's reminders would only be noise.
            cursor = await conn.execute(
                "INSERT INTO outbox (chat_id, thread_id, method, payload, priority, not_before,"
                " dedupe_key, created_at, expires_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " CASE WHEN EXISTS (SELECT 1 FROM users WHERE id = ? AND blocked_at IS NOT NULL)"
                " THEN 'skipped' ELSE 'pending' END)"
                " ON CONFLICT (dedupe_key) DO NOTHING",
                (
                    chat_id,
                    thread_id,
                    method,
                    json.dumps(payload, ensure_ascii=False),
                    priority,
                    not_before if not_before is not None else now,
                    dedupe_key,
                    now,
                    expires_at,
                    chat_id,
                ),
            )
            return cursor.lastrowid if cursor.rowcount else None

    async def due(
        self,
        now: float,
        limit: int,
        exclude: Iterable[int] = (),
        busy_chats: Iterable[int] = (),
    ) -> list[OutboxMessage]:
        """Pending messages whose time has come, skipping chats of people who blocked the bot,
        the messages in `exclude` and every message to a chat in `busy_chats`."""
        skip, busy = tuple(exclude), tuple(busy_chats)
        not_in = f" AND o.id NOT IN ({','.join('?' * len(skip))})" if skip else ""
        if busy:
            not_in += f" AND o.chat_id NOT IN ({','.join('?' * len(busy))})"
        rows = await self.db.fetchall(
            "SELECT o.* FROM outbox o LEFT JOIN users u ON u.id = o.chat_id"
            " WHERE o.status = 'pending' AND o.not_before <= ? AND u.blocked_at IS NULL"
            f"{not_in} ORDER BY o.priority, o.not_before, o.id LIMIT ?",
            (now, *skip, *busy, limit),
        )
        return [_message(r) for r in rows]

    async def supersede(self, key_prefix: str) -> int:
        """Drop pending messages made stale by a newer one (an edit of the same post)."""
        # A range on the unique key walks only the keys with this prefix; "+status" keeps the
        # planner off the status index, which would scan every pending row (thousands during
        # a fan-out) on each call.
        after_prefix = key_prefix[:-1] + chr(ord(key_prefix[-1]) + 1)
        return await self.db.execute(
            "UPDATE outbox SET status = 'skipped', last_error = 'superseded'"
            " WHERE +status = 'pending' AND dedupe_key >= ? AND dedupe_key < ?",
            (key_prefix, after_prefix),
        )

    async def backlog(self, now: float) -> tuple[int, int, float | None]:
        """(pending, due now, the earliest moment among the due) for /metrics and /healthz;
        messages to people who blocked the bot are not waiting for anything."""
        row = await self.db.fetchone(
            "SELECT COUNT(*), COUNT(CASE WHEN o.not_before <= ? THEN 1 END),"
            " MIN(CASE WHEN o.not_before <= ? THEN o.not_before END)"
            " FROM outbox o LEFT JOIN users u ON u.id = o.chat_id"
            " WHERE o.status = 'pending' AND u.blocked_at IS NULL",
            (now, now),
        )
        if row is None:
            return 0, 0, None
        oldest = row[2]
        return int(row[0]), int(row[1]), float(oldest) if oldest is not None else None

    async def next_due_at(self) -> float | None:
        value = await self.db.fetchval(
            "SELECT MIN(o.not_before) FROM outbox o LEFT JOIN users u ON u.id = o.chat_id"
            " WHERE o.status = 'pending' AND u.blocked_at IS NULL"
        )
        return float(value) if value is not None else None

    async def mark_sent(self, message_id: int, telegram_message_id: int | None) -> None:
        await self.db.execute(
            "UPDATE outbox SET status = 'sent', sent_at = ?, message_id = ?,"
            " attempts = attempts + 1 WHERE id = ?",
            (self.clock.time(), telegram_message_id, message_id),
        )

    async def drop_thread(self, message_id: int) -> None:
        """The forum topic is gone: the message goes to the group's general chat instead."""
        await self.db.execute("UPDATE outbox SET thread_id = NULL WHERE id = ?", (message_id,))

    async def retry_later(self, message_id: int, not_before: float, error: str) -> None:
        await self.db.execute(
            "UPDATE outbox SET attempts = attempts + 1, not_before = ?, last_error = ?"
            " WHERE id = ?",
            (not_before, error[:500], message_id),
        )

    async def skip_chat(self, chat_id: int, error: str) -> int:
        return await self.db.execute(
            "UPDATE outbox SET status = 'skipped', last_error = ? WHERE chat_id = ?"
            " AND status = 'pending'",
            (error[:500], chat_id),
        )

    async def finish(self, message_id: int, status: str, error: str) -> None:
        await self.db.execute(
            "UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ? WHERE id = ?",
            (status, error[:500], message_id),
        )

    async def retarget(self, old_chat_id: int, new_chat_id: int) -> None:
        await self.db.execute(
            "UPDATE outbox SET chat_id = ? WHERE chat_id = ? AND status = 'pending'",
            (new_chat_id, old_chat_id),
        )

    async def forget_mentions(self, user_id: int, names: list[str]) -> int:
        """/forget: rows to others that name the person. A pending one is dropped (its news is
        about someone who asked to be forgotten); one already sent keeps no copy of its text."""
        # A text travels HTML-escaped inside the JSON payload; look for both spellings.
        names = [*names, *[html.escape(n, quote=False) for n in names]]
        names = list(dict.fromkeys(n for n in names if n))
        marks = [str(user_id), *names]
        where = " OR ".join("payload LIKE ?" for _ in marks)
        rows = await self.db.fetchall(
            f"SELECT id, status, payload FROM outbox WHERE {where}",
            tuple(f"%{mark}%" for mark in marks),
        )
        id_token = re.compile(rf"(?<!\d){user_id}(?!\d)")
        touched = 0
        for row in rows:
            payload = row["payload"]
            by_id = bool(id_token.search(payload))
            if not by_id and not any(n and n in payload for n in names):
                continue
            if row["status"] == "pending":
                touched += await self.db.execute("DELETE FROM outbox WHERE id = ?", (row["id"],))
            else:
                touched += await self.db.execute(
                    "UPDATE outbox SET payload = '{}' WHERE id = ?", (row["id"],)
                )
        return touched

    async def pending_count(self) -> int:
        return int(await self.db.fetchval("SELECT COUNT(*) FROM outbox WHERE status = 'pending'"))

    async def counts(self) -> dict[str, int]:
        rows = await self.db.fetchall("SELECT status, COUNT(*) FROM outbox GROUP BY status")
        return {r[0]: r[1] for r in rows}

    async def prune(self, older_than: float) -> int:
        return await self.db.execute(
            "DELETE FROM outbox WHERE status != 'pending' AND created_at < ?", (older_than,)
        )
