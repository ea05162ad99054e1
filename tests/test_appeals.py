"""The sanctioned member's side and the moderators' transparency end to end: the private notice
with the rule's own words and "Appeal"; the appeal reaching the other moderators only (never the
one who acted), the first decision settling it and both sides told; sanctions and warnings
running out in our records with the injected clock; the log chat picked with Telegram's chat
picker getting every audit entry and the reports (their buttons working there for moderators
only); /modlog filters; an anonymous admin recorded as one."""

from __future__ import annotations

from bot.callbacks import AppealDecisionCB, ReportCB
from tests.harness import BotUnderTest
from tests.steps import ADMIN, GROUP, open_settings
from tests.test_cv import say, shown, tap
from tests.test_requests import AUTHOR, HELPER, OTHER, ask, people
from tests.test_sanctions import command, post

LOG = -1001000000777
SECOND_ADMIN = 11
ENGLISH = 777401


def appeal_id(bot: BotUnderTest, uid: int) -> int:
    message = bot.fake.last_message(uid)
    data = next(b["callback_data"] for b in bot.fake.buttons(message) if "callback_data" in b)
    return AppealDecisionCB.unpack(data).id


APPEAL = "⚖️ Обжалование в «Опора». Участник: "


async def test_a_warning_appealed_and_lifted_by_another_moderator(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    for uid in (AUTHOR, HELPER, OTHER):
        await say(bot, uid, f"/start c{GROUP}")
    await say(bot, ADMIN, f"/start c{GROUP}")
    await command(bot, ADMIN, "/setrules Поддерживаем друг друга\nБез рекламы")
    await command(bot, ADMIN, f"/mod {HELPER}")
    spam = await post(bot, AUTHOR, "Мой канал о вакансиях <b>тут</b>")

    await command(bot, HELPER, "/warn 2 ссылка на канал", spam)
    await bot.rt.sender.drain()
    notice = fake.last_message(AUTHOR)
    assert shown(notice) == (
        "⚠️ Вы получили предупреждение в «Опора» (1 из 3).\n"
        "Причина: ссылка на канал\n"
        "Правило 2. Без рекламы\n"
        "Если вы считаете, что это ошибка, обжалуйте решение: его рассмотрит другой модератор, "
        "не тот, кто его принял."
    )
    # Only the member's own press opens an appeal (the button forwarded to Дина does nothing).
    data = fake.buttons(notice)[0]["callback_data"]
    fake.open_private_chat(OTHER)
    fake.send_message(OTHER, "привет")
    await bot.settle()
    query = fake.press(OTHER, chat_id=OTHER, callback_data=data)
    await bot.settle()
    assert fake.callback_answer(query)["text"] == "Эта кнопка больше не действует."

    assert (await tap(bot, AUTHOR, "⚖️ Обжаловать")).startswith("Расскажите в нескольких словах")
    too_long = await say(bot, AUTHOR, "я " * 600)
    assert too_long.startswith("Получилось длинновато: 1\xa0199 знаков при пределе 1\xa0000.")
    sent = await say(bot, AUTHOR, "Это был канал с вакансиями для всех, не <реклама>")
    assert sent.startswith("📨 Отправлено.")
    await bot.rt.sender.drain()

    # The admin is asked; Глеб, who gave the warning, is not.
    asked = shown(fake.last_message(ADMIN))
    assert asked.startswith(APPEAL + "Вероника · решение:")
    assert "«предупреждение», " in asked
    assert "модератор: Глеб." in asked
    assert "Слова участника: Это был канал с вакансиями для всех, не <реклама>" in asked
    assert not any("Обжалование" in shown(m) for m in fake.messages(HELPER))
    number = appeal_id(bot, ADMIN)
    forged = AppealDecisionCB(action="lift", id=number).pack()
    for uid, answer in (
        (HELPER, "Своё решение (или своё дело) пересматривает кто-то другой."),
        (OTHER, "Это решают только модераторы сообщества."),
        (AUTHOR, "Это решают только модераторы сообщества."),
    ):
        query = fake.press(uid, chat_id=uid, callback_data=forged)
        await bot.settle()
        assert fake.callback_answer(query)["text"] == answer

    assert (await tap(bot, ADMIN, "✅ Отменить решение")).endswith("✅ Решение отменено.")
    await bot.rt.sender.drain()
    assert shown(fake.last_message(AUTHOR)) == (
        "⚖️ Ваше обжалование в «Опора» рассмотрено: предупреждение снято."
    )
    assert shown(fake.last_message(HELPER)) == (
        "⚖️ «Опора»: обжалование удовлетворено, ваше решение (предупреждение) отменено. "
        "Участник: Вероника · рассмотрено: Admin."
    )
    assert (await say(bot, AUTHOR, "/mywarns")).startswith("Вероника: действующих")
    # A second press (or an old button) finds it decided; a second appeal is refused.
    query = fake.press(ADMIN, chat_id=ADMIN, callback_data=forged)
    await bot.settle()
    assert fake.callback_answer(query)["text"] == "Это обжалование уже рассмотрел другой модератор."
    query = fake.press(AUTHOR, chat_id=AUTHOR, callback_data=data)
    await bot.settle()
    assert fake.callback_answer(query)["text"].startswith("Вы уже обжаловали это решение")

    # The audit log says it all, and its filter shows appeals alone.
    log = await say(bot, ADMIN, "/modlog")
    assert "Обжалование решения модератора — Вероника" in log
    assert "Обжалование удовлетворено: Вероника — Admin" in log
    only = await tap(bot, ADMIN, "Обжалования")
    assert "Обжалование решения" in only and "Предупреждение" not in only
    assert "(2 записи" in only


async def test_a_mute_kept_a_ban_lifted_and_sanctions_running_out(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    fake.add_user(SECOND_ADMIN, "Ирина")
    fake.set_member(GROUP, SECOND_ADMIN, "administrator", emit=False)
    for uid in (AUTHOR, OTHER, SECOND_ADMIN, ADMIN):
        await say(bot, uid, f"/start c{GROUP}")
    rude = await post(bot, AUTHOR, "Грубость")
    await command(bot, ADMIN, "/mute 1h", rude)
    await bot.rt.sender.drain()
    assert shown(fake.last_message(AUTHOR)).startswith("🔇 В «Опора» вы не можете писать до ")
    await tap(bot, AUTHOR, "⚖️ Обжаловать")
    await tap(bot, AUTHOR, "Отправить без объяснения")
    await bot.rt.sender.drain()
    assert "Участник ничего не добавил." in shown(fake.last_message(SECOND_ADMIN))
    assert "Обжалование" not in shown(fake.last_message(ADMIN))
    await tap(bot, SECOND_ADMIN, "Оставить в силе")
    await bot.rt.sender.drain()
    assert "оставил решение в силе" in shown(fake.last_message(AUTHOR))
    assert fake.member_status(GROUP, AUTHOR) == "restricted"

    # An hour later the mute is over in our records too: nothing left to appeal.
    other = await post(bot, OTHER, "Флуд")
    await command(bot, ADMIN, "/mute 1h", other)
    await bot.rt.sender.drain()
    bot.clock.advance(3601)
    query = fake.press(OTHER, chat_id=OTHER, button_text="⚖️ Обжаловать")
    await bot.settle()
    answer = fake.callback_answer(query)["text"]
    assert answer == "Это решение уже не действует — обжаловать нечего."

    # A warning runs out after the community's period (90 days by default).
    await command(bot, ADMIN, "/warn", other)
    assert (await say(bot, OTHER, "/mywarns")).startswith("Дина: действующие предупреждения (1)")
    bot.clock.advance(91 * 86400)
    assert (await say(bot, OTHER, "/mywarns")).startswith("Дина: действующих")

    # An English-speaking member reads the notice in English.
    fake.add_user(ENGLISH, "Emma", language_code="en")
    fake.set_member(GROUP, ENGLISH, "member", emit=False)
    emma = await post(bot, ENGLISH, "spam")
    await say(bot, ENGLISH, "/start")
    await command(bot, ADMIN, "/mute 2h 1", emma)
    await bot.rt.sender.drain()
    notice = shown(fake.last_message(ENGLISH))
    assert notice.startswith('🔇 You cannot write in "Опора" until ')
    assert notice.endswith(
        "If you think this is a mistake, appeal: another moderator, not the one who decided, "
        "will review it."
    )
    assert fake.buttons(fake.last_message(ENGLISH))[0]["text"] == "⚖️ Appeal"

    # A ban, appealed and lifted by the other admin: Telegram unbans.
    await command(bot, ADMIN, f"/ban {AUTHOR} 3 спам")
    await bot.rt.sender.drain()
    assert shown(fake.last_message(AUTHOR)).startswith(
        "🚫 Вы исключены из «Опора» бессрочно — пока модератор не снимет."
    )
    assert fake.member_status(GROUP, AUTHOR) == "kicked"
    await tap(bot, AUTHOR, "⚖️ Обжаловать")
    await say(bot, AUTHOR, "Я больше не буду")
    await bot.rt.sender.drain()
    await tap(bot, SECOND_ADMIN, "✅ Отменить решение")
    await bot.rt.sender.drain()
    assert fake.member_status(GROUP, AUTHOR) == "left"
    assert "исключение отменено" in shown(fake.last_message(AUTHOR))


async def test_the_log_chat_gets_the_log_and_the_reports(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    fake.add_group(LOG, "Модераторы")
    fake.set_member(LOG, ADMIN, "creator", emit=False)
    fake.set_member(LOG, OTHER, "member", emit=False)
    fake.add_bot_to_group(LOG, ADMIN)
    await bot.settle()
    await open_settings(bot)
    await tap(bot, ADMIN, "🛡 Порядок в группе")
    assert "Журнал в чат модераторов: не ведётся" in shown(fake.last_message(ADMIN))
    asked = await tap(bot, ADMIN, "📋 Выбрать чат для журнала")
    assert asked.startswith("Выберите группу или канал модераторов")
    # "Cancel" takes the picker's keyboard away and brings the section back to go on from;
    # /cancel takes the keyboard away too.
    section = await say(bot, ADMIN, "Отмена")
    cancelled = fake.messages(ADMIN)[-2]
    assert cancelled["text"] == "Хорошо, журнал остаётся как был."
    assert cancelled["reply_keyboard"] == {"remove_keyboard": True}
    assert "Журнал в чат модераторов: не ведётся" in section
    await tap(bot, ADMIN, "📋 Выбрать чат для журнала")
    await say(bot, ADMIN, "/cancel")
    assert fake.last_message(ADMIN)["reply_keyboard"] == {"remove_keyboard": True}
    await tap(bot, ADMIN, "📋 Выбрать чат для журнала")
    # The community itself is refused (everyone would read the log).
    fake.share_chat(ADMIN, 1, GROUP)
    await bot.settle()
    assert shown(fake.last_message(ADMIN)).startswith("Журнал нельзя вести в самой группе")
    await tap(bot, ADMIN, "📋 Выбрать чат для журнала")
    fake.share_chat(ADMIN, 1, LOG)
    await bot.settle()
    assert shown(fake.last_message(ADMIN)).startswith("✅ Готово: журнал и жалобы")
    await bot.rt.sender.drain()
    texts = [shown(m) for m in fake.messages(LOG)]
    assert "📋 Сюда будет идти журнал модерации «Опора»." in texts
    assert "Настройка: Чат журнала модерации → выбрано — Admin" in texts[-1]
    # The log chat is the moderators' back room, not a second community to act for.
    for typed in ("/community", "/settings"):
        answer = fake.messages(ADMIN)[-1]
        await say(bot, ADMIN, typed)
        newer = [m for m in fake.messages(ADMIN) if m["message_id"] > answer["message_id"]]
        shown_now = [shown(m) for m in newer]
        assert shown_now and not any("Модераторы" in text for text in shown_now), shown_now
        assert not any("Модераторы" in str(fake.buttons(m)) for m in fake.messages(ADMIN)[-2:])

    # A moderation action appears there at once; an anonymous admin stays anonymous.
    spam = await post(bot, AUTHOR, "Реклама")
    await command(bot, ADMIN, "/warn реклама", spam, as_chat=True)
    await bot.rt.sender.drain()
    entry = shown(fake.last_message(LOG))
    assert entry.startswith("🛡 «Опора» · ")
    assert "Предупреждение: Вероника · реклама — анонимный админ" in entry
    assert "Admin" not in entry

    # A report goes to the log chat; a non-moderator there cannot act, the admin can.
    fake.send_message(HELPER, "/report навязчиво", chat_id=GROUP, reply_to_message_id=spam)
    await bot.settle()
    await bot.rt.sender.drain()
    report = fake.last_message(LOG)
    assert shown(report).startswith("🚩 Жалоба в «Опора». Автор сообщения: Вероника")
    assert "Глеб" not in shown(report)
    query = fake.press(OTHER, chat_id=LOG, button_text="🗑 Удалить")
    await bot.settle()
    assert fake.callback_answer(query)["text"] == "Это могут только модераторы сообщества."
    query = fake.press(ADMIN, chat_id=LOG, button_text="🗑 Удалить")
    await bot.settle()
    assert fake.callback_answer(query)["text"] == "Готово."
    copy = [m for m in fake.messages(LOG) if shown(m).startswith("🚩")][-1]
    assert shown(copy).endswith("✅ Удалено — модератор Admin")
    # The admin got it privately too (a log chat the bot is removed from loses nothing), and
    # that copy now shows it deleted, with the author's sanctions still to choose from.
    await bot.rt.sender.drain()
    private = [m for m in fake.messages(ADMIN) if shown(m).startswith("🚩")][-1]
    assert shown(private).endswith("✅ Удалено — модератор Admin")
    labels = [b["text"] for b in fake.buttons(private)]
    assert "🗑 Удалить" not in labels and "⚠️ Предупредить" in labels

    # Turned off from the same section.
    await open_settings(bot)
    await tap(bot, ADMIN, "🛡 Порядок в группе")
    assert "Журнал и жалобы идут в чат Модераторы." in shown(fake.last_message(ADMIN))
    after = await tap(bot, ADMIN, "Больше не писать журнал в чат")
    assert "не ведётся" in after


async def test_the_flag_under_an_anonymous_request_keeps_its_author_unknown(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    await people(bot)
    await say(bot, ADMIN, f"/start c{GROUP}")
    await ask(bot, AUTHOR, visibility="Анонимно", title="Нужен юрист по увольнению")
    post = [m for m in fake.messages(GROUP) if "юрист" in m["text"]][-1]
    # The author's own flag does nothing; a member's reaches the moderators unsigned.
    query = fake.press(AUTHOR, chat_id=GROUP, button_text="🚩", message_id=post["message_id"])
    await bot.settle()
    assert fake.callback_answer(query)["text"] == "Это ваш собственный пост."
    query = fake.press(OTHER, chat_id=GROUP, button_text="🚩", message_id=post["message_id"])
    await bot.settle()
    assert fake.callback_answer(query)["text"].startswith("🙏 Спасибо, модераторы посмотрят.")
    query = fake.press(OTHER, chat_id=GROUP, button_text="🚩", message_id=post["message_id"])
    await bot.settle()
    assert fake.callback_answer(query)["text"].startswith("Вы уже пожаловались")
    await bot.rt.sender.drain()
    report = shown(fake.last_message(ADMIN))
    assert report.startswith("🚩 Жалоба в «Опора». Автор сообщения:")
    assert "Вероника" not in report and "Дина" not in report
    assert "Нужен юрист по увольнению" in report
    # Only Delete and Leave it are offered; a forged Warn is refused all the same.
    labels = [b["text"] for b in fake.buttons(fake.last_message(ADMIN))]
    assert labels == ["🗑 Удалить", "Оставить как есть"]
    forged = ReportCB(action="warn", id=1).pack()
    query = fake.press(ADMIN, chat_id=ADMIN, callback_data=forged)
    await bot.settle()
    assert fake.callback_answer(query)["text"] == (
        "Автор этого поста анонимен: его можно только удалить."
    )
    query = fake.press(ADMIN, chat_id=ADMIN, button_text="🗑 Удалить")
    await bot.settle()
    assert fake.callback_answer(query)["text"] == "Готово."
    await bot.rt.sender.drain()
    assert all("юрист" not in m["text"] for m in fake.messages(GROUP))
    # The request itself is taken down, not only its message: it is no longer open anywhere.
    request = await bot.rt.help.repo.get(1)
    assert request is not None and request.status == "deleted"


async def test_appeals_nobody_could_take_wait_for_a_new_moderator_and_moderators_cases_for_admins(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    await people(bot)
    fake.add_user(SECOND_ADMIN, "Ирина")
    for uid in (ADMIN, AUTHOR, HELPER, OTHER, SECOND_ADMIN):
        await say(bot, uid, f"/start c{GROUP}")
    # The only admin muted her: nobody else could be asked, and she is told so.
    rude = await post(bot, AUTHOR, "Грубость")
    await command(bot, ADMIN, "/mute 1d", rude)
    await bot.rt.sender.drain()
    await tap(bot, AUTHOR, "⚖️ Обжаловать")
    nobody = await tap(bot, AUTHOR, "Отправить без объяснения")
    assert nobody.startswith("Ваше обжалование сохранено, но сейчас в сообществе нет")
    # The moderator appointed next is asked, and decides.
    await command(bot, ADMIN, f"/mod {HELPER}")
    await bot.rt.sender.drain()
    assert shown(fake.last_message(HELPER)).startswith(APPEAL + "Вероника")
    await tap(bot, HELPER, "✅ Отменить решение")
    assert fake.member_status(GROUP, AUTHOR) == "member"

    # A moderator's own case (only an admin could sanction them) goes to admins only.
    fake.set_member(GROUP, SECOND_ADMIN, "administrator")  # Telegram tells the bot
    await bot.settle()
    await command(bot, ADMIN, f"/mod {OTHER}")
    note = await post(bot, OTHER, "Оффтоп")
    await command(bot, ADMIN, "/warn оффтоп", note)
    await bot.rt.sender.drain()
    await tap(bot, OTHER, "⚖️ Обжаловать")
    await tap(bot, OTHER, "Отправить без объяснения")
    await bot.rt.sender.drain()
    assert shown(fake.last_message(SECOND_ADMIN)).startswith(APPEAL + "Дина")
    assert not shown(fake.last_message(HELPER)).startswith(APPEAL + "Дина")
    forged = AppealDecisionCB(action="lift", id=appeal_id(bot, SECOND_ADMIN)).pack()
    query = fake.press(HELPER, chat_id=HELPER, callback_data=forged)
    await bot.settle()
    assert fake.callback_answer(query)["text"] == "Это решают только модераторы сообщества."
    await tap(bot, SECOND_ADMIN, "Оставить в силе")
    assert len(await bot.rt.sanctions.warnings(GROUP, OTHER)) == 1
