"""The meetings section of /settings: who may schedule, whether announcements name those going,
and whether they are pinned. Every press re-checks the presser's rights in that community."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiogram import F, Router
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import MeetSettingsAction, SettingsCB
from bot.keyboards import update_menu
from bot.services.community_settings import (
    MEETINGS_NAMES,
    MEETINGS_PIN,
    MEETINGS_REMINDERS,
    MEETINGS_WHO,
    REMINDER_PRESETS,
    Option,
)
from bot.texts import reminders_label
from handlers.meetings.form import reminder_menu
from handlers.settings import SectionPress, SectionStep, back_row, section_keyboard, section_press

SECTION = "mt"
MSA = MeetSettingsAction

# An on/off press: the option it sets and the value stored for `value` 1 or 0.
TOGGLES: dict[MeetSettingsAction, tuple[Option, Callable[[int], Any]]] = {
    MSA.WHO: (MEETINGS_WHO, lambda on: "members" if on else "moderators"),
    MSA.NAMES: (MEETINGS_NAMES, bool),
    MSA.PIN: (MEETINGS_PIN, bool),
}


def router() -> Router:
    r = Router(name="meetings-settings")
    steps: dict[Step, tuple[MeetSettingsAction, ...]] = {
        shown: (MSA.SHOW,),
        toggle: tuple(TOGGLES),
        choose_reminders: (MSA.REMINDERS_MENU,),
        set_reminders: (MSA.REMINDERS,),
    }
    for step, actions in steps.items():
        r.callback_query.register(
            section_press(step, render),
            SettingsCB.filter((F.section == SECTION) & F.action.in_(actions)),
        )
    return r


Press = SectionPress[SettingsCB]
Step = SectionStep[SettingsCB]


async def shown(p: Press) -> bool:
    await p.query.answer()
    return True


async def toggle(p: Press) -> bool:
    if p.cb.value not in (0, 1):
        return await p.outdated()
    option, stored = TOGGLES[MSA(p.cb.action)]
    await p.store.set(p.chat_id, option, stored(p.cb.value), p.by)
    await p.query.answer(p.t("settings-saved"))
    return True


async def set_reminders(p: Press) -> bool:
    """The default reminder set of new meetings (`value` its index in REMINDER_PRESETS)."""
    if not 0 <= p.cb.value < len(REMINDER_PRESETS):
        return await p.outdated()
    chosen = REMINDER_PRESETS[p.cb.value] or "off"
    await p.store.set(p.chat_id, MEETINGS_REMINDERS, chosen, p.by)
    await p.query.answer(p.t("settings-saved"))
    return True


async def render(p: Press) -> None:
    t, chat_id, store = p.t, p.chat_id, p.store
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
            (t(f"settings-mt-who-turn-{turn(members)}"), MSA.WHO, int(not members)),
            (t(f"settings-mt-names-turn-{turn(names)}"), MSA.NAMES, int(not names)),
            (t(f"settings-mt-pin-turn-{turn(pin)}"), MSA.PIN, int(not pin)),
            (t("settings-mt-reminders-change"), MSA.REMINDERS_MENU, 0),
        ],
    )
    text = "\n".join(
        [
            t("settings-mt-title", title=p.community.title),
            t(f"settings-mt-who-{'members' if members else 'moderators'}"),
            t(f"settings-mt-names-{'on' if names else 'off'}"),
            t(f"settings-mt-pin-{'on' if pin else 'off'}"),
            t("settings-mt-reminders", reminders=reminders_label(t, _preset(reminders))),
        ]
    )
    await update_menu(p.message, text, keyboard)


def _preset(stored: str) -> str:
    return "" if stored == "off" else stored


async def choose_reminders(p: Press) -> bool:
    """The default reminder sets, the current one marked, then back to the section."""
    await p.query.answer()
    chat_id = p.chat_id
    stored = str(await p.store.get(chat_id, MEETINGS_REMINDERS))

    def choose(label: str, index: int) -> InlineKeyboardButton:
        data = SettingsCB(chat_id=chat_id, section=SECTION, action=MSA.REMINDERS, value=index)
        return InlineKeyboardButton(text=label, callback_data=data.pack())

    current = _preset(stored)
    rows = reminder_menu(p.t, current, choose)
    rows.append(back_row(p.t, chat_id, SECTION))
    text = p.t("meet-reminders-choose", reminders=reminders_label(p.t, current))
    await update_menu(p.message, text, InlineKeyboardMarkup(inline_keyboard=rows))
    return False
