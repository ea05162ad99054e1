"""Meetings once published: a custom rule in words, the reminders menu, and changes (cancel,
cancel the series, move) confirmed with an optional reason, told to those who answered with
the dates spelled out and an updated calendar file."""

from __future__ import annotations

from tests.harness import BotUnderTest
from tests.steps import ADMIN, GROUP
from tests.test_cv import say, shown, tap
from tests.test_meetings import NOW, announcements, set_clock
from tests.test_requests import AUTHOR, people


async def schedule_series(bot: BotUnderTest, rule: str, when: str = "вторник 19:00") -> str:
    """ADMIN schedules an online meeting that follows `rule`; the preview's text."""
    await say(bot, ADMIN, f"/start meet{GROUP}")
    await say(bot, ADMIN, "Круг поддержки")
    await tap(bot, ADMIN, "Круг поддержки")
    await say(bot, ADMIN, when)
    await tap(bot, ADMIN, "1 ч")
    await say(bot, ADMIN, "https://meet.example.org/circle")
    await say(bot, ADMIN, "/skip")
    await say(bot, ADMIN, "/skip")
    await tap(bot, ADMIN, "⚙️ Своё правило (RRULE)")
    return await say(bot, ADMIN, rule)


async def test_a_custom_rule_is_shown_in_words(bot: BotUnderTest) -> None:
    set_clock(bot, NOW)
    await people(bot)
    preview = await schedule_series(bot, "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=6", "четверг 19:00")
    assert "🔁 по понедельникам и четвергам, 6 раз" in preview
    assert "FREQ=" not in preview
    await tap(bot, ADMIN, "✅ Опубликовать")
    await bot.rt.sender.drain()
    post = shown(announcements(bot)[-1])
    assert "🔁 по понедельникам и четвергам, 6 раз" in post and "FREQ=" not in post
    # In English for a person who reads English.
    bot.fake.open_private_chat(AUTHOR)
    await say(bot, AUTHOR, "/lang")
    await tap(bot, AUTHOR, "English")
    await say(bot, AUTHOR, "/meetings")
    card = await tap(bot, AUTHOR, "03.12 19:00 · Круг поддержки")
    assert "🔁 every Monday and Thursday, 6 times" in card
