"""/checkins: when to be asked how you are — your own schedule, or your community's suggestion
(never enrolled silently) — plus vacation, and consent to be checked on after hard days."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import ReminderAction, ReminderCB
from bot.filters import PRIVATE, Inline, pressed_privately
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.checkins import Schedule
from bot.repos.communities import Community
from bot.services.checkin_community import CommunityCheckins
from bot.services.checkins import SCHEDULE_KINDS, CheckinService
from bot.texts import format_day, weekday_name, zone_label
from bot.timeutil import parse_local_time
from bot.views.checkins import DEEP_LINK_CHECKINS, describe_kind, schedule_words
from handlers.checkins.flow import consent_reply
from handlers.deeplinks import DeepLinks, LinkContext, sender_id


def router() -> Router:
    r = Router(name="checkin-reminders")
    r.message.register(reminders, Command("checkins", "reminders"), PRIVATE)
    for handler, steps in PRESSES.items():
        r.callback_query.register(handler, ReminderCB.filter(F.step.in_(steps)))
    r.message.register(
        typed_time, StateFilter(ReminderForm.time), PRIVATE, Inline(~F.text.startswith("/"))
    )
    return r


REMINDER_TIMES = ("08:00", "09:00", "12:00", "18:00", "20:00", "21:00")


class ReminderForm(StatesGroup):
    time = State()


def _reminder(text: str, step: ReminderAction, value: int = 0) -> InlineKeyboardButton:
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
            rows.append([_reminder(t("checkins-join-button"), ReminderAction.JOIN)])
        if suggested.kind != "off" and (schedule is None or schedule.kind == "off"):
            when = describe_kind(t, suggested)
            lines.append(t("reminder-suggested", title=community.title, when=when))
            rows.append([_reminder(t("reminder-use-suggested"), ReminderAction.SUGGESTED)])
    rows += [
        [_reminder(t("reminder-kind-daily"), ReminderAction.KIND, 1)],
        [_reminder(t("reminder-kind-weekdays"), ReminderAction.KIND, 2)],
        [_reminder(t("reminder-weekly-button"), ReminderAction.KIND, 3)],
        [_reminder(t("reminder-turn-off"), ReminderAction.KIND, 0)],
    ]
    if schedule is not None and schedule.kind != "off":
        pause = (
            _reminder(t("reminder-resume"), ReminderAction.PAUSE, 0)
            if schedule.paused_until
            else _reminder(t("reminder-pause-button"), ReminderAction.PAUSE, -1)
        )
        rows.append([pause])
    if community is not None and joined:
        on = await community_checkins.check_on(user_id, community.chat_id)
        lines.append(t("checkon-status-on" if on else "checkon-status-off", title=community.title))
        key = "checkon-turn-off" if on else "checkon-turn-on"
        rows.append([_reminder(t(key), ReminderAction.CHECKON, 0 if on else 1)])
        rows.append(
            [_reminder(t("checkins-leave-button", title=community.title), ReminderAction.LEAVE)]
        )
    lines += ["", t("reminder-ask")]
    await message.answer("\n".join(lines), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


def register_links(links: DeepLinks) -> None:
    links.add(DEEP_LINK_CHECKINS, join_link)


async def join_link(message: Message, chat_id: int, context: LinkContext) -> None:
    """/start ci<chat id>, the button under a community's invitation: joining is the member's
    own press, with the community's suggested schedule or a time of their own."""
    t, runtime = context.t, context.runtime
    community_service, community_checkins = runtime.community_service, runtime.community_checkins
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
        checkin_service = runtime.checkins
        zone = zone_label(await checkin_service.zone(user_id), t.lang)
        lines.append(t("checkins-join-suggested", when=describe_kind(t, suggested), zone=zone))
        rows.append([_reminder(t("checkins-join-with-schedule"), ReminderAction.SUGGESTED)])
    rows.append([_reminder(t("checkins-join-button"), ReminderAction.JOIN)])
    await message.answer(
        "\n\n".join(lines), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows)
    )


def time_keyboard(t: Texts) -> InlineKeyboardMarkup:
    buttons = [_reminder(value, ReminderAction.TIME, i) for i, value in enumerate(REMINDER_TIMES)]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    rows.append([_reminder(t("reminder-other-time"), ReminderAction.TYPED)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def _pressed(query: CallbackQuery, t: Texts) -> Message | None:
    """Only ever changes the presser's own reminders, and only from their private chat; what
    cannot be done is said in the chat (the press itself is answered at once)."""
    message = await pressed_privately(query, t)
    if message is not None:
        await query.answer()
    return message


async def _outdated(message: Message, t: Texts) -> None:
    await message.answer(t("button-outdated"))


async def _offered(
    query: CallbackQuery, t: Texts, cc: CommunityCheckins
) -> tuple[Message, Community] | None:
    """A press about the community's check-ins: the one offered to the presser, if any."""
    message = await _pressed(query, t)
    if message is None:
        return None
    offered = await cc.offered(query.from_user.id)
    if offered is None:
        await message.answer(t("checkins-off-here"))
        return None
    return message, offered


async def join(
    query: CallbackQuery,
    callback_data: ReminderCB,
    state: FSMContext,
    t: Texts,
    checkin_service: CheckinService,
    community_checkins: CommunityCheckins,
) -> None:
    """Joining the community's check-ins, with its suggested schedule or without."""
    found = await _offered(query, t, community_checkins)
    if found is None:
        return
    message, offered = found
    user_id = query.from_user.id
    suggested = callback_data.step is ReminderAction.SUGGESTED
    await community_checkins.join(user_id, offered.chat_id, suggested_schedule=suggested)
    schedule = await checkin_service.schedule_of(user_id)
    text = t("checkins-joined", title=offered.title) + "\n" + t("checkins-joined-pulse")
    if schedule is not None and schedule.kind != "off":
        text += "\n\n" + describe(t, schedule, await checkin_service.zone(user_id))
    await update_menu(message, text, None)
    if schedule is None or schedule.kind == "off":
        await reminders(message, state, t, checkin_service, community_checkins, user_id=user_id)


async def leave(query: CallbackQuery, t: Texts, community_checkins: CommunityCheckins) -> None:
    found = await _offered(query, t, community_checkins)
    if found is None:
        return
    message, offered = found
    await community_checkins.leave(query.from_user.id, offered.chat_id)
    await update_menu(message, t("checkins-left", title=offered.title), None)


async def check_on(
    query: CallbackQuery,
    callback_data: ReminderCB,
    t: Texts,
    community_checkins: CommunityCheckins,
) -> None:
    found = await _offered(query, t, community_checkins)
    if found is None:
        return
    message, offered = found
    user_id = query.from_user.id
    if callback_data.value not in (0, 1) or not await community_checkins.joined(
        user_id, offered.chat_id
    ):
        await _outdated(message, t)
        return
    on = bool(callback_data.value)
    await community_checkins.set_check_on(user_id, offered.chat_id, on)
    await message.answer(await consent_reply(t, offered, on, community_checkins))


async def kind(
    query: CallbackQuery,
    callback_data: ReminderCB,
    state: FSMContext,
    t: Texts,
    checkin_service: CheckinService,
) -> None:
    message = await _pressed(query, t)
    if message is None:
        return
    if not 0 <= callback_data.value < len(SCHEDULE_KINDS):
        await _outdated(message, t)
        return
    chosen = SCHEDULE_KINDS[callback_data.value]
    if chosen == "off":
        await state.clear()
        await checkin_service.set_schedule(query.from_user.id, "off", 0, "20:00")
        await update_menu(message, t("reminder-off"), None)
        return
    await state.set_data({"reminder_kind": chosen})
    if chosen == "weekly":
        days = [_reminder(weekday_name(t.lang, d), ReminderAction.DAY, d) for d in range(7)]
        rows = [days[i : i + 4] for i in range(0, 7, 4)]
        await update_menu(
            message, t("reminder-ask-day"), InlineKeyboardMarkup(inline_keyboard=rows)
        )
    else:
        await update_menu(message, t("reminder-ask-time"), time_keyboard(t))


async def day(query: CallbackQuery, callback_data: ReminderCB, state: FSMContext, t: Texts) -> None:
    message = await _pressed(query, t)
    if message is None:
        return
    draft = await state.get_data()
    if not 0 <= callback_data.value < 7 or draft.get("reminder_kind") != "weekly":
        await _outdated(message, t)
        return
    await state.update_data(reminder_day=callback_data.value)
    await update_menu(message, t("reminder-ask-time"), time_keyboard(t))


async def time(
    query: CallbackQuery,
    callback_data: ReminderCB,
    state: FSMContext,
    t: Texts,
    checkin_service: CheckinService,
) -> None:
    message = await _pressed(query, t)
    if message is None:
        return
    draft = await state.get_data()
    if not 0 <= callback_data.value < len(REMINDER_TIMES) or not draft.get("reminder_kind"):
        await _outdated(message, t)
        return
    moment = REMINDER_TIMES[callback_data.value]
    await save_reminder(message, query.from_user.id, moment, state, t, checkin_service)


async def typed(query: CallbackQuery, state: FSMContext, t: Texts) -> None:
    """ "Another time": the person types it."""
    message = await _pressed(query, t)
    if message is None:
        return
    if not (await state.get_data()).get("reminder_kind"):
        await _outdated(message, t)
        return
    await state.set_state(ReminderForm.time)
    await message.answer(t("reminder-type-time"))


async def pause(
    query: CallbackQuery, callback_data: ReminderCB, t: Texts, checkin_service: CheckinService
) -> None:
    """-1: how long to pause for; 7, 14 or 30: paused that many days; 0: resumed."""
    message = await _pressed(query, t)
    if message is None:
        return
    days = callback_data.value
    if days == -1:
        options = [
            _reminder(t(f"reminder-pause-{n}"), ReminderAction.PAUSE, n) for n in (7, 14, 30)
        ]
        await update_menu(
            message, t("reminder-pause-ask"), InlineKeyboardMarkup(inline_keyboard=[options])
        )
        return
    if days not in (0, 7, 14, 30):
        await _outdated(message, t)
        return
    until = await checkin_service.pause(query.from_user.id, days)
    if until is None:
        await update_menu(message, t("reminder-resumed"), None)
    else:
        await update_menu(message, t("reminder-paused", date=format_day(until, t.lang)), None)


RA = ReminderAction
PRESSES: dict[Callable[..., Awaitable[None]], tuple[ReminderAction, ...]] = {
    join: (RA.SUGGESTED, RA.JOIN),
    leave: (RA.LEAVE,),
    check_on: (RA.CHECKON,),
    kind: (RA.KIND,),
    day: (RA.DAY,),
    time: (RA.TIME,),
    typed: (RA.TYPED,),
    pause: (RA.PAUSE,),
}


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
