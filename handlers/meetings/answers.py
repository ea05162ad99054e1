"""Presses about one meeting: Going / Maybe / Can't go and "+1" under the announcement, the
calendar file and a personal reminder in private, /meetings, feedback afterwards. What the host
(or a moderator) does with it is in handlers/meetings/manage.py. Every press is re-checked on
the server."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardMarkup,
    Message,
)

from bot.callbacks import MeetAction, MeetCB
from bot.filters import PRIVATE, TYPED, own_private_message
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.meetings import Meeting, Occurrence
from bot.services.communities import CommunityService
from bot.services.meetings import (
    MeetingService,
    Outcome,
)
from bot.texts import clip, reminders_label, utf16_len
from bot.views.meetings import DEEP_LINK_ICS, MeetingViews, button, personal_when
from handlers.deeplinks import DeepLinks, LinkContext, sender_id

NOTE_LIMIT = 500
NOTE_WINDOW = 3600.0  # a note is taken within an hour of the score; later text is not a note
LIST_LIMIT = 20
STATS_DAYS = 30  # the stats a moderator sees from /meetings


class MeetState(StatesGroup):
    note = State()  # a feedback note after the score
    move = State()  # the new date of a rescheduled occurrence
    confirm = State()  # a cancel or a move awaiting the host's "yes" (and, maybe, a reason)
    edit = State()  # a new value for one field of the meeting


def router() -> Router:
    r = Router(name="meetings-answers")
    r.message.register(meetings_command, Command("meetings"), PRIVATE)
    r.message.register(typed_note, StateFilter(MeetState.note), PRIVATE, TYPED)
    steps: dict[Callable[..., Awaitable[None]], tuple[MeetAction, ...]] = {
        rsvp: (MA.GOING, MA.MAYBE, MA.NO),
        guest: (MA.GUEST,),
        ics: (MA.ICS,),
        remind: (MA.REMIND,),
        open_card: (MA.OPEN,),
        rate: (MA.RATE,),
    }
    for step, actions in steps.items():
        r.callback_query.register(step, MeetCB.filter(F.action.in_(actions)))
    return r


MA = MeetAction
OUTCOME_KEYS = {
    Outcome.GONE: "meet-gone",
    Outcome.CLOSED: "meet-closed",
    Outcome.NOT_ALLOWED: "meet-not-member",
}


async def outdated(query: CallbackQuery, t: Texts, outcome: Outcome | None = None) -> None:
    key = OUTCOME_KEYS.get(outcome, "button-outdated") if outcome else "button-outdated"
    await query.answer(t(key), show_alert=True)


async def private_chat(query: CallbackQuery, t: Texts) -> Message | None:
    """The presser's own private chat, where all but the answers under an announcement act."""
    message = own_private_message(query)
    if message is None:
        await outdated(query, t)
    return message


async def rsvp(
    query: CallbackQuery, callback_data: MeetCB, t: Texts, meetings: MeetingService
) -> None:
    """Going / Maybe / Can't go, under the announcement in the group or a card in private."""
    choice = callback_data.action.value
    answered = await meetings.answer(callback_data.id, query.from_user.id, choice)
    if answered.outcome in OUTCOME_KEYS:
        await outdated(query, t, answered.outcome)
        return
    await query.answer(t(f"meet-you-{answered.status}"))


async def guest(
    query: CallbackQuery, callback_data: MeetCB, t: Texts, meetings: MeetingService
) -> None:
    answered = await meetings.add_guest(callback_data.id, query.from_user.id)
    if answered.outcome is Outcome.DONE:
        await query.answer(t("meet-guests-now", count=answered.guests))
    elif answered.outcome is Outcome.CLOSED and answered.status == "going":
        await query.answer(t("meet-no-seats-for-guest"), show_alert=True)
    elif answered.outcome is Outcome.SAME:
        await query.answer(t("meet-guest-going-first"), show_alert=True)
    else:
        await outdated(query, t, answered.outcome)


async def ics(
    query: CallbackQuery,
    callback_data: MeetCB,
    t: Texts,
    meetings: MeetingService,
    meeting_views: MeetingViews,
) -> None:
    if (message := await private_chat(query, t)) is None:
        return
    await query.answer()
    await send_ics(message, callback_data.id, query.from_user.id, t, meetings, meeting_views)


async def remind(
    query: CallbackQuery, callback_data: MeetCB, t: Texts, meetings: MeetingService
) -> None:
    if await private_chat(query, t) is None:
        return
    minutes = callback_data.value
    outcome = await meetings.remind_me(callback_data.id, query.from_user.id, minutes)
    key = {Outcome.DONE: "meet-remind-set", Outcome.TOO_LATE: "meet-remind-too-late"}.get(
        outcome, OUTCOME_KEYS.get(outcome)
    )
    await query.answer(t(key or "button-outdated", minutes=minutes), show_alert=True)


async def open_card(
    query: CallbackQuery,
    callback_data: MeetCB,
    t: Texts,
    meetings: MeetingService,
    meeting_views: MeetingViews,
) -> None:
    if (message := await private_chat(query, t)) is None:
        return
    await query.answer()
    await show_card(
        message, callback_data.id, query.from_user.id, t, meetings, meeting_views, edit=True
    )


async def rate(
    query: CallbackQuery,
    callback_data: MeetCB,
    state: FSMContext,
    t: Texts,
    meetings: MeetingService,
) -> None:
    if (message := await private_chat(query, t)) is None:
        return
    item, score = callback_data.id, callback_data.value
    if await meetings.rate(item, query.from_user.id, score) is not Outcome.DONE:
        await outdated(query, t)
        return
    await query.answer()
    await state.set_state(MeetState.note)
    await state.update_data(note_for=item, note_until=meetings.now() + NOTE_WINDOW)
    await update_menu(message, t("meet-feedback-thanks", score=score), None)


def register_links(links: DeepLinks) -> None:
    # "Add to calendar" under an announcement: a file, and any form in progress stays.
    links.add(DEEP_LINK_ICS, ics_link, keeps_form=True)


async def ics_link(message: Message, occurrence_id: int, context: LinkContext) -> None:
    await send_ics(
        message,
        occurrence_id,
        sender_id(message),
        context.t,
        context.runtime.meetings,
        context.runtime.meeting_views,
    )


async def send_ics(
    message: Message,
    occurrence_id: int,
    user_id: int,
    t: Texts,
    meetings: MeetingService,
    views: MeetingViews,
) -> None:
    """A direct answer to the person's own press: the file goes out at once."""
    found = await meetings.visible(occurrence_id, user_id)
    if found is None:
        await message.answer(t("meet-gone"))
        return
    name, content = await views.calendar_file(*found)
    await message.answer_document(
        BufferedInputFile(content, filename=name), caption=t("meet-ics-caption")
    )


async def meetings_command(
    message: Message, t: Texts, meetings: MeetingService, community_service: CommunityService
) -> None:
    assert message.from_user is not None
    upcoming = await meetings.upcoming(message.from_user.id, LIST_LIMIT)
    rows = []
    community = await community_service.selected(message.from_user.id)
    if community is not None and await meetings.may_moderate(
        community.chat_id, message.from_user.id
    ):
        rows.append([button(t("meet-stats-button"), MA.STATS, community.chat_id, STATS_DAYS)])
    if not upcoming:
        await message.answer(
            t("meet-list-empty"), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows)
        )
        return
    for meeting, occurrence, answer in upcoming:
        local = occurrence.local_start[5:].replace("-", ".")  # "12-02 19:00" → "12.02 19:00"
        day, hm = local.split(" ")
        mark = t(f"meet-mark-{answer}") if answer else ""
        label = f"{mark}{'.'.join(reversed(day.split('.')))} {hm} · {meeting.title}"
        rows.append([button(clip(label, 60), MA.OPEN, occurrence.id)])
    await message.answer(
        t("meet-list-title", count=len(upcoming)),
        reply_markup=InlineKeyboardMarkup(inline_keyboard=rows),
    )


async def show_card(
    message: Message,
    occurrence_id: int,
    user_id: int,
    t: Texts,
    meetings: MeetingService,
    views: MeetingViews,
    *,
    edit: bool = False,
) -> None:
    found = await meetings.visible(occurrence_id, user_id)
    if found is None:
        await message.answer(t("meet-gone"))
        return
    meeting, occurrence = found
    text, keyboard = await card_view(t, meeting, occurrence, user_id, meetings, views)
    if edit:
        await update_menu(message, text, keyboard)
    else:
        await message.answer(text, reply_markup=keyboard)


async def card_view(
    t: Texts,
    meeting: Meeting,
    occurrence: Occurrence,
    user_id: int,
    meetings: MeetingService,
    views: MeetingViews,
) -> tuple[str, InlineKeyboardMarkup]:
    manager = await meetings.may_manage(meeting, user_id)
    names = manager or await meetings.names_shown(meeting.chat_id)
    card = await views.card(t, meeting, occurrence, names=names)
    mine = await meetings.answer_of(occurrence.id, user_id)
    lines = [
        card,
        "",
        personal_when(t, occurrence, meeting, await meetings.user_timezone(user_id)),
    ]
    if mine is not None:
        lines.append(t(f"meet-your-answer-{mine.status}"))
    if manager and occurrence.status == "scheduled":
        lines.append(t("meet-reminders-are", reminders=reminders_label(t, meeting.reminders)))
    buttons = await views.buttons(t, meeting, occurrence)
    rows = list(buttons.inline_keyboard) if buttons else []
    rows = [r for r in rows if not any(b.url for b in r)]  # the calendar comes as a file here
    if occurrence.status == "scheduled":
        rows.append([button(t("meet-calendar"), MA.ICS, occurrence.id)])
    if manager:
        if occurrence.status == "scheduled" and meeting.status == "active":
            rows.append(
                [
                    button(t("meet-move-one"), MA.MOVE_ONE, occurrence.id),
                    button(t("meet-cancel-one"), MA.CANCEL_ONE, occurrence.id),
                ]
            )
            rows.append([button(t("meet-edit"), MA.EDIT, occurrence.id)])
            if meeting.recurrence != "none":
                rows.append(
                    [
                        button(t("meet-move-all"), MA.MOVE_ALL, occurrence.id),
                        button(t("meet-cancel-all"), MA.CANCEL_ALL, occurrence.id),
                    ]
                )
        if occurrence.starts_at <= meetings.now():
            rows.append([button(t("meet-mark"), MA.ATTENDANCE, occurrence.id)])
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)


async def typed_note(
    message: Message, state: FSMContext, t: Texts, meetings: MeetingService
) -> None:
    assert message.from_user is not None
    form = await state.get_data()
    if meetings.now() > float(form.get("note_until") or 0):
        await state.clear()
        raise SkipHandler  # long after the score: this text is about something else
    note = (message.text or "").strip()
    if utf16_len(note) > NOTE_LIMIT:
        await message.answer(t("help-too-long", length=utf16_len(note), limit=NOTE_LIMIT))
        return
    occurrence_id = int(form.get("note_for") or 0)
    await state.clear()
    if await meetings.add_note(occurrence_id, message.from_user.id, note) is Outcome.DONE:
        await message.answer(t("meet-note-thanks"))
    else:
        await message.answer(t("button-outdated"))
