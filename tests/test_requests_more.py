"""Help requests: pre-moderation, helpers-only requests and matching, follow-ups over days,
a silent helper, moderators' tools, and the limits."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.keyboards import PAGE_SIZE
from tests.harness import BotUnderTest
from tests.steps import ADMIN, GROUP, open_settings
from tests.test_requests import AUTHOR, HELPER, OTHER, ask, offer_help, people, post_text

MONEY_HELPER = 777004


def move_to(bot: BotUnderTest, when: datetime) -> None:
    bot.clock.advance(when.timestamp() - bot.clock.time())


def texts(bot: BotUnderTest, chat_id: int) -> list[str]:
    return [m["text"] for m in bot.fake.messages(chat_id)]


async def settings_requests(bot: BotUnderTest, button: str) -> None:
    fake = bot.fake
    await open_settings(bot)
    fake.press(ADMIN, chat_id=ADMIN, button_text="Просьбы о помощи")
    await bot.settle()
    fake.press(ADMIN, chat_id=ADMIN, button_text=button)
    await bot.settle()


async def test_premoderation_approve_and_reject_with_a_reason(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    await settings_requests(bot, "Сначала одобрять просьбы")
    assert "Премодерация: включена" in fake.last_message(ADMIN)["text"]

    await ask(bot, AUTHOR, title="Нужен совет")
    assert fake.last_message(AUTHOR)["text"].startswith("Отправлено модераторам")
    assert not [m for m in fake.messages(GROUP) if m["text"].startswith("#")]
    review = fake.last_message(ADMIN)
    assert "ждёт вашего одобрения" in review["text"] and "Нужен совет" in review["text"]
    approve = fake.buttons(review)[0]["callback_data"]
    fake.send_message(HELPER, "/start")
    await bot.settle()
    query = fake.press(HELPER, chat_id=HELPER, callback_data=approve)  # forged: not a moderator
    await bot.settle()
    assert fake.callback_answer(query)["show_alert"]

    fake.press(ADMIN, chat_id=ADMIN, button_text="Отклонить")
    await bot.settle()
    fake.send_message(ADMIN, "Слишком общо — уточните, пожалуйста")
    await bot.settle()
    await bot.rt.sender.drain()
    assert "Модераторы пишут: Слишком общо" in fake.last_message(AUTHOR)["text"]

    await ask(bot, AUTHOR, title="Нужен разбор резюме")
    fake.press(ADMIN, chat_id=ADMIN, button_text="Одобрить")
    await bot.settle()
    await bot.rt.sender.drain()
    assert "Нужен разбор резюме" in post_text(bot)
    assert "одобрена и опубликована" in fake.last_message(AUTHOR)["text"]


async def set_offer(bot: BotUnderTest, uid: int, category: str) -> None:
    fake = bot.fake
    fake.send_message(uid, "/offer")
    await bot.settle()
    fake.press(uid, chat_id=uid, button_text=category)
    await bot.settle()


async def test_helpers_only_requests_reach_matching_helpers_only(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    fake.add_user(MONEY_HELPER, "Ева")
    fake.set_member(GROUP, MONEY_HELPER, "member", emit=False)
    fake.send_message(MONEY_HELPER, "привет", chat_id=GROUP)
    await bot.settle()
    for uid, category in (
        (HELPER, "Юридическое"),
        (OTHER, "Юридическое"),
        (MONEY_HELPER, "Деньги"),
        (AUTHOR, "Юридическое"),  # never matched to their own request
    ):
        await set_offer(bot, uid, category)
    assert "Темы: ⚖️ Юридическое" in fake.last_message(HELPER)["text"]

    await settings_requests(bot, "Показывать мне просьбы для помощников")  # the admin watches
    before = len(fake.messages(GROUP))
    await ask(
        bot,
        AUTHOR,
        category="Юридическое",
        title="Вопрос по увольнению",
        visibility="Только помощникам",
    )
    assert "только для помощников (вы просили" in fake.last_message(ADMIN)["text"]
    assert len(fake.messages(GROUP)) == before  # not in the group
    for uid in (HELPER, OTHER):
        assert any("возможно, можете помочь" in t for t in texts(bot, uid))
    for uid in (MONEY_HELPER, AUTHOR):
        assert not any("возможно, можете помочь" in t for t in texts(bot, uid))

    notice = [m for m in fake.messages(HELPER) if "возможно, можете помочь" in m["text"]][-1]
    url = fake.buttons(notice)[0]["url"]
    fake.send_message(HELPER, "/start " + url.split("start=", 1)[1])
    await bot.settle()
    fake.send_message(HELPER, "Помогу")
    await bot.settle()
    await bot.rt.sender.drain()
    assert "Глеб предлагает помощь" in fake.last_message(AUTHOR)["text"]

    # Paused helpers are not offered anything.
    fake.send_message(OTHER, "/offer")
    await bot.settle()
    fake.press(OTHER, chat_id=OTHER, button_text="Пауза")
    await bot.settle()
    told = len([t for t in texts(bot, OTHER) if "возможно, можете помочь" in t])
    await ask(
        bot, HELPER, category="Юридическое", title="Ещё вопрос", visibility="Только помощникам"
    )
    assert len([t for t in texts(bot, OTHER) if "возможно, можете помочь" in t]) == told


async def test_follow_ups_bump_ask_renew_and_expire(bot: BotUnderTest) -> None:
    fake = bot.fake
    move_to(bot, datetime(2026, 6, 1, 9, 0, tzinfo=UTC))
    await people(bot)
    await ask(bot, AUTHOR)
    posts = len(fake.messages(GROUP))

    move_to(bot, datetime(2026, 6, 2, 9, 1, tzinfo=UTC))  # a day without offers: raised once
    await fake.wait_for(lambda: len(fake.messages(GROUP)) == posts + 1)
    assert fake.last_message(GROUP)["text"].startswith("🔔 Всё ещё ищем помощь:")

    move_to(bot, datetime(2026, 6, 4, 9, 1, tzinfo=UTC))  # three days: still needed?
    await fake.wait_for(lambda: "ещё актуальна?" in fake.last_message(AUTHOR)["text"])
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Да, ещё нужно")
    await bot.settle()

    # Renewed on 4 June: the 15 June expiry of the first opening no longer applies.
    move_to(bot, datetime(2026, 6, 15, 9, 5, tzinfo=UTC))
    await bot.settle()
    await bot.rt.sender.drain()
    assert "🟢 Открыта" in post_text(bot)
    move_to(bot, datetime(2026, 6, 18, 9, 5, tzinfo=UTC))
    await fake.wait_for(lambda: "истекла" in fake.last_message(AUTHOR)["text"])
    await bot.rt.sender.drain()
    assert "⌛️ Истекла" in post_text(bot)
    assert [m for m in fake.messages(GROUP) if m["text"].startswith("🔔")].__len__() == 1


async def test_a_silent_helper_is_asked_then_the_request_opens_again(bot: BotUnderTest) -> None:
    fake = bot.fake
    move_to(bot, datetime(2026, 6, 1, 9, 0, tzinfo=UTC))
    await people(bot)
    await ask(bot, AUTHOR)
    await offer_help(bot, HELPER, "Помогу")
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Принять")
    await bot.settle()
    await bot.rt.sender.drain()
    assert "🤝 Уже помогают" in post_text(bot)

    move_to(bot, datetime(2026, 6, 4, 9, 5, tzinfo=UTC))
    await fake.wait_for(lambda: "Как продвигается" in fake.last_message(HELPER)["text"])
    await bot.restart()  # the second step is a timer in the database too
    move_to(bot, datetime(2026, 6, 5, 9, 10, tzinfo=UTC))
    await fake.wait_for(lambda: "не смог продолжить" in fake.last_message(AUTHOR)["text"])
    await bot.rt.sender.drain()
    assert "🟢 Открыта" in post_text(bot)


async def test_moderators_close_reopen_and_delete_and_the_limits(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    await ask(bot, AUTHOR)
    fake.send_message(ADMIN, "/requests")
    await bot.settle()
    assert fake.last_message(ADMIN)["text"].startswith("1 открытая просьба")
    fake.press(ADMIN, chat_id=ADMIN, button_text="Нужен разбор резюме")
    await bot.settle()
    fake.press(ADMIN, chat_id=ADMIN, button_text="Закрыть")
    await bot.settle()
    await bot.rt.sender.drain()
    assert "⚪️ Закрыта" in post_text(bot)
    assert "закрыли модераторы" in fake.last_message(AUTHOR)["text"]
    # A member cannot: the same button, forged.
    request_id = await bot.rt.db.fetchval("SELECT id FROM help_requests")
    fake.send_message(OTHER, "/start")
    await bot.settle()
    query = fake.press(OTHER, chat_id=OTHER, callback_data=f"hp:reopen:{request_id}:0")
    await bot.settle()
    assert fake.callback_answer(query)["show_alert"]

    fake.send_message(ADMIN, "/start h" + str(request_id))
    await bot.settle()
    fake.press(ADMIN, chat_id=ADMIN, button_text="Открыть снова")
    await bot.settle()
    await bot.rt.sender.drain()
    assert "🟢 Открыта" in post_text(bot)
    fake.send_message(ADMIN, "/start h" + str(request_id))
    await bot.settle()
    fake.press(ADMIN, chat_id=ADMIN, button_text="Удалить")
    await bot.settle()
    await bot.rt.sender.drain()
    assert not [m for m in fake.messages(GROUP) if m["text"].startswith("#")]

    # At most N open requests (here 1), and a banned member cannot ask at all.
    await settings_requests(bot, "1 откр.")
    await ask(bot, OTHER, title="Первая")
    await ask(bot, OTHER, title="Вторая")
    assert fake.last_message(OTHER)["text"].startswith("У вас уже столько открытых просьб")
    fake.set_member(GROUP, HELPER, "kicked")
    await bot.settle()
    fake.send_message(HELPER, "/ask")
    await bot.settle()
    assert fake.last_message(HELPER)["text"].startswith("Я пока не знаю ни одного вашего")


async def test_an_english_request_survives_a_restart_in_the_middle_of_the_form(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    await people(bot)
    fake.add_user(777005, "Sam", language_code="en")
    fake.set_member(GROUP, 777005, "member", emit=False)
    fake.send_message(777005, "hi", chat_id=GROUP)
    await bot.settle()
    fake.send_message(777005, "/ask")
    await bot.settle()
    assert fake.last_message(777005)["text"].startswith("Step 1 of 5\n")
    fake.press(777005, chat_id=777005, button_text="Housing")
    await bot.settle()
    assert fake.last_message(777005)["text"].startswith("Step 2 of 5\n")
    fake.send_message(777005, "A room for two weeks")
    await bot.settle()
    await bot.restart()
    fake.send_message(777005, "/skip")
    await bot.settle()
    assert fake.last_message(777005)["text"].startswith("Step 4 of 5\n")
    fake.press(777005, chat_id=777005, button_text="today")
    await bot.settle()
    assert fake.last_message(777005)["text"].startswith("Step 5 of 5\n")
    fake.press(777005, chat_id=777005, button_text="Anonymous")
    await bot.settle()
    preview = fake.last_message(777005)["text"]
    assert preview.startswith("Preview — this is how it will look:")
    assert "A room for two weeks" in preview and "no trace of you" in preview
    fake.press(777005, chat_id=777005, button_text="Title")
    await bot.settle()
    assert not fake.last_message(777005)["text"].startswith("Step")  # one answer, edited
    fake.send_message(777005, "x" * 121)
    await bot.settle()
    assert fake.last_message(777005)["text"].startswith("That is 121 characters and 120 fit.")
    fake.send_message(777005, "A room for two weeks, near the metro")
    await bot.settle()
    assert "near the metro" in fake.last_message(777005)["text"]  # back at the preview
    fake.press(777005, chat_id=777005, button_text="Post")
    await bot.settle()
    await bot.rt.sender.drain()
    post = fake.last_message(GROUP)["text"]
    assert post.startswith("#жильё · 🔥 сегодня\nA room for two weeks, near the metro")
    assert "Sam" not in post


async def test_a_community_renames_and_adds_categories(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    await settings_requests(bot, "Темы")
    fake.press(ADMIN, chat_id=ADMIN, button_text="Жильё")
    await bot.settle()
    fake.send_message(ADMIN, "Жильё и переезд")
    await bot.settle()
    fake.press(ADMIN, chat_id=ADMIN, button_text="Добавить тему")
    await bot.settle()
    # Counted as Telegram counts (UTF-16): 21 emoji are 42 characters, over the 40 allowed.
    fake.send_message(ADMIN, "🏠" * 21)
    await bot.settle()
    assert fake.last_message(ADMIN)["text"].startswith("Получилось 42 символа, а помещается 40")
    fake.send_message(ADMIN, "Дети & школа")
    await bot.settle()
    menu = fake.last_message(ADMIN)
    labels = [b["text"] for b in fake.buttons(menu)]
    assert "✏️ Жильё и переезд" in labels and "✏️ Дети & школа" in labels

    await set_offer(bot, HELPER, "Другое")  # the community's own categories go to "other"
    await ask(bot, AUTHOR, category="Дети & школа", title="Нужен репетитор")
    assert post_text(bot).startswith("#дети_школа · 📅 на этой неделе")
    assert any("Нужен репетитор" in t for t in texts(bot, HELPER))
    await ask(bot, OTHER, category="Жильё и переезд", title="Ищу комнату")
    assert post_text(bot).startswith("#жильё_и_переезд")


async def test_the_monthly_thank_you_digest(bot: BotUnderTest) -> None:
    fake = bot.fake
    move_to(bot, datetime(2026, 6, 10, 9, 0, tzinfo=UTC))
    await people(bot)
    await ask(bot, AUTHOR)
    await offer_help(bot, HELPER, "Помогу")
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Принять")
    await bot.settle()
    fake.send_message(AUTHOR, "/myrequests")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Нужен разбор резюме")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Решено")
    await bot.settle()

    await bot.restart()  # planned in the database
    move_to(bot, datetime(2026, 7, 1, 7, 0, 5, tzinfo=UTC))  # 10:00 in Moscow on 1 July
    await fake.wait_for(lambda: fake.last_message(GROUP)["text"].startswith("🙏 Спасибо за июнь!"))
    digest = fake.last_message(GROUP)["text"]
    assert "В сообществе решена 1 просьба о помощи" in digest
    assert "• Глеб — 1 человеку" in digest
    await bot.restart()
    await bot.rt.sender.drain()
    assert len([m for m in fake.messages(GROUP) if m["text"].startswith("🙏 Спасибо за")]) == 1


async def test_who_may_see_a_request_and_helpers_are_counted_once(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    fake.add_user(777009, "Чужой")  # not in the community
    await ask(
        bot, AUTHOR, category="Юридическое", title="Тайный вопрос", visibility="Только помощникам"
    )
    secret = await bot.rt.db.fetchval("SELECT id FROM help_requests")
    for uid in (777009, OTHER):  # an outsider; a member who was not offered it
        fake.send_message(uid, f"/start h{secret}")
        await bot.settle()
        assert fake.last_message(uid)["text"] == "Эта просьба уже не открыта."
        assert not any("Тайный вопрос" in t for t in texts(bot, uid))

    await ask(bot, AUTHOR)
    public = await bot.rt.db.fetchval("SELECT MAX(id) FROM help_requests")
    await offer_help(bot, HELPER, "Помогу")
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Принять")
    await bot.settle()
    for _ in range(2):  # resolved, reopened by a moderator, resolved again
        fake.send_message(AUTHOR, f"/start h{public}")
        await bot.settle()
        fake.press(AUTHOR, chat_id=AUTHOR, button_text="Решено")
        await bot.settle()
        fake.send_message(ADMIN, f"/start h{public}")
        await bot.settle()
        fake.press(ADMIN, chat_id=ADMIN, button_text="Открыть снова")
        await bot.settle()
    profile = await bot.rt.help.repo.profile(HELPER)
    assert profile is not None and profile.helped == 1


async def test_a_hard_day_opens_an_anonymous_request_for_support(bot: BotUnderTest) -> None:
    from tests.steps import checkin

    fake = bot.fake
    await people(bot)
    await checkin(bot, AUTHOR, "Очень тяжело", None, [])
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Попросить группу о помощи")
    await bot.settle()
    # The category and the visibility are given: three steps are left.
    assert fake.last_message(AUTHOR)["text"].startswith("Шаг 1 из 3\nОдной строкой: что нужно?")
    fake.send_message(AUTHOR, "Тяжело одной, хочется поговорить")
    await bot.settle()
    fake.send_message(AUTHOR, "/skip")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="не срочно")
    await bot.settle()
    preview = fake.last_message(AUTHOR)["text"]  # straight to the preview: anonymous by default
    assert preview.startswith("Предпросмотр") and "без единого следа вас" in preview
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Опубликовать")
    await bot.settle()
    await bot.rt.sender.drain()
    post = fake.last_message(GROUP)["text"]
    assert post.startswith("#поддержка · 🕊 не срочно\nТяжело одной, хочется поговорить")
    assert "Вероника" not in post


async def test_requests_go_to_the_forum_topic_a_moderator_chose(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(ADMIN, "Admin")
    fake.add_group(GROUP, "Опора", is_forum=True)
    fake.set_member(GROUP, ADMIN, "creator", emit=False)
    fake.add_bot_to_group(GROUP, ADMIN)
    fake.add_user(AUTHOR, "Вероника")
    fake.set_member(GROUP, AUTHOR, "member", emit=False)
    fake.send_message(AUTHOR, "привет", chat_id=GROUP)
    await bot.settle()

    fake.send_message(AUTHOR, "/settopic просьбы", chat_id=GROUP, thread_id=42)
    await bot.settle()
    assert fake.last_message(GROUP)["text"] == "Это могут только модераторы сообщества."
    fake.send_message(ADMIN, "/settopic просьбы", chat_id=GROUP)
    await bot.settle()
    assert fake.last_message(GROUP)["text"].startswith("Отправьте это внутри самой темы")
    fake.send_message(ADMIN, "/settopic просьбы", chat_id=GROUP, thread_id=42)
    await bot.settle()
    assert fake.last_message(GROUP)["text"].startswith(
        "🙋 Просьбы о помощи будут публиковаться в этой теме"
    )

    await ask(bot, AUTHOR)
    post = fake.last_message(GROUP)
    assert post["text"].startswith("#карьера") and post.get("message_thread_id") == 42


async def test_forget_takes_the_persons_request_posts_down(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    await ask(bot, AUTHOR)
    assert any("Вероника" in m["text"] for m in fake.messages(GROUP))
    fake.send_message(AUTHOR, "/forget")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Да, удалить")
    await bot.settle()
    await bot.rt.sender.drain()
    assert not any("Вероника" in m["text"] for m in fake.messages(GROUP))
    assert await bot.rt.db.fetchval("SELECT COUNT(*) FROM help_requests") == 0


async def test_the_open_requests_list_turns_its_pages(bot: BotUnderTest) -> None:
    """Paging through /requests used to fail with an error: the page button must show page 2."""
    fake = bot.fake
    await people(bot)
    for n in range(PAGE_SIZE + 1):
        await bot.rt.help.repo.create(
            GROUP,
            AUTHOR,
            category="career",
            title=f"Просьба номер {n}",
            details="",
            urgency="week",
            visibility="public",
            language="ru",
            status="open",
        )
    fake.send_message(HELPER, "/requests")
    await bot.settle()
    first = fake.last_message(HELPER)
    assert "9" in first["text"]
    fake.press(HELPER, chat_id=HELPER, button_text="Далее ›", message_id=first["message_id"])
    await bot.settle()
    shown = [b["text"] for b in fake.buttons(fake.last_message(HELPER))]
    assert any("2/2" in label for label in shown)
