"""The `opora` command line: help and version with no configuration, --env-file, backup while the
bot writes, restore under the bot's lock, migrate and its automatic backup, the refusal of a
database newer than the code, doctor against the fake Bot API, nightly backups with retention.

In-process (bot.cli.main) wherever the process is not the point; commands that run their own
event loop (doctor, a backup beside a live bot) run in a thread, so the fake server and the
bot keep running on the test's loop."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot import cli
from bot.backup import nightly_copies
from bot.db import MIGRATIONS_DIR, Database
from tests.fakegram import FakeTelegram
from tests.harness import BotUnderTest, migrated_database
from tests.test_config import OURS, ROOT, TOKEN


@pytest.fixture
def clean_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder and none of our settings in the environment."""
    for key in list(os.environ):
        if key.startswith(OURS):
            monkeypatch.delenv(key)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def opora(*argv: str) -> int:
    with pytest.raises(SystemExit) as stopped:
        cli.main(list(argv))
    code = stopped.value.code
    return code if isinstance(code, int) else 1


def count(path: Path, sql: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def files(folder: Path, pattern: str) -> list[Path]:
    return sorted(folder.glob(pattern))


def exists(path: Path) -> bool:
    return path.exists()


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def versions(path: Path) -> int:
    return count(path, "SELECT MAX(version) FROM schema_migrations")


async def partly_migrated(path: Path, upto: int) -> None:
    """A database as an older Opora left it: migrations 1..upto applied, with a row of data."""
    older = path.parent / "older-migrations"
    older.mkdir()
    for migration in sorted(MIGRATIONS_DIR.glob("*.sql"))[:upto]:
        shutil.copy(migration, older)
    db = Database(str(path))
    await db.connect()
    try:
        await db.migrate(older)
        await db.execute(
            "INSERT INTO users (id, first_name, created_at, updated_at) VALUES (42, 'Аня', 0, 0)"
        )
    finally:
        await db.close()


# --- help, version, env files ---


def test_help_and_version_need_no_configuration(
    clean_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert opora("--help") == 0
    out = capsys.readouterr().out
    for command in ("run", "backup", "restore", "migrate", "doctor", "--env-file"):
        assert command in out
    assert opora("--version") == 0
    assert capsys.readouterr().out.startswith("opora ")
    assert opora("backup", "--help") == 0


def test_the_installed_command_answers_help_from_anywhere(clean_env: Path) -> None:
    # The process is the point: `python -m bot --help` in an empty folder with no settings.
    env = {k: v for k, v in os.environ.items() if not k.startswith(OURS)}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--help"],
        cwd=clean_env,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "usage: opora" in result.stdout
    assert result.stderr == ""


def test_env_file_is_read_from_the_path_given(
    clean_env: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings = tmp_path / "etc" / "opora.env"
    settings.parent.mkdir()
    settings.write_text("BOT_TOKEN=not-a-token\n", encoding="utf-8")
    # run reads the named file: its (bad) token is the one complained about.
    assert opora("run", "--env-file", str(settings)) == 2
    assert capsys.readouterr().err.strip() == (
        "opora: configuration error: BOT_TOKEN: does not look like a bot token"
        " (expected <digits>:<35 characters>)"
    )
    # OPORA_ENV_FILE says the same, for `opora` alone.
    monkeypatch.setenv("OPORA_ENV_FILE", str(settings))
    assert opora() == 2
    assert "BOT_TOKEN: does not look like a bot token" in capsys.readouterr().err
    # A file named on purpose that is not there is a configuration error, not silence.
    assert opora("--env-file", str(tmp_path / "missing.env")) == 2
    err = capsys.readouterr().err
    assert (
        err == f"opora: configuration error: env file {tmp_path / 'missing.env'} does not exist\n"
    )


# --- backup and restore ---


async def test_backup_while_a_writer_commits_is_complete_and_sound(
    clean_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bot.db"
    await migrated_database(path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    db = Database(str(path))  # the live bot's connection, holding its lock
    await db.connect()
    await db.execute("CREATE TABLE probe (n INTEGER NOT NULL)")
    # Enough data that the copy takes a while, all of it in the WAL (no checkpoint yet).
    await db.executemany("INSERT INTO probe (n) VALUES (?)", [(-i,) for i in range(1, 20001)])
    committed = 0
    stop, writing = asyncio.Event(), asyncio.Event()

    async def writer() -> None:
        nonlocal committed
        while not stop.is_set():
            await db.execute("INSERT INTO probe (n) VALUES (?)", (committed,))
            committed += 1
            if committed == 50:
                writing.set()
            await asyncio.sleep(0)

    task = asyncio.create_task(writer())
    await writing.wait()
    before = committed
    copy = tmp_path / "copy.db"
    try:
        code = await asyncio.to_thread(opora, "backup", str(copy))
        during = committed
    finally:
        stop.set()
        await task
        await db.close()
    assert code == 0
    assert during > before  # the writer kept committing while the copy was made
    assert integrity(copy) == "ok"
    assert count(copy, "SELECT COUNT(*) FROM probe WHERE n < 0") == 20000
    # Every row committed before the backup started, in order, none half-written.
    held = count(copy, "SELECT COUNT(*) FROM probe WHERE n >= 0")
    assert held >= before
    assert count(copy, "SELECT MAX(n) FROM probe") == held - 1
    assert versions(copy) == versions(path)
    # One self-contained file, for the bot's own user only.
    assert files(tmp_path, "copy.db*") == [copy]
    assert mode(copy) == 0o600


async def test_restore_is_refused_while_the_bot_runs_and_keeps_the_replaced_file(
    clean_env: Path,
    make_bot: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert callable(make_bot)
    bot: BotUnderTest = await make_bot()
    path = bot.db_path
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    await bot.rt.db.execute(
        "INSERT INTO users (id, first_name, created_at, updated_at) VALUES (1, 'до', 0, 0)"
    )
    backups = tmp_path / "backups"
    # A folder named as one (trailing slash) is made, and the copy gets a timestamped name in it.
    assert await asyncio.to_thread(opora, "backup", f"{backups}/") == 0
    (copy,) = files(backups, "*")
    assert copy.name.startswith("opora-")
    await bot.rt.db.execute(
        "INSERT INTO users (id, first_name, created_at, updated_at) VALUES (2, 'после', 0, 0)"
    )
    capsys.readouterr()

    assert await asyncio.to_thread(opora, "restore", str(copy)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is in use by another Opora process" in err
    # Migrating is refused too, but checking is not: it reads, the running bot keeps its lock.
    assert await asyncio.to_thread(opora, "migrate") == 2
    assert "is in use by another Opora process" in capsys.readouterr().err
    assert await asyncio.to_thread(opora, "migrate", "--check") == 0
    assert capsys.readouterr().out == "up to date\n"
    assert not list(files(tmp_path, "bot.db.before-restore-*"))

    await bot.stop()
    assert await asyncio.to_thread(opora, "restore", str(copy)) == 0
    (aside,) = files(tmp_path, "bot.db.before-restore-*")
    assert count(aside, "SELECT COUNT(*) FROM users") == 2  # the replaced data, complete
    assert count(path, "SELECT COUNT(*) FROM users") == 1
    assert integrity(path) == "ok"
    await bot.start()  # and the bot runs on the restored database
    assert await bot.rt.db.fetchval("SELECT first_name FROM users WHERE id = 1") == "до"


def test_restore_checks_the_source_first(
    clean_env: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "bot.db"
    path.write_bytes(b"")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    assert opora("restore", str(junk)) == 1
    assert capsys.readouterr().err.startswith(f"opora: restore failed: {junk} failed integrity")
    assert opora("restore", str(tmp_path / "nothing.db")) == 1
    assert "no such database file" in capsys.readouterr().err
    assert not list(files(tmp_path, "bot.db.before-restore-*"))


# --- migrate ---


async def test_migrate_check_lists_pending_and_migrate_backs_up_first(
    clean_env: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "bot.db"
    await partly_migrated(path, 20)
    total = len(list(MIGRATIONS_DIR.glob("*.sql")))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")

    assert await asyncio.to_thread(opora, "migrate", "--check") == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == total - 20 and out[0].startswith("pending: 0021_")
    assert versions(path) == 20  # a check changes nothing

    assert await asyncio.to_thread(opora, "migrate") == 0
    out = capsys.readouterr().out
    (copy,) = files(tmp_path, "bot.db.before-migrate-0020-*")
    assert f"backup written to {copy}" in out
    assert versions(copy) == 20 and integrity(copy) == "ok"
    assert count(copy, "SELECT COUNT(*) FROM users") == 1
    assert versions(path) == total

    assert await asyncio.to_thread(opora, "migrate", "--check") == 0
    assert "up to date" in capsys.readouterr().out


async def test_a_new_database_is_migrated_without_a_backup_and_backups_go_to_backup_dir(
    clean_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "data" / "bot.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("BACKUP_DIR", str(tmp_path / "backups"))
    assert await asyncio.to_thread(opora, "migrate", "--check") == 1
    assert not exists(path)  # a check creates nothing
    assert await asyncio.to_thread(opora, "migrate") == 0
    assert sorted(p.name for p in path.parent.iterdir()) == ["bot.db", "bot.db.lock"]
    assert not (tmp_path / "backups").exists()

    older = tmp_path / "older" / "bot.db"
    older.parent.mkdir()
    await partly_migrated(older, 25)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{older}")
    assert await asyncio.to_thread(opora, "migrate") == 0
    (copy,) = files(tmp_path / "backups", "bot.db.before-migrate-0025-*")
    assert versions(copy) == 25


def test_a_database_newer_than_the_code_is_refused(
    clean_env: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "bot.db"
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
        " applied_at INTEGER NOT NULL)"
    )
    conn.execute("INSERT INTO schema_migrations VALUES (9999, 'from_the_future', 0)")
    conn.commit()
    conn.close()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_API_URL", "http://127.0.0.1:9")
    monkeypatch.setattr("bot.app.setup_logging", lambda *args: None)
    for argv, verb in ((["migrate"], "migrate"), (["run"], "start"), ([], "start")):
        assert opora(*argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1, err
        assert err.startswith(f"opora: cannot {verb}: {path} has schema version 9999, newer")
    assert opora("migrate", "--check") == 2
    assert versions(path) == 9999
    assert not list(files(tmp_path, "*before-migrate*"))


# --- doctor ---


async def test_doctor_with_a_good_and_a_bad_token(
    clean_env: Path,
    fake: FakeTelegram,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "bot.db"
    await migrated_database(path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("TELEGRAM_API_URL", fake.base_url)
    monkeypatch.setenv("BOT_TOKEN", fake.token)
    assert await asyncio.to_thread(opora, "doctor") == 0
    out = capsys.readouterr().out
    assert "FAIL" not in out
    assert "ok   token: accepted: the bot is @" in out
    assert "ok   schema: up to date" in out
    assert "ok   integrity: integrity_check ok" in out
    assert "ok   texts: ru, en:" in out

    wrong = fake.token.split(":")[0] + ":" + "B" * 35
    monkeypatch.setenv("BOT_TOKEN", wrong)
    conn = sqlite3.connect(path)
    conn.execute(
        "DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)"
    )
    conn.commit()
    conn.close()
    assert await asyncio.to_thread(opora, "doctor") == 1
    out = capsys.readouterr().out
    assert f"FAIL token: {fake.base_url} rejected BOT_TOKEN" in out
    assert "FAIL schema: 1 migration(s) pending" in out
    assert out.rstrip().endswith("2 problem(s) found")
    assert wrong not in out

    monkeypatch.setenv("TELEGRAM_API_URL", "http://127.0.0.1:9")
    assert await asyncio.to_thread(opora, "doctor") == 1
    assert "FAIL api url: cannot reach http://127.0.0.1:9" in capsys.readouterr().out


# --- nightly backups ---


async def test_nightly_backups_keep_the_newest_and_survive_a_restart(
    make_bot: object, tmp_path: Path
) -> None:
    assert callable(make_bot)
    backups = tmp_path / "backups"
    bot: BotUnderTest = await make_bot(backup_dir=str(backups), backup_keep=2)
    await bot.settle()
    # The first copy at once (an operator who just set BACKUP_DIR sees it work), then nightly.
    assert len(nightly_copies(backups)) == 1
    for night in range(1, 4):
        bot.clock.advance(86400)
        await bot.settle()
        assert len(nightly_copies(backups)) == 2
        await bot.rt.db.execute(
            "INSERT INTO users (id, first_name, created_at, updated_at) VALUES (?, 'x', 0, 0)",
            (night,),
        )
    kept = nightly_copies(backups)
    newest = kept[-1][1]
    assert integrity(newest) == "ok"
    assert count(newest, "SELECT COUNT(*) FROM users") == 2  # made before night 3's row
    assert all(at > bot.clock.time() - 2 * 86400 for at, _ in kept)

    # Down over a night: the missed copy is made at start-up, not a day late.
    await bot.stop()
    bot.clock.advance(2 * 86400)
    await bot.start()
    await bot.settle()
    kept = nightly_copies(backups)
    assert len(kept) == 2
    assert count(kept[-1][1], "SELECT COUNT(*) FROM users") == 3
    # And not repeated by another restart the same day.
    await bot.restart()
    await bot.settle()
    assert nightly_copies(backups) == kept


def test_a_taken_http_port_is_one_line_and_exit_2(
    clean_env: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The health server listens before anything asks Telegram: no Bot API needed here.
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'bot.db'}")
        monkeypatch.setenv("TELEGRAM_API_URL", f"http://127.0.0.1:{port}")
        monkeypatch.setenv("BOT_TOKEN", "123456:" + "A" * 35)
        monkeypatch.setenv("HTTP_PORT", str(port))
        assert opora("run") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("opora: configuration error: cannot listen for HTTP:"), err
