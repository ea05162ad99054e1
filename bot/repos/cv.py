"""Job seekers' profiles (/cv), shared to a group at most weekly."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from bot.db import Database
from bot.repos.communities import ACTIVE_MEMBER
from bot.repos.personal import not_personal, register
from bot.timeutil import Clock

register("cv_profiles", "user_id", "delete", why="the person's profile")
register("cv_shares", "user_id", "delete", why="when the person shared their profile")
not_personal("cv_shares", "chat_id", "a group's id")
not_personal("cv_shares", "message_id", "the id of the group post")
register("cv_contacts", "owner_id", "delete", why="who asked to get in touch with the person")
register("cv_contacts", "user_id", "delete", why="whom the person asked to get in touch with")

VISIBILITIES = ("community", "moderators", "hidden")


@dataclass(frozen=True)
class Profile:
    user_id: int
    role: str
    level: str
    skills: str
    location: str
    city: str
    languages: str
    about: str
    links: str
    visibility: str
    updated_at: float = 0.0


FIELDS = ("role", "level", "skills", "location", "city", "languages", "about", "links")


def _profile(row: sqlite3.Row) -> Profile:
    return Profile(**{k: row[k] for k in Profile.__dataclass_fields__})


class CvRepo:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.clock = clock or Clock()

    async def get(self, user_id: int) -> Profile | None:
        row = await self.db.fetchone("SELECT * FROM cv_profiles WHERE user_id = ?", (user_id,))
        return _profile(row) if row else None

    async def save(self, user_id: int, visibility: str, **fields: str) -> None:
        now = self.clock.time()
        columns = ", ".join(FIELDS)
        marks = ", ".join("?" for _ in FIELDS)
        updates = ", ".join(f"{f} = excluded.{f}" for f in FIELDS)
        await self.db.execute(
            f"INSERT INTO cv_profiles (user_id, visibility, created_at, updated_at, {columns})"
            f" VALUES (?, ?, ?, ?, {marks}) ON CONFLICT (user_id) DO UPDATE SET {updates},"
            " visibility = excluded.visibility, updated_at = excluded.updated_at",
            (user_id, visibility, now, now, *(fields[f] for f in FIELDS)),
        )

    async def fill_about(self, user_id: int, about: str) -> bool:
        """Set "about" only where the profile has none; False when it had one (or no profile)."""
        return bool(
            await self.db.execute(
                "UPDATE cv_profiles SET about = ?, updated_at = ? WHERE user_id = ? AND about = ''",
                (about, self.clock.time(), user_id),
            )
        )

    async def set_visibility(self, user_id: int, visibility: str) -> None:
        await self.db.execute(
            "UPDATE cv_profiles SET visibility = ?, updated_at = ? WHERE user_id = ?",
            (visibility, self.clock.time(), user_id),
        )

    async def delete(self, user_id: int) -> None:
        await self.db.execute("DELETE FROM cv_profiles WHERE user_id = ?", (user_id,))

    async def last_share(self, user_id: int, chat_id: int) -> float | None:
        value = await self.db.fetchval(
            "SELECT MAX(shared_at) FROM cv_shares WHERE user_id = ? AND chat_id = ?",
            (user_id, chat_id),
        )
        return float(value) if value is not None else None

    async def add_share(self, user_id: int, chat_id: int) -> int:
        return await self.db.insert(
            "INSERT INTO cv_shares (user_id, chat_id, shared_at) VALUES (?, ?, ?)",
            (user_id, chat_id, self.clock.time()),
        )

    async def share(self, share_id: int) -> tuple[int, int] | None:
        """(user_id, chat_id) of a share."""
        row = await self.db.fetchone(
            "SELECT user_id, chat_id FROM cv_shares WHERE id = ?", (share_id,)
        )
        return (row["user_id"], row["chat_id"]) if row else None

    async def set_share_message(self, share_id: int, message_id: int) -> None:
        await self.db.execute(
            "UPDATE cv_shares SET message_id = ? WHERE id = ?", (message_id, share_id)
        )

    async def shares_of(self, user_id: int) -> list[tuple[int, int, int | None]]:
        """(share_id, chat_id, message_id or None while not yet posted) of the person's
        shares, to take them down."""
        rows = await self.db.fetchall(
            "SELECT id, chat_id, message_id FROM cv_shares WHERE user_id = ?", (user_id,)
        )
        return [(r["id"], r["chat_id"], r["message_id"]) for r in rows]

    async def add_contact(self, owner_id: int, user_id: int) -> bool:
        """False when this person already asked to get in touch with this owner."""
        return bool(
            await self.db.execute(
                "INSERT INTO cv_contacts (owner_id, user_id, asked_at) VALUES (?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                (owner_id, user_id, self.clock.time()),
            )
        )

    async def open_to_work(self, chat_ids: list[int]) -> list[tuple[int, Profile]]:
        """(chat_id, profile) of members of these communities whose profile is not hidden."""
        if not chat_ids:
            return []
        chats = ",".join("?" for _ in chat_ids)
        members = ",".join("?" for _ in ACTIVE_MEMBER)
        rows = await self.db.fetchall(
            "SELECT m.chat_id AS member_of, p.* FROM cv_profiles p JOIN memberships m"
            f" ON m.user_id = p.user_id WHERE m.chat_id IN ({chats})"
            f" AND m.status IN ({members}) AND p.visibility != 'hidden'"
            " ORDER BY p.updated_at DESC",
            (*chat_ids, *ACTIVE_MEMBER),
        )
        return [(r["member_of"], _profile(r)) for r in rows]
