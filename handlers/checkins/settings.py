"""/settings → Check-ins: moderators turn check-ins on, suggest a schedule members may take up,
set the community's own crisis lines, invite members, and subscribe to the weekly summary."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import CheckinSettingsAction, CheckinSettingsCB, SettingsCB
from bot.config import Settings
from bot.filters import PRIVATE, Inline
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.communities import CommunitiesRepo, Community
from bot.runtime import Runtime
from bot.services.checkin_community import CommunityCheckins, Defaults
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
from bot.texts import utf16_len, weekday_name, zone_label
from bot.views.checkins import describe_kind
from handlers.settings import SectionPress, SectionStep, back_row, section_press, with_back

SUGGESTED_TIMES = ("08:00", "09:00", "12:00", "18:00", "20:00", "21:00")
SUMMARY_TIMES = ("09:00", "10:00", "12:00", "18:00", "20:00")


class CrisisForm(StatesGroup):
    text = State()


CS = CheckinSettingsAction
SECTION = "ci"


def router() -> Router:
    r = Router(name="checkin-settings")
    r.callback_query.register(section_press(opened, _show), SettingsCB.filter(F.section == SECTION))
    for action, step in STEPS.items():
        r.callback_query.register(_press(step), CheckinSettingsCB.filter(F.action == action))
    r.message.register(
        typed_crisis, StateFilter(CrisisForm.text), PRIVATE, Inline(~F.text.startswith("/"))
    )
    return r


def _button(
    chat_id: int, text: str, action: CheckinSettingsAction, **values: Any
) -> InlineKeyboardButton:
    callback = CheckinSettingsCB(chat_id=chat_id, action=action, **values)
    return InlineKeyboardButton(text=text, callback_data=callback.pack())


def _grid(buttons: list[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


@dataclass(frozen=True)
class Section:
    """What the section reads and writes."""

    store: CommunitySettings
    cc: CommunityCheckins
    settings: Settings


async def render(
    community: Community, t: Texts, user_id: int, section: Section
) -> tuple[str, InlineKeyboardMarkup]:
    cc = section.cc
    values = await section.store.values(community.chat_id)
    chat_id = community.chat_id
    on = values[CHECKINS_ENABLED.key]
    suggested = Defaults(
        values[CHECKINS_DEFAULT_KIND.key],
        values[CHECKINS_DEFAULT_WEEKDAY.key],
        values[CHECKINS_DEFAULT_TIME.key],
    )
    subscribed = await cc.subscribed(chat_id, user_id)
    zone = community.timezone or section.settings.default_timezone
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
                CS.TURN,
                on=not on,
            )
        ],
        [_button(chat_id, t("settings-ci-suggest"), CS.SUGGEST)],
        [_button(chat_id, t("settings-ci-crisis"), CS.CRISIS)],
    ]
    if values[CHECKINS_CRISIS_TEXT.key]:
        rows.append([_button(chat_id, t("settings-ci-crisis-reset"), CS.CRISIS_RESET)])
    rows.append(
        [
            _button(
                chat_id,
                t("settings-ci-unsubscribe" if subscribed else "settings-ci-subscribe"),
                CS.SUBSCRIBE,
                on=not subscribed,
            ),
            _button(chat_id, t("settings-ci-summary-when"), CS.SUMMARY_DAY),
        ]
    )
    if on:
        rows.append([_button(chat_id, t("settings-ci-invite"), CS.INVITE)])
    return "\n".join(lines), with_back(t, chat_id, rows)


async def show(
    message: Message,
    community: Community,
    t: Texts,
    user_id: int,
    section: Section,
    *,
    edit: bool,
) -> None:
    text, keyboard = await render(community, t, user_id, section)
    if edit:
        await update_menu(message, text, keyboard)
    else:
        await message.answer(text, reply_markup=keyboard)


Press = SectionPress[CheckinSettingsCB]
Step = SectionStep[CheckinSettingsCB]


def _section(runtime: Runtime) -> Section:
    return Section(runtime.community_settings, runtime.community_checkins, runtime.settings)


async def _show(p: SectionPress[Any]) -> None:
    await show(p.message, p.community, p.t, p.by, _section(p.runtime), edit=True)


def _press(step: Step) -> Callable[..., Awaitable[None]]:
    return section_press(step, _show)


async def _menu(p: Press, text: str, buttons: list[InlineKeyboardButton], width: int) -> None:
    """A choice in place of the section, with the way back to it."""
    await p.query.answer()
    keyboard = with_back(p.t, p.chat_id, _grid(buttons, width), SECTION)
    await update_menu(p.message, text, keyboard)


async def opened(p: SectionPress[SettingsCB]) -> bool:
    """The section itself (from the settings menu, or "Back" to it)."""
    if p.cb.action != "show":
        return await p.outdated()
    await p.query.answer()
    return True


async def turn(p: Press) -> bool:
    await p.store.set(p.chat_id, CHECKINS_ENABLED, p.cb.on, p.by)
    await p.query.answer(p.t("settings-ci-turned-on" if p.cb.on else "settings-ci-turned-off"))
    return True


async def suggest(p: Press) -> bool:
    t = p.t
    buttons = [
        _button(
            p.chat_id,
            t("reminder-turn-off") if k == "off" else t(f"settings-ci-kind-{k}"),
            CS.KIND,
            kind=i,
        )
        for i, k in enumerate(SCHEDULE_KINDS)
    ]
    await _menu(p, t("settings-ci-suggest-ask"), buttons, 2)
    return False


async def kind(p: Press) -> bool:
    if p.cb.kind >= len(SCHEDULE_KINDS):
        return await p.outdated()
    chosen = SCHEDULE_KINDS[p.cb.kind]
    if chosen == "off":
        await p.query.answer()
        await p.store.set(p.chat_id, CHECKINS_DEFAULT_KIND, "off", p.by)
        return True
    if chosen == "weekly":
        days = [
            _button(p.chat_id, weekday_name(p.t.lang, d), CS.DAY, kind=p.cb.kind, weekday=d)
            for d in range(7)
        ]
        await _menu(p, p.t("reminder-ask-day"), days, 4)
        return False
    return await day(p)


async def day(p: Press) -> bool:
    """The time of the suggested schedule (a weekly one's day known)."""
    buttons = [
        _button(p.chat_id, moment, CS.TIME, kind=p.cb.kind, weekday=p.cb.weekday, slot=i)
        for i, moment in enumerate(SUGGESTED_TIMES)
    ]
    await _menu(p, p.t("settings-ci-suggest-time"), buttons, 3)
    return False


async def time(p: Press) -> bool:
    cb = p.cb
    if not 1 <= cb.kind < len(SCHEDULE_KINDS) or not 0 <= cb.slot < len(SUGGESTED_TIMES):
        return await p.outdated()
    await p.store.set(p.chat_id, CHECKINS_DEFAULT_KIND, SCHEDULE_KINDS[cb.kind], p.by)
    await p.store.set(p.chat_id, CHECKINS_DEFAULT_WEEKDAY, cb.weekday, p.by)
    await p.store.set(p.chat_id, CHECKINS_DEFAULT_TIME, SUGGESTED_TIMES[cb.slot], p.by)
    await p.query.answer(p.t("settings-saved"))
    return True


async def crisis(p: Press) -> bool:
    await p.query.answer()
    await p.state.set_state(CrisisForm.text)
    await p.state.set_data({"crisis_chat": p.chat_id})
    await p.message.answer(
        p.t("settings-ci-crisis-ask", limit=CRISIS_TEXT_LIMIT),
        reply_markup=InlineKeyboardMarkup(inline_keyboard=[back_row(p.t, p.chat_id, SECTION)]),
    )
    return False


async def crisis_reset(p: Press) -> bool:
    await p.store.set(p.chat_id, CHECKINS_CRISIS_TEXT, None, p.by)
    await p.query.answer(p.t("settings-saved"))
    return True


async def subscribe(p: Press) -> bool:
    await p.runtime.community_checkins.set_subscribed(p.chat_id, p.by, p.cb.on)
    await p.query.answer(p.t("settings-ci-subscribed" if p.cb.on else "settings-ci-not-subscribed"))
    return True


async def summary_day(p: Press) -> bool:
    days = [
        _button(p.chat_id, weekday_name(p.t.lang, d), CS.SUMMARY_TIME, weekday=d) for d in range(7)
    ]
    await _menu(p, p.t("settings-ci-summary-day"), days, 4)
    return False


async def summary_time(p: Press) -> bool:
    cb = p.cb
    if cb.slot < 0:  # the day was chosen: now the time
        buttons = [
            _button(p.chat_id, moment, CS.SUMMARY_TIME, weekday=cb.weekday, slot=i)
            for i, moment in enumerate(SUMMARY_TIMES)
        ]
        await _menu(p, p.t("settings-ci-summary-time"), buttons, 3)
        return False
    if cb.slot >= len(SUMMARY_TIMES):
        return await p.outdated()
    await p.store.set(p.chat_id, CHECKINS_SUMMARY_WEEKDAY, cb.weekday, p.by)
    await p.store.set(p.chat_id, CHECKINS_SUMMARY_TIME, SUMMARY_TIMES[cb.slot], p.by)
    await p.query.answer(p.t("settings-saved"))
    return True


async def invite(p: Press) -> bool:
    if not await p.runtime.community_checkins.enabled(p.chat_id):
        return await p.outdated()
    me = await p.runtime.bot.me()
    await p.runtime.community_checkins.invite(p.community, me.username or "")
    await p.query.answer(p.t("settings-ci-invited"), show_alert=True)
    return True


STEPS: dict[CheckinSettingsAction, Step] = {
    CS.TURN: turn,
    CS.SUGGEST: suggest,
    CS.KIND: kind,
    CS.DAY: day,
    CS.TIME: time,
    CS.CRISIS: crisis,
    CS.CRISIS_RESET: crisis_reset,
    CS.SUBSCRIBE: subscribe,
    CS.SUMMARY_DAY: summary_day,
    CS.SUMMARY_TIME: summary_time,
    CS.INVITE: invite,
}


async def typed_crisis(
    message: Message,
    state: FSMContext,
    t: Texts,
    communities: CommunitiesRepo,
    permissions: Permissions,
    settings: Settings,
    community_settings: CommunitySettings,
    community_checkins: CommunityCheckins,
) -> None:
    assert message.from_user is not None
    text = (message.text or "").strip()
    if not text:
        await message.answer(t("settings-ci-crisis-ask", limit=CRISIS_TEXT_LIMIT))
        return
    if utf16_len(text) > CRISIS_TEXT_LIMIT:  # as Telegram counts: an emoji is two
        await message.answer(
            t("settings-ci-crisis-too-long", length=utf16_len(text), limit=CRISIS_TEXT_LIMIT)
        )
        return
    chat_id = int((await state.get_data()).get("crisis_chat", 0))
    community = await communities.get(chat_id)
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
    await community_settings.set(chat_id, CHECKINS_CRISIS_TEXT, text, message.from_user.id)
    await message.answer(t("settings-saved"))
    section = Section(community_settings, community_checkins, settings)
    await show(message, community, t, message.from_user.id, section, edit=False)
