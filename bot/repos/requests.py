"""Help requests, the offers of help on them, helper profiles and who was told what."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from bot.db import Database
from bot.repos.communities import ACTIVE_MEMBER
from bot.repos.personal import not_personal, register
from bot.timeutil import Clock

register("help_requests", "author_id", "delete", why="the person's own requests for help")
not_personal("help_requests", "chat_id", "a group's id")
not_personal("help_requests", "post_message_id", "the id of the group post")
not_personal("help_requests", "bump_message_id", "the id of the group's reminder post")
not_personal("help_requests", "reason", "a moderator's words about the request")
register("help_responses", "helper_id", "delete", why="the person's offers to help")
not_personal("help_responses", "request_id", "a request's id")
not_personal("help_notifications", "request_id", "a request's id")
register("request_watchers", "user_id", "delete", why="sees requests private to helpers")
not_personal("request_watchers", "chat_id", "a group's id")
register("helper_profiles", "user_id", "delete", why="what the person offers to help with")
register("help_notifications", "user_id", "delete", why="requests the person was told about")
register("help_declines", "author_id", "delete", why="helpers the person declined")
# Exporting this to the helper would tell them who declined them.
register("help_declines", "helper_id", "delete", exported=False, why="declined by an author")

OPEN_STATUSES = ("open", "in_progress")
LIVE_STATUSES = ("review", "open", "in_progress")


@dataclass(frozen=True)
class HelpRequest:
    id: int
    chat_id: int
    author_id: int | None
    category: str
    title: str
    details: str
    urgency: str
    visibility: str
    language: str
    status: str
    post_message_id: int | None
    reason: str | None
    created_at: float
    opened_at: float | None
    updated_at: float
    bumped_at: float | None
    asked_at: float | None
    bump_message_id: int | None = None

    @property
    def anonymous(self) -> bool:
        return self.visibility == "anonymous"

    @property
    def live(self) -> bool:
        return self.status in LIVE_STATUSES


@dataclass(frozen=True)
class Response:
    id: int
    request_id: int
    helper_id: int | None
    note: str
    status: str
    activity_at: float
    nudged_at: float | None
    revealed: bool


@dataclass(frozen=True)
class HelperProfile:
    user_id: int
    categories: tuple[str, ...]
    skills: str
    per_week: int
    languages: tuple[str, ...]
    paused: bool
    helped: int

    @property
    def offers(self) -> bool:
        return bool(self.categories) and not self.paused


def _request(row: sqlite3.Row) -> HelpRequest:
    return HelpRequest(**{k: row[k] for k in HelpRequest.__dataclass_fields__})


def _response(row: sqlite3.Row) -> Response:
    return Response(
        row["id"],
        row["request_id"],
        row["helper_id"],
        row["note"],
        row["status"],
        row["activity_at"],
        row["nudged_at"],
        bool(row["revealed"]),
    )


def _split(text: str) -> tuple[str, ...]:
    return tuple(part for part in text.split(",") if part)


def _profile(row: sqlite3.Row) -> HelperProfile:
    return HelperProfile(
        row["user_id"],
        _split(row["categories"]),
        row["skills"],
        row["per_week"],
        _split(row["languages"]),
        bool(row["paused"]),
        row["helped"],
    )


class RequestsRepo:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        # Follow-ups are planned from these times: they are the injected clock's.
        self.clock = clock or Clock()

    # --- requests ---

    async def create(
        self,
        chat_id: int,
        author_id: int,
        *,
        category: str,
        title: str,
        details: str,
        urgency: str,
        visibility: str,
        language: str,
        status: str,
    ) -> int:
        now = self.clock.time()
        return await self.db.insert(
            "INSERT INTO help_requests (chat_id, author_id, category, title, details, urgency,"
            " visibility, language, status, created_at, opened_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                chat_id,
                author_id,
                category,
                title,
                details,
                urgency,
                visibility,
                language,
                status,
                now,
                now if status == "open" else None,
                now,
            ),
        )

    async def get(self, request_id: int) -> HelpRequest | None:
        row = await self.db.fetchone("SELECT * FROM help_requests WHERE id = ?", (request_id,))
        return _request(row) if row else None

    async def set_status(
        self,
        request_id: int,
        status: str,
        *,
        reason: str | None = None,
        expect: tuple[str, ...] = (),
    ) -> bool:
        """Move a request on; with `expect`, only from one of those statuses (a second press of
        the same button changes nothing)."""
        now = self.clock.time()
        sql = (
            "UPDATE help_requests SET status = ?, updated_at = ?, reason = COALESCE(?, reason),"
            " opened_at = CASE WHEN ? = 'open' AND opened_at IS NULL THEN ? ELSE opened_at END,"
            " closed_at = CASE WHEN ? IN ('open', 'in_progress', 'review') THEN NULL ELSE ? END"
            " WHERE id = ?"
        )
        params: tuple[object, ...] = (status, now, reason, status, now, status, now, request_id)
        if expect:
            sql += f" AND status IN ({','.join('?' for _ in expect)})"
            params += expect
        return bool(await self.db.execute(sql, params))

    async def set_post(self, request_id: int, message_id: int, *, bump: bool = False) -> None:
        column = "bump_message_id" if bump else "post_message_id"
        await self.db.execute(
            f"UPDATE help_requests SET {column} = ? WHERE id = ?", (message_id, request_id)
        )

    async def touch(self, request_id: int, column: str) -> None:
        assert column in ("bumped_at", "asked_at", "opened_at")
        await self.db.execute(
            f"UPDATE help_requests SET {column} = ?, updated_at = ? WHERE id = ?",
            (self.clock.time(), self.clock.time(), request_id),
        )

    async def renew(self, request_id: int) -> None:
        """Still needed: the clock of follow-ups starts again."""
        now = self.clock.time()
        await self.db.execute(
            "UPDATE help_requests SET opened_at = ?, asked_at = NULL, bumped_at = NULL,"
            " updated_at = ? WHERE id = ?",
            (now, now, request_id),
        )

    async def open_count(self, chat_id: int, author_id: int) -> int:
        return int(
            await self.db.fetchval(
                "SELECT COUNT(*) FROM help_requests WHERE chat_id = ? AND author_id = ?"
                " AND status IN ('review', 'open', 'in_progress')",
                (chat_id, author_id),
            )
        )

    async def words_of(self, author_id: int) -> list[str]:
        """What the person wrote here, for /forget to find in messages about it."""
        rows = await self.db.fetchall(
            "SELECT title, details FROM help_requests WHERE author_id = ?", (author_id,)
        )
        return [str(value) for row in rows for value in row if value]

    async def of_author(self, author_id: int, limit: int = 50) -> list[HelpRequest]:
        rows = await self.db.fetchall(
            "SELECT * FROM help_requests WHERE author_id = ? AND status != 'deleted'"
            " ORDER BY created_at DESC LIMIT ?",
            (author_id, limit),
        )
        return [_request(r) for r in rows]

    async def open_in(
        self, chat_id: int, category: str | None, offset: int, limit: int
    ) -> tuple[list[HelpRequest], int]:
        """Open requests visible in the group (not the helpers-only ones), newest first."""
        where = "chat_id = ? AND status IN ('open', 'in_progress') AND visibility != 'helpers'"
        params: tuple[object, ...] = (chat_id,)
        if category:
            where += " AND category = ?"
            params += (category,)
        total = int(
            await self.db.fetchval(f"SELECT COUNT(*) FROM help_requests WHERE {where}", params)
        )
        rows = await self.db.fetchall(
            f"SELECT * FROM help_requests WHERE {where} ORDER BY created_at DESC LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [_request(r) for r in rows], total

    async def live(self) -> list[HelpRequest]:
        """Requests whose follow-ups are still ahead (the scheduler's source)."""
        rows = await self.db.fetchall(
            "SELECT * FROM help_requests WHERE status IN ('open', 'in_progress')"
        )
        return [_request(r) for r in rows]

    # --- responses ("I can help") ---

    async def add_response(self, request_id: int, helper_id: int, note: str) -> int | None:
        """None when this helper already offered on this request."""
        now = self.clock.time()
        cursor_rows = await self.db.execute(
            "INSERT INTO help_responses (request_id, helper_id, note, status, created_at,"
            " updated_at, activity_at) VALUES (?, ?, ?, 'offered', ?, ?, ?)"
            " ON CONFLICT (request_id, helper_id) DO NOTHING",
            (request_id, helper_id, note, now, now, now),
        )
        if not cursor_rows:
            return None
        return int(
            await self.db.fetchval(
                "SELECT id FROM help_responses WHERE request_id = ? AND helper_id = ?",
                (request_id, helper_id),
            )
        )

    async def response(self, response_id: int) -> Response | None:
        row = await self.db.fetchone("SELECT * FROM help_responses WHERE id = ?", (response_id,))
        return _response(row) if row else None

    async def responses(self, request_id: int) -> list[Response]:
        rows = await self.db.fetchall(
            "SELECT * FROM help_responses WHERE request_id = ? ORDER BY created_at", (request_id,)
        )
        return [_response(r) for r in rows]

    async def live_offers(self, request_id: int) -> int:
        """Offers that still stand (not declined, given back or ended)."""
        return int(
            await self.db.fetchval(
                "SELECT COUNT(*) FROM help_responses WHERE request_id = ?"
                " AND status IN ('offered', 'accepted')",
                (request_id,),
            )
        )

    async def set_response_status(
        self, response_id: int, status: str, *, expect: tuple[str, ...]
    ) -> bool:
        placeholders = ",".join("?" for _ in expect)
        return bool(
            await self.db.execute(
                "UPDATE help_responses SET status = ?, updated_at = ?, activity_at = ?"
                f" WHERE id = ? AND status IN ({placeholders})",
                (status, self.clock.time(), self.clock.time(), response_id, *expect),
            )
        )

    async def response_activity(self, response_id: int) -> None:
        await self.db.execute(
            "UPDATE help_responses SET activity_at = ?, nudged_at = NULL WHERE id = ?",
            (self.clock.time(), response_id),
        )

    async def response_nudged(self, response_id: int) -> None:
        await self.db.execute(
            "UPDATE help_responses SET nudged_at = ? WHERE id = ?", (self.clock.time(), response_id)
        )

    async def reveal(self, response_id: int) -> bool:
        """Mark the author as named to this helper; False when that was done already (a second
        tap, a forged or old button): the check and the change are one statement."""
        return bool(
            await self.db.execute(
                "UPDATE help_responses SET revealed = 1 WHERE id = ? AND revealed = 0",
                (response_id,),
            )
        )

    async def relays_of(self, user_id: int) -> list[int]:
        """The person's live relayed conversations (anonymous requests, as author or helper),
        the most recently active first."""
        rows = await self.db.fetchall(
            "SELECT r.id FROM help_responses r JOIN help_requests q ON q.id = r.request_id"
            " WHERE r.status = 'accepted' AND q.visibility = 'anonymous'"
            " AND q.status IN ('open', 'in_progress') AND (r.helper_id = ? OR q.author_id = ?)"
            " ORDER BY r.activity_at DESC",
            (user_id, user_id),
        )
        return [r[0] for r in rows]

    async def accepted(self) -> list[Response]:
        rows = await self.db.fetchall("SELECT * FROM help_responses WHERE status = 'accepted'")
        return [_response(r) for r in rows]

    async def month_of(
        self, chat_id: int, first: float, last: float
    ) -> tuple[int, list[tuple[int, int]]]:
        """Requests resolved in [first, last) and who helped how many of them, most first."""
        resolved = int(
            await self.db.fetchval(
                "SELECT COUNT(*) FROM help_requests WHERE chat_id = ? AND status = 'resolved'"
                " AND closed_at >= ? AND closed_at < ?",
                (chat_id, first, last),
            )
        )
        rows = await self.db.fetchall(
            "SELECT r.helper_id, COUNT(*) FROM help_responses r"
            " JOIN help_requests q ON q.id = r.request_id"
            " WHERE q.chat_id = ? AND q.status = 'resolved' AND q.closed_at >= ?"
            " AND q.closed_at < ? AND r.status IN ('accepted', 'ended')"
            " AND r.helper_id IS NOT NULL GROUP BY r.helper_id ORDER BY 2 DESC, 1 LIMIT 10",
            (chat_id, first, last),
        )
        return resolved, [(r[0], r[1]) for r in rows]

    # --- moderators who see requests private to helpers ---

    async def set_watcher(self, chat_id: int, user_id: int, on: bool) -> None:
        if on:
            await self.db.execute(
                "INSERT INTO request_watchers (chat_id, user_id, since) VALUES (?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                (chat_id, user_id, self.clock.time()),
            )
        else:
            await self.db.execute(
                "DELETE FROM request_watchers WHERE chat_id = ? AND user_id = ?",
                (chat_id, user_id),
            )

    async def watchers(self, chat_id: int) -> list[int]:
        rows = await self.db.fetchall(
            "SELECT user_id FROM request_watchers WHERE chat_id = ? ORDER BY since", (chat_id,)
        )
        return [r[0] for r in rows]

    # --- declines ---

    async def add_decline(self, author_id: int, helper_id: int) -> None:
        await self.db.execute(
            "INSERT INTO help_declines (author_id, helper_id, created_at) VALUES (?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            (author_id, helper_id, self.clock.time()),
        )

    # --- helper profiles ---

    async def profile(self, user_id: int) -> HelperProfile | None:
        row = await self.db.fetchone("SELECT * FROM helper_profiles WHERE user_id = ?", (user_id,))
        return _profile(row) if row else None

    async def put_profile(
        self,
        user_id: int,
        *,
        categories: tuple[str, ...],
        skills: str,
        per_week: int,
        languages: tuple[str, ...],
        paused: bool,
    ) -> None:
        now = self.clock.time()
        await self.db.execute(
            "INSERT INTO helper_profiles (user_id, categories, skills, per_week, languages,"
            " paused, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET categories = excluded.categories,"
            " skills = excluded.skills, per_week = excluded.per_week,"
            " languages = excluded.languages, paused = excluded.paused,"
            " updated_at = excluded.updated_at",
            (
                user_id,
                ",".join(categories),
                skills,
                per_week,
                ",".join(languages),
                int(paused),
                now,
                now,
            ),
        )

    async def count_helped(self, response_id: int, user_id: int) -> None:
        """Once per offer of help, however often its request is reopened and resolved."""
        now = self.clock.time()
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE help_responses SET counted = 1 WHERE id = ? AND counted = 0",
                (response_id,),
            )
            if cursor.rowcount:
                await conn.execute(
                    "INSERT INTO helper_profiles (user_id, helped, created_at, updated_at)"
                    " VALUES (?, 1, ?, ?) ON CONFLICT (user_id) DO UPDATE SET helped = helped + 1",
                    (user_id, now, now),
                )

    async def was_told(self, request_id: int, user_id: int) -> bool:
        return bool(
            await self.db.fetchval(
                "SELECT 1 FROM help_notifications WHERE request_id = ? AND user_id = ?",
                (request_id, user_id),
            )
        )

    async def matching_helpers(
        self,
        chat_id: int,
        category: str,
        language: str,
        author_id: int,
        *,
        limit: int,
        week_ago: float,
    ) -> list[int]:
        """Members of the community whose offer matches, who have room this week, not the
        author, nobody the author declined before and nobody already told about it; the least
        recently notified first."""
        placeholders = ",".join("?" for _ in ACTIVE_MEMBER)
        rows = await self.db.fetchall(
            "SELECT p.user_id FROM helper_profiles p"
            " JOIN memberships m ON m.user_id = p.user_id AND m.chat_id = ?"
            f" WHERE m.status IN ({placeholders}) AND p.paused = 0 AND p.user_id != ?"
            " AND (',' || p.categories || ',') LIKE ('%,' || ? || ',%')"
            " AND (p.languages = '' OR (',' || p.languages || ',') LIKE ('%,' || ? || ',%'))"
            " AND NOT EXISTS (SELECT 1 FROM help_declines d"
            "   WHERE d.author_id = ? AND d.helper_id = p.user_id)"
            " AND (SELECT COUNT(*) FROM help_notifications n"
            "   WHERE n.user_id = p.user_id AND n.sent_at > ?) < p.per_week"
            # NULLs sort first: never told before goes first. Walking the index in this order
            # lets SQLite stop at the first `limit` matches instead of sorting everyone.
            " ORDER BY p.last_notified_at, p.user_id LIMIT ?",
            (chat_id, *ACTIVE_MEMBER, author_id, category, language, author_id, week_ago, limit),
        )
        return [r[0] for r in rows]

    async def record_notified(self, request_id: int, user_ids: list[int]) -> list[int]:
        """Mark them told; returns those not told about this request before."""
        now = self.clock.time()
        fresh = []
        async with self.db.transaction() as conn:
            for user_id in user_ids:
                cursor = await conn.execute(
                    "INSERT INTO help_notifications (request_id, user_id, sent_at)"
                    " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    (request_id, user_id, now),
                )
                if cursor.rowcount:
                    fresh.append(user_id)
                    await conn.execute(
                        "UPDATE helper_profiles SET last_notified_at = ? WHERE user_id = ?",
                        (now, user_id),
                    )
        return fresh

    async def offers_in(self, chat_id: int) -> list[HelperProfile]:
        placeholders = ",".join("?" for _ in ACTIVE_MEMBER)
        rows = await self.db.fetchall(
            "SELECT p.* FROM helper_profiles p JOIN memberships m"
            " ON m.user_id = p.user_id AND m.chat_id = ?"
            f" WHERE m.status IN ({placeholders}) AND p.categories != ''",
            (chat_id, *ACTIVE_MEMBER),
        )
        return [_profile(r) for r in rows]
