"""The registry of personal data: every table column that holds a person's Telegram id is declared
here by the repository that owns it, so /mydata exports it and /forget removes it.

A test walks the live schema and fails when a user-id column is neither registered nor declared
not personal, so a new feature cannot forget to cover its tables."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from bot.db import Database

Forget = Literal["delete", "anonymize"]


@dataclass(frozen=True)
class PersonalColumn:
    table: str
    column: str
    # delete: the row is the person's own (a check-in, a profile); anonymize: others still need
    # the row (an audit line, a resolved request), so only the link to the person is cut.
    forget: Forget
    exported: bool = True  # False for rows that only mirror others' data back at them
    why: str = ""


_REGISTRY: dict[tuple[str, str], PersonalColumn] = {}
_NOT_PERSONAL: dict[tuple[str, str], str] = {}


def register(
    table: str, column: str, forget: Forget, *, exported: bool = True, why: str = ""
) -> None:
    _REGISTRY[(table, column)] = PersonalColumn(table, column, forget, exported, why)


def not_personal(table: str, column: str, reason: str) -> None:
    """Declare an id-looking column that never holds a person's id (e.g. a group's chat id)."""
    _NOT_PERSONAL[(table, column)] = reason


def registered() -> list[PersonalColumn]:
    _load_all_repos()
    return list(_REGISTRY.values())


def declared_not_personal() -> dict[tuple[str, str], str]:
    _load_all_repos()
    return dict(_NOT_PERSONAL)


def _load_all_repos() -> None:
    """Registration happens at import of each repo module; import them all."""
    import importlib
    import pkgutil

    import bot.repos as package

    for info in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{info.name}")


async def export_user(db: Database, user_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every registered row that mentions the person, grouped by table."""
    result: dict[str, list[dict[str, Any]]] = {}
    for entry in registered():
        if not entry.exported:
            continue
        rows = await db.fetchall(
            f"SELECT * FROM {entry.table} WHERE {entry.column} = ?",
            (user_id,),
        )
        if rows:
            bucket = result.setdefault(entry.table, [])
            for row in rows:
                item = dict(row)
                if item not in bucket:
                    bucket.append(item)
    return result


async def forget_user(db: Database, user_id: int) -> dict[str, int]:
    """Delete the person's own rows, cut them out of rows others keep; one transaction."""
    counts: dict[str, int] = {}
    entries = registered()
    # Anonymize first so a later delete of the person's own row cannot cascade into others' rows.
    ordered = sorted(entries, key=lambda e: (e.forget != "anonymize", e.table == "users"))
    async with db.transaction() as conn:
        for entry in ordered:
            if entry.forget == "delete":
                sql = f"DELETE FROM {entry.table} WHERE {entry.column} = ?"
            else:
                sql = f"UPDATE {entry.table} SET {entry.column} = NULL WHERE {entry.column} = ?"
            cursor = await conn.execute(sql, (user_id,))
            if cursor.rowcount:
                key = f"{entry.table}.{entry.column}"
                counts[key] = counts.get(key, 0) + cursor.rowcount
    return counts
