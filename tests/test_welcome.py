"""Newcomers end to end: joins close together get one welcome; with the gate on (set through
/settings), newcomers are read-only until they press "I accept the rules" — only their own press
counts — and one who does not is removed when the time is up, across a restart."""

from __future__ import annotations

from tests.harness import BotUnderTest
from tests.steps import ADMIN, GROUP, open_settings
from tests.test_cv import say, tap
from tests.test_requests import AUTHOR, people

ANNA, BORIS = 777201, 777202


def welcomes(bot: BotUnderTest) -> list[dict]:
    return [m for m in bot.fake.messages(GROUP) if m["text"].startswith("👋")]


async def test_batched_welcome_and_the_gate(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    await open_settings(bot)
    await tap(bot, ADMIN, "🛡 Порядок в группе")
    shown = await tap(bot, ADMIN, "Включить проверку новичков")
    assert "Проверка новичков: включена" in shown

    for uid, name in ((ANNA, "Анна"), (BORIS, "Борис")):
        fake.add_user(uid, name)
        fake.join(GROUP, uid)
    await bot.settle()
    # Read-only at once; one welcome for both, a few seconds later.
    assert fake.member_status(GROUP, ANNA) == "restricted"
    assert fake.member_status(GROUP, BORIS) == "restricted"
    bot.clock.advance(11)
    await fake.wait_for(lambda: bool(welcomes(bot)))
    await bot.rt.sender.drain()
    assert len(welcomes(bot)) == 1
    welcome = welcomes(bot)[0]
    assert welcome["text"].startswith("👋 Добро пожаловать в «Опора», Анна, Борис!")
    assert "в течение 10 минут" in welcome["text"]

    # Only a newcomer's own press counts.
    query = fake.press(AUTHOR, chat_id=GROUP, button_text="✅ Я принимаю правила")
    await bot.settle()
    assert fake.callback_answer(query)["text"] == "Эта кнопка — для тех, кто только что пришёл."
    query = fake.press(ANNA, chat_id=GROUP, button_text="✅ Я принимаю правила")
    await bot.settle()
    assert fake.callback_answer(query)["text"].startswith("Спасибо! Теперь вы можете писать")
    assert fake.member_status(GROUP, ANNA) == "member"

    # "Rules and introductions" leads to the bot.
    link = next(b["url"] for b in fake.buttons(welcome) if b.get("url"))
    await say(bot, ANNA, "/start " + link.split("start=", 1)[1])
    assert fake.messages(ANNA)[-2]["text"].startswith("В «Опора» правила пока не записаны")
    assert fake.last_message(ANNA)["text"].startswith("Расскажите о себе")

    # Boris does not press: after a restart, at the deadline, he is removed (not banned).
    await bot.restart()
    bot.clock.advance(10 * 60)
    await fake.wait_for(lambda: fake.member_status(GROUP, BORIS) == "left")
    assert fake.member_status(GROUP, ANNA) == "member"
    await say(bot, ADMIN, f"/start c{GROUP}")
    log = await say(bot, ADMIN, "/modlog")
    assert "Удаление: правила не приняты вовремя: Борис — бот" in log
    assert "Настройка: Проверка новичков (принять правила) → включено — Admin" in log


async def test_the_gate_answers_each_person_in_their_language(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    await open_settings(bot)
    await tap(bot, ADMIN, "🛡 Порядок в группе")
    await tap(bot, ADMIN, "Включить проверку новичков")
    fake.add_user(ANNA, "Anna", language_code="en")
    fake.join(GROUP, ANNA)
    await bot.settle()
    bot.clock.advance(11)
    await bot.settle()
    query = fake.press(ANNA, chat_id=GROUP, button_text="✅ Я принимаю правила")
    await bot.settle()
    assert fake.callback_answer(query)["text"].startswith("Thank you!")
    stranger = 777299
    fake.add_user(stranger, "Sam", language_code="en")
    fake.set_member(GROUP, stranger, "member", emit=False)
    query = fake.press(stranger, chat_id=GROUP, button_text="✅ Я принимаю правила")
    await bot.settle()
    assert not fake.callback_answer(query)["text"].startswith("Эта кнопка")
