"""Vacancies shared in a community."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from bot.db import Database
from bot.repos.personal import not_personal, register
from bot.timeutil import Clock

register("vacancies", "author_id", "delete", why="vacancies the person shared")
not_personal("vacancies", "chat_id", "a group's id")
not_personal("vacancies", "post_message_id", "the id of the group post")
register("saved_vacancies", "user_id", "delete", why="vacancies the person saved")
not_personal("saved_vacancies", "vacancy_id", "a vacancy's id")
register("vacancy_referrals", "user_id", "delete", why="referrals the person asked for")
not_personal("vacancy_referrals", "vacancy_id", "a vacancy's id")


@dataclass(frozen=True)
class Vacancy:
    id: int
    chat_id: int
    author_id: int | None
    title: str
    company: str
    location: str
    city: str
    employment: str
    level: str
    salary_low: int | None
    salary_high: int | None
    currency: str | None
    tags: str
    description: str
    link: str
    can_refer: bool
    status: str
    post_message_id: int | None
    created_at: float
    expires_at: float
    updated_at: float = 0.0


FIELDS = (
    "title", "company", "location", "city", "employment", "level", "salary_low", "salary_high",
    "currency", "tags", "description", "link", "can_refer",
)  # fmt: skip


def _vacancy(row: sqlite3.Row) -> Vacancy:
    values = {k: row[k] for k in Vacancy.__dataclass_fields__}
    values["can_refer"] = bool(values["can_refer"])
    return Vacancy(**values)


class VacanciesRepo:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.clock = clock or Clock()

    async def create(
        self, chat_id: int, author_id: int, status: str, expires_in: float, **fields: object
    ) -> int:
        now = self.clock.time()
        columns = ", ".join(FIELDS)
        marks = ", ".join("?" for _ in FIELDS)
        return await self.db.insert(
            f"INSERT INTO vacancies (chat_id, author_id, status, created_at, expires_at,"
            f" updated_at, {columns}) VALUES (?, ?, ?, ?, ?, ?, {marks})",
            (chat_id, author_id, status, now, now + expires_in, now, *(fields[f] for f in FIELDS)),
        )

    async def get(self, vacancy_id: int) -> Vacancy | None:
        row = await self.db.fetchone("SELECT * FROM vacancies WHERE id = ?", (vacancy_id,))
        return _vacancy(row) if row else None

    async def posted_since(self, author_id: int, chat_id: int, since: float) -> int:
        return int(
            await self.db.fetchval(
                "SELECT COUNT(*) FROM vacancies WHERE author_id = ? AND chat_id = ?"
                " AND created_at > ? AND status != 'rejected'",
                (author_id, chat_id, since),
            )
        )

    async def duplicate(
        self, chat_id: int, link: str, title: str, company: str, since: float
    ) -> Vacancy | None:
        """The same link, or the same title at the same company, shared recently."""
        row = await self.db.fetchone(
            "SELECT * FROM vacancies WHERE chat_id = ? AND created_at > ?"
            " AND status IN ('review', 'open')"
            " AND (link = ? OR (LOWER(title) = LOWER(?) AND LOWER(company) = LOWER(?)))"
            " ORDER BY created_at DESC LIMIT 1",
            (chat_id, since, link, title, company),
        )
        return _vacancy(row) if row else None

    async def has_shared(self, chat_id: int, author_id: int) -> bool:
        """Whether the person shared a vacancy there (one who hires may look for talents)."""
        return bool(
            await self.db.fetchval(
                "SELECT 1 FROM vacancies WHERE author_id = ? AND chat_id = ?"
                " AND status IN ('open', 'filled', 'expired') LIMIT 1",
                (author_id, chat_id),
            )
        )

    async def set_post(self, vacancy_id: int, message_id: int) -> None:
        await self.db.execute(
            "UPDATE vacancies SET post_message_id = ? WHERE id = ?", (message_id, vacancy_id)
        )

    async def words_of(self, author_id: int) -> list[str]:
        """What the person wrote here, for /forget to find in messages about it."""
        rows = await self.db.fetchall(
            "SELECT title, description FROM vacancies WHERE author_id = ?", (author_id,)
        )
        return [str(value) for row in rows for value in row if value]

    async def of_author(self, author_id: int, limit: int = 30) -> list[Vacancy]:
        rows = await self.db.fetchall(
            "SELECT * FROM vacancies WHERE author_id = ? ORDER BY created_at DESC LIMIT ?",
            (author_id, limit),
        )
        return [_vacancy(r) for r in rows]

    async def update(self, vacancy_id: int, **fields: object) -> None:
        columns = ", ".join(f"{f} = ?" for f in FIELDS)
        await self.db.execute(
            f"UPDATE vacancies SET {columns}, updated_at = ? WHERE id = ?",
            (*(fields[f] for f in FIELDS), self.clock.time(), vacancy_id),
        )

    async def set_status(self, vacancy_id: int, status: str, *, expect: tuple[str, ...]) -> bool:
        marks = ",".join("?" for _ in expect)
        return bool(
            await self.db.execute(
                f"UPDATE vacancies SET status = ?, updated_at = ? WHERE id = ?"
                f" AND status IN ({marks})",
                (status, self.clock.time(), vacancy_id, *expect),
            )
        )

    async def extend(self, vacancy_id: int, expires_at: float) -> None:
        await self.db.execute(
            "UPDATE vacancies SET expires_at = ?, status = 'open', updated_at = ? WHERE id = ?",
            (expires_at, self.clock.time(), vacancy_id),
        )

    async def save_for(self, user_id: int, vacancy_id: int) -> bool:
        return bool(
            await self.db.execute(
                "INSERT INTO saved_vacancies (user_id, vacancy_id, saved_at) VALUES (?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                (user_id, vacancy_id, self.clock.time()),
            )
        )

    async def unsave(self, user_id: int, vacancy_id: int) -> bool:
        return bool(
            await self.db.execute(
                "DELETE FROM saved_vacancies WHERE user_id = ? AND vacancy_id = ?",
                (user_id, vacancy_id),
            )
        )

    async def is_saved(self, user_id: int, vacancy_id: int) -> bool:
        return bool(
            await self.db.fetchval(
                "SELECT 1 FROM saved_vacancies WHERE user_id = ? AND vacancy_id = ?",
                (user_id, vacancy_id),
            )
        )

    async def saved(self, user_id: int, limit: int = 30) -> list[Vacancy]:
        rows = await self.db.fetchall(
            "SELECT v.* FROM saved_vacancies s JOIN vacancies v ON v.id = s.vacancy_id"
            " WHERE s.user_id = ? AND v.status = 'open' ORDER BY s.saved_at DESC LIMIT ?",
            (user_id, limit),
        )
        return [_vacancy(r) for r in rows]

    async def add_referral(self, vacancy_id: int, user_id: int, note: str) -> bool:
        """False when this person already asked for this vacancy."""
        return bool(
            await self.db.execute(
                "INSERT INTO vacancy_referrals (vacancy_id, user_id, note, asked_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (vacancy_id, user_id, note, self.clock.time()),
            )
        )
