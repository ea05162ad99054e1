"""Warnings, mutes, bans and /del end to end in the group: who may act on whom (admin,
anonymous admin, appointed moderator, member), rules cited by number, the warning limit leading
to a mute, durations in both languages, expiry with the injected clock, the bot without the
right, /mywarns, and the audit log."""

from __future__ import annotations

from tests.harness import BotUnderTest
from tests.steps import ADMIN, GROUP
from tests.test_cv import say
from tests.test_cv import shown as shown_text
from tests.test_requests import AUTHOR, HELPER, OTHER, people


async def post(bot: BotUnderTest, uid: int, text: str) -> int:
    message_id = bot.fake.send_message(uid, text, chat_id=GROUP)["message_id"]
    await bot.settle()
    return int(message_id)


async def command(
    bot: BotUnderTest, uid: int, text: str, reply_to: int | None = None, *, as_chat: bool = False
) -> str:
    bot.fake.send_message(uid, text, chat_id=GROUP, reply_to_message_id=reply_to, as_chat=as_chat)
    await bot.settle()
    return bot.fake.last_message(GROUP)["text"]


async def test_warnings_to_a_mute_and_who_may_act(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    await command(
        bot, ADMIN, "/setrules 1. Поддерживаем друг друга\n(и себя)\n2. Без рекламы и <спама>"
    )
    spam = await post(bot, AUTHOR, "Купите курсы!!!")

    # A member may not warn; nobody warns themselves; a bad duration is explained.
    assert await command(bot, HELPER, "/warn", spam) == "Это могут только модераторы сообщества."
    own = await post(bot, ADMIN, "Всем привет")
    assert (await command(bot, ADMIN, "/warn", own)).startswith("К себе эту команду")
    assert (await command(bot, ADMIN, "/warn")).startswith("Ответьте /warn")
    assert (await command(bot, ADMIN, "/mute 5лет", spam)).startswith("Не понял срок")

    # Warnings cite the rule; the third one (the default limit) mutes for a day.
    first = await command(bot, ADMIN, "/warn 2 реклама курсов", spam)
    assert first == (
        "⚠️ Вероника, предупреждение 1 из 3.\nПричина: реклама курсов\n"
        "Правило 2. Без рекламы и <спама>"
    )
    await command(bot, ADMIN, "/warn 2", spam)
    assert "2. Без рекламы и <спама>" in await command(bot, ADMIN, "/warns", spam)
    # An anonymous admin (posting as the group) counts as an admin.
    third = await command(bot, ADMIN, "/warn флуд", spam, as_chat=True)
    assert third.startswith("⚠️ Вероника, предупреждение 3 из 3.")
    assert "получает 3-е предупреждение и не может писать сутки" in third
    assert fake.member_status(GROUP, AUTHOR) == "restricted"
    # The count started again; the member sees their own warnings (none now) in private.
    await say(bot, AUTHOR, f"/start c{GROUP}")
    assert (await say(bot, AUTHOR, "/mywarns")).startswith("Вероника: действующих")
    assert (await say(bot, AUTHOR, "/warn")).startswith("Эта команда работает в группе")

    # An appointed moderator acts on members, not on admins or other moderators.
    await command(bot, ADMIN, f"/mod {HELPER}")
    await command(bot, ADMIN, f"/mod {OTHER}")
    admin_post = await post(bot, ADMIN, "Напоминаю о встрече")
    assert (await command(bot, HELPER, "/warn", admin_post)).startswith("Эту команду нельзя")
    other_post = await post(bot, OTHER, "Привет")
    assert (await command(bot, HELPER, "/mute 1h", other_post)).startswith("Эту команду нельзя")
    await command(bot, ADMIN, f"/unmod {OTHER}")
    muted = await command(bot, HELPER, "/mute 2ч 1 грубость", other_post)
    assert muted.startswith("🔇 Дина не может писать в группе до ")
    assert "Правило 1. Поддерживаем друг друга" in muted
    assert fake.member_status(GROUP, OTHER) == "restricted"
    assert (await command(bot, HELPER, f"/unmute {OTHER}")) == "🔈 Дина снова может писать."
    assert fake.member_status(GROUP, OTHER) == "member"

    # The audit log has it all, for moderators.
    log = await say(bot, ADMIN, "/modlog")
    assert "Запрет писать: Дина · правило 1: грубость — Admin" not in log  # Глеб did that
    assert "Запрет писать: Дина · правило 1: грубость — Глеб" in log
    assert "Снятие запрета писать: Дина — Глеб" in log


async def test_ban_delete_expiry_and_missing_rights(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    bad = await post(bot, OTHER, "оскорбление")
    # /del removes the message and the command.
    fake.send_message(ADMIN, "/del", chat_id=GROUP, reply_to_message_id=bad)
    await bot.settle()
    await fake.wait_call("deleteMessage", chat_id=GROUP, message_id=bad)

    # A week's ban; /unban by id lets them back.
    again = await post(bot, OTHER, "ещё раз")
    banned = await command(bot, ADMIN, "/ban 1w оскорбления", again)
    assert banned.startswith("🚫 Дина не может вернуться в группу до ")
    assert fake.member_status(GROUP, OTHER) == "kicked"
    assert (await command(bot, ADMIN, f"/unban {OTHER}")) == "Дина может вернуться в группу."
    assert fake.member_status(GROUP, OTHER) == "left"

    # Warnings expire after 90 days (the default).
    note = await post(bot, AUTHOR, "реклама")
    await command(bot, ADMIN, "/warn", note)
    assert (await command(bot, ADMIN, "/warns", note)).startswith(
        "Вероника: действующие предупреждения (1):"
    )
    bot.clock.advance(91 * 86400)
    assert (await command(bot, ADMIN, "/warns", note)).startswith("Вероника: действующих")

    # Without the right to restrict, the bot says which right it needs.
    fake.fail_next(
        "restrictChatMember",
        400,
        "Bad Request: not enough rights to restrict/unrestrict chat member",
    )
    assert (await command(bot, ADMIN, "/mute 1h", note)).startswith("У меня нет нужного права")
    assert fake.member_status(GROUP, AUTHOR) == "member"


async def test_a_report_reaches_the_moderators_without_the_reporters_name(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    await people(bot)
    for uid in (ADMIN, HELPER, OTHER):
        fake.open_private_chat(uid)
    await command(bot, ADMIN, f"/mod {HELPER}")
    rude = await post(bot, AUTHOR, "Вы все <неудачники> & лузеры")
    fake.send_message(OTHER, "/report оскорбления", chat_id=GROUP, reply_to_message_id=rude)
    await bot.settle()
    # The command is gone from the group at once; the reporter is thanked privately.
    report_call = fake.calls_of("deleteMessage")[-1]
    assert int(report_call.params["chat_id"]) == GROUP
    await bot.rt.sender.drain()
    assert shown_text(fake.last_message(OTHER)).startswith("🙏 Спасибо, что сказали")
    # A second report of the same message is merged: the moderators hear once.
    fake.send_message(HELPER, "/report", chat_id=GROUP, reply_to_message_id=rude)
    await bot.settle()
    await bot.rt.sender.drain()
    for moderator in (ADMIN, HELPER):
        got = [m for m in fake.messages(moderator) if m["text"].startswith("🚩")]
        assert len(got) == 1, moderator
        assert "Автор сообщения: Вероника\nВы все <неудачники> & лузеры" in got[0]["text"]
        assert "Причина: оскорбления" in got[0]["text"] and "Дина" not in got[0]["text"]
    assert not [m for m in fake.messages(AUTHOR) if "🚩" in m["text"]]

    # A member cannot act on it with a forged button; a moderator mutes for a day.
    report_id = await bot.rt.db.fetchval("SELECT id FROM reports")
    await say(bot, OTHER, "/start")
    query = fake.press(OTHER, chat_id=OTHER, callback_data=f"rp:ban:{report_id}")
    await bot.settle()
    assert fake.callback_answer(query)["text"] == "Это могут только модераторы сообщества."
    fake.press(HELPER, chat_id=HELPER, button_text="🔇 1 день")
    await bot.settle()
    assert fake.member_status(GROUP, AUTHOR) == "restricted"
    handled = next(m for m in fake.messages(HELPER) if m["text"].startswith("🚩"))
    assert handled["text"].endswith("✅ Запрет писать на сутки — модератор Глеб")
    # The other moderator deletes the message: the report is done, every copy says so.
    fake.press(ADMIN, chat_id=ADMIN, button_text="🗑 Удалить")
    await bot.settle()
    await fake.wait_call("deleteMessage", chat_id=GROUP, message_id=rude)
    handled = next(m for m in fake.messages(HELPER) if m["text"].startswith("🚩"))
    assert handled["text"].endswith("✅ Удалено — модератор Admin") and fake.buttons(handled) == []
    query = fake.press(ADMIN, chat_id=ADMIN, callback_data=f"rp:ban:{report_id}")
    await bot.settle()
    assert fake.callback_answer(query)["text"].startswith("Эта жалоба уже закрыта")
    log = await say(bot, ADMIN, "/modlog")
    assert "Жалоба рассмотрена: Вероника · запрет писать на сутки, удалено — Admin" in log
    assert "Запрет писать: Вероника · оскорбления — Глеб" in log

    # A report about a moderator goes to the others, and they cannot close it themselves.
    mod_post = await post(bot, HELPER, "Резко ответил")
    fake.send_message(OTHER, "/report", chat_id=GROUP, reply_to_message_id=mod_post)
    await bot.settle()
    await bot.rt.sender.drain()
    about_helper = await bot.rt.db.fetchval("SELECT MAX(id) FROM reports")
    assert len([m for m in fake.messages(ADMIN) if m["text"].startswith("🚩")]) == 2
    assert len([m for m in fake.messages(HELPER) if m["text"].startswith("🚩")]) == 1
    query = fake.press(HELPER, chat_id=HELPER, callback_data=f"rp:dismiss:{about_helper}")
    await bot.settle()
    assert fake.callback_answer(query)["text"] == "К себе эту команду применить нельзя."
    assert (
        await bot.rt.db.fetchval("SELECT status FROM reports WHERE id = ?", (about_helper,))
        == "open"
    )


async def test_a_target_who_left_is_not_warned_or_muted_but_may_be_banned(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    await people(bot)
    rude = await post(bot, OTHER, "грубость")
    fake.leave(GROUP, OTHER)
    await bot.settle()
    for text in ("/warn", "/mute 1h"):
        answer = await command(bot, ADMIN, text, rude)
        assert answer.startswith("Этого человека сейчас нет в группе")
    assert fake.member_status(GROUP, OTHER) == "left"
    assert len(await bot.rt.sanctions.warnings(GROUP, OTHER)) == 0
    banned = await command(bot, ADMIN, f"/ban {OTHER} 1 грубость")
    assert banned.startswith("🚫 Дина не может вернуться в группу бессрочно — пока модератор не")
    assert fake.member_status(GROUP, OTHER) == "kicked"


async def test_only_members_become_moderators(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    fake.add_user(777501, "Тихоня")
    fake.set_member(GROUP, 777501, "member", emit=False)  # in the group, never wrote
    assert (await command(bot, ADMIN, "/mod 777501")).startswith("777501 теперь модератор")
    fake.leave(GROUP, OTHER)
    await bot.settle()
    assert (await command(bot, ADMIN, f"/mod {OTHER}")).startswith("Дина сейчас нет в группе")
    assert not await bot.rt.communities.is_moderator(GROUP, OTHER)


async def test_durations_as_people_write_them_and_until_lifted_said_so(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    spam = await post(bot, AUTHOR, "Купите курсы!!!")
    # "2 часа" is a duration, not rule 2 with the reason "часа".
    muted = await command(bot, ADMIN, "/mute 2 часа флуд", spam)
    assert muted.startswith("🔇 Вероника не может писать в группе до "), muted
    assert "Причина: флуд" in muted
    await command(bot, ADMIN, "/unmute", spam)
    for spelled in ("30 минут", "3 дня", "неделя", "2 hours", "1h30m", "90m"):
        reply = await command(bot, ADMIN, f"/mute {spelled}", spam)
        assert reply.startswith("🔇 Вероника не может писать в группе до "), (spelled, reply)
        await command(bot, ADMIN, "/unmute", spam)
    # Meant as a duration but not one we take: refused with the examples, nobody muted.
    for wrong in ("5 лет", "3 месяца", "1h30", "5лет"):
        reply = await command(bot, ADMIN, f"/mute {wrong} спам", spam)
        assert reply.startswith("Не понял срок. Примеры: 30m, 2h, 1h30m"), (wrong, reply)
    assert fake.member_status(GROUP, AUTHOR) == "member"
    # No duration: until lifted, and the reply says so.
    forever = await command(bot, ADMIN, "/mute abc", spam)
    assert forever.startswith("🔇 Вероника не может писать в группе бессрочно — пока модератор не")


async def test_a_mistyped_id_is_said_to_be_unknown_not_an_admin(bot: BotUnderTest) -> None:
    await people(bot)
    reply = await command(bot, ADMIN, "/ban 999999 1d")
    assert reply.startswith("Telegram не знает такого человека"), reply


def deleted(bot: BotUnderTest, message_id: int) -> bool:
    """The bot deleted this message in the group."""
    return any(
        c.ok and int(c.params["chat_id"]) == GROUP and int(c.params["message_id"]) == message_id
        for c in bot.fake.calls_of("deleteMessage")
    )


async def test_kick_removes_a_member_who_may_come_back(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    await say(bot, OTHER, "/start")
    rude = await post(bot, OTHER, "грубость")
    kicked = await command(bot, ADMIN, "/kick флуд", rude)
    assert kicked == (
        "👋 Дина теперь не в группе; вернуться можно по ссылке-приглашению.\nПричина: флуд"
    )
    assert fake.member_status(GROUP, OTHER) == "left"
    await fake.wait_call("unbanChatMember", chat_id=GROUP, user_id=OTHER)
    # Not banned: she comes back, and writes again.
    fake.join(GROUP, OTHER)
    await bot.settle()
    assert fake.member_status(GROUP, OTHER) == "member"
    # She was told why, with nothing to appeal (nothing stays in force).
    await bot.rt.sender.drain()
    notice = fake.last_message(OTHER)
    assert notice["text"] == (
        "👋 Вас удалили из «Опора». Вернуться можно по ссылке-приглашению.\nПричина: флуд"
    )
    assert fake.buttons(notice) == []
    log = await say(bot, ADMIN, "/modlog")
    assert "Удаление из группы (можно вернуться): Дина · флуд — Admin" in log
    # Nobody kicks an admin, themselves, or someone no longer here; a member kicks nobody.
    admin_post = await post(bot, ADMIN, "объявление")
    assert (await command(bot, HELPER, "/kick", admin_post)) == (
        "Это могут только модераторы сообщества."
    )
    assert (await command(bot, ADMIN, "/kick", admin_post)).startswith("К себе эту команду")
    fake.leave(GROUP, OTHER)
    await bot.settle()
    assert (await command(bot, ADMIN, f"/kick {OTHER}")).startswith("Этого человека сейчас нет")
    # Without the right to ban, the bot names the right it needs.
    spam = await post(bot, AUTHOR, "реклама")
    fake.fail_next("banChatMember", 400, "Bad Request: not enough rights to restrict/unrestrict")
    assert (await command(bot, ADMIN, "/kick", spam)).startswith("У меня нет нужного права")
    assert fake.member_status(GROUP, AUTHOR) == "member"


async def test_tmute_and_tban_need_a_duration(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    spam = await post(bot, AUTHOR, "Купите курсы!!!")
    for text in ("/tmute", "/tmute спам", "/tmute 5лет спам"):
        reply = await command(bot, ADMIN, text, spam)
        assert reply.startswith("Нужен срок: ответьте /tmute 2h [причина]"), (text, reply)
        assert "30m, 2h, 1h30m, 3d, 1w" in reply
    assert (await command(bot, ADMIN, f"/tban {AUTHOR}")).startswith("Нужен срок: ответьте /tban")
    assert fake.member_status(GROUP, AUTHOR) == "member"
    muted = await command(bot, ADMIN, "/tmute 2 часа флуд", spam)
    assert muted.startswith("🔇 Вероника не может писать в группе до "), muted
    assert "Причина: флуд" in muted and fake.member_status(GROUP, AUTHOR) == "restricted"
    # A moderator may not /tban another moderator; an admin may /tban a member.
    await command(bot, ADMIN, f"/mod {HELPER}")
    await command(bot, ADMIN, f"/mod {OTHER}")
    other_post = await post(bot, OTHER, "привет")
    assert (await command(bot, HELPER, "/tban 1d", other_post)).startswith("Эту команду нельзя")
    banned = await command(bot, ADMIN, f"/tban {AUTHOR} 3d спам")
    assert banned.startswith("🚫 Вероника не может вернуться в группу до ")
    assert fake.member_status(GROUP, AUTHOR) == "kicked"


async def test_dwarn_dmute_and_dban_act_and_delete_the_message(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    await command(bot, ADMIN, "/setrules 1. Бережно\n2. Без оскорблений")
    insult = await post(bot, AUTHOR, "вы все дураки")
    warned = await command(bot, ADMIN, "/dwarn 2 оскорбление", insult)
    assert warned == (
        "⚠️ Вероника, предупреждение 1 из 3.\nПричина: оскорбление\nПравило 2. Без оскорблений"
    )
    assert deleted(bot, insult)
    assert len(await bot.rt.sanctions.warnings(GROUP, AUTHOR)) == 1
    # Only in reply: the message to delete must be named.
    assert (await command(bot, ADMIN, f"/dwarn {AUTHOR}")).startswith("Ответьте /dwarn")
    # Refused: nothing is deleted either.
    own = await post(bot, ADMIN, "моё")
    assert (await command(bot, ADMIN, "/dmute 1h", own)).startswith("К себе эту команду")
    assert not deleted(bot, own)

    again = await post(bot, AUTHOR, "и ещё раз дураки")
    muted = await command(bot, ADMIN, "/dmute 1d грубость", again)
    assert muted.startswith("🔇 Вероника не может писать в группе до ") and deleted(bot, again)
    assert fake.member_status(GROUP, AUTHOR) == "restricted"

    spam = await post(bot, OTHER, "реклама казино")
    # Too old to delete: the ban stands and the answer says the message stayed.
    fake.fail_next("deleteMessage", 400, "Bad Request: message can't be deleted for everyone")
    banned = await command(bot, ADMIN, "/dban спам", spam)
    assert banned.startswith("🚫 Дина не может вернуться в группу бессрочно")
    assert banned.endswith(
        "Не удалось удалить: Telegram не даёт удалять сообщения старше 48 часов."
    )
    assert fake.member_status(GROUP, OTHER) == "kicked" and not deleted(bot, spam)
    log = await say(bot, ADMIN, "/modlog")
    assert "Удаление сообщения: Вероника — Admin" in log
    assert "Исключение из группы: Дина · спам — Admin" in log


async def test_resetwarns_clears_a_members_warnings(bot: BotUnderTest) -> None:
    await people(bot)
    spam = await post(bot, AUTHOR, "реклама")
    await command(bot, ADMIN, "/warn реклама", spam)
    await command(bot, ADMIN, "/warn снова", spam)
    await command(bot, ADMIN, f"/mod {HELPER}")
    assert (await command(bot, OTHER, "/resetwarns", spam)) == (
        "Это могут только модераторы сообщества."
    )
    assert len(await bot.rt.sanctions.warnings(GROUP, AUTHOR)) == 2
    cleared = await command(bot, HELPER, "/resetwarns", spam)
    assert cleared == "Вероника: все предупреждения сняты (2). Счёт начинается заново."
    assert len(await bot.rt.sanctions.warnings(GROUP, AUTHOR)) == 0
    assert (await command(bot, HELPER, f"/resetwarns {AUTHOR}")) == (
        "Вероника: действующих предупреждений нет."
    )
    # The count starts again: the next warning is the first.
    assert (await command(bot, ADMIN, "/warn", spam)).startswith("⚠️ Вероника, предупреждение 1")
    log = await say(bot, ADMIN, "/modlog")
    assert "Сброс предупреждений: Вероника — Глеб" in log


async def test_the_new_commands_in_the_menu_in_help_and_in_private(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    new = ("kick", "tmute", "tban", "dwarn", "dmute", "dban", "resetwarns")
    for lang in ("", "ru", "en"):
        admins = fake.my_commands({"type": "all_chat_administrators"}, lang)
        assert set(new) <= {c["command"] for c in admins}, lang
        members = fake.my_commands({"type": "all_group_chats"}, lang)
        assert not set(new) & {c["command"] for c in members}, lang
    helped = await command(bot, ADMIN, "/help")
    for name in new:
        assert f"/{name}" in helped, name
    assert "/kick" not in await command(bot, AUTHOR, "/help")
    await say(bot, ADMIN, f"/start c{GROUP}")
    for name in new:
        assert (await say(bot, ADMIN, f"/{name}")).startswith("Эта команда работает в группе")
