"""Migrations: applied once, in order, each in a transaction; an upgrade keeps every row."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from bot.db import MIGRATIONS_DIR, Database, DatabaseInUse, MigrationError, discover_migrations
from tests.harness import BotUnderTest
from tests.steps import ADMIN, GROUP, community, open_settings
from tests.test_config import run_main


async def test_fresh_database_gets_every_migration_once(tmp_path: Path) -> None:
    db = Database(str(tmp_path / "bot.db"))
    await db.connect()
    applied = await db.migrate()
    assert applied == [f"{m.version:04d}_{m.name}" for m in discover_migrations()]
    assert await db.migrate() == []
    assert await db.fetchval("PRAGMA journal_mode") == "wal"
    assert await db.fetchval("PRAGMA foreign_keys") == 1
    await db.close()


async def test_upgrade_from_first_migration_keeps_data(tmp_path: Path) -> None:
    first_only = tmp_path / "migrations"
    first_only.mkdir()
    first = discover_migrations()[0]
    shutil.copy(first.path, first_only / first.path.name)

    path = str(tmp_path / "bot.db")
    db = Database(path)
    await db.connect()
    await db.migrate(first_only)
    assert await db.schema_version() == 1
    await db.execute(
        "INSERT INTO users (id, first_name, language, timezone, created_at, updated_at)"
        " VALUES (42, 'Аня', 'en', 'Europe/Berlin', 1, 1)"
    )
    await db.execute(
        "INSERT INTO communities (chat_id, title, added_at, language)"
        " VALUES (-100, 'Опора', 1, 'ru')"
    )
    await db.execute(
        "INSERT INTO memberships (chat_id, user_id, status, joined_at)"
        " VALUES (-100, 42, 'member', 1)"
    )
    await db.execute("INSERT INTO moderators (chat_id, user_id, appointed_at) VALUES (-100, 42, 1)")
    await db.close()

    db = Database(path)
    await db.connect()
    applied = await db.migrate()
    assert applied and applied[0].startswith("0002")
    assert await db.schema_version() == discover_migrations()[-1].version
    user = await db.fetchone("SELECT first_name, language, timezone FROM users WHERE id = 42")
    assert tuple(user) == ("Аня", "en", "Europe/Berlin")
    assert await db.fetchval("SELECT title FROM communities WHERE chat_id = -100") == "Опора"
    assert await db.fetchval("SELECT status FROM memberships WHERE user_id = 42") == "member"
    assert await db.fetchval("SELECT COUNT(*) FROM moderators") == 1
    await db.close()


async def test_failing_migration_rolls_back_and_refuses(tmp_path: Path) -> None:
    directory = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, directory)
    (directory / "9999_broken.sql").write_text(
        "CREATE TABLE half_done (id INTEGER);\nINSERT INTO no_such_table VALUES (1);\n"
    )
    db = Database(str(tmp_path / "bot.db"))
    await db.connect()
    with pytest.raises(MigrationError, match="9999_broken"):
        await db.migrate(directory)
    tables = {r[0] for r in await db.fetchall("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half_done" not in tables  # the first statement was rolled back with the second
    assert "users" in tables  # the good migrations before it stay applied
    assert 9999 not in {r[0] for r in await db.fetchall("SELECT version FROM schema_migrations")}
    await db.close()


async def test_transactions_roll_back_and_nest(tmp_path: Path) -> None:
    db = Database(str(tmp_path / "bot.db"))
    await db.connect()
    await db.migrate()
    with pytest.raises(RuntimeError):
        async with db.transaction():
            await db.execute("INSERT INTO processed_updates VALUES (1, 1)")
            async with db.transaction():  # a savepoint in the outer one
                await db.execute("INSERT INTO processed_updates VALUES (2, 1)")
            raise RuntimeError("boom")
    assert await db.fetchval("SELECT COUNT(*) FROM processed_updates") == 0

    async with db.transaction():
        await db.execute("INSERT INTO processed_updates VALUES (3, 1)")
        with pytest.raises(RuntimeError):
            async with db.transaction():  # a savepoint: only this part is undone
                await db.execute("INSERT INTO processed_updates VALUES (4, 1)")
                raise RuntimeError("inner")
    rows = await db.fetchall("SELECT update_id FROM processed_updates")
    assert [r[0] for r in rows] == [3]
    await db.close()


def test_migration_files_are_well_formed() -> None:
    for migration in discover_migrations():
        for statement in migration.statements():
            assert sqlite3.complete_statement(statement + ";")


def test_bot_refuses_to_start_on_a_broken_migration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "bot.db"
    conn = sqlite3.connect(db)
    # A database where someone made a table by hand that migration 0002 creates: it fails.
    conn.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT,"
        " applied_at INTEGER)"
    )
    conn.execute("INSERT INTO schema_migrations VALUES (1, 'core', 0)")
    conn.execute("CREATE TABLE outbox (id INTEGER)")
    conn.commit()
    conn.close()
    # main() in-process, as `python -m bot` runs it (tests/test_config.py proves the process).
    code, stderr = run_main(
        tmp_path,
        monkeypatch,
        capsys,
        BOT_TOKEN="123456789:AAFakeTokenForTestsOnly_abcdefghijk",
        DATABASE_URL=f"sqlite:///{db}",
        TELEGRAM_API_URL="http://127.0.0.1:9",
    )
    assert code == 1
    assert "migration 0002_runtime failed" in stderr
    assert "Traceback" not in stderr


async def test_a_migration_that_rebuilds_a_parent_table_keeps_its_children(tmp_path: Path) -> None:
    directory = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, directory)
    path = str(tmp_path / "bot.db")
    db = Database(path)
    await db.connect()
    await db.migrate(directory)
    await db.execute("INSERT INTO communities (chat_id, title, added_at) VALUES (-100, 'G', 1)")
    await db.execute(
        "INSERT INTO memberships (chat_id, user_id, status, joined_at)"
        " VALUES (-100, 42, 'member', 1)"
    )
    await db.execute(
        "INSERT INTO users (id, current_community_id, created_at, updated_at)"
        " VALUES (42, -100, 1, 1)"
    )
    # The usual SQLite way to change a column: build a new table, copy, drop, rename.
    (directory / "9000_rebuild.sql").write_text(
        "CREATE TABLE communities_new (chat_id INTEGER PRIMARY KEY, title TEXT NOT NULL DEFAULT '',"
        " chat_type TEXT NOT NULL DEFAULT 'supergroup', is_forum INTEGER NOT NULL DEFAULT 0,"
        " language TEXT, timezone TEXT, status TEXT NOT NULL DEFAULT 'active', bot_status TEXT,"
        " added_by INTEGER, added_at INTEGER NOT NULL, left_at INTEGER, motto TEXT);\n"
        "INSERT INTO communities_new SELECT *, NULL FROM communities;\n"
        "DROP TABLE communities;\n"
        "ALTER TABLE communities_new RENAME TO communities;\n"
    )
    await db.migrate(directory)
    assert await db.fetchval("SELECT COUNT(*) FROM memberships") == 1
    assert await db.fetchval("SELECT current_community_id FROM users WHERE id = 42") == -100
    assert await db.fetchval("PRAGMA foreign_keys") == 1
    await db.close()


async def test_a_migration_breaking_foreign_keys_is_rolled_back(tmp_path: Path) -> None:
    directory = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, directory)
    db = Database(str(tmp_path / "bot.db"))
    await db.connect()
    await db.migrate(directory)
    (directory / "9001_orphans.sql").write_text(
        "INSERT INTO memberships (chat_id, user_id, status, joined_at)"
        " VALUES (-5, 1, 'member', 1);\n"
    )
    with pytest.raises(MigrationError, match="broken foreign keys"):
        await db.migrate(directory)
    assert await db.fetchval("SELECT COUNT(*) FROM memberships") == 0
    assert 9001 not in {r[0] for r in await db.fetchall("SELECT version FROM schema_migrations")}
    await db.close()


async def test_readers_never_see_uncommitted_rows(tmp_path: Path) -> None:
    import asyncio

    db = Database(str(tmp_path / "bot.db"))
    await db.connect()
    await db.migrate()
    inside = asyncio.Event()

    async def writer() -> None:
        async with db.transaction():
            await db.execute("INSERT INTO processed_updates VALUES (7, 1)")
            inside.set()
            await asyncio.sleep(0.05)
            raise RuntimeError("rolled back")

    task = asyncio.create_task(writer())
    await inside.wait()
    assert await db.fetchval("SELECT COUNT(*) FROM processed_updates") == 0
    with pytest.raises(RuntimeError):
        await task

    async def spawner() -> None:
        # A task started inside a transaction does not own it.
        async with db.transaction():
            child = asyncio.create_task(db.execute("INSERT INTO processed_updates VALUES (8, 1)"))
            await asyncio.sleep(0.01)
            assert not child.done()  # it waits for the lock instead of joining
        await child

    await spawner()
    assert await db.fetchval("SELECT COUNT(*) FROM processed_updates") == 1
    await db.close()


async def test_one_process_per_database_and_private_files(tmp_path: Path) -> None:
    path = tmp_path / "data" / "bot.db"
    first = Database(str(path))
    await first.connect()
    await first.migrate()
    await first.execute("INSERT INTO processed_updates VALUES (1, 1)")
    second = Database(str(path))
    with pytest.raises(DatabaseInUse, match=f"pid {os.getpid()}"):
        await second.connect()
    # People's data: the folder and every file of the database are the bot's user's only.
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    for name in ("bot.db", "bot.db-wal", "bot.db-shm", "bot.db.lock"):
        assert stat.S_IMODE((path.parent / name).stat().st_mode) == 0o600, name
    await first.close()
    await second.connect()  # free again once the first is closed
    assert await second.fetchval("SELECT COUNT(*) FROM processed_updates") == 1
    await second.close()


async def test_records_follow_the_injected_clock_not_the_wall(bot: BotUnderTest) -> None:
    """Every repo dates its rows by the clock it was given: a test that moves the clock a year
    on sees the rows written then dated a year on (they used to read the wall clock)."""
    bot.clock.advance(365 * 86400)
    later = int(bot.clock.time())
    await community(bot, {22: "Глеб"})
    await open_settings(bot)
    bot.fake.press(ADMIN, chat_id=ADMIN, button_text="Отметки")
    await bot.settle()
    bot.fake.press(ADMIN, chat_id=ADMIN, button_text="Включить отметки")
    await bot.settle()
    db = bot.rt.db
    dated = {
        "users": await db.fetchval("SELECT created_at FROM users WHERE id = 22"),
        "communities": await db.fetchval(
            f"SELECT added_at FROM communities WHERE chat_id = {GROUP}"
        ),
        "settings": await db.fetchval(
            f"SELECT MAX(updated_at) FROM community_settings WHERE chat_id = {GROUP}"
        ),
    }
    for table, when in dated.items():
        assert when is not None and abs(int(when) - later) < 60, (table, when, later)
