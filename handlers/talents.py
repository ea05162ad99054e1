"""/talents: those who hire in a community (its moderators, members who shared a vacancy
there) find open-to-work profiles by skill and level, as far as each person allows, and ask to
get in touch."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import TalentCB
from bot.filters import PRIVATE, pressed_privately
from bot.i18n import Markup, Texts
from bot.keyboards import PAGE_SIZE, pager_row, update_menu
from bot.services.cv import CvService
from bot.services.vacancy_text import LEVELS
from bot.texts import clip, mention
from handlers.cv import contacted

QUERY_LIMIT = 100


def router() -> Router:
    r = Router(name="talents")
    r.message.register(talents_command, Command("talents"), PRIVATE)
    r.callback_query.register(talent_pressed, TalentCB.filter())
    return r


def _talent_button(text: str, action: str, value: int = 0) -> InlineKeyboardButton:
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
    users = service.users
    for profile in found[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]:
        person = await users.get(profile.user_id)
        name = (person.first_name if person else None) or t("someone")
        label = f"{profile.role} · {t(f'vac-level-{profile.level}')} — {name}"
        rows.append([_talent_button(clip(label, 60), "open", profile.user_id)])
    pager = pager_row(t, page, len(found), lambda p: TalentCB(action="page", value=p).pack())
    if pager:
        rows.append(pager)
    shown = t(f"vac-level-{level}") if level else t("jobs-any")
    rows.append([_talent_button(t("jobs-level", value=shown), "level")])
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


async def talent_pressed(query: CallbackQuery, callback_data: TalentCB, **data: Any) -> None:
    t: Texts = data["t"]
    state: FSMContext = data["state"]
    service: CvService = data["cv_service"]
    message = await pressed_privately(query, t)
    if message is None:
        return
    user_id, action = query.from_user.id, callback_data.action
    if action in ("open", "contact"):
        # Re-checked: only a profile this person may find now.
        visible = {p.user_id: p for p in await service.talents(user_id, "", None)}
        profile = visible.get(callback_data.value)
        if profile is None:
            await query.answer(t("cv-contact-gone", name=t("someone")), show_alert=True)
            return
        if action == "contact":
            outcome, name = await service.contact_found(profile.user_id, user_id)
            await query.answer()
            await message.answer(contacted(t, outcome, name))
            return
        await query.answer()
        person = await service.users.get(profile.user_id)
        name = mention(profile.user_id, (person.first_name if person else None) or t("someone"))
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[[_talent_button(t("cv-contact"), "contact", profile.user_id)]]
        )
        await message.answer(service.card(t, profile, Markup(name)), reply_markup=keyboard)
        return
    search = dict((await state.get_data()).get("talents") or {"q": "", "page": 0})
    if action == "level":
        level = int(search.get("level", -1)) + 1
        search["level"] = level if level < len(LEVELS) else -1
        search["page"] = 0
    elif action == "page":
        search["page"] = max(0, callback_data.value)
    else:
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await state.update_data(talents=search)
    await query.answer()
    await update_menu(message, *await render_talents(user_id, search, t, service))
