"""Newcomers end to end: joins close together get one welcome; with the gate on (set through
/settings), newcomers are read-only until they press "I accept the rules" — only their own press
counts — and one who does not is removed when the time is up, across a restart. Where the
community keeps them read-only instead, the moderators hear who, the newcomer is told how to get
out, and the button comes with the rules wherever the newcomer sees them — late too."""

from __future__ import annotations

import pytest

from bot.callbacks import GateCB
from bot.services.community_settings import COMMUNITY_RULES, GATE_ON, LOG_CHAT
from tests.harness import BotUnderTest, ErrorLog
from tests.steps import ADMIN, GROUP, open_settings
from tests.test_cv import say, tap
from tests.test_requests import AUTHOR, HELPER, people
from tests.test_sanctions import post

ANNA, BORIS, VLAD = 777201, 777202, 777203
LOG = -1001000000078
RULES = "Без рекламы\nБережно друг к другу"
ACCEPT = "✅ Я принимаю правила"


def welcomes(bot: BotUnderTest) -> list[dict]:
    return [m for m in bot.fake.messages(GROUP) if m["text"].startswith("👋")]


async def test_batched_welcome_and_the_gate(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    await open_settings(bot)
    await tap(bot, ADMIN, "🛡 Порядок в группе")
    shown = await tap(bot, ADMIN, "Включить проверку новичков")
    assert "Проверка новичков: включена" in shown

    for uid, name in ((ANNA, "Анна"), (BORIS, "Борис")):
        fake.add_user(uid, name)
        fake.join(GROUP, uid)
    await bot.settle()
    # Read-only at once; one welcome for both, a few seconds later.
    assert fake.member_status(GROUP, ANNA) == "restricted"
    assert fake.member_status(GROUP, BORIS) == "restricted"
    bot.clock.advance(11)
    await fake.wait_for(lambda: bool(welcomes(bot)))
    await bot.rt.sender.drain()
    assert len(welcomes(bot)) == 1
    welcome = welcomes(bot)[0]
    assert welcome["text"].startswith("👋 Добро пожаловать в «Опора», Анна, Борис!")
    assert "в течение 10 минут" in welcome["text"]

    # Only a newcomer's own press counts.
    query = fake.press(AUTHOR, chat_id=GROUP, button_text="✅ Я принимаю правила")
    await bot.settle()
    assert fake.callback_answer(query)["text"] == "Эта кнопка — для тех, кто только что пришёл."
    query = fake.press(ANNA, chat_id=GROUP, button_text="✅ Я принимаю правила")
    await bot.settle()
    assert fake.callback_answer(query)["text"].startswith("Спасибо! Теперь вы можете писать")
    assert fake.member_status(GROUP, ANNA) == "member"

    # "Rules and introductions" leads to the bot.
    link = next(b["url"] for b in fake.buttons(welcome) if b.get("url"))
    await say(bot, ANNA, "/start " + link.split("start=", 1)[1])
    assert fake.messages(ANNA)[-2]["text"].startswith("В «Опора» правила пока не записаны")
    assert fake.last_message(ANNA)["text"].startswith("Расскажите о себе")

    # Boris does not press: after a restart, at the deadline, he is removed (not banned).
    await bot.restart()
    bot.clock.advance(10 * 60)
    await fake.wait_for(lambda: fake.member_status(GROUP, BORIS) == "left")
    assert fake.member_status(GROUP, ANNA) == "member"
    await say(bot, ADMIN, f"/start c{GROUP}")
    log = await say(bot, ADMIN, "/modlog")
    assert "Удаление: правила не приняты вовремя: Борис — бот" in log
    assert "Настройка: Проверка новичков (принять правила) → включено — Admin" in log


async def test_the_gate_answers_each_person_in_their_language(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    await open_settings(bot)
    await tap(bot, ADMIN, "🛡 Порядок в группе")
    await tap(bot, ADMIN, "Включить проверку новичков")
    fake.add_user(ANNA, "Anna", language_code="en")
    fake.join(GROUP, ANNA)
    await bot.settle()
    bot.clock.advance(11)
    await bot.settle()
    query = fake.press(ANNA, chat_id=GROUP, button_text="✅ Я принимаю правила")
    await bot.settle()
    assert fake.callback_answer(query)["text"].startswith("Thank you!")
    stranger = 777299
    fake.add_user(stranger, "Sam", language_code="en")
    fake.set_member(GROUP, stranger, "member", emit=False)
    query = fake.press(stranger, chat_id=GROUP, button_text="✅ Я принимаю правила")
    await bot.settle()
    assert not fake.callback_answer(query)["text"].startswith("Эта кнопка")


async def keeping_community(bot: BotUnderTest) -> None:
    """Newcomers checked, kept read-only when late (both set through /settings), with rules and
    a log chat of the moderators."""
    fake = bot.fake
    await people(bot)
    await bot.rt.community_settings.set(GROUP, COMMUNITY_RULES, RULES, ADMIN)
    await open_settings(bot)
    await tap(bot, ADMIN, "🛡 Порядок в группе")
    await tap(bot, ADMIN, "Включить проверку новичков")
    shown = await tap(bot, ADMIN, "Что делать с не принявшими правила")
    assert "Кто не принял правила вовремя — остаётся только читателем." in shown
    fake.add_group(LOG, "Модераторы")
    fake.set_member(LOG, ADMIN, "creator", emit=False)
    fake.add_bot_to_group(LOG, ADMIN)
    await bot.settle()
    await bot.rt.community_settings.set(GROUP, LOG_CHAT, LOG, None)


def told(bot: BotUnderTest, uid: int) -> list[str]:
    return [m["text"] for m in bot.fake.messages(uid)]


async def press(bot: BotUnderTest, uid: int, chat_id: int, **how: str) -> str:
    query = bot.fake.press(uid, chat_id=chat_id, **how)  # type: ignore[arg-type]
    await bot.settle()
    answer = bot.fake.callback_answer(query)
    assert answer is not None, "the press was not answered"
    return str(answer.get("text") or "")


async def test_a_newcomer_kept_read_only_gets_out_from_private(bot: BotUnderTest) -> None:
    fake = bot.fake
    await keeping_community(bot)
    fake.add_user(ANNA, "Анна", language_code="ru")
    await say(bot, ANNA, "/start")  # Anna has talked to the bot before; Boris and Vlad have not
    for uid, name in ((ANNA, "Анна"), (BORIS, "Борис"), (VLAD, "Влад")):
        if uid != ANNA:
            fake.add_user(uid, name, language_code="ru")
        fake.join(GROUP, uid)
    await bot.settle()
    bot.clock.advance(11)
    await fake.wait_for(lambda: bool(welcomes(bot)))
    await bot.rt.sender.drain()
    link = next(b["url"] for b in fake.buttons(welcomes(bot)[0]) if b.get("url"))
    payload = link.split("start=", 1)[1]

    # In time, the rules in private already carry the button (Boris opens the welcome's link).
    await say(bot, BORIS, f"/start {payload}")
    rules = fake.messages(BORIS)[-2]
    assert rules["text"].startswith("📜 Правила «Опора»\n1. Без рекламы")
    assert [b["text"] for b in fake.buttons(rules)] == [ACCEPT]

    # The time runs out: nobody is removed; the moderators hear who stayed read-only.
    bot.clock.advance(10 * 60)
    await bot.settle()
    await bot.rt.sender.drain()
    for uid in (ANNA, BORIS, VLAD):
        assert fake.member_status(GROUP, uid) == "restricted"
    log = told(bot, LOG)
    for name in ("Анна", "Борис", "Влад"):
        assert any(
            line.endswith(f"Только чтение: правила не приняты вовремя: {name} — бот")
            for line in log
        ), (name, log)
    # Anna is told privately how to get out, with the rules and the button; Vlad never started
    # the bot: Telegram would refuse, nothing breaks.
    notice = fake.last_message(ANNA)
    assert notice["text"].startswith("⏳ Время, чтобы принять правила «Опора», вышло")
    assert "1. Без рекламы\n2. Бережно друг к другу" in notice["text"]
    assert notice["text"].endswith("или в любой момент позже здесь, через /start.")
    assert [b["text"] for b in fake.buttons(notice)] == [ACCEPT]
    assert not [m for m in told(bot, VLAD) if m.startswith("⏳")]
    assert not welcomes(bot)  # the welcome, and its button, are gone by now

    # Anna: /start shows the rules with the button; pressing it lifts the restriction.
    await say(bot, ANNA, "/start")
    rules = fake.last_message(ANNA)
    assert rules["text"].startswith("📜 Правила «Опора»")
    assert await press(bot, ANNA, ANNA, button_text=ACCEPT) == ""
    assert fake.member_status(GROUP, ANNA) == "member"
    assert fake.last_message(ANNA)["text"] == (
        "✅ Правила «Опора» приняты — теперь вы можете писать в группе."
    )
    pressed = next(m for m in fake.messages(ANNA) if m["message_id"] == rules["message_id"])
    assert not fake.buttons(pressed)  # the button has done its work
    # Her old notice's button: she is not held any more.
    answer = await press(bot, ANNA, ANNA, button_text=ACCEPT)
    assert answer == "Эта кнопка — для тех, кто только что пришёл."

    # Boris: /rules in private (the only community he is in).
    rules_text = await say(bot, BORIS, "/rules")
    assert rules_text.startswith("📜 Правила «Опора»")
    await press(bot, BORIS, BORIS, button_text=ACCEPT)
    assert fake.member_status(GROUP, BORIS) == "member"

    # /rules in the group, while Vlad is still read-only, carries the button too; another
    # member's press there, or a forged one in private, changes nothing.
    fake.send_message(HELPER, "/rules", chat_id=GROUP)
    await bot.settle()
    assert [b["text"] for b in fake.buttons(fake.last_message(GROUP))] == [ACCEPT]
    answer = await press(bot, HELPER, GROUP, button_text=ACCEPT)
    assert answer == "Эта кнопка — для тех, кто только что пришёл."
    await say(bot, HELPER, "/start")
    forged = GateCB(chat_id=GROUP).pack()
    answer = await press(bot, HELPER, HELPER, callback_data=forged)
    assert answer == "Эта кнопка — для тех, кто только что пришёл."
    assert fake.member_status(GROUP, HELPER) == "member"
    assert fake.member_status(GROUP, VLAD) == "restricted"

    # Vlad: the welcome's rules link, long after the welcome is gone.
    await say(bot, VLAD, f"/start {payload}")
    assert fake.messages(VLAD)[-2]["text"].startswith("📜 Правила «Опора»")
    await press(bot, VLAD, VLAD, button_text=ACCEPT)
    assert fake.member_status(GROUP, VLAD) == "member"
    # Nobody is held now: the group's rules come without the button.
    fake.send_message(HELPER, "/rules", chat_id=GROUP)
    await bot.settle()
    assert not fake.buttons(fake.last_message(GROUP))

    # The moderators hear the end of it as well, in the log chat and /modlog.
    await bot.rt.sender.drain()
    assert told(bot, LOG)[-1].endswith("Правила приняты после срока — Влад")
    await say(bot, ADMIN, f"/start c{GROUP}")
    modlog = await say(bot, ADMIN, "/modlog")
    assert "Правила приняты после срока — Анна" in modlog
    assert "Только чтение: правила не приняты вовремя: Борис — бот" in modlog


async def test_a_kept_newcomer_in_english(bot: BotUnderTest) -> None:
    fake = bot.fake
    await keeping_community(bot)
    fake.add_user(ANNA, "Anna", language_code="en")
    await say(bot, ANNA, "/start")
    fake.join(GROUP, ANNA)
    await bot.settle()
    bot.clock.advance(11 + 10 * 60)
    await bot.settle()
    await bot.rt.sender.drain()
    notice = fake.last_message(ANNA)
    assert notice["text"].startswith(
        '⏳ The time to accept the rules of "Опора" has run out, so for now you can only read'
    )
    assert notice["text"].endswith("or any time later here through /start.")
    # The moderators read it in the community's language.
    assert told(bot, LOG)[-1].endswith("Только чтение: правила не приняты вовремя: Anna — бот")
    await say(bot, ANNA, "/start")
    assert [b["text"] for b in fake.buttons(fake.last_message(ANNA))] == ["✅ I accept the rules"]
    await press(bot, ANNA, ANNA, button_text="✅ I accept the rules")
    assert fake.member_status(GROUP, ANNA) == "member"
    assert fake.last_message(ANNA)["text"] == (
        '✅ You accepted the rules of "Опора" — you can write in the group now.'
    )
    # A forged press for a group she is not held in is refused in her language.
    answer = await press(bot, ANNA, ANNA, callback_data=GateCB(chat_id=GROUP).pack())
    assert answer == "This button is for those who just joined."


async def gated_newcomer(bot: BotUnderTest) -> None:
    """Boris joins a community that checks newcomers, and never accepts the rules."""
    await people(bot)
    await bot.rt.community_settings.set(GROUP, GATE_ON, True, ADMIN)
    bot.fake.add_user(BORIS, "Борис")
    bot.fake.join(GROUP, BORIS)
    await bot.settle()
    assert bot.fake.member_status(GROUP, BORIS) == "restricted"


async def removals(bot: BotUnderTest) -> int:
    sql = "SELECT COUNT(*) FROM audit_log WHERE action = 'gate-removed' AND target_id = ?"
    return int(await bot.rt.db.fetchval(sql, (BORIS,)))


async def test_a_slow_removal_does_not_hold_up_the_group(bot: BotUnderTest) -> None:
    """The removal at the deadline waits on Telegram, not on the database: while Telegram is
    slow to ban, a moderator's /warn is written and answered."""
    fake = bot.fake
    await gated_newcomer(bot)
    spam = await post(bot, AUTHOR, "Купите курсы!!!")
    ban = fake.hold_next("banChatMember")
    bot.clock.advance(10 * 60)
    await fake.wait_for(lambda: fake.open_requests("banChatMember") == 1)
    fake.send_message(ADMIN, "/warn реклама", chat_id=GROUP, reply_to_message_id=spam)
    await fake.wait_for(
        lambda: any(m["text"].startswith("⚠️ Вероника") for m in fake.messages(GROUP))
    )
    assert fake.open_requests("banChatMember") == 1  # answered while the ban is still on its way
    ban.set()
    await fake.wait_for(lambda: fake.member_status(GROUP, BORIS) == "left")
    await bot.settle()
    assert await removals(bot) == 1


# The crash cuts the timer's job where it waits, and the job runner logs that as an error.
@pytest.mark.expect_errors
async def test_a_removal_cut_off_by_a_crash_is_done_once_after_the_restart(
    bot: BotUnderTest, error_log: ErrorLog
) -> None:
    fake = bot.fake
    await gated_newcomer(bot)
    ban = fake.hold_next("banChatMember")
    bot.clock.advance(10 * 60)
    await fake.wait_for(lambda: fake.open_requests("banChatMember") == 1)
    await bot.crash()
    ban.set()
    # Telegram carried out the ban; the bot died before lifting it.
    await fake.wait_for(lambda: fake.open_requests("banChatMember") == 0)
    assert fake.member_status(GROUP, BORIS) == "kicked"
    await bot.start()
    await fake.wait_for(lambda: fake.member_status(GROUP, BORIS) == "left")
    await bot.settle()
    assert await removals(bot) == 1
    gate = "SELECT gate FROM newcomers WHERE chat_id = ? AND user_id = ?"
    assert await bot.rt.db.fetchval(gate, (GROUP, BORIS)) == "removed"
    # He may come back and is checked again, from the start.
    fake.join(GROUP, BORIS)
    await bot.settle()
    assert fake.member_status(GROUP, BORIS) == "restricted"
    assert {r.name for r in error_log.records} == {"apscheduler.executors.default"}
