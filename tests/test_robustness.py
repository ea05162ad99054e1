"""Never die on an update: duplicates, failures, floods and hostile input."""

from __future__ import annotations

import random

import pytest

from tests.harness import BotUnderTest, command_update
from tests.steps import GROUP, community

HOSTILE = [
    "<b>&\"'</b>",
    "<script>alert(1)</script>",
    "&amp; &lt; &#x27; &bogus;",
    "я" * 5000,
    "🙂" * 3000,
    "שלום עולם مرحبا",  # RTL
    "\u200b\u200d\u2060\ufeff",  # zero-width only
    "\u202e reversed",
    "/start <b>",
    "/start c-100abc",
    "/start c" + "9" * 40,
    "/timezone " + "<" * 100,
    "/mod @" + "x" * 300,
    "/help@opora_test_bot extra </i>",
    "/lang@other_bot",
    "",
]


def random_texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    alphabet = "<>&\"'/ abcабв🙂\u200b\u202e\n\t{}$#@" + "".join(
        chr(c) for c in range(0x590, 0x5A0)
    )
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 300))) for _ in range(count)]


def no_bad_requests(bot: BotUnderTest) -> list[str]:
    return [f"{c.method}: {c.description}" for c in bot.fake.calls if c.error_code == 400]


async def test_hostile_texts_in_private_and_group(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(10, "<b>Admin</b> & co")
    fake.add_user(42, '"><i>Eve', username="eve")
    fake.add_group(GROUP, '<Опора> & "друзья"')
    fake.set_member(GROUP, 10, "creator", emit=False)
    fake.add_bot_to_group(GROUP, 10)
    fake.set_member(GROUP, 42, "member", emit=False)
    await bot.settle()
    texts = [t for t in HOSTILE if t] + random_texts(7, 40)
    for i, text in enumerate(texts):
        fake.send_message(42, text)
        fake.send_message(10, text, chat_id=GROUP)
        if i % 6 == 5:
            await bot.settle()  # stay under the flood limit
    fake.send_message(42, "/start")
    fake.send_message(10, "/mod @eve", chat_id=GROUP)
    await bot.settle()
    assert no_bad_requests(bot) == []
    assert fake.last_message(42)["text"].startswith('Здравствуйте, "><i>Eve!')
    assert "Eve теперь модератор" in fake.last_message(GROUP)["text"]


async def test_forged_and_garbage_callbacks(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(42, "Аня")
    fake.send_message(42, "/start")
    await bot.settle()
    for data in [
        "",
        "x",
        "m:nope",
        "lang:xx:0",
        "tz:999:0",
        "tz:-5:0",
        "c:abc",
        "c:-1",
        "forget:maybe",
        "lang:en:-100999",
        "m:" + "a" * 60,
        "😀" * 16,
        # Numbers past SQLite's 64-bit integers (a traceback once).
        "c:99999999999999999999999",
        "hp:accept:99999999999999999999999:0",
        "mg:going:-99999999999999999999999:0",
        "st:-9223372036854775809:main:show:0",
    ]:
        fake.press(42, chat_id=42, callback_data=data)
        await bot.settle()
    answers = fake.calls_of("answerCallbackQuery")
    assert len(answers) == 16  # every press was answered, none left spinning
    assert no_bad_requests(bot) == []
    fake.send_message(42, "/help")
    await bot.settle()
    assert "Что я умею" in fake.last_message(42)["text"]


async def test_channel_posts_and_anonymous_admins_do_not_break_anything(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(10, "Admin")
    fake.add_group(GROUP, "Group")
    fake.set_member(GROUP, 10, "creator", emit=False)
    fake.add_bot_to_group(GROUP, 10)
    await bot.settle()
    fake.inject_update(
        {
            "channel_post": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": -1009, "type": "channel", "title": "News"},
                "sender_chat": {"id": -1009, "type": "channel", "title": "News"},
                "text": "/start",
            }
        }
    )
    fake.send_message(10, "/start", chat_id=GROUP, as_chat=True)
    fake.send_message(10, "just talking", chat_id=GROUP, as_chat=True)
    await bot.settle()
    assert no_bad_requests(bot) == []
    fake.send_message(10, "/help", chat_id=GROUP)
    await bot.settle()
    assert "Опора в группе" in fake.last_message(GROUP)["text"]


async def test_a_resent_update_is_handled_once(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(42, "Аня")
    fake.open_private_chat(42)
    update = command_update(10_000, 42, "/help")
    fake.inject_update(update)
    await bot.settle()
    await bot.restart()
    fake.inject_update(dict(update))  # Telegram re-sends it after a crash
    await bot.settle()
    assert len([c for c in fake.calls_of("sendMessage") if c.params["chat_id"] == 42]) == 1


@pytest.mark.expect_errors
async def test_a_failing_handler_is_logged_and_the_user_told(bot: BotUnderTest, error_log) -> None:  # type: ignore[no-untyped-def]
    fake = bot.fake
    fake.add_user(10, "Admin", username="admin")
    fake.add_user(42, "Аня", username="anya")
    fake.add_group(GROUP, "Group")
    fake.set_member(GROUP, 10, "creator", emit=False)
    fake.add_bot_to_group(GROUP, 10)
    fake.set_member(GROUP, 42, "member", emit=False)
    fake.send_message(42, "hi", chat_id=GROUP)
    await bot.settle()
    # Break the database under the running bot: a real failure, not a mock.
    await bot.rt.db.execute("DROP TABLE moderators")
    fake.send_message(10, "/mod @anya", chat_id=GROUP)
    fake.send_message(42, "/start")
    await bot.settle()
    assert (
        fake.last_message(GROUP)["text"]
        == "Что-то пошло не так. Мы уже знаем об ошибке — попробуйте ещё раз чуть позже."
    )
    records = [r for r in error_log.records if r.getMessage() == "update failed"]
    assert records and records[0].handler.endswith("moderation.appoint")  # type: ignore[attr-defined]
    assert isinstance(records[0].update_id, int)  # type: ignore[attr-defined]
    # Nothing personal in the log line.
    line = str(records[0].__dict__)
    assert "anya" not in line and "Аня" not in line
    # And the bot lives on.
    assert fake.last_message(42)["text"].startswith("Здравствуйте, Аня")


async def test_flood_gets_one_slow_down(make_bot: object) -> None:
    bot: BotUnderTest = await make_bot(throttle_updates=5, throttle_window_seconds=2)  # type: ignore[operator]
    fake = bot.fake
    fake.add_user(42, "Аня")
    for _ in range(12):
        fake.send_message(42, "/help")
    await bot.settle()
    texts = [m["text"] for m in fake.messages(42)]
    assert texts.count("Не так быстро 🙂 Дайте мне пару секунд.") == 1
    assert sum(t.startswith("<b>Что") or t.startswith("Что я умею") for t in texts) == 5


async def test_flood_control_protects_the_bot_not_from_people(make_bot: object) -> None:
    """Group chat never counts; a form's quick taps are all kept; a press past the limit is
    answered, not left spinning."""
    bot: BotUnderTest = await make_bot(throttle_updates=5, throttle_window_seconds=60)  # type: ignore[operator]
    fake = bot.fake
    await community(bot, {42: "Аня"})
    for n in range(10):
        fake.send_message(42, f"болтаем {n}", chat_id=GROUP)
    await bot.settle()
    before = len(fake.messages(GROUP))
    fake.send_message(42, "/rules", chat_id=GROUP)
    await bot.settle()
    assert len(fake.messages(GROUP)) == before + 1

    # A check-in's tags tapped fast: nine taps inside the form, all of them count.
    fake.send_message(42, "/checkin")
    await bot.settle()
    fake.press(42, chat_id=42, button_text="Неплохо")
    await bot.settle()
    fake.send_message(42, "/skip")
    await bot.settle()
    for label, times in (("💼 Поиск работы", 3), ("💸 Деньги", 2), ("🩺 Здоровье", 4)):
        for _ in range(times):
            fake.press(42, chat_id=42, button_text=label)
    await bot.settle()
    fake.press(42, chat_id=42, button_text="Сохранить")
    await bot.settle()
    tags = await bot.rt.db.fetchval("SELECT tags FROM checkins WHERE user_id = 42")
    assert tags == "work"

    # Outside a form, mashing a menu button: every press is answered.
    fake.send_message(42, "/start")
    await bot.settle()
    label = "❓ Помощь"
    presses = [fake.press(42, chat_id=42, button_text=label) for _ in range(8)]
    await bot.settle()
    answers = [fake.callback_answer(q) for q in presses]
    assert all(a is not None for a in answers)
    assert any(a and a.get("text") == "Секунду, пожалуйста 🙂" for a in answers)


async def test_a_direct_reply_waits_out_a_short_flood_wait(bot: BotUnderTest) -> None:
    """Telegram answers 429 to the reply: it is sent again after retry_after, not lost."""
    fake = bot.fake
    fake.add_user(42, "Аня")
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    fake.send_message(42, "/help")
    await bot.settle()
    await fake.wait_for(lambda: fake.messages(42))
    assert fake.last_message(42)["text"].startswith("Что я умею")
    assert [c.ok for c in fake.calls_of("sendMessage")] == [False, True]


async def test_a_reply_to_someone_who_just_blocked_the_bot_is_not_an_error(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    fake.add_user(42, "Аня")
    fake.send_message(42, "/start")
    await bot.settle()
    fake.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    fake.send_message(42, "/help")
    await bot.settle()  # and no ERROR in the log (the fixture checks)
    user = await bot.rt.users.get(42)
    assert user is not None and user.blocked_at is not None


async def test_updates_from_a_chat_the_bot_is_not_in_create_nothing(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(42, "Аня")
    ghost = -1009999999999
    person = {"id": 42, "is_bot": False, "first_name": "Аня", "language_code": "ru"}
    chat = {"id": ghost, "type": "supergroup", "title": "Чужая группа"}
    fake.inject_update(
        {"message": {"message_id": 1, "date": 0, "chat": chat, "from": person, "text": "привет"}}
    )
    from aiogram.types import ChatMemberAdministrator

    rights = [
        name
        for name, field in ChatMemberAdministrator.model_fields.items()
        if field.is_required() and name not in ("status", "user")
    ]
    administrator = {"status": "administrator", "user": person, **dict.fromkeys(rights, True)}
    for key in ("my_chat_member", "chat_member"):
        fake.inject_update(
            {
                key: {
                    "chat": chat,
                    "from": person,
                    "date": 0,
                    "old_chat_member": {"status": "left", "user": person},
                    "new_chat_member": (
                        administrator
                        if key == "chat_member"
                        else {
                            "status": "member",
                            "user": {"id": fake.bot_id, "is_bot": True, "first_name": "Bot"},
                        }
                    ),
                }
            }
        )
    await bot.settle()
    assert await bot.rt.communities.get(ghost) is None
    assert (
        await bot.rt.db.fetchval("SELECT COUNT(*) FROM memberships WHERE chat_id = ?", (ghost,))
        == 0
    )
