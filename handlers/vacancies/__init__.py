"""Vacancies: the /vacancy form (form.py), and what follows it (mine.py): /myvacancies,
/saved, "Refer me" and the moderators' review. Also /settings → Vacancies."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import SettingsCB, VacancyActAction, VacancyActCB, VacancyAction, VacancyCB
from bot.filters import PRIVATE, Inline
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.services.community_settings import VACANCIES_PER_DAY, VACANCIES_PREMODERATION
from bot.views.vacancies import DEEP_LINK_REFERRAL
from handlers import forms
from handlers.deeplinks import DeepLinks
from handlers.settings import back_row, moderated
from handlers.vacancies.form import (
    DEEP_LINK_VACANCY,
    PASTE,
    VacancyForm,
    begin_link,
    manual,
    pasted,
    post,
    vacancy_in_group,
    vacancy_private,
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
    r.message.register(vacancy_private, Command("vacancy"), PRIVATE)
    r.message.register(vacancy_in_group, Command("vacancy"))
    text = Inline(F.text & ~F.text.startswith("/"))
    r.message.register(pasted, StateFilter(PASTE), PRIVATE, text)
    forms.register(r, VacancyForm, lambda runtime: VacancyForm(runtime.vacancies))
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
    r.callback_query.register(settings_pressed, SettingsCB.filter(F.section == "vc"))
    return r


def register_links(links: DeepLinks) -> None:
    links.add(DEEP_LINK_VACANCY, begin_link)
    links.add(DEEP_LINK_REFERRAL, referral_link)


# --- /settings → Vacancies (moderators; rights asked on every press) ---

PER_DAY = (1, 3, 5, 10)


async def settings_pressed(query: CallbackQuery, callback_data: SettingsCB, **data: Any) -> None:
    found = await moderated(query, callback_data.chat_id, data)
    if found is None:
        return
    message, community = found
    t: Texts = data["t"]
    store = data["community_settings"]
    chat_id, action, value = community.chat_id, callback_data.action, callback_data.value
    if action == "premod" and value in (0, 1):
        await store.set(chat_id, VACANCIES_PREMODERATION, bool(value), query.from_user.id)
    elif action == "day" and value in PER_DAY:
        await store.set(chat_id, VACANCIES_PER_DAY, value, query.from_user.id)
    elif action != "show":
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await query.answer(t("settings-saved") if action != "show" else None)
    premod = bool(await store.get(chat_id, VACANCIES_PREMODERATION))
    per_day = await store.get(chat_id, VACANCIES_PER_DAY)

    def button(text: str, act_name: str, number: int = 0) -> InlineKeyboardButton:
        return InlineKeyboardButton(
            text=text,
            callback_data=SettingsCB(
                chat_id=chat_id, section="vc", action=act_name, value=number
            ).pack(),
        )

    rows = [
        [
            button(
                t("settings-vc-premod-turn-off" if premod else "settings-vc-premod-turn-on"),
                "premod",
                0 if premod else 1,
            )
        ],
        [button(("✓ " if n == per_day else "") + str(n), "day", n) for n in PER_DAY],
        back_row(t, chat_id),
    ]
    text = "\n".join(
        [
            t("settings-vc-title", title=community.title),
            t("settings-vc-premod-on" if premod else "settings-vc-premod-off"),
            t("settings-vc-per-day", count=per_day),
        ]
    )
    await update_menu(message, text, InlineKeyboardMarkup(inline_keyboard=rows))
