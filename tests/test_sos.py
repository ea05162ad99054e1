"""/sos: help for a hard moment, one tap from anywhere — the crisis lines first, then the
community's listeners, then an anonymous request for support. Never empty: for someone with no
community, in a group, and with the database gone."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiogram.fsm.storage.base import StorageKey

from bot.views.cleanup import HINT_LIFETIME
from tests.harness import BotUnderTest
from tests.steps import GROUP, checkin, community
from tests.test_membership import QUIET, quiet_member, say

SOS_RU = "🆘 Нужна помощь сейчас"
SOS_EN = "🆘 I need help now"


def remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


async def listener(bot: BotUnderTest, uid: int = 22) -> None:
    bot.fake.send_message(uid, "/listener", chat_id=GROUP)
    await bot.settle()


async def test_a_member_who_never_wrote_gets_lines_people_and_a_request_in_two_actions(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    await community(bot, {22: "Глеб"})
    await listener(bot)
    await quiet_member(bot)
    # One action: /sos. Lines first, then the people who listen, then the request.
    screen = await say(bot, QUIET, "/sos")
    assert screen.startswith("🆘 Помощь прямо сейчас")
    lines, people, request = (screen.index(s) for s in ("112", "Глеб", "Попросить группу"))
    assert lines < people < request
    assert "8-800-2000-122" in screen  # serves adults across Russia, not only Moscow
    labels = [b["text"] for b in fake.buttons(fake.last_message(QUIET))]
    assert labels[-1] == "🙋 Попросить группу анонимно"
    # Two: "ask the group" opens the request for support, anonymous, at its title.
    fake.press(QUIET, chat_id=QUIET, button_text="🙋 Попросить группу анонимно")
    await bot.settle()
    form = await fake_form(bot)
    assert form.get("category") == "health" and form.get("visibility") == "anonymous"
    assert "Шаг" in fake.last_message(QUIET)["text"]


async def fake_form(bot: BotUnderTest) -> dict[str, object]:
    """The answers the person's form holds now."""
    key = StorageKey(bot_id=bot.rt.bot.id, chat_id=QUIET, user_id=QUIET)
    return dict((await bot.rt.dispatcher.storage.get_data(key))["values"])


async def test_no_community_gets_the_built_in_lines_in_english(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(41, "Guest", language_code="en")
    screen = await say(bot, 41, "/sos")
    assert screen.startswith("🆘 Help right now")
    assert "988" in screen and "116 123" in screen and "findahelpline.com" in screen
    assert "Open Opora" in screen and "/community" not in screen  # never the circle
    assert not fake.buttons(fake.last_message(41))


async def test_several_communities_offer_the_choice_with_the_lines(bot: BotUnderTest) -> None:
    fake = bot.fake
    await community(bot, {22: "Глеб"})
    other = GROUP - 7
    fake.add_group(other, "Вторая")
    fake.set_member(other, 10, "creator", emit=False)
    fake.add_bot_to_group(other, 10)
    fake.set_member(other, 22, "member", emit=False)
    fake.send_message(22, "и тут привет", chat_id=other)
    await bot.settle()
    screen = await say(bot, 22, "/sos")
    assert "112" in screen and "Выберите, в каком" in screen
    labels = [b["text"] for b in fake.buttons(fake.last_message(22))]
    assert labels == ["Опора", "Вторая"] or sorted(labels) == ["Вторая", "Опора"]


async def test_the_button_is_everywhere_a_hard_moment_may_be(bot: BotUnderTest) -> None:
    fake = bot.fake
    await community(bot, {22: "Глеб"})
    for command in ("/start", "/help", "/ask", "/requests", "/myrequests"):
        fake.send_message(22, command)
        await bot.settle()
        labels = [b["text"] for b in fake.buttons(fake.last_message(22))]
        assert any("Нужна помощь сейчас" in x or "Мне нужна помощь" in x for x in labels), command
        fake.send_message(22, "/cancel")
        await bot.settle()
    # A hard day: sympathy and /sos first, the counting after.
    await checkin(bot, 22, "Очень тяжело", None, [])
    reply = fake.last_message(22)
    assert reply["text"].startswith("Сочувствую")
    assert reply["text"].index("/sos") < reply["text"].index("подряд")
    assert fake.buttons(reply)[0]["text"] == SOS_RU
    fake.press(22, chat_id=22, button_text=SOS_RU)
    await bot.settle()
    assert fake.last_message(22)["text"].startswith("🆘 Помощь прямо сейчас")


async def test_in_the_group_the_lines_there_and_the_rest_in_private(bot: BotUnderTest) -> None:
    fake = bot.fake
    await community(bot, {22: "Глеб", 23: "Зоя"})
    await listener(bot)
    fake.send_message(23, "/sos", chat_id=GROUP)
    await bot.settle()
    answer = fake.last_message(GROUP)
    assert "112" in answer["text"] and "Глеб" not in answer["text"]  # people: in private
    url = fake.buttons(answer)[0]["url"]
    payload = url.split("start=", 1)[1]
    screen = await say(bot, 23, f"/start {payload}")
    assert screen.startswith("🆘 Помощь прямо сейчас") and "Глеб" in screen
    # The hard moment does not stay on the group's screen.
    bot.clock.advance(HINT_LIFETIME + 1)
    await bot.settle()
    deleted = {int(c.params["message_id"]) for c in fake.calls_of("deleteMessage")}
    assert {answer["message_id"], answer["reply_to_message"]["message_id"]} <= deleted


@pytest.mark.expect_errors
async def test_sos_with_the_database_file_removed(bot: BotUnderTest) -> None:
    fake = bot.fake
    await community(bot, {22: "Глеб"})
    fake.add_user(44, "Bob", language_code="en")
    await checkin(bot, 22, "Очень тяжело", None, [])
    path = bot.rt.settings.database_path
    remove_database(path)
    # The file is gone: nothing more can be stored (the open handle is read-only now).
    await bot.rt.db.execute("PRAGMA query_only = ON")
    fake.send_message(22, "/sos")
    fake.send_message(44, "/sos")
    fake.send_message(22, "/sos", chat_id=GROUP)
    fake.press(22, chat_id=22, button_text=SOS_RU)
    await fake.wait_for(
        lambda: len([m for m in fake.messages(22) if "8-800-2000-122" in m["text"]]) >= 2
    )
    await fake.wait_for(lambda: any("Samaritans" in m["text"] for m in fake.messages(44)))
    await fake.wait_for(lambda: any("112" in m["text"] for m in fake.messages(GROUP)))
    told = [m["text"] for m in fake.messages(22) if "8-800-2000-122" in m["text"]]
    assert all(t.startswith("🆘 Помощь прямо сейчас") for t in told)
    assert "перебоями" in told[0]
    assert not any(m["text"].startswith("Бот ненадолго недоступен") for m in fake.messages(22))

    # Started again on no file at all: a new, empty database, and /sos still answers.
    await bot.rt.db.execute("PRAGMA query_only = OFF")
    await bot.stop()
    remove_database(path)
    await bot.start()
    screen = await say(bot, 44, "/sos")
    assert screen.startswith("🆘 Help right now") and "988" in screen
