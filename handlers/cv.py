"""/cv: a job seeker's profile — role, level, skills, where, languages, about, links and who
may find it — edited field by field, shared to the group at most weekly with a "Contact"
button that asks the owner first."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import CvAction, CvCB
from bot.config import Settings
from bot.filters import PRIVATE, pressed_privately
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.cv import FIELDS, VISIBILITIES, Profile
from bot.services.communities import CommunityService
from bot.services.cv import (
    ABOUT_LIMIT,
    LANGUAGES_LIMIT,
    LINKS_LIMIT,
    ROLE_LIMIT,
    SKILLS_LIMIT,
    CvOutcome,
    CvService,
)
from bot.services.vacancy_text import CITY_LIMIT, LEVELS, LOCATIONS, tags_from, valid_link
from bot.texts import format_datetime
from bot.timeutil import from_timestamp
from bot.views.cv import DEEP_LINK_CONTACT, card
from handlers import forms
from handlers.community import acting_for
from handlers.deeplinks import DeepLinks, LinkContext, sender_id
from handlers.forms import Field, FormRun, FormSpec, FormTexts, Option, Parsed, Rows, preview_rows


def _role(t: Texts, text: str) -> Parsed:
    return (text, None) if re.search(r"\w", text) else (None, t("cv-role-invalid"))


def _skills(t: Texts, text: str) -> Parsed:
    tags = tags_from(text)
    return (" ".join(tags), None) if tags else (None, t("vac-tags-invalid"))


def _links(t: Texts, text: str) -> Parsed:
    parts = [p for p in re.split(r"[\s,]+", text) if p]
    links = [valid_link(p) for p in parts]
    if len(parts) > LINKS_LIMIT:
        return None, t("cv-links-too-many", count=LINKS_LIMIT)
    if not all(links):
        return None, t("vac-link-invalid")
    return "\n".join(link for link in links if link), None


def _not_remote(values: Mapping[str, Any]) -> bool:
    return values.get("location") != "remote"


CHOICES: dict[str, tuple[tuple[str, ...], str]] = {  # name → its options, their labels' prefix
    "level": (LEVELS, "vac-level"),
    "location": (LOCATIONS, "vac-location"),
    "visibility": (VISIBILITIES, "cv-visibility"),
}
REQUIRED = ("role", "level", "skills", "location")


class CvForm(FormSpec):
    key = "cv"
    group = "CvForm"  # as before the engine: a form saved then resumes
    texts = FormTexts(resumed="cv-form-resumed", cancelled="cv-cancelled", field_label="cv-field")
    fields = (
        Field("role", "cv-ask-role", limit=ROLE_LIMIT, parse=_role),
        Field("level", "cv-ask-level", choices=True),
        Field("skills", "cv-ask-skills", limit=SKILLS_LIMIT, parse=_skills),
        Field("location", "cv-ask-location", choices=True),
        Field("city", "cv-ask-city", limit=CITY_LIMIT, optional=True, shown_when=_not_remote),
        Field("languages", "cv-ask-languages", limit=LANGUAGES_LIMIT, optional=True),
        Field("about", "cv-ask-about", limit=ABOUT_LIMIT, multiline=True, optional=True),
        Field("links", "cv-ask-links", limit=600, multiline=True, optional=True, parse=_links),
        Field("visibility", "cv-ask-visibility", choices=True),
    )

    def __init__(self, service: CvService) -> None:
        self.service = service

    async def options(self, run: FormRun, field: Field) -> list[Option]:
        options, labels = CHOICES.get(field.name, ((), ""))
        return [Option(o, o, run.t(f"{labels}-{o}")) for o in options]

    async def preview(self, run: FormRun) -> tuple[str, Rows]:
        t = run.t
        profile = profile_of(run.message.chat.id, run.values)
        text = "\n\n".join(
            [
                t("help-preview"),
                card(t, profile),
                t(f"cv-visibility-is-{profile.visibility}"),
            ]
        )
        return text, preview_rows(run, [[_button(t("cv-save"), CvAction.SAVE)]])


def router() -> Router:
    r = Router(name="cv")
    r.message.register(cv_command, Command("cv"), PRIVATE)
    forms.register(r, CvForm, lambda runtime: CvForm(runtime.cv))
    r.callback_query.register(save, CvCB.filter(F.step == CvAction.SAVE))
    r.callback_query.register(edit, CvCB.filter(F.step == CvAction.EDIT))
    r.callback_query.register(visibility, CvCB.filter(F.step == CvAction.VISIBILITY))
    r.callback_query.register(share, CvCB.filter(F.step == CvAction.SHARE))
    r.callback_query.register(delete, CvCB.filter(F.step == CvAction.DELETE))
    r.callback_query.register(delete_yes, CvCB.filter(F.step == CvAction.DELETE_YES))
    r.callback_query.register(keep, CvCB.filter(F.step == CvAction.KEEP))
    return r


def _button(text: str, step: CvAction) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=CvCB(step=step).pack())


def profile_of(user_id: int, values: Mapping[str, Any]) -> Profile:
    return Profile(
        user_id=user_id,
        visibility=values.get("visibility", "community"),
        **{name: values.get(name, "") for name in FIELDS},
    )


# --- /cv: the profile, or the form to make one ---


async def cv_command(message: Message, state: FSMContext, t: Texts, cv_service: CvService) -> None:
    assert message.from_user is not None
    run = FormRun(CvForm(cv_service), message, state, t)
    if await forms.resume(run):
        return
    await state.clear()
    profile = await cv_service.profile(message.from_user.id)
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
    await message.answer(t("cv-intro"))
    await forms.start(FormRun(CvForm(service), message, state, t), values)


def own_view(t: Texts, profile: Profile, service: CvService) -> tuple[str, InlineKeyboardMarkup]:
    text = "\n\n".join(
        [t("cv-yours"), card(t, profile), t(f"cv-visibility-is-{profile.visibility}")]
    )
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(t("cv-edit"), CvAction.EDIT),
                _button(t("cv-visibility"), CvAction.VISIBILITY),
            ],
            [_button(t("cv-share"), CvAction.SHARE)],
            [_button(t("cv-delete"), CvAction.DELETE)],
        ]
    )
    return text, keyboard


# --- buttons: the presser's own profile, nobody else's ---


async def save(query: CallbackQuery, state: FSMContext, t: Texts, cv_service: CvService) -> None:
    message = await pressed_privately(query, t)
    if message is None:
        return
    form = await state.get_data()
    values = form.get("values", {})
    previewing = await state.get_state() == CvForm.previewing().state
    if not previewing or not all(values.get(f) for f in REQUIRED):
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await query.answer()
    fields = {f: values.get(f, "") for f in FIELDS}
    await cv_service.save(query.from_user.id, values.get("visibility", "community"), fields)
    await state.clear()
    await update_menu(message, message.html_text, None)
    await message.answer(t("cv-saved"))


async def edit(query: CallbackQuery, state: FSMContext, t: Texts, cv_service: CvService) -> None:
    """ "Edit" under the saved profile: the profile into the form, straight to its fields."""
    message = await pressed_privately(query, t)
    if message is None:
        return
    saved = await cv_service.profile(query.from_user.id)
    if saved is None:
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await query.answer()
    values = {f: getattr(saved, f) for f in FIELDS} | {"visibility": saved.visibility}
    run = FormRun(CvForm(cv_service), message, state, t)
    given = {name: value for name, value in values.items() if value}
    # What the profile leaves empty counts as skipped: changing one field asks nothing else.
    skipped = [f.name for f in CvForm.fields if f.name not in given]
    await state.set_state(CvForm.previewing())
    await state.set_data({"values": given, "skipped": skipped})
    await forms.show_fields(run)


async def visibility(query: CallbackQuery, t: Texts, cv_service: CvService) -> None:
    message = await pressed_privately(query, t)
    saved = await cv_service.profile(query.from_user.id)
    if message is None or saved is None:
        if message is not None:
            await query.answer(t("button-outdated"), show_alert=True)
        return
    await query.answer()
    following = VISIBILITIES[(VISIBILITIES.index(saved.visibility) + 1) % len(VISIBILITIES)]
    fresh = await cv_service.set_visibility(query.from_user.id, following)
    assert fresh is not None
    await update_menu(message, *own_view(t, fresh, cv_service))


async def delete(query: CallbackQuery, t: Texts, cv_service: CvService) -> None:
    message = await pressed_privately(query, t)
    if message is None:
        return
    if await cv_service.profile(query.from_user.id) is None:
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await query.answer()
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("cv-delete-yes"), CvAction.DELETE_YES)],
            [_button(t("help-cancel"), CvAction.KEEP)],
        ]
    )
    await update_menu(message, t("cv-delete-ask"), keyboard)


async def delete_yes(query: CallbackQuery, t: Texts, cv_service: CvService) -> None:
    message = await pressed_privately(query, t)
    if message is None:
        return
    if await cv_service.profile(query.from_user.id) is None:
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await query.answer()
    await cv_service.delete(query.from_user.id)
    await update_menu(message, t("cv-deleted"), None)


async def keep(query: CallbackQuery, t: Texts) -> None:
    message = await pressed_privately(query, t)
    if message is None:
        return
    await query.answer()
    await update_menu(message, t("cv-cancelled"), None)


async def share(
    query: CallbackQuery,
    t: Texts,
    cv_service: CvService,
    community_service: CommunityService,
    settings: Settings,
) -> None:
    message = await pressed_privately(query, t)
    if message is None:
        return
    user_id, service, communities = query.from_user.id, cv_service, community_service
    if await service.profile(user_id) is None:
        await query.answer(t("button-outdated"), show_alert=True)
        return
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


async def contact_link(message: Message, share_id: int, context: LinkContext) -> None:
    """ "Contact" under a profile shared in the group (a deep link)."""
    t, service = context.t, context.runtime.cv
    outcome, name = await service.contact_by_share(share_id, sender_id(message))
    await message.answer(contacted(t, outcome, name))


def contacted(t: Texts, outcome: CvOutcome, name: str) -> str:
    key = {
        CvOutcome.DONE: "cv-contact-sent",
        CvOutcome.ALREADY: "cv-contact-already",
        CvOutcome.GONE: "cv-contact-gone",
    }.get(outcome, "cv-contact-not-allowed")
    return t(key, name=name or t("someone"))
