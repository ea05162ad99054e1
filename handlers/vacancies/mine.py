"""A member's vacancies after /vacancy: /myvacancies (edit in place, mark filled, extend),
"Save" under any card and /saved, "Refer me", and the moderators' review presses."""

from __future__ import annotations

from contextlib import suppress

from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message

from bot.callbacks import VacancyActCB
from bot.filters import own_private_message, pressed_privately
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.vacancies import Vacancy
from bot.services.vacancies import Posted, Saving, VacancyService
from bot.texts import utf16_len
from bot.views.vacancies import (
    VacancyViews,
    card,
    mine_keyboard,
    own_keyboard,
    saved_list,
)
from handlers import forms
from handlers.deeplinks import LinkContext
from handlers.forms import FormRun
from handlers.vacancies.form import VacancyForm, values_of

# Two one-line answers, in the form's state group.
REFERRAL = State("referral", group_name=VacancyForm.group)
MOD_REASON = State("mod_reason", group_name=VacancyForm.group)


# --- /myvacancies: the author's own, to edit in place, mark filled or extend ---


async def my_vacancies(message: Message, t: Texts, vacancy_service: VacancyService) -> None:
    assert message.from_user is not None
    mine = await vacancy_service.of_author(message.from_user.id)
    if not mine:
        await message.answer(t("vac-mine-empty"))
        return
    await message.answer(t("vac-mine-title", count=len(mine)), reply_markup=mine_keyboard(t, mine))


ACT_PROBLEM = {
    Posted.NOT_ALLOWED: "not-allowed",
    Posted.GONE: "vac-gone",
    Posted.ALREADY: "help-already",
}


# --- presses under a vacancy: each asks the service whether this person may act on it ---


async def view_pressed(
    query: CallbackQuery,
    callback_data: VacancyActCB,
    t: Texts,
    vacancy_service: VacancyService,
    vacancy_views: VacancyViews,
) -> None:
    """The card: one's own (or, for a moderator, their community's) with what may be done
    with it; anyone else's as any member sees it, while it is open."""
    message = await pressed_privately(query, t)
    if message is None:
        return
    user_id, item = query.from_user.id, callback_data.id
    found = await vacancy_service.own(item, user_id)
    if found is Posted.NOT_ALLOWED:
        vacancy = await vacancy_service.open_card(item)
        if vacancy is None:
            await query.answer(t("vac-gone"), show_alert=True)
            return
        await query.answer()
        await show_card(message, user_id, vacancy, t, vacancy_views)
        return
    if isinstance(found, Posted):
        await query.answer(t(ACT_PROBLEM.get(found, "vac-gone")), show_alert=True)
        return
    await query.answer()
    await message.answer(card(t, found), reply_markup=own_keyboard(t, found))


async def edit_pressed(
    query: CallbackQuery,
    callback_data: VacancyActCB,
    state: FSMContext,
    t: Texts,
    vacancy_service: VacancyService,
) -> None:
    message = await pressed_privately(query, t)
    if message is None:
        return
    found = await vacancy_service.own(callback_data.id, query.from_user.id)
    if isinstance(found, Posted):
        await query.answer(t(ACT_PROBLEM.get(found, "vac-gone")), show_alert=True)
        return
    await query.answer()
    run = FormRun(VacancyForm(vacancy_service), message, state, t)
    keep = {"chat": found.chat_id, "edit_id": found.id}
    await forms.start(run, values_of(found), keep=keep, saved=True)


async def _changed(
    query: CallbackQuery, message: Message, t: Texts, outcome: Posted, done: str
) -> None:
    """The answer to a press that changed the vacancy: noted under the card it was pressed
    under, or why not."""
    if outcome is not Posted.DONE:
        await query.answer(t(ACT_PROBLEM.get(outcome, "vac-gone")), show_alert=True)
        return
    await query.answer()
    await update_menu(message, message.html_text + "\n\n" + t(done), None)


async def fill_pressed(
    query: CallbackQuery, callback_data: VacancyActCB, t: Texts, vacancy_service: VacancyService
) -> None:
    message = await pressed_privately(query, t)
    if message is None:
        return
    outcome = await vacancy_service.fill(callback_data.id, query.from_user.id)
    await _changed(query, message, t, outcome, "vac-filled-done")


async def extend_pressed(
    query: CallbackQuery, callback_data: VacancyActCB, t: Texts, vacancy_service: VacancyService
) -> None:
    message = await pressed_privately(query, t)
    if message is None:
        return
    outcome = await vacancy_service.extend(callback_data.id, query.from_user.id)
    await _changed(query, message, t, outcome, "vac-extended")


async def approve_pressed(
    query: CallbackQuery, callback_data: VacancyActCB, t: Texts, vacancy_service: VacancyService
) -> None:
    message = await pressed_privately(query, t)
    if message is None:
        return
    outcome = await vacancy_service.moderate(callback_data.id, query.from_user.id, "approve")
    await _changed(query, message, t, outcome, "vac-approved-done")


async def reject_pressed(
    query: CallbackQuery,
    callback_data: VacancyActCB,
    state: FSMContext,
    t: Texts,
    vacancy_service: VacancyService,
) -> None:
    await _ask_reason(query, callback_data.id, "reject", state, t, vacancy_service)


async def changes_pressed(
    query: CallbackQuery,
    callback_data: VacancyActCB,
    state: FSMContext,
    t: Texts,
    vacancy_service: VacancyService,
) -> None:
    await _ask_reason(query, callback_data.id, "changes", state, t, vacancy_service)


async def _ask_reason(
    query: CallbackQuery,
    item: int,
    decision: str,
    state: FSMContext,
    t: Texts,
    service: VacancyService,
) -> None:
    """Rejecting or asking for changes takes a one-line reason (typed_reason) for the author."""
    message = await pressed_privately(query, t)
    if message is None:
        return
    found = await service.own(item, query.from_user.id)
    if isinstance(found, Posted):
        await query.answer(t(ACT_PROBLEM.get(found, "vac-gone")), show_alert=True)
        return
    if found.status != "review" or not await service.may_moderate(found, query.from_user.id):
        await query.answer(t("help-already"), show_alert=True)
        return
    await query.answer()
    await state.set_state(MOD_REASON)
    await state.set_data({"vacancy": item, "decision": decision})
    await message.answer(t("vac-ask-reason"))


SAVE_ANSWERS = {
    Saving.SAVED: "vac-saved",
    Saving.REMOVED: "vac-unsaved",
    Saving.GONE: "vac-gone",
    Saving.NOT_ALLOWED: "not-allowed",
}


async def save_pressed(
    query: CallbackQuery,
    callback_data: VacancyActCB,
    t: Texts,
    vacancy_service: VacancyService,
    vacancy_views: VacancyViews,
) -> None:
    """ "Save" under any card, in the group or in private, by any member. Pressed again it
    takes the vacancy back. Under a card in the presser's private chat the button then says
    which it is now; under the group post (one button for all) the answer says it."""
    item = callback_data.id
    outcome = await vacancy_service.toggle_save(item, query.from_user.id)
    private = own_private_message(query)
    problem = outcome in (Saving.GONE, Saving.NOT_ALLOWED)
    await query.answer(t(SAVE_ANSWERS[outcome]), show_alert=private is None or problem)
    vacancy = await vacancy_service.get(item)
    if private is not None and vacancy is not None:
        keyboard = await vacancy_views.buttons(t, vacancy, for_user=query.from_user.id)
        with suppress(TelegramBadRequest):  # unchanged, or too old to edit
            await private.edit_reply_markup(reply_markup=keyboard)


async def drop_pressed(
    query: CallbackQuery, callback_data: VacancyActCB, t: Texts, vacancy_service: VacancyService
) -> None:
    """ "Remove" in /saved: the presser's own list only."""
    message = await pressed_privately(query, t)
    if message is None:
        return
    user_id = query.from_user.id
    await vacancy_service.unsave(callback_data.id, user_id)
    await query.answer(t("vac-unsaved"))
    text, keyboard = saved_list(t, await vacancy_service.saved(user_id))
    await update_menu(message, text, keyboard)


async def show_card(
    message: Message, user_id: int, vacancy: Vacancy, t: Texts, views: VacancyViews
) -> None:
    """A vacancy's card in the person's private chat (/jobs, /saved, a digest) with the
    group card's own actions: Save (shown as saved when it is) and Refer me."""
    keyboard = await views.buttons(t, vacancy, for_user=user_id)
    await message.answer(card(t, vacancy), reply_markup=keyboard)


async def saved(message: Message, t: Texts, vacancy_service: VacancyService) -> None:
    assert message.from_user is not None
    text, keyboard = saved_list(t, await vacancy_service.saved(message.from_user.id))
    await message.answer(text, reply_markup=keyboard)


REFERRAL_LIMIT = 300


async def referral_link(message: Message, vacancy_id: int, context: LinkContext) -> None:
    """/start rf<id>: "Refer me" under a group card."""
    state, t, service = context.state, context.t, context.runtime.vacancies
    vacancy = await service.referable(vacancy_id)
    if vacancy is None:
        await message.answer(t("vac-gone"))
        return
    await state.set_state(REFERRAL)
    await state.set_data({"vacancy": vacancy_id})
    await message.answer(card(t, vacancy) + "\n\n" + t("vac-referral-ask", limit=REFERRAL_LIMIT))


async def typed_referral(
    message: Message, state: FSMContext, t: Texts, vacancy_service: VacancyService
) -> None:
    assert message.from_user is not None
    note = " ".join((message.text or "").split())
    if utf16_len(note) > REFERRAL_LIMIT:
        await message.answer(t("help-too-long", length=utf16_len(note), limit=REFERRAL_LIMIT))
        return
    vacancy_id = int((await state.get_data()).get("vacancy", 0))
    await state.clear()
    outcome = await vacancy_service.ask_referral(vacancy_id, message.from_user.id, note)
    key = {
        Posted.DONE: "vac-referral-sent",
        Posted.ALREADY: "vac-referral-already",
        Posted.NOT_ALLOWED: "not-allowed",
    }.get(outcome, "vac-gone")
    await message.answer(t(key))


async def typed_reason(
    message: Message, state: FSMContext, t: Texts, vacancy_service: VacancyService
) -> None:
    assert message.from_user is not None
    reason = " ".join((message.text or "").split())
    if utf16_len(reason) > REFERRAL_LIMIT:
        await message.answer(t("help-too-long", length=utf16_len(reason), limit=REFERRAL_LIMIT))
        return
    form = await state.get_data()
    await state.clear()
    decision = "reject" if form.get("decision") == "reject" else "changes"
    outcome = await vacancy_service.moderate(
        int(form.get("vacancy", 0)), message.from_user.id, decision, reason
    )
    key = "vac-rejected-done" if decision == "reject" else "vac-changes-done"
    await message.answer(t(key if outcome is Posted.DONE else ACT_PROBLEM.get(outcome, "vac-gone")))
