"""/settings → "Community" end to end: the mission, the rules and the welcome's own words typed
in private (too long is said and kept open, HTML stays text), features switched off answering
in the group and in private (in the person's language), the digest switch, the topic reset, and
each change in the audit log."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from tests.harness import BotUnderTest
from tests.steps import ADMIN, GROUP, enable_checkins, open_settings
from tests.test_cv import say, shown, tap
from tests.test_requests import AUTHOR, HELPER, people
from tests.test_welcome import welcomes

ENGLISH = 777301
NEWCOMER = 777302


async def test_texts_features_and_digest_from_the_menu(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    await open_settings(bot)
    section = await tap(bot, ADMIN, "🏠 Сообщество: миссия, правила, разделы")
    assert "Миссия (/about): не написано" in section
    assert "📅 Встречи: включено" in section
    assert "🙋 Просьбы публикуются в общем чате." in section

    prompt = await tap(bot, ADMIN, "✏️ Миссия")
    assert prompt.startswith("Пришлите миссию сообщества")
    assert (await say(bot, ADMIN, "Поддержка <b>без</b> оценок")).startswith("✅ Миссия сохранена")
    await say(bot, AUTHOR, f"/start c{GROUP}")
    about = await say(bot, AUTHOR, "/about")
    assert "Поддержка <b>без</b> оценок" in about  # shown as typed, not as markup

    await tap(bot, ADMIN, "‹ Назад")  # under "saved": back to the section
    await tap(bot, ADMIN, "✏️ Правила")
    too_long = await say(bot, ADMIN, "Правило\n" * 500)
    assert "3\xa0500" in too_long  # the limit is named; the form stays open
    assert (await say(bot, ADMIN, "Уважаем друг друга\nБез рекламы")).startswith(
        "✅ Правила сохранены"
    )
    assert "2. Без рекламы" in await say(bot, AUTHOR, "/rules")
    section = await tap(bot, ADMIN, "‹ Назад")
    assert "Правила (/rules): 2 пункта" in section

    await tap(bot, ADMIN, "✏️ Слова в приветствии")
    await say(bot, ADMIN, "{first}, начните с /intro — и <добро пожаловать> в {chatname}!")
    fake.add_user(NEWCOMER, "Нина")
    fake.join(GROUP, NEWCOMER)
    await bot.settle()
    bot.clock.advance(11)
    await fake.wait_for(lambda: bool(welcomes(bot)))
    assert welcomes(bot)[-1]["text"].endswith(
        "Нина, начните с /intro — и <добро пожаловать> в Опора!"
    )

    # Meetings off: the group and private both hear it, each in the reader's language.
    await tap(bot, ADMIN, "‹ Назад")
    section = await tap(bot, ADMIN, "Выключить: 📅 Встречи")
    assert "📅 Встречи: выключено" in section
    fake.send_message(HELPER, "/meet", chat_id=GROUP)
    await bot.settle()
    assert shown(fake.last_message(GROUP)) == (
        "В «Опора» раздел «📅 Встречи» выключен модераторами."
    )
    fake.add_user(ENGLISH, "Emma", language_code="en")
    fake.set_member(GROUP, ENGLISH, "member", emit=False)
    fake.send_message(ENGLISH, "hello", chat_id=GROUP)
    await bot.settle()
    await say(bot, ENGLISH, f"/start c{GROUP}")
    answer = await say(bot, ENGLISH, "/meetings")
    assert answer.startswith('In "Опора" the moderators have turned "📅 Meetings" off.')
    # Other features still answer.
    assert not (await say(bot, ENGLISH, "/jobs")).startswith('In "Опора"')

    section = await tap(bot, ADMIN, "Выключить ежемесячное «спасибо»")
    assert "Ежемесячное «спасибо» тем, кто помогал: выключено." in section
    await tap(bot, ADMIN, "Включить: 📅 Встречи")
    fake.send_message(HELPER, "/meet", chat_id=GROUP)
    await bot.settle()
    assert "выключен" not in shown(fake.last_message(GROUP))

    await open_settings(bot)
    await tap(bot, ADMIN, "🌐 Язык")
    await tap(bot, ADMIN, "English")
    log = await say(bot, ADMIN, "/modlog")
    assert "Настройка: Язык сообщества → 🇬🇧 English — Admin" in log
    assert "Настройка: Раздел «Встречи» → выключено — Admin" in log
    assert "Настройка: Ежемесячное «спасибо» тем, кто помогал → выключено — Admin" in log
    assert "Настройка: Миссия (/about) → «Поддержка" in log


async def test_a_forgotten_text_prompt_takes_nothing(bot: BotUnderTest) -> None:
    """Asked for the mission, the moderator goes elsewhere: a message half an hour later, or
    after another settings button, is not taken as the mission."""
    await people(bot)
    await open_settings(bot)
    await tap(bot, ADMIN, "🏠 Сообщество: миссия, правила, разделы")
    await tap(bot, ADMIN, "✏️ Миссия")
    bot.clock.advance(31 * 60)
    assert not (await say(bot, ADMIN, "Просто сообщение")).startswith("✅")
    await tap(bot, ADMIN, "✏️ Правила")
    await tap(bot, ADMIN, "‹ Назад")  # under the prompt: back to the section, prompt left
    assert not (await say(bot, ADMIN, "Ещё одно сообщение")).startswith("✅")
    section = await tap(bot, ADMIN, "✏️ Миссия")
    assert section.startswith("Пришлите миссию")
    values = await bot.rt.community_settings.values(GROUP)
    assert values["community.mission"] == "" and values["community.rules"] == ""


async def test_the_community_zone_moves_its_timed_posts_and_is_audited(
    bot: BotUnderTest,
) -> None:
    """The weekly summary and the monthly "thank you" are at an hour of the community's zone:
    a new zone moves both, and the change is in the audit log like every other setting."""
    fake = bot.fake
    await people(bot)
    await enable_checkins(bot)

    async def planned(key: str) -> float:
        value = await bot.rt.db.fetchval(
            "SELECT value FROM community_settings WHERE chat_id = ? AND key = ?", (GROUP, key)
        )
        return float(value)

    summary, digest = (
        await planned("checkins.summary_next_at"),
        await planned("requests.digest_next_at"),
    )
    await open_settings(bot)
    await tap(bot, ADMIN, "🕒 Часовой пояс")
    assert "Берлин" in await tap(bot, ADMIN, "Берлин")
    moscow, berlin = ZoneInfo("Europe/Moscow"), ZoneInfo("Europe/Berlin")
    for key, before in (("checkins.summary_next_at", summary), ("requests.digest_next_at", digest)):
        local = datetime.fromtimestamp(before, moscow).replace(tzinfo=None)
        # The same wall-clock hour, now in Berlin.
        assert await planned(key) == local.replace(tzinfo=berlin).timestamp(), key
    fake.send_message(ADMIN, "/modlog")
    await bot.settle()
    assert "Часовой пояс сообщества → Берлин" in fake.last_message(ADMIN)["text"]
