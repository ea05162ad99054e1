"""/settings → Requests: pre-moderation, how many open requests a member may have, how many
helpers each request is offered to, when an unanswered request is raised again."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import SettingsCB
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.services.community_settings import (
    REQUESTS_BUMP_HOURS,
    REQUESTS_HELPERS_TOLD,
    REQUESTS_MAX_OPEN,
    REQUESTS_PREMODERATION,
    CommunitySettings,
    Option,
)
from handlers.settings import moderated

CHOICES: dict[str, tuple[Option, tuple[int, ...]]] = {
    "max": (REQUESTS_MAX_OPEN, (1, 3, 5, 10)),
    "told": (REQUESTS_HELPERS_TOLD, (0, 3, 5, 10)),
    "bump": (REQUESTS_BUMP_HOURS, (12, 24, 48)),
}


def router() -> Router:
    r = Router(name="requests-settings")
    r.callback_query.register(pressed, SettingsCB.filter(F.section == "rq"))
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
    rows.append(
        [
            InlineKeyboardButton(
                text=t("settings-back"),
                callback_data=SettingsCB(chat_id=chat_id, section="main").pack(),
            )
        ]
    )
    await update_menu(message, "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows))
