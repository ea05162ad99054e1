"""The way in for a group's owner, end to end: the group speaks the adding admin's language (a
button on the greeting changes it at once); the greeting says what to do next and opens a
guided setup in private that leaves a configured community in at most eight actions; skipped
steps show as not set, with buttons into /settings; only the group's admins may take a step;
the bot's descriptions, its default admin rights and the "Add to a group" link."""

from __future__ import annotations

from typing import Any

import pytest

from bot.services.community_settings import (
    CHECKINS_ENABLED,
    COMMUNITY_MISSION,
    COMMUNITY_RULES,
    GATE_ON,
)
from tests.harness import BotUnderTest

GROUP = -1001000000170
OWNER = 1701  # the group's creator, who adds the bot
ADMIN = 1702  # another admin
MEMBER = 1703

# What each language's admin reads and presses.
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "greeting": "Next, admins: press “⚙️ Set up”",
        "off": "Check-ins start switched off",
        "set up": "⚙️ Set up",
        "open": "Open Opora",
        "other language": "🇷🇺 Русский",
        "language": "English",
        "zone": "Berlin",
        "step": "step {} of 7",
        "next": "Next ›",
        "skip": "Skip ›",
        "back": "‹ Back",
        "on and invite": "✅ Turn on and invite members",
        "invitation": "Daily check-ins are on",
        "refused": "Only the group's admins can do this.",
        "done": [
            "✅ Language: 🇬🇧 English",
            "✅ Time zone: Berlin",
            "✅ Mission (/about)",
            "✅ Rules (/rules): 3 rules",
            "✅ Check-ins: on, members invited",
            "⬜ Newcomer check: off",
        ],
        "unset": [
            "✅ Language: 🇬🇧 English",
            "⬜ Time zone: not chosen (Moscow",
            "⬜ Mission (/about): not written",
            "⬜ Rules (/rules): not written",
            "⬜ Check-ins: off",
            "⬜ Newcomer check: off",
        ],
        "to settings": ["🕒 Time zone", "✏️ Mission", "✏️ Rules", "💬 Check-ins", "⚙️ All settings"],
        "edit rules": "✏️ Rules",
        "rules asked": "Send the rules",
        "rules saved": "✅ The rules are saved",
    },
    "ru": {
        "greeting": "Дальше, администраторам: нажмите «⚙️ Настроить»",
        "off": "Отметки настроения пока выключены",
        "set up": "⚙️ Настроить",
        "open": "Открыть Опору",
        "other language": "🇬🇧 English",
        "language": "Русский",
        "zone": "Берлин",
        "step": "шаг {} из 7",
        "next": "Дальше ›",
        "skip": "Пропустить ›",
        "back": "‹ Назад",
        "on and invite": "✅ Включить и пригласить участников",
        "invitation": "Включены ежедневные отметки",
        "refused": "Это могут только администраторы группы.",
        "done": [
            "✅ Язык: 🇷🇺 Русский",
            "✅ Часовой пояс: Берлин",
            "✅ Миссия (/about)",
            "✅ Правила (/rules): 3 пункта",
            "✅ Отметки настроения: включены, участники приглашены",
            "⬜ Проверка новичков: выключена",
        ],
        "unset": [
            "✅ Язык: 🇷🇺 Русский",
            "⬜ Часовой пояс: не выбран (пока Москва",
            "⬜ Миссия (/about): не написана",
            "⬜ Правила (/rules): не написаны",
            "⬜ Отметки настроения: выключены",
            "⬜ Проверка новичков: выключена",
        ],
        "to settings": ["🕒 Часовой пояс", "✏️ Миссия", "✏️ Правила", "💬 Отметки", "⚙️ Все"],
        "edit rules": "✏️ Правила",
        "rules asked": "Пришлите правила",
        "rules saved": "✅ Правила сохранены",
    },
}


class Person:
    """One person at the keyboard; every update they send is counted."""

    def __init__(self, bot: BotUnderTest, uid: int) -> None:
        self.bot, self.uid, self.actions = bot, uid, 0

    async def say(self, text: str, chat_id: int | None = None) -> dict[str, Any]:
        self.actions += 1
        self.bot.fake.send_message(self.uid, text, chat_id=chat_id)
        await self.bot.settle()
        return self.bot.fake.last_message(chat_id or self.uid)

    async def tap(self, button: str, chat_id: int | None = None) -> dict[str, Any]:
        self.actions += 1
        self.bot.fake.press(self.uid, chat_id=chat_id or self.uid, button_text=button)
        await self.bot.settle()
        return self.bot.fake.last_message(chat_id or self.uid)

    async def forge(self, data: str, chat_id: int | None = None) -> dict[str, Any] | None:
        """A press with made-up callback data (on the latest bot message of that chat)."""
        query = self.bot.fake.press(self.uid, chat_id=chat_id or self.uid, callback_data=data)
        await self.bot.settle()
        return self.bot.fake.callback_answer(query)


async def group_with_bot(bot: BotUnderTest, language: str | None) -> dict[str, Any]:
    """OWNER (their app in `language`) creates a group with ADMIN and MEMBER and adds the bot;
    the greeting it posts."""
    fake = bot.fake
    fake.add_user(OWNER, "Owner", language_code=language)
    fake.add_user(ADMIN, "Admin", language_code=language)
    fake.add_user(MEMBER, "Member", language_code=language)
    fake.add_group(GROUP, "Mutual Aid")
    fake.set_member(GROUP, OWNER, "creator", emit=False)
    fake.set_member(GROUP, ADMIN, "administrator", emit=False)
    fake.set_member(GROUP, MEMBER, "member", emit=False)
    fake.add_bot_to_group(GROUP, OWNER)
    await bot.settle()
    return fake.last_message(GROUP)


def setup_payload(bot: BotUnderTest, greeting: dict[str, Any], label: str) -> str:
    url = next(b["url"] for b in bot.fake.buttons(greeting) if b["text"] == label)
    assert url == f"https://t.me/{bot.fake.bot_username}?start=su{GROUP}"
    return url.split("start=", 1)[1]


async def setting(bot: BotUnderTest, key: str) -> str | None:
    value = await bot.rt.db.fetchval(
        "SELECT value FROM community_settings WHERE chat_id = ? AND key = ?", (GROUP, key)
    )
    return None if value is None else str(value)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_an_admin_sets_up_a_community_in_eight_actions(bot: BotUnderTest, lang: str) -> None:
    fake, words = bot.fake, LABELS[lang]
    greeting = await group_with_bot(bot, "en-US" if lang == "en" else "ru")
    # The group speaks the adding admin's language, and the greeting says what comes next.
    assert words["greeting"] in greeting["text"] and words["off"] in greeting["text"]
    assert "/settings" in greeting["text"]
    labels = [b["text"] for b in fake.buttons(greeting)]
    assert labels == [words["open"], words["set up"], words["other language"]]
    community = await bot.rt.communities.get(GROUP)
    assert community is not None and community.language == lang

    owner = Person(bot, OWNER)
    step = await owner.say(f"/start {setup_payload(bot, greeting, words['set up'])}")
    assert words["step"].format(1) in step["text"] and "Mutual Aid" in step["text"]
    await owner.tap(words["language"])
    await owner.tap(words["zone"])
    await owner.say("We hold each other up & <b>never</b> judge")
    await owner.say("Be kind\nNo ads\nWhat is said here stays here")
    await owner.tap(words["next"])  # the sections stay as they are: all on
    await owner.tap(words["on and invite"])
    checklist = (await owner.tap(words["skip"]))["text"]  # no newcomer check for now
    assert owner.actions <= 8, owner.actions
    for line in words["done"]:
        assert line in checklist, (line, checklist)

    community = await bot.rt.communities.get(GROUP)
    assert community is not None
    assert (community.language, community.timezone) == (lang, "Europe/Berlin")
    store = bot.rt.community_settings
    assert await store.get(GROUP, COMMUNITY_MISSION) == "We hold each other up & <b>never</b> judge"
    assert (
        await store.get(GROUP, COMMUNITY_RULES) == "Be kind\nNo ads\nWhat is said here stays here"
    )
    assert await store.get(GROUP, CHECKINS_ENABLED) is True
    assert await store.get(GROUP, GATE_ON) is False
    await bot.rt.sender.drain()
    invitation = fake.last_message(GROUP)
    assert words["invitation"] in invitation["text"]
    assert fake.buttons(invitation)[0]["url"] == f"https://t.me/{fake.bot_username}?start=ci{GROUP}"
    # Every change is the owner's, in the audit log.
    rows = await bot.rt.db.fetchall(
        "SELECT actor_id, detail FROM audit_log WHERE chat_id = ? AND action = 'setting'", (GROUP,)
    )
    changed = {detail.split(" = ")[0] for _, detail in rows}
    assert changed == {"timezone", "community.mission", "community.rules", "checkins.enabled"}
    assert {actor for actor, _ in rows} == {OWNER}


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_skipped_steps_show_as_not_set_with_ways_into_settings(
    bot: BotUnderTest, lang: str
) -> None:
    fake, words = bot.fake, LABELS[lang]
    greeting = await group_with_bot(bot, lang)
    owner = Person(bot, OWNER)
    await owner.say(f"/start {setup_payload(bot, greeting, words['set up'])}")
    step = words["step"]
    # The language is chosen already ("Next"), the zone is not ("Skip").
    assert step.format(2) in (await owner.tap(words["next"]))["text"]
    assert step.format(3) in (await owner.tap(words["skip"]))["text"]
    assert step.format(2) in (await owner.tap(words["back"]))["text"]  # a step back, and on
    await owner.tap(words["skip"])
    await owner.tap(words["skip"])  # no mission
    await owner.tap(words["skip"])  # no rules
    await owner.tap(words["next"])
    await owner.tap(words["skip"])  # check-ins stay off
    checklist = await owner.tap(words["skip"])
    for line in words["unset"]:
        assert line in checklist["text"], (line, checklist["text"])
    labels = [b["text"] for b in fake.buttons(checklist)]
    for label in words["to settings"]:
        assert any(shown.startswith(label) for shown in labels), (label, labels)
    assert await setting(bot, "checkins.enabled") is None
    assert not await bot.rt.db.fetchval(
        "SELECT COUNT(*) FROM audit_log WHERE chat_id = ? AND action = 'setting'", (GROUP,)
    )
    # A button of the checklist leads into /settings' own form.
    assert words["rules asked"] in (await owner.tap(words["edit rules"]))["text"]
    assert words["rules saved"] in (await owner.say("Be kind"))["text"]
    assert await setting(bot, "community.rules") == "Be kind"


async def test_only_the_groups_admins_may_take_a_step(bot: BotUnderTest) -> None:
    fake, words = bot.fake, LABELS["en"]
    greeting = await group_with_bot(bot, "en")
    payload = setup_payload(bot, greeting, words["set up"])
    member = Person(bot, MEMBER)
    # "Set up" pressed by a member: refused in private.
    assert (await member.say(f"/start {payload}"))["text"] == words["refused"]
    # Its steps forged: refused, nothing changes, nothing is posted.
    posted = len(fake.messages(GROUP))
    for forged in (
        f"su:{GROUP}:checkins:set:0",
        f"su:{GROUP}:timezone:set:15",
        f"su:{GROUP}:done:show:0",
    ):
        answer = await member.forge(forged)
        assert answer is not None and answer["show_alert"], forged
        assert answer["text"] == words["refused"]
    # The greeting's language button: a moderator's, like /lang.
    answer = await member.forge(f"su:{GROUP}:greet:lang:0", chat_id=GROUP)
    assert answer is not None and answer["show_alert"]
    community = await bot.rt.communities.get(GROUP)
    assert community is not None and (community.language, community.timezone) == ("en", None)
    assert await setting(bot, "checkins.enabled") is None
    assert len(fake.messages(GROUP)) == posted

    # An admin halfway through loses the rights: the next text and the next press are refused.
    admin = Person(bot, ADMIN)
    await admin.say(f"/start {payload}")
    await admin.tap(words["next"])
    await admin.tap(words["skip"])  # now the mission is awaited
    fake.set_member(GROUP, ADMIN, "member")
    await bot.settle()
    assert (await admin.say("Our mission"))["text"] == words["refused"]
    assert await setting(bot, "community.mission") is None
    answer = await admin.forge(f"su:{GROUP}:mission:skip:0")
    assert answer is not None and answer["text"] == words["refused"]
    # The refused text is not taken later either: the form is over.
    assert "Our mission" not in (await admin.say("Our mission"))["text"]
    assert await setting(bot, "community.mission") is None


async def test_the_greeting_switches_the_groups_language_at_once(bot: BotUnderTest) -> None:
    fake = bot.fake
    greeting = await group_with_bot(bot, "en-GB")
    assert greeting["text"].startswith("Hello! I am Opora")
    owner = Person(bot, OWNER)
    edited = await owner.tap("🇷🇺 Русский", chat_id=GROUP)
    assert edited["message_id"] == greeting["message_id"]  # the greeting itself, said again
    assert edited["text"].startswith("Здравствуйте! Я — Опора")
    assert [b["text"] for b in fake.buttons(edited)] == [
        "Открыть Опору",
        "⚙️ Настроить",
        "🇬🇧 English",
    ]
    community = await bot.rt.communities.get(GROUP)
    assert community is not None and community.language == "ru"
    detail = await bot.rt.db.fetchval(
        "SELECT detail FROM audit_log WHERE chat_id = ? AND actor_id = ?", (GROUP, OWNER)
    )
    assert detail == "language = ru"
    # Out and back in: the language someone chose stays, whoever adds the bot again.
    fake.remove_bot_from_group(GROUP, OWNER)
    await bot.settle()
    fake.add_bot_to_group(GROUP, ADMIN)
    await bot.settle()
    community = await bot.rt.communities.get(GROUP)
    assert community is not None and community.language == "ru"
    assert fake.last_message(GROUP)["text"].startswith("Здравствуйте!")


@pytest.mark.parametrize(
    ("app_language", "group_language"),
    [("en-US", "en"), ("ru", "ru"), ("de", "en"), ("uk", "en"), (None, None)],
)
async def test_a_new_group_speaks_the_adding_admins_language(
    bot: BotUnderTest, app_language: str | None, group_language: str | None
) -> None:
    greeting = await group_with_bot(bot, app_language)
    community = await bot.rt.communities.get(GROUP)
    assert community is not None and community.language == group_language
    # Telegram did not say: the bot's default (Russian here).
    hello = "Hello!" if group_language == "en" else "Здравствуйте!"
    assert greeting["text"].startswith(hello)
    # The bot's own inference, not a person's choice: nothing in the audit log.
    assert not await bot.rt.db.fetchval("SELECT COUNT(*) FROM audit_log")


async def test_a_member_first_then_promoted_gets_set_up_too(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(OWNER, "Owner", language_code="en")
    fake.add_group(GROUP, "Mutual Aid")
    fake.set_member(GROUP, OWNER, "creator", emit=False)
    fake.add_bot_to_group(GROUP, OWNER, status="member")
    await bot.settle()
    greeting = fake.last_message(GROUP)
    assert "Next: make me an admin" in greeting["text"]
    assert fake.buttons(greeting)[1]["text"] == "⚙️ Set up"
    fake.set_member(GROUP, fake.bot_id, "administrator")
    await bot.settle()
    promoted = fake.last_message(GROUP)
    assert promoted["text"].startswith("Thank you! I am an admin now")
    assert fake.buttons(promoted)[0]["url"].endswith(f"?start=su{GROUP}")


async def test_descriptions_and_default_admin_rights_are_set_at_start(bot: BotUnderTest) -> None:
    fake = bot.fake
    await bot.settle()
    texts = bot.rt.translator
    for code in ("ru", "en"):
        assert fake.bot_text("description", code) == texts.get(code, "bot-description")
        short = fake.bot_text("short_description", code)
        assert short == texts.get(code, "bot-short-description")
    # People whose language has no text of its own: the bot's default language (Russian here).
    assert fake.bot_text("description") == texts.get("ru", "bot-description")
    assert fake.bot_text("short_description") == texts.get("ru", "bot-short-description")
    rights = fake.default_admin_rights()
    given = {name for name, on in rights.items() if on}
    assert given == {
        "can_delete_messages",
        "can_restrict_members",
        "can_pin_messages",
        "can_invite_users",
    }
    assert fake.default_admin_rights(for_channels=True) == {}


async def test_the_add_to_group_link_asks_for_the_rights_needed(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(OWNER, "Owner", language_code="en")
    person = Person(bot, OWNER)
    menu = await person.say("/start")
    link = next(b["url"] for b in fake.buttons(menu) if b["text"] == "➕ Add to a group")
    assert link == (
        f"https://t.me/{fake.bot_username}?startgroup=setup"
        "&admin=delete_messages+restrict_members+pin_messages+invite_users"
    )
    # Added with that link, the group gets "/start@bot setup" from the admin: the greeting says
    # it all, no "continue in private" hint on top.
    greeting = await group_with_bot(bot, "en")
    await person.say(f"/start@{fake.bot_username} setup", chat_id=GROUP)
    assert fake.messages(GROUP) == [greeting]


async def test_a_setup_survives_a_restart_and_a_too_long_text_loses_nothing(
    bot: BotUnderTest,
) -> None:
    words = LABELS["en"]
    greeting = await group_with_bot(bot, "en")
    owner = Person(bot, OWNER)
    await owner.say(f"/start {setup_payload(bot, greeting, words['set up'])}")
    await owner.tap(words["next"])
    await owner.tap(words["skip"])  # the mission is awaited now
    await bot.restart()
    too_long = "x" * 2001
    assert "2,001 characters and 2,000 fit" in (await owner.say(too_long))["text"]
    assert await setting(bot, "community.mission") is None
    rules = await owner.say("We help")  # the same step, still awaited
    assert words["step"].format(4) in rules["text"]
    assert await setting(bot, "community.mission") == "We help"
    # /cancel leaves the setup: a later message is not taken for the rules.
    assert (await owner.say("/cancel"))["text"].startswith("All right, you left the form")
    await owner.say("Be kind")
    assert await setting(bot, "community.rules") is None
