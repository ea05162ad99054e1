"""Direct replies are never dropped: they wait out Telegram's flood waits (nothing is sent to a
chat inside its retry_after), retry a flaky Telegram, and go to the outbox when that takes too
long."""

from __future__ import annotations

from typing import Any

from tests.harness import BotUnderTest
from tests.steps import GROUP
from tests.test_requests import AUTHOR, people

CROWD = range(778001, 778007)


async def test_people_at_once_in_a_busy_group_all_get_an_answer(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    for uid in CROWD:
        fake.add_user(uid, f"Гость {uid % 100}")
        fake.set_member(GROUP, uid, "member", emit=False)
    # Telegram's limit for one group, made quicker: 3 messages in 6 s (a wait longer than a
    # reply used to be held for).
    fake.rate_limits = True
    fake.rate_group_per_window = 3
    fake.rate_group_window = 6.0
    before = len(fake.messages(GROUP))
    for uid in CROWD:
        fake.send_message(uid, "/rules", chat_id=GROUP)
    await bot.settle(timeout=60)
    answers = [m for m in fake.messages(GROUP)[before:] if m["text"].startswith("В «Опора»")]
    assert len(answers) == len(CROWD)
    # Once Telegram said "retry after", nothing more went to the group until that time passed.
    calls = [c for c in fake.calls_of("sendMessage") if c.params["chat_id"] == GROUP]
    floods = [c for c in calls if c.error_code == 429]
    assert floods, "the test must provoke flood waits"
    for flood in floods:
        retry_after = int(flood.description.rsplit(" ", 1)[1])
        inside = [c for c in calls if flood.at + 0.2 < c.at < flood.at + retry_after - 0.2]
        assert not inside, (flood.at, [c.at for c in inside])


async def test_a_flaky_telegram_is_retried_and_a_long_outage_goes_to_the_outbox(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    fake.add_user(42, "Аня")
    fake.fail_next("sendMessage", 502, "Bad Gateway", times=2)
    fake.send_message(42, "/help")
    await bot.settle()
    assert fake.last_message(42)["text"].startswith("Что я умею") or fake.messages(42)
    assert len([c for c in fake.calls_of("sendMessage") if c.ok]) == 1

    # Longer than a reply may wait: it goes to the outbox and arrives once Telegram is back.
    bot.rt.replies.budget = 1.0
    fake.fail_next("sendMessage", 500, "Internal Server Error", times=100_000)
    fake.send_message(42, "/help")
    await bot.settle()
    assert await bot.rt.outbox.pending_count() == 1
    fake.clear_failures("sendMessage")
    bot.clock.advance(60)
    await bot.settle()
    assert len([c for c in fake.calls_of("sendMessage") if c.ok]) == 2
    assert fake.messages(42)[-1]["text"] == fake.messages(42)[-2]["text"]


async def test_the_sender_counts_replies_in_a_chat_before_its_next_message(make_bot: Any) -> None:
    bot: BotUnderTest = await make_bot(sender_chat_interval_seconds=1.0)
    fake = bot.fake
    await people(bot)
    fake.send_message(AUTHOR, "/rules", chat_id=GROUP)
    await bot.settle(outbox=False)
    reply = fake.calls_of("sendMessage")[-1]
    await bot.rt.sender.enqueue(GROUP, "новость для группы")
    await bot.settle()
    post = fake.calls_of("sendMessage")[-1]
    assert post.params["text"] == "новость для группы"
    assert post.at - reply.at >= 0.95  # one message a second in a chat, the reply included
