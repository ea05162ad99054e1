"""/meet: the form that schedules a meeting, one question at a time, kept in the person's form
data (a restart or a mistake loses nothing), then a preview with the date spelled out and the
options (guests, RSVP cut-off, reminders), then publishing."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import datetime, timedelta
from typing import Any

from aiogram import Router
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import MeetFormCB
from bot.filters import PRIVATE, TYPED, pressed_privately
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.meetings import KINDS, Meeting, Occurrence
from bot.runtime import Runtime
from bot.services.cleanup import private_hint
from bot.services.communities import CommunityService
from bot.services.community_settings import REMINDER_PRESETS
from bot.services.meeting_time import (
    RruleProblem,
    check_rrule,
    impossible_day,
    local_of,
    nth_weekday,
    parse_when,
    to_utc,
)
from bot.services.meetings import MeetingService, local_text, parse_local
from bot.texts import (
    format_day,
    month_name,
    reminders_label,
    utf16_len,
    weekday_name,
    zone_label,
)
from bot.timeutil import from_timestamp, parse_local_time
from bot.views.meetings import card_text
from handlers.community import acting_for
from handlers.deeplinks import DeepLinks, enter_community, sender_id
from handlers.forms import remember, with_step

DEEP_LINK_MEET = "meet"
TITLE_LIMIT = 100
PLACE_LIMIT = 200
DESCRIPTION_LIMIT = 1000
CAPACITY_MAX = 1000
DURATIONS = (30, 60, 90, 120, 180)
DURATION_MAX = 12 * 60
PICKER_DAYS = 14
PICKER_TIMES = ("10:00", "12:00", "15:00", "18:00", "18:30", "19:00", "19:30", "20:00")
RECURRENCES = ("none", "weekly", "biweekly", "monthly", "rrule")
# Options set from the preview, each press moving to the next value (the reminders: a menu):
# the button, the column, the values in turn, the default.
OPTIONS: dict[str, tuple[str, tuple[Any, ...], Any]] = {
    "guests": ("guests", (0, 1, 2), 0),
    "cutoff": ("cutoff_min", (0, 120, 1440), 0),  # minutes before the start
    "reminders": ("reminders", REMINDER_PRESETS, "1440,60"),
    "lead": ("lead_days", (6, 3, 1), 6),  # days ahead the next of a series is announced
    "feedback": ("feedback", (1, 0), 1),
}
FIELDS = ("title", "kind", "when", "duration", "place", "description", "capacity", "recurrence")
OPTIONAL = ("description", "capacity")
SOON = 5 * 60  # a meeting starts at least five minutes from now


class MeetForm(StatesGroup):
    field = State()
    preview = State()


def router() -> Router:
    r = Router(name="meetings-form")
    r.message.register(meet_private, Command("meet"), PRIVATE)
    r.message.register(meet_in_group, Command("meet"))
    r.message.register(skip_typed, Command("skip"), StateFilter(MeetForm.field), PRIVATE)
    r.message.register(typed, StateFilter(MeetForm.field), PRIVATE, TYPED)
    r.callback_query.register(pressed, MeetFormCB.filter())
    return r


def _button(text: str, step: str, value: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=MeetFormCB(step=step, value=value).pack())


async def meet_in_group(message: Message, group_t: Texts, runtime: Runtime) -> None:
    """In the group: the form is private; a button takes the person there."""
    payload = f"{DEEP_LINK_MEET}{message.chat.id}"
    await private_hint(message, runtime, group_t, "meet-open-private", payload)


async def meet_private(
    message: Message,
    state: FSMContext,
    t: Texts,
    community_service: CommunityService,
    meetings: MeetingService,
) -> None:
    assert message.from_user is not None
    if await state.get_state() in (MeetForm.field.state, MeetForm.preview.state):
        await message.answer(t("meet-form-resumed"))
        await ask_next(message, state, t, meetings)
        return
    community = await acting_for(message, message.from_user.id, t, community_service)
    if community is None:
        return
    await begin(message, message.from_user.id, community.chat_id, state, t, meetings)


def register_links(links: DeepLinks) -> None:
    links.add(DEEP_LINK_MEET, begin_link)


async def begin_link(message: Message, chat_id: int, context: dict[str, Any]) -> None:
    """/start meet<chat id>: the button under /meet in the group."""
    if await enter_community(message, chat_id, context):
        user_id = sender_id(message)
        await begin(message, user_id, chat_id, context["state"], context["t"], context["meetings"])


async def begin(
    message: Message,
    user_id: int,
    chat_id: int,
    state: FSMContext,
    t: Texts,
    meetings: MeetingService,
) -> None:
    if not await meetings.may_create(chat_id, user_id):
        await message.answer(t("meet-not-allowed"))
        return
    await state.set_state(MeetForm.field)
    await state.set_data(
        {
            "chat": chat_id,
            "values": {
                **{column: default for column, _, default in OPTIONS.values()},
                "reminders": await meetings.default_reminders(chat_id),
            },
            "skipped": [],
        }
    )
    await message.answer(t("meet-intro"))
    await ask_next(message, state, t, meetings)


def pending(form: dict[str, Any]) -> list[str]:
    """The fields still to be asked, in order."""
    values, skipped = form["values"], form["skipped"]
    return [name for name in FIELDS if name not in values and name not in skipped]


async def ask_next(message: Message, state: FSMContext, t: Texts, meetings: MeetingService) -> None:
    ahead = pending(await state.get_data())
    if ahead:
        await ask(message, state, t, meetings, ahead[0])
    else:
        await show_preview(message, state, t, meetings)


async def _now_local(state: FSMContext, meetings: MeetingService) -> tuple[datetime, str]:
    zone = await meetings.zone_of(int((await state.get_data())["chat"]))
    return local_of(from_timestamp(meetings.repo.clock.time()), zone), zone


async def ask(
    message: Message, state: FSMContext, t: Texts, meetings: MeetingService, name: str
) -> None:
    await state.set_state(MeetForm.field)
    await state.update_data(current=name)
    rows: list[list[InlineKeyboardButton]] = []
    text = t(f"meet-ask-{name}") if name != "when" else ""
    if name == "kind":
        rows = [[_button(t(f"meet-kind-{k}"), "kind", i)] for i, k in enumerate(KINDS)]
    elif name == "when":
        now, zone = await _now_local(state, meetings)
        text = t("meet-ask-when", zone=zone_label(zone, t.lang))
        days = [now.date() + timedelta(days=n) for n in range(PICKER_DAYS)]
        buttons = [
            _button(format_day(d, t.lang, "EEE d MMM"), "day", n) for n, d in enumerate(days)
        ]
        rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    elif name == "duration":
        rows = [[_button(t("meet-duration", minutes=m), "duration", m) for m in DURATIONS]]
    elif name == "recurrence":
        start = parse_local((await state.get_data())["values"]["when"])
        weekday = weekday_name(t.lang, start.weekday())
        n, _ = nth_weekday(start.date())
        labels = {
            "none": t("meet-once"),
            "weekly": t("meet-every-weekly", weekday=weekday, day=start.weekday()),
            "biweekly": t("meet-every-biweekly", weekday=weekday, day=start.weekday()),
            "monthly": t("meet-every-month", n=n, weekday=weekday, day=start.weekday()),
            "rrule": t("meet-rrule-button"),
        }
        rows = [[_button(labels[r], "recurrence", i)] for i, r in enumerate(RECURRENCES)]
    if name in OPTIONAL:
        rows.append([_button(t("vac-skip"), "skip")])
    keyboard = InlineKeyboardMarkup(inline_keyboard=rows) if rows else None
    await message.answer(await _with_step(state, t, text, name), reply_markup=keyboard)


async def _with_step(state: FSMContext, t: Texts, question: str, name: str) -> str:
    return await with_step(state, t, question, name, pending(await state.get_data()))


async def _ask_time(message: Message, state: FSMContext, t: Texts, day: str) -> None:
    """The time of the day picked: still the "when" step."""
    await state.update_data(current="time", day=day)
    rows = [
        [_button(hm, "time", int(hm[:2]) * 60 + int(hm[3:])) for hm in PICKER_TIMES[i : i + 4]]
        for i in range(0, len(PICKER_TIMES), 4)
    ]
    shown = format_day(datetime.strptime(day, "%Y-%m-%d").date(), t.lang, "EEEE, d MMMM")
    await message.answer(
        await _with_step(state, t, t("meet-ask-time", day=shown), "when"),
        reply_markup=InlineKeyboardMarkup(inline_keyboard=rows),
    )


def is_link(text: str) -> bool:
    return text.lower().startswith(("http://", "https://")) and " " not in text


async def read(
    t: Texts, name: str, text: str, state: FSMContext, meetings: MeetingService
) -> tuple[Any, str | None]:
    """(value, None) or (None, what is wrong); a bad answer keeps everything typed before."""
    text = text.strip() if name == "description" else " ".join(text.split())
    if not text:
        return None, t("help-text-only")
    if name == "title":
        if utf16_len(text) > TITLE_LIMIT:
            return None, t("help-too-long", length=utf16_len(text), limit=TITLE_LIMIT)
        if not any(c.isalnum() for c in text):
            return None, t("meet-bad-title")
        return text, None
    if name == "when":
        now, zone = await _now_local(state, meetings)
        found = parse_when(text, now)
        if found is None:
            impossible = impossible_day(text)
            if impossible is not None:
                day, month = impossible
                return None, t("meet-no-such-day", day=day, month=month_name(month, t.lang))
            return None, t("meet-bad-when")
        if found.time is None:
            return ("day", found.day.isoformat()), None
        return _future(t, datetime.combine(found.day, found.time), zone, meetings)
    if name == "time":
        hm = parse_local_time(text.replace(" ", "")) or _time_of(text)
        if hm is None:
            return None, t("meet-bad-time")
        chosen_day = (await state.get_data()).get("day")
        _, zone = await _now_local(state, meetings)
        at = datetime.strptime(f"{chosen_day} {hm}", "%Y-%m-%d %H:%M")
        return _future(t, at, zone, meetings)
    if name == "duration":
        digits = text.split()[0] if text.split()[0].isdigit() else ""
        minutes = int(digits) if digits else 0
        if not 10 <= minutes <= DURATION_MAX:
            return None, t("meet-bad-duration", most=DURATION_MAX)
        return minutes, None
    if name == "place":
        if utf16_len(text) > PLACE_LIMIT:
            return None, t("help-too-long", length=utf16_len(text), limit=PLACE_LIMIT)
        looks_like_link = "://" in text or text.lower().startswith(("javascript:", "data:"))
        if looks_like_link and not is_link(text):
            return None, t("meet-bad-link")
        return text, None
    if name == "description":
        if utf16_len(text) > DESCRIPTION_LIMIT:
            return None, t("help-too-long", length=utf16_len(text), limit=DESCRIPTION_LIMIT)
        return text, None
    if name == "capacity":
        if not text.isdigit() or not 1 <= int(text) <= CAPACITY_MAX:
            return None, t("meet-bad-capacity", most=CAPACITY_MAX)
        return int(text), None
    if name == "rrule":
        start = parse_local((await state.get_data())["values"]["when"])
        checked = check_rrule(text, start)
        if isinstance(checked, RruleProblem):
            return None, t(f"meet-rrule-{checked.value}")
        return checked, None
    return None, t("button-outdated")


def _time_of(text: str) -> str | None:
    """ "7pm", "19 ч": a time on its own, read the way dates are."""
    found = parse_when(f"today {text}", datetime(2000, 1, 1, 0, 0))
    return found.time.strftime("%H:%M") if found and found.time else None


def _future(
    t: Texts, local: datetime, zone: str, meetings: MeetingService
) -> tuple[Any, str | None]:
    now = meetings.repo.clock.now()
    if to_utc(local, zone).timestamp() < now.timestamp() + SOON:
        days = (local_of(now, zone).date() - local.date()).days  # calendar days, as people count
        return None, (t("meet-past-days", count=days) if days >= 1 else t("meet-past"))
    return local_text(local), None


async def typed(message: Message, state: FSMContext, t: Texts, meetings: MeetingService) -> None:
    form = await state.get_data()
    name = str(form.get("current") or "")
    value, problem = await read(t, name, message.text or "", state, meetings)
    if problem is not None:
        await message.answer(problem)
        return
    await accept(message, state, t, meetings, name, value)


async def accept(
    message: Message,
    state: FSMContext,
    t: Texts,
    meetings: MeetingService,
    name: str,
    value: Any,
) -> None:
    if name == "when" and isinstance(value, tuple):
        await _ask_time(message, state, t, value[1])  # a day without a time
        return
    if name == "time":
        name = "when"
    if name == "place":
        # A link makes it an online meeting; anything else is an address.
        online = is_link(value)
        await remember(state, "link", value if online else "")
        value = "" if online else value
    if name == "recurrence" and value == "rrule":
        await state.update_data(current="rrule")
        await message.answer(await _with_step(state, t, t("meet-ask-rrule"), "recurrence"))
        return
    if name == "rrule":
        await remember(state, "rrule", value)
        name, value = "recurrence", "rrule"
    form = await remember(state, name, value)
    if form.get("editing"):
        await show_preview(message, state, t, meetings)
    else:
        await ask_next(message, state, t, meetings)


async def skip_typed(
    message: Message, state: FSMContext, t: Texts, meetings: MeetingService
) -> None:
    name = str((await state.get_data()).get("current") or "")
    if name not in OPTIONAL:
        await message.answer(t("vac-required"))
        return
    await accept(message, state, t, meetings, name, None)


def _draft(chat_id: int, host_id: int, values: dict[str, Any], zone: str) -> Meeting:
    return Meeting(
        id=0,
        chat_id=chat_id,
        host_id=host_id,
        zone=zone,
        status="active",
        **meeting_values(values),
    )


def meeting_values(values: dict[str, Any]) -> dict[str, Any]:
    """The form's answers as the meetings table keeps them."""
    return {
        "title": values["title"],
        "kind": values["kind"],
        "description": values.get("description") or "",
        "place": values.get("place") or "",
        "link": values.get("link") or "",
        "start_local": values["when"],
        "duration_min": values["duration"],
        "capacity": values.get("capacity"),
        "recurrence": values["recurrence"],
        "rrule": values.get("rrule") if values["recurrence"] == "rrule" else None,
        **{column: values.get(column, default) for column, _, default in OPTIONS.values()},
        "cutoff_min": values.get("cutoff_min") or None,
    }


async def show_preview(
    message: Message, state: FSMContext, t: Texts, meetings: MeetingService, *, edit: bool = False
) -> None:
    form = await state.get_data()
    await state.set_state(MeetForm.preview)
    chat_id = int(form["chat"])
    zone = await meetings.zone_of(chat_id)
    assert message.chat is not None
    draft = _draft(chat_id, message.chat.id, form["values"], zone)
    occurrence = Occurrence(0, 0, draft.start_local, draft.start_local, 0.0, "scheduled", None)
    host = await meetings.users.get(message.chat.id)
    names = {message.chat.id: host.first_name if host else None}
    card = card_text(t, draft, occurrence, [], names, names=False)
    values = form["values"]
    options = t(
        "meet-options",
        guests=values.get("guests", 0),
        cutoff=values.get("cutoff_min", 0),
        reminders=reminders_label(t, values.get("reminders", "")),
        feedback=values.get("feedback", 1),
    )
    if values.get("recurrence", "none") != "none":
        options += " · " + t("meet-option-lead-is", days=values.get("lead_days", 6))
    text = "\n\n".join([t("help-preview"), card, options])
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(t("meet-publish"), "publish")],
            [
                _button(t("meet-option-guests"), "guests"),
                _button(t("meet-option-cutoff"), "cutoff"),
                _button(t("meet-option-reminders"), "reminders"),
            ],
            [
                _button(t("meet-option-feedback"), "feedback"),
                *(
                    [_button(t("meet-option-lead"), "lead")]
                    if values.get("recurrence", "none") != "none"
                    else []
                ),
            ],
            [_button(t("vac-edit"), "edit"), _button(t("help-cancel"), "cancel")],
        ]
    )
    if edit:
        await update_menu(message, text, keyboard)
    else:
        await message.answer(text, reply_markup=keyboard)


def reminder_menu(
    t: Texts, current: str, choose: Callable[[str, int], InlineKeyboardButton]
) -> list[list[InlineKeyboardButton]]:
    """The reminder sets one a row, the current one marked; `choose(label, index)` makes a
    button that picks REMINDER_PRESETS[index]."""
    return [
        [choose(("✅ " if preset == current else "") + reminders_label(t, preset), index)]
        for index, preset in enumerate(REMINDER_PRESETS)
    ]


def _cycle(options: tuple[Any, ...], current: Any) -> Any:
    return (
        options[(options.index(current) + 1) % len(options)] if current in options else options[0]
    )


async def pressed(query: CallbackQuery, callback_data: MeetFormCB, **data: Any) -> None:
    t: Texts = data["t"]
    state: FSMContext = data["state"]
    meetings: MeetingService = data["meetings"]
    message = await pressed_privately(query, t)
    if message is None:
        return
    form = await state.get_data()
    current_state = await state.get_state()
    in_form = current_state in (MeetForm.field.state, MeetForm.preview.state) and "values" in form
    step, value = callback_data.step, callback_data.value
    current = form.get("current")
    if not in_form:
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await query.answer()
    if step == "kind" and current == "kind" and 0 <= value < len(KINDS):
        await update_menu(message, message.html_text, None)
        await accept(message, state, t, meetings, "kind", KINDS[value])
    elif step == "day" and current == "when" and 0 <= value < PICKER_DAYS:
        now, _ = await _now_local(state, meetings)
        await update_menu(message, message.html_text, None)
        await _ask_time(message, state, t, (now.date() + timedelta(days=value)).isoformat())
    elif step == "time" and current == "time" and 0 <= value < 1440:
        day = form.get("day")
        _, zone = await _now_local(state, meetings)
        local = datetime.strptime(f"{day} {value // 60:02d}:{value % 60:02d}", "%Y-%m-%d %H:%M")
        found, problem = _future(t, local, zone, meetings)
        if problem is not None:
            await message.answer(problem)
            return
        await update_menu(message, message.html_text, None)
        await accept(message, state, t, meetings, "time", found)
    elif step == "duration" and current == "duration" and value in DURATIONS:
        await update_menu(message, message.html_text, None)
        await accept(message, state, t, meetings, "duration", value)
    elif step == "recurrence" and current == "recurrence" and 0 <= value < len(RECURRENCES):
        await update_menu(message, message.html_text, None)
        await accept(message, state, t, meetings, "recurrence", RECURRENCES[value])
    elif step == "skip" and current in OPTIONAL:
        await update_menu(message, message.html_text, None)
        await accept(message, state, t, meetings, str(current), None)
    elif step == "reminders" and current_state == MeetForm.preview.state:
        current = str(form["values"].get("reminders", ""))
        rows = reminder_menu(t, current, lambda label, index: _button(label, "remset", index))
        rows.append([_button(t("meet-reminders-back"), "preview")])
        text = t("meet-reminders-choose", reminders=reminders_label(t, current))
        await update_menu(message, text, InlineKeyboardMarkup(inline_keyboard=rows))
    elif step == "remset" and current_state == MeetForm.preview.state:
        if 0 <= value < len(REMINDER_PRESETS):
            await state.update_data(values={**form["values"], "reminders": REMINDER_PRESETS[value]})
        await show_preview(message, state, t, meetings, edit=True)
    elif step == "preview" and current_state == MeetForm.preview.state:
        await show_preview(message, state, t, meetings, edit=True)
    elif step in OPTIONS and current_state == MeetForm.preview.state:
        column, choices, default = OPTIONS[step]
        values = dict(form["values"])
        values[column] = _cycle(choices, values.get(column, default))
        await state.update_data(values=values)
        await show_preview(message, state, t, meetings, edit=True)
    elif step == "edit" and current_state == MeetForm.preview.state:
        await state.update_data(editing=True)
        rows = [[_button(t(f"meet-field-{f}"), "field", i)] for i, f in enumerate(FIELDS)]
        await update_menu(message, t("vac-edit-which"), InlineKeyboardMarkup(inline_keyboard=rows))
    elif step == "field" and form.get("editing") and 0 <= value < len(FIELDS):
        await update_menu(message, message.html_text, None)
        await ask(message, state, t, meetings, FIELDS[value])
    elif step == "cancel":
        await state.clear()
        await update_menu(message, t("meet-cancelled-form"), None)
    elif step == "publish" and current_state == MeetForm.preview.state:
        await publish(message, query.from_user.id, state, t, meetings)
    else:
        await message.answer(t("button-outdated"))


async def publish(
    message: Message, user_id: int, state: FSMContext, t: Texts, meetings: MeetingService
) -> None:
    form = await state.get_data()
    chat_id = int(form["chat"])
    if not await meetings.may_create(chat_id, user_id):
        await state.clear()
        await update_menu(message, t("meet-not-allowed"), None)
        return
    values = form["values"]
    zone = await meetings.zone_of(chat_id)
    if to_utc(parse_local(values["when"]), zone).timestamp() < meetings.repo.clock.time() + SOON:
        # The preview waited too long: the time has passed; ask again, keeping the rest.
        await state.update_data(editing=True)
        await message.answer(t("meet-past"))
        await ask(message, state, t, meetings, "when")
        return
    await meetings.create(chat_id, user_id, meeting_values(values))
    await state.clear()
    with suppress(TelegramBadRequest, TelegramForbiddenError):
        await update_menu(message, message.html_text, None)
    await message.answer(t("meet-published"))
