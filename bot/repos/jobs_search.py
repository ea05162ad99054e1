"""Searching open vacancies: SQLite FTS5 (the one place with SQLite-only SQL besides
bot/db.py). Words match by prefix ("разработ" finds "разработчика"), in Russian and English.

Relevance comes in two tiers: vacancies whose title, company or tags hold every word come
first, then those that mention them only in the text; newest first within each. Both tiers
walk the index in id order (ids grow with time) and stop after a page, so a search costs the
same with 1,000 vacancies or 100,000 — scoring every match (bm25) does not. The total is
counted up to one past COUNT_CAP: "more than 1,000" says enough."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from bot.db import Database
from bot.repos.communities import ACTIVE_MEMBER
from bot.repos.personal import not_personal
from bot.repos.vacancies import Vacancy, _vacancy
from bot.texts import words

for _column in ("title", "company", "tags", "description", "city"):
    not_personal("vacancies_fts", _column, "an index of vacancies, deleted with them")


COUNT_CAP = 1000


@dataclass(frozen=True)
class JobFilters:
    remote: bool = False
    level: str | None = None
    employment: str | None = None
    salary_from: int | None = None
    currency: str | None = None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> JobFilters:
        """The filter columns a saved search and a subscription both keep."""
        return cls(
            remote=bool(row["remote"]),
            level=row["level"],
            employment=row["employment"],
            salary_from=row["salary_from"],
            currency=row["currency"],
        )


def match_expression(query: str) -> str | None:
    """Every word must appear, each as a prefix; quotes keep FTS syntax out of user input."""
    return " AND ".join(f'"{word}"*' for word in words(query)[:8]) or None


class JobsSearch:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def search(
        self,
        user_id: int,
        query: str,
        filters: JobFilters,
        *,
        offset: int,
        limit: int,
    ) -> tuple[list[Vacancy], int]:
        """Open vacancies in the person's communities; (a page, the total; above
        COUNT_CAP only as COUNT_CAP + 1, meaning "more")."""
        members = ",".join("?" for _ in ACTIVE_MEMBER)
        where = [
            "v.status = 'open'",
            f"v.chat_id IN (SELECT chat_id FROM memberships WHERE user_id = ?"
            f" AND status IN ({members}))",
        ]
        params: list[object] = [user_id, *ACTIVE_MEMBER]
        if filters.remote:
            where.append("v.location = 'remote'")
        if filters.level:
            where.append("v.level = ?")
            params.append(filters.level)
        if filters.employment:
            where.append("v.employment = ?")
            params.append(filters.employment)
        if filters.salary_from:
            where.append("v.currency = ? AND COALESCE(v.salary_high, v.salary_low) >= ?")
            params += [filters.currency, filters.salary_from]
        condition = " AND ".join(where)
        expression = match_expression(query)
        if expression is None:
            total = await self._count("vacancies v", condition, params, COUNT_CAP + 1)
            rows = await self.db.fetchall(
                f"SELECT v.* FROM vacancies v WHERE {condition}"
                " ORDER BY v.id DESC LIMIT ? OFFSET ?",
                (*params, limit, offset),
            )
            return [_vacancy(r) for r in rows], total
        strong = f"{{title company tags}} : ({expression})"
        source = "vacancies_fts f JOIN vacancies v ON v.id = f.rowid"
        matched = f"vacancies_fts MATCH ? AND {condition}"
        total = await self._count(source, matched, [expression, *params], COUNT_CAP + 1)
        page = await self.db.fetchall(
            f"SELECT v.* FROM {source} WHERE {matched} ORDER BY f.rowid DESC LIMIT ? OFFSET ?",
            (strong, *params, limit, offset),
        )
        if len(page) < limit:
            # The strong tier ran out on this page: the rest comes from the weak one.
            strong_total = (
                offset + len(page)
                if page
                else await self._count(source, matched, [strong, *params], offset)
            )
            page += await self.db.fetchall(
                f"SELECT v.* FROM {source} WHERE {matched} AND f.rowid NOT IN"
                " (SELECT rowid FROM vacancies_fts WHERE vacancies_fts MATCH ?)"
                " ORDER BY f.rowid DESC LIMIT ? OFFSET ?",
                (expression, *params, strong, limit - len(page), max(0, offset - strong_total)),
            )
        return [_vacancy(r) for r in page], total

    async def _count(self, source: str, condition: str, params: list[object], cap: int) -> int:
        """How many match, counting no further than `cap`."""
        return int(
            await self.db.fetchval(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM {source} WHERE {condition} LIMIT ?)",
                (*params, cap),
            )
        )
