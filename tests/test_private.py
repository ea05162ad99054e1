"""Private basics: /start, /help, /lang, /timezone, /cancel, hints, in both languages."""

from __future__ import annotations

from tests.harness import BotUnderTest


async def test_start_welcomes_in_russian_with_a_menu(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(42, "Аня", language_code="ru")
    fake.send_message(42, "/start")
    message = await fake.wait_for(lambda: fake.messages(42) and fake.last_message(42))
    assert "Здравствуйте, Аня!" in message["text"]
    assert "Я пока не знаю ни одного вашего сообщества" in message["text"]
    labels = [b["text"] for b in fake.buttons(message)]
    assert "🌐 Язык" in labels and "❓ Помощь" in labels


async def test_start_in_english_for_an_english_client(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(43, "Ann", language_code="en-GB")
    fake.send_message(43, "/start")
    message = await fake.wait_for(lambda: fake.messages(43) and fake.last_message(43))
    assert message["text"].startswith("Hello, Ann!")


async def test_language_choice_persists_across_restart(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(42, "Аня", language_code="ru")
    fake.send_message(42, "/lang")
    await bot.settle()
    assert fake.last_message(42)["text"] == "Выберите язык:"
    fake.press(42, chat_id=42, button_text="English")
    await bot.settle()
    assert fake.last_message(42)["text"] == "Done, we speak English now."

    await bot.restart()
    fake.send_message(42, "/help")
    await bot.settle()
    assert "What I can do" in fake.last_message(42)["text"]
    assert (await bot.rt.users.get(42)).language == "en"  # type: ignore[union-attr]


async def test_timezone_buttons_and_free_text(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(42, "Аня")
    fake.send_message(42, "/timezone")
    await bot.settle()
    assert "Выберите часовой пояс" in fake.last_message(42)["text"]
    fake.press(42, chat_id=42, button_text="Новосибирск (UTC+7)")
    await bot.settle()
    assert fake.last_message(42)["text"] == "Часовой пояс: Новосибирск (UTC+7)."
    assert (await bot.rt.users.get(42)).timezone == "Asia/Novosibirsk"  # type: ignore[union-attr]

    fake.send_message(42, "/timezone")
    await bot.settle()
    assert "Ваш часовой пояс: Новосибирск (UTC+7)" in fake.last_message(42)["text"]
    fake.press(42, chat_id=42, button_text="Ввести вручную")
    await bot.settle()
    fake.send_message(42, "Марс")
    await bot.settle()
    assert "Не нашёл такой часовой пояс, прежний остался" in fake.last_message(42)["text"]
    assert (await bot.rt.users.get(42)).timezone == "Asia/Novosibirsk"  # type: ignore[union-attr]
    fake.send_message(42, "UTC+5:30")
    await bot.settle()
    assert fake.last_message(42)["text"] == "Часовой пояс: UTC+5:30."
    assert (await bot.rt.users.get(42)).timezone == "UTC+05:30"  # type: ignore[union-attr]


async def test_timezone_form_survives_a_restart(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(44, "Bob", language_code="en")
    fake.send_message(44, "/timezone")
    await bot.settle()
    fake.press(44, chat_id=44, button_text="Type it in")
    await bot.settle()
    await bot.restart()
    fake.send_message(44, "Berlin")
    await bot.settle()
    assert fake.last_message(44)["text"].startswith("Time zone: Berlin (UTC+")


async def test_cancel_leaves_a_form_in_both_languages(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(42, "Аня")
    fake.add_user(44, "Bob", language_code="en")
    fake.send_message(42, "/cancel")
    await bot.settle()
    assert fake.last_message(42)["text"].startswith("Сейчас нечего отменять")
    fake.send_message(42, "/timezone")
    await bot.settle()
    fake.press(42, chat_id=42, button_text="Ввести вручную")
    await bot.settle()
    fake.send_message(42, "/cancel")
    await bot.settle()
    assert fake.last_message(42)["text"].startswith("Хорошо, вышли из формы")
    fake.send_message(42, "Europe/Berlin")  # no longer in the form: a hint, no change
    await bot.settle()
    assert "Я отвечаю на команды и кнопки" in fake.last_message(42)["text"]
    assert (await bot.rt.users.get(42)).timezone is None  # type: ignore[union-attr]

    fake.send_message(44, "/cancel")
    await bot.settle()
    assert fake.last_message(44)["text"].startswith("There is nothing to cancel")


async def test_unknown_command_and_free_text_get_hints(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(44, "Bob", language_code="en")
    fake.send_message(44, "/frobnicate")
    await bot.settle()
    assert fake.last_message(44)["text"].startswith("I don't know that command")
    fake.send_message(44, "hello?")
    await bot.settle()
    assert fake.last_message(44)["text"].startswith("I answer commands and buttons")


async def test_menu_buttons_open_their_flows(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(44, "Bob", language_code="en")
    fake.send_message(44, "/start")
    await bot.settle()
    menu = fake.last_message(44)["message_id"]
    fake.press(44, chat_id=44, button_text="❓ Help", message_id=menu)
    await bot.settle()
    assert "What I can do" in fake.last_message(44)["text"]
    fake.press(44, chat_id=44, button_text="Time zone", message_id=menu)
    await bot.settle()
    assert "Choose your time zone" in fake.last_message(44)["text"]
    fake.press(44, chat_id=44, button_text="👥 Community", message_id=menu)
    await bot.settle()
    assert "I don't know any community of yours yet" in fake.last_message(44)["text"]
    # What people come for runs the same flow as its command.
    for label, first_words in (
        ("🙂 How are you?", "How are you today?"),
        ("🆘 I need help now", "Help right now"),
        ("👋 Introduce yourself", "I don't know any community of yours yet"),
    ):
        fake.press(44, chat_id=44, button_text=label, message_id=menu)
        await bot.settle()
        assert first_words in fake.last_message(44)["text"], label
        fake.send_message(44, "/cancel")
        await bot.settle()


async def test_commands_still_work_inside_a_form(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.add_user(44, "Bob", language_code="en")
    fake.send_message(44, "/timezone")
    await bot.settle()
    fake.press(44, chat_id=44, button_text="Type it in")
    await bot.settle()
    fake.send_message(44, "/mydata")
    await bot.settle()
    assert fake.documents(44), "the command was taken for a time zone"
    fake.send_message(44, "Asia/Tbilisi")  # still in the form
    await bot.settle()
    assert fake.last_message(44)["text"].startswith("Time zone: Tbilisi")
