"""/vacancy: share a vacancy with the community — pasted whole (the bot fills in what it can
read and asks for the rest) or field by field; a preview to post, edit or cancel. From the
group, a button continues in private."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import VacancyAction, VacancyCB
from bot.filters import pressed_privately
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.vacancies import Vacancy
from bot.runtime import Runtime
from bot.services.vacancies import Posted, VacancyDraft, VacancyService
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
    card,
)
from handlers import forms
from handlers.forms import (
    CommunityForm,
    Field,
    FormRun,
    FormTexts,
    Option,
    Parsed,
    Rows,
    preview_rows,
)

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


class VacancyForm(CommunityForm):
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

    async def begin(self, run: FormRun, user_id: int, chat_id: int) -> None:
        """First: paste it whole (what can be read is filled in), or step by step."""
        if not await self.service.may_post(chat_id, user_id):
            await run.message.answer(run.t("help-not-member"))
            return
        await run.state.set_state(PASTE)
        await run.state.set_data({"chat": chat_id, "values": {}, "skipped": []})
        by_step = _button(run.t("vac-step-by-step"), VacancyAction.MANUAL)
        keyboard = InlineKeyboardMarkup(inline_keyboard=[[by_step]])
        await run.message.answer(run.t("vac-paste-ask"), reply_markup=keyboard)

    async def options(self, run: FormRun, field: Field) -> list[Option]:
        choices = CHOICES.get(field.name, ())
        return [Option(o, o, run.t(f"vac-{field.name}-{o}")) for o in choices]

    async def preview(self, run: FormRun) -> tuple[str, Rows]:
        t = run.t
        post_label = t("vac-save-changes") if run.data.get("edit_id") else t("vac-post")
        first = [[_button(post_label, VacancyAction.POST)]]
        return t("help-preview") + "\n\n" + card(t, draft_of(run.values)), preview_rows(run, first)


# Besides the form's own two: the first question (paste it whole?).
PASTE = State("paste", group_name=VacancyForm.group)


def _button(text: str, step: VacancyAction) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=VacancyCB(step=step).pack())


def vacancy_form(runtime: Runtime) -> VacancyForm:
    return VacancyForm(runtime.vacancies)


# The command leaves the group where the bot may, as /ask does.
ENTRY = forms.Entry("vacancy", DEEP_LINK_VACANCY, "vac-open-private", delete_command=True)
begin_link = forms.entry_link(vacancy_form)


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
