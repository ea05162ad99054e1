"""Meetings once published: a custom rule in words, the reminders menu, and changes (cancel,
cancel the series, move) confirmed with an optional reason, told to those who answered with
the dates spelled out and an updated calendar file."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from dateutil.rrule import rruleset, rrulestr
from icalendar import Calendar

from tests.harness import BotUnderTest
from tests.steps import ADMIN, GROUP, open_settings
from tests.test_cv import say, shown, tap
from tests.test_meetings import NOW, STARTS, announcements, answer, schedule, set_clock
from tests.test_requests import AUTHOR, HELPER, OTHER, people

TIMES = ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE")


def valid_ics(content: bytes) -> Calendar:
    """RFC 5545 as a calendar reads it: CRLF line ends, lines folded at 75 octets, every
    content line NAME[;PARAM=…]:value, text escaped, DTSTAMP in UTC, every time either in UTC
    or with a TZID that the file defines."""
    assert content.endswith(b"\r\n") and b"\n" not in content.replace(b"\r\n", b"")
    physical = content.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in physical), max(physical, key=len)
    unfolded = re.sub(r"\r\n[ \t]", "", content.decode()).split("\r\n")[:-1]
    zones: set[str] = set()
    inside: list[str] = []
    for line in unfolded:
        head, _, value = line.partition(":")
        assert re.fullmatch(r"[A-Z-]+(;[A-Z-]+=[^;:]+)*", head), line
        name = head.split(";")[0]
        if name in ("BEGIN", "END"):
            inside = [*inside, value] if name == "BEGIN" else inside[:-1]
        if inside[-1:] != ["VEVENT"]:
            continue  # a VTIMEZONE's own times are local by definition
        if name == "DTSTAMP":
            assert value.endswith("Z"), line
        if name in TIMES:
            tzid = re.search(r";TZID=([^;:]+)", head)
            if tzid:
                zones.add(tzid[1])
            else:
                assert all(v.endswith("Z") for v in value.split(",")), line
        if name in ("SUMMARY", "DESCRIPTION", "LOCATION"):
            assert not re.search(r"(?<!\\)[,;]", value.replace("\\\\", "")), line
    calendar = Calendar.from_ical(content)
    assert str(calendar["VERSION"]) == "2.0" and "PRODID" in calendar and "METHOD" in calendar
    assert zones <= {str(z["TZID"]) for z in calendar.walk("VTIMEZONE")}
    for event in calendar.walk("VEVENT"):
        assert {"UID", "DTSTAMP", "DTSTART", "SEQUENCE", "SUMMARY"} <= set(event)
    return calendar


def last_file(bot: BotUnderTest, uid: int) -> tuple[dict, Calendar]:
    document = bot.fake.documents(uid)[-1]
    assert document["mime_type"] == "text/calendar" and document["file_name"].endswith(".ics")
    return document, valid_ics(document["content"])


def event_of(calendar: Calendar) -> dict:
    return calendar.walk("VEVENT")[0]


async def schedule_series(
    bot: BotUnderTest, rule: str, when: str = "вторник 19:00", title: str = "Круг поддержки"
) -> str:
    """ADMIN schedules an online meeting that follows `rule`; the preview's text."""
    await say(bot, ADMIN, f"/start meet{GROUP}")
    await say(bot, ADMIN, title)
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


async def open_card(bot: BotUnderTest, label: str) -> str:
    await say(bot, ADMIN, "/meetings")
    return await tap(bot, ADMIN, label)


async def test_a_cancel_is_confirmed_with_a_reason_and_reaches_calendars(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    set_clock(bot, NOW)
    await people(bot)
    for uid in (AUTHOR, HELPER, OTHER):
        fake.open_private_chat(uid)
    await schedule(bot, capacity="1")
    await answer(bot, AUTHOR, "✅ Иду")
    await answer(bot, HELPER, "🤔 Может быть")
    await answer(bot, OTHER, "✅ Иду")  # no seat left: the waitlist
    await bot.rt.sender.drain()
    _, first = last_file(bot, AUTHOR)
    uid = str(event_of(first)["UID"])
    assert uid.endswith(f"@{bot.rt.bot.id}.opora")  # unique to this bot
    sequence = int(event_of(first)["SEQUENCE"])

    # "Cancel" asks first; "Do not cancel" leaves everything as it was.
    await open_card(bot, "04.12 19:00 · Разбор резюме <вживую>")
    asked = await tap(bot, ADMIN, "❌ Отменить")
    assert asked.startswith(
        "❌ Отменить встречу «Разбор резюме <вживую>»?\n🕖 пятница, 4 декабря 2026, 19:00 MSK"
    )
    assert "Сообщение получат 3 человека из ответивших" in asked
    assert (await tap(bot, ADMIN, "↩️ Не отменять")).startswith("📅 Разбор резюме")
    assert await bot.rt.db.fetchval("SELECT status FROM meeting_occurrences") == "scheduled"

    # A reason typed (and kept across a restart), then "Yes".
    await tap(bot, ADMIN, "❌ Отменить")
    with_reason = await say(bot, ADMIN, "Ведущий   заболел <увы>")
    assert "💬 Причина: Ведущий заболел <увы>" in with_reason
    assert await bot.rt.db.fetchval("SELECT status FROM meeting_occurrences") == "scheduled"
    await bot.restart()
    assert (await tap(bot, ADMIN, "❌ Да, отменить")).startswith("❌ Отменена\n📅 Разбор резюме")
    assert fake.messages(ADMIN)[-2]["text"] == "Отменено. Все, кто ответил, получат сообщение."
    await bot.rt.sender.drain()

    # Going and maybe: the words and the cancellation for their calendar; the waitlist: words.
    for person in (AUTHOR, HELPER):
        document, calendar = last_file(bot, person)
        assert document["caption"] == (
            "❌ Встреча «Разбор резюме <вживую>» отменена.\n"
            "🕖 пятница, 4 декабря 2026, 19:00 MSK\n"
            "💬 Причина: Ведущий заболел <увы>\n"
            "📆 Откройте файл — встреча уйдёт из календаря."
        )
        event = event_of(calendar)
        assert str(calendar["METHOD"]) == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
        assert str(event["UID"]) == uid and int(event["SEQUENCE"]) > sequence
        assert event.decoded("dtstart") == STARTS
    waiting = fake.last_message(OTHER)
    assert waiting["text"].startswith("❌ Встреча «Разбор резюме <вживую>» отменена.")
    assert "Ведущий заболел <увы>" in waiting["text"]
    assert fake.documents(OTHER) == []
    # The group: the announcement says so, and a note under it tells those who did not answer.
    await fake.wait_for(lambda: announcements(bot)[-1]["text"].startswith("❌ Отменена"))
    post = announcements(bot)[-1]
    assert "💬 Причина: Ведущий заболел <увы>" in post["text"]
    note = fake.last_message(GROUP)
    assert note["text"].startswith("❌ Встреча «Разбор резюме <вживую>» отменена.")
    assert note["reply_to_message"]["message_id"] == post["message_id"]
    assert fake.buttons(post) == []  # nothing to answer any more


async def test_a_move_is_confirmed_and_told_with_dates_people_read(bot: BotUnderTest) -> None:
    fake = bot.fake
    set_clock(bot, NOW)
    await people(bot)
    for uid in (AUTHOR, HELPER):
        fake.open_private_chat(uid)
    await say(bot, HELPER, "/lang")
    await tap(bot, HELPER, "English")
    await schedule(bot)
    await answer(bot, AUTHOR, "✅ Иду")
    await answer(bot, HELPER, "✅ Иду")
    await bot.rt.sender.drain()
    _, first = last_file(bot, AUTHOR)

    await open_card(bot, "04.12 19:00 · Разбор резюме <вживую>")
    await tap(bot, ADMIN, "↪️ Перенести")
    asked = await say(bot, ADMIN, "суббота 18:00")
    assert "Было: пятница, 4 декабря 2026, 19:00 MSK" in asked
    assert "Станет: суббота, 5 декабря 2026, 18:00 MSK" in asked
    assert (await tap(bot, ADMIN, "📅 Другая дата")).startswith("На когда перенести?")
    asked = await say(bot, ADMIN, "воскресенье 12:00")
    assert "Станет: воскресенье, 6 декабря 2026, 12:00 MSK" in asked
    assert await bot.rt.db.fetchval("SELECT local_start FROM meeting_occurrences") == (
        "2026-12-04 19:00"
    )
    await tap(bot, ADMIN, "↪️ Да, перенести")
    done = fake.messages(ADMIN)[-2]["text"]
    assert done.startswith("Перенесено: воскресенье, 6 декабря 2026, 12:00 MSK.")
    assert "2026-12-06" not in done
    await bot.rt.sender.drain()

    document, calendar = last_file(bot, AUTHOR)
    assert document["caption"] == (
        "↪️ Встреча «Разбор резюме <вживую>» перенесена.\n"
        "🕖 Теперь: воскресенье, 6 декабря 2026, 12:00 MSK\n"
        "Было: пятница, 4 декабря 2026, 19:00 MSK\n"
        "📆 Откройте файл — встреча обновится в календаре."
    )
    event = event_of(calendar)
    assert str(calendar["METHOD"]) == "PUBLISH" and "STATUS" not in event
    assert event.decoded("dtstart") == datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
    assert str(event["UID"]) == str(event_of(first)["UID"])
    assert int(event["SEQUENCE"]) > int(event_of(first)["SEQUENCE"])
    english, _ = last_file(bot, HELPER)  # in the person's own language
    assert english["caption"].startswith(
        '↪️ "Разбор резюме <вживую>" has moved.\n🕖 Now: Sunday, 6 December 2026, 12:00 MSK'
    )
    note = fake.last_message(GROUP)
    assert note["text"].startswith("↪️ Встреча «Разбор резюме <вживую>» перенесена.")
    await fake.wait_for(lambda: "воскресенье, 6 декабря" in announcements(bot)[-1]["text"])
    # A member's forged "yes" changes nothing.
    occurrence_id = await bot.rt.db.fetchval("SELECT id FROM meeting_occurrences")
    query = fake.press(AUTHOR, chat_id=AUTHOR, callback_data=f"mg:confirm:{occurrence_id}:0")
    await bot.settle()
    assert fake.callback_answer(query)["show_alert"]


async def test_a_series_goes_to_calendars_once_and_its_changes_follow(bot: BotUnderTest) -> None:
    fake = bot.fake
    title = "Круг; поддержки, и всё \\ тут — очень длинное название, чтобы строка переносилась"
    set_clock(bot, NOW)  # Tuesday 1 December, 13:00 in Moscow
    await people(bot)
    fake.open_private_chat(AUTHOR)
    await schedule_series(bot, "FREQ=WEEKLY;BYDAY=TU;COUNT=4", title=title)
    await tap(bot, ADMIN, "✅ Опубликовать")
    await bot.rt.sender.drain()
    await answer(bot, AUTHOR, "✅ Иду")
    await bot.rt.sender.drain()
    _, calendar = last_file(bot, AUTHOR)
    [master] = calendar.walk("VEVENT")
    assert str(master["SUMMARY"]) == title
    assert master["DTSTART"].to_ical() == b"20261201T190000"
    assert master["DTSTART"].params["TZID"] == "Europe/Moscow"
    assert master["RRULE"].to_ical() == b"FREQ=WEEKLY;COUNT=4;BYDAY=TU"
    uid = str(master["UID"])

    # The next ones are announced a week ahead; one is cancelled, one moved on its own.
    set_clock(bot, datetime(2026, 12, 2, 16, 0, 5, tzinfo=UTC))
    await fake.wait_for(lambda: "8 декабря 2026" in shown(announcements(bot)[-1]))
    await answer(bot, AUTHOR, "✅ Иду")
    await open_card(bot, "08.12 19:00 · " + title[:40])
    await tap(bot, ADMIN, "❌ Отменить")
    await tap(bot, ADMIN, "❌ Да, отменить")
    await bot.rt.sender.drain()
    document, calendar = last_file(bot, AUTHOR)
    event = event_of(calendar)
    assert str(calendar["METHOD"]) == "CANCEL" and str(event["UID"]) == uid
    assert event["RECURRENCE-ID"].to_ical() == b"20261208T190000"
    assert event["RECURRENCE-ID"].params["TZID"] == "Europe/Moscow"

    set_clock(bot, datetime(2026, 12, 9, 16, 0, 5, tzinfo=UTC))
    await fake.wait_for(lambda: "15 декабря 2026" in shown(announcements(bot)[-1]))
    await answer(bot, AUTHOR, "✅ Иду")
    await open_card(bot, "15.12 19:00 · " + title[:40])
    await tap(bot, ADMIN, "↪️ Перенести")
    await say(bot, ADMIN, "16.12 19:30")
    await tap(bot, ADMIN, "↪️ Да, перенести")
    await bot.rt.sender.drain()
    _, calendar = last_file(bot, AUTHOR)
    master, moved = calendar.walk("VEVENT")
    assert str(moved["UID"]) == uid == str(master["UID"])
    assert moved["RECURRENCE-ID"].to_ical() == b"20261215T190000"
    assert moved["DTSTART"].to_ical() == b"20261216T193000"
    # What a calendar makes of the rule and its exception: the dates the bot keeps.
    dates = rruleset()
    dates.rrule(rrulestr(master["RRULE"].to_ical().decode(), dtstart=master.decoded("dtstart")))
    for exdate in master["EXDATE"].dts:
        dates.exdate(exdate.dt)
    assert [d.strftime("%d.%m %H:%M") for d in dates] == [
        "01.12 19:00",
        "15.12 19:00",
        "22.12 19:00",
    ]

    # The whole series cancelled: one message to each person, and the event leaves calendars.
    before = len(fake.messages(AUTHOR))
    await open_card(bot, "16.12 19:30 · " + title[:40])
    asked = await tap(bot, ADMIN, "❌ Отменить серию")
    assert asked.startswith("❌ Отменить всю серию")
    await say(bot, ADMIN, "Ведущий уезжает")
    await tap(bot, ADMIN, "❌ Да, отменить")
    await bot.rt.sender.drain()
    assert len(fake.messages(AUTHOR)) == before + 1
    document, calendar = last_file(bot, AUTHOR)
    assert document["caption"].startswith(f"❌ Серия встреч «{title}» отменена")
    assert "💬 Причина: Ведущий уезжает" in document["caption"]
    event = event_of(calendar)
    assert str(calendar["METHOD"]) == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == uid and "RECURRENCE-ID" not in event
