"""The meetings section of /settings: who may schedule, whether announcements name those going,
and whether they are pinned. Every press re-checks the presser's rights in that community."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import MeetSettingsAction, SettingsCB
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.communities import CommunitiesRepo, Community
from bot.services.community_settings import (
    MEETINGS_NAMES,
    MEETINGS_PIN,
    MEETINGS_REMINDERS,
    MEETINGS_WHO,
    REMINDER_PRESETS,
    CommunitySettings,
    Option,
)
from bot.services.permissions import Permissions
from bot.texts import reminders_label
from handlers.meetings.form import reminder_menu
from handlers.settings import back_row, moderated_press, section_keyboard

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
    steps: dict[Callable[..., Any], tuple[MeetSettingsAction, ...]] = {
        show: (MSA.SHOW,),
        toggle: tuple(TOGGLES),
        choose_reminders: (MSA.REMINDERS_MENU,),
        set_reminders: (MSA.REMINDERS,),
    }
    for step, actions in steps.items():
        r.callback_query.register(
            step, SettingsCB.filter((F.section == SECTION) & F.action.in_(actions))
        )
    return r


async def show(
    query: CallbackQuery,
    callback_data: SettingsCB,
    t: Texts,
    state: FSMContext,
    communities: CommunitiesRepo,
    permissions: Permissions,
    community_settings: CommunitySettings,
) -> None:
    found = await moderated_press(query, callback_data.chat_id, t, communities, permissions, state)
    if found is None:
        return
    await query.answer()
    await render(*found, t, community_settings)


async def toggle(
    query: CallbackQuery,
    callback_data: SettingsCB,
    t: Texts,
    state: FSMContext,
    communities: CommunitiesRepo,
    permissions: Permissions,
    community_settings: CommunitySettings,
) -> None:
    found = await moderated_press(query, callback_data.chat_id, t, communities, permissions, state)
    if found is None:
        return
    if callback_data.value not in (0, 1):
        await query.answer(t("button-outdated"), show_alert=True)
        return
    option, stored = TOGGLES[MSA(callback_data.action)]
    chat_id = found[1].chat_id
    await community_settings.set(chat_id, option, stored(callback_data.value), query.from_user.id)
    await query.answer(t("settings-saved"))
    await render(*found, t, community_settings)


async def set_reminders(
    query: CallbackQuery,
    callback_data: SettingsCB,
    t: Texts,
    state: FSMContext,
    communities: CommunitiesRepo,
    permissions: Permissions,
    community_settings: CommunitySettings,
) -> None:
    """The default reminder set of new meetings (`value` its index in REMINDER_PRESETS)."""
    found = await moderated_press(query, callback_data.chat_id, t, communities, permissions, state)
    if found is None:
        return
    if not 0 <= callback_data.value < len(REMINDER_PRESETS):
        await query.answer(t("button-outdated"), show_alert=True)
        return
    chosen = REMINDER_PRESETS[callback_data.value] or "off"
    await community_settings.set(found[1].chat_id, MEETINGS_REMINDERS, chosen, query.from_user.id)
    await query.answer(t("settings-saved"))
    await render(*found, t, community_settings)


async def render(
    message: Message, community: Community, t: Texts, store: CommunitySettings
) -> None:
    chat_id = community.chat_id
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


async def choose_reminders(
    query: CallbackQuery,
    callback_data: SettingsCB,
    t: Texts,
    state: FSMContext,
    communities: CommunitiesRepo,
    permissions: Permissions,
    community_settings: CommunitySettings,
) -> None:
    """The default reminder sets, the current one marked, then back to the section."""
    found = await moderated_press(query, callback_data.chat_id, t, communities, permissions, state)
    if found is None:
        return
    await query.answer()
    message, community = found
    chat_id = community.chat_id
    stored = str(await community_settings.get(chat_id, MEETINGS_REMINDERS))

    def choose(label: str, index: int) -> InlineKeyboardButton:
        data = SettingsCB(chat_id=chat_id, section=SECTION, action=MSA.REMINDERS, value=index)
        return InlineKeyboardButton(text=label, callback_data=data.pack())

    current = _preset(stored)
    rows = reminder_menu(t, current, choose)
    rows.append(back_row(t, chat_id, SECTION))
    text = t("meet-reminders-choose", reminders=reminders_label(t, current))
    await update_menu(message, text, InlineKeyboardMarkup(inline_keyboard=rows))
