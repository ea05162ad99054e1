"""Communities (the groups the bot serves), their members and appointed moderators."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from bot.db import Database
from bot.repos.personal import not_personal, register
from bot.timeutil import Clock

not_personal("communities", "chat_id", "a group's id, never a person's")
register("communities", "added_by", "anonymize", why="who added the bot to a group")
not_personal("memberships", "chat_id", "a group's id")
register("memberships", "user_id", "delete", why="which communities the person is in")
not_personal("moderators", "chat_id", "a group's id")
register("moderators", "user_id", "delete", why="the person's moderator appointments")
register("moderators", "appointed_by", "anonymize", exported=False, why="who appointed a moderator")
not_personal("users", "current_community_id", "a group's id")
not_personal("listeners", "chat_id", "a group's id")
register("listeners", "user_id", "delete", why="communities where the person volunteered to listen")

ACTIVE_MEMBER = ("member", "administrator", "creator", "restricted")
# Not a Telegram status: the person was pointed at in the group (a reply to them, a mention, a
# forward of theirs) and may be a member who never wrote there; Telegram is asked when they come.
SIGHTED = "unknown"
# The setting (bot.services.community_settings.LOG_CHAT) naming a community's log chat.
LOG_CHAT_KEY = "moderation.log_chat"


@dataclass(frozen=True)
class Community:
    chat_id: int
    title: str
    chat_type: str
    is_forum: bool
    language: str | None
    timezone: str | None
    status: str
    bot_status: str | None

    @property
    def active(self) -> bool:
        return self.status == "active"


@dataclass(frozen=True)
class Membership:
    chat_id: int
    user_id: int
    status: str

    @property
    def active(self) -> bool:
        return self.status in ACTIVE_MEMBER


def _community(row: sqlite3.Row) -> Community:
    return Community(
        chat_id=row["chat_id"],
        title=row["title"],
        chat_type=row["chat_type"],
        is_forum=bool(row["is_forum"]),
        language=row["language"],
        timezone=row["timezone"],
        status=row["status"],
        bot_status=row["bot_status"],
    )


class CommunitiesRepo:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock  # injected: tests move time, and every record follows it

    async def get(self, chat_id: int) -> Community | None:
        row = await self.db.fetchone("SELECT * FROM communities WHERE chat_id = ?", (chat_id,))
        return _community(row) if row else None

    async def upsert(
        self,
        chat_id: int,
        *,
        title: str,
        chat_type: str,
        is_forum: bool,
        bot_status: str | None = None,
        added_by: int | None = None,
    ) -> None:
        now = int(self.clock.time())
        await self.db.execute(
            "INSERT INTO communities (chat_id, title, chat_type, is_forum, bot_status, added_by,"
            " added_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (chat_id) DO UPDATE SET title = excluded.title,"
            " chat_type = excluded.chat_type, is_forum = excluded.is_forum,"
            " bot_status = COALESCE(excluded.bot_status, communities.bot_status)",
            (chat_id, title, chat_type, int(is_forum), bot_status, added_by, now),
        )

    async def activate(self, chat_id: int, *, bot_status: str, added_by: int | None) -> None:
        await self.db.execute(
            "UPDATE communities SET status = 'active', left_at = NULL, bot_status = ?,"
            " added_by = COALESCE(?, added_by) WHERE chat_id = ?",
            (bot_status, added_by, chat_id),
        )

    async def set_bot_status(self, chat_id: int, bot_status: str) -> None:
        await self.db.execute(
            "UPDATE communities SET bot_status = ? WHERE chat_id = ?", (bot_status, chat_id)
        )

    async def deactivate(self, chat_id: int, bot_status: str) -> None:
        await self.db.execute(
            "UPDATE communities SET status = 'left', bot_status = ?, left_at = ? WHERE chat_id = ?",
            (bot_status, int(self.clock.time()), chat_id),
        )

    async def active_ids(self) -> list[int]:
        rows = await self.db.fetchall("SELECT chat_id FROM communities WHERE status = 'active'")
        return [r[0] for r in rows]

    async def set_language(self, chat_id: int, language: str | None) -> None:
        await self.db.execute(
            "UPDATE communities SET language = ? WHERE chat_id = ?", (language, chat_id)
        )

    async def set_timezone(self, chat_id: int, timezone: str | None) -> None:
        await self.db.execute(
            "UPDATE communities SET timezone = ? WHERE chat_id = ?", (timezone, chat_id)
        )

    async def move(self, old_chat_id: int, new_chat_id: int) -> bool:
        """Group → supergroup: the community keeps all its data under the new id. Every table
        that references communities(chat_id) follows through ON UPDATE CASCADE."""
        async with self.db.transaction() as conn:
            old = await (
                await conn.execute("SELECT 1 FROM communities WHERE chat_id = ?", (old_chat_id,))
            ).fetchone()
            if old is None:
                return False
            # The new chat may already be known from its first message: fold it into the old one.
            fresh = await (
                await conn.execute(
                    "SELECT user_id, status, joined_at, last_seen_at FROM memberships"
                    " WHERE chat_id = ?",
                    (new_chat_id,),
                )
            ).fetchall()
            await conn.execute("DELETE FROM communities WHERE chat_id = ?", (new_chat_id,))
            await conn.execute(
                "UPDATE communities SET chat_id = ?, chat_type = 'supergroup' WHERE chat_id = ?",
                (new_chat_id, old_chat_id),
            )
            await conn.executemany(
                "INSERT INTO memberships (chat_id, user_id, status, joined_at, last_seen_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_id, user_id) DO UPDATE SET"
                " status = excluded.status, last_seen_at = excluded.last_seen_at",
                [(new_chat_id, r[0], r[1], r[2], r[3]) for r in fresh],
            )
        return True

    # --- members ---

    async def set_member_status(self, chat_id: int, user_id: int, status: str) -> None:
        now = int(self.clock.time())
        left_at = now if status not in ACTIVE_MEMBER else None
        await self.db.execute(
            "INSERT INTO memberships (chat_id, user_id, status, joined_at, left_at, last_seen_at)"
            " VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (chat_id, user_id) DO UPDATE SET status = excluded.status,"
            " left_at = excluded.left_at,"
            " joined_at = CASE WHEN memberships.status IN ('left', 'kicked', 'unknown')"
            "   AND excluded.status NOT IN ('left', 'kicked') THEN excluded.joined_at"
            "   ELSE memberships.joined_at END",
            (chat_id, user_id, status, now, left_at, now),
        )

    async def touch_member(self, chat_id: int, user_id: int) -> None:
        """Seen writing in the group: a member, unless we already know better."""
        now = int(self.clock.time())
        await self.db.execute(
            "INSERT INTO memberships (chat_id, user_id, status, joined_at, last_seen_at)"
            " VALUES (?, ?, 'member', ?, ?)"
            " ON CONFLICT (chat_id, user_id) DO UPDATE SET last_seen_at = excluded.last_seen_at,"
            " status = CASE WHEN memberships.status IN ('left', 'kicked', 'unknown')"
            "   THEN 'member' ELSE memberships.status END, left_at = NULL",
            (chat_id, user_id, now, now),
        )

    async def sight(self, chat_id: int, user_ids: list[int]) -> None:
        """Pointed at in the group: a hint where the person may be (SIGHTED), or a fresher one
        for a person known to have left; a known member's row is left as it is."""
        now = int(self.clock.time())
        placeholders = ",".join("?" for _ in ACTIVE_MEMBER)
        await self.db.executemany(
            "INSERT INTO memberships (chat_id, user_id, status, joined_at, last_seen_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_id, user_id) DO UPDATE SET"
            " last_seen_at = excluded.last_seen_at"
            f" WHERE memberships.status NOT IN ({placeholders})",
            [(chat_id, user_id, SIGHTED, now, now, *ACTIVE_MEMBER) for user_id in user_ids],
        )

    async def traces(self, user_id: int, limit: int) -> list[int]:
        """Active communities the person is not known to be in now but left a trace in — a
        membership that ended or was only sighted, the community they last acted for, a group
        they added the bot to — the freshest first."""
        placeholders = ",".join("?" for _ in ACTIVE_MEMBER)
        rows = await self.db.fetchall(
            "SELECT t.chat_id FROM ("
            "  SELECT chat_id, COALESCE(last_seen_at, joined_at) AS at FROM memberships"
            f"  WHERE user_id = ? AND status NOT IN ({placeholders})"
            "  UNION ALL SELECT current_community_id, updated_at FROM users"
            "  WHERE id = ? AND current_community_id IS NOT NULL"
            "  UNION ALL SELECT chat_id, added_at FROM communities WHERE added_by = ?"
            ") t JOIN communities c ON c.chat_id = t.chat_id"
            " WHERE c.status = 'active' AND NOT EXISTS (SELECT 1 FROM memberships m"
            f"  WHERE m.chat_id = t.chat_id AND m.user_id = ? AND m.status IN ({placeholders}))"
            " AND CAST(c.chat_id AS TEXT) NOT IN"
            "  (SELECT value FROM community_settings WHERE key = ?)"
            " GROUP BY t.chat_id ORDER BY MAX(t.at) DESC, t.chat_id LIMIT ?",
            (
                user_id,
                *ACTIVE_MEMBER,
                user_id,
                user_id,
                user_id,
                *ACTIVE_MEMBER,
                LOG_CHAT_KEY,
                limit,
            ),
        )
        return [r[0] for r in rows]

    async def served(self, limit: int) -> list[int]:
        """Up to `limit` active communities (log chats aside), the oldest first: a caller
        asking for one more than it can afford learns whether the deployment is small."""
        rows = await self.db.fetchall(
            "SELECT c.chat_id FROM communities c WHERE c.status = 'active'"
            " AND CAST(c.chat_id AS TEXT) NOT IN"
            "  (SELECT value FROM community_settings WHERE key = ?)"
            " ORDER BY c.added_at, c.chat_id LIMIT ?",
            (LOG_CHAT_KEY, limit),
        )
        return [r[0] for r in rows]

    async def membership(self, chat_id: int, user_id: int) -> Membership | None:
        row = await self.db.fetchone(
            "SELECT chat_id, user_id, status FROM memberships WHERE chat_id = ? AND user_id = ?",
            (chat_id, user_id),
        )
        return Membership(row[0], row[1], row[2]) if row else None

    async def of_user(self, user_id: int) -> list[Community]:
        """Active communities where the person is an active member, by title. A chat that is
        another community's log chat is the moderators' back room, not a community to act for."""
        placeholders = ",".join("?" for _ in ACTIVE_MEMBER)
        rows = await self.db.fetchall(
            "SELECT c.* FROM communities c JOIN memberships m ON m.chat_id = c.chat_id"
            f" WHERE m.user_id = ? AND c.status = 'active' AND m.status IN ({placeholders})"
            " AND NOT EXISTS (SELECT 1 FROM community_settings s"
            "  WHERE s.key = ? AND s.value = CAST(c.chat_id AS TEXT))"
            " ORDER BY LOWER(c.title), c.chat_id",
            (user_id, *ACTIVE_MEMBER, LOG_CHAT_KEY),
        )
        return [_community(r) for r in rows]

    async def member_count(self, chat_id: int) -> int:
        placeholders = ",".join("?" for _ in ACTIVE_MEMBER)
        return int(
            await self.db.fetchval(
                "SELECT COUNT(*) FROM memberships"
                f" WHERE chat_id = ? AND status IN ({placeholders})",
                (chat_id, *ACTIVE_MEMBER),
            )
        )

    # --- appointed moderators ---

    async def add_moderator(self, chat_id: int, user_id: int, appointed_by: int | None) -> bool:
        return bool(
            await self.db.execute(
                "INSERT INTO moderators (chat_id, user_id, appointed_by, appointed_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (chat_id, user_id, appointed_by, int(self.clock.time())),
            )
        )

    async def remove_moderator(self, chat_id: int, user_id: int) -> bool:
        return bool(
            await self.db.execute(
                "DELETE FROM moderators WHERE chat_id = ? AND user_id = ?", (chat_id, user_id)
            )
        )

    async def is_moderator(self, chat_id: int, user_id: int) -> bool:
        return bool(
            await self.db.fetchval(
                "SELECT 1 FROM moderators WHERE chat_id = ? AND user_id = ?", (chat_id, user_id)
            )
        )

    async def moderators(self, chat_id: int) -> list[int]:
        """Appointed moderators still in the group: one who left keeps the appointment (it
        holds again if they come back) but neither acts nor is asked."""
        placeholders = ",".join("?" * len(ACTIVE_MEMBER))
        rows = await self.db.fetchall(
            "SELECT m.user_id FROM moderators m JOIN memberships s"
            " ON s.chat_id = m.chat_id AND s.user_id = m.user_id"
            f" WHERE m.chat_id = ? AND s.status IN ({placeholders}) ORDER BY m.appointed_at",
            (chat_id, *ACTIVE_MEMBER),
        )
        return [r[0] for r in rows]

    # --- listeners: members who volunteered to be contacted by someone having a hard time ---

    async def set_listener(self, chat_id: int, user_id: int, on: bool) -> bool:
        """True when it changed."""
        if on:
            sql = (
                "INSERT INTO listeners (chat_id, user_id, since) VALUES (?, ?, ?)"
                " ON CONFLICT DO NOTHING"
            )
            return bool(await self.db.execute(sql, (chat_id, user_id, int(self.clock.time()))))
        return bool(
            await self.db.execute(
                "DELETE FROM listeners WHERE chat_id = ? AND user_id = ?", (chat_id, user_id)
            )
        )

    async def is_listener(self, chat_id: int, user_id: int) -> bool:
        return bool(
            await self.db.fetchval(
                "SELECT 1 FROM listeners WHERE chat_id = ? AND user_id = ?", (chat_id, user_id)
            )
        )

    async def listeners(self, chat_id: int) -> list[int]:
        """Listeners who are still active members, longest-serving first."""
        placeholders = ",".join("?" for _ in ACTIVE_MEMBER)
        rows = await self.db.fetchall(
            "SELECT l.user_id FROM listeners l JOIN memberships m"
            " ON m.chat_id = l.chat_id AND m.user_id = l.user_id"
            f" WHERE l.chat_id = ? AND m.status IN ({placeholders}) ORDER BY l.since, l.user_id",
            (chat_id, *ACTIVE_MEMBER),
        )
        return [r[0] for r in rows]
