"""/settings → Check-ins: moderators turn check-ins on, suggest a schedule members may take up,
set the community's own crisis lines, invite members, and subscribe to the weekly summary."""

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
from bot.services.checkin_community import CommunityCheckins, Defaults, describe_kind
from bot.services.checkins import SCHEDULE_KINDS
from bot.services.community_settings import (
    CHECKINS_CRISIS_TEXT,
    CHECKINS_DEFAULT_KIND,
    CHECKINS_DEFAULT_TIME,
    CHECKINS_DEFAULT_WEEKDAY,
    CHECKINS_ENABLED,
    CHECKINS_SUMMARY_TIME,
    CHECKINS_SUMMARY_WEEKDAY,
    CRISIS_TEXT_LIMIT,
    CommunitySettings,
)
from bot.services.permissions import Action, Actor, Permissions
from bot.texts import weekday_name, zone_label
from handlers.settings import back_row, moderated, with_back

SUGGESTED_TIMES = ("08:00", "09:00", "12:00", "18:00", "20:00", "21:00")
SUMMARY_TIMES = ("09:00", "10:00", "12:00", "18:00", "20:00")


class CrisisForm(StatesGroup):
    text = State()


def router() -> Router:
    r = Router(name="checkin-settings")
    r.callback_query.register(pressed, SettingsCB.filter(F.section == "ci"))
    r.message.register(
        typed_crisis, StateFilter(CrisisForm.text), PRIVATE, Inline(~F.text.startswith("/"))
    )
    return r


def _button(chat_id: int, text: str, action: str, value: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text,
        callback_data=SettingsCB(chat_id=chat_id, section="ci", action=action, value=value).pack(),
    )


def _grid(buttons: list[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


async def render(
    community: Community, t: Texts, user_id: int, data: dict[str, Any]
) -> tuple[str, InlineKeyboardMarkup]:
    cc: CommunityCheckins = data["community_checkins"]
    values = await data["community_settings"].values(community.chat_id)
    chat_id = community.chat_id
    on = values[CHECKINS_ENABLED.key]
    suggested = Defaults(
        values[CHECKINS_DEFAULT_KIND.key],
        values[CHECKINS_DEFAULT_WEEKDAY.key],
        values[CHECKINS_DEFAULT_TIME.key],
    )
    subscribed = await cc.subscribed(chat_id, user_id)
    zone = community.timezone or data["settings"].default_timezone
    lines = [
        t("settings-ci-title", title=community.title),
        t("settings-ci-on" if on else "settings-ci-off"),
        (
            t("settings-ci-suggested", when=describe_kind(t, suggested))
            if suggested.kind != "off"
            else t("settings-ci-suggested-none")
        ),
        t(
            "settings-ci-crisis-own"
            if values[CHECKINS_CRISIS_TEXT.key]
            else "settings-ci-crisis-builtin"
        ),
        t(
            "settings-ci-summary",
            day=weekday_name(t.lang, values[CHECKINS_SUMMARY_WEEKDAY.key]),
            time=values[CHECKINS_SUMMARY_TIME.key],
            zone=zone_label(zone, t.lang),
        ),
        t("settings-ci-subscribed" if subscribed else "settings-ci-not-subscribed"),
    ]
    rows = [
        [
            _button(
                chat_id,
                t("settings-ci-turn-off" if on else "settings-ci-turn-on"),
                "on",
                0 if on else 1,
            )
        ],
        [_button(chat_id, t("settings-ci-suggest"), "suggest")],
        [_button(chat_id, t("settings-ci-crisis"), "crisis")],
    ]
    if values[CHECKINS_CRISIS_TEXT.key]:
        rows.append([_button(chat_id, t("settings-ci-crisis-reset"), "crisisreset")])
    rows.append(
        [
            _button(
                chat_id,
                t("settings-ci-unsubscribe" if subscribed else "settings-ci-subscribe"),
                "sub",
                0 if subscribed else 1,
            ),
            _button(chat_id, t("settings-ci-summary-when"), "swhen"),
        ]
    )
    if on:
        rows.append([_button(chat_id, t("settings-ci-invite"), "invite")])
    return "\n".join(lines), with_back(t, chat_id, rows)


async def show(
    message: Message,
    community: Community,
    t: Texts,
    user_id: int,
    data: dict[str, Any],
    *,
    edit: bool,
) -> None:
    text, keyboard = await render(community, t, user_id, data)
    if edit:
        await update_menu(message, text, keyboard)
    else:
        await message.answer(text, reply_markup=keyboard)


async def pressed(query: CallbackQuery, callback_data: SettingsCB, **data: Any) -> None:
    found = await moderated(query, callback_data.chat_id, data)
    if found is None:
        return
    message, community = found
    t: Texts = data["t"]
    settings: CommunitySettings = data["community_settings"]
    cc: CommunityCheckins = data["community_checkins"]
    chat_id, user_id = community.chat_id, query.from_user.id
    action, value = callback_data.action, callback_data.value
    kinds = len(SCHEDULE_KINDS)
    if action == "on" and value in (0, 1):
        await settings.set(chat_id, CHECKINS_ENABLED, bool(value), user_id)
        await query.answer(t("settings-ci-turned-on" if value else "settings-ci-turned-off"))
    elif action == "suggest":
        await query.answer()
        buttons = [
            _button(
                chat_id,
                t("reminder-turn-off") if k == "off" else t(f"settings-ci-kind-{k}"),
                "skind",
                i,
            )
            for i, k in enumerate(SCHEDULE_KINDS)
        ]
        await update_menu(
            message, t("settings-ci-suggest-ask"), with_back(t, chat_id, _grid(buttons, 2), "ci")
        )
        return
    elif action == "skind" and 0 <= value < kinds:
        await query.answer()
        kind = SCHEDULE_KINDS[value]
        if kind == "off":
            await settings.set(chat_id, CHECKINS_DEFAULT_KIND, "off", user_id)
        elif kind == "weekly":
            days = [_button(chat_id, weekday_name(t.lang, d), "sday", d) for d in range(7)]
            await update_menu(
                message, t("reminder-ask-day"), with_back(t, chat_id, _grid(days, 4), "ci")
            )
            return
        else:
            await ask_time(message, chat_id, t, "stime", value * 10)
            return
    elif action == "sday" and 0 <= value < 7:
        await query.answer()
        await ask_time(message, chat_id, t, "stime", SCHEDULE_KINDS.index("weekly") * 10 + value)
        return
    elif (
        action == "stime"
        and value // 100 in range(1, kinds)
        and value % 100 // 10 < 7
        and value % 10 < len(SUGGESTED_TIMES)
    ):
        kind_index, weekday, time_index = value // 100, value % 100 // 10, value % 10
        await settings.set(chat_id, CHECKINS_DEFAULT_KIND, SCHEDULE_KINDS[kind_index], user_id)
        await settings.set(chat_id, CHECKINS_DEFAULT_WEEKDAY, weekday, user_id)
        await settings.set(chat_id, CHECKINS_DEFAULT_TIME, SUGGESTED_TIMES[time_index], user_id)
        await query.answer(t("settings-saved"))
    elif action == "crisis":
        await query.answer()
        state: FSMContext = data["state"]
        await state.set_state(CrisisForm.text)
        await state.set_data({"crisis_chat": chat_id})
        await message.answer(
            t("settings-ci-crisis-ask", limit=CRISIS_TEXT_LIMIT),
            reply_markup=InlineKeyboardMarkup(inline_keyboard=[back_row(t, chat_id, "ci")]),
        )
        return
    elif action == "crisisreset":
        await settings.set(chat_id, CHECKINS_CRISIS_TEXT, None, user_id)
        await query.answer(t("settings-saved"))
    elif action == "sub" and value in (0, 1):
        await cc.set_subscribed(chat_id, user_id, bool(value))
        await query.answer(t("settings-ci-subscribed" if value else "settings-ci-not-subscribed"))
    elif action == "swhen":
        await query.answer()
        days = [_button(chat_id, weekday_name(t.lang, d), "swday", d) for d in range(7)]
        await update_menu(
            message, t("settings-ci-summary-day"), with_back(t, chat_id, _grid(days, 4), "ci")
        )
        return
    elif action == "swday" and 0 <= value < 7:
        await query.answer()
        buttons = [
            _button(chat_id, moment, "swtime", value * 10 + i)
            for i, moment in enumerate(SUMMARY_TIMES)
        ]
        await update_menu(
            message, t("settings-ci-summary-time"), with_back(t, chat_id, _grid(buttons, 3), "ci")
        )
        return
    elif action == "swtime" and value >= 0 and value // 10 < 7 and value % 10 < len(SUMMARY_TIMES):
        await settings.set(chat_id, CHECKINS_SUMMARY_WEEKDAY, value // 10, user_id)
        await settings.set(chat_id, CHECKINS_SUMMARY_TIME, SUMMARY_TIMES[value % 10], user_id)
        await query.answer(t("settings-saved"))
    elif action == "invite" and await cc.enabled(chat_id):
        me = await data["runtime"].bot.me()
        await cc.invite(community, me.username or "")
        await query.answer(t("settings-ci-invited"), show_alert=True)
    elif action == "show":
        await query.answer()
    else:
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await show(message, community, t, user_id, data, edit=True)


async def ask_time(message: Message, chat_id: int, t: Texts, action: str, prefix: int) -> None:
    buttons = [
        _button(chat_id, moment, action, prefix * 10 + i)
        for i, moment in enumerate(SUGGESTED_TIMES)
    ]
    await update_menu(
        message, t("settings-ci-suggest-time"), with_back(t, chat_id, _grid(buttons, 3), "ci")
    )


async def typed_crisis(message: Message, state: FSMContext, **data: Any) -> None:
    t: Texts = data["t"]
    assert message.from_user is not None
    text = (message.text or "").strip()
    if not text:
        await message.answer(t("settings-ci-crisis-ask", limit=CRISIS_TEXT_LIMIT))
        return
    if len(text) > CRISIS_TEXT_LIMIT:
        await message.answer(
            t("settings-ci-crisis-too-long", length=len(text), limit=CRISIS_TEXT_LIMIT)
        )
        return
    chat_id = int((await state.get_data()).get("crisis_chat", 0))
    permissions: Permissions = data["permissions"]
    community = await data["communities"].get(chat_id)
    # Rights are checked when the text arrives, not only when the form was opened.
    if (
        community is None
        or not community.active
        or not await permissions.may(chat_id, Actor(message.from_user.id), Action.MODERATE)
    ):
        await state.clear()
        await message.answer(t("not-allowed-moderators"))
        return
    await state.clear()
    await data["community_settings"].set(chat_id, CHECKINS_CRISIS_TEXT, text, message.from_user.id)
    await message.answer(t("settings-saved"))
    await show(message, community, t, message.from_user.id, data, edit=False)
