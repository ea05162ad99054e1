"""A group becomes a community; members are tracked; group → supergroup keeps everything."""

from __future__ import annotations

from tests.harness import BotUnderTest

GROUP = -1001000000001
OTHER = -1001000000002


async def test_added_as_admin_registers_and_greets(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(10, "Admin")
    fake.add_group(GROUP, "Опора Москва")
    fake.add_bot_to_group(GROUP, 10, status="administrator")
    await bot.settle()
    community = await bot.rt.communities.get(GROUP)
    assert community is not None and community.active and community.title == "Опора Москва"
    greeting = fake.last_message(GROUP)["text"]
    assert "Дальше, администраторам: нажмите «⚙️ Настроить»" in greeting
    membership = await bot.rt.communities.membership(GROUP, 10)
    assert membership is not None and membership.active


async def test_added_as_member_asks_for_admin_then_promoted(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(10, "Admin")
    fake.add_group(GROUP, "Group")
    fake.add_bot_to_group(GROUP, 10, status="member")
    await bot.settle()
    assert "сделайте меня администратором" in fake.last_message(GROUP)["text"]
    fake.set_member(GROUP, fake.bot_id, "administrator")
    await bot.settle()
    assert fake.last_message(GROUP)["text"].startswith("Спасибо! Теперь я администратор")


async def test_removed_then_readded(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(10, "Admin")
    fake.add_group(GROUP, "Group")
    fake.add_bot_to_group(GROUP, 10)
    await bot.settle()
    fake.remove_bot_from_group(GROUP, 10)
    await bot.settle()
    assert not (await bot.rt.communities.get(GROUP)).active  # type: ignore[union-attr]
    fake.add_bot_to_group(GROUP, 10)
    await bot.settle()
    assert (await bot.rt.communities.get(GROUP)).active  # type: ignore[union-attr]


async def test_members_tracked_from_messages_and_chat_member_updates(bot: BotUnderTest) -> None:
    fake = bot.fake
    for uid in (10, 11, 12):
        fake.add_user(uid, f"U{uid}")
    fake.add_group(GROUP, "Group")
    fake.add_bot_to_group(GROUP, 10)
    fake.set_member(GROUP, 11, "member", emit=False)
    fake.send_message(11, "привет всем", chat_id=GROUP)
    fake.join(GROUP, 12)
    await bot.settle()
    assert (await bot.rt.communities.membership(GROUP, 11)).active  # type: ignore[union-attr]
    assert (await bot.rt.communities.membership(GROUP, 12)).active  # type: ignore[union-attr]
    fake.leave(GROUP, 12)
    await bot.settle()
    left = await bot.rt.communities.membership(GROUP, 12)
    assert left is not None and left.status == "left"
    assert [m["text"] for m in fake.messages(GROUP)][-1].startswith("Здравствуйте")  # no chatter


async def test_migration_to_supergroup_keeps_data(bot: BotUnderTest) -> None:
    fake = bot.fake
    old, new = -4000001, -1004000001
    fake.add_user(10, "Admin")
    fake.add_user(11, "Member")
    fake.add_group(old, "Little group", type="group")
    fake.add_bot_to_group(old, 10)
    fake.set_member(old, 11, "member", emit=False)
    fake.send_message(11, "hi", chat_id=old)
    await bot.settle()
    await bot.rt.communities.set_language(old, "en")
    await bot.rt.communities.add_moderator(old, 11, 10)
    await bot.rt.sender.enqueue(old, "queued before the move", at=bot.clock.time() + 3600)

    fake.migrate_group(old, new)
    await bot.settle()
    assert await bot.rt.communities.get(old) is None
    moved = await bot.rt.communities.get(new)
    assert moved is not None and moved.language == "en" and moved.chat_type == "supergroup"
    assert (await bot.rt.communities.membership(new, 11)).active  # type: ignore[union-attr]
    assert await bot.rt.communities.is_moderator(new, 11)
    pending = await bot.rt.db.fetchall("SELECT chat_id FROM outbox WHERE status = 'pending'")
    assert [r[0] for r in pending] == [new]


async def test_forum_topic_reply_goes_to_the_topic(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(10, "Admin")
    fake.add_group(GROUP, "Forum", is_forum=True)
    fake.set_member(GROUP, 10, "creator", emit=False)
    fake.add_bot_to_group(GROUP, 10)
    await bot.settle()
    fake.send_message(10, "/help", chat_id=GROUP, thread_id=77)
    await bot.settle()
    reply = fake.last_message(GROUP)
    assert reply.get("message_thread_id") == 77
    assert "Опора в группе" in reply["text"]


async def test_group_start_hint_links_to_private_and_is_deleted_later(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(11, "Member")
    fake.add_group(GROUP, "Group")
    fake.set_member(GROUP, 11, "creator", emit=False)
    fake.add_bot_to_group(GROUP, 11)
    await bot.settle()
    fake.send_message(11, "/start", chat_id=GROUP)
    await bot.settle()
    hint = fake.last_message(GROUP)
    url = fake.buttons(hint)[0]["url"]
    assert url == f"https://t.me/{fake.bot_username}?start=c{GROUP}"
    bot.clock.advance(121)
    await fake.wait_call("deleteMessage", chat_id=GROUP, message_id=hint["message_id"])
    assert all(m["message_id"] != hint["message_id"] for m in fake.messages(GROUP))


async def test_community_selection(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(10, "Admin")
    fake.add_user(11, "Member", language_code="en")
    fake.add_group(GROUP, "Alpha")
    fake.add_group(OTHER, "Beta")
    fake.add_bot_to_group(GROUP, 10)
    fake.add_bot_to_group(OTHER, 10)
    for chat in (GROUP, OTHER):
        fake.set_member(chat, 11, "member", emit=False)
        fake.send_message(11, "hi", chat_id=chat)
    await bot.settle()

    fake.send_message(11, "/start")
    await bot.settle()
    welcome, choice = fake.messages(11)[-2:]
    assert "You are in 2 communities" in welcome["text"]
    assert [b["text"] for b in fake.buttons(choice)] == ["Alpha", "Beta"]
    fake.send_message(11, "/community")
    await bot.settle()
    assert [b["text"] for b in fake.buttons(fake.last_message(11))] == ["Alpha", "Beta"]
    fake.press(11, chat_id=11, button_text="Beta")
    await bot.settle()
    assert "you now act for the community <b>Beta</b>" in fake.last_message(11)["html"]
    fake.send_message(11, "/start")
    await bot.settle()
    assert "You act for the community Beta" in fake.last_message(11)["text"]


async def test_deep_link_selects_the_community(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(10, "Admin")
    fake.add_user(11, "Member", language_code="en")
    fake.add_group(GROUP, "Alpha")
    fake.add_bot_to_group(GROUP, 10)
    fake.set_member(GROUP, 11, "member", emit=False)  # never wrote in the group
    await bot.settle()
    fake.send_message(11, f"/start c{GROUP}")
    await bot.settle()
    assert "you now act for the community Alpha" in fake.last_message(11)["text"]
    assert (await bot.rt.users.get(11)).current_community_id == GROUP  # type: ignore[union-attr]


async def test_deep_link_to_a_group_the_person_is_not_in(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(10, "Admin")
    fake.add_user(12, "Stranger", language_code="en")
    fake.add_group(GROUP, "Alpha")
    fake.add_bot_to_group(GROUP, 10)
    await bot.settle()
    fake.send_message(12, f"/start c{GROUP}")
    await bot.settle()
    assert "Telegram says you are not in that group" in fake.last_message(12)["text"]
    fake.press(12, chat_id=12, callback_data=f"c:{GROUP}")  # forged
    await bot.settle()
    answer = fake.calls_of("answerCallbackQuery")[-1].params
    assert answer["text"] == "You are not a member of that community."
    assert (await bot.rt.users.get(12)).current_community_id is None  # type: ignore[union-attr]


async def test_a_long_community_list_is_paginated(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(10, "Admin")
    fake.add_user(11, "Member", language_code="en")
    chats = [-1001000000100 - i for i in range(10)]
    for i, chat in enumerate(chats):
        fake.add_group(chat, f"Group {i:02d}")
        fake.set_member(chat, 10, "creator", emit=False)
        fake.add_bot_to_group(chat, 10)
        fake.set_member(chat, 11, "member", emit=False)
        fake.send_message(11, "hi", chat_id=chat)
    await bot.settle()
    fake.send_message(11, "/community")
    await bot.settle()
    labels = [b["text"] for b in fake.buttons(fake.last_message(11))]
    assert labels[:8] == [f"Group {i:02d}" for i in range(8)]
    assert labels[8:] == ["1/2", "Next ›"]
    fake.press(11, chat_id=11, button_text="Next ›")
    await bot.settle()
    labels = [b["text"] for b in fake.buttons(fake.last_message(11))]
    assert labels == ["Group 08", "Group 09", "‹ Back", "2/2"]
    fake.press(11, chat_id=11, button_text="Group 09")
    await bot.settle()
    assert (await bot.rt.users.get(11)).current_community_id == chats[9]  # type: ignore[union-attr]


async def test_a_command_sent_just_before_the_group_moved_is_answered_in_the_new_one(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    old, new = -4000002, -1004000002
    fake.add_user(10, "Admin")
    fake.add_group(old, "Little group", type="group")
    fake.set_member(old, 10, "creator", emit=False)
    fake.add_bot_to_group(old, 10)
    await bot.settle()
    # /settings reaches the bot from the old group; by the time it answers, the group moved.
    fake.send_message(10, "/settings", chat_id=old)
    fake.migrate_group(old, new)
    await bot.settle()  # and nothing logged as an error (the fixture checks)
    assert fake.last_message(new)["text"].startswith("Группа только что стала супергруппой")
    assert await bot.rt.communities.get(new) is not None
    fake.send_message(10, "/settings", chat_id=new)
    await bot.settle()
    reply = fake.last_message(new)
    assert fake.buttons(reply) and "start=" in fake.buttons(reply)[0]["url"], reply["text"]


async def test_choosing_a_community_that_just_moved_changes_nothing(bot: BotUnderTest) -> None:
    bot.fake.add_user(11, "Member")
    bot.fake.open_private_chat(11)
    assert not await bot.rt.users.set_current_community(11, -4000003)  # no such community
    user = await bot.rt.users.get(11)
    assert user is None or user.current_community_id is None
