"""/checkins: when to be asked how you are — your own schedule, or your community's suggestion
(never enrolled silently) — plus vacation, and consent to be checked on after hard days."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import ReminderCB
from bot.filters import PRIVATE, Inline, pressed_privately
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.checkins import Schedule
from bot.services.checkin_community import CommunityCheckins
from bot.services.checkins import SCHEDULE_KINDS, CheckinService
from bot.services.communities import CommunityService
from bot.texts import format_day, weekday_name, zone_label
from bot.timeutil import parse_local_time
from bot.views.checkins import DEEP_LINK_CHECKINS, describe_kind, schedule_words
from handlers.checkins.flow import consent_reply
from handlers.deeplinks import DeepLinks, sender_id


def router() -> Router:
    r = Router(name="checkin-reminders")
    r.message.register(reminders, Command("checkins", "reminders"), PRIVATE)
    r.callback_query.register(reminder_pressed, ReminderCB.filter())
    r.message.register(
        typed_time, StateFilter(ReminderForm.time), PRIVATE, Inline(~F.text.startswith("/"))
    )
    return r


REMINDER_TIMES = ("08:00", "09:00", "12:00", "18:00", "20:00", "21:00")


class ReminderForm(StatesGroup):
    time = State()


def _reminder(text: str, step: str, value: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=ReminderCB(step=step, value=value).pack())


def describe(t: Texts, schedule: Schedule | None, zone: str) -> str:
    if schedule is None or schedule.kind == "off":
        return t("reminder-off")
    when = schedule_words(t, schedule.kind, schedule.weekday)
    text = t("reminder-current", when=when, time=schedule.local_time, zone=zone_label(zone, t.lang))
    if schedule.paused_until is not None:
        text += "\n" + t("reminder-paused", date=format_day(schedule.paused_until, t.lang))
    return text


async def reminders(
    message: Message,
    state: FSMContext,
    t: Texts,
    checkin_service: CheckinService,
    community_checkins: CommunityCheckins,
    user_id: int | None = None,
) -> None:
    assert message.from_user is not None
    await state.clear()
    user_id = user_id or message.from_user.id
    schedule = await checkin_service.schedule_of(user_id)
    rows = []
    community = await community_checkins.offered(user_id)
    joined = community is not None and await community_checkins.joined(user_id, community.chat_id)
    lines = [describe(t, schedule, await checkin_service.zone(user_id))]
    if community is not None:
        suggested = await community_checkins.defaults(community.chat_id)
        if not joined:
            lines.append(t("checkins-not-joined", title=community.title))
            rows.append([_reminder(t("checkins-join-button"), "join")])
        if suggested.kind != "off" and (schedule is None or schedule.kind == "off"):
            when = describe_kind(t, suggested)
            lines.append(t("reminder-suggested", title=community.title, when=when))
            rows.append([_reminder(t("reminder-use-suggested"), "suggested")])
    rows += [
        [_reminder(t("reminder-kind-daily"), "kind", 1)],
        [_reminder(t("reminder-kind-weekdays"), "kind", 2)],
        [_reminder(t("reminder-weekly-button"), "kind", 3)],
        [_reminder(t("reminder-turn-off"), "kind", 0)],
    ]
    if schedule is not None and schedule.kind != "off":
        pause = (
            _reminder(t("reminder-resume"), "pause", 0)
            if schedule.paused_until
            else _reminder(t("reminder-pause-button"), "pause", -1)
        )
        rows.append([pause])
    if community is not None and joined:
        on = await community_checkins.check_on(user_id, community.chat_id)
        lines.append(t("checkon-status-on" if on else "checkon-status-off", title=community.title))
        key = "checkon-turn-off" if on else "checkon-turn-on"
        rows.append([_reminder(t(key), "checkon", 0 if on else 1)])
        rows.append([_reminder(t("checkins-leave-button", title=community.title), "leave")])
    lines += ["", t("reminder-ask")]
    await message.answer("\n".join(lines), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


def register_links(links: DeepLinks) -> None:
    links.add(DEEP_LINK_CHECKINS, join_link)


async def join_link(message: Message, chat_id: int, context: dict[str, Any]) -> None:
    """/start ci<chat id>, the button under a community's invitation: joining is the member's
    own press, with the community's suggested schedule or a time of their own."""
    t: Texts = context["t"]
    community_service: CommunityService = context["community_service"]
    community_checkins: CommunityCheckins = context["community_checkins"]
    user_id = sender_id(message)
    community = await community_service.select(user_id, chat_id)
    if community is None:
        await message.answer(t("community-link-invalid"))
        return
    if not await community_checkins.enabled(chat_id):
        await message.answer(t("checkins-off-here"))
        return
    if await community_checkins.joined(user_id, chat_id):
        await message.answer(t("checkins-already-joined", title=community.title))
        return
    suggested = await community_checkins.defaults(chat_id)
    rows = []
    lines = [t("checkins-join-offer", title=community.title)]
    if suggested.kind != "off":
        zone = zone_label(await community_checkins.checkins.zone(user_id), t.lang)
        lines.append(t("checkins-join-suggested", when=describe_kind(t, suggested), zone=zone))
        rows.append([_reminder(t("checkins-join-with-schedule"), "suggested")])
    rows.append([_reminder(t("checkins-join-button"), "join")])
    await message.answer(
        "\n\n".join(lines), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows)
    )


def time_keyboard(t: Texts) -> InlineKeyboardMarkup:
    buttons = [_reminder(value, "time", i) for i, value in enumerate(REMINDER_TIMES)]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    rows.append([_reminder(t("reminder-other-time"), "typed")])
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def community_step(
    message: Message,
    user_id: int,
    step: str,
    value: int,
    t: Texts,
    state: FSMContext,
    service: CheckinService,
    cc: CommunityCheckins,
) -> None:
    offered = await cc.offered(user_id)
    if offered is None:
        await message.answer(t("checkins-off-here"))
    elif step in ("suggested", "join"):
        await cc.join(user_id, offered.chat_id, suggested_schedule=step == "suggested")
        schedule = await service.schedule_of(user_id)
        text = t("checkins-joined", title=offered.title) + "\n" + t("checkins-joined-pulse")
        if schedule is not None and schedule.kind != "off":
            text += "\n\n" + describe(t, schedule, await service.zone(user_id))
        await update_menu(message, text, None)
        if schedule is None or schedule.kind == "off":
            await reminders(message, state, t, service, cc, user_id=user_id)
    elif step == "leave":
        await cc.leave(user_id, offered.chat_id)
        await update_menu(message, t("checkins-left", title=offered.title), None)
    elif step == "checkon" and value in (0, 1):
        if not await cc.joined(user_id, offered.chat_id):
            await message.answer(t("button-outdated"))
            return
        await cc.set_check_on(user_id, offered.chat_id, bool(value))
        await message.answer(await consent_reply(t, offered, bool(value), cc))
    else:
        await message.answer(t("button-outdated"))


async def reminder_pressed(query: CallbackQuery, callback_data: ReminderCB, **data: Any) -> None:
    t: Texts = data["t"]
    state: FSMContext = data["state"]
    service: CheckinService = data["checkin_service"]
    # Only ever changes the presser's own reminders, and only from their private chat.
    message = await pressed_privately(query, t)
    if message is None:
        return
    user_id = query.from_user.id
    step, value = callback_data.step, callback_data.value
    draft = await state.get_data()
    cc: CommunityCheckins = data["community_checkins"]
    await query.answer()
    if step in ("suggested", "join", "leave", "checkon"):
        await community_step(message, user_id, step, value, t, state, service, cc)
        return
    if step == "kind" and 0 <= value < len(SCHEDULE_KINDS):
        kind = SCHEDULE_KINDS[value]
        if kind == "off":
            await state.clear()
            await service.set_schedule(user_id, "off", 0, "20:00")
            await update_menu(message, t("reminder-off"), None)
            return
        await state.set_data({"reminder_kind": kind})
        if kind == "weekly":
            days = [_reminder(weekday_name(t.lang, d), "day", d) for d in range(7)]
            rows = [days[i : i + 4] for i in range(0, 7, 4)]
            await update_menu(
                message, t("reminder-ask-day"), InlineKeyboardMarkup(inline_keyboard=rows)
            )
        else:
            await update_menu(message, t("reminder-ask-time"), time_keyboard(t))
    elif step == "day" and 0 <= value < 7 and draft.get("reminder_kind") == "weekly":
        await state.update_data(reminder_day=value)
        await update_menu(message, t("reminder-ask-time"), time_keyboard(t))
    elif step == "time" and 0 <= value < len(REMINDER_TIMES) and draft.get("reminder_kind"):
        await save_reminder(message, user_id, REMINDER_TIMES[value], state, t, service)
    elif step == "pause" and value == -1:
        options = [_reminder(t(f"reminder-pause-{days}"), "pause", days) for days in (7, 14, 30)]
        await update_menu(
            message, t("reminder-pause-ask"), InlineKeyboardMarkup(inline_keyboard=[options])
        )
    elif step == "pause" and value in (0, 7, 14, 30):
        until = await service.pause(user_id, value)
        if until is None:
            await update_menu(message, t("reminder-resumed"), None)
        else:
            await update_menu(message, t("reminder-paused", date=format_day(until, t.lang)), None)
    elif step == "typed" and draft.get("reminder_kind"):
        await state.set_state(ReminderForm.time)
        await message.answer(t("reminder-type-time"))
    else:
        await message.answer(t("button-outdated"))


async def typed_time(
    message: Message, state: FSMContext, t: Texts, checkin_service: CheckinService
) -> None:
    assert message.from_user is not None
    local_time = parse_local_time(message.text or "")
    if local_time is None:
        await message.answer(t("reminder-time-invalid"))
        return
    await save_reminder(message, message.from_user.id, local_time, state, t, checkin_service)


async def save_reminder(
    message: Message,
    user_id: int,
    local_time: str,
    state: FSMContext,
    t: Texts,
    service: CheckinService,
) -> None:
    draft = await state.get_data()
    kind = str(draft.get("reminder_kind", "daily"))
    weekday = int(draft.get("reminder_day", 0))
    await state.clear()
    await service.set_schedule(user_id, kind, weekday, local_time)
    schedule = await service.schedule_of(user_id)
    await message.answer(describe(t, schedule, await service.zone(user_id)))
