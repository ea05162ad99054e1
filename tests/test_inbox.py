"""Every update is handled, and once: stored before Telegram is told it arrived, run again after
a crash when its handler had not committed, never twice when it had; while the database cannot
write, nothing is confirmed, people are told, and nothing is lost when it can again."""

from __future__ import annotations

import pytest

from tests.harness import BotUnderTest
from tests.steps import ADMIN, GROUP
from tests.test_requests import AUTHOR, people
from tests.test_sanctions import post


async def warnings(bot: BotUnderTest) -> int:
    sql = "SELECT COUNT(*) FROM warnings WHERE user_id = ?"
    return int(await bot.rt.db.fetchval(sql, (AUTHOR,)))


def warned(bot: BotUnderTest) -> list[str]:
    return [m["text"] for m in bot.fake.messages(GROUP) if m["text"].startswith("⚠️")]


async def test_a_handler_killed_mid_way_runs_again_and_applies_once(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    spam = await post(bot, AUTHOR, "Купите курсы!!!")
    await bot.restart()  # no admin list cached: /warn asks Telegram first

    # Killed while the handler waits for Telegram, before it wrote anything.
    answer = fake.hold_next("getChatAdministrators")
    fake.send_message(ADMIN, "/warn реклама", chat_id=GROUP, reply_to_message_id=spam)
    await fake.wait_for(lambda: fake.open_requests("getChatAdministrators") == 1)
    await bot.crash()
    assert not fake.pending_updates()  # Telegram was told it arrived: only we have it now
    answer.set()  # to nobody: the bot that asked is gone
    await bot.start()
    await bot.settle()
    assert await warnings(bot) == 1
    assert len(warned(bot)) == 1 and warned(bot)[0].startswith("⚠️ Вероника, предупреждение 1 из 3")

    # Killed after the warning was written, while the bot was still talking to Telegram: the
    # update is not run again (the mark committed with the warning).
    answer = fake.hold_next("sendMessage")
    fake.send_message(ADMIN, "/warn снова", chat_id=GROUP, reply_to_message_id=spam)
    await fake.wait_for(lambda: fake.open_requests("sendMessage") == 1)
    assert await warnings(bot) == 2
    await bot.crash()
    answer.set()
    await bot.start()
    await bot.settle()
    assert await warnings(bot) == 2
    stored = await bot.rt.db.fetchval("SELECT COUNT(*) FROM inbox")
    assert stored == 0


@pytest.mark.expect_errors
async def test_while_the_database_cannot_write_nothing_is_confirmed_or_lost(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    await people(bot)
    spam = await post(bot, AUTHOR, "Купите курсы!!!")
    # The disk fills: the database refuses writes (here: read-only).
    await bot.rt.db.execute("PRAGMA query_only = ON")
    fake.send_message(AUTHOR, "/mywarns")
    fake.send_message(ADMIN, "/warn реклама", chat_id=GROUP, reply_to_message_id=spam)
    await fake.wait_for(lambda: any("недоступен" in m["text"] for m in fake.messages(AUTHOR)))
    assert len(fake.pending_updates()) == 2  # not confirmed: Telegram keeps them
    told = [m for m in fake.messages(AUTHOR) if "недоступен" in m["text"]]
    assert told[0]["text"].startswith("Бот ненадолго недоступен")
    # Space returns: both are handled, once.
    await bot.rt.db.execute("PRAGMA query_only = OFF")
    await fake.wait_for(lambda: not fake.pending_updates(), timeout=60)
    await bot.settle()
    assert await warnings(bot) == 1
    assert len(warned(bot)) == 1
    # /mywarns got its answer after all, and the notice came once however often it was fetched.
    assert "недоступен" not in fake.last_message(AUTHOR)["text"]
    assert len([m for m in fake.messages(AUTHOR) if "недоступен" in m["text"]]) == 1


async def test_a_handler_the_full_disk_stopped_runs_again_when_it_frees(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    await people(bot)
    spam = await post(bot, AUTHOR, "Купите курсы!!!")
    await bot.restart()
    answer = fake.hold_next("getChatAdministrators")
    fake.send_message(ADMIN, "/warn реклама", chat_id=GROUP, reply_to_message_id=spam)
    await fake.wait_for(lambda: fake.open_requests("getChatAdministrators") == 1)
    # Stored and confirmed; then the disk fills before the handler writes its warning.
    await bot.rt.db.execute("PRAGMA query_only = ON")
    answer.set()
    await fake.wait_for(lambda: any("недоступен" in m["text"] for m in fake.messages(GROUP)))
    assert await bot.rt.db.fetchval("SELECT COUNT(*) FROM inbox") == 1
    await bot.rt.db.execute("PRAGMA query_only = OFF")
    await fake.wait_for(lambda: warned(bot))
    await bot.settle()
    assert await warnings(bot) == 1 and len(warned(bot)) == 1
    assert await bot.rt.db.fetchval("SELECT COUNT(*) FROM inbox") == 0
