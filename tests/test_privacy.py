"""/mydata exports everything about a person; /forget removes it and keeps others' records."""

from __future__ import annotations

import json

from tests.harness import BotUnderTest

GROUP = -1001000000001


async def setup(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(10, "Admin")
    fake.add_user(42, "Аня", username="anya")
    fake.add_group(GROUP, "Опора")
    fake.set_member(GROUP, 10, "creator", emit=False)
    fake.add_bot_to_group(GROUP, 10)
    fake.set_member(GROUP, 42, "member", emit=False)
    fake.send_message(42, "привет", chat_id=GROUP)
    fake.send_message(42, "/timezone")
    await bot.settle()
    await bot.rt.communities.add_moderator(GROUP, 42, appointed_by=10)
    await bot.rt.communities.add_moderator(GROUP, 10, appointed_by=42)


async def test_mydata_sends_a_json_file_with_everything(bot: BotUnderTest) -> None:
    await setup(bot)
    fake = bot.fake
    fake.send_message(42, "/mydata")
    await bot.settle()
    document = fake.documents(42)[-1]
    data = json.loads(document["content"])
    assert data["user_id"] == 42
    tables = data["tables"]
    assert tables["users"][0]["first_name"] == "Аня"
    assert tables["memberships"][0]["chat_id"] == GROUP
    assert {r["user_id"] for r in tables["moderators"]} == {42}
    assert "fsm_states" not in tables or tables["fsm_states"][0]["user_id"] == 42
    assert document["file_name"].endswith(".json")


async def test_forget_deletes_and_anonymizes(bot: BotUnderTest) -> None:
    await setup(bot)
    fake = bot.fake
    fake.send_message(42, "/forget")
    await bot.settle()
    fake.press(42, chat_id=42, button_text="Нет, оставить")
    await bot.settle()
    assert fake.last_message(42)["text"] == "Хорошо, ничего не удалено."
    assert await bot.rt.users.get(42) is not None

    fake.send_message(42, "/forget")
    await bot.settle()
    fake.press(42, chat_id=42, button_text="Да, удалить")
    await bot.settle()
    assert fake.last_message(42)["text"].startswith("Готово: удален")
    assert await bot.rt.users.get(42) is None
    assert await bot.rt.communities.membership(GROUP, 42) is None
    assert not await bot.rt.communities.is_moderator(GROUP, 42)
    # Admin 10 stays a moderator; the record just no longer says who appointed them.
    row = await bot.rt.db.fetchone("SELECT appointed_by FROM moderators WHERE user_id = 10")
    assert row is not None and row[0] is None
    leftovers = await bot.rt.db.fetchval("SELECT COUNT(*) FROM fsm_states WHERE user_id = 42")
    assert leftovers == 0


async def test_forged_forget_from_a_group_is_refused(bot: BotUnderTest) -> None:
    await setup(bot)
    fake = bot.fake
    fake.send_message(10, "/lang", chat_id=GROUP)
    await bot.settle()
    fake.press(42, chat_id=GROUP, callback_data="forget:1")
    await bot.settle()
    assert fake.calls_of("answerCallbackQuery")[-1].params["text"] == "Это действие вам недоступно."
    assert await bot.rt.users.get(42) is not None


async def test_privacy_commands_in_a_group_point_to_private(bot: BotUnderTest) -> None:
    await setup(bot)
    fake = bot.fake
    fake.send_message(42, "/mydata", chat_id=GROUP)
    await bot.settle()
    assert fake.last_message(GROUP)["text"] == "О ваших данных — только в личных сообщениях."
    assert not fake.documents(GROUP)
