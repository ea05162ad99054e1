"""The meetings section of /settings: who may schedule, whether announcements name those going,
and whether they are pinned. Every press re-checks the presser's rights in that community."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import SettingsCB
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.services.community_settings import (
    MEETINGS_NAMES,
    MEETINGS_PIN,
    MEETINGS_REMINDERS,
    MEETINGS_WHO,
    REMINDER_PRESETS,
)
from bot.texts import reminders_label
from handlers.meetings.form import reminder_menu
from handlers.settings import back_row, moderated, section_keyboard

SECTION = "mt"


def router() -> Router:
    r = Router(name="meetings-settings")
    r.callback_query.register(settings_pressed, SettingsCB.filter(F.section == SECTION))
    return r


async def settings_pressed(query: CallbackQuery, callback_data: SettingsCB, **data: Any) -> None:
    found = await moderated(query, callback_data.chat_id, data)
    if found is None:
        return
    message, community = found
    t: Texts = data["t"]
    store = data["community_settings"]
    chat_id, action, value = community.chat_id, callback_data.action, callback_data.value
    by = query.from_user.id
    if action == "who" and value in (0, 1):
        await store.set(chat_id, MEETINGS_WHO, "members" if value else "moderators", by)
    elif action == "names" and value in (0, 1):
        await store.set(chat_id, MEETINGS_NAMES, bool(value), by)
    elif action == "pin" and value in (0, 1):
        await store.set(chat_id, MEETINGS_PIN, bool(value), by)
    elif action == "reminders" and 0 <= value < len(REMINDER_PRESETS):
        await store.set(chat_id, MEETINGS_REMINDERS, REMINDER_PRESETS[value] or "off", by)
    elif action == "remmenu":
        await query.answer()
        await reminders_menu(message, t, chat_id, str(await store.get(chat_id, MEETINGS_REMINDERS)))
        return
    elif action != "show":
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await query.answer(t("settings-saved") if action != "show" else None)
    members = await store.get(chat_id, MEETINGS_WHO) == "members"
    names = bool(await store.get(chat_id, MEETINGS_NAMES))
    pin = bool(await store.get(chat_id, MEETINGS_PIN))
    reminders = str(await store.get(chat_id, MEETINGS_REMINDERS))

    def turn(on: bool) -> str:
        return "off" if on else "on"

    keyboard = section_keyboard(
        t,
        chat_id,
        SECTION,
        [
            (t(f"settings-mt-who-turn-{turn(members)}"), "who", int(not members)),
            (t(f"settings-mt-names-turn-{turn(names)}"), "names", int(not names)),
            (t(f"settings-mt-pin-turn-{turn(pin)}"), "pin", int(not pin)),
            (t("settings-mt-reminders-change"), "remmenu", 0),
        ],
    )
    text = "\n".join(
        [
            t("settings-mt-title", title=community.title),
            t(f"settings-mt-who-{'members' if members else 'moderators'}"),
            t(f"settings-mt-names-{'on' if names else 'off'}"),
            t(f"settings-mt-pin-{'on' if pin else 'off'}"),
            t("settings-mt-reminders", reminders=reminders_label(t, _preset(reminders))),
        ]
    )
    await update_menu(message, text, keyboard)


def _preset(stored: str) -> str:
    return "" if stored == "off" else stored


async def reminders_menu(message: Message, t: Texts, chat_id: int, stored: str) -> None:
    """The default reminder sets, the current one marked, then back to the section."""

    def choose(label: str, index: int) -> InlineKeyboardButton:
        data = SettingsCB(chat_id=chat_id, section=SECTION, action="reminders", value=index)
        return InlineKeyboardButton(text=label, callback_data=data.pack())

    current = _preset(stored)
    rows = reminder_menu(t, current, choose)
    rows.append(back_row(t, chat_id, SECTION))
    text = t("meet-reminders-choose", reminders=reminders_label(t, current))
    await update_menu(message, text, InlineKeyboardMarkup(inline_keyboard=rows))
