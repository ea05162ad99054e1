"""Copies of the database: SQLite's online backup API (a consistent snapshot even while the bot
writes: the data of a WAL database is partly in the -wal file, so copying bot.db is not a backup),
each copy verified with integrity_check; restore under the bot's own one-process lock."""

from __future__ import annotations

import asyncio
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.db import Database
from bot.texts import fold

# Nightly copies are named by their (UTC) time, so the newest is known without opening any and
# retention never touches a file it did not make.
NIGHTLY_PREFIX = "opora-"
_NIGHTLY = re.compile(r"^opora-(\d{8}-\d{6})\.db$")
_STAMP = "%Y%m%d-%H%M%S"


class BackupError(Exception):
    """The copy could not be made or is damaged; the message is one line for the operator."""


@contextmanager
def _open(path: Path, *, must_exist: bool = True) -> Iterator[sqlite3.Connection]:
    if must_exist and not path.is_file():
        raise BackupError(f"{path}: no such database file")
    try:
        conn = sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error as exc:
        raise BackupError(f"{path}: cannot open: {exc}") from None
    conn.execute("PRAGMA busy_timeout=5000")  # beside a live bot's writes
    # The search index is built with this function; checking it needs it too.
    conn.create_function("search_form", 1, _search_form, deterministic=True)
    with closing(conn):
        yield conn


def _search_form(value: Any) -> Any:
    return fold(value) if isinstance(value, str) else value


def integrity_problem(path: Path) -> str | None:
    """None when SQLite finds the file sound, else what it found (first line)."""
    try:
        with _open(path) as conn:
            result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None if result == ["ok"] else "; ".join(result[:3])


def schema_version(path: Path) -> int | None:
    """The newest migration recorded in a database file; None if it is not an Opora database."""
    with _open(path) as conn:
        try:
            row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        except sqlite3.DatabaseError:
            return None
    return int(row[0] or 0)


def copy_database(source: Path, target: Path) -> Path:
    """A verified copy of `source` at `target` (a folder: a timestamped file in it). Written
    beside the target and renamed into place, so a failed copy never leaves a half file."""
    if target.is_dir():
        target = target / f"{NIGHTLY_PREFIX}{datetime.now(UTC).strftime(_STAMP)}.db"
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        with _open(source) as src, _open(partial, must_exist=False) as dst:
            # One step (pages=-1): the whole copy is read in one transaction, one snapshot.
            src.backup(dst)
            # A single self-contained file, not a WAL database that wants its side files.
            dst.execute("PRAGMA journal_mode=DELETE")
        os.chmod(partial, 0o600)  # people's data: for the bot's own user only
        problem = integrity_problem(partial)
        if problem is not None:
            raise BackupError(f"the copy of {source} failed integrity_check: {problem}")
        os.replace(partial, target)
    except sqlite3.Error as exc:
        raise BackupError(f"cannot copy {source}: {exc}") from None
    except OSError as exc:
        raise BackupError(f"cannot write {target}: {exc.strerror}") from None
    finally:
        partial.unlink(missing_ok=True)
    return target


def nightly_path(directory: Path, at: float) -> Path:
    return directory / f"{NIGHTLY_PREFIX}{datetime.fromtimestamp(at, UTC).strftime(_STAMP)}.db"


def nightly_copies(directory: Path) -> list[tuple[float, Path]]:
    """The nightly copies in `directory`, oldest first, with the time each was made."""
    if not directory.is_dir():
        return []
    found = []
    for path in directory.iterdir():
        match = _NIGHTLY.match(path.name)
        if match:
            at = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC).timestamp()
            found.append((at, path))
    return sorted(found)


def prune(directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` nightly copies; other files are never touched."""
    copies = nightly_copies(directory)
    removed = [path for _, path in copies[: max(0, len(copies) - keep)]]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def restore(source: Path, database: Path, *, now: datetime | None = None) -> Path | None:
    """Put a backup in place of the database; the replaced file is kept aside (returned).
    Refused (DatabaseInUse) while a bot runs on the database: its lock is held meanwhile."""
    problem = integrity_problem(source)
    if problem is not None:
        raise BackupError(f"{source} failed integrity_check: {problem}")
    if schema_version(source) is None:
        raise BackupError(f"{source} is not an Opora database (no schema_migrations)")
    stamp = (now or datetime.now(UTC)).strftime(_STAMP)
    with Database(str(database)).exclusive():
        incoming = copy_database(source, database.with_name(f"{database.name}.restoring"))
        aside = None
        if database.exists():
            # Fold a WAL left by a crash into the file first, so the kept copy is complete.
            with _open(database) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            aside = database.with_name(f"{database.name}.before-restore-{stamp}")
            os.replace(database, aside)
        for side in ("-wal", "-shm"):
            Path(f"{database}{side}").unlink(missing_ok=True)
        os.replace(incoming, database)
    return aside


async def migrate_with_backup(
    db: Database, backup_dir: str | None, *, now: datetime | None = None
) -> tuple[list[str], Path | None]:
    """Apply pending migrations; a database that holds data is copied first (into BACKUP_DIR,
    else beside it), so a failed or unwanted upgrade can be undone with `opora restore`."""
    pending = await db.pending_migrations()
    copy = None
    if pending and db.path != ":memory:" and await db.schema_version() > 0:
        source = Path(db.path)
        version = await db.schema_version()
        stamp = (now or datetime.now(UTC)).strftime(_STAMP)
        folder = Path(backup_dir) if backup_dir else source.parent
        name = f"{source.name}.before-migrate-{version:04d}-{stamp}"
        copy = await asyncio.to_thread(copy_database, source, folder / name)
    return await db.migrate(), copy
