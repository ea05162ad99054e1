"""Who may do what: owner, Telegram admin, anonymous admin, appointed moderator, member."""

from __future__ import annotations

from bot.services.permissions import Actor, Role
from tests.harness import OWNER_ID, BotUnderTest

GROUP = -1001000000001
ADMIN, MEMBER, MOD = 20, 21, 22


async def community(bot: BotUnderTest) -> None:
    fake = bot.fake
    for uid, name in ((ADMIN, "Admin"), (MEMBER, "Member"), (MOD, "Mod"), (OWNER_ID, "Owner")):
        fake.add_user(uid, name, username=name.lower())
    fake.add_group(GROUP, "Group")
    fake.add_bot_to_group(GROUP, ADMIN)
    fake.set_member(GROUP, ADMIN, "administrator", emit=False)
    for uid in (MEMBER, MOD):
        fake.set_member(GROUP, uid, "member", emit=False)
        fake.send_message(uid, "hi", chat_id=GROUP)
    await bot.settle()


async def test_member_cannot_change_community_settings(bot: BotUnderTest) -> None:
    await community(bot)
    fake = bot.fake
    fake.send_message(MEMBER, "/lang", chat_id=GROUP)
    await bot.settle()
    assert fake.last_message(GROUP)["text"] == "Это могут только модераторы сообщества."


async def test_admin_sets_community_language_by_button(bot: BotUnderTest) -> None:
    await community(bot)
    fake = bot.fake
    fake.send_message(ADMIN, "/lang", chat_id=GROUP)
    await bot.settle()
    fake.press(ADMIN, chat_id=GROUP, button_text="English")
    await bot.settle()
    assert (await bot.rt.communities.get(GROUP)).language == "en"  # type: ignore[union-attr]
    assert fake.last_message(GROUP)["text"] == "Community language: English."
    fake.send_message(MEMBER, "/help", chat_id=GROUP)
    await bot.settle()
    assert "Opora in the group" in fake.last_message(GROUP)["text"]


async def test_forged_callback_from_a_member_is_refused(bot: BotUnderTest) -> None:
    await community(bot)
    fake = bot.fake
    before = await bot.rt.communities.get(GROUP)
    fake.send_message(ADMIN, "/lang", chat_id=GROUP)
    await bot.settle()
    # The member presses the admin's keyboard, and also forges the data outright.
    fake.press(MEMBER, chat_id=GROUP, button_text="English")
    fake.press(MEMBER, chat_id=GROUP, callback_data=f"tz:0:{GROUP}")
    await bot.settle()
    answers = [c.params for c in fake.calls_of("answerCallbackQuery")]
    assert [a.get("text") for a in answers] == ["Это действие вам недоступно."] * 2
    assert all(a.get("show_alert") for a in answers)
    community_row = await bot.rt.communities.get(GROUP)
    assert before is not None and before.language == "ru"  # the adding admin's language
    assert community_row == before


async def test_anonymous_admin_counts_as_admin(bot: BotUnderTest) -> None:
    await community(bot)
    fake = bot.fake
    fake.send_message(ADMIN, "/timezone", chat_id=GROUP, as_chat=True)
    await bot.settle()
    assert "Часовой пояс сообщества" in fake.last_message(GROUP)["text"]


async def test_admin_appoints_a_moderator_who_then_moderates(bot: BotUnderTest) -> None:
    await community(bot)
    fake = bot.fake
    fake.send_message(MEMBER, "/mod @mod", chat_id=GROUP)
    await bot.settle()
    assert fake.last_message(GROUP)["text"] == "Это могут только администраторы группы."
    fake.send_message(ADMIN, "/mod @mod", chat_id=GROUP)
    await bot.settle()
    assert fake.last_message(GROUP)["text"] == "Mod теперь модератор сообщества."
    assert 'href="tg://user?id=22"' in fake.last_message(GROUP)["html"]
    fake.send_message(MOD, "/timezone", chat_id=GROUP)
    await bot.settle()
    fake.press(MOD, chat_id=GROUP, button_text="Берлин (UTC+1)")
    await bot.settle()
    assert (await bot.rt.communities.get(GROUP)).timezone == "Europe/Berlin"  # type: ignore[union-attr]
    # A moderator may not appoint others.
    fake.send_message(MOD, "/mod @member", chat_id=GROUP)
    await bot.settle()
    assert fake.last_message(GROUP)["text"] == "Это могут только администраторы группы."
    fake.send_message(ADMIN, "/unmod @mod", chat_id=GROUP)
    await bot.settle()
    assert fake.last_message(GROUP)["text"] == "Mod больше не модератор."
    assert not await bot.rt.communities.is_moderator(GROUP, MOD)


async def test_mod_by_reply_and_usage(bot: BotUnderTest) -> None:
    await community(bot)
    fake = bot.fake
    said = fake.send_message(MEMBER, "I can help", chat_id=GROUP)
    fake.send_message(ADMIN, "/mod", chat_id=GROUP, reply_to_message_id=said["message_id"])
    await bot.settle()
    assert await bot.rt.communities.is_moderator(GROUP, MEMBER)
    fake.send_message(ADMIN, "/mod @nobody_known", chat_id=GROUP)
    await bot.settle()
    assert "Ответьте этой командой" in fake.last_message(GROUP)["text"]


async def test_owner_may_everything(bot: BotUnderTest) -> None:
    await community(bot)
    fake = bot.fake
    fake.set_member(GROUP, OWNER_ID, "member", emit=False)
    fake.send_message(OWNER_ID, "/mod @member", chat_id=GROUP)
    await bot.settle()
    assert await bot.rt.communities.is_moderator(GROUP, MEMBER)


async def test_admin_list_is_cached_and_refreshed_on_change(bot: BotUnderTest) -> None:
    await community(bot)
    fake = bot.fake
    before = len(fake.calls_of("getChatAdministrators"))
    for _ in range(3):
        fake.send_message(MEMBER, "/lang", chat_id=GROUP)
    await bot.settle()
    assert len(fake.calls_of("getChatAdministrators")) - before <= 1
    fake.set_member(GROUP, MEMBER, "administrator")  # promoted: a chat_member update
    await bot.settle()
    fake.send_message(MEMBER, "/lang", chat_id=GROUP)
    await bot.settle()
    assert fake.last_message(GROUP)["text"] == "Выберите язык сообщества (на нём я пишу в группе):"


async def test_mod_in_a_forum_topic_does_not_pick_the_topic_starter(bot: BotUnderTest) -> None:
    fake = bot.fake
    forum = -1001000000077
    fake.add_user(ADMIN, "Admin")
    fake.add_user(MEMBER, "Starter")
    fake.add_group(forum, "Forum", is_forum=True)
    fake.set_member(forum, ADMIN, "creator", emit=False)
    fake.set_member(forum, MEMBER, "member", emit=False)
    fake.add_bot_to_group(forum, ADMIN)
    await bot.settle()
    topic_root = {
        "message_id": 500,
        "date": 0,
        "message_thread_id": 500,
        "is_topic_message": True,
        "chat": {"id": forum, "type": "supergroup", "title": "Forum", "is_forum": True},
        "from": {"id": MEMBER, "is_bot": False, "first_name": "Starter"},
        "forum_topic_created": {"name": "Jobs", "icon_color": 7322096},
    }
    fake.inject_update(
        {
            "message": {
                "message_id": 501,
                "date": 0,
                "message_thread_id": 500,
                "is_topic_message": True,
                "chat": {"id": forum, "type": "supergroup", "title": "Forum", "is_forum": True},
                "from": {"id": ADMIN, "is_bot": False, "first_name": "Admin"},
                "text": "/mod",
                "entities": [{"type": "bot_command", "offset": 0, "length": 4}],
                "reply_to_message": topic_root,
            }
        }
    )
    await bot.settle()
    assert not await bot.rt.communities.is_moderator(forum, MEMBER)
    assert "Ответьте этой командой" in fake.last_message(forum)["text"]


async def test_a_banned_member_loses_the_community(bot: BotUnderTest) -> None:
    await community(bot)
    fake = bot.fake
    fake.send_message(MEMBER, "/start")
    await bot.settle()
    assert (await bot.rt.users.get(MEMBER)).current_community_id == GROUP  # type: ignore[union-attr]
    fake.set_member(GROUP, MEMBER, "kicked")  # banned by an admin: a chat_member update
    await bot.settle()
    assert await bot.rt.permissions.role(GROUP, Actor(MEMBER)) is Role.BANNED
    fake.send_message(MEMBER, "/start")
    await bot.settle()
    assert "Я пока не знаю ни одного вашего сообщества" in fake.last_message(MEMBER)["text"]
    fake.press(MEMBER, chat_id=MEMBER, callback_data=f"c:{GROUP}")  # forged choice
    await bot.settle()
    answer = fake.calls_of("answerCallbackQuery")[-1].params
    assert answer["text"] == "Вы не состоите в этом сообществе."


async def test_permissions_survive_a_restart(bot: BotUnderTest) -> None:
    await community(bot)
    fake = bot.fake
    fake.send_message(ADMIN, "/mod @mod", chat_id=GROUP)
    await bot.settle()
    await bot.restart()
    fake.send_message(MOD, "/lang", chat_id=GROUP)
    await bot.settle()
    assert fake.last_message(GROUP)["text"].startswith("Выберите язык сообщества")
