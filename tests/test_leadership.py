"""Mission, rules and team end to end: moderators set them (a member cannot), everyone reads
them in the group or in private, and the audit log records who changed what, for moderators only."""

from __future__ import annotations

from tests.harness import BotUnderTest
from tests.steps import ADMIN, GROUP, open_settings
from tests.test_cv import say, tap
from tests.test_requests import AUTHOR, HELPER, people


async def in_group(bot: BotUnderTest, uid: int, text: str, reply_to: int | None = None) -> str:
    bot.fake.send_message(uid, text, chat_id=GROUP, reply_to_message_id=reply_to)
    await bot.settle()
    return bot.fake.last_message(GROUP)["text"]


async def test_rules_mission_team_and_the_audit_log(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    assert (await in_group(bot, AUTHOR, "/rules")).startswith("В «Опора» правила пока не записаны")
    assert (await in_group(bot, AUTHOR, "/setrules Не спамить")) == (
        "Это могут только модераторы сообщества."
    )
    # The admin writes the rules in a message, then replies to it with /setrules.
    source = fake.send_message(
        ADMIN, "Поддерживаем друг друга\nБез <рекламы> & спама", chat_id=GROUP
    )["message_id"]
    await bot.settle()
    assert (await in_group(bot, ADMIN, "/setrules", reply_to=source)).startswith(
        "📜 Правила сохранены"
    )
    shown = await in_group(bot, HELPER, "/rules")
    assert shown == "📜 Правила «Опора»\n1. Поддерживаем друг друга\n2. Без <рекламы> & спама"
    # In private too, for the community one acts for.
    await say(bot, HELPER, f"/start c{GROUP}")
    assert (await say(bot, HELPER, "/rules")).startswith("📜 Правила «Опора»\n1. Поддерживаем")

    assert (await say(bot, HELPER, "/about")).startswith("У «Опора» пока нет описания миссии")
    await say(bot, ADMIN, f"/start c{GROUP}")
    await say(bot, ADMIN, "/setmission Мы помогаем друг другу вернуться к работе.")
    assert (await say(bot, HELPER, "/about")) == (
        "🌱 Опора\nМы помогаем друг другу вернуться к работе."
    )

    # /team: whom to turn to.
    fake.send_message(ADMIN, f"/mod {HELPER}", chat_id=GROUP)
    await bot.settle()
    shown_team = await in_group(bot, AUTHOR, "/team")
    assert "Ведущие (администраторы): Admin" in shown_team
    assert "Модераторы: Глеб" in shown_team and "Готовы выслушать: пока никого" in shown_team

    # The audit log: moderators only, in private, newest first.
    assert (await in_group(bot, ADMIN, "/modlog")).startswith("Журнал модерации открывается")
    assert (await say(bot, AUTHOR, "/modlog")) == "Это могут только модераторы сообщества."
    log = await say(bot, ADMIN, "/modlog")
    assert log.startswith("📒 Журнал «Опора» (3 записи, сначала новые):")
    lines = log.splitlines()[1:]
    assert "Назначение модератором: Глеб — Admin" in lines[0]
    assert "Настройка: Миссия (/about) → «Мы помогаем" in lines[1]
    assert "Настройка: Правила (/rules) → «Поддерживаем друг друга" in lines[2]
    # A settings menu change is recorded too; the new moderator can read the log.
    await open_settings(bot)
    await tap(bot, ADMIN, "📅 Встречи")
    await tap(bot, ADMIN, "Разрешить участникам назначать встречи")
    await say(bot, HELPER, f"/start c{GROUP}")
    log = await say(bot, HELPER, "/modlog")
    assert "Настройка: Кто назначает встречи → все участники" in log.splitlines()[1]


async def test_rules_and_mission_at_their_longest_are_shown_whole(bot: BotUnderTest) -> None:
    # Escaped for HTML, texts this long outgrew Fluent's placeable limit and read "{???}".
    fake = bot.fake
    await people(bot)
    rule = "Без <рекламы> & спама, с уважением друг к другу"
    rules = "\n".join([rule] * 100)[:3500].rsplit("\n", 1)[0]
    source = fake.send_message(ADMIN, rules, chat_id=GROUP)["message_id"]
    await bot.settle()
    assert (await in_group(bot, ADMIN, "/setrules", reply_to=source)).startswith("📜 Правила")
    shown = await in_group(bot, HELPER, "/rules")
    assert "???" not in shown
    assert shown.count(rule) == rules.count(rule)
    mission = ("Мы <вместе> & рядом. " * 100)[:2000].strip()
    await say(bot, ADMIN, f"/start c{GROUP}")
    await say(bot, ADMIN, f"/setmission {mission}")
    assert (await say(bot, HELPER, "/about")) == f"🌱 Опора\n{mission}"
