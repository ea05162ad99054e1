"""The package's own files: start-up refuses a package without its migrations or with a locale
that lacks keys, in one line with exit 2, before it touches the database or Telegram.

In-process through `bot.app.main()`, as tests/test_config.py runs the configuration matrix; the
installed wheel's own refusal runs as a process in tests/test_wheel.py."""

from __future__ import annotations

import re
import shutil
from functools import partial
from pathlib import Path

import pytest

from bot import app
from bot.db import MIGRATIONS_DIR
from bot.i18n import LOCALES_DIR, check_texts
from bot.resources import ResourcesMissing
from tests.test_config import TOKEN, assert_one_line, run_main

ROOT = Path(__file__).resolve().parent.parent


def refused(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    **resources: Path,
) -> str:
    """`main()` with the package's migrations or locales swapped for `resources`: its one line."""
    monkeypatch.setattr(app, "check_resources", partial(app.check_resources, **resources))
    code, stderr = run_main(tmp_path, monkeypatch, capsys, BOT_TOKEN=TOKEN)
    assert_one_line(code, stderr, "opora: cannot start: ")
    # Refused before anything else: no database was created.
    assert not (tmp_path / "bot.db").exists()
    return stderr.strip()


def locales_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, copy)
    return copy


def test_the_checkout_uses_its_own_folders_and_they_are_whole() -> None:
    # Neither an editable install nor `python -m bot` in the checkout has bot/locales or
    # bot/migrations: the repository's folders are the sources.
    assert LOCALES_DIR == ROOT / "locales"
    assert MIGRATIONS_DIR == ROOT / "data" / "migrations"
    app.check_resources()


@pytest.mark.parametrize("folder", ["empty", "absent"])
def test_no_migrations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], folder: str
) -> None:
    migrations = tmp_path / "migrations"
    if folder == "empty":
        migrations.mkdir()
    line = refused(tmp_path, monkeypatch, capsys, migrations=migrations)
    assert line == f"opora: cannot start: no database migrations (*.sql) in {migrations}"


def test_a_locale_missing_a_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    locales = locales_copy(tmp_path)
    main_ftl = locales / "en" / "main.ftl"
    # The message and its continuation lines (indented) go; the rest stays as it was.
    text = re.sub(r"(?m)^start-welcome =.*\n(?:[ \t]+.*\n)*", "", main_ftl.read_text("utf-8"))
    assert "start-welcome" not in text
    main_ftl.write_text(text, encoding="utf-8")
    line = refused(tmp_path, monkeypatch, capsys, locales=locales)
    assert line == f"opora: cannot start: texts in {locales / 'en'} lack 1 key: start-welcome"


def test_a_key_only_the_second_language_has(tmp_path: Path) -> None:
    # Compared both ways: the default language missing a key is as wrong.
    locales = locales_copy(tmp_path)
    (locales / "en" / "extra.ftl").write_text("only-in-english = Only here\n", encoding="utf-8")
    with pytest.raises(ResourcesMissing, match=r"/ru lack 1 key: only-in-english$"):
        check_texts(locales)


def test_a_language_with_no_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    locales = locales_copy(tmp_path)
    shutil.rmtree(locales / "en")
    line = refused(tmp_path, monkeypatch, capsys, locales=locales)
    assert re.fullmatch(
        rf"opora: cannot start: texts in {re.escape(str(locales / 'en'))} lack \d+ keys: .+, …",
        line,
    )


def test_no_locales_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    line = refused(tmp_path, monkeypatch, capsys, locales=tmp_path / "locales")
    assert line == f"opora: cannot start: no texts (*.ftl) in {tmp_path / 'locales'}"
