"""Help requests end to end: asking, the group post, offers, accept / decline, the relayed
conversation of an anonymous request, resolving and thanks."""

from __future__ import annotations

import json
import logging
import re

import pytest

from tests.harness import BotUnderTest
from tests.steps import GROUP, community

AUTHOR, HELPER, OTHER = 777001, 777002, 777003


async def ask(
    bot: BotUnderTest,
    uid: int,
    *,
    category: str = "Карьера и резюме",
    title: str = "Нужен разбор резюме",
    details: str | None = "Ищу работу аналитиком, резюме не отвечают",
    urgency: str = "на этой неделе",
    visibility: str = "Открыто",
) -> None:
    fake = bot.fake
    fake.send_message(uid, "/ask")
    await bot.settle()
    assert fake.last_message(uid)["text"].startswith("Шаг 1 из 5\nС чем нужна помощь?")
    fake.press(uid, chat_id=uid, button_text=category)
    await bot.settle()
    assert fake.last_message(uid)["text"].startswith("Шаг 2 из 5\nОдной строкой")
    fake.send_message(uid, title)
    await bot.settle()
    assert fake.last_message(uid)["text"].startswith("Шаг 3 из 5\n")
    fake.send_message(uid, details if details is not None else "/skip")
    await bot.settle()
    assert fake.last_message(uid)["text"].startswith("Шаг 4 из 5\n")
    fake.press(uid, chat_id=uid, button_text=urgency)
    await bot.settle()
    assert fake.last_message(uid)["text"].startswith("Шаг 5 из 5\n")
    fake.press(uid, chat_id=uid, button_text=visibility)
    await bot.settle()
    assert fake.last_message(uid)["text"].startswith("Предпросмотр")
    fake.press(uid, chat_id=uid, button_text="Опубликовать")
    await bot.settle()
    await bot.rt.sender.drain()


async def offer_help(bot: BotUnderTest, uid: int, note: str) -> None:
    """The "I can help" button under the group post: a deep link into the private chat."""
    fake = bot.fake
    post = [m for m in fake.messages(GROUP) if fake.buttons(m)][-1]
    url = fake.buttons(post)[0]["url"]
    fake.send_message(uid, "/start " + url.split("start=", 1)[1])
    await bot.settle()
    assert "Чем вы можете помочь?" in fake.last_message(uid)["text"]
    fake.send_message(uid, note)
    await bot.settle()
    await bot.rt.sender.drain()


async def people(bot: BotUnderTest) -> None:
    await community(bot, {})
    fake = bot.fake
    fake.add_user(AUTHOR, "Вероника", username="veronika_secret")
    fake.add_user(HELPER, "Глеб")
    fake.add_user(OTHER, "Дина")
    for uid in (AUTHOR, HELPER, OTHER):
        fake.set_member(GROUP, uid, "member", emit=False)
        fake.send_message(uid, "привет", chat_id=GROUP)
    await bot.settle()


def post_text(bot: BotUnderTest) -> str:
    posts = [m for m in bot.fake.messages(GROUP) if m["text"].startswith("#")]
    return posts[-1]["text"]


async def test_a_public_request_from_asking_to_thanks(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    await ask(bot, AUTHOR)
    assert fake.last_message(AUTHOR)["text"].startswith("Опубликовано.")
    post = post_text(bot)
    assert post.startswith("#карьера · 📅 на этой неделе\nНужен разбор резюме")
    assert "🟢 Открыта" in post and "Просит: Вероника" in post

    await offer_help(bot, HELPER, "Я HR, посмотрю <резюме> & дам советы")
    notice = fake.last_message(AUTHOR)
    assert "Глеб предлагает помощь" in notice["text"]
    assert "Я HR, посмотрю <резюме> & дам советы" in notice["text"]
    assert "Помощь предложил 1 человек" in post_text(bot)
    await offer_help(bot, OTHER, "Могу созвониться")
    assert "Помощь предложили 2 человека" in post_text(bot)

    # Only the author chooses: a forged Accept from someone else changes nothing.
    accept_hp = fake.buttons(fake.last_message(AUTHOR))[0]["callback_data"]
    query = fake.press(HELPER, chat_id=HELPER, callback_data=accept_hp)
    await bot.settle()
    assert fake.callback_answer(query)["show_alert"]

    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Отказаться")  # Дина's offer, the latest
    await bot.settle()
    await bot.rt.sender.drain()
    assert "ваша доброта всё равно важна" in fake.last_message(OTHER)["text"]
    first = next(m for m in fake.messages(AUTHOR) if "Глеб предлагает" in m["text"])
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Принять", message_id=first["message_id"])
    await bot.settle()
    await bot.rt.sender.drain()
    assert "Вам поможет Глеб" in fake.last_message(AUTHOR)["text"]
    assert f'href="tg://user?id={AUTHOR}"' in fake.last_message(HELPER)["html"]
    assert "🤝 Уже помогают" in post_text(bot)
    # Pressing Accept again does nothing more.
    query = fake.press(AUTHOR, chat_id=AUTHOR, callback_data=accept_hp)
    await bot.settle()
    assert fake.callback_answer(query)["show_alert"]

    fake.send_message(AUTHOR, "/myrequests")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Нужен разбор резюме")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Решено")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Поблагодарить в группе")
    await bot.settle()
    await bot.rt.sender.drain()
    thanks = fake.last_message(GROUP)["text"]
    assert thanks.startswith(
        "🙏 Вероника говорит спасибо за помощь с «Нужен разбор резюме»: Глеб"
    )
    assert "благодарит вас за помощь" in fake.last_message(HELPER)["text"]
    assert "✅ Решена" in post_text(bot)
    assert (await bot.rt.help.repo.profile(HELPER)).helped == 1  # type: ignore[union-attr]


def leaks(bot: BotUnderTest, *secrets: str) -> list[str]:
    """Every recorded Bot API call to anyone but the author that mentions a secret."""
    found = []
    for call in bot.fake.calls:
        if call.params.get("chat_id") == AUTHOR:
            continue
        blob = json.dumps(call.params, ensure_ascii=False)
        for secret in secrets:
            if re.search(rf"(?<![0-9]){re.escape(secret)}(?![0-9])", blob):
                found.append(f"{call.method} → {call.params.get('chat_id')}: {secret}")
    return found


async def test_an_anonymous_request_leaves_no_trace_and_relays_both_ways(
    bot: BotUnderTest, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fake = bot.fake
    await people(bot)
    await ask(bot, AUTHOR, visibility="Анонимно", title="Нужен юрист по увольнению")
    post = [m for m in fake.messages(GROUP) if "юрист" in m["text"]][-1]
    assert "Просит" not in post["text"]

    await offer_help(bot, HELPER, "Я юрист по трудовому праву")
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Принять")
    await bot.settle()
    await bot.rt.sender.drain()
    assert "Автор остаётся анонимным" in fake.last_message(HELPER)["text"]

    fake.send_message(HELPER, "Расскажите, что написано в приказе?")
    await bot.settle()
    await bot.rt.sender.drain()
    relayed = fake.last_message(AUTHOR)["text"]
    assert relayed == "💬 Глеб:\nРасскажите, что написано в приказе?"

    await bot.restart()  # the conversation lives in the database
    fake.send_message(AUTHOR, "Сокращение штата, <без> & выплат")
    await bot.settle()
    await bot.rt.sender.drain()
    assert fake.last_message(HELPER)["text"] == (
        "💬 Автор просьбы:\nСокращение штата, <без> & выплат"
    )
    assert fake.last_message(AUTHOR)["text"] == "✓ Передано."

    assert leaks(bot, str(AUTHOR), "Вероника", "veronika_secret") == []
    for record in caplog.records:  # nor in a log line
        if record.name.startswith(("bot", "handlers", "aiogram")):
            line = json.dumps({k: str(v) for k, v in record.__dict__.items()}, ensure_ascii=False)
            assert str(AUTHOR) not in line and "Вероника" not in line, record.getMessage()

    # Revealing is the author's choice; then the helper sees the name.
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Назвать себя")
    await bot.settle()
    await bot.rt.sender.drain()
    revealed = fake.last_message(HELPER)["text"]
    assert "Имя автора просьбы «Нужен юрист по увольнению»: Вероника" in revealed

    fake.press(HELPER, chat_id=HELPER, button_text="Завершить разговор")
    await bot.settle()
    await bot.rt.sender.drain()
    assert "завершён" in fake.last_message(AUTHOR)["text"]
    fake.send_message(HELPER, "ещё одно")
    await bot.settle()
    assert "✓ Передано." not in fake.last_message(HELPER)["text"]
