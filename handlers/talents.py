"""/talents: those who hire in a community (its moderators, members who shared a vacancy
there) find open-to-work profiles by skill and level, as far as each person allows, and ask to
get in touch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import TalentAction, TalentCB
from bot.filters import PRIVATE, pressed_privately
from bot.i18n import Markup, Texts
from bot.keyboards import PAGE_SIZE, pager_row, update_menu
from bot.repos.cv import Profile
from bot.services.cv import CvService
from bot.services.vacancy_text import LEVELS
from bot.texts import clip, mention
from bot.views.cv import card
from handlers.cv import contacted

QUERY_LIMIT = 100


def router() -> Router:
    r = Router(name="talents")
    r.message.register(talents_command, Command("talents"), PRIVATE)
    r.callback_query.register(open_profile, TalentCB.filter(F.action == TalentAction.OPEN))
    r.callback_query.register(contact, TalentCB.filter(F.action == TalentAction.CONTACT))
    r.callback_query.register(level, TalentCB.filter(F.action == TalentAction.LEVEL))
    r.callback_query.register(page, TalentCB.filter(F.action == TalentAction.PAGE))
    return r


def _talent_button(text: str, action: TalentAction, value: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=TalentCB(action=action, value=value).pack()
    )


async def render_talents(
    user_id: int, search: dict[str, Any], t: Texts, service: CvService
) -> tuple[str, InlineKeyboardMarkup | None]:
    level_index = int(search.get("level", -1))
    level = LEVELS[level_index] if 0 <= level_index < len(LEVELS) else None
    found = await service.talents(user_id, search.get("q", ""), level)
    page = max(0, int(search.get("page", 0)))
    rows = []
    for profile in found[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]:
        name = await service.first_name(profile.user_id) or t("someone")
        label = f"{profile.role} · {t(f'vac-level-{profile.level}')} — {name}"
        rows.append([_talent_button(clip(label, 60), TalentAction.OPEN, profile.user_id)])
    pager = pager_row(
        t, page, len(found), lambda p: TalentCB(action=TalentAction.PAGE, value=p).pack()
    )
    if pager:
        rows.append(pager)
    shown = t(f"vac-level-{level}") if level else t("jobs-any")
    rows.append([_talent_button(t("jobs-level", value=shown), TalentAction.LEVEL)])
    query = search.get("q", "") or "…"
    head = t("talents-found", count=len(found), query=query) if found else t("talents-none")
    return head, InlineKeyboardMarkup(inline_keyboard=rows)


async def talents_command(
    message: Message, command: CommandObject, state: FSMContext, t: Texts, cv_service: CvService
) -> None:
    assert message.from_user is not None
    if not await cv_service.search_chats(message.from_user.id):
        await message.answer(t("talents-not-allowed"))
        return
    search = {"q": " ".join((command.args or "").split())[:QUERY_LIMIT], "page": 0}
    await state.update_data(talents=search)
    text, keyboard = await render_talents(message.from_user.id, search, t, cv_service)
    await message.answer(text, reply_markup=keyboard)


async def _visible(
    query: CallbackQuery, callback_data: TalentCB, t: Texts, service: CvService
) -> tuple[Message, Profile] | None:
    """The private message pressed under and the profile, if the presser may find it now."""
    message = await pressed_privately(query, t)
    if message is None:
        return None
    visible = {p.user_id: p for p in await service.talents(query.from_user.id, "", None)}
    profile = visible.get(callback_data.value)
    if profile is None:
        await query.answer(t("cv-contact-gone", name=t("someone")), show_alert=True)
        return None
    await query.answer()
    return message, profile


async def open_profile(
    query: CallbackQuery, callback_data: TalentCB, t: Texts, cv_service: CvService
) -> None:
    if (found := await _visible(query, callback_data, t, cv_service)) is None:
        return
    message, profile = found
    first_name = await cv_service.first_name(profile.user_id)
    name = mention(profile.user_id, first_name or t("someone"))
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[[_talent_button(t("cv-contact"), TalentAction.CONTACT, profile.user_id)]]
    )
    await message.answer(card(t, profile, Markup(name)), reply_markup=keyboard)


async def contact(
    query: CallbackQuery, callback_data: TalentCB, t: Texts, cv_service: CvService
) -> None:
    """ "Contact" under a found profile: its owner is asked (the service re-checks again)."""
    if (found := await _visible(query, callback_data, t, cv_service)) is None:
        return
    message, profile = found
    outcome, name = await cv_service.contact_found(profile.user_id, query.from_user.id)
    await message.answer(contacted(t, outcome, name))


async def _research(
    query: CallbackQuery,
    state: FSMContext,
    t: Texts,
    service: CvService,
    change: Callable[[dict[str, Any]], None],
) -> None:
    """The presser's /talents search, changed and shown again in its place."""
    message = await pressed_privately(query, t)
    if message is None:
        return
    search = dict((await state.get_data()).get("talents") or {"q": "", "page": 0})
    change(search)
    await state.update_data(talents=search)
    await query.answer()
    await update_menu(message, *await render_talents(query.from_user.id, search, t, service))


async def level(query: CallbackQuery, state: FSMContext, t: Texts, cv_service: CvService) -> None:
    """The next level (after the last: any), from the first page."""

    def next_level(search: dict[str, Any]) -> None:
        chosen = int(search.get("level", -1)) + 1
        search["level"] = chosen if chosen < len(LEVELS) else -1
        search["page"] = 0

    await _research(query, state, t, cv_service, next_level)


async def page(
    query: CallbackQuery,
    callback_data: TalentCB,
    state: FSMContext,
    t: Texts,
    cv_service: CvService,
) -> None:
    def turn(search: dict[str, Any]) -> None:
        search["page"] = max(0, callback_data.value)

    await _research(query, state, t, cv_service, turn)
