"""Meetings once published: a custom rule in words, the reminders menu, and changes (cancel,
cancel the series, move) confirmed with an optional reason, told to those who answered with
the dates spelled out and an updated calendar file."""

from __future__ import annotations

from datetime import timedelta

from tests.harness import BotUnderTest
from tests.steps import ADMIN, GROUP, open_settings
from tests.test_cv import say, shown, tap
from tests.test_meetings import NOW, STARTS, announcements, set_clock
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


async def test_reminders_are_chosen_from_a_menu(bot: BotUnderTest) -> None:
    fake = bot.fake
    set_clock(bot, NOW)
    await people(bot)
    preview = await schedule_series(bot, "FREQ=WEEKLY;COUNT=2", "пятница 19:00")
    assert "Напоминания: за 1 день, за 1 час" in preview
    menu = await tap(bot, ADMIN, "⏰ Напоминания")
    assert menu.startswith("⏰ Когда напоминать") and menu.endswith("Сейчас: за 1 день, за 1 час.")
    assert [b["text"] for b in fake.buttons(fake.last_message(ADMIN))] == [
        "без напоминаний",
        "за 1 час",
        "за 2 часа",
        "за 1 день",
        "✅ за 1 день, за 1 час",
        "за 1 день, за 2 часа",
        "↩️ Назад",
    ]
    assert "Напоминания: за 2 часа ·" in await tap(bot, ADMIN, "за 2 часа")
    await tap(bot, ADMIN, "⏰ Напоминания")
    assert "✅ за 2 часа" in [b["text"] for b in fake.buttons(fake.last_message(ADMIN))]
    assert "Напоминания: за 2 часа ·" in await tap(bot, ADMIN, "↩️ Назад")
    await tap(bot, ADMIN, "✅ Опубликовать")
    await bot.rt.sender.drain()

    # On the published meeting the host picks another set; the old one no longer comes.
    await say(bot, ADMIN, "/meetings")
    card = await tap(bot, ADMIN, "04.12 19:00 · Круг поддержки")
    assert "⏰ Напоминания: за 2 часа" in card
    await tap(bot, ADMIN, "✏️ Изменить")
    menu = await tap(bot, ADMIN, "⏰ Напоминания")
    assert menu.endswith("Сейчас: за 2 часа.")
    card = await tap(bot, ADMIN, "за 1 час")
    assert "⏰ Напоминания: за 1 час" in card
    set_clock(bot, STARTS - timedelta(hours=2) + timedelta(seconds=5))
    await bot.settle()
    await bot.rt.sender.drain()
    assert not [m for m in fake.messages(GROUP) if "⏰" in shown(m)]
    set_clock(bot, STARTS - timedelta(hours=1) + timedelta(seconds=5))
    await fake.wait_for(lambda: any("⏰" in shown(m) for m in fake.messages(GROUP)))
    await bot.rt.sender.drain()
    reminders = [shown(m) for m in fake.messages(GROUP) if "⏰" in shown(m)]
    assert len(reminders) == 1 and "через 1 час" in reminders[0]
    # A member cannot change them with a forged press.
    occurrence_id = await bot.rt.db.fetchval("SELECT id FROM meeting_occurrences")
    fake.open_private_chat(AUTHOR)
    await say(bot, AUTHOR, "/start")
    query = fake.press(AUTHOR, chat_id=AUTHOR, callback_data=f"mg:remset:{occurrence_id}:0")
    await bot.settle()
    assert fake.callback_answer(query)["show_alert"]
    assert await bot.rt.db.fetchval("SELECT reminders FROM meetings") == "60"


async def test_the_default_reminders_are_chosen_from_a_menu(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    await open_settings(bot)
    await tap(bot, ADMIN, "📅 Встречи")
    menu = await tap(bot, ADMIN, "⏰ Изменить напоминания по умолчанию")
    assert menu.endswith("Сейчас: за 1 день, за 1 час.")
    assert "✅ за 1 день, за 1 час" in [b["text"] for b in fake.buttons(fake.last_message(ADMIN))]
    section = await tap(bot, ADMIN, "без напоминаний")
    assert "Напоминания новой встречи по умолчанию: без напоминаний." in section
    await tap(bot, ADMIN, "⏰ Изменить напоминания по умолчанию")
    assert "✅ без напоминаний" in [b["text"] for b in fake.buttons(fake.last_message(ADMIN))]
    assert "по умолчанию: без напоминаний." in await tap(bot, ADMIN, "‹ Назад")
