"""Mentoring end to end: a member offers it, another finds them by topic and writes, the mentor
accepts from the request, both are introduced and asked two weeks later; capacity, forged
buttons, declining, and a stranger from another community."""

from __future__ import annotations

from tests.harness import BotUnderTest
from tests.test_cv import say, tap
from tests.test_requests import AUTHOR, HELPER, OTHER, people

MENTOR, MENTEE = HELPER, AUTHOR  # Глеб, Вероника
STRANGER = 777099


async def offer(bot: BotUnderTest, uid: int = MENTOR, capacity: str = "1") -> None:
    await say(bot, uid, "/mentor")
    assert (await tap(bot, uid, "Я могу быть наставником")).startswith("В каких темах")
    await say(bot, uid, "Python, код-ревью, собеседования")
    saved = await tap(bot, uid, capacity)
    assert saved.startswith("🎓 Спасибо! Вас найдут по темам «Python, код-ревью, собеседования»")


async def test_find_ask_accept_introduce_and_check_in(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    await offer(bot)
    assert (await say(bot, MENTEE, "/mentor собесед")).startswith("🎓 1 наставник по теме")
    assert (await say(bot, MENTEE, "/mentor бухгалтерия")).startswith("Сейчас в ваших")
    await say(bot, MENTEE, "/mentor")
    await tap(bot, MENTEE, "Найти наставника")
    await say(bot, MENTEE, "python")
    asked = await tap(bot, MENTEE, "Глеб — Python, код-ревью, собеседования")
    assert asked.startswith("Сообщение для наставника (Глеб)")
    assert (await say(bot, MENTEE, "x" * 501)).startswith("Получился 501 символ")
    assert (await say(bot, MENTEE, "Хочу перейти в <b>бэкенд</b>")).startswith("✉️ Отправлено")
    await bot.rt.sender.drain()
    request = fake.last_message(MENTOR)
    assert request["text"].startswith("🎓 Вероника просит вас о наставничестве по теме «python»")
    assert "Хочу перейти в <b>бэкенд</b>" in request["text"]  # escaped, shown as typed

    # Only the mentor may answer: a forged press by someone else changes nothing.
    request_id = await bot.rt.db.fetchval("SELECT id FROM mentor_requests")
    fake.send_message(OTHER, "/mentor")
    await bot.settle()
    query = fake.press(OTHER, chat_id=OTHER, callback_data=f"mt:accept:{request_id}:0")
    await bot.settle()
    assert fake.callback_answer(query)["show_alert"]
    assert await bot.rt.db.fetchval("SELECT status FROM mentor_requests") == "pending"

    await tap(bot, MENTOR, "Принять")
    await bot.rt.sender.drain()
    answered = next(m for m in fake.messages(MENTOR) if m["message_id"] == request["message_id"])
    assert answered["text"].endswith("✅ Принято — я познакомил вас друг с другом.")
    assert fake.buttons(answered) == []
    assert any(m["text"].startswith("🤝 Знакомьтесь: Вероника") for m in fake.messages(MENTOR))
    intro = next(m for m in fake.messages(MENTEE) if m["text"].startswith("🤝"))
    assert intro["text"].startswith("🤝 Наставник по теме «")
    assert f'href="tg://user?id={MENTOR}"' in intro["html"]
    # Capacity 1 a month: the mentor is no longer listed for others.
    assert (await say(bot, OTHER, "/mentor python")).startswith("Сейчас в ваших")

    # Two weeks later (after a restart) both are asked whether they met, once.
    await bot.restart()
    bot.clock.advance(14 * 86400 + 60)
    await fake.wait_for(
        lambda: all(
            fake.last_message(uid)["text"].startswith("🎓 Две недели назад")
            for uid in (MENTOR, MENTEE)
        )
    )
    await tap(bot, MENTEE, "Да, встретились")
    assert await bot.rt.db.fetchval("SELECT met FROM mentor_requests") == 1
    # A month on, the mentor has room again.
    bot.clock.advance(17 * 86400)
    assert (await say(bot, OTHER, "/mentor python")).startswith("🎓 1 наставник")


async def test_decline_pause_and_people_outside_my_communities(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    await offer(bot, capacity="3")
    fake.add_user(STRANGER, "Чужой")
    assert (await say(bot, STRANGER, "/mentor python")).startswith("Сейчас в ваших")
    # A forged "pick" of a mentor from another community is refused.
    await say(bot, STRANGER, "/mentor")
    fake.press(STRANGER, chat_id=STRANGER, callback_data=f"mt:pick:{MENTOR}:0")
    await bot.settle()
    assert fake.last_message(STRANGER)["text"].startswith("Этот наставник больше недоступен")

    await say(bot, MENTEE, "/mentor python")
    await tap(bot, MENTEE, "Глеб")
    await say(bot, MENTEE, "Помогите с резюме")
    await say(bot, MENTEE, "/mentor python")
    await tap(bot, MENTEE, "Глеб")
    again = await say(bot, MENTEE, "Ещё раз")
    assert again.startswith("Вы уже писали этому наставнику")
    assert again.endswith("Ваше сообщение, чтобы оно не потерялось:\nЕщё раз")  # not lost
    await bot.rt.sender.drain()
    await tap(bot, MENTOR, "Не сейчас")
    await bot.rt.sender.drain()
    assert fake.last_message(MENTEE)["text"].startswith("Глеб сейчас не может")

    # Paused: nobody finds the mentor; resumed: found again.
    await say(bot, MENTOR, "/mentor")
    await tap(bot, MENTOR, "Я могу быть наставником")
    paused = await tap(bot, MENTOR, "Пауза")
    assert "На паузе" in paused
    assert (await say(bot, OTHER, "/mentor python")).startswith("Сейчас в ваших")
    await tap(bot, MENTOR, "Продолжить")
    assert (await say(bot, OTHER, "/mentor python")).startswith("🎓 1 наставник")

    # A request left unanswered for two weeks no longer holds the place.
    await say(bot, OTHER, "/mentor python")
    await tap(bot, OTHER, "Глеб")
    assert (await say(bot, OTHER, "Первый раз")).startswith("✉️ Отправлено")
    await say(bot, OTHER, "/mentor python")
    await tap(bot, OTHER, "Глеб")
    assert (await say(bot, OTHER, "Рано")).startswith("Вы уже писали этому наставнику")
    bot.clock.advance(15 * 86400)
    await say(bot, OTHER, "/mentor python")
    await tap(bot, OTHER, "Глеб")
    assert (await say(bot, OTHER, "Второй раз")).startswith("✉️ Отправлено")
    await bot.rt.sender.drain()

    # The mentor stops: those still waiting hear a kind "no"; an old "Accept" does nothing.
    await say(bot, MENTOR, "/mentor")
    await tap(bot, MENTOR, "Я могу быть наставником")
    assert (await tap(bot, MENTOR, "🗑 Больше не быть наставником")).startswith("Вас больше нет")
    await bot.rt.sender.drain()
    declined = [m for m in fake.messages(OTHER) if m["text"].startswith("Глеб сейчас не может")]
    assert len(declined) == 2
    query = fake.press(MENTOR, chat_id=MENTOR, button_text="✅ Принять")
    await bot.settle()
    assert fake.callback_answer(query)["show_alert"]
    statuses = await bot.rt.db.fetchall("SELECT DISTINCT status FROM mentor_requests")
    assert [r["status"] for r in statuses] == ["declined"]
