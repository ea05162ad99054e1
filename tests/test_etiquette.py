"""Group etiquette (issue 16, item 9): every command typed in the group gets a short answer or a
button that goes on in private; hints and refusals go away after a while together with the
command; the same refusal to the same person within a minute is said once."""

from __future__ import annotations

import pytest

from bot.views.cleanup import HINT_LIFETIME, REFUSAL_LIFETIME, REPEAT_WINDOW
from tests.harness import BotUnderTest
from tests.steps import ADMIN, GROUP, open_settings
from tests.test_requests import AUTHOR, OTHER, people
from tests.test_sanctions import post
from tests.test_vacancies import PASTED, post_vacancy

PRIVATE_ONLY_TYPED = (
    "/cv",
    "/subscribe python",
    "/mentor",
    "/talents",
    "/meetings",
    "/saved",
    "/myvacancies",
    "/checkin",
    "/mood",
    "/offers",
)


def deleted(bot: BotUnderTest, message_id: int) -> bool:
    return any(
        c.ok and c.params.get("message_id") == message_id and int(c.params["chat_id"]) == GROUP
        for c in bot.fake.calls_of("deleteMessage")
    )


async def test_private_commands_typed_in_the_group_go_on_in_private(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    for typed in PRIVATE_ONLY_TYPED:
        command_id = await post(bot, AUTHOR, typed)
        hint = fake.last_message(GROUP)
        assert hint.get("reply_to_message", {}).get("message_id") == command_id, typed
        name = typed.split()[0]
        assert hint["text"].startswith(f"{name} работает в личных сообщениях"), typed
        assert fake.buttons(hint)[0]["url"].startswith(f"https://t.me/{fake.bot_username}?start=")

    # /jobs python: the button runs the same search in private, for this community.
    await post_vacancy(bot, AUTHOR, PASTED)
    await post(bot, OTHER, "/jobs python")
    url = fake.buttons(fake.last_message(GROUP))[0]["url"]
    fake.send_message(OTHER, "/start " + url.split("start=", 1)[1])
    await bot.settle()
    shown = fake.last_message(OTHER)["text"]
    assert shown.startswith("🔎 «python»: 1 вакансия")

    # The hint and the command go after a while (the bot may delete members' messages here).
    hint = fake.last_message(GROUP)
    bot.clock.advance(HINT_LIFETIME + 1)
    await bot.settle()
    assert deleted(bot, hint["message_id"])
    assert deleted(bot, hint["reply_to_message"]["message_id"])


async def test_a_forbidden_command_repeated_gets_one_refusal_that_goes_away(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    await people(bot)
    target = await post(bot, OTHER, "привет всем")
    before = len(fake.messages(GROUP))
    commands = []
    for _ in range(15):
        commands.append(
            fake.send_message(AUTHOR, "/ban", chat_id=GROUP, reply_to_message_id=target)[
                "message_id"
            ]
        )
        await bot.settle()
    refusals = fake.messages(GROUP)[before:]
    assert len(refusals) == 1, [m["text"] for m in refusals]
    assert refusals[0]["text"] == bot.rt.translator.get("ru", "not-allowed-moderators")
    assert fake.member_status(GROUP, OTHER) == "member"

    bot.clock.advance(REFUSAL_LIFETIME + 1)
    await bot.settle()
    assert deleted(bot, refusals[0]["message_id"])
    assert all(deleted(bot, mid) for mid in commands)
    assert not fake.messages(GROUP)[before:]

    # A minute on, the refusal is said again (once).
    bot.clock.advance(REPEAT_WINDOW)
    await post(bot, AUTHOR, "/warn")
    await post(bot, AUTHOR, "/warn")
    assert len(fake.messages(GROUP)[before:]) == 1


@pytest.mark.parametrize("typed", ["/jobs", "/checkin"])
async def test_a_command_for_another_bot_is_left_alone(bot: BotUnderTest, typed: str) -> None:
    fake = bot.fake
    await people(bot)
    before = len(fake.messages(GROUP))
    await post(bot, AUTHOR, f"{typed}@some_other_bot")
    assert len(fake.messages(GROUP)) == before


async def test_typed_arguments_are_understood(bot: BotUnderTest) -> None:
    """/lang en, /timezone Europe/Berlin, UTC+3 or a city set it at once, in private and (for a
    moderator) in the group, instead of showing the menu again."""
    fake = bot.fake
    await people(bot)
    fake.send_message(AUTHOR, "/lang en")
    await bot.settle()
    assert fake.last_message(AUTHOR)["text"] == bot.rt.translator.get("en", "lang-changed")
    assert (await bot.rt.users.get(AUTHOR)).language == "en"  # type: ignore[union-attr]
    fake.send_message(AUTHOR, "/lang русский")
    await bot.settle()
    assert (await bot.rt.users.get(AUTHOR)).language == "ru"  # type: ignore[union-attr]
    for typed, zone in (
        ("Europe/Berlin", "Europe/Berlin"),
        ("UTC+3", "Etc/GMT-3"),
        ("Томск", "Asia/Tomsk"),
    ):
        fake.send_message(AUTHOR, f"/timezone {typed}")
        await bot.settle()
        assert (await bot.rt.users.get(AUTHOR)).timezone == zone  # type: ignore[union-attr]
        assert fake.buttons(fake.last_message(AUTHOR)) == [], typed
    fake.send_message(AUTHOR, "/timezone Атлантида")
    await bot.settle()
    assert fake.last_message(AUTHOR)["text"].startswith("Не нашёл такой часовой пояс")

    # In the group: a moderator's typed choice is the community's; a member's is refused.
    await post(bot, ADMIN, "/timezone Asia/Tomsk")
    assert (await bot.rt.communities.get(GROUP)).timezone == "Asia/Tomsk"  # type: ignore[union-attr]
    await post(bot, ADMIN, "/lang en")
    assert (await bot.rt.communities.get(GROUP)).language == "en"  # type: ignore[union-attr]
    await post(bot, OTHER, "/timezone Europe/Berlin")
    assert (await bot.rt.communities.get(GROUP)).timezone == "Asia/Tomsk"  # type: ignore[union-attr]


async def test_del_names_the_missing_right_not_the_48_hours(bot: BotUnderTest) -> None:
    """Telegram says "message can't be deleted" both without the right and after 48 hours: for a
    message of two seconds ago, without the right, the bot names the right."""
    fake = bot.fake
    await people(bot)
    fake.set_member(GROUP, fake.bot_id, "administrator", rights={"can_delete_messages": False})
    rude = await post(bot, OTHER, "грубость")
    fake.send_message(ADMIN, "/del", chat_id=GROUP, reply_to_message_id=rude)
    await bot.settle()
    answer = fake.last_message(GROUP)["text"]
    assert "«Удаление сообщений»" in answer and "48" not in answer


async def test_the_community_zone_chosen_in_settings_keeps_the_way_back(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    await open_settings(bot)
    menu = fake.last_message(ADMIN)
    zone_button = next(b for b in fake.buttons(menu) if "пояс" in b["text"].lower())
    fake.press(ADMIN, chat_id=ADMIN, button_text=zone_button["text"])
    await bot.settle()
    first_zone = fake.buttons(fake.last_message(ADMIN))[0]["text"]
    fake.press(ADMIN, chat_id=ADMIN, button_text=first_zone)
    await bot.settle()
    chosen = fake.last_message(ADMIN)
    assert chosen["text"].startswith("Часовой пояс сообщества")
    assert [b["text"] for b in fake.buttons(chosen)] == ["‹ Назад"]
    fake.press(ADMIN, chat_id=ADMIN, button_text="‹ Назад")
    await bot.settle()
    assert fake.buttons(fake.last_message(ADMIN))  # the settings menu again
