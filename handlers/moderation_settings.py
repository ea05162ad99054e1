"""The "order" section of /settings: the welcome, the join gate, and what warnings lead to.
Every press re-checks the presser's rights; every change goes to the audit log."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.types import CallbackQuery

from bot.callbacks import SettingsCB
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.services.community_settings import (
    GATE_FAIL,
    GATE_ON,
    WARN_LIMIT,
    WARN_SANCTION,
    WELCOME_ON,
)
from bot.services.sanctions import LIMIT_SANCTIONS

SECTION = "md"
LIMITS = (2, 3, 5)
SANCTIONS = tuple(LIMIT_SANCTIONS)
FAILS = ("remove", "keep")


def router() -> Router:
    r = Router(name="moderation-settings")
    r.callback_query.register(settings_pressed, SettingsCB.filter(F.section == SECTION))
    return r


def _following(options: tuple[Any, ...], current: Any) -> int:
    return (options.index(current) + 1) % len(options) if current in options else 0


async def settings_pressed(query: CallbackQuery, callback_data: SettingsCB, **data: Any) -> None:
    from handlers.settings import moderated, section_keyboard

    found = await moderated(query, callback_data.chat_id, data)
    if found is None:
        return
    message, community = found
    t: Texts = data["t"]
    store = data["community_settings"]
    chat_id, action, value = community.chat_id, callback_data.action, callback_data.value
    by = query.from_user.id
    if action == "welcome" and value in (0, 1):
        await store.set(chat_id, WELCOME_ON, bool(value), by)
    elif action == "gate" and value in (0, 1):
        await store.set(chat_id, GATE_ON, bool(value), by)
    elif action == "fail" and 0 <= value < len(FAILS):
        await store.set(chat_id, GATE_FAIL, FAILS[value], by)
    elif action == "limit" and 0 <= value < len(LIMITS):
        await store.set(chat_id, WARN_LIMIT, LIMITS[value], by)
    elif action == "sanction" and 0 <= value < len(SANCTIONS):
        await store.set(chat_id, WARN_SANCTION, SANCTIONS[value], by)
    elif action != "show":
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await query.answer(t("settings-saved") if action != "show" else None)
    welcome = bool(await store.get(chat_id, WELCOME_ON))
    gate = bool(await store.get(chat_id, GATE_ON))
    fail = str(await store.get(chat_id, GATE_FAIL))
    limit = int(await store.get(chat_id, WARN_LIMIT))
    sanction = str(await store.get(chat_id, WARN_SANCTION))

    keyboard = section_keyboard(
        t,
        chat_id,
        SECTION,
        [
            (t(f"settings-md-welcome-{'off' if welcome else 'on'}"), "welcome", int(not welcome)),
            (t(f"settings-md-gate-{'off' if gate else 'on'}"), "gate", int(not gate)),
            (t("settings-md-change-fail"), "fail", _following(FAILS, fail)),
            (t("settings-md-change-limit"), "limit", _following(LIMITS, limit)),
            (t("settings-md-change-sanction"), "sanction", _following(SANCTIONS, sanction)),
        ],
    )
    text = "\n".join(
        [
            t("settings-md-title", title=community.title),
            t(f"settings-md-welcome-is-{'on' if welcome else 'off'}"),
            t(f"settings-md-gate-is-{'on' if gate else 'off'}"),
            t(f"settings-md-fail-{fail}"),
            t("settings-md-limit", limit=limit, sanction=t(f"settings-md-sanction-{sanction}")),
        ]
    )
    await update_menu(message, text, keyboard)
