"""What every step-by-step form does the same way, because one engine runs them all: the form's
command sent again after a restart goes on at the same step, a photo instead of an answer is
refused with a reason, a field changed from the preview shows what it says now and can be kept,
"which field?" has a way back, and /cancel ends any of them."""

from __future__ import annotations

import pytest

from bot.services.community_settings import MEETINGS_WHO
from tests.harness import BotUnderTest
from tests.steps import ADMIN, GROUP
from tests.test_cv import say, tap
from tests.test_requests import AUTHOR, people

# form → (the command, the taps and answers that reach its second question, that question)
FORMS = {
    "ask": ("/ask", ["Карьера и резюме"], "Шаг 2 из 5\nОдной строкой"),
    "vacancy": ("/vacancy", ["✍️ По шагам", "Аналитик данных"], "Шаг 2 из 11\n"),
    "meet": ("/meet", ["Разбор резюме"], "Шаг 2 из 8\n"),
    "intro": ("/intro", ["Потеряла работу в марте"], "Шаг 2 из 3\n"),
    "cv": ("/cv", ["Аналитик данных"], "Шаг 2 из 9\nВаш уровень"),
}
TAPS = {"Карьера и резюме", "✍️ По шагам"}


async def reach_second_question(bot: BotUnderTest, form: str) -> str:
    command, steps, _ = FORMS[form]
    shown = await say(bot, AUTHOR, command)
    for step in steps:
        shown = await (tap if step in TAPS else say)(bot, AUTHOR, step)
    return shown


@pytest.mark.parametrize("form", list(FORMS))
async def test_every_form_resumes_after_a_restart_and_refuses_a_photo(
    bot: BotUnderTest, form: str
) -> None:
    fake = bot.fake
    await people(bot)
    await bot.rt.community_settings.set(GROUP, MEETINGS_WHO, "members", ADMIN)
    second = FORMS[form][2]
    assert (await reach_second_question(bot, form)).startswith(second)

    fake.send_photo(AUTHOR)
    await bot.settle()
    refusal = fake.last_message(AUTHOR)["text"]
    assert "текстом" in refusal or "кнопкой" in refusal  # said, not lost to the fallback

    await bot.restart()
    resumed = await say(bot, AUTHOR, FORMS[form][0])
    assert resumed.startswith(second)  # the same question, not the form from its start
    assert fake.messages(AUTHOR)[-2]["text"].startswith("↩️ Продолжим с того места")

    assert (await say(bot, AUTHOR, "/cancel")).startswith("Хорошо, вышли из формы")
    assert not (await say(bot, AUTHOR, "/skip")).startswith(second)


async def test_a_field_changed_from_the_preview_shows_its_value_and_can_be_kept(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    await people(bot)
    await say(bot, AUTHOR, "/ask")
    await tap(bot, AUTHOR, "Карьера и резюме")
    await say(bot, AUTHOR, "Нужен разбор резюме")
    await tap(bot, AUTHOR, "Пропустить")  # details: optional, a button as well as /skip
    await tap(bot, AUTHOR, "на этой неделе")
    preview = await tap(bot, AUTHOR, "Открыто")
    assert preview.startswith("Предпросмотр")

    asked = await tap(bot, AUTHOR, "✏️ Заголовок")
    assert asked.startswith("Одной строкой") and "Шаг" not in asked
    assert "Сейчас: Нужен разбор резюме" in asked
    assert (await tap(bot, AUTHOR, "Оставить как есть")).startswith("Предпросмотр")
    assert "Нужен разбор резюме" in fake.last_message(AUTHOR)["text"]

    await tap(bot, AUTHOR, "✏️ Заголовок")
    changed = await say(bot, AUTHOR, "Нужен совет по собеседованию")
    assert changed.startswith("Предпросмотр") and "Нужен совет по собеседованию" in changed


async def test_which_field_has_a_way_back_to_the_preview(bot: BotUnderTest) -> None:
    await people(bot)
    await reach_second_question(bot, "intro")
    await say(bot, AUTHOR, "/skip")
    preview = await say(bot, AUTHOR, "/skip")
    assert preview.startswith("Предпросмотр")
    assert (await tap(bot, AUTHOR, "✏️ Изменить")).startswith("Какой ответ изменить?")
    assert (await tap(bot, AUTHOR, "‹ Назад")) == preview
