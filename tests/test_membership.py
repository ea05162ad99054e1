"""Membership discovery: a member of a group with the bot who never wrote there is known the
first time they come to the bot (Telegram is asked, bounded and cached), the group offers one
tap to "Open Opora", and a check-in made before the community was known still counts."""

from __future__ import annotations

from tests.harness import BotUnderTest
from tests.steps import ADMIN, GROUP, checkin, community, enable_checkins, join_checkins

QUIET = 21  # in the group since before the bot came, never wrote there
TITLE = "Опора"


def asked_about(bot: BotUnderTest, uid: int) -> list[int]:
    """The chats Telegram was asked about this person in (getChatMember), in order."""
    return [
        int(c.params["chat_id"])
        for c in bot.fake.calls_of("getChatMember")
        if int(c.params.get("user_id", 0)) == uid
    ]


async def say(bot: BotUnderTest, uid: int, text: str) -> str:
    bot.fake.send_message(uid, text)
    await bot.settle()
    return str(bot.fake.last_message(uid)["text"])


async def quiet_member(bot: BotUnderTest, uid: int = QUIET, *, lang: str = "ru") -> None:
    bot.fake.add_user(uid, "Тихоня" if lang == "ru" else "Quiet", language_code=lang)
    bot.fake.set_member(GROUP, uid, "member", emit=False)


async def groups(bot: BotUnderTest, count: int) -> list[int]:
    """`count` more communities (the admin made each), none of them with the quiet member."""
    fake = bot.fake
    ids = [GROUP - 100 - n for n in range(count)]
    for chat_id in ids:
        fake.add_group(chat_id, f"Группа {chat_id}")
        fake.set_member(chat_id, ADMIN, "creator", emit=False)
        fake.add_bot_to_group(chat_id, ADMIN)
    await bot.settle()
    return ids


async def test_a_member_who_never_wrote_reaches_ask_at_once(bot: BotUnderTest) -> None:
    await community(bot, {})
    await quiet_member(bot)
    # One action: /ask knows the community (Telegram was asked, once).
    assert (await say(bot, QUIET, "/ask")).endswith("С чем нужна помощь?")
    assert asked_about(bot, QUIET) == [GROUP]
    membership = await bot.rt.communities.membership(GROUP, QUIET)
    assert membership is not None and membership.status == "member"
    user = await bot.rt.users.get(QUIET)
    assert user is not None and user.current_community_id == GROUP
    # Known now: no more calls.
    await say(bot, QUIET, "/cancel")
    await say(bot, QUIET, "/ask")
    assert asked_about(bot, QUIET) == [GROUP]


async def test_start_recognises_the_member_in_english(bot: BotUnderTest) -> None:
    await community(bot, {})
    await quiet_member(bot, lang="en")
    start = await say(bot, QUIET, "/start")
    assert f"You act for the community {TITLE}." in start
    assert (await say(bot, QUIET, "/ask")).endswith("What do you need help with?")
    assert asked_about(bot, QUIET) == [GROUP]


async def test_in_two_groups_the_choice_comes_with_the_command(bot: BotUnderTest) -> None:
    fake = bot.fake
    await community(bot, {})
    (other,) = await groups(bot, 1)
    await quiet_member(bot)
    fake.set_member(other, QUIET, "member", emit=False)
    # Not "choose with /community": the buttons are right here, one tap away.
    assert await say(bot, QUIET, "/ask") == "Сначала выберите сообщество:"
    labels = [b["text"] for b in fake.buttons(fake.last_message(QUIET))]
    assert labels == [f"Группа {other}", TITLE]  # by title
    fake.press(QUIET, chat_id=QUIET, button_text=TITLE)
    await bot.settle()
    assert f"теперь вы действуете в сообществе {TITLE}" in fake.last_message(QUIET)["text"]
    assert (await say(bot, QUIET, "/ask")).endswith("С чем нужна помощь?")
    assert sorted(asked_about(bot, QUIET)) == sorted([GROUP, other])


async def test_a_person_in_no_group_is_told_so_honestly(bot: BotUnderTest) -> None:
    await community(bot, {})
    bot.fake.add_user(40, "Гость")
    bot.fake.add_user(41, "Guest", language_code="en")
    assert (await say(bot, 40, "/ask")).startswith("Я пока не знаю ни одного вашего сообщества.")
    assert "«Открыть Опору»" in bot.fake.last_message(40)["text"]
    assert not bot.fake.buttons(bot.fake.last_message(40))
    # /community gives the same answer: no circle between the two.
    assert (await say(bot, 40, "/community")).startswith("Я пока не знаю ни одного")
    english = await say(bot, 41, "/checkin")
    assert "How are you today" in english
    assert (await say(bot, 41, "/meet")).startswith("I don't know any community of yours yet.")
    # Asked once about the one community; the "no" is kept for a while.
    assert asked_about(bot, 40) == [GROUP]
    assert asked_about(bot, 41) == [GROUP]


async def test_the_no_is_cached_then_asked_again(bot: BotUnderTest) -> None:
    await community(bot, {})
    others = await groups(bot, 2)
    bot.fake.add_user(40, "Гость")
    await say(bot, 40, "/start")
    assert sorted(asked_about(bot, 40)) == sorted([GROUP, *others])
    for command in ("/ask", "/start", "/community", "/intro"):
        await say(bot, 40, command)
    assert len(asked_about(bot, 40)) == 3
    # Joined meanwhile without a word (a group where the bot is no admin sees no join); the
    # "no" is trusted only for a while.
    bot.fake.set_member(others[0], 40, "member", emit=False)
    bot.clock.advance(3 * 3600 + 60)
    assert (await say(bot, 40, "/ask")).endswith("С чем нужна помощь?")
    assert len(asked_about(bot, 40)) == 6


async def test_many_communities_are_not_asked_one_by_one(bot: BotUnderTest) -> None:
    fake = bot.fake
    await community(bot, {22: "Глеб"})
    others = await groups(bot, 30)
    await quiet_member(bot)
    fake.reset_calls()
    # Nothing points at the person anywhere: not a call per community, an honest answer.
    assert "Я пока не знаю ни одного" in await say(bot, QUIET, "/start")
    assert (await say(bot, QUIET, "/ask")).startswith("Я пока не знаю ни одного")
    assert asked_about(bot, QUIET) == []

    # Someone answers the quiet member's old message (from before the bot came) in the group:
    # a trace, so that group is the one asked about.
    old = {
        "message_id": 1,
        "date": 0,
        "chat": {"id": GROUP, "type": "supergroup", "title": TITLE},
        "from": {"id": QUIET, "is_bot": False, "first_name": "Тихоня"},
        "text": "давнее сообщение",
    }
    fake.inject_update(
        {
            "message": {
                "message_id": 9000,
                "date": 0,
                "chat": {"id": GROUP, "type": "supergroup", "title": TITLE},
                "from": {"id": 22, "is_bot": False, "first_name": "Глеб"},
                "text": "согласен",
                "reply_to_message": old,
            }
        }
    )
    await bot.settle()
    sighted = await bot.rt.communities.membership(GROUP, QUIET)
    assert sighted is not None and not sighted.active  # a hint, never membership by itself
    assert (await say(bot, QUIET, "/ask")).endswith("С чем нужна помощь?")
    assert asked_about(bot, QUIET) == [GROUP]
    assert len(others) == 30 and len(fake.calls_of("getChatMember")) < 5


async def test_mentions_and_forwards_are_traces_too(bot: BotUnderTest) -> None:
    fake = bot.fake
    await community(bot, {22: "Глеб"})
    await groups(bot, 25)
    await quiet_member(bot)
    await quiet_member(bot, 23)
    fake.send_message(
        22,
        "Тихоня, глянь",
        chat_id=GROUP,
        entities=[
            {
                "type": "text_mention",
                "offset": 0,
                "length": 6,
                "user": {"id": QUIET, "is_bot": False, "first_name": "Тихоня"},
            }
        ],
    )
    fake.inject_update(
        {
            "message": {
                "message_id": 9001,
                "date": 0,
                "chat": {"id": GROUP, "type": "supergroup", "title": TITLE},
                "from": {"id": 22, "is_bot": False, "first_name": "Глеб"},
                "text": "пересланное",
                "forward_origin": {
                    "type": "user",
                    "date": 0,
                    "sender_user": {"id": 23, "is_bot": False, "first_name": "Тихоня"},
                },
            }
        }
    )
    await bot.settle()
    for uid in (QUIET, 23):
        assert (await say(bot, uid, "/ask")).endswith("С чем нужна помощь?")
        assert asked_about(bot, uid) == [GROUP]
    # The author of those messages is a member, never a mere trace.
    gleb = await bot.rt.communities.membership(GROUP, 22)
    assert gleb is not None and gleb.status == "member"


async def test_open_opora_in_the_greeting_the_help_and_the_guide(bot: BotUnderTest) -> None:
    fake = bot.fake
    await community(bot, {22: "Глеб"})
    link = f"https://t.me/{fake.bot_username}?start=c{GROUP}"
    greeting = next(m for m in fake.messages(GROUP) if "Здравствуйте! Я — Опора" in m["text"])
    # First, for members; "Set up" and the language follow for the admins.
    first = fake.buttons(greeting)[0]
    assert (first["text"], first["url"]) == ("Открыть Опору", link)

    fake.send_message(22, "/help", chat_id=GROUP)
    await bot.settle()
    help_answer = fake.last_message(GROUP)
    assert "нажмите «Открыть Опору» ниже" in help_answer["text"]
    assert [b["url"] for b in fake.buttons(help_answer)] == [link]

    # The how-to: a moderator's, posted as the group's own message, the command gone.
    fake.send_message(22, "/guide", chat_id=GROUP)
    await bot.settle()
    assert fake.last_message(GROUP)["text"] == "Это могут только модераторы сообщества."
    command = fake.send_message(ADMIN, "/guide", chat_id=GROUP)
    await bot.settle()
    guide = fake.last_message(GROUP)
    assert guide["text"].startswith("📌 Как пользоваться Опорой")
    assert "reply_to_message" not in guide
    assert [b["url"] for b in fake.buttons(guide)] == [link]
    assert fake.message_deleted(GROUP, command["message_id"])
    fake.send_message(ADMIN, "/pin", chat_id=GROUP, reply_to_message_id=guide["message_id"])
    await bot.settle()
    assert guide["message_id"] in fake.pinned_messages(GROUP)

    # The tap: a member who never wrote arrives by the link, Telegram is asked, recorded.
    await quiet_member(bot)
    payload = link.split("start=", 1)[1]
    arrival = await say(bot, QUIET, f"/start {payload}")
    assert f"Готово: теперь вы действуете в сообществе {TITLE}." in arrival
    assert asked_about(bot, QUIET) == [GROUP]
    membership = await bot.rt.communities.membership(GROUP, QUIET)
    assert membership is not None and membership.active
    assert (await say(bot, QUIET, "/ask")).endswith("С чем нужна помощь?")


async def test_open_opora_for_someone_not_in_the_group(bot: BotUnderTest) -> None:
    await community(bot, {})
    bot.fake.add_user(41, "Guest", language_code="en")
    arrival = await say(bot, 41, f"/start c{GROUP}")
    assert "Telegram says you are not in that group" in arrival
    assert await bot.rt.communities.membership(GROUP, 41) is None


async def test_english_group_greets_with_open_opora(bot: BotUnderTest) -> None:
    fake = bot.fake
    await community(bot, {})
    fake.send_message(ADMIN, "/lang", chat_id=GROUP)
    await bot.settle()
    fake.press(ADMIN, chat_id=GROUP, button_text="🇬🇧 English")
    await bot.settle()
    fake.send_message(ADMIN, "/guide", chat_id=GROUP)
    await bot.settle()
    guide = fake.last_message(GROUP)
    assert guide["text"].startswith("📌 How to use Opora")
    assert [b["text"] for b in fake.buttons(guide)] == ["Open Opora"]


async def test_a_hard_day_reaches_the_communitys_listeners(bot: BotUnderTest) -> None:
    fake = bot.fake
    await community(bot, {22: "Глеб"})
    await enable_checkins(bot)
    fake.send_message(22, "/listener", chat_id=GROUP)
    await bot.settle()
    await quiet_member(bot)
    await join_checkins(bot, QUIET)
    await checkin(bot, QUIET, "Очень тяжело", None, [])
    row = await bot.rt.db.fetchval(f"SELECT community_id FROM checkins WHERE user_id = {QUIET}")
    assert row == GROUP
    fake.press(QUIET, chat_id=QUIET, button_text="Поговорить с кем-нибудь")
    await bot.settle()
    answer = fake.last_message(QUIET)["text"]
    assert "вызвались выслушать" in answer and "Глеб" in answer


async def test_talk_to_someone_finds_the_community_without_a_choice(bot: BotUnderTest) -> None:
    """The first thing the quiet member does is a hard-day check-in: "Talk to someone" knows
    their community (before: "choose your community first")."""
    fake = bot.fake
    await community(bot, {22: "Глеб"})
    fake.send_message(22, "/listener", chat_id=GROUP)
    await bot.settle()
    await quiet_member(bot, lang="en")
    await checkin(bot, QUIET, "😞 Very hard", None, [])
    fake.press(QUIET, chat_id=QUIET, button_text="Talk to someone")
    await bot.settle()
    answer = fake.last_message(QUIET)["text"]
    assert "Глеб" in answer and "volunteered to listen" in answer
    # In no group at all: said so, with the crisis lines, and no "choose".
    fake.add_user(41, "Guest", language_code="en")
    await checkin(bot, 41, "😞 Very hard", None, [])
    fake.press(41, chat_id=41, button_text="Talk to someone")
    await bot.settle()
    alone = fake.last_message(41)["text"]
    assert alone.startswith("I don't know your community yet")
    assert "/community" not in alone


async def test_a_checkin_made_before_the_community_was_known_reaches_the_pulse(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    await community(bot, {22: "Глеб", 23: "Дина"})
    await enable_checkins(bot)
    for uid, mood in ((22, "Хорошо"), (23, "Так себе")):
        await join_checkins(bot, uid)
        await checkin(bot, uid, mood, None, [])
    await quiet_member(bot)
    # The quiet member's first step: a check-in, before joining the community's check-ins.
    await checkin(bot, QUIET, "Очень тяжело", None, [])
    query = f"SELECT community_id FROM checkins WHERE user_id = {QUIET}"
    assert await bot.rt.db.fetchval(query) is None
    fake.send_message(ADMIN, "/pulse", chat_id=GROUP)
    await bot.settle()
    assert "пока мало ответов" in fake.last_message(GROUP)["text"]

    # The same day they join: today's check-in counts there now.
    await join_checkins(bot, QUIET)
    assert await bot.rt.db.fetchval(query) == GROUP
    fake.send_message(ADMIN, "/pulse", chat_id=GROUP)
    await bot.settle()
    assert "За последние 7 дней: 3 участника, 3 отметки" in fake.last_message(GROUP)["text"]


async def test_only_the_same_days_checkin_is_attached(bot: BotUnderTest) -> None:
    await community(bot, {})
    await enable_checkins(bot)
    await quiet_member(bot)
    await checkin(bot, QUIET, "Так себе", None, [])
    bot.clock.advance(86400)
    await join_checkins(bot, QUIET)
    assert (
        await bot.rt.db.fetchval(f"SELECT community_id FROM checkins WHERE user_id = {QUIET}")
        is None
    )


async def test_forget_drops_the_cached_answers(bot: BotUnderTest) -> None:
    await community(bot, {})
    bot.fake.add_user(40, "Гость")
    await say(bot, 40, "/start")
    assert asked_about(bot, 40) == [GROUP]
    bot.fake.send_message(40, "/forget")
    await bot.settle()
    bot.fake.press(40, chat_id=40, button_text="Да, удалить")
    await bot.settle()
    await say(bot, 40, "/start")
    assert asked_about(bot, 40) == [GROUP, GROUP]


async def test_asking_about_members_does_not_hold_back_the_groups_posts(
    bot: BotUnderTest,
) -> None:
    """Many first visits in a minute ask Telegram about the group many times; the group's 20
    messages a minute are for messages, so its next post still goes at once."""
    fake = bot.fake
    await community(bot, {})
    await enable_checkins(bot)
    newcomers = range(500, 525)
    for uid in newcomers:
        await quiet_member(bot, uid)
        fake.send_message(uid, "/start")
    await bot.settle()
    assert all(asked_about(bot, uid) == [GROUP] for uid in newcomers)
    fake.press(ADMIN, chat_id=ADMIN, button_text="Пригласить участников")
    await bot.settle()
    assert "Включены ежедневные отметки" in fake.last_message(GROUP)["text"]
