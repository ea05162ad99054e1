"""Moderators' everyday tools end to end in the group, as people know them from Rose and
Combot: /purge in batches within Telegram's bounds, /pin (quiet or loud) and /unpin, /id and
/info (never naming an anonymous admin), "@admin" calling the moderators (throttled, silent for
moderators themselves), and the antiflood set in /settings, muting ordinary members only, with
"Unmute" for moderators — each with the bot's missing right named and the audit log."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.services.community_settings import FLOOD
from tests.harness import BotUnderTest
from tests.steps import ADMIN, GROUP, open_settings
from tests.test_cv import say, tap
from tests.test_requests import AUTHOR, HELPER, OTHER, people
from tests.test_sanctions import command, post

NEWCOMER = 777401


def group_texts(bot: BotUnderTest) -> list[str]:
    return [m["text"] for m in bot.fake.messages(GROUP)]


async def test_purge_deletes_the_run_in_batches_within_telegrams_bounds(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.clock = bot.clock.time  # Telegram's dates move with the bot's clock
    await people(bot)
    first = await post(bot, AUTHOR, "Начало флуда")
    for n in range(125):
        fake.send_message(OTHER, f"флуд {n}", chat_id=GROUP)
        fake.send_message(AUTHOR, f"ещё {n}", chat_id=GROUP)
    await bot.settle()

    # A member may not; without a reply the moderator is told how.
    assert await command(bot, OTHER, "/purge", first) == "Это могут только модераторы сообщества."
    assert not fake.message_deleted(GROUP, first)
    assert (await command(bot, ADMIN, "/purge")).startswith("Ответьте /purge на первое сообщение")

    # From the replied message to the command: 100 ids a call, the command itself included.
    purge = fake.send_message(ADMIN, "/purge", chat_id=GROUP, reply_to_message_id=first)
    await bot.settle()
    last = purge["message_id"]
    assert last - first + 1 == 256  # 250 posts, the refused /purge, /purge alone, their answers
    batches = [c.params["message_ids"] for c in fake.calls_of("deleteMessages")]
    assert batches == [
        list(range(first, first + 100)),
        list(range(first + 100, first + 200)),
        list(range(first + 200, last + 1)),
    ]
    assert all(fake.message_deleted(GROUP, i) for i in range(first, last + 1))
    kept = await post(bot, HELPER, "Это останется")
    note = fake.last_message(GROUP)
    assert note["text"] == "🧹 Удалено 255 сообщений."
    # The note goes by itself a few seconds later.
    bot.clock.advance(11)
    await bot.settle()
    assert fake.message_deleted(GROUP, note["message_id"])
    assert not fake.message_deleted(GROUP, kept)
    log = await say(bot, ADMIN, "/modlog")
    assert "Очистка чата · удалено 255 сообщений — Admin" in log


async def test_purge_refuses_too_old_too_many_and_says_the_missing_right(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    fake.clock = bot.clock.time
    await people(bot)
    old = await post(bot, AUTHOR, "Позавчерашнее")
    bot.clock.advance(48 * 3600)
    answer = await command(bot, ADMIN, "/purge", old)
    assert answer.startswith("Telegram не даёт удалять сообщения старше 48 часов")
    assert not fake.message_deleted(GROUP, old) and not fake.calls_of("deleteMessages")

    start = await post(bot, AUTHOR, "Много")
    for n in range(300):
        fake.send_message(OTHER, f"{n}", chat_id=GROUP)
    await bot.settle()
    answer = await command(bot, ADMIN, "/purge", start)
    assert answer.startswith("Слишком много за раз: не больше 300 сообщений.")
    assert not fake.calls_of("deleteMessages")

    fake.set_member(GROUP, fake.bot_id, "administrator", rights={"can_delete_messages": False})
    recent = await post(bot, AUTHOR, "Свежее")
    answer = await command(bot, ADMIN, "/purge", recent)
    assert answer.startswith("У меня нет права «Удаление сообщений» в этой группе")
    assert not fake.message_deleted(GROUP, recent)


async def test_pin_quiet_or_loud_unpin_and_the_missing_right(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    news = await post(bot, AUTHOR, "Встреча в субботу")
    urgent = await post(bot, AUTHOR, "Срочно: сбор отменён")

    assert await command(bot, OTHER, "/pin", news) == "Это могут только модераторы сообщества."
    assert (await command(bot, ADMIN, "/pin")).startswith("Ответьте /pin на сообщение")
    assert (await command(bot, ADMIN, "/pin навсегда", news)).startswith("Ответьте /pin")
    assert fake.pinned_messages(GROUP) == []

    # Quiet by default; "громко" notifies everyone; the command itself goes.
    pin_command = fake.send_message(ADMIN, "/pin", chat_id=GROUP, reply_to_message_id=news)
    await bot.settle()
    fake.send_message(ADMIN, "/pin громко", chat_id=GROUP, reply_to_message_id=urgent)
    await bot.settle()
    assert fake.pinned_messages(GROUP) == [news, urgent]
    calls = fake.calls_of("pinChatMessage")
    assert [c.params.get("disable_notification") for c in calls] == [True, False]
    assert fake.message_deleted(GROUP, pin_command["message_id"])

    # /unpin without a reply: the latest pin; in reply: that message; then nothing is left.
    fake.send_message(ADMIN, "/unpin", chat_id=GROUP)
    await bot.settle()
    assert fake.pinned_messages(GROUP) == [news]
    fake.send_message(ADMIN, "/unpin", chat_id=GROUP, reply_to_message_id=news)
    await bot.settle()
    assert fake.pinned_messages(GROUP) == []
    assert await command(bot, ADMIN, "/unpin") == "В группе нет закреплённых сообщений."

    # Without the right to pin, the bot says which right it needs.
    fake.set_member(GROUP, fake.bot_id, "administrator", rights={"can_pin_messages": False})
    answer = await command(bot, ADMIN, "/pin", news)
    assert answer.startswith("У меня нет права «Закрепление сообщений» в этой группе")
    log = await say(bot, ADMIN, "/modlog")
    assert "Закрепление сообщения: Вероника — Admin" in log
    assert "Закрепление сообщения с уведомлением всех: Вероника — Admin" in log
    assert "Открепление сообщения: Вероника — Admin" in log


async def test_id_and_info_for_moderators_never_naming_an_anonymous_admin(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    await people(bot)
    assert await say(bot, OTHER, "/id") == f"Ваш id: {OTHER}"
    spam = await post(bot, AUTHOR, "Купите курсы")
    answer = await command(bot, OTHER, "/id", spam)
    assert answer.startswith("Это могут только модераторы сообщества. Свой id")
    answer = await command(bot, ADMIN, "/id", spam)
    assert answer == f"id группы: {GROUP}\nАвтор сообщения: Вероника, id {AUTHOR}"
    anonymous = fake.send_message(ADMIN, "Объявление", chat_id=GROUP, as_chat=True)
    await bot.settle()
    answer = await command(bot, HELPER, "/id", anonymous["message_id"])
    assert answer.endswith("Свой id можно узнать у меня в личке: /id")  # a member, not told
    answer = await command(bot, ADMIN, "/id", anonymous["message_id"])
    assert answer == (
        f"id группы: {GROUP}\n"
        "Сообщение анонимного администратора: кто его написал, не показывается."
    )
    answer = await command(bot, ADMIN, "/info", anonymous["message_id"])
    assert answer == "Это сообщение анонимного администратора: кто его написал, не показывается."

    # /info: role, warnings, an active mute, the username.
    await command(bot, ADMIN, "/warn 1 реклама", spam)
    await command(bot, ADMIN, "/mute 2h", spam)
    assert await command(bot, OTHER, "/info", spam) == "Это могут только модераторы сообщества."
    answer = await command(bot, ADMIN, "/info", spam)
    lines = answer.split("\n")
    assert lines[:5] == [
        "ℹ️ Вероника",
        f"id: {AUTHOR}",
        "Имя пользователя: @veronika_secret",
        "Роль: участник",
        "Предупреждения: 1 из 3",
    ]
    assert lines[5].startswith("🔇 Запрет писать до ")
    # By @username or id, in the group and in private (for the community chosen there).
    assert (await command(bot, ADMIN, "/info @veronika_secret")).startswith("ℹ️ Вероника")
    await say(bot, ADMIN, f"/start c{GROUP}")
    private = await say(bot, ADMIN, f"/info {HELPER}")
    assert private.startswith("ℹ️ Глеб") and "Роль: участник" in private
    assert (await say(bot, ADMIN, "/info")).startswith("Ответьте /info на сообщение")
    # Someone the bot saw join: the date is known.
    fake.add_user(NEWCOMER, "Нина")
    fake.join(GROUP, NEWCOMER)
    await bot.settle()
    answer = await command(bot, ADMIN, f"/info {NEWCOMER}")
    assert "Роль: участник" in answer and "В группе с " in answer
    assert (await command(bot, ADMIN, f"/info {ADMIN}")).count("администратор группы") == 1
    entries, _ = await bot.rt.audit.page(GROUP, 0, 50)
    looked = [(e.action, e.actor_id, e.target_id) for e in entries if e.action in ("id", "info")]
    assert ("id", ADMIN, AUTHOR) in looked and ("id", ADMIN, None) in looked
    assert ("info", ADMIN, AUTHOR) in looked
    log = await say(bot, ADMIN, "/modlog")
    assert "Просмотр сведений об участнике: Admin — Admin" in log


async def test_admin_calls_reach_the_moderators_once_in_a_while(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    for uid in (ADMIN, HELPER, OTHER, AUTHOR):
        fake.open_private_chat(uid)
    await command(bot, ADMIN, f"/mod {HELPER}")

    def calls(uid: int) -> list[str]:
        return [m["text"] for m in fake.messages(uid) if m["text"].startswith(("📣", "🚩"))]

    # Anywhere in a message, not only at its start: the moderators get it with a link.
    ping = fake.send_message(OTHER, "Тут кто-то продаёт курсы, @admin посмотрите", chat_id=GROUP)
    await bot.settle()
    await bot.rt.sender.drain()
    for moderator in (ADMIN, HELPER):
        [notice] = calls(moderator)
        assert notice.startswith("📣 Модераторов зовут в «Опора». Кто зовёт: Дина")
        assert "Тут кто-то продаёт курсы, @admin посмотрите" in notice
        assert "Открыть в группе" in notice
    assert calls(OTHER) == []
    note = fake.last_message(GROUP)
    assert note["text"] == "📣 Модераторы позваны, скоро посмотрят."
    assert note["reply_to_message"]["message_id"] == ping["message_id"]

    # The same person again within five minutes: nothing more.
    spam = await post(bot, AUTHOR, "Купите курсы!!!")
    fake.send_message(OTHER, "@admins", chat_id=GROUP, reply_to_message_id=spam)
    await bot.settle()
    await bot.rt.sender.drain()
    assert len(calls(ADMIN)) == 1
    # Later, in reply: a report of that message, with the words as its reason and the buttons.
    bot.clock.advance(301)
    await bot.settle()
    assert fake.message_deleted(GROUP, note["message_id"])  # the note went meanwhile
    fake.send_message(OTHER, "@admin это спам", chat_id=GROUP, reply_to_message_id=spam)
    await bot.settle()
    await bot.rt.sender.drain()
    report = calls(ADMIN)[-1]
    assert report.startswith("🚩 Жалоба в «Опора». Автор сообщения: Вероника")
    assert "Причина: @admin это спам" in report
    assert "🗑 Удалить" in [b["text"] for b in fake.buttons(fake.messages(ADMIN)[-1])]
    # Said in front of everyone: no private "nobody will know it was you".
    assert not [m for m in fake.messages(OTHER) if m["text"].startswith("🙏")]

    # Moderators calling each other, an address, a command: no notice.
    before = {uid: len(calls(uid)) for uid in (ADMIN, HELPER)}
    for uid, text in (
        (HELPER, "@admin кто сегодня дежурит?"),
        (AUTHOR, "пишите на help@admin.org"),
        (AUTHOR, "/help @admin"),
    ):
        fake.send_message(uid, text, chat_id=GROUP)
    await bot.settle()
    await bot.rt.sender.drain()
    assert {uid: len(calls(uid)) for uid in (ADMIN, HELPER)} == before


async def test_antiflood_mutes_ordinary_members_only_and_moderators_unmute(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    fake.clock = bot.clock.time
    await people(bot)
    fake.open_private_chat(AUTHOR)
    await command(bot, ADMIN, f"/mod {HELPER}")

    def flood(uid: int, count: int) -> None:
        for n in range(count):
            fake.send_message(uid, f"сообщение {n}", chat_id=GROUP)

    # Off by default.
    flood(AUTHOR, 12)
    await bot.settle()
    assert fake.member_status(GROUP, AUTHOR) == "member"

    await open_settings(bot)
    section = await tap(bot, ADMIN, "🛡 Порядок в группе")
    assert "Антифлуд: выключен." in section
    screen = await tap(bot, ADMIN, "🌊 Антифлуд")
    assert screen.startswith("🌊 Антифлуд в «Опора»")
    labels = [b["text"] for b in fake.buttons(fake.last_message(ADMIN))]
    assert labels[:6] == [
        "• Выключен",
        "5 за 5 с",
        "10 за 10 с",
        "• запрет на 10 минут",
        "запрет на час",
        "запрет на сутки",
    ]
    await tap(bot, ADMIN, "5 за 5 с")
    screen = await tap(bot, ADMIN, "запрет на час")
    assert "Антифлуд: 5 сообщений за 5 секунд — запрет на час." in screen

    # Four, a pause, four more: no flood. An album is one message.
    flood(AUTHOR, 4)
    await bot.settle()
    bot.clock.advance(6)
    for n in range(6):
        fake.send_document(AUTHOR, f"{n}.pdf", b"%PDF", chat_id=GROUP, media_group_id="album1")
    flood(AUTHOR, 3)
    await bot.settle()
    assert fake.member_status(GROUP, AUTHOR) == "member"
    # Admins and moderators are never counted.
    flood(ADMIN, 8)
    flood(HELPER, 8)
    await bot.settle()
    assert fake.member_status(GROUP, ADMIN) == "creator"
    assert fake.member_status(GROUP, HELPER) == "member"

    bot.clock.advance(6)
    flood(AUTHOR, 5)
    await bot.settle()
    assert fake.member_status(GROUP, AUTHOR) == "restricted"
    [notice] = [m for m in fake.messages(GROUP) if m["text"].startswith("🔇")]
    assert notice["text"].startswith("🔇 Вероника не может писать до ")
    assert notice["text"].endswith(": слишком много сообщений подряд (5 сообщений за 5 секунд).")
    # The member is told privately, and may appeal.
    told = fake.last_message(AUTHOR)["text"]
    assert "Это сделал антифлуд: слишком много сообщений подряд." in told

    # A member cannot unmute; a moderator can, and the notice says who.
    query = fake.press(OTHER, chat_id=GROUP, button_text="🔈 Разрешить писать")
    await bot.settle()
    assert fake.callback_answer(query)["text"] == "Это могут только модераторы сообщества."
    assert fake.member_status(GROUP, AUTHOR) == "restricted"
    fake.press(HELPER, chat_id=GROUP, button_text="🔈 Разрешить писать")
    await bot.settle()
    assert fake.member_status(GROUP, AUTHOR) == "member"
    edited = next(m for m in fake.messages(GROUP) if m["message_id"] == notice["message_id"])
    assert edited["text"].endswith("🔈 Снова может писать. Модератор: Глеб")
    assert fake.buttons(edited) == []

    log = await say(bot, ADMIN, "/modlog")
    assert "Запрет писать за флуд: Вероника — бот" in log
    assert "Снятие запрета писать: Вероника — Глеб" in log


async def test_a_flood_counts_whole_though_the_throttle_drops_some_of_it(
    make_bot: Callable[..., Any],
) -> None:
    """The bot's own per-person throttle (8 updates in 4 s, as in production) drops a
    flooder's updates; the antiflood still sees every message."""
    bot: BotUnderTest = await make_bot(throttle_updates=8, throttle_window_seconds=4.0)
    fake = bot.fake
    fake.clock = bot.clock.time
    await people(bot)
    await bot.rt.community_settings.set(GROUP, FLOOD, "10-10", ADMIN)
    for n in range(10):
        fake.send_message(AUTHOR, f"сообщение {n}", chat_id=GROUP)
    await bot.settle()
    assert fake.member_status(GROUP, AUTHOR) == "restricted"
