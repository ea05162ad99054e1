"""Job profiles end to end: /cv with bad input and a restart mid-form, sharing to the group
once a week with "Contact", the profile under "Refer me", /talents with who may see what, and
deletion taking the group card down."""

from __future__ import annotations

from tests.harness import BotUnderTest
from tests.steps import ADMIN, GROUP
from tests.test_requests import AUTHOR, HELPER, OTHER, people
from tests.test_vacancies import PASTED, paste_vacancy

SEEKER = AUTHOR  # Вероника


def shown(message: dict) -> str:
    """What a person reads: a message's text, or a file's caption."""
    return message.get("text") or message.get("caption") or ""


async def say(bot: BotUnderTest, uid: int, text: str) -> str:
    bot.fake.send_message(uid, text)
    await bot.settle()
    return shown(bot.fake.last_message(uid))


async def tap(bot: BotUnderTest, uid: int, button: str) -> str:
    bot.fake.press(uid, chat_id=uid, button_text=button)
    await bot.settle()
    return shown(bot.fake.last_message(uid))


async def make_profile(bot: BotUnderTest, uid: int = SEEKER) -> None:
    assert (await say(bot, uid, "/cv")).startswith("Шаг 1 из 9\nКакую роль вы ищете?")
    assert (await say(bot, uid, "🔥🔥")).startswith("В роли нужны слова")
    assert (await say(bot, uid, "Аналитик <данных>")).startswith("Шаг 2 из 9\nВаш уровень")
    await bot.restart()  # the form lives in the database
    # /cv again goes on, at the same step.
    assert (await say(bot, uid, "/cv")).startswith("Шаг 2 из 9\nВаш уровень")
    assert bot.fake.messages(uid)[-2]["text"].startswith("↩️ Продолжим с того места")
    assert (await tap(bot, uid, "Middle")).startswith("Шаг 3 из 9\nГлавные навыки")
    assert (await say(bot, uid, "SQL, Power BI, Python")).startswith("Шаг 4 из 9\n")
    # No city for remote work: the steps count one fewer.
    assert (await tap(bot, uid, "Удалённо")).startswith("Шаг 5 из 8\nЯзыки")
    await say(bot, uid, "/skip")
    assert (await say(bot, uid, "я" * 701)).startswith("Получился 701 символ")
    await say(bot, uid, "5 лет в ритейле, люблю порядок в данных.")
    assert (await say(bot, uid, "javascript:alert(1)")).startswith("Эта ссылка не подходит")
    await say(bot, uid, "https://github.com/veronika t.me/veronika_cv")
    preview = await tap(bot, uid, "Те, кто нанимает в моих сообществах")
    assert preview.startswith("Предпросмотр")
    assert "#ищу_работу #middle #удалёнка #sql #power_bi #python" in preview
    assert "Аналитик <данных>" in preview  # shown as typed, escaped on the way
    assert (await tap(bot, uid, "Сохранить")).startswith("💾 Сохранено")


async def test_profile_share_contact_and_refer_me(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    await make_profile(bot)
    fake.send_message(SEEKER, "/community")
    await bot.settle()

    # Shared to the group: hashtags first, the name, a "Contact" link; once a week.
    await say(bot, SEEKER, "/cv")
    await tap(bot, SEEKER, "Поделиться с группой")
    await bot.rt.sender.drain()
    card = fake.last_message(GROUP)
    assert card["text"].startswith("#ищу_работу #middle #удалёнка #sql")
    assert "🙋 Вероника — Аналитик <данных>" in card["text"]
    assert "veronika_secret" not in card["text"]
    query = fake.press(SEEKER, chat_id=SEEKER, button_text="Поделиться с группой")
    await bot.settle()
    assert fake.callback_answer(query)["text"].startswith("Делиться профилем с этой группой")
    assert len([m for m in fake.messages(GROUP) if m["text"].startswith("#ищу")]) == 1

    url = fake.buttons(card)[0]["url"]
    for expected in ("✉️ Я передал", "Вы уже просили связаться"):
        assert (await say(bot, OTHER, "/start " + url.split("start=", 1)[1])).startswith(expected)
    await bot.rt.sender.drain()
    asked = fake.last_message(SEEKER)
    assert asked["text"].startswith("👋 Ваш профиль («")
    assert f'href="tg://user?id={OTHER}"' in asked["html"]

    # "Refer me" under a vacancy brings the author the profile too.
    await paste_vacancy(bot, HELPER, PASTED)
    await tap(bot, HELPER, "Да, могу порекомендовать")
    await tap(bot, HELPER, "Опубликовать")
    await bot.rt.sender.drain()
    vacancy = fake.last_message(GROUP)
    refer = next(b["url"] for b in fake.buttons(vacancy) if "url" in b)
    await say(bot, SEEKER, "/start " + refer.split("start=", 1)[1])
    await say(bot, SEEKER, "Готова начать с понедельника")
    await bot.rt.sender.drain()
    note = fake.last_message(HELPER)["text"]
    assert "Готова начать с понедельника" in note
    assert "Профиль соискателя:\n#ищу_работу #middle" in note and "5 лет в ритейле" in note

    # Visibility changed through the form is saved; "only moderators" keeps the profile out
    # of referral notes too.
    await say(bot, SEEKER, "/cv")
    await tap(bot, SEEKER, "✏️ Изменить")
    await tap(bot, SEEKER, "Кто может найти")
    assert (await tap(bot, SEEKER, "🛡 Только модераторы")).startswith("Предпросмотр")
    await tap(bot, SEEKER, "Сохранить")
    profile = await bot.rt.cv.repo.get(SEEKER)
    assert profile is not None and profile.visibility == "moderators"
    assert await bot.rt.cv.visible_profile(SEEKER) is None


async def test_a_card_still_queued_never_reaches_the_group_after_deletion(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    await people(bot)
    await make_profile(bot)
    await bot.rt.sender.drain()
    # The group had its share of messages this minute: the card waits in the queue.
    bot.rt.sender.limiter.reserve_chat(GROUP, bot.clock.monotonic() + 60)
    for uid, text, button in (
        (SEEKER, "/cv", None),
        (SEEKER, None, "Поделиться с группой"),
        (SEEKER, "/cv", None),
        (SEEKER, None, "Удалить"),
        (SEEKER, None, "Да, удалить"),
    ):
        if text:
            fake.send_message(uid, text)
        else:
            fake.press(uid, chat_id=uid, button_text=button)
        await bot.settle(outbox=False)  # the card waits in the outbox meanwhile
    assert shown(fake.last_message(SEEKER)) == "Профиль удалён."
    await bot.settle()
    status = await bot.rt.db.fetchval("SELECT status FROM outbox WHERE dedupe_key LIKE 'cv-post:%'")
    assert status == "skipped"
    assert not [m for m in fake.messages(GROUP) if m["text"].startswith("#ищу")]


async def test_talents_who_may_see_what_and_deletion(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    await make_profile(bot)
    await say(bot, SEEKER, "/cv")
    await tap(bot, SEEKER, "Поделиться с группой")
    await bot.rt.sender.drain()

    # A member who has shared no vacancy may not browse people.
    assert (await say(bot, OTHER, "/talents")).startswith("/talents — для модераторов")
    # One who hires there may: by skill prefix and level.
    await paste_vacancy(bot, HELPER, PASTED)
    await tap(bot, HELPER, "Нет")
    await tap(bot, HELPER, "Опубликовать")
    found = await say(bot, HELPER, "/talents pyth")
    assert found.startswith("🙋 «pyth»: 1 человек ищет работу")
    assert (await say(bot, HELPER, "/talents golang")).startswith("🙋 Подходящих людей не нашлось")
    await say(bot, HELPER, "/talents")
    profile = await tap(bot, HELPER, "Аналитик <данных> · Middle — Вероника")
    assert "5 лет в ритейле" in profile
    assert (await tap(bot, HELPER, "Связаться")).startswith("✉️ Я передал")
    await tap(bot, HELPER, "Уровень")  # the list, edited in place: intern level, nobody
    listing = [m["text"] for m in fake.messages(HELPER) if m["text"].startswith("🙋")][-1]
    assert listing.startswith("🙋 Подходящих людей не нашлось")

    # "Only moderators": the hirer no longer sees it, not even with a forged button.
    await say(bot, SEEKER, "/cv")
    shown = await tap(bot, SEEKER, "Кто может найти")
    assert "Виден только модераторам" in shown
    assert (await say(bot, HELPER, "/talents")).startswith("🙋 Подходящих людей не нашлось")
    query = fake.press(HELPER, chat_id=HELPER, callback_data=f"tl:open:{SEEKER}")
    await bot.settle()
    assert fake.callback_answer(query)["text"] == "Этот профиль больше не открыт."
    fake.add_user(ADMIN, "Admin")
    assert (await say(bot, ADMIN, "/talents")).startswith("🙋 «…»: 1 человек")

    # Deleted: the group card goes too.
    post = next(m for m in fake.messages(GROUP) if m["text"].startswith("#ищу"))
    await say(bot, SEEKER, "/cv")
    await tap(bot, SEEKER, "Удалить")
    assert (await tap(bot, SEEKER, "Да, удалить")) == "Профиль удалён."
    await fake.wait_call("deleteMessage", chat_id=GROUP, message_id=post["message_id"])
    assert (await say(bot, ADMIN, "/talents")).startswith("🙋 Подходящих людей не нашлось")
