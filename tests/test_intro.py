"""Introductions end to end: /intro in Russian with a skipped step, bad input and commands that are
not answers; the card posted to the group with the member's name and escaped answers; /intro
again edits it, and posting again edits the same card in place (no second card); "what I can
offer" becoming the help offer and the CV's "about"; the form across a restart; keeping it
private takes the card down; the newcomer who has not accepted the rules may save but not post;
English from the group's /intro button; forged presses; /forget taking the card and the row."""

from __future__ import annotations

from tests.harness import BotUnderTest
from tests.steps import ADMIN, GROUP, open_settings
from tests.test_cv import say, tap
from tests.test_requests import AUTHOR, HELPER, OTHER, people

MEMBER = AUTHOR  # Вероника
BRINGS = "Потеряла работу <b>в марте</b> & ищу своих"
OFFERS = "Могу разобрать резюме и помочь с SQL"
EVE = 777301


def cards(bot: BotUnderTest) -> list[dict]:
    return [
        m for m in bot.fake.messages(GROUP) if m["text"].startswith(("👋 Знакомьтесь", "👋 Meet"))
    ]


async def intro_row(bot: BotUnderTest, uid: int) -> dict | None:
    row = await bot.rt.db.fetchone(
        "SELECT * FROM intros WHERE chat_id = ? AND user_id = ?", (GROUP, uid)
    )
    return dict(row) if row else None


async def test_intro_posted_then_edited_in_place_and_reused(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)

    first = await say(bot, MEMBER, "/intro")
    assert fake.messages(MEMBER)[-2]["text"].startswith("👋 Знакомство с «Опора»")
    assert "до 500 символов" in fake.messages(MEMBER)[-2]["text"]
    assert first == "Шаг 1 из 3\nЧто привело вас в сообщество?"
    # Too long: said, and the question still waits; a command is never taken as an answer.
    assert (await say(bot, MEMBER, "я" * 501)).startswith("Получился 501 символ, а помещается 500")
    # /mydata is handled by a router after this one: only the form's filter keeps it out.
    await say(bot, MEMBER, "/mydata")
    assert fake.documents(MEMBER)[-1]["file_name"] == "opora-my-data.json"
    assert (await say(bot, MEMBER, BRINGS)).startswith("Шаг 2 из 3")
    assert (await say(bot, MEMBER, OFFERS)).startswith("Шаг 3 из 3")
    preview = await tap(bot, MEMBER, "Пропустить")
    assert preview.startswith("Предпросмотр — так группа «Опора» увидит карточку:")
    assert f"Что привело сюда\n{BRINGS}" in preview  # shown as typed, escaped on the way
    assert "Что мне нужно" not in preview  # the skipped step leaves no empty heading
    assert "/mydata" not in preview

    done = await tap(bot, MEMBER, "📣 Опубликовать в группе")
    assert done.startswith("📣 Опубликовано в «Опора». Добро пожаловать!")
    await bot.rt.sender.drain()
    [card] = cards(bot)
    assert card["text"] == (
        f"👋 Знакомьтесь: Вероника\n\nЧто привело сюда\n{BRINGS}\n\nЧем могу помочь\n{OFFERS}"
    )
    assert "&lt;b&gt;в марте&lt;/b&gt; &amp; ищу своих" in card["html"]
    assert f'<a href="tg://user?id={MEMBER}">Вероника</a>' in card["html"]
    row = await intro_row(bot, MEMBER)
    assert row is not None and row["message_id"] == card["message_id"]
    assert row["brings"] == BRINGS and row["needs"] == ""
    # 🚩 under the card: a member's report reaches the moderators; the author's own does not.
    query = fake.press(MEMBER, chat_id=GROUP, button_text="🚩", message_id=card["message_id"])
    await bot.settle()
    assert fake.callback_answer(query)["text"] == "Это ваш собственный пост."
    query = fake.press(OTHER, chat_id=GROUP, button_text="🚩", message_id=card["message_id"])
    await bot.settle()
    assert fake.callback_answer(query)["text"].startswith("🙏 Спасибо, модераторы посмотрят.")
    report = await bot.rt.reports.repo.get(1)
    assert report is not None and report.author_id == MEMBER
    assert report.message_id == card["message_id"] and OFFERS in report.text

    # /intro again: the saved answers, ready to edit; posting again edits the same card.
    again = await say(bot, MEMBER, "/intro")
    assert BRINGS in again and "Сейчас эта карточка опубликована в группе" in again
    await tap(bot, MEMBER, "✏️ Изменить")
    asked = await tap(bot, MEMBER, "Что привело сюда")
    assert asked.startswith("Что привело вас в сообщество?\nСейчас: Потеряла работу")
    assert "Шаг" not in asked  # editing one answer is not step 1 of 3
    assert (await tap(bot, MEMBER, "Оставить как есть")).startswith("Предпросмотр")
    await tap(bot, MEMBER, "✏️ Изменить")
    await tap(bot, MEMBER, "Что мне нужно")
    preview = await say(bot, MEMBER, "Работа аналитиком")
    assert "Что мне нужно\nРабота аналитиком" in preview
    updated = await tap(bot, MEMBER, "🔄 Обновить карточку в группе")
    assert updated.startswith("🔄 Карточка в «Опора» обновлена.")
    await bot.rt.sender.drain()
    [card] = cards(bot)  # edited in place, not posted twice
    assert card["message_id"] == row["message_id"]
    assert card["text"].endswith("Что мне нужно\nРабота аналитиком")
    assert len(fake.calls_of("editMessageText")) >= 1

    # "What I can offer" becomes the help offer's skills, then the offer menu goes on.
    filled = await tap(bot, MEMBER, "🤝 Сделать это моим предложением помощи")
    assert filled.startswith("✓ Ответ записан в навыки вашего предложения помощи.")
    assert f"Навыки: {OFFERS}" in filled
    await tap(bot, MEMBER, "Юридическое")
    profile = await bot.rt.help.repo.profile(MEMBER)
    assert profile is not None and profile.skills == OFFERS and profile.categories == ("legal",)
    await tap(bot, MEMBER, "✏️ Навыки")  # the offer's own way to change them still works
    assert "Навыки: SQL, резюме\n" in await say(bot, MEMBER, "SQL,   резюме")

    # …and the "about" of a new CV: that step is not asked (nor counted); an existing "about"
    # is kept.
    started = await tap(bot, MEMBER, "📄 Взять в моё резюме")
    assert started.startswith("Шаг 1 из 8\nКакую роль вы ищете?")
    assert fake.messages(MEMBER)[-3]["text"].startswith("Начнём профиль соискателя")
    await say(bot, MEMBER, "Аналитик данных")
    await tap(bot, MEMBER, "Middle")
    await say(bot, MEMBER, "SQL, Python")
    # No city for remote work: one step fewer.
    assert (await tap(bot, MEMBER, "Удалённо")).startswith("Шаг 5 из 7\nЯзыки")
    # "About" is already there.
    assert (await say(bot, MEMBER, "/skip")).startswith("Шаг 6 из 7\nСсылки")
    await say(bot, MEMBER, "/skip")
    cv_preview = await tap(bot, MEMBER, "Те, кто нанимает в моих сообществах")
    assert OFFERS in cv_preview
    await tap(bot, MEMBER, "Сохранить")
    cv = await bot.rt.cv.repo.get(MEMBER)
    assert cv is not None and cv.about == OFFERS
    kept = await tap(bot, MEMBER, "📄 Взять в моё резюме")
    assert kept.startswith("В вашем профиле соискателя уже есть раздел «О себе»")

    # The 🚩 report from earlier, answered with Delete: the card leaves the group, the answers
    # stay hers (kept privately).
    outcome, _ = await bot.rt.reports.act(1, ADMIN, "del")
    assert outcome == "done"
    await bot.rt.sender.drain()
    assert cards(bot) == []
    row = await intro_row(bot, MEMBER)
    assert row is not None and row["posted_at"] is None and row["brings"] == BRINGS


async def test_restart_keeping_private_and_forget(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    await say(bot, HELPER, "/intro")
    await say(bot, HELPER, "Сократили в феврале")
    await bot.restart()  # the form lives in the database
    assert (await say(bot, HELPER, "/intro")).startswith("Шаг 2 из 3")
    assert fake.messages(HELPER)[-2]["text"].startswith("↩️ Продолжим с того места")
    await say(bot, HELPER, "Помогу с английским")
    assert (await say(bot, HELPER, "/skip")).startswith("Предпросмотр")
    saved = await tap(bot, HELPER, "🔒 Сохранить только для себя")
    assert saved.startswith("🔒 Сохранено только для вас.")
    await bot.rt.sender.drain()
    assert cards(bot) == []
    row = await intro_row(bot, HELPER)
    assert row is not None and row["brings"] == "Сократили в феврале" and row["posted_at"] is None

    # Posted later, then kept private again: the card leaves the group.
    assert "видно только вам" in await say(bot, HELPER, "/intro")
    await tap(bot, HELPER, "📣 Опубликовать в группе")
    await bot.rt.sender.drain()
    assert len(cards(bot)) == 1
    await say(bot, HELPER, "/intro")
    taken = await tap(bot, HELPER, "🔒 Сохранить только для себя")
    assert taken.startswith("🔒 Сохранено только для вас, а карточка убрана из «Опора».")
    await bot.rt.sender.drain()
    assert cards(bot) == []

    # Cancel leaves everything as it was; /forget takes the card down and the row away.
    await say(bot, HELPER, "/intro")
    await tap(bot, HELPER, "📣 Опубликовать в группе")
    await say(bot, HELPER, "/intro")
    assert (await tap(bot, HELPER, "✖️ Отменить")) == "Отменено, ничего не изменилось."
    await bot.rt.sender.drain()
    assert len(cards(bot)) == 1
    await say(bot, HELPER, "/forget")
    await tap(bot, HELPER, "Да, удалить")
    await bot.rt.sender.drain()
    assert cards(bot) == []
    assert await intro_row(bot, HELPER) is None


async def test_english_from_the_group_and_forged_presses(bot: BotUnderTest) -> None:
    fake = bot.fake
    await people(bot)
    fake.add_user(EVE, "Eve", language_code="en")
    fake.set_member(GROUP, EVE, "member", emit=False)
    fake.send_message(EVE, "hi", chat_id=GROUP)
    await bot.settle()

    # In the group /intro answers with a button to continue privately.
    fake.send_message(EVE, "/intro", chat_id=GROUP)
    await bot.settle()
    hint = fake.last_message(GROUP)
    assert hint["text"].startswith("Знакомство заполняется в личных сообщениях")
    url = fake.buttons(hint)[0]["url"]
    asked = await say(bot, EVE, "/start " + url.split("start=", 1)[1])
    assert asked == "Step 1 of 3\nWhat brings you to the community?"
    assert fake.messages(EVE)[-2]["text"].startswith('👋 Introducing yourself to "Опора"')
    assert (await say(bot, EVE, "x" * 501)).startswith("That is 501 characters, and 500 fit.")
    fake.send_document(EVE, "me.txt", b"hello")
    await bot.settle()
    assert fake.last_message(EVE)["text"] == 'Please answer with text — or press "Skip".'
    await say(bot, EVE, "A new city")
    await tap(bot, EVE, "Skip")
    preview = await say(bot, EVE, "Friends <3")
    assert preview.startswith('Preview — this is how "Опора" will see the card:')
    assert "What I need\nFriends <3" in preview
    assert (await tap(bot, EVE, "📣 Post to the group")).startswith('📣 Posted in "Опора".')
    assert "Make it my help offer" not in str(fake.last_message(EVE))  # nothing offered
    await bot.rt.sender.drain()
    # The group reads the card in its own language.
    [card] = cards(bot)
    assert card["text"] == (
        "👋 Знакомьтесь: Eve\n\nЧто привело сюда\nA new city\n\nЧто мне нужно\nFriends <3"
    )
    assert "Friends &lt;3" in card["html"]

    # Forged presses: from the group, for an intro the presser does not have, for a form
    # that is not open; a stranger's deep link.
    query = fake.press(OTHER, chat_id=GROUP, callback_data=f"in:offer:{GROUP}")
    await bot.settle()
    assert fake.callback_answer(query)["text"] == "Это действие вам недоступно."
    await say(bot, OTHER, "/start")
    query = fake.press(OTHER, chat_id=OTHER, callback_data=f"in:offer:{GROUP}")
    await bot.settle()
    assert fake.callback_answer(query)["text"].startswith("Эта кнопка устарела")
    query = fake.press(OTHER, chat_id=OTHER, callback_data="in:post:0")
    await bot.settle()
    assert fake.callback_answer(query)["text"].startswith("Эта кнопка устарела")
    assert await intro_row(bot, OTHER) is None
    # One who left the group mid-form cannot post (or save) there any more.
    await say(bot, OTHER, "/intro")
    await say(bot, OTHER, "Ищу поддержку")
    await say(bot, OTHER, "/skip")
    await say(bot, OTHER, "/skip")
    fake.leave(GROUP, OTHER)
    await bot.settle()
    query = fake.press(OTHER, chat_id=OTHER, button_text="📣 Опубликовать в группе")
    await bot.settle()
    assert fake.callback_answer(query)["text"] == (
        "Знакомиться с сообществом могут только его участники."
    )
    assert await intro_row(bot, OTHER) is None
    fake.add_user(777399, "Stranger")
    assert (await say(bot, 777399, f"/start in{GROUP}")).startswith(
        "Не получилось: по словам Telegram, вас нет в этой группе"
    )
    # In no group at all: said so, not sent round to /community.
    assert (await say(bot, 777399, "/intro")).startswith("Я пока не знаю ни одного вашего")


async def test_newcomer_from_the_welcome_may_save_but_not_post_before_the_rules(
    bot: BotUnderTest,
) -> None:
    fake = bot.fake
    await people(bot)
    await open_settings(bot)
    await tap(bot, ADMIN, "🛡 Порядок в группе")
    await tap(bot, ADMIN, "Включить проверку новичков")
    anna = 777201
    fake.add_user(anna, "Анна")
    fake.join(GROUP, anna)
    await bot.settle()
    bot.clock.advance(11)
    await fake.wait_for(
        lambda: any(m["text"].startswith("👋 Добро пожаловать") for m in fake.messages(GROUP))
    )
    welcome = next(m for m in fake.messages(GROUP) if m["text"].startswith("👋 Добро пожаловать"))
    link = next(b["url"] for b in fake.buttons(welcome) if b.get("url"))

    # After the rules: an invitation with a button that starts the form for that community.
    invitation = await say(bot, anna, "/start " + link.split("start=", 1)[1])
    assert invitation.startswith("Расскажите о себе, если хотите: что привело вас сюда")
    assert (await tap(bot, anna, "👋 Познакомиться")).startswith("Шаг 1 из 3")
    await say(bot, anna, "Переехала")
    await say(bot, anna, "/skip")
    await say(bot, anna, "/skip")
    query = fake.press(anna, chat_id=anna, button_text="📣 Опубликовать в группе")
    await bot.settle()
    assert fake.callback_answer(query)["text"].startswith("Сейчас вы не можете писать в группе")
    saved = await tap(bot, anna, "🔒 Сохранить только для себя")
    assert saved.startswith("🔒 Сохранено только для вас.")
    await bot.rt.sender.drain()
    assert cards(bot) == []

    # Once the rules are accepted, the same introduction may go to the group.
    fake.press(anna, chat_id=GROUP, button_text="✅ Я принимаю правила")
    await bot.settle()
    await say(bot, anna, "/intro")
    assert (await tap(bot, anna, "📣 Опубликовать в группе")).startswith("📣 Опубликовано")
    await bot.rt.sender.drain()
    assert [c["text"] for c in cards(bot)] == [
        "👋 Знакомьтесь: Анна\n\nЧто привело сюда\nПереехала"
    ]
