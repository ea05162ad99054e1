"""Steps several end-to-end tests share: a community with members, check-ins turned on by its
moderator through /settings, a check-in through the buttons."""

from __future__ import annotations

from tests.harness import BotUnderTest

GROUP = -1001000000001
ADMIN = 10


async def community(bot: BotUnderTest, members: dict[int, str], title: str = "Опора") -> None:
    """A group with its creator (ADMIN) and members who have written there once."""
    fake = bot.fake
    fake.add_user(ADMIN, "Admin")
    fake.add_group(GROUP, title)
    fake.set_member(GROUP, ADMIN, "creator", emit=False)
    fake.add_bot_to_group(GROUP, ADMIN)
    for uid, name in members.items():
        fake.add_user(uid, name, language_code="ru")
        fake.set_member(GROUP, uid, "member", emit=False)
        fake.send_message(uid, "привет", chat_id=GROUP)
    await bot.settle()


async def open_settings(bot: BotUnderTest, admin: int = ADMIN, group: int = GROUP) -> None:
    """/settings in the group → the deep link it offers → the settings menu in private."""
    fake = bot.fake
    fake.send_message(admin, "/settings", chat_id=group)
    await bot.settle()
    url = fake.buttons(fake.last_message(group))[0]["url"]
    payload = url.split("start=", 1)[1]
    fake.send_message(admin, f"/start {payload}")
    await bot.settle()


async def enable_checkins(bot: BotUnderTest, admin: int = ADMIN, group: int = GROUP) -> None:
    fake = bot.fake
    await open_settings(bot, admin, group)
    fake.press(admin, chat_id=admin, button_text="Отметки")
    await bot.settle()
    fake.press(admin, chat_id=admin, button_text="Включить отметки")
    await bot.settle()


async def checkin(
    bot: BotUnderTest, uid: int, mood: str, note: str | None, tags: list[str]
) -> None:
    fake = bot.fake
    fake.send_message(uid, "/checkin")
    await bot.settle()
    fake.press(uid, chat_id=uid, button_text=mood)
    await bot.settle()
    fake.send_message(uid, note if note is not None else "/skip")
    await bot.settle()
    for tag in tags:
        fake.press(uid, chat_id=uid, button_text=tag)
        await bot.settle()
    fake.press(
        uid,
        chat_id=uid,
        button_text="Сохранить" if "О чём" in fake.last_message(uid)["text"] else "Save",
    )
    await bot.settle()


async def join_checkins(bot: BotUnderTest, uid: int, group: int = GROUP) -> None:
    """The member's own opt-in: the invitation's deep link, then "Join"."""
    fake = bot.fake
    fake.send_message(uid, f"/start ci{group}")
    await bot.settle()
    fake.press(uid, chat_id=uid, button_text="Присоединиться к отметкам сообщества")
    await bot.settle()
