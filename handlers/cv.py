"""/cv: a job seeker's profile — role, level, skills, where, languages, about, links and who
may find it — edited field by field, shared to the group at most weekly with a "Contact"
button that asks the owner first."""

from __future__ import annotations

import re
from typing import Any

from aiogram import Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import CvCB
from bot.config import Settings
from bot.filters import PRIVATE, TYPED, pressed_privately
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.cv import FIELDS, VISIBILITIES, Profile
from bot.services.communities import CommunityService
from bot.services.cv import (
    ABOUT_LIMIT,
    DEEP_LINK_CONTACT,
    LANGUAGES_LIMIT,
    LINKS_LIMIT,
    ROLE_LIMIT,
    SKILLS_LIMIT,
    CvOutcome,
    CvService,
)
from bot.services.vacancy_text import CITY_LIMIT, LEVELS, LOCATIONS, tags_from, valid_link
from bot.texts import format_datetime, utf16_len
from bot.timeutil import from_timestamp
from handlers.community import acting_for
from handlers.deeplinks import DeepLinks, sender_id
from handlers.forms import remember, with_step

# name → choices (empty: typed); optional; asked only when
CHOICES: dict[str, tuple[str, ...]] = {"level": LEVELS, "location": LOCATIONS}
OPTIONAL = ("city", "languages", "about", "links")
LIMITS = {
    "role": ROLE_LIMIT,
    "skills": SKILLS_LIMIT,
    "city": CITY_LIMIT,
    "languages": LANGUAGES_LIMIT,
    "about": ABOUT_LIMIT,
    "links": 600,
}


class CvForm(StatesGroup):
    field = State()
    preview = State()


def router() -> Router:
    r = Router(name="cv")
    r.message.register(cv_command, Command("cv"), PRIVATE)
    text = TYPED
    r.message.register(skip_typed, Command("skip"), StateFilter(CvForm.field), PRIVATE)
    r.message.register(typed, StateFilter(CvForm.field), PRIVATE, text)
    r.callback_query.register(pressed, CvCB.filter())
    return r


def _button(text: str, step: str, field: str = "", value: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=CvCB(step=step, field=field, value=value).pack()
    )


def asked(name: str, values: dict[str, Any]) -> bool:
    return name != "city" or values.get("location") != "remote"


def profile_of(user_id: int, values: dict[str, Any]) -> Profile:
    return Profile(
        user_id=user_id,
        visibility=values.get("visibility", "community"),
        **{name: values.get(name, "") for name in FIELDS},
    )


# --- /cv: the profile, or the form to make one ---


async def cv_command(message: Message, state: FSMContext, t: Texts, cv_service: CvService) -> None:
    assert message.from_user is not None
    if await state.get_state() in (CvForm.field.state, CvForm.preview.state):
        # /cv again mid-form (or after a restart) picks up where the person stopped.
        await message.answer(t("cv-form-resumed"))
        await ask_next(message, state, t, cv_service)
        return
    await state.clear()
    profile = await cv_service.repo.get(message.from_user.id)
    if profile is None:
        await begin(message, state, t, cv_service)
        return
    text, keyboard = own_view(t, profile, cv_service)
    await message.answer(text, reply_markup=keyboard)


async def begin(
    message: Message,
    state: FSMContext,
    t: Texts,
    service: CvService,
    values: dict[str, str] | None = None,
) -> None:
    """The form for a new profile; answers given elsewhere (an introduction's "about") are
    not asked again and stay editable in the preview."""
    await state.set_data({"values": dict(values or {}), "skipped": []})
    await message.answer(t("cv-intro"))
    await ask_next(message, state, t, service)


def own_view(t: Texts, profile: Profile, service: CvService) -> tuple[str, InlineKeyboardMarkup]:
    text = "\n\n".join(
        [t("cv-yours"), service.card(t, profile), t(f"cv-visibility-is-{profile.visibility}")]
    )
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("cv-edit"), "edit"), _button(t("cv-visibility"), "visibility")],
            [_button(t("cv-share"), "share")],
            [_button(t("cv-delete"), "delete")],
        ]
    )
    return text, keyboard


def pending(form: dict[str, Any]) -> list[str]:
    """The fields still to be asked, in order, as the answers stand now."""
    values, skipped = form["values"], form["skipped"]
    return [
        name
        for name in (*FIELDS, "visibility")
        if name not in values and name not in skipped and asked(name, values)
    ]


async def ask_next(message: Message, state: FSMContext, t: Texts, service: CvService) -> None:
    ahead = pending(await state.get_data())
    if ahead:
        await ask(message, state, t, ahead[0])
    else:
        await show_preview(message, state, t, service)


async def ask(message: Message, state: FSMContext, t: Texts, name: str) -> None:
    await state.set_state(CvForm.field)
    await state.update_data(current=name)
    options = VISIBILITIES if name == "visibility" else CHOICES.get(name, ())
    keys = "cv-visibility" if name == "visibility" else f"vac-{name}"
    rows = [[_button(t(f"{keys}-{o}"), "pick", name, i)] for i, o in enumerate(options)]
    if name in OPTIONAL:
        rows.append([_button(t("vac-skip"), "skip", name)])
    keyboard = InlineKeyboardMarkup(inline_keyboard=rows) if rows else None
    ahead = pending(await state.get_data())
    question = await with_step(state, t, t(f"cv-ask-{name}"), name, ahead)
    await message.answer(question, reply_markup=keyboard)


def read(t: Texts, name: str, text: str) -> tuple[str | None, str | None]:
    """(value, None) or (None, what is wrong): what was entered before stays."""
    text = text.strip() if name in ("about", "links") else " ".join(text.split())
    if not text:
        return None, t("help-text-only")
    if utf16_len(text) > LIMITS[name]:
        return None, t("help-too-long", length=utf16_len(text), limit=LIMITS[name])
    if name == "role" and not re.search(r"\w", text):
        return None, t("cv-role-invalid")
    if name == "skills":
        tags = tags_from(text)
        return (" ".join(tags), None) if tags else (None, t("vac-tags-invalid"))
    if name == "links":
        parts = [p for p in re.split(r"[\s,]+", text) if p]
        links = [valid_link(p) for p in parts]
        if len(parts) > LINKS_LIMIT:
            return None, t("cv-links-too-many", count=LINKS_LIMIT)
        if not all(links):
            return None, t("vac-link-invalid")
        return "\n".join(link for link in links if link), None
    return text, None


async def typed(message: Message, state: FSMContext, t: Texts, cv_service: CvService) -> None:
    name = (await state.get_data()).get("current", "")
    if name not in LIMITS:
        await message.answer(t("vac-use-buttons"))
        return
    value, problem = read(t, name, message.text or "")
    if problem is not None:
        await message.answer(problem)
        return
    await store(message, state, t, cv_service, name, value)


async def skip_typed(message: Message, state: FSMContext, t: Texts, cv_service: CvService) -> None:
    name = (await state.get_data()).get("current", "")
    if name not in OPTIONAL:
        await message.answer(t("vac-required"))
        return
    await store(message, state, t, cv_service, name, None)


async def store(
    message: Message, state: FSMContext, t: Texts, service: CvService, name: str, value: Any
) -> None:
    form = await remember(state, name, value)
    if form.get("editing"):
        await show_preview(message, state, t, service)
    else:
        await ask_next(message, state, t, service)


async def show_preview(message: Message, state: FSMContext, t: Texts, service: CvService) -> None:
    form = await state.get_data()
    await state.set_state(CvForm.preview)
    assert message.chat is not None
    profile = profile_of(message.chat.id, form["values"])
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("cv-save"), "save")],
            [_button(t("vac-edit"), "edit")],
            [_button(t("help-cancel"), "cancel")],
        ]
    )
    text = "\n\n".join(
        [t("help-preview"), service.card(t, profile), t(f"cv-visibility-is-{profile.visibility}")]
    )
    await message.answer(text, reply_markup=keyboard)


async def pressed(query: CallbackQuery, callback_data: CvCB, **data: Any) -> None:
    t: Texts = data["t"]
    state: FSMContext = data["state"]
    service: CvService = data["cv_service"]
    message = await pressed_privately(query, t)
    if message is None:
        return
    user_id = query.from_user.id
    step, name = callback_data.step, callback_data.field
    current = await state.get_state()
    form = await state.get_data()
    in_form = current in (CvForm.field.state, CvForm.preview.state) and "values" in form
    saved = await service.repo.get(user_id)
    if step == "pick" and in_form and form.get("current") == name:
        options = VISIBILITIES if name == "visibility" else CHOICES.get(name, ())
        if not 0 <= callback_data.value < len(options):
            await query.answer(t("button-outdated"), show_alert=True)
            return
        await query.answer()
        option = options[callback_data.value]
        keys = "cv-visibility" if name == "visibility" else f"vac-{name}"
        await update_menu(message, t("help-chosen", value=t(f"{keys}-{option}")), None)
        await store(message, state, t, service, name, option)
    elif step == "skip" and in_form and form.get("current") == name and name in OPTIONAL:
        await query.answer()
        await update_menu(message, message.html_text, None)
        await store(message, state, t, service, name, None)
    elif step == "edit" and (current == CvForm.preview.state or saved is not None):
        await query.answer()
        if current != CvForm.preview.state and saved is not None:
            values = {f: getattr(saved, f) for f in FIELDS if getattr(saved, f)}
            values["visibility"] = saved.visibility
            await state.set_state(CvForm.preview)
            await state.set_data({"values": values, "skipped": []})
        await state.update_data(editing=True)
        values = (await state.get_data())["values"]
        rows = [
            [_button(t(f"cv-field-{f}"), "field", f)]
            for f in (*FIELDS, "visibility")
            if asked(f, values)
        ]
        await update_menu(message, t("vac-edit-which"), InlineKeyboardMarkup(inline_keyboard=rows))
    elif step == "field" and in_form and form.get("editing") and name in (*FIELDS, "visibility"):
        await query.answer()
        await update_menu(message, message.html_text, None)
        await ask(message, state, t, name)
    elif step == "cancel":
        await query.answer()
        await state.clear()
        await update_menu(message, t("cv-cancelled"), None)
    elif step == "save" and current == CvForm.preview.state and in_form:
        values = form["values"]
        if not all(values.get(f) for f in ("role", "level", "skills", "location")):
            await query.answer(t("button-outdated"), show_alert=True)
            return
        await query.answer()
        fields = {f: values.get(f, "") for f in FIELDS}
        await service.save(user_id, values.get("visibility", "community"), fields)
        await state.clear()
        await update_menu(message, message.html_text, None)
        await message.answer(t("cv-saved"))
    elif saved is None:
        await query.answer(t("button-outdated"), show_alert=True)
    elif step == "visibility":
        await query.answer()
        following = VISIBILITIES[(VISIBILITIES.index(saved.visibility) + 1) % len(VISIBILITIES)]
        fresh = await service.set_visibility(user_id, following)
        assert fresh is not None
        await update_menu(message, *own_view(t, fresh, service))
    elif step == "share":
        await share(
            query, message, user_id, t, service, data["community_service"], data["settings"]
        )
    elif step == "delete":
        await query.answer()
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [_button(t("cv-delete-yes"), "delete_yes")],
                [_button(t("help-cancel"), "cancel")],
            ]
        )
        await update_menu(message, t("cv-delete-ask"), keyboard)
    elif step == "delete_yes":
        await query.answer()
        await service.delete(user_id)
        await update_menu(message, t("cv-deleted"), None)
    else:
        await query.answer(t("button-outdated"), show_alert=True)


async def share(
    query: CallbackQuery,
    message: Message,
    user_id: int,
    t: Texts,
    service: CvService,
    communities: CommunityService,
    settings: Settings,
) -> None:
    community = await acting_for(message, user_id, t, communities)
    if community is None:
        await query.answer()
        return
    shared = await service.share(user_id, community.chat_id)
    if shared.outcome is CvOutcome.TOO_SOON and shared.next_at is not None:
        zone = community.timezone or settings.default_timezone
        when = format_datetime(from_timestamp(shared.next_at), t.lang, zone, "d MMMM, HH:mm")
        await query.answer(t("cv-share-too-soon", date=when), show_alert=True)
    elif shared.outcome is CvOutcome.DONE:
        await query.answer()
        await message.answer(t("cv-shared", title=community.title))
    elif shared.outcome is CvOutcome.SILENCED:
        await query.answer(t("silenced-post"), show_alert=True)
    else:
        await query.answer(t("help-not-member"), show_alert=True)


def register_links(links: DeepLinks) -> None:
    links.add(DEEP_LINK_CONTACT, contact_link)


async def contact_link(message: Message, share_id: int, context: dict[str, Any]) -> None:
    """ "Contact" under a profile shared in the group (a deep link)."""
    t: Texts = context["t"]
    service: CvService = context["cv_service"]
    outcome, name = await service.contact_by_share(share_id, sender_id(message))
    await message.answer(contacted(t, outcome, name))


def contacted(t: Texts, outcome: CvOutcome, name: str) -> str:
    key = {
        CvOutcome.DONE: "cv-contact-sent",
        CvOutcome.ALREADY: "cv-contact-already",
        CvOutcome.GONE: "cv-contact-gone",
    }.get(outcome, "cv-contact-not-allowed")
    return t(key, name=name or t("someone"))
