"""Saved searches over vacancies, and the vacancies each member was told about."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from bot.db import Database
from bot.repos.communities import ACTIVE_MEMBER
from bot.repos.jobs_search import JobFilters
from bot.repos.personal import not_personal, register
from bot.repos.vacancies import Vacancy, _vacancy
from bot.timeutil import Clock

register("job_subscriptions", "user_id", "delete", why="the person's saved searches")
register("job_matches", "user_id", "delete", why="vacancies the person was told about")
not_personal("job_matches", "vacancy_id", "a vacancy's id")


@dataclass(frozen=True)
class Subscription:
    id: int
    user_id: int
    query: str
    filters: JobFilters
    daily: bool


def _subscription(row: sqlite3.Row) -> Subscription:
    return Subscription(
        id=row["id"],
        user_id=row["user_id"],
        query=row["query"],
        filters=JobFilters.from_row(row),
        daily=bool(row["daily"]),
    )


class JobAlertsRepo:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.clock = clock or Clock()

    async def add(self, user_id: int, query: str, filters: JobFilters, daily: bool) -> int:
        return await self.db.insert(
            "INSERT INTO job_subscriptions (user_id, query, remote, level, employment,"
            " salary_from, currency, daily, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                user_id,
                query,
                int(filters.remote),
                filters.level,
                filters.employment,
                filters.salary_from,
                filters.currency,
                int(daily),
                self.clock.time(),
            ),
        )

    async def of_user(self, user_id: int) -> list[Subscription]:
        rows = await self.db.fetchall(
            "SELECT * FROM job_subscriptions WHERE user_id = ? ORDER BY id", (user_id,)
        )
        return [_subscription(r) for r in rows]

    async def get(self, subscription_id: int) -> Subscription | None:
        row = await self.db.fetchone(
            "SELECT * FROM job_subscriptions WHERE id = ?", (subscription_id,)
        )
        return _subscription(row) if row else None

    async def delete(self, subscription_id: int) -> bool:
        return bool(
            await self.db.execute("DELETE FROM job_subscriptions WHERE id = ?", (subscription_id,))
        )

    async def set_daily(self, subscription_id: int, daily: bool) -> None:
        await self.db.execute(
            "UPDATE job_subscriptions SET daily = ? WHERE id = ?", (int(daily), subscription_id)
        )

    async def candidates(self, vacancy: Vacancy) -> list[sqlite3.Row]:
        """(user_id, words, daily) of the searches whose filters this vacancy meets, of
        members of its community other than its author; the words are matched by the caller.
        Rows as they come: thousands of them come back for a popular vacancy."""
        members = ",".join("?" for _ in ACTIVE_MEMBER)
        pay = vacancy.salary_high or vacancy.salary_low
        rows = await self.db.fetchall(
            "SELECT s.user_id, s.query, s.daily FROM job_subscriptions s JOIN memberships m"
            " ON m.user_id = s.user_id AND m.chat_id = ?"
            f" WHERE m.status IN ({members}) AND s.user_id IS NOT ?"
            " AND (s.remote = 0 OR ? = 'remote')"
            " AND (s.level IS NULL OR s.level = ?)"
            " AND (s.employment IS NULL OR s.employment = ?)"
            " AND (s.salary_from IS NULL OR (s.currency = ? AND ? >= s.salary_from))",
            (
                vacancy.chat_id,
                *ACTIVE_MEMBER,
                vacancy.author_id,
                vacancy.location,
                vacancy.level,
                vacancy.employment,
                vacancy.currency,
                pay,
            ),
        )
        return rows

    async def record(self, user_id: int, vacancy_id: int, *, pending: bool) -> bool:
        """False when this person was already told of this vacancy."""
        return bool(
            await self.db.execute(
                "INSERT INTO job_matches (user_id, vacancy_id, matched_at, pending)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (user_id, vacancy_id, self.clock.time(), int(pending)),
            )
        )

    async def take_pending(self, user_id: int, limit: int) -> tuple[list[Vacancy], int]:
        """The digest's vacancies (still open, newest first, at most `limit`) and how many in
        all; every pending match of the person is cleared."""
        rows = await self.db.fetchall(
            "SELECT v.* FROM job_matches j JOIN vacancies v ON v.id = j.vacancy_id"
            " WHERE j.user_id = ? AND j.pending = 1 AND v.status = 'open'"
            " ORDER BY v.created_at DESC",
            (user_id,),
        )
        await self.db.execute(
            "UPDATE job_matches SET pending = 0 WHERE user_id = ? AND pending = 1", (user_id,)
        )
        return [_vacancy(r) for r in rows[:limit]], len(rows)
