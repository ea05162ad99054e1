"""Vacancies end to end: paste-to-fill, step by step, bad input, duplicates, limits, the card."""

from __future__ import annotations

from tests.harness import BotUnderTest
from tests.steps import ADMIN, GROUP
from tests.test_requests import AUTHOR, HELPER, OTHER, people

PASTED = """🔥 Python-разработчик (Middle)
Компания: ООО «Ромашка»
Удалёнка, полная занятость
ЗП: 200 000 – 250 000 ₽
Откликаться: https://hh.ru/vacancy/987654
#python #django"""


async def paste_vacancy(bot: BotUnderTest, uid: int, text: str = PASTED) -> None:
    fake = bot.fake
    fake.send_message(uid, "/vacancy")
    await bot.settle()
    fake.send_message(uid, text)
    await bot.settle()


async def test_a_pasted_vacancy_is_read_completed_and_posted(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    await paste_vacancy(bot, AUTHOR)
    texts = [m["text"] for m in fake.messages(AUTHOR)]
    summary = next(t for t in texts if t.startswith("🔎 Вот что я прочитал в тексте:"))
    for line in (
        "Должность: Python-разработчик (Middle)",
        "Компания: ООО «Ромашка»",
        "Формат работы: 🏠 Удалённо",
        "Занятость: Полная",
        "Уровень: Middle",
        "Зарплата: 200\u202f000–250\u202f000 ₽",
        "Навыки: #python #django",
        "Ссылка: https://hh.ru/vacancy/987654",
    ):
        assert line in summary.splitlines(), line
    assert summary.endswith(
        "Осталось уточнить: «могу порекомендовать». Остальное можно поправить в предпросмотре."
    )
    # Only what was missing is asked: the "I can refer" flag.
    assert fake.last_message(AUTHOR)["text"] == "Можете порекомендовать кандидата из сообщества?"
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Да, могу порекомендовать")
    await bot.settle()
    preview = fake.last_message(AUTHOR)["text"]
    assert preview.startswith("Предпросмотр")
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Опубликовать")
    await bot.settle()
    await bot.rt.sender.drain()
    card = fake.last_message(GROUP)
    assert card["text"].startswith("#middle #удалёнка #полная_занятость #python #django\n")
    assert "💼 Python-разработчик (Middle) — ООО «Ромашка»" in card["text"]
    assert "💰 200\u202f000–250\u202f000 ₽" in card["text"]
    assert 'href="https://hh.ru/vacancy/987654"' in card["html"]
    assert "порекомендовать кандидата" in card["text"]

    # The same link again: shown the existing one, nothing posted twice.
    posts = len(fake.messages(GROUP))
    await paste_vacancy(bot, HELPER)
    fake.press(HELPER, chat_id=HELPER, button_text="Нет")
    await bot.settle()
    fake.press(HELPER, chat_id=HELPER, button_text="Опубликовать")
    await bot.settle()
    await bot.rt.sender.drain()
    assert fake.last_message(HELPER)["text"].startswith("Эту вакансию недавно уже публиковали")
    assert len(fake.messages(GROUP)) == posts


LINKEDIN = (
    "Senior Backend Engineer (Go/Python) at Acme Corp. Hybrid, 3 days a week in our Berlin "
    "office. You will design and run services that handle millions of requests a day. We offer "
    "€75k–90k and 30 days of vacation. Apply: https://acme.example/careers/backend-123"
)


async def test_a_one_paragraph_paste_is_read_into_its_fields(bot: BotUnderTest) -> None:
    """A LinkedIn-style paragraph: its leading phrase is the title (not the whole paragraph),
    the company and the city come from the text, and only what it does not say is asked."""
    fake = bot.fake
    await people(bot)
    await paste_vacancy(bot, AUTHOR, LINKEDIN)
    texts = [m["text"] for m in fake.messages(AUTHOR)]
    summary = next(t for t in texts if t.startswith("🔎 Вот что я прочитал"))
    for line in (
        "Должность: Senior Backend Engineer (Go/Python)",
        "Компания: Acme Corp",
        "Формат работы: 🔀 Гибрид",
        "Город: Berlin",
        "Уровень: Senior",
        "Зарплата: €75\u202f000–€90\u202f000",
    ):
        assert line in summary.splitlines(), line
    assert "Осталось уточнить: занятость, «могу порекомендовать»." in summary
    assert "Какой город? (или пропустите)" not in texts
    # Only what is left to ask is counted.
    assert fake.last_message(AUTHOR)["text"] == "Шаг 1 из 2\nКакая занятость?"
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Полная")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Нет")
    await bot.settle()
    preview = fake.last_message(AUTHOR)["text"]
    assert preview.startswith("Предпросмотр")
    assert "💼 Senior Backend Engineer (Go/Python) — Acme Corp" in preview
    assert "📍 🔀 Гибрид, Berlin · Полная · Senior" in preview
    # The description is the text after the title, not the title again.
    assert preview.count("Senior Backend Engineer") == 1
    assert "\n\nHybrid, 3 days a week in our Berlin office. You will design" in preview


async def test_a_leading_title_is_not_senior_when_the_text_names_the_level(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    await people(bot)
    text = (
        "Ведущий инженер по тестированию\nКомпания: «Т-Технологии»\n"
        "Ищем middle QA-инженера в команду платёжных сервисов.\nФормат: гибрид, Москва\n"
        "Зарплата: 180 000 – 230 000 ₽\nОтклик: https://t-tech.example/vacancy/qa-42"
    )
    await paste_vacancy(bot, AUTHOR, text)
    summary = next(
        m["text"] for m in fake.messages(AUTHOR) if m["text"].startswith("🔎 Вот что я прочитал")
    ).splitlines()
    assert "Уровень: Middle" in summary and "Город: Москва" in summary
    assert "Компания: Т-Технологии" in summary


async def test_step_by_step_with_bad_input_that_loses_nothing(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    fake.send_message(AUTHOR, "/vacancy")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="По шагам")
    await bot.settle()
    assert fake.last_message(AUTHOR)["text"].startswith("Шаг 1 из 11\n")
    steps: list[tuple[str, str | None]] = [
        ("🔥🔥🔥", "В должности нужны слова"),
        ("Data <b>Analyst</b> & BI", None),
        ("Acme", None),
    ]
    for text, problem in steps:
        fake.send_message(AUTHOR, text)
        await bot.settle()
        if problem:
            assert fake.last_message(AUTHOR)["text"].startswith(problem)
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Офис")
    await bot.settle()
    assert fake.last_message(AUTHOR)["text"].startswith("Шаг 4 из 11\nКакой город?")
    fake.send_message(AUTHOR, "Тбилиси")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Контракт / ГПХ")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Junior")
    await bot.settle()
    fake.send_message(AUTHOR, "много")
    await bot.settle()
    assert fake.last_message(AUTHOR)["text"].startswith("Не получилось прочитать зарплату")
    fake.send_message(AUTHOR, "3–4k USD")
    await bot.settle()
    fake.send_message(AUTHOR, "SQL, Power BI, Excel")
    await bot.settle()
    fake.send_message(AUTHOR, "x" * 2001)
    await bot.settle()
    assert fake.last_message(AUTHOR)["text"].startswith("Получился 2\xa0001 символ")
    fake.send_message(AUTHOR, "/skip")
    await bot.settle()
    fake.send_message(AUTHOR, "javascript:alert(1)")
    await bot.settle()
    assert fake.last_message(AUTHOR)["text"].startswith("Эта ссылка не подходит")
    fake.send_message(AUTHOR, "@acme_hr")
    await bot.settle()
    assert fake.last_message(AUTHOR)["text"].startswith("Шаг 11 из 11\n")
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Нет")
    await bot.settle()
    preview = fake.last_message(AUTHOR)
    assert "#junior #офис #контракт #sql #power_bi #excel" in preview["text"]
    assert "Data <b>Analyst</b> & BI" in preview["text"]  # shown as typed, escaped
    assert "Тбилиси" in preview["text"] and "💰 $3\u202f000–$4\u202f000" in preview["text"]
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Опубликовать")
    await bot.settle()
    await bot.rt.sender.drain()
    assert 'href="https://t.me/acme_hr"' in fake.last_message(GROUP)["html"]


async def test_at_most_three_vacancies_a_day(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    for n in range(4):
        text = PASTED.replace("987654", str(n)).replace("Python", f"Python{n}")
        await paste_vacancy(bot, AUTHOR, text)
        fake.press(AUTHOR, chat_id=AUTHOR, button_text="Нет")
        await bot.settle()
        fake.press(AUTHOR, chat_id=AUTHOR, button_text="Опубликовать")
        await bot.settle()
    assert fake.last_message(AUTHOR)["text"].startswith("Вы уже поделились столькими вакансиями")
    bot.clock.advance(86400 + 60)
    text = PASTED.replace("987654", "9").replace("Python", "Go")
    await paste_vacancy(bot, AUTHOR, text)
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Нет")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Опубликовать")
    await bot.settle()
    assert fake.last_message(AUTHOR)["text"].startswith("Опубликовано в группе")


async def test_edit_in_place_fill_and_expiry(bot: BotUnderTest) -> None:
    from datetime import UTC, datetime

    fake = bot.fake
    bot.clock.advance(datetime(2026, 6, 1, 9, 0, tzinfo=UTC).timestamp() - bot.clock.time())
    await people(bot)
    await paste_vacancy(bot, AUTHOR)
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Нет")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Опубликовать")
    await bot.settle()
    await bot.rt.sender.drain()
    post_id = fake.last_message(GROUP)["message_id"]

    # Someone else's forged press changes nothing.
    vacancy_id = await bot.rt.db.fetchval("SELECT id FROM vacancies")
    fake.send_message(HELPER, "/start")
    await bot.settle()
    query = fake.press(HELPER, chat_id=HELPER, callback_data=f"va:fill:{vacancy_id}")
    await bot.settle()
    assert fake.callback_answer(query)["show_alert"]

    fake.send_message(AUTHOR, "/myvacancies")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Python-разработчик")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Изменить")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Изменить поле")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="зарплата")
    await bot.settle()
    fake.send_message(AUTHOR, "от 300 000 ₽")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Сохранить изменения")
    await bot.settle()
    await bot.rt.sender.drain()
    edited = next(m for m in fake.messages(GROUP) if m["message_id"] == post_id)
    assert "💰 от 300\u202f000 ₽" in edited["text"]
    assert len([m for m in fake.messages(GROUP) if "Python-разработчик" in m["text"]]) == 1

    # Three days before the end: "still open?"; no answer: expired on the card.
    bot.clock.advance(27 * 86400 + 60)
    await fake.wait_for(lambda: "истекает через 3 дня" in fake.last_message(AUTHOR)["text"])
    bot.clock.advance(3 * 86400)
    await fake.wait_for(
        lambda: (
            "⌛️ Истекла"
            in next(m for m in fake.messages(GROUP) if m["message_id"] == post_id)["text"]
        )
    )
    # The author marks it filled after all.
    fake.send_message(AUTHOR, "/myvacancies")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Python-разработчик")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Закрыта")
    await bot.settle()
    await bot.rt.sender.drain()
    card = next(m for m in fake.messages(GROUP) if m["message_id"] == post_id)["text"]
    assert "✅ Закрыта — нашли человека" in card


async def test_save_and_refer_me_from_the_group_card(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    await paste_vacancy(bot, AUTHOR)
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Да, могу порекомендовать")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Опубликовать")
    await bot.settle()
    await bot.rt.sender.drain()

    # "Save" under the group card takes it back when pressed again.
    for expected in ("⭐ Сохранено", "Убрано из сохранённых", "⭐ Сохранено"):
        query = fake.press(HELPER, chat_id=GROUP, button_text="Сохранить")
        await bot.settle()
        assert fake.callback_answer(query)["text"].startswith(expected)
    fake.send_message(HELPER, "/saved")
    await bot.settle()
    listing = fake.last_message(HELPER)
    assert listing["text"] == (
        "Сохранённые вакансии (1):\n1. Python-разработчик (Middle) — ООО «Ромашка»"
    )
    assert [b["text"] for b in fake.buttons(listing)] == [
        "1. Python-разработчик (Middle)",
        "🗑 Убрать",
    ]
    # The card opened from /saved has the group card's actions, Save showing it is saved.
    fake.press(HELPER, chat_id=HELPER, button_text="1. Python-разработчик (Middle)")
    await bot.settle()
    card_id = fake.last_message(HELPER)["message_id"]
    labels = [b["text"] for b in fake.buttons(fake.last_message(HELPER))]
    assert labels == ["🤝 Порекомендуйте меня", "✅ Сохранено"]
    for label, now in (("✅ Сохранено", "⭐ Сохранить"), ("⭐ Сохранить", "✅ Сохранено")):
        fake.press(HELPER, chat_id=HELPER, button_text=label, message_id=card_id)
        await bot.settle()
        card = next(m for m in fake.messages(HELPER) if m["message_id"] == card_id)
        assert fake.buttons(card)[-1]["text"] == now
    # Someone else's forged "remove" removes only from their own list.
    vacancy_id = await bot.rt.db.fetchval("SELECT id FROM vacancies")
    fake.send_message(OTHER, "/start")
    await bot.settle()
    fake.press(OTHER, chat_id=OTHER, callback_data=f"va:drop:{vacancy_id}")
    await bot.settle()
    saved = "SELECT COUNT(*) FROM saved_vacancies WHERE user_id = ?"
    assert await bot.rt.db.fetchval(saved, (HELPER,)) == 1
    # /saved: each item can be removed from the list itself.
    fake.press(HELPER, chat_id=HELPER, button_text="🗑 Убрать")
    await bot.settle()
    emptied = next(m for m in fake.messages(HELPER) if m["message_id"] == listing["message_id"])
    assert emptied["text"].startswith("Сохранённых вакансий пока нет")
    assert await bot.rt.db.fetchval(saved, (HELPER,)) == 0
    fake.press(HELPER, chat_id=GROUP, button_text="Сохранить")
    await bot.settle()

    card = fake.last_message(GROUP)
    url = next(b["url"] for b in fake.buttons(card) if "url" in b)
    for attempt in range(2):
        fake.send_message(HELPER, "/start " + url.split("start=", 1)[1])
        await bot.settle()
        fake.send_message(HELPER, "Аналитик, 3 года SQL <и> Python")
        await bot.settle()
        await bot.rt.sender.drain()
        expected = "Отправлено автору" if attempt == 0 else "Вы уже обращались"
        assert fake.last_message(HELPER)["text"].startswith(expected)
    note = fake.last_message(AUTHOR)
    assert note["text"].startswith("🤝 Глеб просит рекомендацию на «Python-разработчик (Middle)»")
    assert "Аналитик, 3 года SQL <и> Python" in note["text"]
    assert f'href="tg://user?id={HELPER}"' in note["html"]


async def post_vacancy(bot: BotUnderTest, uid: int, text: str) -> None:
    await prepare_vacancy(bot, uid, text)
    bot.fake.press(uid, chat_id=uid, button_text="Опубликовать")
    await bot.settle()


async def prepare_vacancy(bot: BotUnderTest, uid: int, text: str = PASTED) -> None:
    """Paste a vacancy and answer what the form asks until its preview."""
    fake = bot.fake
    await paste_vacancy(bot, uid, text)
    while not fake.last_message(uid)["text"].startswith("Предпросмотр"):
        buttons = fake.buttons(fake.last_message(uid))
        if buttons:
            fake.press(uid, chat_id=uid, button_text=buttons[-1]["text"])
        else:
            fake.send_message(uid, "/skip")
        await bot.settle()


async def test_jobs_search_with_prefixes_filters_and_the_card(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    await post_vacancy(bot, AUTHOR, PASTED)
    await post_vacancy(
        bot,
        HELPER,
        "Senior Data Analyst\nCompany: Acme\nOffice, full-time, $4,500\nhttps://acme.io/jobs/7",
    )
    await post_vacancy(
        bot,
        HELPER,
        "Младший аналитик данных\nКомпания: Лютик\nОфис, стажировка\nhttps://lutik.ru/7",
    )
    fake.send_message(AUTHOR, "/jobs разработ")  # a prefix of "разработчик"
    await bot.settle()
    result = fake.last_message(AUTHOR)
    assert result["text"].startswith("🔎 «разработ»: 1 вакансия")
    assert fake.buttons(result)[0]["text"].startswith("Python-разработчик (Middle) — ООО «Ромашка»")

    fake.send_message(AUTHOR, "/jobs аналитик")
    await bot.settle()
    assert fake.last_message(AUTHOR)["text"].startswith("🔎 «аналитик»: 1 вакансия")
    fake.send_message(AUTHOR, "/jobs analyst")
    await bot.settle()
    assert "1 вакансия" in fake.last_message(AUTHOR)["text"]

    # Filters: remote only; then a salary from $4 000.
    fake.send_message(AUTHOR, "/jobs")
    await bot.settle()
    assert fake.last_message(AUTHOR)["text"].startswith(
        "🔎 Открытых вакансий в ваших сообществах: 3"
    )
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Удалённо")
    await bot.settle()
    remote = fake.last_message(AUTHOR)
    assert "1" in remote["text"] and fake.buttons(remote)[0]["text"].startswith("Python")
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Удалённо")
    await bot.settle()
    for _ in range(5):  # cycle the salary filter to "from $4 000"
        fake.press(AUTHOR, chat_id=AUTHOR, button_text="💰")
        await bot.settle()
    paid = fake.last_message(AUTHOR)
    assert fake.buttons(paid)[0]["text"].startswith("Senior Data Analyst — Acme")
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Senior Data Analyst")
    await bot.settle()
    card = fake.last_message(AUTHOR)
    assert "💼 Senior Data Analyst — Acme" in card["text"]
    # The card has the group card's actions: Save, pressed, shows it saved.
    assert [b["text"] for b in fake.buttons(card)] == ["⭐ Сохранить"]
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="⭐ Сохранить", message_id=card["message_id"])
    await bot.settle()
    card = next(m for m in fake.messages(AUTHOR) if m["message_id"] == card["message_id"])
    assert [b["text"] for b in fake.buttons(card)] == ["✅ Сохранено"]
    fake.send_message(AUTHOR, "/saved")
    await bot.settle()
    assert "Senior Data Analyst — Acme" in fake.last_message(AUTHOR)["text"]

    # Filled vacancies are no longer found.
    vacancy_id = await bot.rt.db.fetchval("SELECT id FROM vacancies WHERE company = 'Acme'")
    await bot.rt.vacancies.fill(vacancy_id, HELPER)
    fake.send_message(AUTHOR, "/jobs analyst")
    await bot.settle()
    assert fake.last_message(AUTHOR)["text"].startswith("🔎 Ничего не нашлось")


async def test_buttons_under_an_older_jobs_message_keep_its_own_search(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    await people(bot)
    await post_vacancy(bot, AUTHOR, PASTED)  # remote
    await post_vacancy(
        bot, HELPER, "Senior Data Analyst\nCompany: Acme\nOffice, full-time\nhttps://acme.io/7"
    )
    fake.send_message(AUTHOR, "/jobs разработ")
    await bot.settle()
    older = fake.last_message(AUTHOR)["message_id"]
    fake.send_message(AUTHOR, "/jobs analyst")
    await bot.settle()
    newer = fake.last_message(AUTHOR)["message_id"]
    fake.send_message(AUTHOR, "/vacancy")  # a form in between changes nothing either,
    await bot.settle()
    fake.send_message(AUTHOR, "/cancel")
    await bot.settle()
    await bot.restart()  # nor does a restart

    def message(message_id: int) -> dict[str, object]:
        return next(m for m in fake.messages(AUTHOR) if m["message_id"] == message_id)

    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Удалённо", message_id=older)
    await bot.settle()
    assert str(message(older)["text"]).startswith("🔎 «разработ»: 1 вакансия")
    assert fake.buttons(message(older))[0]["text"].startswith("Python-разработчик")
    assert fake.buttons(message(older))[1]["text"] == "✓ 🏠 Удалённо"
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Уровень", message_id=newer)
    await bot.settle()
    assert str(message(newer)["text"]).startswith("🔎 Ничего не нашлось")  # analyst, intern
    assert fake.buttons(message(newer))[0]["text"] == "🏠 Удалённо"  # not the older one's
    # "Subscribe" under the older message saves the older search.
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Подписаться на этот поиск", message_id=older)
    await bot.settle()
    assert fake.last_message(AUTHOR)["text"].startswith(
        "🔔 Подписка сохранена: «разработ» · 🏠 Удалённо"
    )
    # Another member pressing with that message's button data gets nothing of it.
    data = fake.buttons(message(older))[1]["callback_data"]
    fake.send_message(HELPER, "/start")
    await bot.settle()
    query = fake.press(HELPER, chat_id=HELPER, callback_data=data)
    await bot.settle()
    answer = fake.callback_answer(query)
    assert answer is not None and answer["show_alert"]
    assert answer["text"].startswith("Этот поиск устарел")
    assert not any("разработ" in m["text"] for m in fake.messages(HELPER))


async def test_premoderation_approve_ask_for_changes_and_reject(bot: BotUnderTest) -> None:
    from tests.steps import open_settings

    fake = bot.fake
    await people(bot)
    await open_settings(bot)
    fake.press(ADMIN, chat_id=ADMIN, button_text="Вакансии")
    await bot.settle()
    fake.press(ADMIN, chat_id=ADMIN, button_text="Сначала одобрять вакансии")
    await bot.settle()
    assert "Премодерация: включена" in fake.last_message(ADMIN)["text"]

    posts = len(fake.messages(GROUP))
    await post_vacancy(bot, AUTHOR, PASTED)
    await bot.rt.sender.drain()
    assert fake.last_message(AUTHOR)["text"].startswith("Отправлено модераторам")
    assert len(fake.messages(GROUP)) == posts
    review = fake.last_message(ADMIN)
    assert review["text"].startswith("📝 Новая вакансия ждёт вашего одобрения")
    # A member cannot approve, even with the button's data.
    fake.send_message(HELPER, "/start")
    await bot.settle()
    query = fake.press(
        HELPER, chat_id=HELPER, callback_data=fake.buttons(review)[0]["callback_data"]
    )
    await bot.settle()
    assert fake.callback_answer(query)["show_alert"]

    fake.press(ADMIN, chat_id=ADMIN, button_text="Попросить исправить")
    await bot.settle()
    fake.send_message(ADMIN, "Укажите город")
    await bot.settle()
    await bot.rt.sender.drain()
    assert "просят исправить" in fake.last_message(AUTHOR)["text"]
    fake.send_message(AUTHOR, "/myvacancies")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Python-разработчик")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Изменить")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Изменить поле")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="формат работы")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Гибрид")
    await bot.settle()
    fake.send_message(AUTHOR, "Казань")
    await bot.settle()
    fake.press(AUTHOR, chat_id=AUTHOR, button_text="Сохранить изменения")
    await bot.settle()
    await bot.rt.sender.drain()
    assert fake.last_message(AUTHOR)["text"] == "Сохранено и снова отправлено модераторам."
    again = fake.last_message(ADMIN)
    assert "Казань" in again["text"]
    fake.press(ADMIN, chat_id=ADMIN, button_text="Одобрить")
    await bot.settle()
    await bot.rt.sender.drain()
    assert "Казань" in fake.last_message(GROUP)["text"]
    assert "одобрена и опубликована" in fake.last_message(AUTHOR)["text"]

    other = PASTED.replace("987654", "1").replace("Python", "Rust")
    await post_vacancy(bot, HELPER, other)
    await bot.rt.sender.drain()
    fake.press(ADMIN, chat_id=ADMIN, button_text="Отклонить")
    await bot.settle()
    fake.send_message(ADMIN, "Не по теме сообщества")
    await bot.settle()
    await bot.rt.sender.drain()
    assert "Модераторы пишут: Не по теме сообщества" in fake.last_message(HELPER)["text"]
    assert not any("Rust" in m["text"] for m in fake.messages(GROUP))


async def test_a_reported_vacancy_taken_down_by_a_moderator(bot: BotUnderTest) -> None:
    """🚩 under the card, then the moderator's Delete: the vacancy leaves the group and /jobs,
    and its author's list says why."""
    fake = bot.fake
    await people(bot)
    fake.open_private_chat(ADMIN)
    await post_vacancy(bot, AUTHOR, PASTED)
    await bot.rt.sender.drain()
    card = fake.last_message(GROUP)
    query = fake.press(HELPER, chat_id=GROUP, button_text="🚩", message_id=card["message_id"])
    await bot.settle()
    assert fake.callback_answer(query)["text"].startswith("🙏 Спасибо")
    await bot.rt.sender.drain()
    assert fake.last_message(ADMIN)["text"].startswith("🚩 Жалоба в «Опора»")
    fake.press(ADMIN, chat_id=ADMIN, button_text="🗑 Удалить")
    await bot.settle()
    await bot.rt.sender.drain()
    assert all(m["message_id"] != card["message_id"] for m in fake.messages(GROUP))
    vacancy = await bot.rt.vacancies.repo.get(1)
    assert vacancy is not None and vacancy.status == "removed"
    fake.send_message(HELPER, "/jobs Python")
    await bot.settle()
    assert "Python-разработчик" not in fake.last_message(HELPER)["text"]


async def test_presses_keep_their_packed_form_and_each_is_checked(bot: BotUnderTest) -> None:
    """Buttons already in people's chats carry "va:<action>:<id>": each action still reaches
    its own handler and asks again who presses; an action nobody knows is an old button."""
    fake = bot.fake
    await people(bot)
    await post_vacancy(bot, AUTHOR, PASTED)
    vacancy_id = await bot.rt.db.fetchval("SELECT id FROM vacancies")
    fake.send_message(HELPER, "/start")
    await bot.settle()

    def press(action: str) -> str:
        return fake.press(HELPER, chat_id=HELPER, callback_data=f"va:{action}:{vacancy_id}")

    answers = {}
    for action in ("edit", "fill", "extend", "approve", "reject", "changes", "bogus"):
        query = press(action)
        await bot.settle()
        answers[action] = fake.callback_answer(query)["text"]
    refused = "Это действие вам недоступно."
    assert answers == {
        "edit": refused,
        "fill": refused,
        "extend": refused,
        "approve": refused,
        "reject": refused,
        "changes": refused,
        "bogus": "Эта кнопка устарела. Откройте меню заново: /start",
    }
    # Someone else's open vacancy: its card, as any member sees it.
    press("view")
    await bot.settle()
    assert "Python-разработчик" in fake.last_message(HELPER)["text"]
    query = press("save")
    await bot.settle()
    assert fake.callback_answer(query)["text"].startswith("⭐ Сохранено.")
    query = press("drop")
    await bot.settle()
    assert fake.callback_answer(query)["text"] == "Убрано из сохранённых."
    fake.send_message(HELPER, "/saved")
    await bot.settle()
    assert fake.last_message(HELPER)["text"].startswith("Сохранённых вакансий пока нет.")
