"""/healthz, /metrics and JSON logs, as an operator (a Docker healthcheck, Prometheus, a log
collector) sees them: over HTTP from the running bot, parsed with the tools they use."""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.app import build, run
from bot.runtime import Runtime
from tests.fakegram import FakeTelegram
from tests.harness import BotUnderTest
from tests.steps import GROUP
from tests.test_process import free_port, product_logging

MakeBot = Callable[..., Awaitable[BotUnderTest]]


async def get(bot: BotUnderTest, path: str) -> tuple[int, str]:
    url = f"http://127.0.0.1:{bot.rt.settings.http_port}{path}"
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.text()


async def scrape(bot: BotUnderTest) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    status, text = await get(bot, "/metrics")
    assert status == 200
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(
    samples: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str
) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


@contextmanager
def unreadable(path: Path) -> Iterator[None]:
    """The database file can no longer be read at its path. Its mode goes to 000, and since a
    root process reads any file whatever its mode, it is also moved aside (as a deleted or
    misplaced file would be); the bot's own open handle outlives both."""
    aside = path.with_name(path.name + ".aside")
    path.chmod(0)
    path.rename(aside)
    try:
        yield
    finally:
        aside.rename(path)
        path.chmod(0o600)


async def test_healthz_fails_while_the_database_file_is_unreadable(make_bot: MakeBot) -> None:
    bot = await make_bot(http_port=free_port())
    status, body = await get(bot, "/healthz")
    assert status == 200, body
    assert body.splitlines()[0] == "ok"
    assert "updates: ok" in body and "database: ok" in body and "sender: ok" in body

    with unreadable(Path(bot.rt.settings.database_path)):
        status, body = await get(bot, "/healthz")
        assert status == 503
        assert body.splitlines()[0] == "unhealthy"
        assert "database: FAIL" in body and "cannot be read" in body
    status, body = await get(bot, "/healthz")
    assert status == 200, body


@pytest.mark.expect_errors
async def test_healthz_fails_while_the_database_refuses_to_store_updates(
    make_bot: MakeBot,
) -> None:
    bot = await make_bot(http_port=free_port())
    fake = bot.fake
    fake.add_user(42, "Аня")
    await bot.rt.db.execute("PRAGMA query_only = ON")  # a full disk, as tests/test_inbox.py
    fake.send_message(42, "/help")
    await fake.wait_for(lambda: bot.rt.inbox.store_error is not None)
    status, body = await get(bot, "/healthz")
    assert status == 503 and "database: FAIL — cannot store updates" in body
    await bot.rt.db.execute("PRAGMA query_only = OFF")
    await fake.wait_for(lambda: not fake.pending_updates(), timeout=60)
    await bot.settle()
    status, body = await get(bot, "/healthz")
    assert status == 200, body


async def test_healthz_fails_when_no_getupdates_answers_for_two_minutes(
    make_bot: MakeBot,
) -> None:
    bot = await make_bot(http_port=free_port())
    fake = bot.fake
    fake.add_user(42, "Аня")
    fake.send_message(42, "/help")
    await bot.settle()
    bot.clock.advance(200)  # the long poll did not come back meanwhile
    status, body = await get(bot, "/healthz")
    assert status == 503 and "updates: FAIL — no getUpdates answered for 2" in body
    fake.send_message(42, "/help")  # the poll answers again
    await bot.settle()
    status, body = await get(bot, "/healthz")
    assert status == 200, body


async def test_healthz_fails_while_due_messages_wait_and_the_sender_is_stopped(
    make_bot: MakeBot,
) -> None:
    bot = await make_bot(http_port=free_port())
    fake, rt = bot.fake, bot.rt
    fake.add_user(42, "Аня")
    fake.open_private_chat(42)
    await rt.sender.stop()
    await rt.sender.enqueue(42, "Напоминание", at=rt.clock.time() - 1000)
    status, body = await get(bot, "/healthz")
    assert status == 503 and "sender: FAIL — not running" in body
    samples = await scrape(bot)
    assert value(samples, "opora_outbox_pending") == 1
    assert value(samples, "opora_outbox_due") == 1
    assert value(samples, "opora_outbox_oldest_due_age_seconds") == 1000
    rt.sender.start()
    await bot.settle()
    status, body = await get(bot, "/healthz")
    assert status == 200, body
    samples = await scrape(bot)
    assert value(samples, "opora_outbox_pending") == 0
    assert value(samples, "opora_outbox_oldest_due_age_seconds") == 0
    assert value(samples, "opora_messages_sent_total", via="outbox") == 1


async def test_metrics_count_updates_handlers_and_sends(make_bot: MakeBot) -> None:
    bot = await make_bot(http_port=free_port())
    fake = bot.fake
    before = await scrape(bot)
    fake.add_user(42, "Аня")
    fake.send_message(42, "/help")
    await fake.wait_call("sendMessage", chat_id=42)
    await bot.settle()
    await bot.rt.sender.enqueue(42, "Из очереди")
    await bot.settle()
    after = await scrape(bot)

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert moved("opora_updates_total", type="message") == 1
    assert moved("opora_handler_duration_seconds_count", type="message") == 1
    assert moved("opora_messages_sent_total", via="reply") >= 1
    assert moved("opora_messages_sent_total", via="outbox") == 1
    assert moved("opora_telegram_retry_after_total", via="outbox") == 0
    assert value(after, "opora_errors_total", source="handler") == 0
    assert value(after, "opora_timers_overdue") == 0
    assert value(after, "opora_telegram_last_answer_age_seconds") >= 0
    # Every family the operator's dashboards expect is there from the first scrape.
    names = {name for name, _ in before}
    assert {
        "opora_outbox_pending",
        "opora_outbox_due",
        "opora_outbox_oldest_due_age_seconds",
        "opora_timers_overdue",
        "opora_scheduler_lag_seconds_count",
    } <= names


@pytest.mark.expect_errors
async def test_metrics_count_a_failing_handler(make_bot: MakeBot) -> None:
    bot = await make_bot(http_port=free_port())
    fake = bot.fake
    fake.add_user(10, "Admin", username="admin")
    fake.add_user(42, "Аня", username="anya")
    fake.add_group(GROUP, "Group")
    fake.set_member(GROUP, 10, "creator", emit=False)
    fake.add_bot_to_group(GROUP, 10)
    fake.set_member(GROUP, 42, "member", emit=False)
    fake.send_message(42, "hi", chat_id=GROUP)  # the bot now knows @anya
    await bot.settle()
    # A real failure under the running bot (as tests/test_robustness.py), not a mock.
    await bot.rt.db.execute("DROP TABLE moderators")
    fake.send_message(10, "/mod @anya", chat_id=GROUP)
    await bot.settle()
    samples = await scrape(bot)
    assert value(samples, "opora_errors_total", source="handler") == 1
    assert value(samples, "opora_errors_total", source="database") == 0


@pytest.mark.expect_errors
async def test_metrics_count_a_failed_timer_and_the_scheduler_lag(make_bot: MakeBot) -> None:
    async def broken(args: dict[str, Any], lateness: float) -> None:
        raise RuntimeError("a bug in a timer")

    def prepare(runtime: Runtime) -> None:
        runtime.scheduler.add_timer_kind("broken", broken)

    bot = await make_bot(http_port=free_port(), prepare=prepare)
    before = await scrape(bot)
    await bot.rt.scheduler.add_timer("broken", {}, bot.clock.time() + 60)
    bot.clock.advance(61)
    await bot.settle()
    after = await scrape(bot)
    assert value(after, "opora_errors_total", source="timer") == 1
    assert value(after, "opora_errors_total", source="handler") == 0
    lag = "opora_scheduler_lag_seconds_count"
    assert value(after, lag) > value(before, lag)


async def test_two_bots_in_one_process_count_apart(fake: FakeTelegram, tmp_path: Path) -> None:
    first = BotUnderTest(fake, tmp_path / "one.db", http_port=free_port())
    second = BotUnderTest(fake, tmp_path / "two.db", http_port=free_port())
    await first.start()
    try:
        fake.add_user(42, "Аня")
        await first.rt.sender.enqueue(42, "Раз")
        await first.settle()
        await first.stop()
        await second.start()
        samples = await scrape(second)
        assert value(samples, "opora_messages_sent_total", via="outbox") == 0
    finally:
        await first.stop()
        await second.stop()


async def test_json_logs_are_one_object_a_line_without_the_token(
    fake: FakeTelegram, make_bot: MakeBot
) -> None:
    token = fake.token
    with product_logging("DEBUG", [token], "json") as log:
        bot = await make_bot()
        fake.add_user(42, "Аня")
        fake.send_message(42, "/help")
        await fake.wait_call("sendMessage", chat_id=42)
        await bot.settle()
        logger = logging.getLogger("bot.test")
        logger.warning(
            "calling %s", f"https://api.telegram.org/bot{token}/getMe", extra={"url": token}
        )
        try:
            raise RuntimeError(f"request to /bot{token}/getUpdates failed\nsecond line")
        except RuntimeError:
            logger.exception("it failed", extra={"attempt": 2})
        await bot.stop()
    lines = log.getvalue().splitlines()
    assert lines
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    secret = token.split(":")[1]
    assert not [line for line in lines if secret in line]
    for record in records:
        assert {"time", "level", "logger", "message"} <= set(record)
        assert record["time"].endswith("Z")
    started = next(r for r in records if r["message"] == "bot started")
    assert started["logger"] == "bot" and started["level"] == "INFO"
    assert isinstance(started["schema"], int)  # an `extra` field, as in the text format
    calling = next(r for r in records if r["message"].startswith("calling"))
    assert "<token>" in calling["message"] and calling["url"] == "<token>"
    failed = next(r for r in records if r["message"] == "it failed")
    assert failed["attempt"] == 2 and failed["level"] == "ERROR"
    assert "RuntimeError" in failed["exception"] and "<token>" in failed["exception"]


def test_the_settings_read_http_and_log_format(tmp_path: Path) -> None:
    from bot.config import load_settings

    values = {
        "bot_token": FakeTelegram().token,
        "database_url": f"sqlite:///{tmp_path}/bot.db",
    }
    plain = load_settings(env_file=None, **values)
    assert plain.http_port is None and plain.log_format == "text"
    assert plain.http_host == "127.0.0.1"
    env = tmp_path / ".env"
    env.write_text("HTTP_PORT=\nLOG_FORMAT=JSON\n")
    settings = load_settings(env_file=str(env), **values)
    assert settings.http_port is None and settings.log_format == "json"


async def test_a_taken_http_port_stops_the_bot_and_frees_the_database(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        settings = BotUnderTest(fake, tmp_path / "bot.db", http_port=port).settings()
        runtime = await build(settings)
        with pytest.raises(OSError, match="address already in use"):
            await run(runtime, handle_signals=False)
    # Closed on the way out: the next start on the same database is not refused as "in use".
    again = BotUnderTest(fake, tmp_path / "bot.db", http_port=free_port())
    await again.start()
    try:
        status, _ = await get(again, "/healthz")
        assert status == 200
    finally:
        await again.stop()
