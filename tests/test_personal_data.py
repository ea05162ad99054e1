"""Every column that can hold a person's Telegram id is covered by /mydata and /forget."""

from __future__ import annotations

import re
from pathlib import Path

from bot.db import Database
from bot.repos import personal

# Column names that hold (or may hold) a Telegram id: every *_id and *_by column must be declared,
# personal or not (chat_id counts: a private chat's id is the person's id).
USER_ID_COLUMN = re.compile(r"^(.*_id|.*_by)$")
# Free-form columns may carry ids too; each must be declared one way or the other.
FREE_FORM = {"payload", "args", "data"}


async def test_schema_walk_finds_every_user_id_column_registered(tmp_path: Path) -> None:
    db = Database(str(tmp_path / "bot.db"))
    await db.connect()
    await db.migrate()
    registered = {(e.table, e.column) for e in personal.registered()}
    declared = set(personal.declared_not_personal())
    missing = []
    tables = [
        r[0]
        for r in await db.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    for table in tables:
        for column in await db.fetchall(f"PRAGMA table_info({table})"):
            name = column["name"]
            looks_personal = (
                USER_ID_COLUMN.match(name)
                or name in FREE_FORM
                or (table == "users" and name == "id")
            )
            if looks_personal and (table, name) not in registered | declared:
                missing.append(f"{table}.{name}")
    await db.close()
    assert not missing, f"register these in bot/repos/personal.py: {missing}"
    # And nothing registered points at a column that does not exist.
    assert all(e.table in tables for e in personal.registered())


def test_registry_is_complete_for_users() -> None:
    assert ("users", "id") in {(e.table, e.column) for e in personal.registered()}
