"""/settings → Requests: pre-moderation, how many open requests a member may have, how many
helpers each request is offered to, when an unanswered request is raised again, and the
community's names for the categories (renamed, or its own added)."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import SettingsCB
from bot.filters import PRIVATE, Inline
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.communities import Community
from bot.services.community_settings import (
    REQUESTS_BUMP_HOURS,
    REQUESTS_HELPERS_TOLD,
    REQUESTS_MAX_OPEN,
    REQUESTS_PREMODERATION,
    CommunitySettings,
    Option,
)
from bot.services.requests import CATEGORY_NAME_LIMIT, CUSTOM_CATEGORIES, HelpService
from bot.views.requests import category_label
from handlers.settings import back_row, moderated, with_back

CHOICES: dict[str, tuple[Option, tuple[int, ...]]] = {
    "max": (REQUESTS_MAX_OPEN, (1, 3, 5, 10)),
    "told": (REQUESTS_HELPERS_TOLD, (0, 3, 5, 10)),
    "bump": (REQUESTS_BUMP_HOURS, (12, 24, 48)),
}


class CategoryForm(StatesGroup):
    name = State()


def router() -> Router:
    r = Router(name="requests-settings")
    r.callback_query.register(pressed, SettingsCB.filter(F.section == "rq"))
    r.message.register(
        typed_name, StateFilter(CategoryForm.name), PRIVATE, Inline(~F.text.startswith("/"))
    )
    return r


def _button(chat_id: int, text: str, action: str, value: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text,
        callback_data=SettingsCB(chat_id=chat_id, section="rq", action=action, value=value).pack(),
    )


async def pressed(query: CallbackQuery, callback_data: SettingsCB, **data: Any) -> None:
    found = await moderated(query, callback_data.chat_id, data)  # rights asked on every press
    if found is None:
        return
    message, community = found
    t: Texts = data["t"]
    settings: CommunitySettings = data["community_settings"]
    chat_id, action, value = community.chat_id, callback_data.action, callback_data.value
    if action == "premod" and value in (0, 1):
        await settings.set(chat_id, REQUESTS_PREMODERATION, bool(value), query.from_user.id)
        await query.answer(t("settings-saved"))
    elif action in CHOICES and value in CHOICES[action][1]:
        await settings.set(chat_id, CHOICES[action][0], value, query.from_user.id)
        await query.answer(t("settings-saved"))
    elif action == "show":
        await query.answer()
    elif action == "watch" and value in (0, 1):
        service: HelpService = data["help_service"]
        await service.set_watching(chat_id, query.from_user.id, bool(value))
        await query.answer(t("settings-saved"))
    elif action in ("cats", "add") or action.startswith(("rn.", "rs.")):
        await categories_step(query, message, community, action, data)
        return
    else:
        await query.answer(t("button-outdated"), show_alert=True)
        return
    values = await settings.values(chat_id)
    premod = values[REQUESTS_PREMODERATION.key]
    lines = [
        t("settings-rq-title", title=community.title),
        t("settings-rq-premod-on" if premod else "settings-rq-premod-off"),
        t("settings-rq-max", count=values[REQUESTS_MAX_OPEN.key]),
        t("settings-rq-told", count=values[REQUESTS_HELPERS_TOLD.key]),
        t("settings-rq-bump", count=values[REQUESTS_BUMP_HOURS.key]),
    ]
    rows = [
        [
            _button(
                chat_id,
                t("settings-rq-premod-turn-off" if premod else "settings-rq-premod-turn-on"),
                "premod",
                0 if premod else 1,
            )
        ]
    ]
    for action_name, (option, options) in CHOICES.items():
        current = values[option.key]
        rows.append(
            [
                _button(
                    chat_id,
                    ("✓ " if n == current else "")
                    + t(f"settings-rq-{action_name}-button", count=n),
                    action_name,
                    n,
                )
                for n in options
            ]
        )
    watching = query.from_user.id in await data["help_service"].repo.watchers(chat_id)
    lines.append(t("settings-rq-watching" if watching else "settings-rq-not-watching"))
    rows.append(
        [
            _button(
                chat_id,
                t("settings-rq-unwatch" if watching else "settings-rq-watch"),
                "watch",
                0 if watching else 1,
            )
        ]
    )
    rows.append([_button(chat_id, t("settings-rq-categories"), "cats")])
    await update_menu(message, "\n".join(lines), with_back(t, chat_id, rows))


async def categories_menu(
    chat_id: int, t: Texts, service: HelpService
) -> tuple[str, InlineKeyboardMarkup]:
    categories = await service.categories(chat_id)
    # Codes, not positions: a category added meanwhile must not shift what a button means.
    rows = [
        [_button(chat_id, "✏️ " + category_label(t, c), f"rn.{c.code}")]
        + ([_button(chat_id, "↩️", f"rs.{c.code}")] if c.name else [])
        for c in categories
    ]
    rows.append([_button(chat_id, t("settings-rq-add-category"), "add")])
    return t("settings-rq-categories-title"), with_back(t, chat_id, rows, "rq")


async def categories_step(
    query: CallbackQuery,
    message: Message,
    community: Community,
    action: str,
    data: dict[str, Any],
) -> None:
    t: Texts = data["t"]
    service: HelpService = data["help_service"]
    codes = {c.code for c in await service.categories(community.chat_id)}
    code = action[3:] if action.startswith(("rn.", "rs.")) else None
    if code is not None and code not in codes:
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await query.answer()
    if action == "add" or action.startswith("rn."):
        state: FSMContext = data["state"]
        await state.set_state(CategoryForm.name)
        await state.set_data({"chat": community.chat_id, "code": code})
        await message.answer(
            t("settings-rq-ask-name", limit=CATEGORY_NAME_LIMIT),
            reply_markup=InlineKeyboardMarkup(
                inline_keyboard=[back_row(t, community.chat_id, "rq", "cats")]
            ),
        )
        return
    if code is not None:
        # A built-in category gets its name back; one of the community's own is removed.
        await service.name_category(community.chat_id, code, None, query.from_user.id)
    text, keyboard = await categories_menu(community.chat_id, t, service)
    await update_menu(message, text, keyboard)


async def typed_name(message: Message, state: FSMContext, **data: Any) -> None:
    t: Texts = data["t"]
    service: HelpService = data["help_service"]
    assert message.from_user is not None
    name = " ".join((message.text or "").split())
    if not name:
        await message.answer(t("help-text-only"))
        return
    if len(name) > CATEGORY_NAME_LIMIT:
        await message.answer(t("help-too-long", length=len(name), limit=CATEGORY_NAME_LIMIT))
        return
    form = await state.get_data()
    chat_id = int(form.get("chat", 0))
    community = await data["communities"].get(chat_id)
    # Rights asked again when the name arrives, not only when the form was opened.
    if community is None or not await service.is_moderator(chat_id, message.from_user.id):
        await state.clear()
        await message.answer(t("not-allowed-moderators"))
        return
    await state.clear()
    if not await service.name_category(chat_id, form.get("code"), name, message.from_user.id):
        await message.answer(t("settings-rq-too-many-categories", count=CUSTOM_CATEGORIES))
        return
    text, keyboard = await categories_menu(chat_id, t, service)
    await message.answer(t("settings-saved") + "\n\n" + text, reply_markup=keyboard)
