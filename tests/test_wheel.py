"""The installed package, as an organizer gets it: the wheel built from this checkout, installed
into a fresh venv, `opora` started from `/` against the fake Bot API.

Offline and quick: the wheel is built with the dev venv's setuptools (no build isolation), the
fresh venv gets only the wheel, and its dependencies come from the dev venv through a .pth
file. A .pth entry goes after the venv's own site-packages, so `bot` is the installed one;
the test checks that too (the checkout would hide a wheel without its files)."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import site
import sqlite3
import subprocess
import sys
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.db import discover_migrations
from bot.i18n import Translator
from handlers.commands import command_sets
from tests.fakegram import FakeTelegram
from tests.test_config import OURS

# Builds a wheel and installs it into a fresh venv: run after the main suite (pytest -m slow).
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
# What the build reads; copied aside, since building writes build/ and *.egg-info next to them.
SOURCES = ("pyproject.toml", "README.md", "bot", "handlers", "locales", "data/migrations")


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    site_packages: Path

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"


def run(
    *args: str | Path, cwd: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(
                ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    pip = (sys.executable, "-m", "pip", "--disable-pip-version-check")
    run(*pip, "wheel", "-q", "--no-deps", "--no-build-isolation", "--no-index",
        "-w", base / "dist", source)  # fmt: skip
    (wheel,) = (base / "dist").glob("opora-*.whl")
    target = base / "venv"
    venv.create(target, with_pip=False)
    python = target / "bin" / "python"
    run(*pip, "--python", python, "install", "-q", "--no-deps", "--no-index", wheel)
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))")
    site_packages = Path(purelib.stdout.strip())
    (site_packages / "dev_dependencies.pth").write_text(
        "\n".join(site.getsitepackages()) + "\n", encoding="utf-8"
    )
    return Installed(wheel, target, site_packages)


def clean_env(**env: str) -> dict[str, str]:
    """No developer's settings, no path to the checkout."""
    drop = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
    full = {k: v for k, v in os.environ.items() if not k.startswith(OURS) and k not in drop}
    full.update(env)
    return full


def test_the_wheel_holds_every_module_text_and_migration(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    expected = {
        str(path.relative_to(ROOT))
        for package in ("bot", "handlers")
        for path in (ROOT / package).rglob("*.py")
    }
    expected |= {f"bot/{path.relative_to(ROOT)}" for path in (ROOT / "locales").glob("*/*.ftl")}
    expected |= {f"bot/migrations/{path.name}" for path in (ROOT / "data/migrations").glob("*.sql")}
    assert not expected - names, f"left out of the wheel: {sorted(expected - names)}"


def test_installed_package_finds_its_files_inside_itself(installed: Installed) -> None:
    probe = run(
        installed.python,
        "-c",
        "import bot, bot.i18n, bot.db;"
        " print(bot.__file__); print(bot.i18n.LOCALES_DIR); print(bot.db.MIGRATIONS_DIR)",
        cwd="/",
        env=clean_env(),
    )
    module, locales, migrations = probe.stdout.split()
    assert module == str(installed.site_packages / "bot" / "__init__.py")
    assert locales == str(installed.site_packages / "bot" / "locales")
    assert migrations == str(installed.site_packages / "bot" / "migrations")


async def test_opora_runs_from_root(
    installed: Installed, fake: FakeTelegram, tmp_path: Path
) -> None:
    database = tmp_path / "bot.db"
    process = await asyncio.create_subprocess_exec(
        installed.venv / "bin" / "opora",
        cwd="/",
        env=clean_env(
            BOT_TOKEN=fake.token,
            TELEGRAM_API_URL=fake.base_url,
            DATABASE_URL=f"sqlite:///{database}",
        ),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        # A bound, not a pace: a fresh interpreter importing everything on a busy machine.
        await fake.wait_for(
            lambda: fake.calls_of("getMe") or process.returncode is not None, timeout=60
        )
        assert process.returncode is None, "the bot died at start-up"
        fake.add_user(42, "Аня")
        fake.send_message(42, "/start")
        reply = await fake.wait_call("sendMessage", chat_id=42)
        translator = Translator("ru")
        wanted = list(command_sets(translator))
        await fake.wait_for(lambda: len(fake.calls_of("setMyCommands")) >= len(wanted))
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, stderr.decode()
    # Real text, as the checkout's own texts render it (not the key `start-welcome`).
    assert reply.params["text"].startswith(translator.get("ru", "start-welcome", name="Аня"))
    # The command menu with real descriptions, in every scope and language.
    expected = {
        (c.params.get("scope", {}).get("type"), c.params.get("language_code")): [
            (command["command"], command["description"]) for command in c.params["commands"]
        ]
        for c in fake.calls_of("setMyCommands")
    }
    assert expected == {
        (scope.type, lang): [(c.command, c.description) for c in commands]
        for scope, lang, commands in wanted
    }
    # Every migration applied to the new database, from the package's own copy.
    with sqlite3.connect(database) as conn:
        applied = [row[0] for row in conn.execute("SELECT version FROM schema_migrations")]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert applied == [m.version for m in discover_migrations()]
    assert "timers" in tables


def test_installed_package_without_migrations_refuses(installed: Installed, tmp_path: Path) -> None:
    # The package as the old wheels were: code without its .sql files.
    shadow = tmp_path / "shadow"
    shutil.copytree(installed.site_packages / "bot", shadow / "bot")
    shutil.rmtree(shadow / "bot" / "migrations")
    result = subprocess.run(
        [installed.python, "-m", "bot"],
        cwd="/",
        env=clean_env(
            PYTHONPATH=str(shadow),
            BOT_TOKEN="123456789:AAFakeTokenForTestsOnly_abcdefghijk",
            DATABASE_URL=f"sqlite:///{tmp_path}/bot.db",
        ),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [
        f"opora: cannot start: no database migrations (*.sql) in {shadow}/bot/migrations"
    ]
    assert not (tmp_path / "bot.db").exists()
