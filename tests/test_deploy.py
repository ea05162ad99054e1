"""The deployment files, checked as far as a machine without a Docker engine can.

The image's install steps (deploy/install.sh, which the Dockerfile calls) run for real as a
non-root user in a fresh venv; the Dockerfile, compose.yaml, the systemd unit and the lock files
are checked for what a deployment relies on and for agreeing with each other.
"""

from __future__ import annotations

import configparser
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
NOBODY = 65534


def _dockerfile() -> list[tuple[str, str]]:
    """The Dockerfile as (INSTRUCTION, arguments), continuation lines joined."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def _instr(name: str) -> list[str]:
    return [args for word, args in _dockerfile() if word == name]


def _env() -> dict[str, str]:
    env: dict[str, str] = {}
    for args in _instr("ENV"):
        for pair in shlex.split(args):
            key, _, value = pair.partition("=")
            env[key] = value
    return env


def _scalar(value: str) -> Any:
    value = value.strip()
    if value.startswith("["):
        try:
            return json.loads(value)
        except ValueError:
            return [v.strip() for v in value[1:-1].split(",") if v.strip()]
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _yaml(text: str) -> Any:
    """The block-style subset of YAML compose.yaml is written in (maps, lists, flow lists)."""
    lines = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if stripped and not stripped.startswith("#"):
            lines.append((len(raw) - len(raw.lstrip(" ")), stripped))

    def parse(i: int, indent: int) -> tuple[Any, int]:
        if lines[i][1].startswith("- "):
            items = []
            while i < len(lines) and lines[i][0] == indent and lines[i][1].startswith("- "):
                items.append(_scalar(lines[i][1][2:]))
                i += 1
            return items, i
        mapping: dict[str, Any] = {}
        while i < len(lines) and lines[i][0] == indent:
            key, sep, value = lines[i][1].partition(":")
            assert sep, f"not a mapping line: {lines[i][1]!r}"
            i += 1
            if value.strip():
                mapping[key] = _scalar(value)
            elif i < len(lines) and lines[i][0] > indent:
                mapping[key], i = parse(i, lines[i][0])
            else:
                mapping[key] = None
        return mapping, i

    tree, end = parse(0, 0)
    assert end == len(lines), f"unparsed compose line: {lines[end][1]!r}"
    return tree


def _compose() -> Any:
    text = (ROOT / "compose.yaml").read_text()
    try:
        import yaml  # type: ignore[import-untyped]
    except ImportError:
        return _yaml(text)
    return yaml.safe_load(text)


def _unit() -> configparser.ConfigParser:
    unit = configparser.ConfigParser(interpolation=None, strict=True)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read_string((ROOT / "deploy" / "opora.service").read_text())
    return unit


def _pins(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text()
    return dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", text, re.M))


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_image_is_slim_runs_unprivileged_and_keeps_its_data_in_the_volume() -> None:
    (base,) = _instr("FROM")
    assert re.fullmatch(r"python:3\.1[1-9]-slim(-\w+)?", base), base
    (user,) = _instr("USER")
    assert user not in ("root", "0")
    assert _instr("VOLUME") == ['["/data"]']
    assert _env()["DATABASE_URL"] == "sqlite:////data/bot.db"
    assert _instr("CMD") == ['["opora"]']
    # The dependencies come from the lock, through the same script the test below runs.
    runs = " ".join(_instr("RUN"))
    assert "install.sh deps" in runs and "requirements.lock" in runs
    assert "install.sh app" in runs
    assert "pip install" not in runs, "install steps belong in deploy/install.sh"


def test_the_healthcheck_asks_the_health_endpoint_on_the_published_port() -> None:
    env = _env()
    assert env["HTTP_PORT"] == "8080"
    assert _instr("EXPOSE") == [env["HTTP_PORT"]]
    (check,) = _instr("HEALTHCHECK")
    assert "/healthz" in check and "HTTP_PORT" in check and "'8080'" in check
    # No curl in a slim image: the check is Python's own urllib, which fails on any non-2xx.
    assert "urllib.request.urlopen" in check


def test_compose_runs_the_bot_like_the_image_and_offers_a_local_bot_api() -> None:
    compose = _compose()
    bot = compose["services"]["bot"]
    assert bot["env_file"] in (".env", [".env"])
    assert bot["restart"] == "unless-stopped"
    assert any(str(v).endswith(":/data") for v in bot["volumes"])
    assert bot["environment"]["DATABASE_URL"] == _env()["DATABASE_URL"]
    assert str(bot["environment"]["HTTP_PORT"]) == _env()["HTTP_PORT"]
    # The same probe as the image's HEALTHCHECK, so both report the same thing.
    (check,) = _instr("HEALTHCHECK")
    probe = json.loads(check[check.index("CMD") + 3 :].strip())
    assert bot["healthcheck"]["test"] == ["CMD", *probe]
    api = compose["services"]["telegram-bot-api"]
    assert api["profiles"] == ["local-api"]
    assert api["image"].startswith("aiogram/telegram-bot-api")
    assert {"TELEGRAM_API_ID", "TELEGRAM_API_HASH"} <= set(api["environment"])


def test_the_systemd_unit_runs_the_venv_as_its_own_user_and_can_write_its_database() -> None:
    unit = _unit()
    service = unit["Service"]
    assert service["User"] not in ("root", "0")
    assert service["WorkingDirectory"].startswith("/")
    assert service["EnvironmentFile"].startswith("/")
    assert service["ExecStart"] == service["WorkingDirectory"] + "/.venv/bin/opora"
    assert service["Restart"] == "on-failure"
    # The graceful stop may take SHUTDOWN_TIMEOUT_SECONDS (at most 10 s) and more to close.
    assert int(service["TimeoutStopSec"]) >= 20
    # A read-only system must still leave the database folder (and SQLite's -wal/-shm beside
    # the database) writable: the folder the comment's DATABASE_URL points at.
    assert service["ProtectSystem"] == "strict"
    state = "/var/lib/" + service["StateDirectory"]
    assert state in service["ReadWritePaths"].split()
    text = (ROOT / "deploy" / "opora.service").read_text()
    (db,) = re.findall(r"DATABASE_URL=sqlite:///(\S+)", text)
    assert Path(db).parent == Path(state)
    assert service["NoNewPrivileges"] == "true"
    assert unit["Install"]["WantedBy"] == "multi-user.target"


def test_the_locks_pin_every_dependency_within_its_range_with_hashes() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {_norm(k): v for k, v in _pins("requirements.lock").items()}
    dev = {_norm(k): v for k, v in _pins("requirements-dev.lock").items()}
    # CI tests exactly the versions the image ships.
    assert {k: dev.get(k) for k in runtime} == runtime
    for spec, pins in (
        (project["dependencies"], runtime),
        (project["dependencies"] + project["optional-dependencies"]["dev"], dev),
    ):
        for line in spec:
            req = Requirement(line)
            assert req.specifier.contains(pins[_norm(req.name)]), (req, pins[_norm(req.name)])
    for name in ("requirements.lock", "requirements-dev.lock"):
        text = (ROOT / name).read_text()
        assert "pip-compile" in text.split("\n\n")[0], "the header says how to regenerate it"
        entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 6)[-1])
        for entry in entries:
            if "==" in entry:
                assert "--hash=sha256:" in entry, entry.splitlines()[0]


def test_the_license_file_matches_the_project() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == {"text": "MIT"}
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("MIT License")
    assert "Copyright (c) 2026 the Opora contributors" in text


def _as_unprivileged(workdir: Path) -> tuple[list[str], dict[str, str]]:
    """A command prefix that drops to an unprivileged user, and a clean environment for it."""
    env = {k: v for k, v in os.environ.items() if k.startswith("PIP_") or k in ("LANG", "LC_ALL")}
    env.update(PATH="/usr/local/bin:/usr/bin:/bin", HOME=str(workdir), TMPDIR=str(workdir))
    if os.geteuid() != 0:
        return [], env
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root and no setpriv to drop to an unprivileged user")
    return [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"], env


@pytest.mark.slow
def test_the_image_install_steps_work_unprivileged_in_a_fresh_venv() -> None:
    """The Dockerfile's RUN steps, as an unprivileged user: needs the package index."""
    python = shutil.which("python3")
    assert python is not None
    if sys.version_info[:2] != (3, 11):
        pytest.skip("the lock is compiled for Python 3.11, the image's version")
    # Outside pytest's own temp folder: that one is private to the user running the tests.
    workdir = Path(tempfile.mkdtemp(prefix="opora-image-"))
    try:
        src = workdir / "app"
        shutil.copytree(
            ROOT,
            src,
            ignore=shutil.ignore_patterns(
                ".git",
                ".venv",
                "__pycache__",
                "*.egg-info",
                ".*_cache",
                "tests",
                "bench",
                ".env",
                "*.db",
                "*.db-*",
            ),
        )
        prefix, env = _as_unprivileged(workdir)
        if prefix:
            for path in [workdir, *workdir.rglob("*")]:
                os.chown(path, NOBODY, NOBODY, follow_symlinks=False)
        venv = workdir / "venv"
        install = ["sh", str(src / "deploy" / "install.sh")]
        for step, source in (("deps", src / "requirements.lock"), ("app", src)):
            done = subprocess.run(
                [*prefix, *install, step, str(venv), str(source)],
                env=env,
                cwd=workdir,
                capture_output=True,
                text=True,
                timeout=600,
            )
            assert done.returncode == 0, done.stdout + done.stderr
        opora = venv / "bin" / "opora"
        assert opora.exists()
        assert venv.stat().st_uid == (NOBODY if prefix else os.geteuid())
        # The bot is installed into the venv (texts and migrations inside it), and it starts
        # far enough to read its settings (no token: the one-line refusal, not an import error).
        done = subprocess.run(
            [*prefix, str(venv / "bin" / "python"), "-c", "import bot; print(bot.__file__)"],
            env=env,
            cwd=workdir,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.stdout.strip().startswith(str(venv)), done.stdout + done.stderr
        done = subprocess.run(
            [*prefix, str(opora)],
            env=env,
            cwd=workdir,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 2, done.stdout + done.stderr
        assert "BOT_TOKEN" in done.stderr and "Traceback" not in done.stderr
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
