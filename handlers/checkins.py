"""/checkin: how are you today? A mood, an optional note and tags, then a kind reflection and,
when it is hard, the ways to help."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import CheckinCB, ReminderCB
from bot.filters import PRIVATE, Inline
from bot.i18n import Texts
from bot.repos.checkins import Schedule
from bot.services.checkins import (
    K_ANONYMITY,
    LOW_MOOD,
    MOODS,
    NOTE_LIMIT,
    SCHEDULE_KINDS,
    TAGS,
    CheckinService,
    Pulse,
    Reflection,
    history,
)
from bot.services.communities import Choice, CommunityService
from bot.services.permissions import Action, Actor, Permissions
from bot.texts import format_day, utf16_len, weekday_name, zone_label
from bot.timeutil import parse_local_time


class CheckinForm(StatesGroup):
    replace = State()
    mood = State()
    note = State()
    tags = State()


def router() -> Router:
    r = Router(name="checkins")
    r.message.register(start, Command("checkin"), PRIVATE)
    r.message.register(skip_note, Command("skip"), StateFilter(CheckinForm.note), PRIVATE)
    r.message.register(
        typed_note, StateFilter(CheckinForm.note), PRIVATE, Inline(~F.text.startswith("/"))
    )
    r.callback_query.register(pressed, CheckinCB.filter())
    r.message.register(reminders, Command("checkins", "reminders"), PRIVATE)
    r.message.register(pulse, Command("pulse"))
    r.message.register(mood_history, Command("mood"), PRIVATE)
    r.callback_query.register(reminder_pressed, ReminderCB.filter())
    r.message.register(
        typed_time, StateFilter(ReminderForm.time), PRIVATE, Inline(~F.text.startswith("/"))
    )
    return r


def _button(text: str, action: str, value: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=CheckinCB(action=action, value=value).pack()
    )


def mood_keyboard(t: Texts) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[_button(t(f"checkin-mood-{m}"), "mood", m)] for m in reversed(MOODS)]
    )


def tags_keyboard(t: Texts, chosen: list[str]) -> InlineKeyboardMarkup:
    buttons = [
        _button(("✓ " if tag in chosen else "") + t(f"checkin-tag-{tag}"), "tag", i)
        for i, tag in enumerate(TAGS)
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([_button(t("checkin-save"), "done")])
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def ask_mood(message: Message, state: FSMContext, t: Texts, service: CheckinService) -> None:
    assert message.chat is not None
    day = await service.today(message.chat.id)
    await state.set_state(CheckinForm.mood)
    await state.set_data({"day": day.isoformat()})
    await message.answer(t("checkin-ask"), reply_markup=mood_keyboard(t))


async def start(
    message: Message,
    state: FSMContext,
    t: Texts,
    checkin_service: CheckinService,
    user_id: int | None = None,
) -> None:
    assert message.from_user is not None
    earlier = await checkin_service.existing(user_id or message.from_user.id)
    if earlier is None:
        await ask_mood(message, state, t, checkin_service)
        return
    await state.set_state(CheckinForm.replace)
    await state.set_data({"day": earlier.local_date.isoformat()})
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(t("checkin-replace-yes"), "replace"),
                _button(t("checkin-replace-no"), "keep"),
            ]
        ]
    )
    await message.answer(
        t("checkin-replace-ask", mood=t(f"checkin-mood-{earlier.mood}")), reply_markup=keyboard
    )


async def skip_note(message: Message, state: FSMContext, t: Texts) -> None:
    await state.set_state(CheckinForm.tags)
    await message.answer(t("checkin-tags-ask"), reply_markup=tags_keyboard(t, []))


async def typed_note(message: Message, state: FSMContext, t: Texts) -> None:
    note = (message.text or "").strip()
    if not note:
        await message.answer(t("checkin-note-text-only"))
        return
    if utf16_len(note) > NOTE_LIMIT:
        # Nothing is lost: the person shortens it and sends again.
        await message.answer(t("checkin-note-too-long", length=utf16_len(note), limit=NOTE_LIMIT))
        return
    await state.update_data(note=note)
    await state.set_state(CheckinForm.tags)
    await message.answer(t("checkin-tags-ask"), reply_markup=tags_keyboard(t, []))


async def pressed(query: CallbackQuery, callback_data: CheckinCB, **data: Any) -> None:
    """Every press is checked against the presser's own form: an old keyboard, a second press
    or somebody else's forwarded keyboard gets an alert and changes nothing."""
    t: Texts = data["t"]
    state: FSMContext = data["state"]
    service: CheckinService = data["checkin_service"]
    action = callback_data.action
    if action == "start":  # the button under a reminder
        await query.answer()
        if isinstance(query.message, Message) and query.message.chat.id == query.from_user.id:
            await start(query.message, state, t, service, user_id=query.from_user.id)
        return
    if action == "snooze" and callback_data.value in (1, 24):
        if not isinstance(query.message, Message) or query.message.chat.id != query.from_user.id:
            await query.answer(t("not-allowed"), show_alert=True)
            return
        await service.snooze(query.from_user.id, callback_data.value)
        key = "checkin-snoozed-hour" if callback_data.value == 1 else "checkin-snoozed-tomorrow"
        await query.answer(t(key))
        with suppress(TelegramBadRequest):  # already without buttons
            await query.message.edit_reply_markup(reply_markup=None)
        return
    if action == "crisis":
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.answer(t("checkin-crisis-lines"))
        return
    message = query.message
    if not isinstance(message, Message) or message.chat.id != query.from_user.id:
        await query.answer(t("not-allowed"), show_alert=True)
        return
    current = await state.get_state()
    form = await state.get_data()
    expected = {
        "replace": CheckinForm.replace.state,
        "keep": CheckinForm.replace.state,
        "mood": CheckinForm.mood.state,
        "tag": CheckinForm.tags.state,
        "done": CheckinForm.tags.state,
    }.get(action)
    today = (await service.today(query.from_user.id)).isoformat()
    if expected is None or current != expected or form.get("day") != today:
        await query.answer(t("checkin-stale"), show_alert=True)
        return
    if action == "keep":
        await state.clear()
        await query.answer()
        await message.edit_text(t("checkin-kept"))
    elif action == "replace":
        await query.answer()
        await state.set_state(CheckinForm.mood)
        await message.edit_text(t("checkin-ask"), reply_markup=mood_keyboard(t))
    elif action == "mood" and callback_data.value in MOODS:
        await state.update_data(mood=callback_data.value)
        await state.set_state(CheckinForm.note)
        await query.answer()
        await message.edit_text(
            t("checkin-mood-chosen", mood=t(f"checkin-mood-{callback_data.value}"))
        )
        await message.answer(t("checkin-note-ask", limit=NOTE_LIMIT))
    elif action == "tag" and 0 <= callback_data.value < len(TAGS):
        chosen = list(form.get("tags", []))
        tag = TAGS[callback_data.value]
        chosen = [c for c in chosen if c != tag] if tag in chosen else [*chosen, tag]
        await state.update_data(tags=chosen)
        await query.answer()
        await message.edit_reply_markup(reply_markup=tags_keyboard(t, chosen))
    elif action == "done":
        await query.answer()
        await finish(message, query.from_user.id, state, t, service, data["community_service"])
    else:
        await query.answer(t("button-outdated"), show_alert=True)


async def finish(
    message: Message,
    user_id: int,
    state: FSMContext,
    t: Texts,
    service: CheckinService,
    community_service: CommunityService,
) -> None:
    form = await state.get_data()
    selection = await community_service.selection(user_id)
    community_id = (
        selection.community.chat_id
        if selection.outcome is Choice.SELECTED and selection.community
        else None
    )
    mood = int(form["mood"])
    reflection = await service.save(
        user_id, community_id, mood, form.get("note"), tuple(form.get("tags", []))
    )
    await state.clear()
    await message.edit_text(t("checkin-saved"))
    await message.answer(reflect(t, mood, reflection), reply_markup=next_step(t, mood))


def reflect(t: Texts, mood: int, reflection: Reflection) -> str:
    lines = [
        t("checkin-welcome-back")
        if reflection.welcome_back
        else t("checkin-streak", days=reflection.streak)
    ]
    if reflection.week_average is not None:
        difference = mood - reflection.week_average
        key = "up" if difference >= 0.5 else "down" if difference <= -0.5 else "same"
        lines.append(t(f"checkin-trend-{key}", average=round(reflection.week_average, 1)))
    if mood <= LOW_MOOD:
        lines.append(t("checkin-low-mood"))
    return "\n".join(lines)


def next_step(t: Texts, mood: int) -> InlineKeyboardMarkup | None:
    if mood > LOW_MOOD:
        return None
    return InlineKeyboardMarkup(inline_keyboard=[[_button(t("checkin-crisis-button"), "crisis")]])


# --- /checkins: when to be asked ---

REMINDER_TIMES = ("08:00", "09:00", "12:00", "18:00", "20:00", "21:00")


class ReminderForm(StatesGroup):
    time = State()


def _reminder(text: str, step: str, value: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=ReminderCB(step=step, value=value).pack())


def describe(t: Texts, schedule: Schedule | None, zone: str) -> str:
    if schedule is None or schedule.kind == "off":
        return t("reminder-off")
    when = (
        t("reminder-kind-weekly", day=weekday_name(t.lang, schedule.weekday))
        if schedule.kind == "weekly"
        else t(f"reminder-kind-{schedule.kind}")
    )
    text = t("reminder-current", when=when, time=schedule.local_time, zone=zone_label(zone, t.lang))
    if schedule.paused_until is not None:
        text += "\n" + t("reminder-paused", date=format_day(schedule.paused_until, t.lang))
    return text


async def reminders(
    message: Message, state: FSMContext, t: Texts, checkin_service: CheckinService
) -> None:
    assert message.from_user is not None
    await state.clear()
    user_id = message.from_user.id
    schedule = await checkin_service.schedule_of(user_id)
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [_reminder(t("reminder-kind-daily"), "kind", 1)],
            [_reminder(t("reminder-kind-weekdays"), "kind", 2)],
            [_reminder(t("reminder-weekly-button"), "kind", 3)],
            [_reminder(t("reminder-turn-off"), "kind", 0)],
        ]
    )
    if schedule is not None and schedule.kind != "off":
        pause = (
            _reminder(t("reminder-resume"), "pause", 0)
            if schedule.paused_until
            else _reminder(t("reminder-pause-button"), "pause", -1)
        )
        keyboard.inline_keyboard.append([pause])
    text = describe(t, schedule, await checkin_service.zone(user_id)) + "\n\n" + t("reminder-ask")
    await message.answer(text, reply_markup=keyboard)


def time_keyboard(t: Texts) -> InlineKeyboardMarkup:
    buttons = [_reminder(value, "time", i) for i, value in enumerate(REMINDER_TIMES)]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    rows.append([_reminder(t("reminder-other-time"), "typed")])
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def reminder_pressed(query: CallbackQuery, callback_data: ReminderCB, **data: Any) -> None:
    t: Texts = data["t"]
    state: FSMContext = data["state"]
    service: CheckinService = data["checkin_service"]
    message = query.message
    # Only ever changes the presser's own reminders, and only from their private chat.
    if not isinstance(message, Message) or message.chat.id != query.from_user.id:
        await query.answer(t("not-allowed"), show_alert=True)
        return
    user_id = query.from_user.id
    step, value = callback_data.step, callback_data.value
    draft = await state.get_data()
    await query.answer()
    if step == "kind" and 0 <= value < len(SCHEDULE_KINDS):
        kind = SCHEDULE_KINDS[value]
        if kind == "off":
            await state.clear()
            await service.set_schedule(user_id, "off", 0, "20:00")
            await message.edit_text(t("reminder-off"))
            return
        await state.set_data({"reminder_kind": kind})
        if kind == "weekly":
            days = [_reminder(weekday_name(t.lang, d), "day", d) for d in range(7)]
            rows = [days[i : i + 4] for i in range(0, 7, 4)]
            await message.edit_text(
                t("reminder-ask-day"), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows)
            )
        else:
            await message.edit_text(t("reminder-ask-time"), reply_markup=time_keyboard(t))
    elif step == "day" and 0 <= value < 7 and draft.get("reminder_kind") == "weekly":
        await state.update_data(reminder_day=value)
        await message.edit_text(t("reminder-ask-time"), reply_markup=time_keyboard(t))
    elif step == "time" and 0 <= value < len(REMINDER_TIMES) and draft.get("reminder_kind"):
        await save_reminder(message, user_id, REMINDER_TIMES[value], state, t, service)
    elif step == "pause" and value == -1:
        options = [_reminder(t(f"reminder-pause-{days}"), "pause", days) for days in (7, 14, 30)]
        await message.edit_text(
            t("reminder-pause-ask"), reply_markup=InlineKeyboardMarkup(inline_keyboard=[options])
        )
    elif step == "pause" and value in (0, 7, 14, 30):
        until = await service.pause(user_id, value)
        if until is None:
            await message.edit_text(t("reminder-resumed"))
        else:
            await message.edit_text(t("reminder-paused", date=format_day(until, t.lang)))
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


# --- /pulse: the community's anonymous mood, for moderators ---


async def pulse(message: Message, **data: Any) -> None:
    actor: Actor = data["actor"]
    service: CheckinService = data["checkin_service"]
    permissions: Permissions = data["permissions"]
    if message.chat.type == "private":
        t: Texts = data["t"]
        selection = await data["community_service"].selection(message.chat.id)
        community = selection.community if selection.outcome is Choice.SELECTED else None
        if community is None:
            await message.answer(t("pulse-choose-community"))
            return
    else:
        t = data["group_t"]  # seen by the whole group
        community = data.get("community")
        if community is None:
            return
    if not await permissions.may(community.chat_id, actor, Action.MODERATE):
        await message.reply(t("not-allowed-moderators"))
        return
    parts = [t("pulse-title", title=community.title)]
    for days in (7, 30):
        parts.append(render_pulse(t, await service.pulse(community, days)))
    await message.reply("\n\n".join(parts))


def render_pulse(t: Texts, pulse: Pulse) -> str:
    if not pulse.shown or pulse.average is None:
        return t("pulse-not-enough", days=pulse.days, k=K_ANONYMITY)
    lines = [
        t(
            "pulse-window",
            days=pulse.days,
            people=pulse.people,
            answers=pulse.answers,
            average=round(pulse.average, 1),
        ),
        t("pulse-distribution", **{f"m{i + 1}": n for i, n in enumerate(pulse.distribution)}),
        t("pulse-low-share", percent=round(pulse.low_share * 100)),
    ]
    if pulse.previous_average is not None:
        difference = pulse.average - pulse.previous_average
        key = "up" if difference >= 0.3 else "down" if difference <= -0.3 else "same"
        lines.append(t(f"pulse-trend-{key}", previous=round(pulse.previous_average, 1)))
    return "\n".join(lines)


# --- /mood: the person's own last 30 days ---


async def mood_history(message: Message, t: Texts, checkin_service: CheckinService) -> None:
    assert message.from_user is not None
    found = await history(checkin_service, message.from_user.id)
    if found is None:
        await message.answer(t("mood-empty"))
        return
    lines = [t("mood-title"), t("mood-line", line=found.sparkline), ""]
    for first, last, average, answers in found.weeks:
        lines.append(
            t(
                "mood-week",
                first=format_day(first, t.lang, "d MMM"),
                last=format_day(last, t.lang, "d MMM"),
                average=round(average, 1),
                answers=answers,
            )
        )
    if found.top_tags:
        names = ", ".join(t(f"checkin-tag-{tag}") for tag in found.top_tags)
        lines.append("")
        lines.append(t("mood-tags", tags=names))
    await message.answer("\n".join(lines))
