"""Check-ins in a community end to end: moderators' /settings, opt-in invitations, listeners,
the consented notice after hard days, good news, the weekly summary."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.harness import BotUnderTest
from tests.steps import (
    ADMIN,
    GROUP,
    checkin,
    community,
    enable_checkins,
    join_checkins,
    open_settings,
)

MEMBERS = {21: "Вера", 22: "Глеб", 23: "Дина"}


def move_to(bot: BotUnderTest, when: datetime) -> None:
    bot.clock.advance(when.timestamp() - bot.clock.time())


def texts_to(bot: BotUnderTest, chat_id: int) -> list[str]:
    return [
        c.params.get("text", "")
        for c in bot.fake.calls_of("sendMessage")
        if c.ok and c.params["chat_id"] == chat_id
    ]


async def setting(bot: BotUnderTest, key: str) -> str | None:
    value = await bot.rt.db.fetchval(
        "SELECT value FROM community_settings WHERE chat_id = ? AND key = ?", (GROUP, key)
    )
    return None if value is None else str(value)


async def test_moderators_turn_checkins_on_and_members_join_themselves(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    await community(bot, MEMBERS)

    # Not a moderator: refused in the group, and a forged settings button changes nothing.
    fake.send_message(21, "/settings", chat_id=GROUP)
    await bot.settle()
    assert fake.last_message(GROUP)["text"] == "Это могут только модераторы сообщества."
    fake.send_message(21, f"/start s{GROUP}")
    await bot.settle()
    assert fake.last_message(21)["text"] == "Это могут только модераторы сообщества."
    for forged in (f"st:{GROUP}:ci:show:0", f"cs:{GROUP}:on:1:0:0:-1"):
        fake.press(21, chat_id=21, callback_data=forged)
        await bot.settle()
    assert await setting(bot, "checkins.enabled") is None

    await enable_checkins(bot)
    assert await setting(bot, "checkins.enabled") == "1"
    menu = fake.last_message(ADMIN)["text"]
    assert "Статус: включены" in menu and "Предлагаемое расписание: нет" in menu

    # A suggested schedule: weekdays at 09:00.
    fake.press(ADMIN, chat_id=ADMIN, button_text="Предлагаемое расписание")
    await bot.settle()
    fake.press(ADMIN, chat_id=ADMIN, button_text="По будням")
    await bot.settle()
    fake.press(ADMIN, chat_id=ADMIN, button_text="09:00")
    await bot.settle()
    assert "Предлагаемое расписание: по будням в 09:00" in fake.last_message(ADMIN)["text"]
    # Nobody was enrolled silently.
    assert await bot.rt.db.fetchval("SELECT COUNT(*) FROM checkin_schedules") == 0

    # The invitation goes to the group through the sender, with a button to join privately.
    fake.press(ADMIN, chat_id=ADMIN, button_text="Пригласить участников")
    await bot.settle()
    await bot.rt.sender.drain()
    invite = fake.last_message(GROUP)
    assert "Включены ежедневные отметки" in invite["text"]
    assert "Предлагаем: по будням в 09:00" in invite["text"]
    url = fake.buttons(invite)[0]["url"]
    assert url.endswith(f"?start=ci{GROUP}")

    fake.send_message(22, f"/start ci{GROUP}")
    await bot.settle()
    offer = fake.last_message(22)["text"]
    assert offer.startswith("В Опора идут отметки настроения.")
    assert "Предлагаемые напоминания: по будням в 09:00 (Москва" in offer
    fake.press(22, chat_id=22, button_text="Присоединиться, с этими напоминаниями")
    await bot.settle()
    assert "Добро пожаловать в отметки сообщества Опора!" in fake.last_message(22)["text"]
    row = await bot.rt.db.fetchone(
        "SELECT kind, local_time FROM checkin_schedules WHERE user_id = 22"
    )
    assert tuple(row) == ("weekdays", "09:00")
    assert await bot.rt.db.fetchval("SELECT COUNT(*) FROM checkin_schedules") == 1

    # Not joined: a member's check-in stays theirs and is not counted for the community.
    await checkin(bot, 21, "Неплохо", None, [])
    assert await bot.rt.db.fetchval("SELECT community_id FROM checkins WHERE user_id = 21") is None
    await checkin(bot, 22, "Неплохо", None, [])
    assert await bot.rt.db.fetchval("SELECT community_id FROM checkins WHERE user_id = 22") == GROUP

    # /checkins shows the suggestion to a member who has no schedule yet.
    fake.send_message(23, "/checkins")
    await bot.settle()
    menu = fake.last_message(23)["text"]
    assert "вы к ним не присоединились" in menu
    assert "Опора предлагает: по будням в 09:00." in menu
    # Joining from /checkins with the suggestion, and leaving again.
    fake.press(23, chat_id=23, button_text="Как предлагает сообщество")
    await bot.settle()
    assert await bot.rt.community_checkins.joined(23, GROUP)
    fake.send_message(23, "/checkins")
    await bot.settle()
    fake.press(23, chat_id=23, button_text="Выйти из отметок Опора")
    await bot.settle()
    assert "Вы вышли из отметок Опора" in fake.last_message(23)["text"]
    assert not await bot.rt.community_checkins.joined(23, GROUP)

    # Turned off: the community's check-ins no longer count, the pulse stays private.
    await open_settings(bot)
    fake.press(ADMIN, chat_id=ADMIN, button_text="Отметки")
    await bot.settle()
    fake.press(ADMIN, chat_id=ADMIN, button_text="Выключить отметки")
    await bot.settle()
    assert await setting(bot, "checkins.enabled") == "0"
    bot.clock.advance(86400)
    await checkin(bot, 22, "Хорошо", None, [])
    counted = await bot.rt.db.fetchall(
        "SELECT community_id FROM checkins WHERE user_id = 22 ORDER BY local_date"
    )
    assert [r[0] for r in counted] == [GROUP, None]


async def test_talk_to_someone_shows_listeners_and_the_communitys_crisis_lines(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    await community(bot, MEMBERS)
    fake.add_user(25, "Tom & Jerry", username="tomjerry")
    fake.set_member(GROUP, 25, "member", emit=False)
    for uid in (22, 25):
        fake.send_message(uid, "/listener", chat_id=GROUP)
        await bot.settle()
    assert "Tom &amp; Jerry теперь слушатель в <b>Опора</b>" in fake.last_message(GROUP)["html"]

    await checkin(bot, 21, "Очень тяжело", None, [])
    fake.press(21, chat_id=21, button_text="Поговорить с кем-нибудь")
    await bot.settle()
    answer = fake.last_message(21)
    assert "вызвались выслушать" in answer["text"] and "Глеб" in answer["text"]
    assert 'href="tg://user?id=22"' in answer["html"]  # a mention works without a username
    # A button only where a public username makes it safe; its label is plain text.
    assert [(b["text"], b["url"]) for b in fake.buttons(answer)] == [
        ("✉️ Написать: Tom & Jerry", "https://t.me/tomjerry")
    ]

    # The community's own crisis lines replace the built-in list; they are escaped.
    await open_settings(bot)
    fake.press(ADMIN, chat_id=ADMIN, button_text="Отметки")
    await bot.settle()
    fake.press(ADMIN, chat_id=ADMIN, button_text="Кризисные контакты")
    await bot.settle()
    # Counted as Telegram counts (UTF-16): 751 emoji are 1502 characters, over the 1500.
    fake.send_message(ADMIN, "📞" * 751)
    await bot.settle()
    assert fake.last_message(ADMIN)["text"].startswith("Получилось 1\xa0502 символа")
    fake.send_message(ADMIN, "Горячая линия <сообщества> & друзей: 8-800-000-00-00")
    await bot.settle()
    assert "Кризисные контакты: свои" in fake.last_message(ADMIN)["text"]
    fake.press(21, chat_id=21, button_text="🆘 Нужна помощь сейчас")
    await bot.settle()
    lines = fake.last_message(21)
    assert "Горячая линия <сообщества> & друзей" in lines["text"]
    assert "&lt;сообщества&gt; &amp;" in lines["html"]
    assert "МЧС" not in lines["text"]

    # Stopping: /listener again, and nobody is left to show.
    for uid in (22, 25):
        fake.send_message(uid, "/listener")
        await bot.settle()
        assert "больше не значится слушателем" in fake.last_message(uid)["text"]
    fake.press(21, chat_id=21, button_text="Поговорить с кем-нибудь")
    await bot.settle()
    assert "пока никто не вызвался слушать" in fake.last_message(21)["text"]


async def low_day(bot: BotUnderTest, uid: int) -> None:
    await checkin(bot, uid, "Очень тяжело", "секретная заметка", [])
    bot.clock.advance(86400)


async def test_listening_moderators_are_told_after_three_hard_days_only_with_consent(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    move_to(bot, datetime(2026, 5, 4, 9, 0, tzinfo=UTC))
    await community(bot, {**MEMBERS, 24: "Ева"})
    await enable_checkins(bot)
    fake.send_message(ADMIN, "/listener", chat_id=GROUP)  # a moderator who listens
    fake.send_message(22, "/listener", chat_id=GROUP)  # a listener, not a moderator
    await bot.settle()
    for uid in (21, 24):
        await join_checkins(bot, uid)

    # Without consent: three hard days tell nobody anything.
    for _ in range(3):
        await low_day(bot, 21)
    await bot.rt.sender.drain()
    assert not [t for t in texts_to(bot, ADMIN) if "просьба узнать, как дела" in t]

    # Consent from the button under a hard day's reflection.
    await checkin(bot, 24, "Непросто", None, [])
    fake.press(24, chat_id=24, button_text="Сообщить модераторам")
    await bot.settle()
    assert "получат личное сообщение с вашим именем" in fake.last_message(24)["text"]
    bot.clock.advance(86400)
    await low_day(bot, 24)
    await bot.rt.sender.drain()
    assert not [t for t in texts_to(bot, ADMIN) if "просьба узнать, как дела" in t]  # 2 days only
    await checkin(bot, 24, "Очень тяжело", None, [])
    await bot.rt.sender.drain()
    notices = [t for t in texts_to(bot, ADMIN) if "просьба узнать, как дела" in t]
    assert len(notices) == 1
    assert "Ева" in notices[0] and "3 тяжёлых дня" in notices[0]
    assert "секретная" not in notices[0]
    assert not [t for t in texts_to(bot, 22) if "просьба узнать, как дела" in t]  # not a moderator

    # A fourth hard day is the same run: no second notice. A good day ends the run.
    bot.clock.advance(86400)
    await checkin(bot, 24, "Очень тяжело", None, [])
    bot.clock.advance(86400)
    await checkin(bot, 24, "Хорошо", None, [])
    await bot.rt.sender.drain()
    assert len([t for t in texts_to(bot, ADMIN) if "просьба узнать, как дела" in t]) == 1

    # Consent withdrawn in /checkins: the next run is nobody's business.
    fake.send_message(24, "/checkins")
    await bot.settle()
    fake.press(24, chat_id=24, button_text="Никому не сообщать")
    await bot.settle()
    for _ in range(3):
        bot.clock.advance(86400)
        await checkin(bot, 24, "Очень тяжело", None, [])
    await bot.rt.sender.drain()
    assert len([t for t in texts_to(bot, ADMIN) if "просьба узнать, как дела" in t]) == 1


async def test_good_news_is_posted_only_after_the_member_confirms(bot: BotUnderTest) -> None:
    fake = bot.fake
    await community(bot, MEMBERS)
    await enable_checkins(bot)
    for uid in MEMBERS:
        await join_checkins(bot, uid)
    posts_before = len(fake.messages(GROUP))

    # Consent where no moderator listens yet: said plainly.
    fake.send_message(23, "/checkins")
    await bot.settle()
    fake.press(23, chat_id=23, button_text="Сообщать модераторам после 3 тяжёлых дней")
    await bot.settle()
    assert "сообщать пока некому" in fake.last_message(23)["text"]

    await checkin(bot, 21, "Хорошо", None, ["Хорошая новость"])
    fake.press(21, chat_id=21, button_text="Поделиться хорошей новостью")
    await bot.settle()
    fake.send_message(21, "Меня взяли на работу <мечты> & всё!")
    await bot.settle()
    preview = fake.last_message(21)
    assert preview["text"].startswith("Вот что увидит группа:")
    await bot.rt.sender.drain()
    assert len(fake.messages(GROUP)) == posts_before  # nothing before confirming

    # Pressed from another member's chat (forged), it posts nothing: the form is the presser's.
    named, anonymous = (b["callback_data"] for b in fake.buttons(preview)[:2])
    fake.send_message(22, "/start")
    await bot.settle()
    query = fake.press(22, chat_id=22, callback_data=anonymous)
    await bot.settle()
    assert fake.callback_answer(query)["show_alert"]
    await bot.rt.sender.drain()
    assert len(fake.messages(GROUP)) == posts_before

    fake.press(21, chat_id=21, button_text="Опубликовать без имени")
    await bot.settle()
    await bot.rt.sender.drain()
    post = fake.last_message(GROUP)
    assert post["text"].startswith("🎉 Хорошая новость от участника сообщества")
    assert "Меня взяли на работу <мечты> & всё!" in post["text"]
    assert "Вера" not in post["html"] and "21" not in post["html"]
    # Nor anywhere in what is queued for the group.
    queued = await bot.rt.db.fetchall(
        "SELECT COALESCE(dedupe_key, ''), payload FROM outbox WHERE chat_id = ?", (GROUP,)
    )
    assert not [r for r in queued if "21" in r[0] or "Вера" in r[1]]
    assert fake.last_message(21)["text"].startswith("Опубликовано в Опора.")

    # A second press of the old preview posts nothing more.
    fake.press(21, chat_id=21, callback_data=named)
    await bot.settle()
    await bot.rt.sender.drain()
    assert len(fake.messages(GROUP)) == posts_before + 1

    # With the name, as a link to the member.
    bot.clock.advance(86400)
    await checkin(bot, 22, "Хорошо", None, ["Хорошая новость"])
    fake.press(22, chat_id=22, button_text="Поделиться хорошей новостью")
    await bot.settle()
    fake.send_message(22, "Сдал экзамен")
    await bot.settle()
    fake.press(22, chat_id=22, button_text="Опубликовать с моим именем")
    await bot.settle()
    await bot.rt.sender.drain()
    post = fake.last_message(GROUP)
    assert post["text"] == "🎉 Хорошая новость — делится Глеб\nСдал экзамен"
    assert 'href="tg://user?id=22"' in post["html"]

    # Once a day: a second share the same day is declined kindly.
    fake.press(22, chat_id=22, button_text="Поделиться хорошей новостью")
    await bot.settle()
    fake.send_message(22, "И ещё одна")
    await bot.settle()
    fake.press(22, chat_id=22, button_text="Опубликовать с моим именем")
    await bot.settle()
    await bot.rt.sender.drain()
    assert fake.last_message(22)["text"].startswith("Сегодня вы уже поделились")
    assert fake.last_message(GROUP)["text"].endswith("Сдал экзамен")

    # A forged "share" without today's good-news check-in opens nothing.
    await checkin(bot, 23, "Так себе", None, [])
    query = fake.press(23, chat_id=23, callback_data="ci:share:0")
    await bot.settle()
    assert fake.callback_answer(query)["show_alert"]
    assert not fake.last_message(23)["text"].startswith("Что вы хотите рассказать")

    # A muted member cannot post through the bot.
    bot.clock.advance(86400)
    await checkin(bot, 23, "Хорошо", None, ["Хорошая новость"])
    fake.press(23, chat_id=23, button_text="Поделиться хорошей новостью")
    await bot.settle()
    fake.send_message(23, "Новости")
    await bot.settle()
    fake.set_member(GROUP, 23, "restricted", permissions={"can_send_messages": False})
    await bot.settle()
    fake.press(23, chat_id=23, button_text="Опубликовать без имени")
    await bot.settle()
    await bot.rt.sender.drain()
    assert fake.last_message(23)["text"].startswith("Сейчас я не могу опубликовать")
    assert fake.last_message(GROUP)["text"].endswith("Сдал экзамен")


async def test_weekly_summary_to_subscribed_moderators_survives_a_restart(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    move_to(bot, datetime(2026, 6, 1, 7, 0, tzinfo=UTC))  # Monday, 10:00 in Moscow
    await community(bot, MEMBERS)
    await enable_checkins(bot)
    fake.press(ADMIN, chat_id=ADMIN, button_text="Присылать мне сводку")
    await bot.settle()
    fake.press(ADMIN, chat_id=ADMIN, button_text="День и время сводки")
    await bot.settle()
    fake.press(ADMIN, chat_id=ADMIN, button_text="пятница")
    await bot.settle()
    fake.press(ADMIN, chat_id=ADMIN, button_text="18:00")
    await bot.settle()
    menu = fake.last_message(ADMIN)["text"]
    assert "Еженедельная сводка: пятница, 18:00" in menu and "Вы получаете" in menu
    planned = float(await setting(bot, "checkins.summary_next_at") or 0)
    assert planned == datetime(2026, 6, 5, 15, 0, tzinfo=UTC).timestamp()  # 18:00 MSK

    for uid, mood in ((21, "Непросто"), (22, "Неплохо"), (23, "Хорошо")):
        await join_checkins(bot, uid)
        await checkin(bot, uid, mood, "личное", [])

    # Down across the moment, back 20 minutes later: sent once, then planned a week on.
    await bot.stop()
    move_to(bot, datetime(2026, 6, 5, 15, 20, tzinfo=UTC))
    await bot.start()
    await fake.wait_for(lambda: any("Неделя отметок" in t for t in texts_to(bot, ADMIN)))
    await bot.restart()
    await bot.rt.sender.drain()
    summaries = [t for t in texts_to(bot, ADMIN) if "Неделя отметок" in t]
    assert len(summaries) == 1
    assert "За неделю отметились 3 человека (3 отметки)" in summaries[0]
    assert "😞 0 · 😟 1 · 😐 0 · 🙂 1 · 😄 1" in summaries[0]
    assert "личное" not in summaries[0] and "Вера" not in summaries[0]
    following = float(await setting(bot, "checkins.summary_next_at") or 0)
    assert following == datetime(2026, 6, 12, 15, 0, tzinfo=UTC).timestamp()

    # No longer an admin: no longer told, even though still subscribed.
    fake.set_member(GROUP, ADMIN, "member")
    await bot.settle()
    bot.rt.permissions.invalidate(GROUP)
    move_to(bot, datetime(2026, 6, 12, 15, 0, 1, tzinfo=UTC))
    await fake.wait_for(
        lambda: bot.rt.db.fetchval(
            "SELECT value > ? FROM community_settings WHERE key = 'checkins.summary_next_at'",
            (following,),
        )
    )
    await bot.rt.sender.drain()
    assert len([t for t in texts_to(bot, ADMIN) if "Неделя отметок" in t]) == 1


async def test_settings_and_the_weekly_summary_follow_a_group_to_its_supergroup(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    old, new = -4000001, -1004000001
    fake.add_user(ADMIN, "Admin")
    fake.add_group(old, "Little group", type="group")
    fake.set_member(old, ADMIN, "creator", emit=False)
    fake.add_bot_to_group(old, ADMIN)
    await bot.settle()
    await enable_checkins(bot, group=old)
    assert f"checkin_summary:{old}" in bot.rt.scheduler.job_ids()

    fake.migrate_group(old, new)
    await bot.settle()
    assert await bot.rt.community_checkins.enabled(new)
    await fake.wait_for(lambda: f"checkin_summary:{new}" in bot.rt.scheduler.job_ids())


@pytest.mark.expect_errors
async def test_one_broken_reminder_does_not_stop_the_others(bot: BotUnderTest) -> None:
    fake = bot.fake
    move_to(bot, datetime(2026, 6, 1, 10, 0, tzinfo=UTC))
    for uid in (41, 42):
        fake.add_user(uid, f"U{uid}")
        fake.send_message(uid, "/start")
    await bot.settle()
    due = datetime(2026, 6, 1, 15, 0, tzinfo=UTC).timestamp()
    for uid in (41, 42):
        await bot.rt.checkins.set_schedule(uid, "daily", 0, "18:00")
    # A row no version of the bot would write (say, edited by hand): it must not block 42.
    await bot.rt.db.execute("UPDATE checkin_schedules SET local_time = '99:99' WHERE user_id = 41")
    move_to(bot, datetime(2026, 6, 1, 15, 0, 1, tzinfo=UTC))
    await fake.wait_for(
        lambda: any(
            c.ok and c.params["chat_id"] == 42 and "Отметьтесь" in c.params.get("text", "")
            for c in fake.calls_of("sendMessage")
        )
    )
    put_off = await bot.rt.db.fetchval("SELECT next_at FROM checkin_schedules WHERE user_id = 41")
    assert put_off > due + 86000
