"""`opora doctor`: what an operator would check by hand, in plain words. Reads only: it may run
beside a live bot (the database is opened without the bot's lock and never written)."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from fluent.syntax import FluentParser
from fluent.syntax.ast import Junk, Message

from bot.backup import integrity_problem, nightly_copies
from bot.config import SUPPORTED_LANGUAGES, Settings
from bot.db import DatabaseUnavailable, MigrationError, pending_in_file
from bot.i18n import LOCALES_DIR


@dataclass(frozen=True)
class Finding:
    topic: str
    ok: bool
    text: str

    def line(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'} {self.topic}: {self.text}"


async def diagnose(settings: Settings) -> list[Finding]:
    return [
        *await check_telegram(settings),
        *check_database(Path(settings.database_path)),
        *check_backups(settings),
        *check_locales(),
    ]


async def check_telegram(settings: Settings) -> list[Finding]:
    from aiogram.exceptions import (
        TelegramAPIError,
        TelegramNetworkError,
        TelegramUnauthorizedError,
    )

    from bot.app import make_bot

    where = settings.telegram_api_url or "https://api.telegram.org"
    bot = make_bot(settings)
    try:
        me = await bot.get_me()
    except TelegramUnauthorizedError:
        return [
            Finding("api url", True, f"{where} answers"),
            Finding(
                "token",
                False,
                f"{where} rejected BOT_TOKEN (getMe: Unauthorized); "
                "copy the current token from @BotFather",
            ),
        ]
    except TelegramNetworkError as exc:
        return [Finding("api url", False, f"cannot reach {where}: {exc.message}")]
    except TelegramAPIError as exc:
        return [Finding("api url", False, f"{where} is not a working Bot API: {exc.message}")]
    except (OSError, TimeoutError) as exc:
        reason = str(exc) or type(exc).__name__
        return [Finding("api url", False, f"cannot reach {where}: {reason}")]
    finally:
        await bot.session.close()
    return [
        Finding("api url", True, f"{where} answers"),
        Finding("token", True, f"accepted: the bot is @{me.username} (id {me.id})"),
    ]


def check_database(path: Path) -> list[Finding]:
    if str(path) == ":memory:":
        return [Finding("database", True, "in memory (nothing kept between runs)")]
    if not path.exists():
        if os.access(path.parent if path.parent.exists() else Path("."), os.W_OK):
            return [Finding("database", True, f"{path} does not exist yet; the bot creates it")]
        return [Finding("database", False, f"{path} does not exist and its folder is not writable")]
    findings = []
    if not os.access(path, os.R_OK | os.W_OK):
        findings.append(Finding("database", False, f"{path} is not writable by this user"))
    else:
        findings.append(Finding("database", True, f"{path} is writable"))
    findings.append(_schema(path))
    problem = integrity_problem(path)
    findings.append(
        Finding("integrity", True, "integrity_check ok")
        if problem is None
        else Finding("integrity", False, f"{path} is damaged: {problem}; restore a backup")
    )
    return findings


def _schema(path: Path) -> Finding:
    try:
        pending = pending_in_file(str(path))
    except (MigrationError, DatabaseUnavailable) as exc:
        return Finding("schema", False, str(exc))
    if pending:
        return Finding(
            "schema",
            False,
            f"{len(pending)} migration(s) pending (up to {pending[-1].version}):"
            " run `opora migrate` or restart the bot",
        )
    return Finding("schema", True, "up to date")


def check_backups(settings: Settings) -> list[Finding]:
    """BACKUP_DIR usable, and its nightly copies recent (a bot that runs makes one a night)."""
    if not settings.backup_dir:
        return [Finding("backups", True, "BACKUP_DIR is not set: no nightly backups")]
    directory = Path(settings.backup_dir)
    existing = next((p for p in (directory, *directory.parents) if p.exists()), Path("."))
    if not os.access(existing, os.W_OK | os.X_OK):
        return [Finding("backups", False, f"BACKUP_DIR {directory} is not writable by this user")]
    copies = nightly_copies(directory)
    if not copies:
        return [Finding("backups", True, f"no nightly copy in {directory} yet")]
    age = (time.time() - copies[-1][0]) / 86400
    if age > 2:
        return [
            Finding(
                "backups",
                False,
                f"the newest nightly copy in {directory} is {age:.0f} days old:"
                " is the bot running?",
            )
        ]
    return [Finding("backups", True, f"{len(copies)} nightly copies, newest {copies[-1][1].name}")]


def check_locales(directory: Path = LOCALES_DIR) -> list[Finding]:
    """Every language has texts, parses, and has every key the others have."""
    keys: dict[str, set[str]] = {}
    findings = []
    parser = FluentParser()
    for lang in SUPPORTED_LANGUAGES:
        files = sorted((directory / lang).glob("*.ftl"))
        if not files:
            findings.append(Finding("texts", False, f"no texts for {lang!r} in {directory / lang}"))
            continue
        keys[lang] = set()
        for path in files:
            resource = parser.parse(path.read_text(encoding="utf-8"))
            if any(isinstance(entry, Junk) for entry in resource.body):
                findings.append(Finding("texts", False, f"{path} has a syntax error"))
            keys[lang] |= {e.id.name for e in resource.body if isinstance(e, Message)}
    every = set().union(*keys.values()) if keys else set()
    for lang, have in keys.items():
        missing = sorted(every - have)
        if missing:
            shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
            findings.append(
                Finding("texts", False, f"{lang!r} lacks {len(missing)} text(s): {shown}")
            )
    if not findings:
        total = len(every)
        findings.append(Finding("texts", True, f"{', '.join(keys)}: {total} texts each"))
    return findings
