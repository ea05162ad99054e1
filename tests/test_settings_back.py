"""Every screen of /settings keeps a way back: a moderator who opens a submenu, picks from a
list or is asked to type a text is never left on a message with nowhere to go — and going back
from a typed prompt stops waiting for the text."""

from __future__ import annotations

from typing import Any

from tests.harness import BotUnderTest
from tests.steps import ADMIN, GROUP, community, open_settings

BACK = "‹ Назад"
CANCEL = "Отмена"  # the log-chat picker's own keyboard (Telegram's chat picker lives there)


def has_way_back(message: dict[str, Any], buttons: list[dict[str, Any]]) -> bool:
    if any(b["text"] == BACK for b in buttons):
        return True
    reply = message.get("reply_keyboard") or {}
    return any(CANCEL in b["text"] for row in reply.get("keyboard", []) for b in row)


def snapshot(message: dict[str, Any]) -> tuple[int, str, str]:
    return message["message_id"], message["text"], repr(message.get("reply_markup"))


async def test_every_settings_screen_keeps_its_way_back(bot: BotUnderTest) -> None:
    fake = bot.fake
    await community(bot, {})
    await open_settings(bot)
    root = fake.last_message(ADMIN)
    queue = [b["callback_data"] for b in fake.buttons(root) if "callback_data" in b]
    seen: set[str] = set()
    stuck: list[str] = []
    screens = 0
    while queue:
        data = queue.pop(0)
        # The language stays Russian for the walk (switching it is tested where it lives).
        if data in seen or data.startswith("lang:"):
            continue
        seen.add(data)
        before = snapshot(fake.last_message(ADMIN))
        fake.press(ADMIN, chat_id=ADMIN, callback_data=data)
        await bot.settle()
        screen = fake.last_message(ADMIN)
        if snapshot(screen) == before:
            continue  # answered with a notice only: no new screen
        screens += 1
        buttons = fake.buttons(screen)
        # The settings' own first screen (⚙️) is the one with nothing behind it.
        if not has_way_back(screen, buttons) and not screen["text"].startswith("⚙️"):
            stuck.append(f"{data} → {screen['text'][:50]!r}")
        queue += [b["callback_data"] for b in buttons if "callback_data" in b]
        fake.send_message(ADMIN, "/cancel")
        await bot.settle()
    assert screens > 40  # the walk reached the sections' inner screens
    assert not stuck, "\n".join(stuck)


async def test_back_from_a_choice_and_from_a_typed_prompt(bot: BotUnderTest) -> None:
    fake = bot.fake
    await community(bot, {})
    await open_settings(bot)
    # A choice: the community's time zone, then back to the settings without choosing.
    fake.press(ADMIN, chat_id=ADMIN, button_text="Часовой пояс")
    await bot.settle()
    fake.press(ADMIN, chat_id=ADMIN, button_text=BACK)
    await bot.settle()
    assert fake.last_message(ADMIN)["text"].startswith("⚙️ Настройки «Опора»")

    # A typed prompt: the crisis lines; back, and a plain message is not taken for them.
    fake.press(ADMIN, chat_id=ADMIN, button_text="Отметки")
    await bot.settle()
    fake.press(ADMIN, chat_id=ADMIN, button_text="Кризисные контакты")
    await bot.settle()
    prompt = fake.last_message(ADMIN)
    assert prompt["text"].startswith("Пришлите кризисные")
    fake.press(ADMIN, chat_id=ADMIN, button_text=BACK, message_id=prompt["message_id"])
    await bot.settle()
    assert "Кризисные контакты" in " ".join(
        b["text"] for b in fake.buttons(fake.last_message(ADMIN))
    )
    fake.send_message(ADMIN, "просто сообщение")
    await bot.settle()
    assert await bot.rt.community_checkins.crisis_text(GROUP) is None
