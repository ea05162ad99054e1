"""The bot as a process: `python -m bot` against the fake server, signals, webhook, log hygiene.

A real process only where the process is the matter (signals, exit codes, the database lock,
the webhook server); the rest runs the same code in-process, which starts in a fraction of the
time."""

from __future__ import annotations

import asyncio
import io
import logging
import os
import signal
import socket
import sys
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest.mock import patch

import aiohttp

from bot.app import build, run
from bot.config import load_settings
from bot.logs import setup_logging
from tests.fakegram import FakeTelegram
from tests.harness import BotUnderTest, command_update

Process = asyncio.subprocess.Process

ROOT = Path(__file__).resolve().parent.parent


async def spawn_bot(tmp_path: Path, token: str, api_url: str, **env: str) -> Process:
    """`python -m bot` in an empty folder (no developer's .env), configured by `env`."""
    full = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "WEBHOOK_", "RUN_"))}
    full.update(
        BOT_TOKEN=token,
        TELEGRAM_API_URL=api_url,
        DATABASE_URL=f"sqlite:///{tmp_path}/bot.db",
        PYTHONPATH=str(ROOT),
    )
    full.update(env)
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=tmp_path,
        env=full,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def start_process(fake: FakeTelegram, tmp_path: Path, **env: str) -> Process:
    seen = len(fake.calls_of("getMe"))
    # A bound, not a pace: a fresh interpreter importing everything on a busy machine.
    process = await spawn_bot(tmp_path, fake.token, fake.base_url, LOG_LEVEL="DEBUG", **env)
    await fake.wait_for(
        lambda: len(fake.calls_of("getMe")) > seen or process.returncode is not None, timeout=60
    )
    assert process.returncode is None, "the bot died at start-up"
    return process


@contextmanager
def product_logging(
    level: str, secrets: list[str], log_format: str = "text"
) -> Iterator[io.StringIO]:
    """The log as `python -m bot` sets it up (format, token scrubbing, levels), written to a
    buffer instead of stderr; the test's own logging is put back afterwards."""
    root = logging.getLogger()
    quieted = [logging.getLogger(name) for name in ("aiogram.event", "apscheduler", "aiosqlite")]
    saved = root.handlers[:], root.level, [logger.level for logger in quieted]
    buffer = io.StringIO()
    with patch.object(sys, "stderr", buffer):
        setup_logging(level, secrets, log_format)
    try:
        yield buffer
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        for logger, level_before in zip(quieted, saved[2], strict=True):
            logger.setLevel(level_before)


class LogSeen(logging.Handler):
    """Sets `seen` when a record with this message is logged (in the test's own loop)."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message
        self.seen = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage() == self.message:
            self.seen.set()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def stop_process(
    process: asyncio.subprocess.Process, sig: int = signal.SIGTERM
) -> tuple[int, str]:
    process.send_signal(sig)
    _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode is not None
    return process.returncode, stderr.decode()


async def test_sigint_waits_for_a_running_handler(fake: FakeTelegram, tmp_path: Path) -> None:
    process = await start_process(fake, tmp_path)
    fake.add_user(42, "Аня")
    fake.delay_next("sendMessage", 2.0)
    fake.send_message(42, "/help")
    # The handler is waiting on Telegram's (slow) answer when the signal comes.
    await fake.wait_for(lambda: fake.open_requests("sendMessage") == 1)
    code, stderr = await stop_process(process, signal.SIGINT)
    assert code == 0, stderr
    replies = [c for c in fake.calls_of("sendMessage") if c.params["chat_id"] == 42 and c.ok]
    assert len(replies) == 1


async def test_setup_failures_are_logged_not_fatal(
    fake: FakeTelegram, make_bot: Callable[..., Awaitable[BotUnderTest]]
) -> None:
    # In-process: a logged warning, not the process, is the matter here.
    fake.fail_next("setMyCommands", 500, "Internal Server Error", times=100)
    with product_logging("DEBUG", [fake.token]) as log:
        bot = await make_bot()
        fake.add_user(42, "Аня")
        fake.send_message(42, "/help")
        await fake.wait_call("sendMessage", chat_id=42)
        await bot.settle()
        await bot.stop()  # a bot that died of it would raise its error here
    assert "could not set the command menu" in log.getvalue()


async def test_unreachable_api_never_logs_the_token(tmp_path: Path) -> None:
    token = FakeTelegram().token
    settings = load_settings(
        env_file=None,
        bot_token=token,
        telegram_api_url=f"http://127.0.0.1:{free_port()}",
        database_url=f"sqlite:///{tmp_path}/bot.db",
        log_level="DEBUG",
    )
    with product_logging(settings.log_level, [settings.token]) as log:
        retrying = LogSeen("Telegram is unreachable, retrying")
        logging.getLogger().addHandler(retrying)
        runtime = await build(settings)
        running = asyncio.create_task(run(runtime, handle_signals=False))
        await asyncio.wait_for(retrying.seen.wait(), 30)
        runtime.stop()
        await asyncio.wait_for(running, 30)  # stops cleanly while it waits to retry
    stderr = log.getvalue()
    assert "Telegram is unreachable, retrying" in stderr  # it did log the failures…
    assert token.split(":")[1] not in stderr  # …without the token


async def test_webhook_mode(fake: FakeTelegram, tmp_path: Path) -> None:
    port = free_port()
    process = await spawn_bot(
        tmp_path,
        fake.token,
        fake.base_url,
        RUN_MODE="webhook",
        WEBHOOK_URL="https://opora.example/tg/hook",
        WEBHOOK_SECRET="s3cret_value",
        WEBHOOK_HOST="127.0.0.1",
        WEBHOOK_PORT=str(port),
    )
    hook = await fake.wait_call("setWebhook", timeout=60)
    assert hook.params["url"] == "https://opora.example/tg/hook"
    assert hook.params["secret_token"] == "s3cret_value"
    assert "chat_member" in hook.params["allowed_updates"]
    assert not hook.params.get("drop_pending_updates")
    fake.add_user(42, "Аня")
    fake.open_private_chat(42)
    update = command_update(1, 42, "/help")
    url = f"http://127.0.0.1:{port}/tg/hook"
    async with aiohttp.ClientSession() as session:
        for _ in range(100):  # the server may need a moment after setWebhook
            try:
                async with session.post(
                    url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}
                ) as response:
                    assert response.status == 401
                break
            except aiohttp.ClientConnectorError:
                await asyncio.sleep(0.1)
        async with session.post(
            url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret_value"}
        ) as response:
            assert response.status == 200
        await fake.wait_call("sendMessage", chat_id=42)
        # Health and metrics on the webhook's own server, with no HTTP_PORT of their own.
        async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
            body = await response.text()
            assert response.status == 200, body
            assert "updates: ok — webhook server up; last update" in body
        async with session.get(f"http://127.0.0.1:{port}/metrics") as response:
            assert 'opora_updates_total{type="message"} 1.0' in await response.text()
    code, stderr = await stop_process(process)
    assert code == 0, stderr


async def test_a_token_telegram_rejects_exits_2(fake: FakeTelegram, tmp_path: Path) -> None:
    wrong = "123456789:AAWrongTokenWrongTokenWrongToken_xyz"
    process = await spawn_bot(tmp_path, wrong, fake.base_url)
    _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 2
    assert stderr.decode().strip().splitlines()[-1] == (
        "opora: configuration error: BOT_TOKEN was rejected by Telegram"
    )
    assert wrong.split(":")[1] not in stderr.decode()


async def test_a_second_process_is_refused_and_sigterm_stops_the_first_cleanly(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    # One first process serves both matters: each real process costs seconds to start.
    first = await start_process(fake, tmp_path)
    second = await spawn_bot(tmp_path, fake.token, fake.base_url)
    _, stderr = await asyncio.wait_for(second.communicate(), 30)
    assert second.returncode == 2
    lines = stderr.decode().strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("opora: cannot start: ")
    assert f"in use by another Opora process (pid {first.pid})" in lines[0]
    fake.add_user(42, "Аня")
    fake.send_message(42, "/start")
    await fake.wait_call("sendMessage", chat_id=42)  # the first goes on undisturbed
    await fake.wait_for(lambda: len(fake.calls_of("setMyCommands")) >= 9)
    code, stderr_first = await stop_process(first)  # SIGTERM, as systemd and docker stop it
    assert code == 0, stderr_first
    assert fake.token not in stderr_first and fake.token.split(":")[1] not in stderr_first
    assert "Аня" not in stderr_first  # names never reach the log
    # Commands were set for private chats and group admins, in ru and en.
    scopes = {
        (c.params.get("scope", {}).get("type"), c.params.get("language_code"))
        for c in fake.calls_of("setMyCommands")
    }
    assert {
        ("all_private_chats", "ru"),
        ("all_private_chats", "en"),
        ("all_chat_administrators", "ru"),
        ("all_chat_administrators", "en"),
    } <= scopes
