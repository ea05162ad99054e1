"""The searches behind /jobs messages: each message's words, filters and page, so that its
buttons (which carry only the search's id) act on that message and no other."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from bot.db import Database
from bot.repos.jobs_search import JobFilters
from bot.repos.personal import register
from bot.timeutil import Clock

register("job_searches", "user_id", "delete", why="the person's recent /jobs searches")

KEPT_PER_PERSON = 20  # older /jobs messages say "send /jobs again"


@dataclass(frozen=True)
class JobSearch:
    id: int
    user_id: int
    query: str
    filters: JobFilters
    page: int


def _search(row: sqlite3.Row) -> JobSearch:
    return JobSearch(
        id=row["id"],
        user_id=row["user_id"],
        query=row["query"],
        filters=JobFilters.from_row(row),
        page=row["page"],
    )


class JobSearchesRepo:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.clock = clock or Clock()

    async def add(self, user_id: int, query: str) -> int:
        """A new search with no filters; the person's oldest beyond KEPT_PER_PERSON go."""
        async with self.db.transaction():
            search_id = await self.db.insert(
                "INSERT INTO job_searches (user_id, query, created_at) VALUES (?, ?, ?)",
                (user_id, query, self.clock.time()),
            )
            await self.db.execute(
                "DELETE FROM job_searches WHERE user_id = ? AND id NOT IN"
                " (SELECT id FROM job_searches WHERE user_id = ? ORDER BY id DESC LIMIT ?)",
                (user_id, user_id, KEPT_PER_PERSON),
            )
        return search_id

    async def get(self, search_id: int) -> JobSearch | None:
        row = await self.db.fetchone("SELECT * FROM job_searches WHERE id = ?", (search_id,))
        return _search(row) if row else None

    async def update(self, search_id: int, filters: JobFilters, page: int) -> None:
        await self.db.execute(
            "UPDATE job_searches SET remote = ?, level = ?, employment = ?, salary_from = ?,"
            " currency = ?, page = ? WHERE id = ?",
            (
                int(filters.remote),
                filters.level,
                filters.employment,
                filters.salary_from,
                filters.currency,
                page,
                search_id,
            ),
        )
