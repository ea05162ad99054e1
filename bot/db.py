"""The one SQLite database: connection, PRAGMAs, migrations and serialized write transactions."""

from __future__ import annotations

import asyncio
import fcntl
import logging
import os
import re
import sqlite3
import time
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from contextlib import asynccontextmanager, closing, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiosqlite

from bot.resources import ResourcesMissing, resource_dir
from bot.texts import fold

log = logging.getLogger(__name__)

MIGRATIONS_DIR = resource_dir("migrations", "data/migrations")
_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

Params = Sequence[Any] | dict[str, Any]


class MigrationError(Exception):
    pass


class SchemaTooNew(MigrationError):
    """The database holds migrations this code does not know: it was run by a newer Opora."""


def _search_form(value: Any) -> Any:
    """SQL search_form(): the one folding of text for search (bot/texts.fold)."""
    return fold(value) if isinstance(value, str) else value


@dataclass
class Rider:
    """Statements that commit with the first write a task makes once armed: an update's
    "handled" mark rides on its handler's own first transaction, so the handler's effect and
    the mark are stored together or not at all."""

    statements: list[tuple[str, Params]]
    task: asyncio.Task[Any] | None = None
    armed: bool = False
    done: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def pending(self) -> bool:
        return self.armed and not self.done and self.task is asyncio.current_task()


_RIDER: ContextVar[Rider | None] = ContextVar("opora_rider", default=None)


@contextmanager
def riding(rider: Rider) -> Iterator[Rider]:
    """Within this block the current task's first armed write carries the rider."""
    rider.task = asyncio.current_task()
    token = _RIDER.set(rider)
    try:
        yield rider
    finally:
        _RIDER.reset(token)


def current_rider() -> Rider | None:
    return _RIDER.get()


class DatabaseUnavailable(Exception):
    """The database file cannot be opened (permissions, not a database, locked)."""


class DatabaseInUse(DatabaseUnavailable):
    """Another process runs on this database: two would both drain the outbox."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path

    def statements(self) -> list[str]:
        """Split into statements so the whole file runs inside our own transaction
        (sqlite3's executescript would COMMIT first)."""
        statements, buffer = [], ""
        for line in self.path.read_text(encoding="utf-8").splitlines(keepends=True):
            buffer += line
            if sqlite3.complete_statement(buffer):
                if buffer.strip(" \n\t;"):
                    statements.append(buffer.strip())
                buffer = ""
        if buffer.strip() and not all(
            part.strip().startswith("--") or not part.strip() for part in buffer.splitlines()
        ):
            raise MigrationError(f"{self.path.name}: incomplete statement at the end of the file")
        return statements


def discover_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    found: list[Migration] = []
    for path in sorted(directory.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            raise MigrationError(f"{path.name}: migration files are named NNNN_name.sql")
        found.append(Migration(int(match.group(1)), match.group(2), path))
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise MigrationError("two migrations share one number")
    return found


def require_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """The migrations, refusing none at all: a package without them would start on an empty
    database and fail on its first query (`no such table`), long after start-up."""
    found = discover_migrations(directory)
    if not found:
        raise ResourcesMissing(f"no database migrations (*.sql) in {directory}")
    return found


def pending_in_file(path: str, directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """What a start would apply to the database at `path`, read without the bot's lock and
    without writing (a running bot's database, or one not created yet)."""
    known = discover_migrations(directory)
    if path == ":memory:" or not Path(path).exists():
        return known
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            applied = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
    except sqlite3.OperationalError as exc:
        if "no such table" not in str(exc):
            raise DatabaseUnavailable(f"cannot read {path}: {exc}") from None
        applied = set()
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnavailable(f"cannot read {path}: {exc}") from None
    return _pending(path, applied, known)


def _pending(path: str, applied: set[int], known: list[Migration]) -> list[Migration]:
    """The known migrations not applied yet; an older checkout must not run on tables it does
    not understand, so a database with versions this code does not know is refused."""
    unknown = sorted(applied - {m.version for m in known})
    if unknown:
        raise SchemaTooNew(
            f"{path} has schema version {max(applied)}, newer than this Opora knows"
            f" ({max((m.version for m in known), default=0)}); upgrade Opora"
            " or restore a backup made for this version"
        )
    return [m for m in known if m.version not in applied]


class Database:
    """One aiosqlite connection. Writes go through `transaction()`, which serializes them with a
    lock and BEGIN IMMEDIATE. A nested `transaction()` in the task that owns the open one is a
    savepoint inside it.

    Reads from other tasks wait for an open transaction to end, so nobody ever sees another
    task's uncommitted rows (one connection would otherwise show them)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._conn: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()
        # The task inside the open transaction. A task, not a contextvar: tasks spawned inside a
        # transaction copy contextvars and would wrongly think they own it.
        self._owner: asyncio.Task[Any] | None = None
        self._depth = 0
        self._lock_fd: int | None = None

    @property
    def conn(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise RuntimeError("database is not connected")
        return self._conn

    async def connect(self) -> None:
        if self.path != ":memory:":
            # People's data: only the bot's own user may read it (new folders and files).
            Path(self.path).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            self._take_lock()
            try:
                os.close(os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600))
            except OSError as exc:
                self._release_lock()
                raise DatabaseUnavailable(f"cannot open {self.path}: {exc.strerror}") from None
        try:
            self._conn = await aiosqlite.connect(self.path, isolation_level=None)
            self._conn.row_factory = sqlite3.Row
            # The search index folds text with the same function the queries use.
            await self._conn.create_function("search_form", 1, _search_form, deterministic=True)
            for pragma in (
                "PRAGMA journal_mode=WAL",
                "PRAGMA foreign_keys=ON",
                "PRAGMA busy_timeout=5000",
                "PRAGMA synchronous=NORMAL",
                # Deleted rows are overwritten, not left in free pages: /forget means it.
                "PRAGMA secure_delete=ON",
            ):
                await self._conn.execute(pragma)
        except (sqlite3.Error, OSError) as exc:
            if self._conn is not None:
                await self._conn.close()
                self._conn = None
            self._release_lock()
            raise DatabaseUnavailable(f"cannot open {self.path}: {exc}") from None

    def _take_lock(self) -> None:
        """One process per database: an exclusive lock on `<db>.lock`, held until close()."""
        lock_path = f"{self.path}.lock"
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise DatabaseUnavailable(f"cannot open {lock_path}: {exc.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.read(fd, 32).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise DatabaseInUse(
                f"{self.path} is in use by another Opora process (pid {holder}); "
                "stop it first, one process per database"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._lock_fd = fd

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """The one-process lock without a connection: replacing the file (restore) under it."""
        self._take_lock()
        try:
            yield
        finally:
            self._release_lock()

    def _release_lock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing drops the lock
            self._lock_fd = None

    async def checkpoint(self) -> None:
        """Fold the WAL into the main file and empty it (after /forget: no old copies left)."""
        async with self._lock:
            await self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    async def close(self) -> None:
        if self._conn is not None:
            async with self._lock:
                try:
                    await self._conn.execute("PRAGMA optimize")
                    # Fold the WAL back into the main file so a copied bot.db is complete.
                    await self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                finally:
                    await self._conn.close()
                    self._conn = None
                    self._release_lock()

    @staticmethod
    def _rider_pending() -> bool:
        rider = _RIDER.get()
        return rider is not None and rider.pending()

    def _owns_transaction(self) -> bool:
        return self._owner is not None and self._owner is asyncio.current_task()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        if self._owns_transaction():
            # Nested: a savepoint, so an inner failure the caller catches undoes only itself.
            self._depth += 1
            name = f"sp{self._depth}"
            await self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield self.conn
            except BaseException:
                await self.conn.execute(f"ROLLBACK TO {name}")
                await self.conn.execute(f"RELEASE {name}")
                raise
            else:
                await self.conn.execute(f"RELEASE {name}")
            finally:
                self._depth -= 1
            return
        async with self._lock:
            self._owner = asyncio.current_task()
            try:
                await self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self.conn
                    rider = _RIDER.get()
                    carried = rider is not None and rider.pending()
                    if rider is not None and carried:
                        for sql, params in rider.statements:
                            await self.conn.execute(sql, params)
                except BaseException:
                    await self.conn.execute("ROLLBACK")
                    raise
                try:
                    await self.conn.execute("COMMIT")
                    if rider is not None and carried:
                        rider.done = True
                except BaseException:
                    if self.conn.in_transaction:
                        await self.conn.execute("ROLLBACK")
                    raise
            finally:
                self._owner = None

    @asynccontextmanager
    async def _reading(self) -> AsyncIterator[aiosqlite.Connection]:
        if self._owns_transaction():
            yield self.conn
            return
        # Everything runs on aiosqlite's one thread anyway, so waiting here costs little.
        async with self._lock:
            yield self.conn

    async def execute(self, sql: str, params: Params = ()) -> int:
        """One write statement, atomic on its own (or part of the caller's transaction);
        returns rowcount."""
        if self._owns_transaction():
            cursor = await self.conn.execute(sql, params)
            return cursor.rowcount
        if self._rider_pending():
            async with self.transaction() as conn:
                cursor = await conn.execute(sql, params)
                return cursor.rowcount
        # Autocommit: one statement is its own transaction, no BEGIN/COMMIT round trips.
        async with self._lock:
            cursor = await self.conn.execute(sql, params)
            return cursor.rowcount

    async def insert(self, sql: str, params: Params = ()) -> int:
        if self._owns_transaction():
            cursor = await self.conn.execute(sql, params)
            return int(cursor.lastrowid or 0)
        if self._rider_pending():
            async with self.transaction() as conn:
                cursor = await conn.execute(sql, params)
                return int(cursor.lastrowid or 0)
        async with self._lock:
            cursor = await self.conn.execute(sql, params)
            return int(cursor.lastrowid or 0)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        async with self.transaction() as conn:
            await conn.executemany(sql, rows)

    async def fetchone(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        async with self._reading() as conn, conn.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        async with self._reading() as conn, conn.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    async def pending_migrations(self, directory: Path = MIGRATIONS_DIR) -> list[Migration]:
        """What migrate() would apply; SchemaTooNew if the database is ahead of this code."""
        await self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)"
        )
        applied = {row[0] for row in await self.fetchall("SELECT version FROM schema_migrations")}
        return _pending(self.path, applied, discover_migrations(directory))

    async def migrate(self, directory: Path = MIGRATIONS_DIR) -> list[str]:
        """Apply every migration not yet recorded, each in its own transaction, in order."""
        done: list[str] = []
        pending = await self.pending_migrations(directory)
        if not pending:
            return done
        # A migration may rebuild a table (create, copy, drop, rename); with foreign keys on, the
        # drop would cascade into child tables. SQLite ignores this PRAGMA inside a transaction,
        # so it is switched off around them, and the keys are checked before each commit.
        await self.conn.execute("PRAGMA foreign_keys=OFF")
        try:
            for migration in pending:
                label = f"{migration.version:04d}_{migration.name}"
                try:
                    async with self.transaction() as conn:
                        for statement in migration.statements():
                            await conn.execute(statement)
                        async with conn.execute("PRAGMA foreign_key_check") as cursor:
                            if await cursor.fetchone() is not None:
                                raise MigrationError(
                                    f"migration {label} left broken foreign keys; rolled back"
                                )
                        await conn.execute(
                            "INSERT INTO schema_migrations (version, name, applied_at)"
                            " VALUES (?, ?, ?)",
                            (migration.version, migration.name, int(time.time())),
                        )
                except sqlite3.Error as exc:
                    raise MigrationError(
                        f"migration {label} failed and was rolled back: {exc}"
                    ) from exc
                log.info("migration applied", extra={"migration": label})
                done.append(label)
        finally:
            await self.conn.execute("PRAGMA foreign_keys=ON")
        return done

    async def schema_version(self) -> int:
        return int(await self.fetchval("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"))
