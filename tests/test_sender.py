"""The sender: Telegram's limits, 429/403/network errors, restarts, and replies never queued."""

from __future__ import annotations

import itertools
from collections import Counter
from typing import Any

import pytest

from bot.services.sender import RateLimiter
from tests.harness import BotUnderTest


@pytest.fixture
async def bot(make_bot: Any) -> BotUnderTest:
    """Telegram's own pacing: one message a second per chat (other tests switch it off)."""
    return await make_bot(sender_chat_interval_seconds=1.0)


def users(bot: BotUnderTest, ids: range, *, start: bool = True) -> None:
    for uid in ids:
        bot.fake.add_user(uid, f"U{uid}")
        if start:
            bot.fake.open_private_chat(uid)


def delivered(bot: BotUnderTest) -> Counter[int]:
    return Counter(c.params["chat_id"] for c in bot.fake.calls_of("sendMessage") if c.ok)


def test_rate_limiter_keeps_per_chat_and_group_limits() -> None:
    limiter = RateLimiter(per_second=25, group_per_minute=20)
    assert limiter.chat_ready_at(5, 100.0) <= 100.0
    limiter.reserve_chat(5, 100.0)
    assert 101.0 <= limiter.chat_ready_at(5, 100.5) < 101.1
    group = -100
    for i in range(20):
        now = 200.0 + i * 1.05
        assert limiter.chat_ready_at(group, now) <= now
        limiter.reserve_chat(group, now)
    # The 21st message in a minute waits until the first leaves the window.
    assert limiter.chat_ready_at(group, 222.0) == pytest.approx(260.0)
    limiter.pause(7, 3.0, 300.0)
    assert limiter.chat_ready_at(8, 300.0) == pytest.approx(303.0)


def test_tidying_a_group_does_not_spend_its_posts() -> None:
    limiter = RateLimiter(per_second=25, group_per_minute=20)
    group = -100
    for i in range(30):  # hints and the commands they answered, going away
        limiter.reserve_chat(group, 200.0 + i * 1.05, posts=False)
    assert limiter.chat_ready_at(group, 232.0) <= 232.0


async def test_fan_out_keeps_telegram_limits(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.rate_limits = True
    users(bot, range(100, 160))
    for uid in range(100, 160):
        await bot.rt.sender.enqueue(uid, f"Напоминание {uid}")
    for _ in range(3):
        await bot.rt.sender.enqueue(100, "ещё одно")
    started = bot.clock.monotonic()
    await bot.rt.sender.drain()
    elapsed = bot.clock.monotonic() - started
    assert fake.count_429 == 0
    assert delivered(bot)[100] == 4 and sum(delivered(bot).values()) == 63
    assert elapsed >= 60 / 25 - 0.3  # ≤ 25 msg/s overall
    to_100 = [c.at for c in fake.calls_of("sendMessage") if c.params["chat_id"] == 100]
    assert all(b - a >= 0.95 for a, b in itertools.pairwise(to_100))


async def test_retry_after_is_honoured_once(bot: BotUnderTest) -> None:
    fake = bot.fake
    users(bot, range(200, 203))
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    started = bot.clock.monotonic()
    for uid in range(200, 203):
        await bot.rt.sender.enqueue(uid, "hi")
    await bot.rt.sender.drain()
    assert bot.clock.monotonic() - started >= 1.0
    assert delivered(bot) == Counter({200: 1, 201: 1, 202: 1})
    assert [c.error_code for c in fake.calls_of("sendMessage")].count(429) == 1


async def test_blocked_user_is_skipped_until_they_write_again(bot: BotUnderTest) -> None:
    fake = bot.fake
    users(bot, range(300, 302))
    fake.block(300)
    await bot.rt.sender.enqueue(300, "first")
    await bot.rt.sender.enqueue(300, "second")
    await bot.rt.sender.enqueue(301, "other")
    await bot.settle()  # the outbox, and the bot's handling of Telegram's "blocked" update
    assert delivered(bot) == Counter({301: 1})
    assert len([c for c in fake.calls_of("sendMessage") if c.params["chat_id"] == 300]) == 1
    assert (await bot.rt.users.get(300)).blocked_at is not None  # type: ignore[union-attr]
    await bot.rt.sender.enqueue(300, "while blocked")
    await bot.rt.sender.drain()
    assert delivered(bot)[300] == 0

    fake.unblock(300)
    fake.send_message(300, "/help")
    await bot.settle()
    assert (await bot.rt.users.get(300)).blocked_at is None  # type: ignore[union-attr]
    await bot.rt.sender.enqueue(300, "welcome back")
    await bot.rt.sender.drain()
    texts = [
        c.params["text"]
        for c in fake.calls_of("sendMessage")
        if c.ok and c.params["chat_id"] == 300
    ]
    assert texts[-1] == "welcome back" and "while blocked" not in texts


async def test_network_errors_are_retried_with_backoff(bot: BotUnderTest) -> None:
    fake = bot.fake
    users(bot, range(400, 401))
    fake.fail_next("sendMessage", 502, "Bad Gateway", times=2)
    await bot.rt.sender.enqueue(400, "eventually")
    await fake.wait_for(lambda: len(fake.calls_of("sendMessage")) == 1)
    await fake.wait_for(lambda: bot.rt.sender.stats["retried"] == 1)
    bot.clock.advance(2)
    bot.rt.sender.wake()
    await fake.wait_for(lambda: bot.rt.sender.stats["retried"] == 2)
    bot.clock.advance(4)
    bot.rt.sender.wake()
    await bot.rt.sender.drain()
    assert delivered(bot)[400] == 1


async def test_refused_at_once_but_a_flaky_telegram_is_outlasted(make_bot: Any) -> None:
    bot: BotUnderTest = await make_bot(sender_max_attempts=2)
    fake = bot.fake
    users(bot, range(500, 501))
    fake.fail_next("sendMessage", 400, "Bad Request: something odd", times=1)
    fake.fail_next("sendMessage", 500, "Internal Server Error", times=5)
    await bot.rt.sender.enqueue(500, "rejected")
    await bot.settle()
    await bot.rt.sender.enqueue(500, "flaky")
    await bot.settle()
    # Five 500s in a row: more than max_attempts, yet Telegram's own failures never use it up.
    for _ in range(8):
        bot.clock.advance(60)
        await bot.settle()
    counts = await bot.rt.outbox.counts()
    assert counts.get("failed") == 1 and counts.get("sent") == 1
    assert [c.params["text"] for c in fake.calls_of("sendMessage") if c.ok] == ["flaky"]


async def test_an_outage_of_any_length_loses_nothing(make_bot: Any) -> None:
    bot: BotUnderTest = await make_bot(sender_rate_per_second=1000)
    fake = bot.fake
    people = range(800, 820)
    users(bot, people)
    # 90 s of 500s, then 40 s of a proxy's HTML 502 page: tried again and again, never dropped.
    fake.fail_next("sendMessage", 500, "Internal Server Error", times=100_000)
    for uid in people:
        await bot.rt.sender.enqueue(uid, f"Напоминание {uid}")
    for _ in range(18):
        await bot.settle()
        bot.clock.advance(5)
    fake.clear_failures("sendMessage")
    fake.fail_next_with_page("sendMessage", 502, times=100_000)
    for _ in range(8):
        await bot.settle()
        bot.clock.advance(5)
    assert delivered(bot) == Counter()
    assert len(fake.calls_of("sendMessage")) > 2 * len(people)  # each was retried meanwhile
    fake.clear_failures("sendMessage")
    for _ in range(12):  # the back-off is capped at five minutes
        bot.clock.advance(30)
        await bot.settle()
    assert delivered(bot) == Counter({uid: 1 for uid in people})
    assert (await bot.rt.outbox.counts()) == {"sent": len(people)}


async def test_a_message_that_expires_during_an_outage_is_given_up(make_bot: Any) -> None:
    bot: BotUnderTest = await make_bot()
    fake = bot.fake
    users(bot, range(830, 832))
    now = bot.clock.time()
    fake.fail_next("sendMessage", 500, "Internal Server Error", times=100_000)
    await bot.rt.sender.enqueue(830, "скоро начнём", expires_at=now + 60)
    await bot.rt.sender.enqueue(831, "позже", at=now + 120, expires_at=now + 100)
    for _ in range(10):
        await bot.settle()
        bot.clock.advance(15)
    fake.clear_failures("sendMessage")
    bot.clock.advance(600)
    await bot.settle()
    rows = dict(await bot.rt.db.fetchall("SELECT chat_id, status FROM outbox"))
    assert rows == {830: "expired", 831: "expired"}
    assert delivered(bot) == Counter()
    assert not [c for c in fake.calls_of("sendMessage") if c.params["chat_id"] == 831]


@pytest.mark.expect_errors
async def test_a_send_the_database_cannot_record_is_never_repeated(bot: BotUnderTest) -> None:
    fake = bot.fake
    users(bot, range(840, 842))
    answer = fake.hold_next("sendMessage")
    await bot.rt.sender.enqueue(840, "один раз")
    await fake.wait_for(lambda: fake.open_requests("sendMessage") == 1)
    # The disk fills (here: the database turns read-only) while Telegram delivers the message.
    await bot.rt.db.execute("PRAGMA query_only = ON")
    answer.set()
    await fake.wait_for(lambda: bot.rt.sender.stats["sent"] == 1)
    for n in range(1, 4):  # rounds go by; the sender only tries to record what it owes
        bot.rt.sender.wake()
        await fake.wait_for(lambda n=n: bot.rt.sender.stats["record_retries"] >= n)
    assert len(fake.calls_of("sendMessage")) == 1
    await bot.rt.db.execute("PRAGMA query_only = OFF")
    await bot.rt.sender.enqueue(841, "после")
    await bot.settle()
    assert delivered(bot) == Counter({840: 1, 841: 1})
    rows = dict(await bot.rt.db.fetchall("SELECT chat_id, status FROM outbox"))
    assert rows == {840: "sent", 841: "sent"}


async def test_restart_neither_loses_nor_repeats(bot: BotUnderTest) -> None:
    fake = bot.fake
    users(bot, range(600, 640))
    for uid in range(600, 640):
        await bot.rt.sender.enqueue(uid, "hello", dedupe_key=f"hello:{uid}")
    await fake.wait_for(lambda: len(delivered(bot)) >= 5)
    await bot.stop()  # mid-fan-out
    first_run = sum(delivered(bot).values())
    assert first_run < 40
    await bot.start()
    # A repeated enqueue with the same key is ignored.
    assert await bot.rt.sender.enqueue(600, "hello", dedupe_key="hello:600") is None
    await bot.rt.sender.drain()
    assert delivered(bot) == Counter({uid: 1 for uid in range(600, 640)})


async def test_direct_reply_is_not_queued_behind_a_broadcast(make_bot: object) -> None:
    bot: BotUnderTest = await make_bot(sender_rate_per_second=5, sender_chat_interval_seconds=1.0)  # type: ignore[operator]
    fake = bot.fake
    users(bot, range(700, 760))
    for uid in range(700, 760):
        await bot.rt.sender.enqueue(uid, "broadcast")
    # The broadcast under way (12 s at 5 a second): a few seconds of it pass.
    await fake.wait_for(lambda: sum(delivered(bot).values()) >= 10)
    fake.add_user(42, "Аня")
    asked = bot.clock.monotonic()
    fake.send_message(42, "/help")
    reply = await fake.wait_call("sendMessage", chat_id=42)
    # Answered at once — no pacing turn passed — while most of the broadcast waits its turn.
    assert reply.at == asked
    calls = fake.calls_of("sendMessage")
    before = [c for c in calls if c.params["chat_id"] != 42 and c.at < reply.at]
    assert len(before) < 30
    assert await bot.rt.outbox.pending_count() > 0
    await bot.settle()
    assert sum(delivered(bot).values()) == 61


@pytest.mark.expect_errors
async def test_a_malformed_message_is_dropped_not_retried_forever(make_bot: object) -> None:
    bot: BotUnderTest = await make_bot(sender_max_attempts=2, sender_chat_interval_seconds=1.0)  # type: ignore[operator]
    users(bot, range(800, 801))
    # No text: aiogram refuses to build the call. Counted as a failed attempt each time.
    await bot.rt.sender.enqueue(800, None)
    await bot.fake.wait_for(lambda: bot.rt.sender.stats["retried"] == 1)
    bot.clock.advance(3)
    bot.rt.sender.wake()
    await bot.rt.sender.drain()
    assert (await bot.rt.outbox.counts()).get("failed") == 1


async def test_blocking_in_telegram_skips_the_queue_at_once(bot: BotUnderTest) -> None:
    fake = bot.fake
    users(bot, range(900, 901))
    await bot.rt.sender.enqueue(900, "later", at=bot.clock.time() + 60)
    fake.block(900)  # Telegram tells the bot with a my_chat_member update
    await bot.settle()
    assert (await bot.rt.outbox.counts()).get("skipped") == 1
    assert (await bot.rt.users.get(900)).blocked_at is not None  # type: ignore[union-attr]


async def test_a_group_that_moved_gets_its_queue_retargeted(bot: BotUnderTest) -> None:
    fake = bot.fake
    old, new = -4000002, -1004000002
    fake.add_user(10, "Admin")
    fake.add_group(old, "Little group", type="group")
    fake.set_member(old, 10, "creator", emit=False)
    fake.add_bot_to_group(old, 10)
    await bot.settle()
    bot.rt.sender.limiter.pause(0, 0.5, bot.clock.monotonic())  # hold the queue a moment
    await bot.rt.sender.enqueue(old, "news")
    fake.migrate_group(old, new)
    await bot.rt.sender.drain()
    sent = [c for c in fake.calls_of("sendMessage") if c.ok and c.params.get("text") == "news"]
    assert [c.params["chat_id"] for c in sent] == [new]
    await bot.settle()
    assert (await bot.rt.communities.get(new)) is not None


async def test_a_post_for_a_deleted_forum_topic_goes_to_the_general_chat(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    group = -1009000000001
    fake.add_user(10, "Admin")
    fake.add_group(group, "Forum", is_forum=True)
    fake.set_member(group, 10, "creator", emit=False)
    fake.add_bot_to_group(group, 10)
    await bot.settle()
    fake.fail_next("sendMessage", 400, "Bad Request: message thread not found")
    await bot.rt.sender.enqueue(group, "into a topic that is gone", thread_id=5)
    await bot.rt.sender.drain()
    post = fake.last_message(group)
    assert post["text"] == "into a topic that is gone" and not post.get("message_thread_id")
