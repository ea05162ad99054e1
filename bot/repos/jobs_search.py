"""Searching open vacancies: SQLite FTS5 (the one place with SQLite-only SQL besides
bot/db.py). Words match by prefix ("разработ" finds "разработчика"), in Russian and English;
results are ranked by relevance, then newest first."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.db import Database
from bot.repos.communities import ACTIVE_MEMBER
from bot.repos.personal import not_personal
from bot.repos.vacancies import Vacancy, _vacancy

for _column in ("title", "company", "tags", "description", "city"):
    not_personal("vacancies_fts", _column, "an index of vacancies, deleted with them")


@dataclass(frozen=True)
class JobFilters:
    remote: bool = False
    level: str | None = None
    employment: str | None = None
    salary_from: int | None = None
    currency: str | None = None


def match_expression(query: str) -> str | None:
    """Every word must appear, each as a prefix; quotes keep FTS syntax out of user input."""
    words = re.findall(r"\w+", query.lower())[:8]
    return " AND ".join(f'"{word}"*' for word in words) or None


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
        """Open vacancies in the person's communities; (a page, the total)."""
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
        expression = match_expression(query)
        if expression:
            source = "vacancies_fts f JOIN vacancies v ON v.id = f.rowid"
            where.insert(0, "vacancies_fts MATCH ?")
            params.insert(0, expression)
            order = "bm25(vacancies_fts), v.created_at DESC"
        else:
            source = "vacancies v"
            order = "v.created_at DESC"
        condition = " AND ".join(where)
        total = int(
            await self.db.fetchval(f"SELECT COUNT(*) FROM {source} WHERE {condition}", params)
        )
        rows = await self.db.fetchall(
            f"SELECT v.* FROM {source} WHERE {condition} ORDER BY {order} LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [_vacancy(r) for r in rows], total
