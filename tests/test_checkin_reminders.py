"""Check-in reminders at the person's local time, across DST and restarts."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.harness import BotUnderTest


def move_to(bot: BotUnderTest, when: datetime) -> None:
    bot.clock.advance(when.timestamp() - bot.clock.time())


def reminders_sent(bot: BotUnderTest, uid: int) -> list[float]:
    return [
        c.at
        for c in bot.fake.calls_of("sendMessage")
        if c.ok and c.params["chat_id"] == uid and "Отметьтесь" in c.params.get("text", "")
    ]


async def next_at(bot: BotUnderTest, uid: int) -> datetime:
    value = await bot.rt.db.fetchval(
        "SELECT next_at FROM checkin_schedules WHERE user_id = ?", (uid,)
    )
    return datetime.fromtimestamp(value, UTC)


async def choose_daily(bot: BotUnderTest, uid: int, time_text: str) -> None:
    fake = bot.fake
    fake.send_message(uid, "/checkins")
    await bot.settle()
    assert fake.last_message(uid)["text"].startswith("Напоминания выключены.")
    fake.press(uid, chat_id=uid, button_text="каждый день")
    await bot.settle()
    fake.press(uid, chat_id=uid, button_text=time_text)
    await bot.settle()


async def test_daily_reminder_at_local_time_across_dst(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(42, "Аня")
    fake.send_message(42, "/start")
    await bot.settle()
    await bot.rt.users.set_timezone(42, "Europe/Berlin")
    move_to(bot, datetime(2026, 3, 27, 12, 0, tzinfo=UTC))  # Friday; DST starts Sunday 29th
    await choose_daily(bot, 42, "20:00")
    assert fake.last_message(42)["text"] == "Напоминание: каждый день в 20:00 (Берлин (UTC+1))."
    assert await next_at(bot, 42) == datetime(2026, 3, 27, 19, 0, tzinfo=UTC)  # 20:00 CET

    move_to(bot, datetime(2026, 3, 27, 19, 0, 1, tzinfo=UTC))
    await fake.wait_for(lambda: len(reminders_sent(bot, 42)) == 1)
    assert await next_at(bot, 42) == datetime(2026, 3, 28, 19, 0, tzinfo=UTC)
    move_to(bot, datetime(2026, 3, 28, 19, 0, 1, tzinfo=UTC))
    await fake.wait_for(lambda: len(reminders_sent(bot, 42)) == 2)
    # After the change to summer time 20:00 local is 18:00 UTC.
    assert await next_at(bot, 42) == datetime(2026, 3, 29, 18, 0, tzinfo=UTC)
    move_to(bot, datetime(2026, 3, 29, 18, 0, 1, tzinfo=UTC))
    await fake.wait_for(lambda: len(reminders_sent(bot, 42)) == 3)

    # The button under the reminder starts the check-in.
    fake.press(42, chat_id=42, button_text="Ответить")
    await bot.settle()
    assert fake.last_message(42)["text"] == "Шаг 1 из 3\nКак вы сегодня? Выберите, что ближе:"


async def test_no_reminder_after_checking_in_and_none_twice_after_restarts(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    fake.add_user(42, "Аня")
    fake.send_message(42, "/start")
    await bot.settle()
    move_to(bot, datetime(2026, 6, 1, 10, 0, tzinfo=UTC))  # 13:00 in Moscow
    await choose_daily(bot, 42, "18:00")
    assert await next_at(bot, 42) == datetime(2026, 6, 1, 15, 0, tzinfo=UTC)

    # Checked in already today: the reminder is not sent, the next one is planned.
    await bot.rt.checkins.save(42, None, 4, None, ())
    move_to(bot, datetime(2026, 6, 1, 15, 0, 1, tzinfo=UTC))
    planned = datetime(2026, 6, 2, 15, 0, tzinfo=UTC).timestamp()
    await fake.wait_for(
        lambda: bot.rt.db.fetchval(
            "SELECT next_at = ? FROM checkin_schedules WHERE user_id = 42", (planned,)
        )
    )
    await bot.rt.sender.drain()
    assert reminders_sent(bot, 42) == []

    # Down across the next reminder (30 minutes late when back): sent once, late but useful.
    await bot.stop()
    move_to(bot, datetime(2026, 6, 2, 15, 30, tzinfo=UTC))
    await bot.start()
    await fake.wait_for(lambda: len(reminders_sent(bot, 42)) == 1)
    await bot.restart()
    await bot.rt.sender.drain()
    assert len(reminders_sent(bot, 42)) == 1
    assert await next_at(bot, 42) == datetime(2026, 6, 3, 15, 0, tzinfo=UTC)

    # Down for a whole day: the missed reminder is stale and skipped, the next one planned.
    await bot.stop()
    move_to(bot, datetime(2026, 6, 4, 12, 0, tzinfo=UTC))
    await bot.start()
    planned = datetime(2026, 6, 4, 15, 0, tzinfo=UTC).timestamp()
    await fake.wait_for(
        lambda: bot.rt.db.fetchval(
            "SELECT next_at = ? FROM checkin_schedules WHERE user_id = 42", (planned,)
        )
    )
    await bot.rt.sender.drain()
    assert len(reminders_sent(bot, 42)) == 1


async def test_weekly_reminder_and_turning_off(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(44, "Bob", language_code="en")
    fake.send_message(44, "/start")
    await bot.settle()
    move_to(bot, datetime(2026, 6, 1, 10, 0, tzinfo=UTC))  # a Monday
    fake.send_message(44, "/checkins")
    await bot.settle()
    fake.press(44, chat_id=44, button_text="once a week")
    await bot.settle()
    fake.press(44, chat_id=44, button_text="Friday")
    await bot.settle()
    fake.press(44, chat_id=44, button_text="Other time")
    await bot.settle()
    fake.send_message(44, "25:00")
    await bot.settle()
    assert fake.last_message(44)["text"].startswith("I did not understand the time")
    fake.send_message(44, "19.30")
    await bot.settle()
    assert (
        fake.last_message(44)["text"]
        == "Reminder: once a week, on Friday at 19:30 (Moscow (UTC+3))."
    )
    assert await next_at(bot, 44) == datetime(2026, 6, 5, 16, 30, tzinfo=UTC)
    friday = int(datetime(2026, 6, 5, 16, 30, tzinfo=UTC).timestamp())
    assert f"checkin:{friday}" in bot.rt.scheduler.job_ids()  # one job per moment
    fake.send_message(44, "/checkins")
    await bot.settle()
    fake.press(44, chat_id=44, button_text="Turn off")
    await bot.settle()
    assert fake.last_message(44)["text"] == "Reminders are off."
    # The moment's job may still fire (for others); it finds nobody due and sends nothing.
    move_to(bot, datetime(2026, 6, 5, 16, 30, 1, tzinfo=UTC))
    await fake.wait_for(lambda: f"checkin:{friday}" not in bot.rt.scheduler.job_ids())
    await bot.rt.sender.drain()
    assert not [c for c in fake.calls_of("sendMessage") if "Check in" in c.params.get("text", "")]


async def test_snooze_and_vacation(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(42, "Аня")
    fake.send_message(42, "/start")
    await bot.settle()
    move_to(bot, datetime(2026, 6, 1, 10, 0, tzinfo=UTC))
    await choose_daily(bot, 42, "18:00")
    move_to(bot, datetime(2026, 6, 1, 15, 0, 1, tzinfo=UTC))
    await fake.wait_for(lambda: len(reminders_sent(bot, 42)) == 1)
    await bot.settle()
    fake.press(42, chat_id=42, button_text="Через час")
    await bot.settle()
    assert fake.calls_of("answerCallbackQuery")[-1].params["text"] == "Хорошо, спрошу через час."
    move_to(bot, datetime(2026, 6, 1, 16, 0, 2, tzinfo=UTC))
    await fake.wait_for(lambda: len(reminders_sent(bot, 42)) == 2)
    await bot.settle()
    # "Tomorrow": the daily reminder asks tomorrow anyway, nothing extra is planned.
    fake.press(42, chat_id=42, button_text="Завтра")
    await bot.settle()
    assert fake.calls_of("answerCallbackQuery")[-1].params["text"] == "Хорошо, спрошу завтра."

    fake.send_message(42, "/checkins")
    await bot.settle()
    fake.press(42, chat_id=42, button_text="Пауза")
    await bot.settle()
    fake.press(42, chat_id=42, button_text="на неделю")
    await bot.settle()
    paused = fake.last_message(42)["text"].replace("\u202f", " ")
    assert paused == "Напоминания на паузе до 8 июня 2026 г."
    move_to(bot, datetime(2026, 6, 2, 15, 0, 1, tzinfo=UTC))
    planned = datetime(2026, 6, 3, 15, 0, tzinfo=UTC).timestamp()
    await fake.wait_for(
        lambda: bot.rt.db.fetchval(
            "SELECT next_at = ? FROM checkin_schedules WHERE user_id = 42", (planned,)
        )
    )
    await bot.rt.sender.drain()
    assert len(reminders_sent(bot, 42)) == 2  # on vacation: nothing sent

    fake.send_message(42, "/checkins")
    await bot.settle()
    assert "на паузе до 8 июня 2026" in fake.last_message(42)["text"].replace("\u202f", " ")
    fake.press(42, chat_id=42, button_text="Снять паузу")
    await bot.settle()
    assert fake.last_message(42)["text"] == "Пауза снята, напоминания снова приходят."
    move_to(bot, datetime(2026, 6, 3, 15, 0, 1, tzinfo=UTC))
    await fake.wait_for(lambda: len(reminders_sent(bot, 42)) == 3)


async def test_reminders_skip_a_person_who_blocked_the_bot_and_resume_on_return(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    fake.add_user(42, "Аня")
    fake.send_message(42, "/start")
    await bot.settle()
    move_to(bot, datetime(2026, 6, 1, 10, 0, tzinfo=UTC))
    await choose_daily(bot, 42, "18:00")

    fake.block(42)
    await bot.settle()
    move_to(bot, datetime(2026, 6, 1, 15, 0, 1, tzinfo=UTC))
    planned = datetime(2026, 6, 2, 15, 0, tzinfo=UTC).timestamp()
    await fake.wait_for(
        lambda: bot.rt.db.fetchval(
            "SELECT next_at = ? FROM checkin_schedules WHERE user_id = 42", (planned,)
        )
    )
    await bot.rt.sender.drain()
    # Not even tried: no 403 spent on someone who said no.
    tried = [c for c in fake.calls_of("sendMessage") if c.params["chat_id"] == 42]
    assert not [c for c in tried if "Отметьтесь" in c.params.get("text", "")]

    fake.send_message(42, "/start")  # back: writing again unblocks
    await bot.settle()
    move_to(bot, datetime(2026, 6, 2, 15, 0, 1, tzinfo=UTC))
    await fake.wait_for(lambda: len(reminders_sent(bot, 42)) == 1)
