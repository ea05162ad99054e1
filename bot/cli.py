"""The `opora` command: run the bot (the default), back up, restore, migrate, doctor.

Every failure an operator can cause is one line on stderr and an exit code, never a traceback:
2 for configuration and "refused" (bad settings, database in use or newer than this code),
1 for a command that ran and failed (a damaged copy, a failed migration, a doctor's finding)."""

from __future__ import annotations

import argparse
import asyncio
import errno
import os
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from bot.backup import BackupError, copy_database, migrate_with_backup, restore
from bot.config import ConfigError, load_settings, load_storage_settings
from bot.db import (
    Database,
    DatabaseInUse,
    DatabaseUnavailable,
    MigrationError,
    SchemaTooNew,
    pending_in_file,
    require_migrations,
)
from bot.resources import ResourcesMissing

ENV_FILE_VARIABLE = "OPORA_ENV_FILE"


def package_version() -> str:
    try:
        return version("opora")
    except PackageNotFoundError:  # a plain checkout, not installed
        return "unknown"


def env_file(args: argparse.Namespace) -> str:
    """--env-file, else OPORA_ENV_FILE, else .env in the current folder (which may be absent);
    a file named on purpose must exist."""
    named = getattr(args, "env_file", None) or os.environ.get(ENV_FILE_VARIABLE)
    if not named:
        return ".env"
    if not Path(named).is_file():
        raise ConfigError(f"env file {named} does not exist")
    return str(named)


def _run(args: argparse.Namespace) -> int:
    from bot.app import TokenRejected, serve

    settings = load_settings(env_file(args))
    try:
        serve(settings)
    except TokenRejected:
        raise ConfigError("BOT_TOKEN was rejected by Telegram") from None
    except DatabaseUnavailable as exc:
        if isinstance(exc, DatabaseInUse):
            raise
        raise ConfigError(f"DATABASE_URL: {exc}") from None
    except OSError as exc:
        if exc.errno not in (errno.EADDRINUSE, errno.EACCES, errno.EADDRNOTAVAIL):
            raise
        # The health server's port (or the webhook's) is taken or not ours to open.
        raise ConfigError(f"cannot listen for HTTP: {exc.strerror}") from None
    return 0


def _backup(args: argparse.Namespace) -> int:
    settings = load_storage_settings(env_file(args))
    target = Path(args.path)
    if args.path.endswith(os.sep):  # a folder named as one, made if need be
        target.mkdir(mode=0o700, parents=True, exist_ok=True)
    copy = copy_database(Path(settings.database_path), target)
    print(f"backup written to {copy} (integrity ok)")
    return 0


def _restore(args: argparse.Namespace) -> int:
    settings = load_storage_settings(env_file(args))
    aside = restore(Path(args.path), Path(settings.database_path))
    print(f"restored {settings.database_path} from {args.path}")
    if aside is not None:
        print(f"the replaced database is kept as {aside}")
    return 0


def _migrate(args: argparse.Namespace) -> int:
    settings = load_storage_settings(env_file(args))
    require_migrations()  # an install without them would call any database "up to date"
    if args.check:
        # Read-only and without the lock: asked while the old version still runs (README: Upgrade).
        pending = pending_in_file(settings.database_path)
        for migration in pending:
            print(f"pending: {migration.version:04d}_{migration.name}")
        if not pending:
            print("up to date")
        return 1 if pending else 0

    async def work() -> int:
        db = Database(settings.database_path)
        await db.connect()
        try:
            applied, copy = await migrate_with_backup(db, settings.backup_dir)
            if copy is not None:
                print(f"backup written to {copy}")
            for label in applied:
                print(f"applied: {label}")
            print(f"up to date (schema version {await db.schema_version()})")
            return 0
        finally:
            await db.close()

    return asyncio.run(work())


def _doctor(args: argparse.Namespace) -> int:
    from bot.doctor import diagnose

    try:
        settings = load_settings(env_file(args))
    except ConfigError as exc:
        print(f"FAIL configuration: {exc}")
        return 1
    findings = asyncio.run(diagnose(settings))
    for finding in findings:
        print(finding.line())
    failed = sum(not finding.ok for finding in findings)
    print("everything looks right" if not failed else f"{failed} problem(s) found")
    return 1 if failed else 0


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--env-file",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=f"settings file (default: ${ENV_FILE_VARIABLE}, else .env in the current folder)",
    )
    main = argparse.ArgumentParser(
        prog="opora",
        description="Opora, a Telegram bot for mutual-aid groups. With no command: run the bot.",
        parents=[common],
    )
    main.add_argument("--version", action="version", version=f"opora {package_version()}")
    commands = main.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, action: Callable[[argparse.Namespace], int], text: str) -> Any:
        sub = commands.add_parser(name, parents=[common], help=text, description=text)
        sub.set_defaults(action=action)
        return sub

    command("run", _run, "run the bot (the default)")
    sub = command("backup", _backup, "copy the database, safely while the bot runs")
    sub.add_argument("path", help="file to write, or a folder for a timestamped file")
    sub = command(
        "restore", _restore, "replace the database with a backup (the bot must be stopped)"
    )
    sub.add_argument("path", help="the backup file")
    sub = command("migrate", _migrate, "apply pending database migrations (a backup first)")
    sub.add_argument(
        "--check",
        action="store_true",
        help="only list pending migrations; exit 1 if there are any",
    )
    command("doctor", _doctor, "check the token, the API URL, the database and the texts")
    main.set_defaults(action=_run)
    return main


def main(argv: Sequence[str] | None = None) -> None:
    args = parser().parse_args(argv)
    verb = "start" if args.command in (None, "run") else args.command
    try:
        code = args.action(args)
    except ConfigError as exc:
        code = _fail(f"configuration error: {exc}", 2)
    except (SchemaTooNew, DatabaseInUse) as exc:
        code = _fail(f"cannot {verb}: {exc}", 2)
    except MigrationError as exc:
        code = _fail(f"cannot {verb}: {exc}", 1)
    except DatabaseUnavailable as exc:
        code = _fail(f"configuration error: DATABASE_URL: {exc}", 2)
    except BackupError as exc:
        code = _fail(f"{verb} failed: {exc}", 1)
    except ResourcesMissing as exc:  # an install without its migrations or texts
        code = _fail(f"cannot {verb}: {exc}", 2)
    raise SystemExit(code)


def _fail(message: str, code: int) -> int:
    print(f"opora: {message}", file=sys.stderr)
    return code
