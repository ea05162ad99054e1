"""Check-ins end to end: the flow in ru and en, same-day replace, streaks, stale buttons."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import pytest

from tests.harness import BotUnderTest
from tests.steps import GROUP, checkin, community, enable_checkins, join_checkins


async def rows(bot: BotUnderTest, uid: int) -> list[tuple[object, ...]]:
    found = await bot.rt.db.fetchall(
        "SELECT local_date, mood, note, tags FROM checkins WHERE user_id = ? ORDER BY local_date",
        (uid,),
    )
    return [tuple(r) for r in found]


async def test_full_checkin_in_russian(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(42, "Аня")
    await checkin(
        bot, 42, "Неплохо", "Прошло собеседование <b>&", ["Поиск работы", "Деньги", "Деньги"]
    )
    saved = await rows(bot, 42)
    assert len(saved) == 1 and saved[0][1:] == (4, "Прошло собеседование <b>&", "work")
    assert fake.last_message(42)["text"] == "Вы отмечаетесь 1 день подряд."
    # A good day: no help buttons but /sos, under every check-in reply.
    assert [b["text"] for b in fake.buttons(fake.last_message(42))] == ["🆘 Нужна помощь сейчас"]


async def test_each_question_says_its_step(bot: BotUnderTest) -> None:
    fake = bot.fake
    for uid, name, lang, step, mood in (
        (42, "Аня", "ru", "Шаг {} из 3\n", "Неплохо"),
        (44, "Bob", "en", "Step {} of 3\n", "Fairly good"),
    ):
        fake.add_user(uid, name, language_code=lang)
        fake.send_message(uid, "/checkin")
        await bot.settle()
        assert fake.last_message(uid)["text"].startswith(step.format(1))
        fake.press(uid, chat_id=uid, button_text=mood)
        await bot.settle()
        assert fake.last_message(uid)["text"].startswith(step.format(2))
        fake.send_message(uid, "/skip")
        await bot.settle()
        assert fake.last_message(uid)["text"].startswith(step.format(3))
    # A second check-in the same day: "replace?" is not a step; the mood question is the first.
    await checkin(bot, 42, "Хорошо", None, [])
    fake.send_message(42, "/checkin")
    await bot.settle()
    fake.press(42, chat_id=42, button_text="Да, заменить")
    await bot.settle()
    assert fake.last_message(42)["text"].startswith("Шаг 1 из 3\n")


async def test_english_low_mood_offers_where_to_get_help(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(44, "Bob", language_code="en")
    await checkin(bot, 44, "Not easy", None, ["Loneliness"])
    reply = fake.last_message(44)
    assert "You are not alone" in reply["text"]
    fake.press(44, chat_id=44, button_text="🆘 I need help now")
    await bot.settle()
    assert "Samaritans" in fake.last_message(44)["text"]
    assert (await rows(bot, 44))[0][1:] == (2, None, "lonely")


async def test_second_checkin_the_same_day_replaces_after_asking(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(42, "Аня")
    await checkin(bot, 42, "Хорошо", None, [])
    fake.send_message(42, "/checkin")
    await bot.settle()
    assert (
        fake.last_message(42)["text"]
        == "Сегодня вы уже отмечались: 😄 Хорошо. Заменить ту отметку?"
    )
    fake.press(42, chat_id=42, button_text="Нет, оставить")
    await bot.settle()
    assert [r[1] for r in await rows(bot, 42)] == [5]
    fake.send_message(42, "/checkin")
    await bot.settle()
    fake.press(42, chat_id=42, button_text="Да, заменить")
    await bot.settle()
    fake.press(42, chat_id=42, button_text="Очень тяжело")
    await bot.settle()
    fake.send_message(42, "/skip")
    await bot.settle()
    fake.press(42, chat_id=42, button_text="Сохранить")
    await bot.settle()
    assert [r[1] for r in await rows(bot, 42)] == [1]
    assert any("Нужна помощь сейчас" in b["text"] for b in fake.buttons(fake.last_message(42)))


async def test_streaks_and_a_kind_welcome_back(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(42, "Аня")
    for _ in range(2):
        await checkin(bot, 42, "Так себе", None, [])
        bot.clock.advance(86400)
    await checkin(bot, 42, "Хорошо", None, [])
    text = fake.last_message(42)["text"]
    assert text.startswith("Вы отмечаетесь 3 дня подряд.")
    assert "Сегодня лучше, чем в среднем за неделю (3)" in text
    bot.clock.advance(3 * 86400)
    await checkin(bot, 42, "Так себе", None, [])
    assert fake.last_message(42)["text"].startswith("С возвращением!")


def move_to(bot: BotUnderTest, when: datetime) -> None:
    bot.clock.advance(when.timestamp() - bot.clock.time())


async def choose_schedule(bot: BotUnderTest, uid: int, kind: str, day: str | None) -> None:
    fake = bot.fake
    fake.send_message(uid, "/checkins")
    await bot.settle()
    fake.press(uid, chat_id=uid, button_text=kind)
    await bot.settle()
    if day is not None:
        fake.press(uid, chat_id=uid, button_text=day)
        await bot.settle()
    fake.press(uid, chat_id=uid, button_text="09:00")
    await bot.settle()


async def test_streaks_count_the_persons_scheduled_periods(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(42, "Аня")
    move_to(bot, datetime(2026, 6, 4, 10, 0, tzinfo=UTC))  # Thursday
    await choose_schedule(bot, 42, "по будням", None)
    for day in (4, 5, 8):  # Thursday, Friday, then Monday: the weekend is not a gap
        move_to(bot, datetime(2026, 6, day, 10, 0, tzinfo=UTC))
        await checkin(bot, 42, "Так себе", None, [])
    assert fake.last_message(42)["text"].startswith("Вы отмечаетесь 3 будних дня подряд.")

    fake.add_user(43, "Борис")
    move_to(bot, datetime(2026, 6, 2, 10, 0, tzinfo=UTC))
    await choose_schedule(bot, 43, "раз в неделю", "вторник")
    for month, day in ((6, 2), (6, 11), (6, 16)):  # one check-in in each week from Tuesday
        move_to(bot, datetime(2026, month, day, 10, 0, tzinfo=UTC))
        await checkin(bot, 43, "Неплохо", None, [])
    assert fake.last_message(43)["text"].startswith("Вы отмечаетесь 3 недели подряд.")
    move_to(bot, datetime(2026, 7, 1, 10, 0, tzinfo=UTC))  # the week of 23 June was missed
    await checkin(bot, 43, "Неплохо", None, [])
    assert fake.last_message(43)["text"].startswith("С возвращением!")
    move_to(bot, datetime(2026, 7, 7, 10, 0, tzinfo=UTC))
    await checkin(bot, 43, "Неплохо", None, [])
    text = fake.last_message(43)["text"]
    assert text.startswith("Вы отмечаетесь 2 недели подряд.\nСамая длинная серия: 3 недели.")


async def test_a_streak_follows_local_days_across_dst_in_berlin(bot: BotUnderTest) -> None:
    """Check-ins count by the person's local date: around the change to summer time (29 March
    2026) the UTC dates have a gap and a repeat where the local days run on."""
    fake = bot.fake
    fake.add_user(42, "Anna", language_code="en")
    fake.send_message(42, "/start")
    await bot.settle()
    await bot.rt.users.set_timezone(42, "Europe/Berlin")
    moments = (
        datetime(2026, 3, 27, 23, 30, tzinfo=UTC),  # Sat 28 March 00:30 CET
        datetime(2026, 3, 29, 21, 30, tzinfo=UTC),  # Sun 29 March 23:30 CEST
        datetime(2026, 3, 29, 22, 30, tzinfo=UTC),  # Mon 30 March 00:30 CEST
    )
    for moment in moments:
        move_to(bot, moment)
        await checkin(bot, 42, "Fairly good", None, [])
    assert fake.last_message(42)["text"].startswith("You have checked in 3 days in a row.")
    dates = [r[0] for r in await rows(bot, 42)]
    assert dates == ["2026-03-28", "2026-03-29", "2026-03-30"]
    # And back to winter time (25 October 2026): 00:30 local on two days, 25 hours apart.
    for moment in (
        datetime(2026, 10, 24, 22, 30, tzinfo=UTC),  # Sun 25 October 00:30 CEST
        datetime(2026, 10, 25, 23, 30, tzinfo=UTC),  # Mon 26 October 00:30 CET
    ):
        move_to(bot, moment)
        await checkin(bot, 42, "Fairly good", None, [])
    assert fake.last_message(42)["text"].startswith("You have checked in 2 days in a row.")


async def test_old_repeated_and_foreign_presses_change_nothing(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(42, "Аня")
    fake.add_user(43, "Боб")
    fake.send_message(43, "/start")
    fake.send_message(42, "/checkin")
    await bot.settle()
    fake.press(42, chat_id=42, button_text="Неплохо")
    await bot.settle()
    fake.press(42, chat_id=42, callback_data="ci:mood:5")  # the same keyboard, pressed twice
    await bot.settle()
    answers = [c.params.get("text") for c in fake.calls_of("answerCallbackQuery")]
    assert answers[-1] == "Эта кнопка уже не действует. Начните заново: /checkin"
    fake.send_message(42, "/cancel")
    fake.send_message(42, "/checkin")
    await bot.settle()
    bot.clock.advance(86400)  # the keyboard is from yesterday now
    fake.press(42, chat_id=42, button_text="Неплохо")
    await bot.settle()
    assert fake.calls_of("answerCallbackQuery")[-1].params["show_alert"] is True
    # Someone else's keyboard, forged onto another person's chat, is refused.
    fake.press(43, chat_id=43, callback_data="ci:mood:5")
    await bot.settle()
    assert await rows(bot, 42) == [] and await rows(bot, 43) == []


async def test_a_long_note_is_refused_and_nothing_is_lost(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(42, "Аня")
    fake.send_message(42, "/checkin")
    await bot.settle()
    fake.press(42, chat_id=42, button_text="Непросто")
    await bot.settle()
    fake.send_message(42, "я" * 501)
    await bot.settle()
    assert fake.last_message(42)["text"].startswith("Получился 501 символ, а помещается 500")
    fake.send_message(42, "короче")
    await bot.settle()
    fake.press(42, chat_id=42, button_text="Сохранить")
    await bot.settle()
    assert (await rows(bot, 42))[0][1:3] == (2, "короче")


async def test_forget_removes_checkins(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(42, "Аня")
    await checkin(bot, 42, "Хорошо", "мой секрет", [])
    fake.send_message(42, "/forget")
    await bot.settle()
    fake.press(42, chat_id=42, button_text="Да, удалить")
    await bot.settle()
    assert await rows(bot, 42) == []


async def test_pulse_is_anonymous_and_needs_three_people(bot: BotUnderTest) -> None:
    fake = bot.fake
    await community(bot, {21: "Вера", 22: "Глеб", 23: "Дина"})
    await enable_checkins(bot)
    await join_checkins(bot, 21)
    # Through the real flow: the check-in belongs to the person's community.
    await checkin(bot, 21, "Очень тяжело", "никому не говорите", [])
    assert await bot.rt.db.fetchval("SELECT community_id FROM checkins WHERE user_id = 21") == GROUP
    await bot.rt.checkins.save(22, GROUP, 4, None, ())

    fake.send_message(10, "/pulse", chat_id=GROUP)
    await bot.settle()
    text = fake.last_message(GROUP)["text"]
    assert "За последние 7 дней: пока мало ответов" in text
    assert "хотя бы 3 человека" in text

    await bot.rt.checkins.save(23, GROUP, 5, None, ())
    fake.send_message(10, "/pulse", chat_id=GROUP)
    await bot.settle()
    text = fake.last_message(GROUP)["text"]
    assert "За последние 7 дней: 3 участника, 3 отметки, среднее 3,3." in text
    assert "😞 1 · 😟 0 · 😐 0 · 🙂 1 · 😄 1" in text
    assert "Тяжёлых дней: 33%." in text
    for secret in ("Вера", "Глеб", "Дина", "никому", "21", "22", "23"):
        assert secret not in text.split("—", 1)[1].replace("33%", "")

    fake.send_message(21, "/pulse", chat_id=GROUP)
    await bot.settle()
    assert fake.last_message(GROUP)["text"] == "Это могут только модераторы сообщества."
    fake.send_message(10, "/pulse")  # in private, for the admin's community
    await bot.settle()
    assert "3 участника" in fake.last_message(10)["text"]


async def test_mood_history_for_30_days(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(42, "Аня")
    fake.send_message(42, "/mood")
    await bot.settle()
    assert fake.last_message(42)["text"].startswith("Пока нет отметок.")
    await checkin(bot, 42, "Непросто", None, ["Поиск работы", "Деньги"])
    bot.clock.advance(86400)
    await checkin(bot, 42, "Хорошо", None, ["Поиск работы"])
    bot.clock.advance(2 * 86400)
    await checkin(bot, 42, "Так себе", None, [])
    fake.send_message(42, "/mood")
    await bot.settle()
    # A chart (PNG, drawn in a thread) with the same figures as text in its caption.
    photo = fake.photos(42)[-1]
    assert photo["content"].startswith(b"\x89PNG") and photo["width"] > photo["height"] > 100
    text = photo["caption"]
    lines = text.splitlines()
    assert lines[1].endswith("▂█·▄") and len(lines[1]) == 30
    assert "среднее 3,3 (3 отметки)" in text
    assert text.endswith("Чаще всего: 💼 Поиск работы, 💸 Деньги")


async def test_mood_history_without_a_chart_is_text(
    bot: BotUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where matplotlib cannot load, /mood still answers, with the text alone."""
    fake = bot.fake
    fake.add_user(44, "Bob", language_code="en")
    await checkin(bot, 44, "Good", None, ["Good news"])
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import fails as if not installed
    fake.send_message(44, "/mood")
    await bot.settle()
    assert not fake.photos(44)
    text = fake.last_message(44)["text"]
    assert text.startswith("Your mood over 30 days") and "Most often: 🎉 Good news" in text
