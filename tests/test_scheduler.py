"""Timers: rebuilt from the database after a restart; late ones run once or are skipped."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pytest

from bot.runtime import Runtime
from bot.scheduler import TimerArgs
from bot.services.sender import Sender
from tests.harness import BotUnderTest

GROUP = -1001000000001


async def note(sender: Sender, args: TimerArgs, lateness: float) -> None:
    text = f"note {args['n']}" + (" (late)" if lateness > 1 else "")
    await sender.enqueue(int(args["chat_id"]), text)


def add_note_kind(runtime: Runtime) -> None:
    runtime.scheduler.add_timer_kind("test_note", partial(note, runtime.sender))


@pytest.fixture
async def bot(make_bot: Callable[..., Any]) -> BotUnderTest:
    # Timer kinds belong to one runtime: the test's own is added to each one built (restarts too).
    return await make_bot(prepare=add_note_kind)


def sent_texts(bot: BotUnderTest, chat_id: int) -> list[str]:
    return [
        c.params["text"]
        for c in bot.fake.calls_of("sendMessage")
        if c.ok and c.params["chat_id"] == chat_id
    ]


async def test_timer_fires_when_the_clock_reaches_it(bot: BotUnderTest) -> None:
    bot.fake.add_user(42, "Аня")
    bot.fake.open_private_chat(42)
    await bot.rt.scheduler.add_timer("test_note", {"chat_id": 42, "n": 1}, bot.clock.time() + 3600)
    assert "timer:1" in bot.rt.scheduler.job_ids()
    bot.clock.advance(1800)
    await bot.rt.sender.drain()
    assert sent_texts(bot, 42) == []
    bot.clock.advance(1800)
    await bot.fake.wait_for(lambda: sent_texts(bot, 42) == ["note 1"])


async def test_timers_are_rebuilt_after_restart_and_run_once(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(42, "Аня")
    fake.open_private_chat(42)
    now = bot.clock.time()
    await bot.rt.scheduler.add_timer("test_note", {"chat_id": 42, "n": 1}, now + 600, grace=600)
    await bot.rt.scheduler.add_timer("test_note", {"chat_id": 42, "n": 2}, now + 3000, grace=60)
    await bot.rt.scheduler.add_timer("test_note", {"chat_id": 42, "n": 3}, now + 7200)
    await bot.stop()
    # The bot is down for 50 minutes: timer 1 is 40 min late (grace 10 min) → skipped;
    # timer 2 is due 0 s ago… then within its grace; timer 3 is still ahead.
    bot.clock.advance(3000)
    await bot.start()
    assert "timer:3" in bot.rt.scheduler.job_ids()
    await fake.wait_for(lambda: sent_texts(bot, 42) == ["note 2"])
    statuses = dict(await bot.rt.db.fetchall("SELECT id, status FROM timers"))
    assert statuses == {1: "skipped", 2: "done", 3: "pending"}
    await bot.restart()
    assert "timer:2" not in bot.rt.scheduler.job_ids()
    # To timer 3's moment exactly (the restarts above took real time too).
    bot.clock.advance(now + 7200 - bot.clock.time())
    await fake.wait_for(lambda: sent_texts(bot, 42) == ["note 2", "note 3"])
    await bot.restart()
    await bot.rt.sender.drain()
    assert sent_texts(bot, 42) == ["note 2", "note 3"]


async def test_a_late_timer_within_grace_runs_marked_late(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(42, "Аня")
    fake.open_private_chat(42)
    await bot.rt.scheduler.add_timer("test_note", {"chat_id": 42, "n": 7}, bot.clock.time() + 60)
    await bot.stop()
    bot.clock.advance(300)  # down for 5 minutes, the timer is 4 minutes late
    await bot.start()
    await fake.wait_for(lambda: sent_texts(bot, 42) == ["note 7 (late)"])


async def test_same_timer_key_is_scheduled_once(bot: BotUnderTest) -> None:
    first = await bot.rt.scheduler.add_timer(
        "delete_message",
        {"chat_id": GROUP, "message_id": 5},
        bot.clock.time() + 60,
        dedupe_key="delete:x",
    )
    again = await bot.rt.scheduler.add_timer(
        "delete_message",
        {"chat_id": GROUP, "message_id": 5},
        bot.clock.time() + 60,
        dedupe_key="delete:x",
    )
    assert first is not None and again is None
    await bot.rt.scheduler.cancel_timer("delete:x")
    assert f"timer:{first}" not in bot.rt.scheduler.job_ids()


async def test_a_cancelled_timer_can_be_scheduled_again(bot: BotUnderTest) -> None:
    bot.fake.add_user(42, "Аня")
    bot.fake.open_private_chat(42)
    key = "note:42"
    await bot.rt.scheduler.add_timer(
        "test_note", {"chat_id": 42, "n": 1}, bot.clock.time() + 60, dedupe_key=key, user_id=42
    )
    await bot.rt.scheduler.cancel_timer(key)
    again = await bot.rt.scheduler.add_timer(
        "test_note", {"chat_id": 42, "n": 2}, bot.clock.time() + 120, dedupe_key=key, user_id=42
    )
    assert again is not None
    bot.clock.advance(120)
    await bot.fake.wait_for(lambda: [t[:6] for t in sent_texts(bot, 42)] == ["note 2"])


async def direct_note(runtime: Runtime, args: TimerArgs, lateness: float) -> None:
    await runtime.bot.send_message(int(args["chat_id"]), f"direct {args['n']}")


def add_direct_kind(runtime: Runtime) -> None:
    runtime.scheduler.add_timer_kind(
        "test_direct", partial(direct_note, runtime), calls_telegram=True
    )


async def test_a_timer_that_calls_telegram_holds_no_transaction_and_runs_once(
    make_bot: Callable[..., Any],
) -> None:
    bot = await make_bot(prepare=add_direct_kind)
    fake = bot.fake
    fake.add_user(42, "Аня")
    fake.open_private_chat(42)
    db = bot.rt.db
    await bot.rt.scheduler.add_timer("test_direct", {"chat_id": 42, "n": 1}, bot.clock.time() + 60)
    answer = fake.hold_next("sendMessage")
    bot.clock.advance(60)
    await fake.wait_for(lambda: fake.open_requests("sendMessage") == 1)
    # While Telegram answers, others write; the timer is done only once Telegram has answered.
    async with db.transaction():
        await db.execute("UPDATE timers SET grace = grace WHERE id = 1")
    assert fake.open_requests("sendMessage") == 1
    assert await db.fetchval("SELECT status FROM timers WHERE id = 1") == "pending"
    # A jump of the clock rebuilds the schedule from the database, where it is still pending.
    bot.clock.advance(1)
    rebuilt = bot.rt.scheduler._rebuilding
    assert rebuilt is not None
    await rebuilt  # while Telegram still has not answered
    answer.set()
    await fake.wait_for(lambda: sent_texts(bot, 42) == ["direct 1"])
    await bot.settle()
    assert sent_texts(bot, 42) == ["direct 1"]
    assert await db.fetchval("SELECT status FROM timers WHERE id = 1") == "done"
