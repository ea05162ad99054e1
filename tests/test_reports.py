"""A report's answers combine (Rose's /dwarn, /dmute): the message can go AND its author be
warned, muted or banned, each button usable until the report is closed — by "Close" / "Leave it",
by a deletion and a sanction together, or by a ban. A warning from a report carries the
reporters' words and rule to the member and to the group, never who reported; every moderator's
copy shows what was done and by whom."""

from __future__ import annotations

from typing import Any

from tests.harness import BotUnderTest
from tests.steps import ADMIN, GROUP
from tests.test_cv import say
from tests.test_requests import AUTHOR, HELPER, OTHER, people
from tests.test_sanctions import command, deleted, post


async def reported(bot: BotUnderTest, text: str, reason: str = "") -> int:
    """AUTHOR's message, reported by OTHER; the copies reach the moderators."""
    message_id = await post(bot, AUTHOR, text)
    bot.fake.send_message(
        OTHER, f"/report {reason}".strip(), chat_id=GROUP, reply_to_message_id=message_id
    )
    await bot.settle()
    await bot.rt.sender.drain()
    return message_id


def copy_of(bot: BotUnderTest, moderator: int, quote: str) -> dict[str, Any]:
    """The moderator's copy of the report about the message with this text."""
    return next(
        m for m in bot.fake.messages(moderator) if m["text"].startswith("🚩") and quote in m["text"]
    )


def labels(bot: BotUnderTest, message: dict[str, Any]) -> list[str]:
    return [b["text"] for b in bot.fake.buttons(message)]


async def press(
    bot: BotUnderTest, moderator: int, quote: str, button: str, *, outbox: bool = True
) -> str:
    """Press a button under the moderator's copy; the answer they see (`outbox`: and wait for
    what it sends)."""
    copy = copy_of(bot, moderator, quote)
    query = bot.fake.press(
        moderator, chat_id=moderator, button_text=button, message_id=copy["message_id"]
    )
    await bot.settle(outbox=outbox)
    if outbox:
        await bot.rt.sender.drain()
    answer = bot.fake.callback_answer(query) or {}
    return str(answer.get("text", ""))


async def moderators(bot: BotUnderTest) -> None:
    """ADMIN (the creator) and HELPER (appointed) moderate; AUTHOR may get notices."""
    await people(bot)
    for uid in (ADMIN, HELPER, AUTHOR, OTHER):
        await say(bot, uid, f"/start c{GROUP}")
    await command(bot, ADMIN, f"/mod {HELPER}")
    await command(bot, ADMIN, "/setrules 1. Бережно друг к другу\n2. Без оскорблений")


async def test_a_warning_then_a_deletion_by_another_moderator(bot: BotUnderTest) -> None:
    fake = bot.fake
    await moderators(bot)
    insult = await reported(bot, "вы все дураки", "2 грубит всем")

    # Глеб warns from his copy: the insult stays for now, the report stays open.
    assert await press(bot, HELPER, "дураки", "⚠️ Предупредить") == "Готово."
    [warning] = await bot.rt.sanctions.warnings(GROUP, AUTHOR)
    assert (warning.reason, warning.rule) == ("грубит всем", 2)
    assert not deleted(bot, insult)
    # The group reads why (the reporter's words and rule), in reply to the message, unsigned.
    said = fake.last_message(GROUP)
    assert said["text"] == (
        "⚠️ Вероника, предупреждение 1 из 3.\nПричина: грубит всем\nПравило 2. Без оскорблений"
    )
    assert said["reply_to_message"]["message_id"] == insult
    # So does the member, privately — and never who reported.
    notice = fake.last_message(AUTHOR)["text"]
    assert notice.startswith("⚠️ Вы получили предупреждение в «Опора» (1 из 3).")
    assert "Причина: грубит всем" in notice and "Правило 2. Без оскорблений" in notice
    for text in (said["text"], notice):
        assert "Дина" not in text
    # Both copies say what was done and by whom; Delete and Close are left.
    for moderator in (HELPER, ADMIN):
        copy = copy_of(bot, moderator, "дураки")
        assert copy["text"].endswith("✅ Предупреждение — модератор Глеб"), moderator
        assert labels(bot, copy) == ["🗑 Удалить", "✅ Закрыть жалобу"], moderator

    # The admin's Delete is not refused as "already handled": the message goes, the report is
    # done (deleted and sanctioned), and every copy shows both steps with no button left.
    assert await press(bot, ADMIN, "дураки", "🗑 Удалить") == "Готово."
    assert deleted(bot, insult)
    for moderator in (HELPER, ADMIN):
        copy = copy_of(bot, moderator, "дураки")
        assert copy["text"].endswith(
            "✅ Предупреждение — модератор Глеб\n✅ Удалено — модератор Admin"
        ), moderator
        assert labels(bot, copy) == [], moderator
    status = await bot.rt.db.fetchval("SELECT status FROM reports WHERE message_id = ?", (insult,))
    assert status == "done"
    # A stale button: closed, and the copy it was pressed under catches up.
    report_id = await bot.rt.db.fetchval("SELECT id FROM reports WHERE message_id = ?", (insult,))
    query = fake.press(HELPER, chat_id=HELPER, callback_data=f"rp:mute1h:{report_id}")
    await bot.settle()
    assert fake.callback_answer(query)["text"].startswith("Эта жалоба уже закрыта")
    assert fake.member_status(GROUP, AUTHOR) == "member"


async def test_delete_and_mute_by_one_moderator_close_the_report(bot: BotUnderTest) -> None:
    fake = bot.fake
    await moderators(bot)
    flood = await reported(bot, "флуд флуд флуд", "флудит")
    assert await press(bot, ADMIN, "флуд", "🗑 Удалить") == "Готово."
    assert deleted(bot, flood)
    copy = copy_of(bot, HELPER, "флуд")
    assert copy["text"].endswith("✅ Удалено — модератор Admin")
    assert labels(bot, copy) == [
        "⚠️ Предупредить",
        "🔇 1 час",
        "🔇 1 день",
        "🚫 Исключить",
        "✅ Закрыть жалобу",
    ]
    assert await press(bot, ADMIN, "флуд", "🔇 1 час") == "Готово."
    assert fake.member_status(GROUP, AUTHOR) == "restricted"
    # The message is gone: the group's word about the mute replies to nothing.
    said = fake.last_message(GROUP)
    assert said["text"].startswith("🔇 Вероника не может писать в группе до ")
    assert "Причина: флудит" in said["text"] and "reply_to_message" not in said
    for moderator in (HELPER, ADMIN):
        copy = copy_of(bot, moderator, "флуд")
        assert copy["text"].endswith("✅ Удалено · запрет писать на час — модератор Admin")
        assert labels(bot, copy) == []
    # One sanction per report: a second one from a stale copy is refused, nothing happens.
    report_id = await bot.rt.db.fetchval("SELECT id FROM reports WHERE message_id = ?", (flood,))
    query = fake.press(HELPER, chat_id=HELPER, callback_data=f"rp:warn:{report_id}")
    await bot.settle()
    assert fake.callback_answer(query)["text"].startswith("Эта жалоба уже закрыта")
    assert await bot.rt.sanctions.warnings(GROUP, AUTHOR) == []


async def test_a_warning_then_close_and_leave_it(bot: BotUnderTest) -> None:
    await moderators(bot)
    await reported(bot, "спорное мнение")
    assert await press(bot, HELPER, "спорное", "⚠️ Предупредить") == "Готово."
    # Warned once: a second sanction from the other copy (it lagged) is refused.
    report_id = await bot.rt.db.fetchval("SELECT MAX(id) FROM reports")
    query = bot.fake.press(ADMIN, chat_id=ADMIN, callback_data=f"rp:mute1d:{report_id}")
    await bot.settle()
    assert bot.fake.callback_answer(query)["text"].startswith("Это уже сделано")
    assert bot.fake.member_status(GROUP, AUTHOR) == "member"
    # Closed as it is: the message stays.
    assert await press(bot, ADMIN, "спорное", "✅ Закрыть жалобу") == "Готово."
    copy = copy_of(bot, HELPER, "спорное")
    assert copy["text"].endswith(
        "✅ Предупреждение — модератор Глеб\n✅ Жалоба закрыта — модератор Admin"
    )
    assert labels(bot, copy) == []

    # Nothing done: "Leave it" dismisses it.
    await reported(bot, "просто шутка")
    assert await press(bot, HELPER, "шутка", "Оставить как есть") == "Готово."
    copy = copy_of(bot, ADMIN, "шутка")
    assert copy["text"].endswith("✅ Оставлено как есть — модератор Глеб")
    assert labels(bot, copy) == []
    status = await bot.rt.db.fetchval("SELECT status FROM reports WHERE id = ?", (report_id + 1,))
    assert status == "dismissed"


async def test_a_ban_closes_the_report_and_takes_the_message_with_it(bot: BotUnderTest) -> None:
    fake = bot.fake
    await moderators(bot)
    scam = await reported(bot, "переводите деньги сюда", "мошенник")
    assert await press(bot, HELPER, "деньги", "🚫 Исключить") == "Готово."
    assert fake.member_status(GROUP, AUTHOR) == "kicked" and deleted(bot, scam)
    assert fake.last_message(GROUP)["text"].startswith(
        "🚫 Вероника не может вернуться в группу бессрочно"
    )
    for moderator in (HELPER, ADMIN):
        copy = copy_of(bot, moderator, "деньги")
        assert copy["text"].endswith("✅ Исключение из группы · удалено — модератор Глеб")
        assert labels(bot, copy) == []
    log = await say(bot, ADMIN, "/modlog")
    assert "Исключение из группы: Вероника · мошенник — Глеб" in log
    assert "Жалоба рассмотрена: Вероника · исключение из группы, удалено — Глеб" in log


async def test_a_copy_still_on_its_way_and_a_restart_miss_nothing(bot: BotUnderTest) -> None:
    fake = bot.fake
    await moderators(bot)
    # Глеб's chat is busy: his copy still waits in the outbox while the admin warns.
    sender = bot.rt.sender
    sender.limiter.reserve_chat(HELPER, 10**9)
    ad = await post(bot, AUTHOR, "навязчивая реклама")
    fake.send_message(OTHER, "/report реклама", chat_id=GROUP, reply_to_message_id=ad)
    await fake.wait_for(lambda: any("реклама" in m["text"] for m in fake.messages(ADMIN)))
    await bot.settle(outbox=False)
    assert await press(bot, ADMIN, "реклама", "⚠️ Предупредить", outbox=False) == "Готово."
    assert not [m for m in fake.messages(HELPER) if m["text"].startswith("🚩")]
    # It arrives as it was written, and is brought up to date at once.
    sender.limiter._chat_next.pop(HELPER)
    sender.wake()
    await bot.settle()
    await sender.drain()
    copy = copy_of(bot, HELPER, "реклама")
    assert copy["text"].endswith("✅ Предупреждение — модератор Admin")
    assert labels(bot, copy) == ["🗑 Удалить", "✅ Закрыть жалобу"]

    # After a restart the copies are still known: Глеб's Delete reaches the admin's copy.
    await bot.restart()
    assert await press(bot, HELPER, "реклама", "🗑 Удалить") == "Готово."
    assert deleted(bot, ad)
    copy = copy_of(bot, ADMIN, "реклама")
    assert copy["text"].endswith("✅ Предупреждение — модератор Admin\n✅ Удалено — модератор Глеб")
    assert labels(bot, copy) == []
