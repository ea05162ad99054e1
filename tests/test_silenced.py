"""A member who may not write in the group cannot make the bot write there for them: muted (by
a moderator here or by an admin in Telegram), their vacancy, request and profile stay with them,
they are told why, and it all goes once they may write again."""

from __future__ import annotations

from tests.harness import BotUnderTest
from tests.steps import ADMIN, GROUP
from tests.test_cv import make_profile, say, tap
from tests.test_requests import AUTHOR, people
from tests.test_sanctions import command, post
from tests.test_vacancies import prepare_vacancy

SILENCED = "Сейчас вы не можете писать в группе"


def in_group(bot: BotUnderTest, needle: str) -> list[str]:
    return [m["text"] for m in bot.fake.messages(GROUP) if needle in m["text"]]


async def test_a_muted_member_cannot_post_through_the_bot(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    spam = await post(bot, AUTHOR, "Купите курсы!!!")
    await command(bot, ADMIN, "/mute 1d реклама", spam)
    await bot.rt.sender.drain()

    # A vacancy: refused, the preview kept.
    await prepare_vacancy(bot, AUTHOR)
    assert (await tap(bot, AUTHOR, "Опубликовать")).startswith(SILENCED)
    assert not in_group(bot, "Python-разработчик")
    # A request: refused, the preview kept.
    await say(bot, AUTHOR, "/ask")
    await tap(bot, AUTHOR, "Карьера и резюме")
    await say(bot, AUTHOR, "Нужен разбор резюме")
    await say(bot, AUTHOR, "/skip")
    await tap(bot, AUTHOR, "на этой неделе")
    await tap(bot, AUTHOR, "Открыто")
    assert (await tap(bot, AUTHOR, "Опубликовать")).startswith(SILENCED)
    assert not in_group(bot, "Нужен разбор резюме")
    # Unmuted: the request the member prepared goes as it was.
    await command(bot, ADMIN, "/unmute", spam)
    # The request's preview is still there, with its button (it becomes the confirmation).
    await tap(bot, AUTHOR, "Опубликовать")
    assert any(m["text"].startswith("Опубликовано.") for m in fake.messages(AUTHOR))
    await bot.rt.sender.drain()
    assert in_group(bot, "Нужен разбор резюме")


async def test_an_admins_own_telegram_restriction_counts_too(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    fake.set_member(GROUP, AUTHOR, "restricted", permissions={"can_send_messages": False})
    # The profile: saved, not shared.
    await make_profile(bot, AUTHOR)
    await say(bot, AUTHOR, "/cv")
    query = fake.press(AUTHOR, chat_id=AUTHOR, button_text="Поделиться с группой")
    await bot.settle()
    assert fake.callback_answer(query)["text"].startswith(SILENCED)
    assert not in_group(bot, "#ищу")

    await prepare_vacancy(bot, AUTHOR)
    assert (await tap(bot, AUTHOR, "Опубликовать")).startswith(SILENCED)
    fake.set_member(GROUP, AUTHOR, "member")
    await tap(bot, AUTHOR, "Опубликовать")
    await bot.rt.sender.drain()
    assert in_group(bot, "Python-разработчик")
