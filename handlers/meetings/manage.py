"""What the host (or a moderator) does with a published meeting, from its card in private:
cancel or reschedule one occurrence or the series (with a reason, after a "yes"), change a
field, its reminders, mark who came, and the community's meeting stats. Every press asks the
service again who may."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardMarkup,
    Message,
)

from bot.callbacks import MeetAction, MeetCB
from bot.filters import PRIVATE, TYPED
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.meetings import Meeting
from bot.services.community_settings import REMINDER_PRESETS
from bot.services.meeting_time import local_of, parse_when, to_utc
from bot.services.meetings import (
    REASON_LIMIT,
    MeetingService,
    Outcome,
    local_text,
    parse_local,
)
from bot.texts import clip, reminders_label, utf16_len
from bot.timeutil import from_timestamp
from bot.views.meetings import MeetingViews, button
from bot.views.meetings import when as when_text
from handlers.meetings.answers import (
    MA,
    OUTCOME_KEYS,
    STATS_DAYS,
    MeetState,
    outdated,
    private_chat,
    show_card,
)
from handlers.meetings.form import is_link, read, reminder_menu

# What the host may change on a published meeting (the time: reschedule).
EDITABLE = ("title", "place", "description", "capacity")


def router() -> Router:
    r = Router(name="meetings-manage")
    r.message.register(skip_edit, Command("skip"), StateFilter(MeetState.edit), PRIVATE)
    r.message.register(typed_move, StateFilter(MeetState.move), PRIVATE, TYPED)
    r.message.register(typed_reason, StateFilter(MeetState.confirm), PRIVATE, TYPED)
    r.message.register(typed_edit, StateFilter(MeetState.edit), PRIVATE, TYPED)
    steps: dict[Callable[..., Awaitable[None]], tuple[MeetAction, ...]] = {
        attendance: (MA.ATTENDANCE,),
        attended: (MA.ATTENDED,),
        cancel_or_move: (MA.CANCEL_ONE, MA.CANCEL_ALL, MA.MOVE_ONE, MA.MOVE_ALL),
        confirm: (MA.CONFIRM,),
        keep: (MA.KEEP,),
        stats: (MA.STATS,),
        edit_menu: (MA.EDIT,),
        reminders_menu: (MA.REMINDERS,),
        reminders_set: (MA.REMINDERS_SET,),
        edit_field: (MA.EDIT_FIELD,),
    }
    for step, actions in steps.items():
        r.callback_query.register(step, MeetCB.filter(F.action.in_(actions)))
    return r


async def attendance(
    query: CallbackQuery, callback_data: MeetCB, t: Texts, meetings: MeetingService
) -> None:
    if (message := await private_chat(query, t)) is None:
        return
    await query.answer()
    await show_attendance(message, callback_data.id, query.from_user.id, t, meetings)


async def attended(
    query: CallbackQuery, callback_data: MeetCB, t: Texts, meetings: MeetingService
) -> None:
    """The host marks one person (`value`) as come or not; the list is shown again."""
    if (message := await private_chat(query, t)) is None:
        return
    item, user_id = callback_data.id, query.from_user.id
    outcome = await meetings.toggle_attended(item, callback_data.value, user_id)
    if outcome is not Outcome.DONE:
        await outdated(query, t, outcome)
        return
    await query.answer()
    await show_attendance(message, item, user_id, t, meetings)


async def cancel_or_move(
    query: CallbackQuery,
    callback_data: MeetCB,
    state: FSMContext,
    t: Texts,
    meetings: MeetingService,
) -> None:
    """Cancel or move one occurrence or the series: a cancel is confirmed at once, a move
    asks the new date first."""
    if (message := await private_chat(query, t)) is None:
        return
    action, item = callback_data.action, callback_data.id
    outcome = await meetings.may_change(item, query.from_user.id, whole=action == MA.CANCEL_ALL)
    if outcome is not Outcome.DONE:
        await outdated(query, t, outcome)
        return
    await query.answer()
    if action in (MA.MOVE_ONE, MA.MOVE_ALL):
        await state.set_state(MeetState.move)
        await state.update_data(move=item, move_all=action == MA.MOVE_ALL)
        await message.answer(t("meet-ask-move"))
        return
    await state.set_state(MeetState.confirm)
    await state.set_data({"change": action.value, "change_id": item})
    text, keyboard = await confirm_view(t, item, await state.get_data(), meetings)
    await update_menu(message, text, keyboard)


async def confirm(
    query: CallbackQuery,
    callback_data: MeetCB,
    state: FSMContext,
    t: Texts,
    meetings: MeetingService,
    meeting_views: MeetingViews,
) -> None:
    if (message := await private_chat(query, t)) is None:
        return
    item = callback_data.id
    form = await state.get_data()
    if await state.get_state() != MeetState.confirm.state or form.get("change_id") != item:
        await outdated(query, t)
        return
    await apply_change(query, message, item, form, state, t, meetings, meeting_views)


async def keep(
    query: CallbackQuery,
    callback_data: MeetCB,
    state: FSMContext,
    t: Texts,
    meetings: MeetingService,
    meeting_views: MeetingViews,
) -> None:
    if (message := await private_chat(query, t)) is None:
        return
    item = callback_data.id
    if (await state.get_data()).get("change_id") == item:
        await state.clear()
    await query.answer(t("meet-kept"))
    await show_card(message, item, query.from_user.id, t, meetings, meeting_views, edit=True)


async def stats(
    query: CallbackQuery, callback_data: MeetCB, t: Texts, meetings: MeetingService
) -> None:
    """A community's figures (`id` its chat), for its moderators."""
    if (message := await private_chat(query, t)) is None:
        return
    if not await meetings.may_moderate(callback_data.id, query.from_user.id):
        await query.answer(t("not-allowed-moderators"), show_alert=True)
        return
    await query.answer()
    await message.answer(await stats_text(t, callback_data.id, meetings))


async def _managed(
    query: CallbackQuery, callback_data: MeetCB, t: Texts, meetings: MeetingService
) -> tuple[Message, Meeting] | None:
    """The private message pressed under and the meeting, if the presser may manage it."""
    if (message := await private_chat(query, t)) is None:
        return None
    found = await meetings.managed(callback_data.id, query.from_user.id)
    if found is None:
        await query.answer(t("meet-not-host"), show_alert=True)
        return None
    return message, found[0]


async def edit_menu(
    query: CallbackQuery, callback_data: MeetCB, t: Texts, meetings: MeetingService
) -> None:
    if (found := await _managed(query, callback_data, t, meetings)) is None:
        return
    await query.answer()
    item = callback_data.id
    rows = [
        [button(t(f"meet-field-{name}"), MA.EDIT_FIELD, item, number)]
        for number, name in enumerate(EDITABLE)
    ]
    rows.append([button(t("meet-option-reminders"), MA.REMINDERS, item)])
    rows.append([button(t("meet-reminders-back"), MA.OPEN, item)])
    await update_menu(found[0], t("vac-edit-which"), InlineKeyboardMarkup(inline_keyboard=rows))


async def edit_field(
    query: CallbackQuery,
    callback_data: MeetCB,
    state: FSMContext,
    t: Texts,
    meetings: MeetingService,
) -> None:
    """One field to type anew (`value` its index in EDITABLE)."""
    if not 0 <= callback_data.value < len(EDITABLE):
        await outdated(query, t)
        return
    if (found := await _managed(query, callback_data, t, meetings)) is None:
        return
    await query.answer()
    name = EDITABLE[callback_data.value]
    await state.set_state(MeetState.edit)
    await state.update_data(edit=callback_data.id, edit_field=name)
    await found[0].answer(t(f"meet-ask-{name}"))


async def reminders_menu(
    query: CallbackQuery, callback_data: MeetCB, t: Texts, meetings: MeetingService
) -> None:
    if (found := await _managed(query, callback_data, t, meetings)) is None:
        return
    await query.answer()
    message, meeting = found
    item, current = callback_data.id, meeting.reminders
    rows = reminder_menu(
        t, current, lambda label, index: button(label, MA.REMINDERS_SET, item, index)
    )
    rows.append([button(t("meet-reminders-back"), MA.OPEN, item)])
    text = t("meet-reminders-choose", reminders=reminders_label(t, current))
    await update_menu(message, text, InlineKeyboardMarkup(inline_keyboard=rows))


async def reminders_set(
    query: CallbackQuery,
    callback_data: MeetCB,
    t: Texts,
    meetings: MeetingService,
    meeting_views: MeetingViews,
) -> None:
    """A meeting's reminder set (`value` its index in REMINDER_PRESETS)."""
    if not 0 <= callback_data.value < len(REMINDER_PRESETS):
        await outdated(query, t)
        return
    if (found := await _managed(query, callback_data, t, meetings)) is None:
        return
    message, meeting = found
    user_id = query.from_user.id
    await meetings.edit(meeting.id, user_id, {"reminders": REMINDER_PRESETS[callback_data.value]})
    await query.answer(t("meet-reminders-saved"))
    await show_card(message, callback_data.id, user_id, t, meetings, meeting_views, edit=True)


async def show_attendance(
    message: Message, occurrence_id: int, user_id: int, t: Texts, meetings: MeetingService
) -> None:
    found = await meetings.managed(occurrence_id, user_id)
    if found is None:
        await update_menu(message, t("meet-not-host"), None)
        return
    meeting, _ = found
    rows = []
    for answer in await meetings.answers(occurrence_id):
        if answer.status != "going":
            continue
        name = await meetings.first_name(answer.user_id) or t("someone")
        mark = "✅" if answer.attended else "⬜"
        label = f"{mark} {clip(name, 40)}"
        rows.append([button(label, MA.ATTENDED, occurrence_id, answer.user_id)])
    text = t("meet-attendance", title=meeting.title, count=len(rows))
    await update_menu(message, text, InlineKeyboardMarkup(inline_keyboard=rows))


async def typed_move(
    message: Message, state: FSMContext, t: Texts, meetings: MeetingService
) -> None:
    assert message.from_user is not None
    form = await state.get_data()
    occurrence_id, whole = int(form.get("move") or 0), bool(form.get("move_all"))
    found = await meetings.managed(occurrence_id, message.from_user.id)
    if found is None:
        await state.clear()
        await message.answer(t("meet-not-host"))
        return
    meeting, _ = found
    now = local_of(from_timestamp(meetings.now()), meeting.zone)
    when = parse_when(message.text or "", now)
    if when is None or when.time is None:
        await message.answer(t("meet-bad-when"))
        return
    new_local = datetime.combine(when.day, when.time)
    if to_utc(new_local, meeting.zone).timestamp() <= meetings.now():
        await message.answer(t("meet-past"))
        return
    # Nothing moves yet: the host sees the old and the new time and confirms.
    await state.set_state(MeetState.confirm)
    await state.set_data(
        {
            "change": "moveall" if whole else "move1",
            "change_id": occurrence_id,
            "change_to": local_text(new_local),
            "reason": form.get("reason"),  # typed before "another date": kept
        }
    )
    text, keyboard = await confirm_view(t, occurrence_id, await state.get_data(), meetings)
    await message.answer(text, reply_markup=keyboard)


async def typed_reason(
    message: Message, state: FSMContext, t: Texts, meetings: MeetingService
) -> None:
    """The reason for a cancel or a move, typed before confirming; another one replaces it."""
    form = await state.get_data()
    reason = " ".join((message.text or "").split())
    if utf16_len(reason) > REASON_LIMIT:
        await message.answer(t("help-too-long", length=utf16_len(reason), limit=REASON_LIMIT))
        return
    await state.update_data(reason=reason)
    occurrence_id = int(form.get("change_id") or 0)
    text, keyboard = await confirm_view(t, occurrence_id, await state.get_data(), meetings)
    await message.answer(text, reply_markup=keyboard)


async def confirm_view(
    t: Texts, occurrence_id: int, form: dict[str, Any], meetings: MeetingService
) -> tuple[str, InlineKeyboardMarkup | None]:
    """ "Cancel X?" / "Move X? Was … Will be …", who will be told, the reason (or how to give
    one), and the buttons: yes, (another date,) keep."""
    found = await meetings.occurrence(occurrence_id)
    if found is None:
        return t("meet-gone"), None
    meeting, occurrence = found
    change = str(form.get("change"))
    whole = change.endswith("all")
    when = when_text(t, occurrence, meeting.zone)
    if change.startswith("move"):
        new = replace(occurrence, local_start=str(form.get("change_to")))
        head = t(
            f"meet-confirm-{change}",
            title=meeting.title,
            was=when,
            when=when_text(t, new, meeting.zone),
        )
        rows = [
            [button(t("meet-confirm-move-yes"), MA.CONFIRM, occurrence_id)],
            [button(t("meet-confirm-other-date"), change, occurrence_id)],
            [button(t("meet-confirm-keep-move"), MA.KEEP, occurrence_id)],
        ]
    else:
        head = t(f"meet-confirm-{change}", title=meeting.title, when=when)
        rows = [
            [button(t("meet-confirm-cancel-yes"), MA.CONFIRM, occurrence_id)],
            [button(t("meet-confirm-keep"), MA.KEEP, occurrence_id)],
        ]
    told = await meetings.told_of_change(occurrence_id, whole=whole and change == "cancelall")
    lines = [head, "", t("meet-confirm-told", count=told)]
    reason = form.get("reason")
    if reason:
        lines += [t("meet-change-reason", reason=reason), t("meet-confirm-reason-again")]
    else:
        lines.append(t("meet-confirm-reason-hint"))
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)


async def apply_change(
    query: CallbackQuery,
    message: Message,
    occurrence_id: int,
    form: dict[str, Any],
    state: FSMContext,
    t: Texts,
    meetings: MeetingService,
    views: MeetingViews,
) -> None:
    """The confirmed cancel or move, re-checked by the service."""
    user_id = query.from_user.id
    change = str(form.get("change"))
    whole = change.endswith("all")
    reason = form.get("reason") or None
    if change.startswith("move"):
        new_local = parse_local(str(form.get("change_to")))
        outcome = await meetings.reschedule(
            occurrence_id, user_id, new_local, whole=whole, reason=reason
        )
    else:
        outcome = await meetings.cancel(occurrence_id, user_id, whole=whole, reason=reason)
    if outcome is Outcome.CLOSED:  # the new time came while the host was deciding
        await query.answer(t("meet-past"), show_alert=True)
        await state.set_state(MeetState.move)
        await state.set_data({"move": occurrence_id, "move_all": whole})
        await message.answer(t("meet-ask-move"))
        return
    await state.clear()
    if outcome is Outcome.SAME:  # moved to the time it already had
        await query.answer(t("meet-kept"))
        await show_card(message, occurrence_id, user_id, t, meetings, views, edit=True)
        return
    if outcome is not Outcome.DONE:
        await query.answer(t(OUTCOME_KEYS.get(outcome, "button-outdated")), show_alert=True)
        return
    await query.answer()
    if change.startswith("move"):
        moved = await meetings.occurrence(occurrence_id)
        when = when_text(t, moved[1], moved[0].zone) if moved else ""
        done = t("meet-moved-done", when=when)
    else:
        done = t("meet-cancel-done")
    await update_menu(message, done, None)
    await show_card(message, occurrence_id, user_id, t, meetings, views)


async def typed_edit(
    message: Message,
    state: FSMContext,
    t: Texts,
    meetings: MeetingService,
    meeting_views: MeetingViews,
) -> None:
    """A new title, place or link, description or number of seats; upcoming announcements
    follow, and more seats move the waitlist up."""
    assert message.from_user is not None
    form = await state.get_data()
    occurrence_id, name = int(form.get("edit") or 0), str(form.get("edit_field") or "")
    found = await meetings.managed(occurrence_id, message.from_user.id)
    if found is None or name not in EDITABLE:
        await state.clear()
        await message.answer(t("meet-not-host"))
        return
    meeting, _ = found
    value, problem = await read(t, name, message.text or "", state, meetings)
    if problem is not None:
        await message.answer(problem)
        return
    if name == "place":
        values = {"link": value, "place": ""} if is_link(value) else {"place": value, "link": ""}
    else:
        values = {name: value}
    if await meetings.edit(meeting.id, message.from_user.id, values) is Outcome.TOO_FEW:
        # The prompt stays: another number, or /skip for no limit.
        going = await meetings.most_going(meeting.id)
        await message.answer(t("meet-seats-below", going=going))
        return
    await state.clear()
    await message.answer(t("meet-edited"))
    await show_card(message, occurrence_id, message.from_user.id, t, meetings, meeting_views)


async def skip_edit(
    message: Message,
    state: FSMContext,
    t: Texts,
    meetings: MeetingService,
    meeting_views: MeetingViews,
) -> None:
    """/skip while editing: the description (or the seat limit) goes away."""
    assert message.from_user is not None
    form = await state.get_data()
    occurrence_id, name = int(form.get("edit") or 0), str(form.get("edit_field") or "")
    if name not in ("description", "capacity"):
        await message.answer(t("vac-required"))
        return
    found = await meetings.managed(occurrence_id, message.from_user.id)
    await state.clear()
    if found is None:
        await message.answer(t("meet-not-host"))
        return
    await meetings.edit(
        found[0].id, message.from_user.id, {name: "" if name == "description" else None}
    )
    await message.answer(t("meet-edited"))
    await show_card(message, occurrence_id, message.from_user.id, t, meetings, meeting_views)


async def stats_text(t: Texts, chat_id: int, meetings: MeetingService) -> str:
    title = await meetings.community_title(chat_id)
    stats = await meetings.stats(chat_id, STATS_DAYS)
    lines = [
        t("meet-stats-title", title=title, days=stats.days),
        t("meet-stats-held", held=stats.held, came=stats.came),
    ]
    if stats.score is not None:
        lines.append(t("meet-stats-score", score=f"{stats.score:.1f}"))
    if stats.top:
        lines.append(t("meet-stats-top"))
        for number, (user_id, count) in enumerate(stats.top, 1):
            name = await meetings.first_name(user_id) or t("someone")
            lines.append(t("meet-stats-person", number=number, name=clip(name, 40), count=count))
    return "\n".join(lines)
