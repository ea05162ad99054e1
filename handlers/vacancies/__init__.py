"""Vacancies: the /vacancy form (form.py), and what follows it (mine.py): /myvacancies,
/saved, "Refer me" and the moderators' review. Also /settings → Vacancies."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import SettingsCB, VacancyActAction, VacancyActCB, VacancyAction, VacancyCB
from bot.filters import PRIVATE, Inline
from bot.keyboards import update_menu
from bot.services.community_settings import (
    VACANCIES_PER_DAY,
    VACANCIES_PREMODERATION,
)
from bot.views.vacancies import DEEP_LINK_REFERRAL
from handlers import forms
from handlers.deeplinks import DeepLinks
from handlers.settings import SectionPress, back_row, section_press
from handlers.vacancies.form import (
    DEEP_LINK_VACANCY,
    ENTRY,
    PASTE,
    VacancyForm,
    begin_link,
    manual,
    pasted,
    post,
    vacancy_form,
)
from handlers.vacancies.mine import (
    MOD_REASON,
    REFERRAL,
    approve_pressed,
    changes_pressed,
    drop_pressed,
    edit_pressed,
    extend_pressed,
    fill_pressed,
    my_vacancies,
    referral_link,
    reject_pressed,
    save_pressed,
    saved,
    show_card,
    typed_reason,
    typed_referral,
    view_pressed,
)

# What other modules take from here (handlers.jobs, handlers.deeplinks' table, tests).
__all__ = ["begin_link", "referral_link", "register_links", "router", "show_card"]


def router() -> Router:
    r = Router(name="vacancies")
    forms.register_entry(r, ENTRY, vacancy_form)
    text = Inline(F.text & ~F.text.startswith("/"))
    r.message.register(pasted, StateFilter(PASTE), PRIVATE, text)
    forms.register(r, VacancyForm, vacancy_form)
    r.callback_query.register(manual, VacancyCB.filter(F.step == VacancyAction.MANUAL))
    r.callback_query.register(post, VacancyCB.filter(F.step == VacancyAction.POST))
    r.message.register(my_vacancies, Command("myvacancies"), PRIVATE)
    r.message.register(saved, Command("saved"), PRIVATE)
    r.message.register(typed_referral, StateFilter(REFERRAL), PRIVATE, text)
    r.message.register(typed_reason, StateFilter(MOD_REASON), PRIVATE, text)
    act = VacancyActCB.filter
    r.callback_query.register(view_pressed, act(F.action == VacancyActAction.VIEW))
    r.callback_query.register(edit_pressed, act(F.action == VacancyActAction.EDIT))
    r.callback_query.register(fill_pressed, act(F.action == VacancyActAction.FILL))
    r.callback_query.register(extend_pressed, act(F.action == VacancyActAction.EXTEND))
    r.callback_query.register(approve_pressed, act(F.action == VacancyActAction.APPROVE))
    r.callback_query.register(reject_pressed, act(F.action == VacancyActAction.REJECT))
    r.callback_query.register(changes_pressed, act(F.action == VacancyActAction.CHANGES))
    r.callback_query.register(save_pressed, act(F.action == VacancyActAction.SAVE))
    r.callback_query.register(drop_pressed, act(F.action == VacancyActAction.DROP))
    _settings_router(r)
    return r


def register_links(links: DeepLinks) -> None:
    links.add(DEEP_LINK_VACANCY, begin_link)
    links.add(DEEP_LINK_REFERRAL, referral_link)


# --- /settings → Vacancies (moderators; rights asked on every press) ---

PER_DAY = (1, 3, 5, 10)


class VacancySettingsAction(StrEnum):
    """The `action` of a SettingsCB in /settings → Vacancies (section "vc")."""

    SHOW = "show"
    PREMOD = "premod"  # `value` 1: moderators approve each vacancy first
    DAY = "day"  # `value` how many a member may share a day (one of PER_DAY)


VSA = VacancySettingsAction


def _settings_router(r: Router) -> None:
    def where(action: VacancySettingsAction) -> Any:
        return SettingsCB.filter((F.section == "vc") & (F.action == action))

    r.callback_query.register(section_press(settings_shown, render_settings), where(VSA.SHOW))
    r.callback_query.register(section_press(premoderation_set, render_settings), where(VSA.PREMOD))
    r.callback_query.register(section_press(per_day_set, render_settings), where(VSA.DAY))


Press = SectionPress[SettingsCB]


async def settings_shown(p: Press) -> bool:
    await p.query.answer()
    return True


async def premoderation_set(p: Press) -> bool:
    if p.cb.value not in (0, 1):
        return await p.outdated()
    await p.store.set(p.chat_id, VACANCIES_PREMODERATION, bool(p.cb.value), p.by)
    await p.query.answer(p.t("settings-saved"))
    return True


async def per_day_set(p: Press) -> bool:
    if p.cb.value not in PER_DAY:
        return await p.outdated()
    await p.store.set(p.chat_id, VACANCIES_PER_DAY, p.cb.value, p.by)
    await p.query.answer(p.t("settings-saved"))
    return True


async def render_settings(p: Press) -> None:
    t, chat_id, store = p.t, p.chat_id, p.store
    premod = bool(await store.get(chat_id, VACANCIES_PREMODERATION))
    per_day = await store.get(chat_id, VACANCIES_PER_DAY)

    def button(text: str, action: VacancySettingsAction, number: int = 0) -> InlineKeyboardButton:
        data = SettingsCB(chat_id=chat_id, section="vc", action=action, value=number)
        return InlineKeyboardButton(text=text, callback_data=data.pack())

    premod_key = "settings-vc-premod-turn-off" if premod else "settings-vc-premod-turn-on"
    rows = [
        [button(t(premod_key), VSA.PREMOD, 0 if premod else 1)],
        [button(("✓ " if n == per_day else "") + str(n), VSA.DAY, n) for n in PER_DAY],
        back_row(t, chat_id),
    ]
    text = "\n".join(
        [
            t("settings-vc-title", title=p.community.title),
            t("settings-vc-premod-on" if premod else "settings-vc-premod-off"),
            t("settings-vc-per-day", count=per_day),
        ]
    )
    await update_menu(p.message, text, InlineKeyboardMarkup(inline_keyboard=rows))
