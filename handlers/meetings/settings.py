"""The meetings section of /settings: who may schedule, whether announcements name those going,
and whether they are pinned. Every press re-checks the presser's rights in that community."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.types import CallbackQuery

from bot.callbacks import SettingsCB
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.services.community_settings import (
    MEETINGS_NAMES,
    MEETINGS_PIN,
    MEETINGS_REMINDERS,
    MEETINGS_WHO,
)
from bot.services.meetings import reminders_label

REMINDER_CHOICES = ("1440,60", "60", "1440", "off")

SECTION = "mt"


def router() -> Router:
    r = Router(name="meetings-settings")
    r.callback_query.register(settings_pressed, SettingsCB.filter(F.section == SECTION))
    return r


async def settings_pressed(query: CallbackQuery, callback_data: SettingsCB, **data: Any) -> None:
    from handlers.settings import moderated, section_keyboard

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
    elif action == "reminders" and 0 <= value < len(REMINDER_CHOICES):
        await store.set(chat_id, MEETINGS_REMINDERS, REMINDER_CHOICES[value], by)
    elif action != "show":
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await query.answer(t("settings-saved") if action != "show" else None)
    members = await store.get(chat_id, MEETINGS_WHO) == "members"
    names = bool(await store.get(chat_id, MEETINGS_NAMES))
    pin = bool(await store.get(chat_id, MEETINGS_PIN))
    reminders = str(await store.get(chat_id, MEETINGS_REMINDERS))
    following = (REMINDER_CHOICES.index(reminders) + 1) % len(REMINDER_CHOICES)

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
            (t("settings-mt-reminders-change"), "reminders", following),
        ],
    )
    text = "\n".join(
        [
            t("settings-mt-title", title=community.title),
            t(f"settings-mt-who-{'members' if members else 'moderators'}"),
            t(f"settings-mt-names-{'on' if names else 'off'}"),
            t(f"settings-mt-pin-{'on' if pin else 'off'}"),
            t("settings-mt-reminders", reminders=reminders_label(t, reminders)),
        ]
    )
    await update_menu(message, text, keyboard)
