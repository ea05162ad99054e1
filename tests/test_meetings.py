"""Meetings end to end: the /meet form with natural-language dates and bad input, the group
announcement, RSVPs with capacity, waitlist and promotion, the calendar file, reminders at the
right local times (group, private, the host's brief) across a restart, late and skipped
reminders, cancelling, and people outside the community."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from bot.services import meetings as meetings_service
from tests.harness import BotUnderTest
from tests.steps import ADMIN, GROUP, open_settings
from tests.test_cv import say, shown, tap
from tests.test_requests import AUTHOR, HELPER, OTHER, people

STRANGER = 777099
# Tuesday 1 December 2026, 13:00 in Moscow (the community's default zone).
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
# Friday 4 December 2026, 19:00 MSK.
STARTS = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)


def set_clock(bot: BotUnderTest, moment: datetime) -> None:
    bot.clock.advance(moment.timestamp() - bot.clock.time())


def announcements(bot: BotUnderTest) -> list[dict]:
    return [m for m in bot.fake.messages(GROUP) if shown(m).startswith(("📅 ", "❌ Отменена"))]


async def schedule(bot: BotUnderTest, *, capacity: str = "2", repeat: str = "Один раз") -> None:
    """ADMIN fills in /meet (from the group's deep link), with a few mistakes on the way."""
    bot.fake.send_message(ADMIN, "/meet", chat_id=GROUP)
    await bot.settle()
    link = bot.fake.buttons(bot.fake.last_message(GROUP))[0]["url"]
    assert link.endswith(f"start=meet{GROUP}")
    started = await say(bot, ADMIN, f"/start meet{GROUP}")
    assert started.startswith("Шаг 1 из 8\nКак называется встреча?")
    assert (await say(bot, ADMIN, "🔥🔥")).startswith("В названии нужны слова")
    await say(bot, ADMIN, "Разбор резюме <вживую>")
    assert (await tap(bot, ADMIN, "Мастер-класс")).startswith("Шаг 3 из 8\nКогда?")
    assert (await say(bot, ADMIN, "31.02 19:00")).startswith("31 февраля не бывает")
    assert (await say(bot, ADMIN, "сегодня в обед")).startswith("Не понял дату")
    assert (await say(bot, ADMIN, "сегодня в 9:00")).startswith("Это время уже прошло")
    # A recent date without a year is that past date, not next year's.
    assert (await say(bot, ADMIN, "25.11 19:00")).startswith("Это было 6 дней назад.")
    await bot.restart()  # the form is kept in the database
    # The time of a day picked is still the step of "when".
    asked = await say(bot, ADMIN, "пятница")
    assert asked.startswith("Шаг 3 из 8\nпятница, 4 декабря: во сколько?")
    assert (await say(bot, ADMIN, "19:00")).startswith("Шаг 4 из 8\nСколько продлится")
    assert (await tap(bot, ADMIN, "1,5 ч")).startswith("Шаг 5 из 8\nГде?")
    assert (await say(bot, ADMIN, "javascript:alert(1)")).startswith("Ссылка должна")
    await say(bot, ADMIN, "Кафе «Опора», Тверская 1")
    await say(bot, ADMIN, "/skip")
    assert (await say(bot, ADMIN, "0")).startswith("Нужно число мест от 1 до 1\xa0000")
    assert (await say(bot, ADMIN, capacity)).startswith("Шаг 8 из 8\nПовторять встречу?")
    preview = await tap(bot, ADMIN, repeat)
    assert preview.startswith("Предпросмотр")
    assert "пятница, 4 декабря 2026, 19:00 MSK · 1,5 ч" in preview
    assert "Разбор резюме <вживую>" in preview
    assert "Гости: без «+1»" in preview
    assert "Гости: до +1" in await tap(bot, ADMIN, "👥 Гости")  # edited in place
    assert (await tap(bot, ADMIN, "✅ Опубликовать")).startswith("📅 Встреча опубликована")
    await bot.rt.sender.drain()


async def answer(bot: BotUnderTest, uid: int, button: str) -> dict:
    query = bot.fake.press(uid, chat_id=GROUP, button_text=button)
    await bot.settle()
    found = bot.fake.callback_answer(query)
    assert found is not None
    return found


async def test_schedule_answer_remind_and_restart(
    bot: BotUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = bot.fake
    monkeypatch.setattr(meetings_service, "FAN_OUT_BATCH", 1)  # one person per run
    set_clock(bot, NOW)
    await people(bot)
    for uid in (AUTHOR, HELPER, OTHER):
        fake.open_private_chat(uid)
    fake.add_user(STRANGER, "Чужой")
    await schedule(bot)
    post = announcements(bot)[-1]
    assert post["text"].startswith("📅 Разбор резюме <вживую> · Мастер-класс")
    assert "👤 Ведущий: Admin" in post["text"]
    labels = [b["text"] for b in fake.buttons(post)]
    assert labels[:4] == ["✅ Иду", "🤔 Может быть", "❌ Не смогу", "➕ Гость (+1)"]

    # Two seats: the third "Going" waits; a stranger cannot answer.
    assert (await answer(bot, AUTHOR, "✅ Иду"))["text"].startswith("✅ Вы идёте")
    assert (await answer(bot, HELPER, "✅ Иду"))["text"].startswith("✅ Вы идёте")
    assert (await answer(bot, OTHER, "✅ Иду"))["text"].startswith("⏳ Мест нет")
    assert (await answer(bot, STRANGER, "✅ Иду"))["show_alert"]
    # A guest needs a free seat.
    assert (await answer(bot, AUTHOR, "➕ Гость (+1)"))["text"] == "Для гостя не хватает мест."
    await bot.rt.sender.drain()
    # The private confirmation: the time, the calendar file, a personal reminder.
    confirm = fake.last_message(AUTHOR)
    assert confirm["caption"].startswith("✅ Вы идёте на «Разбор резюме <вживую>»")
    assert "пятница, 4 декабря 2026, 19:00 MSK" in confirm["caption"]
    event = Calendar.from_ical(fake.documents(AUTHOR)[-1]["content"]).walk("VEVENT")[0]
    assert event.decoded("dtstart") == STARTS
    assert str(event["summary"]) == "Разбор резюме <вживую>"

    # The announcement follows the answers, in one edit however many pressed.
    set_clock(bot, datetime.fromtimestamp(bot.clock.time() + 6, UTC))
    await fake.wait_for(lambda: "Идут: 2" in announcements(bot)[-1]["text"])
    text = announcements(bot)[-1]["text"]
    assert "мест занято 2 из 2 · в листе ожидания: 1" in text
    assert "✅ Вероника, Глеб" in text
    edits = [c for c in fake.calls_of("editMessageText") if c.params.get("chat_id") == GROUP]
    assert len(edits) == 1

    # Someone drops out: the first on the waitlist gets the seat and is told.
    assert (await answer(bot, HELPER, "❌ Не смогу"))["text"].startswith("Отметил: не сможете")
    await bot.rt.sender.drain()
    assert shown(fake.last_message(OTHER)).startswith("🎉 Освободилось место")
    status = await bot.rt.db.fetchval(
        "SELECT status FROM meeting_rsvps WHERE user_id = ?", (OTHER,)
    )
    assert status == "going"

    # "Add to calendar" under the announcement: the file in private, for members only.
    link = next(b["url"] for b in fake.buttons(post) if b.get("url"))
    await say(bot, HELPER, "/start " + link.split("start=", 1)[1])
    document = fake.documents(HELPER)[-1]
    assert document["file_name"].endswith(".ics")
    event = Calendar.from_ical(document["content"]).walk("VEVENT")[0]
    assert event.decoded("dtend") == STARTS.replace(hour=17, minute=30)
    assert (await say(bot, STRANGER, "/start " + link.split("start=", 1)[1])).startswith(
        "Эта встреча отменена или уже недоступна"
    )

    # A day before: the group, each person going (in their zone) and the host's list.
    await bot.restart()
    set_clock(bot, datetime(2026, 12, 3, 16, 0, 5, tzinfo=UTC))
    await fake.wait_for(lambda: any(shown(m).startswith("📋 Завтра") for m in fake.messages(ADMIN)))
    await bot.rt.sender.drain()
    group = [m for m in fake.messages(GROUP) if shown(m).startswith("⏰")]
    assert len(group) == 1 and group[0]["text"].startswith(
        "⏰ «Разбор резюме <вживую>» — через 1 день: пятница, 4 декабря 2026, 19:00 MSK."
    )
    for uid in (AUTHOR, OTHER):
        assert shown(fake.last_message(uid)).startswith("⏰ Напоминаю: «Разбор резюме")
    follow_ups = await bot.rt.db.fetchval(
        "SELECT COUNT(*) FROM timers WHERE kind = 'meeting_remind' AND args LIKE '%after%'"
    )
    assert follow_ups == 1  # two people, one per run
    assert not [m for m in fake.messages(HELPER) if shown(m).startswith("⏰")]
    brief = next(m for m in fake.messages(ADMIN) if shown(m).startswith("📋 Завтра"))
    assert "1. Вероника" in brief["text"] and "2. Дина" in brief["text"]

    # Down over the 1-hour reminder: 5 minutes late it still goes, marked, once.
    await bot.stop()
    set_clock(bot, datetime(2026, 12, 4, 15, 5, tzinfo=UTC))
    await bot.start()
    await fake.wait_for(lambda: len([m for m in fake.messages(GROUP) if "⏰" in shown(m)]) == 2)
    await bot.rt.sender.drain()
    late = [m for m in fake.messages(GROUP) if "⏰" in shown(m)][-1]
    assert late["text"].startswith("(с опозданием) ⏰ «Разбор резюме <вживую>» — через 1 час")
    await bot.restart()
    await bot.rt.sender.drain()
    assert len([m for m in fake.messages(GROUP) if "⏰" in shown(m)]) == 2


async def test_a_reminder_missed_by_half_an_hour_is_skipped_and_cancel(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    set_clock(bot, NOW)
    await people(bot)
    for uid in (AUTHOR, HELPER, OTHER):
        fake.open_private_chat(uid)
    await schedule(bot)
    await answer(bot, AUTHOR, "✅ Иду")
    await bot.rt.sender.drain()
    await bot.stop()
    set_clock(bot, datetime(2026, 12, 3, 16, 30, tzinfo=UTC))  # 30 minutes past "a day before"
    await bot.start()
    await bot.settle()
    await bot.rt.sender.drain()
    assert not [m for m in fake.messages(GROUP) if "⏰" in shown(m)]

    # Members do not schedule meetings unless the community allows it.
    assert (await say(bot, AUTHOR, f"/start meet{GROUP}")).startswith(
        "Назначать встречи в этом сообществе могут модераторы"
    )
    # Only the host or a moderator may cancel; a forged press by a member changes nothing.
    occurrence_id = await bot.rt.db.fetchval("SELECT id FROM meeting_occurrences")
    await say(bot, AUTHOR, "/meetings")
    query = fake.press(AUTHOR, chat_id=AUTHOR, callback_data=f"mg:cancel1:{occurrence_id}:0")
    await bot.settle()
    assert fake.callback_answer(query)["show_alert"]
    assert await bot.rt.db.fetchval("SELECT status FROM meeting_occurrences") == "scheduled"

    listing = await say(bot, ADMIN, "/meetings")
    assert listing.startswith("📅 Ближайшие встречи (1)")
    await tap(bot, ADMIN, "04.12 19:00 · Разбор резюме <вживую>")
    # The host edits the title: the announcement follows (escaped, as typed).
    await tap(bot, ADMIN, "✏️ Изменить")
    assert (await tap(bot, ADMIN, "Название")).startswith("Как называется встреча?")
    assert (await say(bot, ADMIN, "Резюме & LinkedIn")).startswith("📅 Резюме & LinkedIn")
    set_clock(bot, datetime.fromtimestamp(bot.clock.time() + 6, UTC))
    await fake.wait_for(lambda: announcements(bot)[-1]["text"].startswith("📅 Резюме & LinkedIn"))
    assert (await tap(bot, ADMIN, "❌ Отменить")).startswith("❌ Отменить встречу")
    await tap(bot, ADMIN, "❌ Да, отменить")
    await bot.rt.sender.drain()
    assert shown(fake.last_message(AUTHOR)).startswith("❌ Встреча «Резюме & LinkedIn» отменена.")
    await fake.wait_for(lambda: announcements(bot)[-1]["text"].startswith("❌ Отменена"))
    assert fake.buttons(announcements(bot)[-1]) == []
    # The 1-hour reminder of a cancelled meeting never comes.
    set_clock(bot, datetime(2026, 12, 4, 15, 0, 5, tzinfo=UTC))
    await bot.settle()
    await bot.rt.sender.drain()
    assert not [m for m in fake.messages(GROUP) if "⏰" in shown(m)]


async def test_a_weekly_circle_across_dst_moves_attendance_and_feedback(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    set_clock(bot, datetime(2027, 3, 15, 10, 0, tzinfo=UTC))  # Monday
    await people(bot)
    for uid in (AUTHOR, HELPER):
        fake.open_private_chat(uid)
    await bot.rt.communities.set_timezone(GROUP, "Europe/Berlin")
    await say(bot, ADMIN, f"/start meet{GROUP}")
    await say(bot, ADMIN, "Круг поддержки")
    await tap(bot, ADMIN, "Круг поддержки")
    await say(bot, ADMIN, "вторник 19:00")
    await tap(bot, ADMIN, "1 ч")
    await say(bot, ADMIN, "https://meet.example.org/circle")
    await say(bot, ADMIN, "/skip")
    await say(bot, ADMIN, "/skip")
    # An RRULE must end and repeat at most daily.
    asked = await tap(bot, ADMIN, "⚙️ Своё правило (RRULE)")
    assert asked.startswith("Шаг 8 из 8\nНапишите правило")  # still the step of repeating
    assert (await say(bot, ADMIN, "FREQ=HOURLY;COUNT=5")).startswith("Встречи не могут")
    assert (await say(bot, ADMIN, "FREQ=WEEKLY;BYDAY=TU")).startswith("У правила нет конца")
    await say(bot, ADMIN, "FREQ=WEEKLY;BYDAY=TU;COUNT=3")
    await tap(bot, ADMIN, "✏️ Изменить поле")
    await tap(bot, ADMIN, "Повтор")
    preview = await tap(bot, ADMIN, "каждую неделю, по вторникам")
    assert "вторник, 16 марта 2027, 19:00 CET" in preview
    assert "🔁 каждую неделю, по вторникам" in preview
    assert "💻 Онлайн: https://meet.example.org/circle" in preview
    await tap(bot, ADMIN, "✅ Опубликовать")
    await bot.rt.sender.drain()
    await answer(bot, AUTHOR, "✅ Иду")

    # At the start: "starting now" with the link; at the end, feedback and attendance.
    set_clock(bot, datetime(2027, 3, 16, 18, 0, 5, tzinfo=UTC))
    await fake.wait_for(lambda: any(shown(m).startswith("🟢") for m in fake.messages(GROUP)))
    starting = next(m for m in fake.messages(GROUP) if shown(m).startswith("🟢"))
    assert fake.buttons(starting)[0]["url"] == "https://meet.example.org/circle"
    set_clock(bot, datetime(2027, 3, 16, 19, 0, 5, tzinfo=UTC))
    await fake.wait_for(lambda: shown(fake.last_message(AUTHOR)).startswith("Как прошла встреча"))
    assert (await tap(bot, AUTHOR, "5")).startswith("Спасибо за оценку: 5 из 5")
    assert (await say(bot, AUTHOR, "Было тепло <3")) == "Спасибо! Передам ведущему."
    await bot.rt.sender.drain()
    note = shown(fake.last_message(ADMIN))  # passed on to the host, unsigned
    assert (
        note.startswith("💬 Отзыв о встрече «Круг поддержки» (5 из 5)") and "Было тепло <3" in note
    )
    assert "Вероника" not in note
    assert any("закончилась" in shown(m) for m in fake.messages(ADMIN))
    await tap(bot, ADMIN, "✅ Отметить присутствие")  # the list replaces the question

    def attendance() -> dict:
        return next(m for m in fake.messages(ADMIN) if shown(m).startswith("Кто пришёл"))

    assert [b["text"] for b in fake.buttons(attendance())] == ["⬜ Вероника"]
    await tap(bot, ADMIN, "⬜ Вероника")
    assert [b["text"] for b in fake.buttons(attendance())] == ["✅ Вероника"]
    row = await bot.rt.db.fetchone("SELECT attended, score, note FROM meeting_rsvps")
    assert tuple(row) == (1, 5, "Было тепло <3")
    # The figures for moderators: meetings held, who came, the rating.
    await say(bot, ADMIN, "/meetings")
    stats = await tap(bot, ADMIN, "📊 Посещаемость за 30 дней")
    assert stats.startswith("📊 Встречи в «Опора» за 30 дней\nПрошла 1 встреча")
    assert "Средняя оценка участников: 5.0 из 5" in stats and "1. Вероника — 1 встреча" in stats
    await say(bot, HELPER, "/meetings")  # a member gets no figures button…
    assert fake.buttons(fake.last_message(HELPER)) == []
    query = fake.press(HELPER, chat_id=HELPER, callback_data=f"mg:stats:{GROUP}:30")
    await bot.settle()
    assert fake.callback_answer(query)["show_alert"]  # …nor figures with a forged one

    # The next occurrences are announced six days ahead (19:00 local, six days before), each
    # at 19:00 Berlin time: CET, then CEST after the clocks change on 28 March.
    set_clock(bot, datetime(2027, 3, 17, 18, 0, 5, tzinfo=UTC))
    await fake.wait_for(lambda: "23 марта 2027, 19:00 CET" in announcements(bot)[-1]["text"])
    set_clock(bot, datetime(2027, 3, 24, 18, 0, 5, tzinfo=UTC))
    await fake.wait_for(lambda: "30 марта 2027, 19:00 CEST" in announcements(bot)[-1]["text"])
    starts = await bot.rt.db.fetchall("SELECT starts_at FROM meeting_occurrences ORDER BY id")
    hours = [datetime.fromtimestamp(r["starts_at"], UTC).hour for r in starts]
    assert hours == [18, 18, 17]

    # One occurrence moved: who answered is told the new time; the series keeps its rhythm.
    await answer(bot, HELPER, "🤔 Может быть")
    await say(bot, ADMIN, "/meetings")
    await tap(bot, ADMIN, "30.03 19:00 · Круг поддержки")
    assert (await tap(bot, ADMIN, "↪️ Перенести")).startswith("На когда перенести?")
    assert (await say(bot, ADMIN, "вчера")).startswith("Не понял дату")
    assert "Станет: среда, 31 марта 2027, 20:00 CEST" in await say(bot, ADMIN, "31.03 20:00")
    await tap(bot, ADMIN, "↪️ Да, перенести")
    await bot.rt.sender.drain()
    moved = shown(fake.last_message(HELPER))
    assert moved.startswith("↪️ Встреча «Круг поддержки» перенесена.\n🕖 Теперь: среда, 31 марта")
    await fake.wait_for(lambda: "↪️ Встреча перенесена." in announcements(bot)[-1]["text"])
    assert "среда, 31 марта 2027, 20:00 CEST" in announcements(bot)[-1]["text"]
    # Forged: a member cannot move it.
    occurrence_id = await bot.rt.db.fetchval("SELECT MAX(id) FROM meeting_occurrences")
    query = fake.press(HELPER, chat_id=HELPER, callback_data=f"mg:move1:{occurrence_id}:0")
    await bot.settle()
    assert fake.callback_answer(query)["show_alert"]


async def test_in_english_monthly_counts_only_pinned_with_a_cutoff(bot: BotUnderTest) -> None:
    fake = bot.fake
    set_clock(bot, NOW)
    await people(bot)
    fake.open_private_chat(AUTHOR)
    await say(bot, ADMIN, "/lang")
    await tap(bot, ADMIN, "English")
    # The moderator: counts only (no names), pinned announcements.
    await open_settings(bot)
    await tap(bot, ADMIN, "📅 Meetings")
    await tap(bot, ADMIN, "Show only the number")
    await tap(bot, ADMIN, "Pin announcements")
    menu = await tap(bot, ADMIN, "⏰ Change the default reminders")
    assert menu.endswith("Now: 1 day before, 1 hour before.")
    shown_settings = await tap(bot, ADMIN, "1 hour before")
    assert "only the number" in shown_settings and "A new announcement is pinned" in shown_settings
    assert "Reminders a new meeting starts with: 1 hour before." in shown_settings

    await say(bot, ADMIN, f"/start meet{GROUP}")
    await say(bot, ADMIN, "Job club")
    await tap(bot, ADMIN, "Support circle")
    assert (await say(bot, ADMIN, "next Monday 7pm")).startswith("Step 4 of 8\nHow long")
    await tap(bot, ADMIN, "1 h")
    await say(bot, ADMIN, "Library, 2nd floor")
    await say(bot, ADMIN, "/skip")
    await say(bot, ADMIN, "10")
    preview = await tap(bot, ADMIN, "every month on the first Monday")
    assert "Monday, 7 December 2026, 19:00 MSK" in preview
    assert "🔁 every month on the first Monday" in preview
    await tap(bot, ADMIN, "⏳ RSVPs")
    await tap(bot, ADMIN, "💬 Feedback")
    options = await tap(bot, ADMIN, "📣 Series announcement")
    assert "RSVPs: close 2 hours before" in options and "Feedback: do not ask" in options
    assert "announced 3 days ahead" in options and "Reminders: 1 hour before" in options
    await tap(bot, ADMIN, "✅ Publish")
    await bot.rt.sender.drain()
    post = announcements(bot)[-1]
    await fake.wait_for(lambda: post["message_id"] in fake.pinned_messages(GROUP))
    assert "🔁 каждый месяц, в первый понедельник" in shown(post)  # the group's language

    await answer(bot, AUTHOR, "✅ Иду")
    set_clock(bot, datetime.fromtimestamp(bot.clock.time() + 6, UTC))
    await fake.wait_for(lambda: "Идут: 1 " in shown(announcements(bot)[-1]))
    assert "Вероника" not in shown(announcements(bot)[-1])  # counts only

    # Two hours before: RSVPs are closed.
    set_clock(bot, datetime(2026, 12, 7, 14, 30, tzinfo=UTC))
    assert (await answer(bot, OTHER, "✅ Иду"))["text"] == "Запись на эту встречу закрыта."
    # After it: no feedback question (turned off); the next one, 3 days before 4 January.
    set_clock(bot, datetime(2026, 12, 7, 17, 0, 5, tzinfo=UTC))
    await fake.wait_for(lambda: any("is over" in shown(m) for m in fake.messages(ADMIN)))
    await bot.rt.sender.drain()
    assert not [m for m in fake.messages(AUTHOR) if shown(m).startswith("Как прошла")]
    set_clock(bot, datetime(2027, 1, 1, 16, 0, 5, tzinfo=UTC))
    await fake.wait_for(
        lambda: "понедельник, 4 января 2027, 19:00 MSK" in shown(announcements(bot)[-1])
    )


async def scheduled_with_author_going(bot: BotUnderTest) -> None:
    """The meeting from `schedule` (Friday 19:00 Moscow, two seats), Вероника going."""
    set_clock(bot, NOW)
    await people(bot)
    bot.fake.open_private_chat(AUTHOR)
    await schedule(bot)
    assert (await answer(bot, AUTHOR, "✅ Иду"))["text"].startswith("✅ Вы идёте")
    await bot.rt.sender.drain()


async def test_a_group_that_removed_the_bot_gets_no_more_meeting_reminders(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    await scheduled_with_author_going(bot)
    before = {uid: len(fake.messages(uid)) for uid in (AUTHOR, ADMIN)}
    fake.remove_bot_from_group(GROUP, ADMIN)
    await bot.settle()
    # A day before, and an hour before: nothing goes to those who answered, nor to the host.
    set_clock(bot, datetime(2026, 12, 3, 16, 0, 5, tzinfo=UTC))
    await bot.settle()
    set_clock(bot, datetime(2026, 12, 4, 15, 0, 5, tzinfo=UTC))
    await bot.settle()
    assert {uid: len(fake.messages(uid)) for uid in (AUTHOR, ADMIN)} == before


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", "за 1 день, за 2 часа, за 15 минут"),
        ("en", "1 day before, 2 hours before, 15 minutes before"),
    ],
)
def test_reminders_are_described_as_before_the_meeting(lang: str, expected: str) -> None:
    from bot.i18n import Translator
    from bot.texts import reminders_label

    t = Translator("ru", strict=True).texts(lang)
    assert reminders_label(t, "1440,120,15") == expected


async def test_a_reminder_asked_for_too_late_is_said_so(bot: BotUnderTest) -> None:
    fake = bot.fake
    await scheduled_with_author_going(bot)
    set_clock(bot, STARTS - timedelta(minutes=23))
    await bot.settle()
    query = fake.press(AUTHOR, chat_id=AUTHOR, button_text="⏰ Напомнить за 2 часа")
    await bot.settle()
    assert fake.callback_answer(query)["text"].startswith("До начала уже меньше, чем 2 часа")


async def test_the_calendar_file_comes_with_a_seat_not_with_the_waitlist(bot: BotUnderTest) -> None:
    fake = bot.fake
    set_clock(bot, NOW)
    await people(bot)
    for uid in (AUTHOR, OTHER):
        fake.open_private_chat(uid)
    await schedule(bot, capacity="1")
    assert (await answer(bot, AUTHOR, "✅ Иду"))["text"].startswith("✅ Вы идёте")
    assert (await answer(bot, OTHER, "✅ Иду"))["text"].startswith("⏳ Мест нет")
    await bot.rt.sender.drain()
    assert shown(fake.last_message(OTHER)).startswith("⏳ Вы в листе ожидания")
    assert fake.documents(OTHER) == []
    await answer(bot, AUTHOR, "❌ Не смогу")
    await bot.rt.sender.drain()
    promoted = fake.last_message(OTHER)
    assert shown(promoted).startswith("🎉 Освободилось место")
    assert [d["file_name"].endswith(".ics") for d in fake.documents(OTHER)] == [True]


async def test_seats_cannot_drop_below_those_going(bot: BotUnderTest) -> None:
    fake = bot.fake
    set_clock(bot, NOW)
    await people(bot)
    for uid in (AUTHOR, HELPER):
        fake.open_private_chat(uid)
    await schedule(bot, capacity="5")
    for uid in (AUTHOR, HELPER):
        assert (await answer(bot, uid, "✅ Иду"))["text"].startswith("✅ Вы идёте")
    await say(bot, ADMIN, "/meetings")
    await tap(bot, ADMIN, "04.12 19:00 · Разбор резюме <вживую>")
    await tap(bot, ADMIN, "✏️ Изменить")
    await tap(bot, ADMIN, "Число мест")
    refused = await say(bot, ADMIN, "1")
    assert refused.startswith("Уже идут 2 человека — мест не может быть меньше."), refused
    assert "мест занято 2 из 2" in await say(bot, ADMIN, "2")
    assert fake.messages(ADMIN)[-2]["text"].startswith("Сохранено")
