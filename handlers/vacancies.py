"""/vacancy: share a vacancy with the community — pasted whole (the bot fills in what it can
read and asks for the rest) or field by field; a preview to post, edit or cancel. From the
group, a button continues in private."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import SettingsCB, VacancyActCB, VacancyCB
from bot.filters import PRIVATE, Inline, own_private_message, pressed_privately
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.vacancies import Vacancy
from bot.runtime import Runtime
from bot.services.cleanup import private_hint
from bot.services.communities import CommunityService
from bot.services.community_settings import VACANCIES_PER_DAY, VACANCIES_PREMODERATION
from bot.services.permissions import Action, Actor
from bot.services.vacancies import (
    DEEP_LINK_REFERRAL,
    Posted,
    Saving,
    VacancyDraft,
    VacancyService,
)
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
from bot.texts import clip, escape, utf16_len
from handlers.community import acting_for
from handlers.deeplinks import DeepLinks, enter_community, sender_id
from handlers.forms import remember, with_step
from handlers.settings import back_row, moderated

DEEP_LINK_VACANCY = "v"
TAGS_LIMIT = 300


class VacancyForm(StatesGroup):
    paste = State()
    field = State()
    preview = State()
    referral = State()
    mod_reason = State()


@dataclass(frozen=True)
class Field:
    name: str
    options: tuple[str, ...] = ()  # a choice of these; empty: typed text
    optional: bool = False
    asked_when: Callable[[dict[str, Any]], bool] = lambda values: True


FIELDS = (
    Field("title"),
    Field("company"),
    Field("location", LOCATIONS),
    Field("city", optional=True, asked_when=lambda v: v.get("location") != "remote"),
    Field("employment", EMPLOYMENT),
    Field("level", LEVELS),
    Field("salary", optional=True),
    Field("tags", optional=True),
    Field("description", optional=True),
    Field("link"),
    Field("refer", ("yes", "no")),
)
BY_NAME = {f.name: f for f in FIELDS}


def router() -> Router:
    r = Router(name="vacancies")
    r.message.register(vacancy_private, Command("vacancy"), PRIVATE)
    r.message.register(vacancy_in_group, Command("vacancy"))
    text = Inline(F.text & ~F.text.startswith("/"))
    r.message.register(pasted, StateFilter(VacancyForm.paste), PRIVATE, text)
    r.message.register(skip_typed, Command("skip"), StateFilter(VacancyForm.field), PRIVATE)
    r.message.register(typed, StateFilter(VacancyForm.field), PRIVATE, text)
    r.callback_query.register(pressed, VacancyCB.filter())
    r.message.register(my_vacancies, Command("myvacancies"), PRIVATE)
    r.message.register(saved, Command("saved"), PRIVATE)
    r.message.register(typed_referral, StateFilter(VacancyForm.referral), PRIVATE, text)
    r.message.register(typed_reason, StateFilter(VacancyForm.mod_reason), PRIVATE, text)
    r.callback_query.register(act, VacancyActCB.filter())
    r.callback_query.register(settings_pressed, SettingsCB.filter(F.section == "vc"))
    return r


def _button(text: str, step: str, field: str = "", value: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=VacancyCB(step=step, field=field, value=value).pack()
    )


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
    await state.set_state(VacancyForm.paste)
    await state.set_data({"chat": chat_id, "values": {}, "skipped": []})
    keyboard = InlineKeyboardMarkup(inline_keyboard=[[_button(t("vac-step-by-step"), "manual")]])
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
    skipped = (
        [f.name for f in FIELDS if f.optional and f.name != "city" and f.name not in values]
        if values
        else []
    )
    await state.update_data(values=values, skipped=skipped)
    if values:
        await message.answer(recognized(t, values, skipped))
    else:
        await message.answer(t("vac-recognized-none"))
    await ask_next(message, state, t, vacancy_service)


def pasted_values(t: Texts, found: Prefill) -> dict[str, Any]:
    """The form's values from what a pasted text says, each held to the field's own rules
    (a title of emoji or over the limit is asked for instead)."""
    values: dict[str, Any] = {}
    for name in ("title", "company", "city", "link"):
        raw = getattr(found, name)
        if raw:
            value, problem = read(t, name, raw)
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
    for field in FIELDS:
        if field.name not in values:
            continue
        value = values[field.name]
        if field.name == "description":
            lines.append(t("vac-found-description", count=utf16_len(value)))
            continue
        if field.options:
            shown = t(f"vac-{field.name}-{value}")
        elif field.name == "salary":
            shown = Salary(*value).describe(t("vac-from"), t("vac-to"))
        else:
            shown = clip(str(value), 100)
        lines.append(t(f"vac-found-{field.name}", value=shown))
    missing = [
        t(f"vac-field-{f.name}")
        for f in FIELDS
        if f.name not in values
        and f.name not in skipped
        and f.asked_when(values)
        and (f.name != "city" or "location" in values)
    ]
    lines.append("")
    lines.append(
        t("vac-recognized-ask", fields=", ".join(missing)) if missing else t("vac-recognized-all")
    )
    return "\n".join(lines)


def _meaningful(text: str) -> bool:
    """Not only emoji and punctuation: a title must say something."""
    return bool(re.search(r"\w", text))


def pending(form: dict[str, Any]) -> list[Field]:
    """The fields still to be asked, in order, as the answers stand now."""
    values, skipped = form["values"], form["skipped"]
    return [
        f for f in FIELDS if f.name not in values and f.name not in skipped and f.asked_when(values)
    ]


async def ask_next(message: Message, state: FSMContext, t: Texts, service: VacancyService) -> None:
    ahead = pending(await state.get_data())
    if ahead:
        await ask(message, state, t, ahead[0])
    else:
        await show_preview(message, state, t, service)


async def ask(message: Message, state: FSMContext, t: Texts, field: Field) -> None:
    await state.set_state(VacancyForm.field)
    await state.update_data(current=field.name)
    rows = [
        [_button(t(f"vac-{field.name}-{option}"), "pick", field.name, i)]
        for i, option in enumerate(field.options)
    ]
    if field.optional:
        rows.append([_button(t("vac-skip"), "skip", field.name)])
    keyboard = InlineKeyboardMarkup(inline_keyboard=rows) if rows else None
    ahead = [f.name for f in pending(await state.get_data())]
    question = await with_step(state, t, t(f"vac-ask-{field.name}"), field.name, ahead)
    await message.answer(question, reply_markup=keyboard)


LIMITS = {
    "title": TITLE_LIMIT,
    "company": COMPANY_LIMIT,
    "city": CITY_LIMIT,
    "description": DESCRIPTION_LIMIT,
    "tags": TAGS_LIMIT,
    "salary": 100,
    "link": 500,
}


def read(t: Texts, name: str, text: str) -> tuple[Any, str | None]:
    """(value, None) or (None, what is wrong): nothing entered before is lost on a mistake."""
    text = text.strip() if name == "description" else " ".join(text.split())
    if not text:
        return None, t("help-text-only")
    if utf16_len(text) > LIMITS[name]:
        return None, t("help-too-long", length=utf16_len(text), limit=LIMITS[name])
    if name == "title" and not _meaningful(text):
        return None, t("vac-title-invalid")
    if name == "salary":
        salary = parse_salary(text)
        if salary is None:
            return None, t("vac-salary-invalid")
        return [salary.low, salary.high, salary.currency], None
    if name == "link":
        link = valid_link(text)
        return (link, None) if link else (None, t("vac-link-invalid"))
    if name == "tags":
        tags = tags_from(text)
        return (" ".join(tags), None) if tags else (None, t("vac-tags-invalid"))
    return text, None


async def typed(
    message: Message, state: FSMContext, t: Texts, vacancy_service: VacancyService
) -> None:
    form = await state.get_data()
    field = BY_NAME.get(form.get("current", ""))
    if field is None or field.options:
        await message.answer(t("vac-use-buttons"))
        return
    value, problem = read(t, field.name, message.text or "")
    if problem is not None:
        await message.answer(problem)
        return
    await store(message, state, t, vacancy_service, field.name, value)


async def skip_typed(
    message: Message, state: FSMContext, t: Texts, vacancy_service: VacancyService
) -> None:
    form = await state.get_data()
    field = BY_NAME.get(form.get("current", ""))
    if field is None or not field.optional:
        await message.answer(t("vac-required"))
        return
    await store(message, state, t, vacancy_service, field.name, None)


async def store(
    message: Message,
    state: FSMContext,
    t: Texts,
    service: VacancyService,
    name: str,
    value: Any,
) -> None:
    form = await remember(state, name, value)
    values = form["values"]
    if form.get("editing") and name == "location" and value != "remote" and "city" not in values:
        await ask(message, state, t, BY_NAME["city"])  # an office or hybrid job has a city
    elif form.get("editing"):
        await show_preview(message, state, t, service)
    else:
        await ask_next(message, state, t, service)


def draft_of(values: dict[str, Any]) -> VacancyDraft:
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


async def show_preview(
    message: Message, state: FSMContext, t: Texts, service: VacancyService
) -> None:
    form = await state.get_data()
    await state.set_state(VacancyForm.preview)
    card = service.card(t, draft_of(form["values"]))
    post_label = t("vac-save-changes") if form.get("edit_id") else t("vac-post")
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(post_label, "post")],
            [_button(t("vac-edit"), "edit")],
            [_button(t("help-cancel"), "cancel")],
        ]
    )
    await message.answer(t("help-preview") + "\n\n" + card, reply_markup=keyboard)


async def pressed(query: CallbackQuery, callback_data: VacancyCB, **data: Any) -> None:
    t: Texts = data["t"]
    state: FSMContext = data["state"]
    service: VacancyService = data["vacancy_service"]
    message = await pressed_privately(query, t)
    if message is None:
        return
    current = await state.get_state()
    form = await state.get_data()
    step, name = callback_data.step, callback_data.field
    field = BY_NAME.get(name)
    if current is None or "values" not in form:
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await query.answer()
    if step == "manual" and current == VacancyForm.paste.state:
        await update_menu(message, message.html_text, None)
        await ask_next(message, state, t, service)
    elif step == "pick" and field is not None and 0 <= callback_data.value < len(field.options):
        if current != VacancyForm.field.state or form.get("current") != name:
            await message.answer(t("button-outdated"))
            return
        option = field.options[callback_data.value]
        await update_menu(message, t("help-chosen", value=t(f"vac-{name}-{option}")), None)
        await store(message, state, t, service, name, option)
    elif step == "skip" and field is not None and field.optional:
        if form.get("current") != name:
            await message.answer(t("button-outdated"))
            return
        await update_menu(message, message.html_text, None)
        await store(message, state, t, service, name, None)
    elif step == "edit" and current == VacancyForm.preview.state:
        await state.update_data(editing=True)
        rows = [
            [_button(t(f"vac-field-{f.name}"), "field", f.name)]
            for f in FIELDS
            if f.asked_when(form["values"])
        ]
        await update_menu(message, t("vac-edit-which"), InlineKeyboardMarkup(inline_keyboard=rows))
    elif step == "field" and field is not None and form.get("editing"):
        await update_menu(message, message.html_text, None)
        await ask(message, state, t, field)
    elif step == "cancel":
        await state.clear()
        await update_menu(message, t("help-cancelled"), None)
    elif step == "post" and current == VacancyForm.preview.state:
        await post(message, query.from_user.id, state, t, service)
    else:
        await message.answer(t("button-outdated"))


async def post(
    message: Message, user_id: int, state: FSMContext, t: Texts, service: VacancyService
) -> None:
    form = await state.get_data()
    if form.get("edit_id"):
        edit_id = int(form["edit_id"])
        outcome = await service.update(edit_id, user_id, draft_of(form["values"]))
        await state.clear()
        await update_menu(message, message.html_text, None)
        edited = await service.repo.get(edit_id)
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
        await message.answer(t("vac-duplicate") + "\n\n" + service.card(t, submitted.vacancy))
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


def _act(text: str, action: str, item: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=VacancyActCB(action=action, id=item).pack()
    )


async def my_vacancies(message: Message, t: Texts, vacancy_service: VacancyService) -> None:
    assert message.from_user is not None
    mine = await vacancy_service.repo.of_author(message.from_user.id)
    if not mine:
        await message.answer(t("vac-mine-empty"))
        return
    rows = [
        [_act(f"{t(f'vac-status-short-{v.status}')} {v.title} — {v.company}"[:60], "view", v.id)]
        for v in mine
    ]
    await message.answer(
        t("vac-mine-title", count=len(mine)),
        reply_markup=InlineKeyboardMarkup(inline_keyboard=rows),
    )


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


ACT_DONE = {"fill": "vac-filled-done", "extend": "vac-extended"}
ACT_PROBLEM = {
    Posted.NOT_ALLOWED: "not-allowed",
    Posted.GONE: "vac-gone",
    Posted.ALREADY: "help-already",
}


async def act(query: CallbackQuery, callback_data: VacancyActCB, **data: Any) -> None:
    """Every press asks the service whether this person may change this vacancy."""
    t: Texts = data["t"]
    service: VacancyService = data["vacancy_service"]
    user_id, item, action = query.from_user.id, callback_data.id, callback_data.action
    if action == "save":  # under any card, in the group or in private: any member
        await toggle_save(query, item, t, service)
        return
    message = await pressed_privately(query, t)
    if message is None:
        return
    if action == "drop":  # from /saved: the presser's own list only
        await service.unsave(item, user_id)
        await query.answer(t("vac-unsaved"))
        text, keyboard = await saved_list(user_id, t, service)
        await update_menu(message, text, keyboard)
        return
    found = await service.own(item, user_id)
    if action == "view" and found is Posted.NOT_ALLOWED:
        vacancy = await service.repo.get(item)  # someone else's: the card, if still open
        if vacancy is None or vacancy.status != "open":
            await query.answer(t("vac-gone"), show_alert=True)
            return
        await query.answer()
        await show_card(message, user_id, vacancy, t, service)
        return
    if isinstance(found, Posted):
        await query.answer(t(ACT_PROBLEM.get(found, "vac-gone")), show_alert=True)
        return
    if action == "approve":
        outcome = await service.moderate(item, user_id, "approve")
        if outcome is not Posted.DONE:
            await query.answer(t(ACT_PROBLEM.get(outcome, "vac-gone")), show_alert=True)
            return
        await query.answer()
        await update_menu(message, message.html_text + "\n\n" + t("vac-approved-done"), None)
        return
    if action in ("reject", "changes"):
        if found.status != "review" or not await service.permissions.may(
            found.chat_id, Actor(user_id), Action.MODERATE
        ):
            await query.answer(t("help-already"), show_alert=True)
            return
        await query.answer()
        state: FSMContext = data["state"]
        await state.set_state(VacancyForm.mod_reason)
        await state.set_data({"vacancy": item, "decision": action})
        await message.answer(t("vac-ask-reason"))
        return
    if action == "view":
        await query.answer()
        rows = []
        if found.status in ("open", "review"):
            rows.append([_act(t("vac-edit-vacancy"), "edit", item)])
        if found.status in ("open", "expired"):
            rows.append(
                [_act(t("vac-filled"), "fill", item), _act(t("vac-extend"), "extend", item)]
            )
        await message.answer(
            service.card(t, found),
            reply_markup=InlineKeyboardMarkup(inline_keyboard=rows) if rows else None,
        )
    elif action == "edit":
        await query.answer()
        state = data["state"]
        await state.set_data(
            {"chat": found.chat_id, "values": values_of(found), "skipped": [], "edit_id": item}
        )
        await show_preview(message, state, t, service)
    elif action in ("fill", "extend"):
        outcome = await (service.fill if action == "fill" else service.extend)(item, user_id)
        if outcome is not Posted.DONE:
            await query.answer(t(ACT_PROBLEM.get(outcome, "vac-gone")), show_alert=True)
            return
        await query.answer()
        await update_menu(message, message.html_text + "\n\n" + t(ACT_DONE[action]), None)
    else:
        await query.answer(t("button-outdated"), show_alert=True)


SAVE_ANSWERS = {
    Saving.SAVED: "vac-saved",
    Saving.REMOVED: "vac-unsaved",
    Saving.GONE: "vac-gone",
    Saving.NOT_ALLOWED: "not-allowed",
}


async def toggle_save(query: CallbackQuery, item: int, t: Texts, service: VacancyService) -> None:
    """ "Save" pressed again takes the vacancy back. Under a card in the presser's private
    chat the button then says which it is now; under the group post (one button for all)
    the answer says it."""
    outcome = await service.toggle_save(item, query.from_user.id)
    private = own_private_message(query)
    problem = outcome in (Saving.GONE, Saving.NOT_ALLOWED)
    await query.answer(t(SAVE_ANSWERS[outcome]), show_alert=private is None or problem)
    vacancy = await service.repo.get(item)
    if private is not None and vacancy is not None:
        keyboard = await service.buttons(t, vacancy, for_user=query.from_user.id)
        with suppress(TelegramBadRequest):  # unchanged, or too old to edit
            await private.edit_reply_markup(reply_markup=keyboard)


async def show_card(
    message: Message, user_id: int, vacancy: Vacancy, t: Texts, service: VacancyService
) -> None:
    """A vacancy's card in the person's private chat (/jobs, /saved, a digest) with the
    group card's own actions: Save (shown as saved when it is) and Refer me."""
    keyboard = await service.buttons(t, vacancy, for_user=user_id)
    await message.answer(service.card(t, vacancy), reply_markup=keyboard)


async def saved_list(
    user_id: int, t: Texts, service: VacancyService
) -> tuple[str, InlineKeyboardMarkup | None]:
    """/saved: each vacancy to open, and to remove from the list."""
    found = await service.repo.saved(user_id)
    if not found:
        return t("vac-saved-empty"), None
    lines = [t("vac-saved-title", count=len(found))]
    rows = []
    for number, vacancy in enumerate(found, 1):
        lines.append(f"{number}. {escape(clip(f'{vacancy.title} — {vacancy.company}', 120))}")
        rows.append(
            [
                _act(clip(f"{number}. {vacancy.title}", 40), "view", vacancy.id),
                _act(t("vac-unsave"), "drop", vacancy.id),
            ]
        )
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)


async def saved(message: Message, t: Texts, vacancy_service: VacancyService) -> None:
    assert message.from_user is not None
    text, keyboard = await saved_list(message.from_user.id, t, vacancy_service)
    await message.answer(text, reply_markup=keyboard)


REFERRAL_LIMIT = 300


async def referral_link(message: Message, vacancy_id: int, context: dict[str, Any]) -> None:
    """/start rf<id>: "Refer me" under a group card."""
    state: FSMContext = context["state"]
    t: Texts = context["t"]
    service: VacancyService = context["vacancy_service"]
    vacancy = await service.repo.get(vacancy_id)
    if vacancy is None or vacancy.status != "open" or not vacancy.can_refer:
        await message.answer(t("vac-gone"))
        return
    await state.set_state(VacancyForm.referral)
    await state.set_data({"vacancy": vacancy_id})
    await message.answer(
        service.card(t, vacancy) + "\n\n" + t("vac-referral-ask", limit=REFERRAL_LIMIT)
    )


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
