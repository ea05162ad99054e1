"""/offer: what I can help with — categories, skills, how many requests a week, languages;
paused and resumed in one tap. Matching new requests to helpers reads this."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import OfferAction, OfferCB
from bot.config import SUPPORTED_LANGUAGES
from bot.filters import PRIVATE, Inline, own_private_message
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.requests import HelperProfile
from bot.services.requests import CATEGORIES, HelpService
from bot.texts import utf16_len

SKILLS_LIMIT = 500
PER_WEEK = (1, 2, 3, 5, 10)


class OfferForm(StatesGroup):
    skills = State()


def router() -> Router:
    r = Router(name="requests-offer")
    r.message.register(offer_command, Command("offer"), PRIVATE)
    r.message.register(
        typed_skills, StateFilter(OfferForm.skills), PRIVATE, Inline(~F.text.startswith("/"))
    )
    for action, handler in PRESSES.items():
        r.callback_query.register(handler, OfferCB.filter(F.step == action))
    return r


def _button(text: str, step: OfferAction, value: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=OfferCB(step=step, value=value).pack())


def empty(user_id: int) -> HelperProfile:
    return HelperProfile(user_id, (), "", 3, (), False, 0)


async def _profile(service: HelpService, user_id: int) -> HelperProfile:
    """The person's offer as saved, or a blank one."""
    return await service.profile(user_id) or empty(user_id)


def render(t: Texts, profile: HelperProfile) -> tuple[str, InlineKeyboardMarkup]:
    chosen = ", ".join(t(f"help-cat-{c}") for c in profile.categories) or t("help-offer-none")
    lines = [
        t("help-offer-title"),
        t("help-offer-categories", value=chosen),
        t("help-offer-skills", value=profile.skills or "—"),
        t("help-offer-per-week", count=profile.per_week),
        t(
            "help-offer-languages",
            value=", ".join(t(f"lang-name-{code}") for code in profile.languages)
            or t("help-offer-any-language"),
        ),
        t("help-offer-helped", count=profile.helped),
    ]
    if profile.paused:
        lines.append(t("help-offer-paused"))
    categories = [
        _button(
            ("✓ " if c in profile.categories else "") + t(f"help-cat-{c}"), OfferAction.CATEGORY, i
        )
        for i, c in enumerate(CATEGORIES)
    ]
    rows = [categories[i : i + 2] for i in range(0, len(categories), 2)]
    rows.append(
        [
            _button(("✓ " if n == profile.per_week else "") + str(n), OfferAction.WEEK, n)
            for n in PER_WEEK
        ]
    )
    rows.append(
        [
            _button(
                ("✓ " if code in profile.languages else "") + t(f"lang-name-{code}"),
                OfferAction.LANGUAGE,
                i,
            )
            for i, code in enumerate(SUPPORTED_LANGUAGES)
        ]
    )
    rows.append([_button(t("help-offer-edit-skills"), OfferAction.SKILLS)])
    rows.append(
        [
            _button(
                t("help-offer-resume" if profile.paused else "help-offer-pause"), OfferAction.PAUSE
            )
        ]
    )
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)


async def offer_command(
    message: Message, state: FSMContext, t: Texts, help_service: HelpService
) -> None:
    assert message.from_user is not None
    await state.clear()
    profile = await _profile(help_service, message.from_user.id)
    text, keyboard = render(t, profile)
    await message.answer(text, reply_markup=keyboard)


async def save(service: HelpService, profile: HelperProfile) -> None:
    await service.save_profile(profile)


async def put_skills(service: HelpService, user_id: int, text: str) -> HelperProfile:
    """The person's skills in their offer (one line), everything else as it was; also what an
    introduction's "what I can offer" becomes."""
    profile = await _profile(service, user_id)
    profile = HelperProfile(**{**profile.__dict__, "skills": " ".join(text.split())})
    await save(service, profile)
    return profile


async def _own_profile(
    query: CallbackQuery, t: Texts, service: HelpService
) -> tuple[Message, HelperProfile] | None:
    message = own_private_message(query)  # only ever the presser's own profile
    if message is None:
        await query.answer(t("not-allowed"), show_alert=True)
        return None
    return message, await _profile(service, query.from_user.id)


async def _changed(
    query: CallbackQuery,
    message: Message,
    profile: HelperProfile,
    t: Texts,
    service: HelpService,
    **change: Any,
) -> None:
    """The profile saved with one thing changed, and shown again."""
    profile = HelperProfile(**{**profile.__dict__, **change})
    await save(service, profile)
    await query.answer(t("settings-saved"))
    text, keyboard = render(t, profile)
    await update_menu(message, text, keyboard)


async def _outdated(query: CallbackQuery, t: Texts) -> None:
    await query.answer(t("button-outdated"), show_alert=True)


async def category(
    query: CallbackQuery, callback_data: OfferCB, t: Texts, help_service: HelpService
) -> None:
    found = await _own_profile(query, t, help_service)
    if found is None:
        return
    message, profile = found
    if not 0 <= callback_data.value < len(CATEGORIES):
        await _outdated(query, t)
        return
    code = CATEGORIES[callback_data.value]
    chosen = tuple(c for c in CATEGORIES if (c in profile.categories) != (c == code))
    await _changed(query, message, profile, t, help_service, categories=chosen)


async def per_week(
    query: CallbackQuery, callback_data: OfferCB, t: Texts, help_service: HelpService
) -> None:
    found = await _own_profile(query, t, help_service)
    if found is None:
        return
    message, profile = found
    if callback_data.value not in PER_WEEK:
        await _outdated(query, t)
        return
    await _changed(query, message, profile, t, help_service, per_week=callback_data.value)


async def language(
    query: CallbackQuery, callback_data: OfferCB, t: Texts, help_service: HelpService
) -> None:
    found = await _own_profile(query, t, help_service)
    if found is None:
        return
    message, profile = found
    if not 0 <= callback_data.value < len(SUPPORTED_LANGUAGES):
        await _outdated(query, t)
        return
    code = SUPPORTED_LANGUAGES[callback_data.value]
    langs = tuple(c for c in SUPPORTED_LANGUAGES if (c in profile.languages) != (c == code))
    await _changed(query, message, profile, t, help_service, languages=langs)


async def pause(query: CallbackQuery, t: Texts, help_service: HelpService) -> None:
    found = await _own_profile(query, t, help_service)
    if found is None:
        return
    message, profile = found
    await _changed(query, message, profile, t, help_service, paused=not profile.paused)


async def edit_skills(query: CallbackQuery, state: FSMContext, t: Texts) -> None:
    message = own_private_message(query)
    if message is None:
        await query.answer(t("not-allowed"), show_alert=True)
        return
    await query.answer()
    await state.set_state(OfferForm.skills)
    await message.answer(t("help-offer-ask-skills", limit=SKILLS_LIMIT))


PRESSES: dict[OfferAction, Callable[..., Awaitable[None]]] = {
    OfferAction.CATEGORY: category,
    OfferAction.WEEK: per_week,
    OfferAction.LANGUAGE: language,
    OfferAction.PAUSE: pause,
    OfferAction.SKILLS: edit_skills,
}


async def typed_skills(
    message: Message, state: FSMContext, t: Texts, help_service: HelpService
) -> None:
    assert message.from_user is not None
    skills = " ".join((message.text or "").split())
    if utf16_len(skills) > SKILLS_LIMIT:
        await message.answer(t("help-too-long", length=utf16_len(skills), limit=SKILLS_LIMIT))
        return
    await state.clear()
    profile = await put_skills(help_service, message.from_user.id, skills)
    text, keyboard = render(t, profile)
    await message.answer(text, reply_markup=keyboard)
