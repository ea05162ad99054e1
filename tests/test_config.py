"""Bad configuration: one clear line on stderr, exit code 2, no traceback, no token."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456789:AAFakeTokenForTestsOnly_abcdefghijk"


def run_bot(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "WEBHOOK_", "RUN_"))}
    base.update({"DATABASE_URL": f"sqlite:///{tmp_path}/bot.db", "PYTHONPATH": str(ROOT)})
    base.update(env)
    # An empty working directory: no .env of the developer's leaks in.
    return subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env=base,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({}, "BOT_TOKEN: is required"),
        ({"BOT_TOKEN": "not-a-token"}, "BOT_TOKEN: does not look like a bot token"),
        ({"BOT_TOKEN": ""}, "BOT_TOKEN: is required: put the token from @BotFather into .env"),
        ({"BOT_TOKEN": TOKEN, "DEFAULT_LANGUAGE": "de"}, "DEFAULT_LANGUAGE: unknown language 'de'"),
        (
            {"BOT_TOKEN": TOKEN, "DEFAULT_TIMEZONE": "Mars/Base"},
            "DEFAULT_TIMEZONE: unknown time zone",
        ),
        ({"BOT_TOKEN": TOKEN, "RUN_MODE": "webhook"}, "WEBHOOK_URL"),
        (
            {"BOT_TOKEN": TOKEN, "RUN_MODE": "webhook", "WEBHOOK_URL": "https://x.example/tg"},
            "WEBHOOK_SECRET",
        ),
        ({"BOT_TOKEN": TOKEN, "OWNER_IDS": "1,two"}, "OWNER_IDS"),
        ({"BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": "ftp://x"}, "TELEGRAM_API_URL"),
        ({"BOT_TOKEN": TOKEN, "DATABASE_URL": "sqlite:////proc/opora/bot.db"}, "DATABASE_URL"),
        ({"BOT_TOKEN": TOKEN, "DATABASE_URL": "postgres://x"}, "DATABASE_URL"),
    ],
)
def test_bad_configuration_exits_2_with_one_line(
    tmp_path: Path, env: dict[str, str], needle: str
) -> None:
    result = run_bot(tmp_path, **env)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert needle in lines[0]
    assert "Traceback" not in result.stderr
    assert TOKEN not in result.stderr


def test_unwritable_database_directory(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        result = run_bot(tmp_path, BOT_TOKEN=TOKEN, DATABASE_URL=f"sqlite:///{locked}/bot.db")
    finally:
        locked.chmod(0o700)
    assert result.returncode == 2
    assert "not writable" in result.stderr


def test_owner_ids_and_defaults_parse(tmp_path: Path) -> None:
    from bot.config import load_settings

    settings = load_settings(
        env_file=None,
        bot_token=TOKEN,
        owner_ids="1, 2;3",
        database_url=f"sqlite:///{tmp_path}/x.db",
    )
    assert settings.owner_ids == frozenset({1, 2, 3})
    assert settings.default_language == "ru"
    assert settings.run_mode == "polling"
    assert TOKEN not in repr(settings)


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    (tmp_path / "junk.db").write_bytes(b"this is not sqlite" * 100)
    result = run_bot(tmp_path, BOT_TOKEN=TOKEN, DATABASE_URL=f"sqlite:///{tmp_path}/junk.db")
    assert result.returncode == 2
    assert result.stderr.strip().startswith("opora: configuration error: DATABASE_URL: cannot open")
    assert "Traceback" not in result.stderr
