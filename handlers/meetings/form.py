"""/meet: the form that schedules a meeting, one question at a time, kept in the person's form
data (a restart or a mistake loses nothing), then a preview with the date spelled out and the
options (guests, RSVP cut-off, reminders), then publishing."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import datetime, timedelta
from typing import Any

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import FormAction, MeetFormAction, MeetFormCB
from bot.filters import pressed_privately
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.meetings import KINDS, Meeting, Occurrence
from bot.repos.users import UsersRepo
from bot.runtime import Runtime
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
    weekday_name,
    zone_label,
)
from bot.timeutil import Clock, from_timestamp, parse_local_time
from bot.views.meetings import card_text
from handlers import forms
from handlers.deeplinks import DeepLinks
from handlers.forms import CommunityForm, Field, FormRun, FormTexts, Option, Parsed, Rows

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
CYCLED = (
    MeetFormAction.GUESTS,
    MeetFormAction.CUTOFF,
    MeetFormAction.LEAD,
    MeetFormAction.FEEDBACK,
)
SOON = 5 * 60  # a meeting starts at least five minutes from now


def _title(t: Texts, text: str) -> Parsed:
    return (text, None) if any(c.isalnum() for c in text) else (None, t("meet-bad-title"))


def _duration(t: Texts, text: str) -> Parsed:
    first = text.split()[0]
    minutes = int(first) if first.isdigit() else 0
    if not 10 <= minutes <= DURATION_MAX:
        return None, t("meet-bad-duration", most=DURATION_MAX)
    return minutes, None


def _place(t: Texts, text: str) -> Parsed:
    looks_like_link = "://" in text or text.lower().startswith(("javascript:", "data:"))
    if looks_like_link and not is_link(text):
        return None, t("meet-bad-link")
    return text, None


def _capacity(t: Texts, text: str) -> Parsed:
    if not text.isdigit() or not 1 <= int(text) <= CAPACITY_MAX:
        return None, t("meet-bad-capacity", most=CAPACITY_MAX)
    return int(text), None


def is_link(text: str) -> bool:
    return text.lower().startswith(("http://", "https://")) and " " not in text


class MeetForm(CommunityForm):
    key = "mt"
    group = "MeetForm"  # as before the engine: a form saved then resumes
    texts = FormTexts(
        resumed="meet-form-resumed", cancelled="meet-cancelled-form", field_label="meet-field"
    )
    echo_choice = False  # the question stays as it was asked, without its buttons
    fields = (
        Field("title", "meet-ask-title", limit=TITLE_LIMIT, parse=_title),
        Field("kind", "meet-ask-kind", choices=True),
        Field("when", "meet-ask-when", width=4),  # a day to pick, or typed with its time
        Field("time", "meet-ask-time", width=4, step_of="when"),  # the picked day's time
        Field("duration", "meet-ask-duration", width=len(DURATIONS), parse=_duration),
        Field("place", "meet-ask-place", limit=PLACE_LIMIT, parse=_place),
        Field(
            "description",
            "meet-ask-description",
            limit=DESCRIPTION_LIMIT,
            multiline=True,
            optional=True,
        ),
        Field("capacity", "meet-ask-capacity", optional=True, parse=_capacity),
        Field("recurrence", "meet-ask-recurrence", choices=True),
        Field("rrule", "meet-ask-rrule", step_of="recurrence"),  # "another rule", typed
    )

    def __init__(self, meetings: MeetingService, users: UsersRepo, clock: Clock) -> None:
        self.meetings = meetings
        self.users = users
        self.clock = clock

    async def begin(self, run: FormRun, user_id: int, chat_id: int) -> None:
        if not await self.meetings.may_create(chat_id, user_id):
            await run.message.answer(run.t("meet-not-allowed"))
            return
        defaults = {
            **{column: default for column, _, default in OPTIONS.values()},
            "reminders": await self.meetings.default_reminders(chat_id),
        }
        await run.message.answer(run.t("meet-intro"))
        await forms.start(run, defaults, keep={"chat": chat_id})

    async def _now_local(self, run: FormRun) -> tuple[datetime, str]:
        zone = await self.meetings.zone_of(run.chat_id)
        return local_of(from_timestamp(self.clock.time()), zone), zone

    def _start(self, run: FormRun) -> datetime:
        return parse_local(run.values["when"])

    async def prompt(self, run: FormRun, field: Field) -> str:
        t = run.t
        if field.name == "when":
            _, zone = await self._now_local(run)
            return t("meet-ask-when", zone=zone_label(zone, t.lang))
        if field.name == "time":
            day = datetime.strptime(str(run.data.get("day")), "%Y-%m-%d").date()
            return t("meet-ask-time", day=format_day(day, t.lang, "EEEE, d MMMM"))
        return t(field.prompt)

    async def options(self, run: FormRun, field: Field) -> list[Option]:
        t = run.t
        if field.name == "kind":
            return [Option(k, k, t(f"meet-kind-{k}")) for k in KINDS]
        if field.name == "when":
            now, _ = await self._now_local(run)
            days = [now.date() + timedelta(days=n) for n in range(PICKER_DAYS)]
            return [
                Option(str(n), ("day", d.isoformat()), format_day(d, t.lang, "EEE d MMM"))
                for n, d in enumerate(days)
            ]
        if field.name == "time":
            return [Option(hm.replace(":", ""), hm, hm) for hm in PICKER_TIMES]
        if field.name == "duration":
            return [Option(str(m), m, t("meet-duration", minutes=m)) for m in DURATIONS]
        if field.name == "recurrence":
            start = self._start(run)
            weekday, day = weekday_name(t.lang, start.weekday()), start.weekday()
            n, _ = nth_weekday(start.date())
            labels = {
                "none": t("meet-once"),
                "weekly": t("meet-every-weekly", weekday=weekday, day=day),
                "biweekly": t("meet-every-biweekly", weekday=weekday, day=day),
                "monthly": t("meet-every-month", n=n, weekday=weekday, day=day),
                "rrule": t("meet-rrule-button"),
            }
            return [Option(r, r, labels[r]) for r in RECURRENCES]
        return []

    async def parse(self, run: FormRun, field: Field, text: str) -> Parsed:
        t = run.t
        if field.name == "when":
            now, zone = await self._now_local(run)
            found = parse_when(text, now)
            if found is None:
                impossible = impossible_day(text)
                if impossible is not None:
                    day, month = impossible
                    return None, t("meet-no-such-day", day=day, month=month_name(month, t.lang))
                return None, t("meet-bad-when")
            if found.time is None:
                return ("day", found.day.isoformat()), None
            return self._future(t, datetime.combine(found.day, found.time), zone)
        if field.name == "time":
            hm = parse_local_time(text.replace(" ", "")) or _time_of(text)
            if hm is None:
                return None, t("meet-bad-time")
            return await self._at(run, hm)
        if field.name == "rrule":
            checked = check_rrule(text, self._start(run))
            if isinstance(checked, RruleProblem):
                return None, t(f"meet-rrule-{checked.value}")
            return checked, None
        return await super().parse(run, field, text)

    async def chosen(self, run: FormRun, field: Field, option: Option) -> Parsed:
        if field.name == "time":
            return await self._at(run, option.value)
        return option.value, None

    async def _at(self, run: FormRun, hm: str) -> Parsed:
        """The picked day at this time, if it is still ahead."""
        _, zone = await self._now_local(run)
        at = datetime.strptime(f"{run.data.get('day')} {hm}", "%Y-%m-%d %H:%M")
        return self._future(run.t, at, zone)

    def _future(self, t: Texts, local: datetime, zone: str) -> Parsed:
        now = self.clock.now()
        if to_utc(local, zone).timestamp() < now.timestamp() + SOON:
            days = (
                local_of(now, zone).date() - local.date()
            ).days  # calendar days, as people count
            return None, (t("meet-past-days", count=days) if days >= 1 else t("meet-past"))
        return local_text(local), None

    async def accept(self, run: FormRun, field: Field, value: Any) -> bool:
        if field.name == "when" and isinstance(value, (tuple, list)):
            await run.update(day=value[1])  # a day without a time: which time?
            await forms.ask(run, field_named("time"))
            return True
        if field.name == "recurrence" and value == "rrule":
            await forms.ask(run, field_named("rrule"))
            return True
        return False

    def stored(self, field: Field, value: Any) -> dict[str, Any]:
        if field.name == "place":
            # A link makes it an online meeting; anything else is an address.
            return {"link": value, "place": ""} if is_link(value) else {"place": value, "link": ""}
        if field.name == "time":
            return {"when": value}
        if field.name == "rrule":
            return {"rrule": value, "recurrence": "rrule"}
        return {field.name: value}

    async def preview(self, run: FormRun) -> tuple[str, Rows]:
        t, values = run.t, run.values
        chat_id = run.chat_id
        zone = await self.meetings.zone_of(chat_id)
        host_id = run.message.chat.id
        draft = Meeting(
            id=0, chat_id=chat_id, host_id=host_id, zone=zone, status="active",
            **meeting_values(values),
        )  # fmt: skip
        occurrence = Occurrence(0, 0, draft.start_local, draft.start_local, 0.0, "scheduled", None)
        host = await self.users.get(host_id)
        names = {host_id: host.first_name if host else None}
        card = card_text(t, draft, occurrence, [], names, names=False)
        options = t(
            "meet-options",
            guests=values.get("guests", 0),
            cutoff=values.get("cutoff_min", 0),
            reminders=reminders_label(t, values.get("reminders", "")),
            feedback=values.get("feedback", 1),
        )
        series = values.get("recurrence", "none") != "none"
        if series:
            options += " · " + t("meet-option-lead-is", days=values.get("lead_days", 6))
        rows = [
            [_button(t("meet-publish"), MeetFormAction.PUBLISH)],
            [
                _button(t("meet-option-guests"), MeetFormAction.GUESTS),
                _button(t("meet-option-cutoff"), MeetFormAction.CUTOFF),
                _button(t("meet-option-reminders"), MeetFormAction.REMINDERS),
            ],
            [
                _button(t("meet-option-feedback"), MeetFormAction.FEEDBACK),
                *([_button(t("meet-option-lead"), MeetFormAction.LEAD)] if series else []),
            ],
            [
                run.button(t("form-edit"), FormAction.EDIT),
                run.button(t("form-cancel"), FormAction.CANCEL),
            ],
        ]
        return "\n\n".join([t("help-preview"), card, options]), rows


def field_named(name: str) -> Field:
    found = MeetForm.field(name)
    assert found is not None
    return found


def meet_form(runtime: Runtime) -> MeetForm:
    return MeetForm(runtime.meetings, runtime.users, runtime.clock)


ENTRY = forms.Entry("meet", DEEP_LINK_MEET, "meet-open-private")
begin_link = forms.entry_link(meet_form)


def router() -> Router:
    r = Router(name="meetings-form")
    forms.register_entry(r, ENTRY, meet_form)
    forms.register(r, MeetForm, meet_form)
    r.callback_query.register(publish, MeetFormCB.filter(F.step == MeetFormAction.PUBLISH))
    r.callback_query.register(reminders, MeetFormCB.filter(F.step == MeetFormAction.REMINDERS))
    r.callback_query.register(reminders_set, MeetFormCB.filter(F.step == MeetFormAction.REMSET))
    for action in CYCLED:
        r.callback_query.register(cycle_option, MeetFormCB.filter(F.step == action))
    return r


def _button(text: str, step: MeetFormAction, value: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=MeetFormCB(step=step, value=value).pack())


def register_links(links: DeepLinks) -> None:
    links.add(DEEP_LINK_MEET, begin_link)


def _time_of(text: str) -> str | None:
    """ "7pm", "19 ч": a time on its own, read the way dates are."""
    found = parse_when(f"today {text}", datetime(2000, 1, 1, 0, 0))
    return found.time.strftime("%H:%M") if found and found.time else None


async def read(
    t: Texts, name: str, text: str, state: FSMContext, meetings: MeetingService
) -> tuple[Any, str | None]:
    """A new title, place, description or number of seats for a meeting already published,
    held to the form's own rules."""
    field = MeetForm.field(name)
    if field is None or (field.parse is None and name != "description"):
        return None, t("button-outdated")
    return forms.check(t, MeetForm.texts, field, text)


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


# --- the preview's own buttons: options, then publishing ---


async def _previewing(
    query: CallbackQuery, state: FSMContext, t: Texts, runtime: Runtime
) -> FormRun | None:
    """The presser's own form, at its preview; else the press is answered as outdated."""
    message = await pressed_privately(query, t)
    if message is None:
        return None
    run = FormRun(meet_form(runtime), message, state, t)
    data = await run.reload()
    if await state.get_state() != MeetForm.previewing().state or "values" not in data:
        await query.answer(t("button-outdated"), show_alert=True)
        return None
    await query.answer()
    return run


async def cycle_option(
    query: CallbackQuery, callback_data: MeetFormCB, state: FSMContext, t: Texts, runtime: Runtime
) -> None:
    """Guests, the RSVP cut-off, the series' lead, feedback: each press the next value."""
    run = await _previewing(query, state, t, runtime)
    if run is None:
        return
    column, choices, default = OPTIONS[callback_data.step]
    values = run.values
    values[column] = _cycle(choices, values.get(column, default))
    await run.update(values=values)
    await forms.show_preview(run, edit=True)


async def reminders(query: CallbackQuery, state: FSMContext, t: Texts, runtime: Runtime) -> None:
    run = await _previewing(query, state, t, runtime)
    if run is None:
        return
    current = str(run.values.get("reminders", ""))
    rows = reminder_menu(
        t, current, lambda label, index: _button(label, MeetFormAction.REMSET, index)
    )
    rows.append([run.button(t("meet-reminders-back"), FormAction.PREVIEW)])
    text = t("meet-reminders-choose", reminders=reminders_label(t, current))
    await update_menu(run.message, text, InlineKeyboardMarkup(inline_keyboard=rows))


async def reminders_set(
    query: CallbackQuery, callback_data: MeetFormCB, state: FSMContext, t: Texts, runtime: Runtime
) -> None:
    run = await _previewing(query, state, t, runtime)
    if run is None:
        return
    if 0 <= callback_data.value < len(REMINDER_PRESETS):
        await run.update(values={**run.values, "reminders": REMINDER_PRESETS[callback_data.value]})
    await forms.show_preview(run, edit=True)


async def publish(query: CallbackQuery, state: FSMContext, t: Texts, runtime: Runtime) -> None:
    run = await _previewing(query, state, t, runtime)
    if run is None:
        return
    meetings, message, user_id = runtime.meetings, run.message, query.from_user.id
    chat_id, values = run.chat_id, run.values
    if not await meetings.may_create(chat_id, user_id):
        await state.clear()
        await update_menu(message, t("meet-not-allowed"), None)
        return
    zone = await meetings.zone_of(chat_id)
    if to_utc(parse_local(values["when"]), zone).timestamp() < runtime.clock.time() + SOON:
        # The preview waited too long: the time has passed; ask again, keeping the rest.
        await run.update(editing=True)
        await message.answer(t("meet-past"))
        await forms.ask(run, field_named("when"))
        return
    await meetings.create(chat_id, user_id, meeting_values(values))
    await state.clear()
    with suppress(TelegramBadRequest, TelegramForbiddenError):
        await update_menu(message, message.html_text, None)
    await message.answer(t("meet-published"))
