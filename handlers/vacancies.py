"""/vacancy: share a vacancy with the community — pasted whole (the bot fills in what it can
read and asks for the rest) or field by field; a preview to post, edit or cancel. From the
group, a button continues in private."""

from __future__ import annotations

import re
from collections.abc import Mapping
from contextlib import suppress
from typing import Any

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import SettingsCB, VacancyActAction, VacancyActCB, VacancyAction, VacancyCB
from bot.filters import PRIVATE, Inline, own_private_message, pressed_privately
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.vacancies import Vacancy
from bot.runtime import Runtime
from bot.services.cleanup import private_hint
from bot.services.communities import CommunityService
from bot.services.community_settings import VACANCIES_PER_DAY, VACANCIES_PREMODERATION
from bot.services.vacancies import Posted, Saving, VacancyDraft, VacancyService
from bot.services.vacancy_text import (
    CITY_LIMIT,
    COMPANY_LIMIT,
    DESCRIPTION_LIMIT,
    EMPLOYMENT,
    LEVELS,
    LOCATIONS,
    TITLE_LIMIT,
    Prefill,
    Salary,
    parse_salary,
    prefill,
    tags_from,
    valid_link,
)
from bot.texts import clip, utf16_len
from bot.views.vacancies import (
    DEEP_LINK_REFERRAL,
    VacancyViews,
    card,
    mine_keyboard,
    own_keyboard,
    saved_list,
)
from handlers import forms
from handlers.community import acting_for
from handlers.deeplinks import DeepLinks, enter_community, sender_id
from handlers.forms import Field, FormRun, FormSpec, FormTexts, Option, Parsed, Rows, preview_rows
from handlers.settings import back_row, moderated

DEEP_LINK_VACANCY = "v"
TAGS_LIMIT = 300


def _meaningful(t: Texts, text: str) -> Parsed:
    """Not only emoji and punctuation: a title must say something."""
    return (text, None) if re.search(r"\w", text) else (None, t("vac-title-invalid"))


def _salary(t: Texts, text: str) -> Parsed:
    salary = parse_salary(text)
    if salary is None:
        return None, t("vac-salary-invalid")
    return [salary.low, salary.high, salary.currency], None


def _link(t: Texts, text: str) -> Parsed:
    link = valid_link(text)
    return (link, None) if link else (None, t("vac-link-invalid"))


def _tags(t: Texts, text: str) -> Parsed:
    tags = tags_from(text)
    return (" ".join(tags), None) if tags else (None, t("vac-tags-invalid"))


def _not_remote(values: Mapping[str, Any]) -> bool:
    return values.get("location") != "remote"


CHOICES = {
    "location": LOCATIONS,
    "employment": EMPLOYMENT,
    "level": LEVELS,
    "refer": ("yes", "no"),
}  # labels: vac-<name>-<option>


class VacancyForm(FormSpec):
    key = "vf"
    group = "VacancyForm"
    texts = FormTexts(
        resumed="vac-form-resumed", cancelled="help-cancelled", field_label="vac-field"
    )
    fields = (
        Field("title", "vac-ask-title", limit=TITLE_LIMIT, parse=_meaningful),
        Field("company", "vac-ask-company", limit=COMPANY_LIMIT),
        Field("location", "vac-ask-location", choices=True),
        Field("city", "vac-ask-city", limit=CITY_LIMIT, optional=True, shown_when=_not_remote),
        Field("employment", "vac-ask-employment", choices=True),
        Field("level", "vac-ask-level", choices=True),
        Field("salary", "vac-ask-salary", limit=100, optional=True, parse=_salary),
        Field("tags", "vac-ask-tags", limit=TAGS_LIMIT, optional=True, parse=_tags),
        Field(
            "description",
            "vac-ask-description",
            limit=DESCRIPTION_LIMIT,
            multiline=True,
            optional=True,
        ),
        Field("link", "vac-ask-link", limit=500, parse=_link),
        Field("refer", "vac-ask-refer", choices=True),
    )

    def __init__(self, service: VacancyService) -> None:
        self.service = service

    async def options(self, run: FormRun, field: Field) -> list[Option]:
        choices = CHOICES.get(field.name, ())
        return [Option(o, o, run.t(f"vac-{field.name}-{o}")) for o in choices]

    async def preview(self, run: FormRun) -> tuple[str, Rows]:
        t = run.t
        post_label = t("vac-save-changes") if run.data.get("edit_id") else t("vac-post")
        first = [[_button(post_label, VacancyAction.POST)]]
        return t("help-preview") + "\n\n" + card(t, draft_of(run.values)), preview_rows(run, first)


# Besides the form's own two: the first question (paste it whole?), and two one-line answers.
PASTE = State("paste", group_name=VacancyForm.group)
REFERRAL = State("referral", group_name=VacancyForm.group)
MOD_REASON = State("mod_reason", group_name=VacancyForm.group)


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


def _button(text: str, step: VacancyAction) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=VacancyCB(step=step).pack())


async def vacancy_in_group(message: Message, group_t: Texts, runtime: Runtime) -> None:
    with suppress(TelegramBadRequest, TelegramForbiddenError):
        await message.delete()
    payload = f"{DEEP_LINK_VACANCY}{message.chat.id}"
    await private_hint(message, runtime, group_t, "vac-open-private", payload)


async def vacancy_private(
    message: Message,
    state: FSMContext,
    t: Texts,
    community_service: CommunityService,
    vacancy_service: VacancyService,
) -> None:
    assert message.from_user is not None
    if await forms.resume(FormRun(VacancyForm(vacancy_service), message, state, t)):
        return
    community = await acting_for(message, message.from_user.id, t, community_service)
    if community is None:
        return
    await begin(message, message.from_user.id, community.chat_id, state, t, vacancy_service)


def register_links(links: DeepLinks) -> None:
    links.add(DEEP_LINK_VACANCY, begin_link)
    links.add(DEEP_LINK_REFERRAL, referral_link)


async def begin_link(message: Message, chat_id: int, context: dict[str, Any]) -> None:
    """/start v<chat id>: the button under /vacancy in the group."""
    if await enter_community(message, chat_id, context):
        user_id = sender_id(message)
        state, t = context["state"], context["t"]
        await begin(message, user_id, chat_id, state, t, context["vacancy_service"])


async def begin(
    message: Message,
    user_id: int,
    chat_id: int,
    state: FSMContext,
    t: Texts,
    service: VacancyService,
) -> None:
    if not await service.may_post(chat_id, user_id):
        await message.answer(t("help-not-member"))
        return
    await state.set_state(PASTE)
    await state.set_data({"chat": chat_id, "values": {}, "skipped": []})
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[[_button(t("vac-step-by-step"), VacancyAction.MANUAL)]]
    )
    await message.answer(t("vac-paste-ask"), reply_markup=keyboard)


async def pasted(
    message: Message, state: FSMContext, t: Texts, vacancy_service: VacancyService
) -> None:
    text = (message.text or "").strip()
    if utf16_len(text) > DESCRIPTION_LIMIT + 500:
        await message.answer(t("help-too-long", length=utf16_len(text), limit=DESCRIPTION_LIMIT))
        return
    values = pasted_values(t, prefill(text))
    # Only what the text did not say is asked; what it says about pay, skills and the rest is
    # all there is (the preview can add it). A paste that said nothing goes step by step.
    fields = VacancyForm.fields
    skipped = (
        [f.name for f in fields if f.optional and f.name != "city" and f.name not in values]
        if values
        else []
    )
    await state.update_data(values=values, skipped=skipped)
    if values:
        await message.answer(recognized(t, values, skipped))
    else:
        await message.answer(t("vac-recognized-none"))
    await forms.ask_next(FormRun(VacancyForm(vacancy_service), message, state, t))


def pasted_values(t: Texts, found: Prefill) -> dict[str, Any]:
    """The form's values from what a pasted text says, each held to the field's own rules
    (a title of emoji or over the limit is asked for instead)."""
    values: dict[str, Any] = {}
    for name in ("title", "company", "city", "link"):
        raw = getattr(found, name)
        if raw:
            field = VacancyForm.field(name)
            assert field is not None
            value, problem = forms.check(t, VacancyForm.texts, field, raw)
            if problem is None:
                values[name] = value
    for name in ("location", "employment", "level"):
        if getattr(found, name):
            values[name] = getattr(found, name)
    if values.get("location") == "remote":
        values.pop("city", None)  # as when the form is filled in by hand
    if found.salary:
        values["salary"] = [found.salary.low, found.salary.high, found.salary.currency]
    if found.tags:
        values["tags"] = " ".join(found.tags)
    if found.description:
        values["description"] = clip(found.description, DESCRIPTION_LIMIT)
    return values


def recognized(t: Texts, values: dict[str, Any], skipped: list[str]) -> str:
    """What was read, field by field with its value, and what is still to be asked."""
    lines = [t("vac-recognized")]
    for field in VacancyForm.fields:
        if field.name not in values:
            continue
        value = values[field.name]
        if field.name == "description":
            lines.append(t("vac-found-description", count=utf16_len(value)))
            continue
        if field.choices:
            shown = t(f"vac-{field.name}-{value}")
        elif field.name == "salary":
            shown = Salary(*value).describe(t("vac-from"), t("vac-to"))
        else:
            shown = clip(str(value), 100)
        lines.append(t(f"vac-found-{field.name}", value=shown))
    missing = [
        t(f"vac-field-{f.name}")
        for f in VacancyForm.fields
        if f.name not in values
        and f.name not in skipped
        and f.shown_when(values)
        and (f.name != "city" or "location" in values)
    ]
    lines.append("")
    lines.append(
        t("vac-recognized-ask", fields=", ".join(missing)) if missing else t("vac-recognized-all")
    )
    return "\n".join(lines)


def draft_of(values: Mapping[str, Any]) -> VacancyDraft:
    salary = values.get("salary")
    return VacancyDraft(
        title=values["title"],
        company=values["company"],
        location=values["location"],
        city=values.get("city", ""),
        employment=values["employment"],
        level=values["level"],
        salary=Salary(salary[0], salary[1], salary[2]) if salary else None,
        tags=tuple(values.get("tags", "").split()),
        description=values.get("description", ""),
        link=values["link"],
        can_refer=values.get("refer") == "yes",
    )


async def manual(
    query: CallbackQuery, state: FSMContext, t: Texts, vacancy_service: VacancyService
) -> None:
    """ "Step by step" instead of pasting the vacancy whole."""
    message = await pressed_privately(query, t)
    if message is None:
        return
    if await state.get_state() != PASTE.state or "values" not in await state.get_data():
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await query.answer()
    await update_menu(message, message.html_text, None)
    await forms.ask_next(FormRun(VacancyForm(vacancy_service), message, state, t))


async def post(
    query: CallbackQuery, state: FSMContext, t: Texts, vacancy_service: VacancyService
) -> None:
    """ "Post" (or "Save changes") under the person's own preview."""
    message = await pressed_privately(query, t)
    if message is None:
        return
    form = await state.get_data()
    if await state.get_state() != VacancyForm.previewing().state or "values" not in form:
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await query.answer()
    service, user_id = vacancy_service, query.from_user.id
    if form.get("edit_id"):
        edit_id = int(form["edit_id"])
        outcome = await service.update(edit_id, user_id, draft_of(form["values"]))
        await state.clear()
        await update_menu(message, message.html_text, None)
        edited = await service.get(edit_id)
        if outcome is not Posted.DONE or edited is None:
            await message.answer(t("vac-gone"))
        else:
            review = edited.status == "review"
            await message.answer(t("vac-updated-review" if review else "vac-updated"))
        return
    submitted = await service.submit(user_id, int(form["chat"]), draft_of(form["values"]))
    if submitted.outcome is Posted.SILENCED:
        # The form stays, preview and all: it can go once they may write again.
        await message.answer(t("silenced-post"))
        return
    if submitted.outcome is Posted.DUPLICATE and submitted.vacancy is not None:
        # The form stays: the author may change the link or title, or cancel.
        await message.answer(t("vac-duplicate") + "\n\n" + card(t, submitted.vacancy))
        return
    await state.clear()
    await update_menu(message, message.html_text, None)
    if submitted.vacancy is not None and submitted.vacancy.status == "review":
        await message.answer(t("vac-sent-for-review"))
        return
    key = {
        Posted.DONE: "vac-posted",
        Posted.TOO_MANY: "vac-too-many",
        Posted.NOT_ALLOWED: "help-not-member",
    }[submitted.outcome]
    await message.answer(t(key))


# --- /myvacancies: the author's own, to edit in place, mark filled or extend ---


async def my_vacancies(message: Message, t: Texts, vacancy_service: VacancyService) -> None:
    assert message.from_user is not None
    mine = await vacancy_service.of_author(message.from_user.id)
    if not mine:
        await message.answer(t("vac-mine-empty"))
        return
    await message.answer(t("vac-mine-title", count=len(mine)), reply_markup=mine_keyboard(t, mine))


def values_of(vacancy: Vacancy) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": vacancy.title,
        "company": vacancy.company,
        "location": vacancy.location,
        "employment": vacancy.employment,
        "level": vacancy.level,
        "link": vacancy.link,
        "refer": "yes" if vacancy.can_refer else "no",
    }
    for name, value in (("city", vacancy.city), ("tags", vacancy.tags)):
        if value:
            values[name] = value
    if vacancy.description:
        values["description"] = vacancy.description
    if vacancy.currency:
        values["salary"] = [vacancy.salary_low, vacancy.salary_high, vacancy.currency]
    return values


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


async def referral_link(message: Message, vacancy_id: int, context: dict[str, Any]) -> None:
    """/start rf<id>: "Refer me" under a group card."""
    state: FSMContext = context["state"]
    t: Texts = context["t"]
    service: VacancyService = context["vacancy_service"]
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
