"""Bad configuration: one clear line on stderr, exit code 2, no traceback, no token.

The matrix runs `bot.app.main()` in-process (the same code path as `python -m bot`, minus the
interpreter start-up); one case runs the real process to prove the command line end to end."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from bot import app
from bot.config import ConfigError, load_settings

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456789:AAFakeTokenForTestsOnly_abcdefghijk"
NOBODY = 65534
# The prefixes of every setting of ours (and OPORA_ENV_FILE): cleared from the environment so
# a developer's own settings never leak into a test.
OURS = (
    "BOT_",
    "WEBHOOK_",
    "RUN_",
    "DATABASE_",
    "DEFAULT_",
    "OWNER_",
    "TELEGRAM_",
    "LOG_",
    "BACKUP_",
    "OPORA_",
    "HTTP_",
)


def run_main(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    **env: str,
) -> tuple[int, str]:
    """`main()` in an empty working directory (no developer's .env) with only `env` set."""
    for key in list(os.environ):
        if key.startswith(OURS):
            monkeypatch.delenv(key)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/bot.db")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(tmp_path)
    # The process would log to stderr; here the test's own logging stays as it is.
    monkeypatch.setattr(app, "setup_logging", lambda *args: None)
    # `opora` with no arguments, not pytest's own command line.
    monkeypatch.setattr(sys, "argv", ["opora"])
    with pytest.raises(SystemExit) as stopped:
        app.main()
    code = stopped.value.code
    return (code if isinstance(code, int) else 1), capsys.readouterr().err


def assert_one_line(code: int, stderr: str, needle: str) -> None:
    assert code == 2, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert needle in lines[0]
    assert "Traceback" not in stderr
    assert TOKEN not in stderr


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
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    env: dict[str, str],
    needle: str,
) -> None:
    assert_one_line(*run_main(tmp_path, monkeypatch, capsys, **env), needle)


def test_the_process_says_it_in_one_line_too(tmp_path: Path) -> None:
    base = {k: v for k, v in os.environ.items() if not k.startswith(OURS)}
    base.update({"DATABASE_URL": f"sqlite:///{tmp_path}/bot.db", "PYTHONPATH": str(ROOT)})
    base.update(BOT_TOKEN=TOKEN, OWNER_IDS="1,two")
    result = subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env=base,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert_one_line(result.returncode, result.stderr, "OWNER_IDS")


def as_unprivileged(check: Callable[[], None]) -> str:
    """Run `check` as an ordinary user (root writes anywhere): its ConfigError, or ''."""
    if os.geteuid() != 0:
        try:
            check()
        except ConfigError as exc:
            return str(exc)
        return ""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child drops root, checks, reports through the pipe
        message = ""
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            try:
                check()
            except ConfigError as exc:
                message = str(exc)
            os.write(write, message.encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        message = pipe.read().decode()
    os.waitpid(pid, 0)
    return message


def test_unwritable_database_directory() -> None:
    # Outside pytest's private tmp folders, which an ordinary user may not even enter.
    base = Path(tempfile.mkdtemp(prefix="opora-"))
    base.chmod(0o711)
    locked = base / "locked"
    locked.mkdir(mode=0o555)
    try:
        message = as_unprivileged(
            lambda: load_settings(
                env_file=None, bot_token=TOKEN, database_url=f"sqlite:///{locked}/bot.db"
            )
        )
    finally:
        locked.chmod(0o700)
        locked.rmdir()
        base.rmdir()
    assert message == f"DATABASE_URL: directory {locked} is not writable"


def test_owner_ids_and_defaults_parse(tmp_path: Path) -> None:
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


def test_a_file_that_is_not_a_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "junk.db").write_bytes(b"this is not sqlite" * 100)
    code, stderr = run_main(
        tmp_path, monkeypatch, capsys, BOT_TOKEN=TOKEN, DATABASE_URL=f"sqlite:///{tmp_path}/junk.db"
    )
    assert code == 2
    assert stderr.strip().startswith("opora: configuration error: DATABASE_URL: cannot open")
    assert "Traceback" not in stderr
