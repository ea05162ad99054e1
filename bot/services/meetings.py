"""Meetings: a series (one-off or recurring) whose occurrences are announced in the group, each
with its own RSVPs, reminders and, afterwards, attendance and feedback.

Everything scheduled is a timer in the database, keyed by the occurrence and the UTC instant it
was planned for: a rescheduled occurrence plans new timers, and an old one finds the instant
changed and does nothing. Wall times are kept as typed in the meeting's zone; each occurrence's
instant is computed from them, so a weekly 19:00 stays 19:00 across DST."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import TYPE_CHECKING, Any

from aiogram import Bot
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import MeetCB
from bot.i18n import Markup, Texts, Translator
from bot.keyboards import deep_link
from bot.repos.communities import CommunitiesRepo
from bot.repos.meetings import Meeting, MeetingsRepo, Occurrence, Rsvp
from bot.repos.users import UsersRepo
from bot.services.community_settings import (
    MEETINGS_NAMES,
    MEETINGS_PIN,
    MEETINGS_REMINDERS,
    MEETINGS_WHO,
    TOPIC_EVENTS,
    CommunitySettings,
)
from bot.services.ics import CalendarEvent, Series, cancel_ics, series_ics, single_ics, uid_for
from bot.services.meeting_time import (
    calendar_rule,
    local_of,
    nth_weekday,
    occurrences_after,
    to_utc,
)
from bot.services.permissions import Action, Actor, Permissions
from bot.services.recurrence_text import rule_words
from bot.services.sender import FAN_OUT_BATCH
from bot.texts import clip, escape, format_day, mention, span, utf16_len, weekday_name
from bot.timeutil import get_tz

if TYPE_CHECKING:
    from bot.scheduler import Scheduler
    from bot.services.sender import Sender

log = logging.getLogger(__name__)

LOCAL_FORMAT = "%Y-%m-%d %H:%M"
POST_KEY = "meet-post:"
DEEP_LINK_ICS = "ics"
REFRESH_EVERY = 5.0  # at most one edit of an announcement per 5 s: ≤ 12 a minute per group
STARTING_KEEPS = 1800  # "starting now" with the link still helps half an hour in
REMINDER_GRACE = 600  # a reminder missed by up to 10 minutes (the bot was down) still goes
LATE_AFTER = 60.0  # ... marked late past a minute
NAMES_SHOWN = 30  # names under an announcement; the rest as "and N more"
BRIEF_BEFORE = 86400.0
TOP_ATTENDEES = 10
BRIEF_BUDGET = 3900  # characters of the host's list, links' HTML included (Telegram: 4096)
REASON_LIMIT = 300  # the host's reason for a change: with the rest, within a caption (1024)


def parse_local(text: str) -> datetime:
    return datetime.strptime(text, LOCAL_FORMAT)


def local_text(moment: datetime) -> str:
    return moment.strftime(LOCAL_FORMAT)


class Outcome(Enum):
    DONE = "done"
    GONE = "gone"  # the meeting or occurrence no longer exists or was cancelled
    CLOSED = "closed"  # started, or RSVPs closed before the start
    NOT_ALLOWED = "not_allowed"
    SAME = "same"  # nothing changed
    TOO_LATE = "too_late"  # a reminder whose moment has already passed
    TOO_FEW = "too_few"  # fewer seats than people already going


@dataclass(frozen=True)
class MeetingStats:
    days: int
    held: int
    came: int
    score: float | None
    top: list[tuple[int, int]]  # (user_id, meetings attended), most first


@dataclass(frozen=True)
class Answered:
    outcome: Outcome
    status: str | None = None  # going | maybe | no | waitlist
    guests: int = 0


def _button(text: str, action: str, item: int, value: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=MeetCB(action=action, id=item, value=value).pack()
    )


class MeetingService:
    def __init__(
        self,
        repo: MeetingsRepo,
        users: UsersRepo,
        communities: CommunitiesRepo,
        settings: CommunitySettings,
        permissions: Permissions,
        *,
        bot: Bot,
        scheduler: Scheduler,
        sender: Sender,
        translator: Translator,
        default_timezone: str,
    ) -> None:
        self.repo = repo
        self.users = users
        self.communities = communities
        self.settings = settings
        self.permissions = permissions
        self.bot = bot
        self.scheduler = scheduler
        self.sender = sender
        self.translator = translator
        self.default_timezone = default_timezone
        sender.on_sent(POST_KEY, self._post_sent)

    # --- who may do what ---

    async def zone_of(self, chat_id: int) -> str:
        community = await self.communities.get(chat_id)
        return (community.timezone if community else None) or self.default_timezone

    async def group_texts(self, chat_id: int) -> Texts:
        community = await self.communities.get(chat_id)
        return self.translator.texts(
            (community.language if community else None) or self.translator.default_language
        )

    async def may_create(self, chat_id: int, user_id: int) -> bool:
        """Moderators always; members when the community lets them."""
        actor = Actor(user_id)
        if await self.permissions.may(chat_id, actor, Action.MODERATE):
            return True
        if await self.settings.get(chat_id, MEETINGS_WHO) != "members":
            return False
        return await self.permissions.may(chat_id, actor, Action.USE)

    async def may_manage(self, meeting: Meeting, user_id: int) -> bool:
        if meeting.host_id == user_id:
            return True
        return await self.may_moderate(meeting.chat_id, user_id)

    async def may_moderate(self, chat_id: int, user_id: int) -> bool:
        return await self.permissions.may(chat_id, Actor(user_id), Action.MODERATE)

    async def default_reminders(self, chat_id: int) -> str:
        chosen = str(await self.settings.get(chat_id, MEETINGS_REMINDERS))
        return "" if chosen == "off" else chosen

    async def names_shown(self, chat_id: int) -> bool:
        return bool(await self.settings.get(chat_id, MEETINGS_NAMES))

    async def may_see(self, meeting: Meeting, user_id: int) -> bool:
        return await self.permissions.may(meeting.chat_id, Actor(user_id), Action.USE)

    # --- creating ---

    async def create(self, chat_id: int, host_id: int, values: dict[str, Any]) -> Meeting:
        """A new series and its first occurrence, announced; `values` as the form keeps them
        (start_local in the community's zone)."""
        zone = await self.zone_of(chat_id)
        meeting_id = await self.repo.create(chat_id, host_id, {**values, "zone": zone})
        meeting = await self.repo.get(meeting_id)
        assert meeting is not None
        await self._add_occurrence(meeting, meeting.start_local)
        log.info("meeting created", extra={"meeting_id": meeting_id, "chat_id": chat_id})
        return meeting

    async def _add_occurrence(self, meeting: Meeting, series_local: str) -> Occurrence | None:
        starts_at = to_utc(parse_local(series_local), meeting.zone).timestamp()
        occurrence_id = await self.repo.add_occurrence(meeting.id, series_local, starts_at)
        if occurrence_id is None:
            return None
        occurrence = await self.repo.occurrence(occurrence_id)
        assert occurrence is not None
        await self._announce(meeting, occurrence)
        await self._plan(meeting, occurrence)
        await self._plan_next(meeting, series_local)
        return occurrence

    async def _plan_next(self, meeting: Meeting, after: str) -> None:
        """The next occurrence of a series is made (and announced) lead_days before it."""
        if meeting.recurrence == "none":
            return
        following = occurrences_after(
            parse_local(meeting.start_local), meeting.recurrence, meeting.rrule, parse_local(after)
        )
        if not following:
            return
        series_local = local_text(following[0])
        await self.scheduler.add_timer(
            "meeting_next",
            {
                "meeting_id": meeting.id,
                "series_local": series_local,
                "anchor": meeting.start_local,
            },
            # Counted on the local calendar: six days before 19:00 is 19:00, DST or not. The
            # generous grace keeps the series alive after a long outage (next_due skips ahead).
            max(
                self.repo.clock.time(),
                to_utc(following[0] - timedelta(days=meeting.lead_days), meeting.zone).timestamp(),
            ),
            grace=366 * 86400,
            dedupe_key=f"meeting_next:{meeting.id}:{series_local}",
        )

    async def next_due(self, meeting_id: int, series_local: str, anchor: str) -> None:
        meeting = await self.repo.get(meeting_id)
        if meeting is None or meeting.status != "active" or meeting.recurrence == "none":
            return
        if meeting.start_local != anchor:
            return  # the series was moved since: its own "next" timer is planned
        if to_utc(parse_local(series_local), meeting.zone).timestamp() <= self.repo.clock.time():
            # Down for longer than the lead time: skip to the next one still ahead.
            await self._plan_next(meeting, series_local)
            return
        await self._add_occurrence(meeting, series_local)

    def _plan_keys(self, occurrence: Occurrence) -> str:
        return f"{occurrence.id}:{int(occurrence.starts_at)}"

    async def _plan(self, meeting: Meeting, occurrence: Occurrence) -> None:
        """Reminders, the host's brief, "starting now" and the after-meeting step, each a timer
        keyed by the instant it belongs to."""
        now = self.repo.clock.time()
        start = occurrence.starts_at
        args = {"occurrence_id": occurrence.id, "starts_at": int(start)}
        key = self._plan_keys(occurrence)
        plans: list[tuple[str, float, dict[str, Any], str]] = [
            (
                "meeting_remind",
                start - minutes * 60,
                {**args, "minutes": minutes},
                f"meeting_remind:{key}:{minutes}",
            )
            for minutes in meeting.reminder_minutes
        ]
        plans.append(("meeting_brief", start - BRIEF_BEFORE, args, f"meeting_brief:{key}"))
        if meeting.link:
            plans.append(("meeting_start", start, args, f"meeting_start:{key}"))
        end = start + meeting.duration_min * 60
        plans.append(("meeting_after", end, args, f"meeting_after:{key}"))
        for kind, at, timer_args, dedupe_key in plans:
            if at <= now:
                continue  # made too late for this one: nothing is sent in a rush
            await self.scheduler.add_timer(
                kind,
                timer_args,
                at,
                grace=REMINDER_GRACE if kind != "meeting_after" else 86400,
                dedupe_key=dedupe_key,
            )

    async def _current(
        self, occurrence_id: int, starts_at: int
    ) -> tuple[Meeting, Occurrence] | None:
        """The occurrence a timer was planned for, unless it moved, was cancelled or is gone."""
        occurrence = await self.repo.occurrence(occurrence_id)
        if occurrence is None or occurrence.status != "scheduled":
            return None
        if int(occurrence.starts_at) != starts_at:
            return None
        meeting = await self.repo.get(occurrence.meeting_id)
        if meeting is None or meeting.status != "active":
            return None
        community = await self.communities.get(meeting.chat_id)
        if community is None or not community.active:
            return None  # the group removed the bot: its meetings go quiet
        return meeting, occurrence

    # --- the announcement ---

    def when(self, t: Texts, occurrence: Occurrence, zone: str) -> str:
        """ "вторник, 2 декабря 2026, 19:00 MSK": the day spelled out, so nobody misreads it."""
        local = parse_local(occurrence.local_start)
        abbreviation = to_utc(local, zone).astimezone(get_tz(zone)).strftime("%Z")
        day = format_day(local.date(), t.lang, "EEEE, d MMMM y")
        return t("meet-when", day=day, time=local.strftime("%H:%M"), zone=abbreviation)

    def recurrence_label(self, t: Texts, meeting: Meeting) -> str | None:
        if meeting.recurrence == "none":
            return None
        start = parse_local(meeting.start_local)
        weekday = weekday_name(t.lang, start.weekday())
        if meeting.recurrence == "monthly":
            n, _ = nth_weekday(start.date())
            return t("meet-every-month", n=n, weekday=weekday, day=start.weekday())
        if meeting.recurrence == "rrule":
            return rule_words(t, meeting.rrule or "", start)
        return t(f"meet-every-{meeting.recurrence}", weekday=weekday, day=start.weekday())

    async def card(
        self, t: Texts, meeting: Meeting, occurrence: Occurrence, *, names: bool = True
    ) -> str:
        rsvps = await self.repo.rsvps(occurrence.id)
        going = [r for r in rsvps if r.status == "going"]
        lines = [
            t("meet-card-title", kind=t(f"meet-kind-{meeting.kind}"), title=meeting.title),
            "🕖 "
            + self.when(t, occurrence, meeting.zone)
            + " · "
            + t("meet-duration", minutes=meeting.duration_min),
        ]
        if occurrence.status == "scheduled" and (
            occurrence.local_start != occurrence.series_local or occurrence.change_reason
        ):
            lines.append(t("meet-moved"))  # a reason on a scheduled one: the series moved
        if occurrence.change_reason:
            lines.append(t("meet-change-reason", reason=occurrence.change_reason))
        if meeting.place:
            lines.append(t("meet-card-place", place=meeting.place))
        if meeting.link:
            lines.append(t("meet-card-online", link=meeting.link))
        every = self.recurrence_label(t, meeting)
        if every:
            lines.append("🔁 " + every)
        if meeting.host_id is not None:
            host = await self.users.get(meeting.host_id)
            name = (host.first_name if host else None) or t("someone")
            lines.append(t("meet-card-host", name=Markup(mention(meeting.host_id, name))))
        if meeting.description:
            lines += ["", escape(meeting.description)]
        lines.append("")
        seats = sum(r.seats for r in going)
        counts = t(
            "meet-card-counts",
            going=seats,
            maybe=sum(1 for r in rsvps if r.status == "maybe"),
        )
        if meeting.capacity:
            counts += " · " + t("meet-card-seats", taken=seats, capacity=meeting.capacity)
        waiting = sum(1 for r in rsvps if r.status == "waitlist")
        if waiting:
            counts += " · " + t("meet-card-waitlist", count=waiting)
        lines.append(counts)
        if occurrence.status == "cancelled":
            lines.insert(0, t("meet-cancelled-mark"))
        elif names and going:
            lines.append(await self._names(t, going))
        return "\n".join(lines)

    async def _names(self, t: Texts, going: list[Rsvp]) -> str:
        shown = []
        for rsvp in going[:NAMES_SHOWN]:
            user = await self.users.get(rsvp.user_id)
            name = escape(clip((user.first_name if user else None) or t("someone"), 32))
            shown.append(name + (f" +{rsvp.guests}" if rsvp.guests else ""))
        text = "✅ " + ", ".join(shown)
        if len(going) > NAMES_SHOWN:
            text += " " + t("meet-card-more", count=len(going) - NAMES_SHOWN)
        return text

    async def buttons(
        self, t: Texts, meeting: Meeting, occurrence: Occurrence
    ) -> InlineKeyboardMarkup | None:
        if occurrence.status != "scheduled" or meeting.status != "active":
            return None
        rows = [
            [
                _button(t("meet-going"), "going", occurrence.id),
                _button(t("meet-maybe"), "maybe", occurrence.id),
                _button(t("meet-no"), "no", occurrence.id),
            ]
        ]
        if meeting.guests:
            rows.append([_button(t("meet-plus-one"), "guest", occurrence.id)])
        me = await self.bot.me()
        if me.username:
            link = deep_link(me.username, f"{DEEP_LINK_ICS}{occurrence.id}")
            rows.append([InlineKeyboardButton(text=t("meet-calendar"), url=link)])
        return InlineKeyboardMarkup(inline_keyboard=rows)

    async def _announce(self, meeting: Meeting, occurrence: Occurrence) -> None:
        t = await self.group_texts(meeting.chat_id)
        await self.sender.enqueue(
            meeting.chat_id,
            await self.card(t, meeting, occurrence, names=await self.names_shown(meeting.chat_id)),
            reply_markup=await self.buttons(t, meeting, occurrence),
            thread_id=await self.settings.get(meeting.chat_id, TOPIC_EVENTS),
            dedupe_key=f"{POST_KEY}{occurrence.id}:",
        )

    async def _post_sent(self, key: str, chat_id: int, message_id: int) -> None:
        occurrence_id = int(key[len(POST_KEY) :].split(":")[0])
        await self.repo.set_message(occurrence_id, message_id)
        if await self.settings.get(chat_id, MEETINGS_PIN):
            await self.sender.enqueue(
                chat_id,
                method="pinChatMessage",
                message_id=message_id,
                disable_notification=True,
                dedupe_key=f"meet-pin:{occurrence_id}",
            )
        occurrence = await self.repo.occurrence(occurrence_id)
        stale = occurrence is not None and occurrence.status != "scheduled"
        if stale or await self.repo.rsvps(occurrence_id):
            await self.refresh(occurrence_id)  # answers or a cancellation came before the post

    async def refresh(self, occurrence_id: int) -> None:
        """The announcement follows the answers; an older pending edit gives way."""
        occurrence = await self.repo.occurrence(occurrence_id)
        meeting = await self.repo.get(occurrence.meeting_id) if occurrence else None
        if occurrence is None or meeting is None or occurrence.message_id is None:
            return
        t = await self.group_texts(meeting.chat_id)
        names = await self.names_shown(meeting.chat_id)
        prefix = f"meet-edit:{occurrence_id}:"
        await self.sender.outbox.supersede(prefix)
        keyboard = await self.buttons(t, meeting, occurrence)
        await self.sender.enqueue(
            meeting.chat_id,
            await self.card(t, meeting, occurrence, names=names),
            method="editMessageText",
            message_id=occurrence.message_id,
            reply_markup=keyboard or InlineKeyboardMarkup(inline_keyboard=[]),
            dedupe_key=f"{prefix}{time.time_ns()}",
        )

    async def _refresh_soon(self, occurrence_id: int) -> None:
        """Debounced: one edit per REFRESH_EVERY window however many press at once."""
        window = int(self.repo.clock.time() // REFRESH_EVERY)
        await self.scheduler.add_timer(
            "meeting_refresh",
            {"occurrence_id": occurrence_id},
            (window + 1) * REFRESH_EVERY,
            grace=3600,
            dedupe_key=f"meeting_refresh:{occurrence_id}:{window}",
        )

    # --- answers ---

    async def answer(self, occurrence_id: int, user_id: int, choice: str) -> Answered:
        found = await self._open(occurrence_id)
        if isinstance(found, Outcome):
            return Answered(found)
        meeting, occurrence = found
        if not await self.may_see(meeting, user_id):
            return Answered(Outcome.NOT_ALLOWED)
        now = self.repo.clock.time()
        async with self.repo.db.transaction():
            current = await self.repo.rsvp(occurrence_id, user_id)
            was = current.status if current else None
            guests = current.guests if current else 0
            if choice == "going" and was in ("going", "waitlist"):
                return Answered(Outcome.SAME, was, guests)
            if choice != "going" and was == choice:
                return Answered(Outcome.SAME, was, guests)
            status = choice
            queued_at = now if choice == "going" else (current.queued_at if current else now)
            if choice == "going" and not await self._fits(
                meeting, occurrence_id, user_id, 1 + guests
            ):
                status = "waitlist"
            if status not in ("going", "waitlist"):
                guests = 0
            await self.repo.answer(occurrence_id, user_id, status, guests, queued_at)
            if was == "going" and status != "going":
                await self._promote(meeting, occurrence)
            await self._confirm(meeting, occurrence, user_id, status)
            await self._refresh_soon(occurrence_id)
        return Answered(Outcome.DONE, status, guests)

    async def add_guest(self, occurrence_id: int, user_id: int) -> Answered:
        """ "+1": one more guest each press, back to none past the host's limit."""
        found = await self._open(occurrence_id)
        if isinstance(found, Outcome):
            return Answered(found)
        meeting, occurrence = found
        if not meeting.guests or not await self.may_see(meeting, user_id):
            return Answered(Outcome.NOT_ALLOWED)
        async with self.repo.db.transaction():
            current = await self.repo.rsvp(occurrence_id, user_id)
            if current is None or current.status != "going":
                return Answered(Outcome.SAME, current.status if current else None)
            guests = (current.guests + 1) % (meeting.guests + 1)
            if guests > current.guests and not await self._fits(
                meeting, occurrence_id, user_id, 1 + guests
            ):
                return Answered(Outcome.CLOSED, "going", current.guests)
            await self.repo.answer(occurrence_id, user_id, "going", guests, current.queued_at)
            if guests < current.guests:
                await self._promote(meeting, occurrence)
            await self._refresh_soon(occurrence_id)
        return Answered(Outcome.DONE, "going", guests)

    async def _open(self, occurrence_id: int) -> tuple[Meeting, Occurrence] | Outcome:
        occurrence = await self.repo.occurrence(occurrence_id)
        meeting = await self.repo.get(occurrence.meeting_id) if occurrence else None
        if occurrence is None or meeting is None:
            return Outcome.GONE
        if occurrence.status != "scheduled" or meeting.status != "active":
            return Outcome.GONE
        closes = occurrence.starts_at - (meeting.cutoff_min or 0) * 60
        if self.repo.clock.time() >= closes:
            return Outcome.CLOSED
        return meeting, occurrence

    async def _fits(self, meeting: Meeting, occurrence_id: int, user_id: int, seats: int) -> bool:
        if not meeting.capacity:
            return True
        taken = await self.repo.seats_taken(occurrence_id, but=user_id)
        return taken + seats <= meeting.capacity

    async def _promote(self, meeting: Meeting, occurrence: Occurrence) -> None:
        """Seats freed: the waitlist moves up in order, each promoted person told."""
        for rsvp in await self.repo.rsvps(occurrence.id):
            if rsvp.status != "waitlist":
                continue
            if not await self._fits(meeting, occurrence.id, rsvp.user_id, rsvp.seats):
                break  # in order: nobody jumps the queue with a smaller party
            await self.repo.answer(
                occurrence.id, rsvp.user_id, "going", rsvp.guests, rsvp.queued_at
            )
            # Told with the calendar file and the reminders, as anyone going is.
            await self._confirm(meeting, occurrence, rsvp.user_id, "going", promoted=True)

    async def _confirm(
        self,
        meeting: Meeting,
        occurrence: Occurrence,
        user_id: int,
        status: str,
        *,
        promoted: bool = False,
    ) -> None:
        """A private note with the time in the person's own zone, the calendar file and a
        personal reminder; only the latest answer's note is sent. Someone on the waitlist gets
        the note only: the file and reminders come once they have a seat."""
        prefix = f"meet-confirm:{occurrence.id}:{user_id}:"
        await self.sender.outbox.supersede(prefix)
        if status == "no":
            return
        user = await self.users.get(user_id)
        if user is None or user.blocked_at is not None:
            return
        t = self.translator.texts_for(user)
        headline = (
            t("meet-promoted", title=meeting.title, when=self.when(t, occurrence, meeting.zone))
            if promoted
            else t(f"meet-confirm-{status}", title=meeting.title)
        )
        text = "\n".join([headline, self.personal_when(t, occurrence, meeting, user.timezone)])
        if status == "waitlist":
            await self.sender.enqueue(
                user_id, text, priority=-1, dedupe_key=f"{prefix}{time.time_ns()}"
            )
            return
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    _button(t("meet-remind-me", minutes=minutes), "remind", occurrence.id, minutes)
                    for minutes in (15, 120)
                ],
            ]
        )
        name, content = await self._ics(meeting, occurrence)
        # The calendar file comes with the confirmation; the text is its caption.
        await self.sender.enqueue(
            user_id,
            method="sendDocument",
            document={"text": content.decode(), "filename": name},
            caption=text + "\n" + t("meet-ics-caption"),
            reply_markup=keyboard,
            priority=-1,
            dedupe_key=f"{prefix}{time.time_ns()}",
        )

    def personal_when(
        self, t: Texts, occurrence: Occurrence, meeting: Meeting, zone: str | None
    ) -> str:
        """The time in the person's zone when it differs from the meeting's."""
        return "🕖 " + self.when_for(t, occurrence, meeting, zone)

    def when_for(self, t: Texts, occurrence: Occurrence, meeting: Meeting, zone: str | None) -> str:
        """`when` in `zone` (a person's own) if given and not the meeting's."""
        if not zone or zone == meeting.zone:
            return self.when(t, occurrence, meeting.zone)
        local = local_of(datetime.fromtimestamp(occurrence.starts_at, UTC), zone)
        return self.when(t, replace(occurrence, local_start=local_text(local)), zone)

    async def remind_me(self, occurrence_id: int, user_id: int, minutes: int) -> Outcome:
        """A personal reminder, on top of the meeting's own."""
        found = await self._open(occurrence_id)
        if isinstance(found, Outcome):
            return found
        _, occurrence = found
        rsvp = await self.repo.rsvp(occurrence_id, user_id)
        if rsvp is None or rsvp.status == "no" or minutes not in (15, 120):
            return Outcome.NOT_ALLOWED
        at = occurrence.starts_at - minutes * 60
        if at <= self.repo.clock.time():
            return Outcome.TOO_LATE  # the meeting is sooner than that: not "RSVPs are closed"
        await self.repo.set_remind(occurrence_id, user_id, minutes)
        await self._plan_personal(occurrence, user_id, minutes)
        return Outcome.DONE

    async def _plan_personal(self, occurrence: Occurrence, user_id: int, minutes: int) -> None:
        at = occurrence.starts_at - minutes * 60
        if at <= self.repo.clock.time():
            return
        await self.scheduler.add_timer(
            "meeting_personal",
            {
                "occurrence_id": occurrence.id,
                "starts_at": int(occurrence.starts_at),
                "user_id": user_id,
                "minutes": minutes,
            },
            at,
            grace=REMINDER_GRACE,
            dedupe_key=f"meeting_personal:{self._plan_keys(occurrence)}:{user_id}:{minutes}",
            user_id=user_id,
        )

    async def ics(self, occurrence_id: int, user_id: int) -> tuple[str, bytes] | None:
        """(file name, content) for a member of the meeting's community."""
        occurrence = await self.repo.occurrence(occurrence_id)
        meeting = await self.repo.get(occurrence.meeting_id) if occurrence else None
        if occurrence is None or meeting is None or not await self.may_see(meeting, user_id):
            return None
        return await self._ics(meeting, occurrence)

    async def _ics(self, meeting: Meeting, occurrence: Occurrence) -> tuple[str, bytes]:
        """The meeting's calendar file as it now stands: a series as one rule (a calendar
        adds it once), a cancellation as METHOD:CANCEL."""
        event = CalendarEvent(
            uid=uid_for(meeting.id, self.bot.id),
            title=meeting.title,
            description=meeting.description,
            location=meeting.place,
            url=meeting.link,
            duration_min=meeting.duration_min,
            sequence=meeting.revision,
            stamp=self.repo.clock.now(),
        )
        name = f"meeting-{meeting.id}.ics"
        if meeting.recurrence == "none" or meeting.status == "cancelled":
            if occurrence.status != "scheduled" or meeting.status == "cancelled":
                return name, cancel_ics(event, occurrence.starts_at)
            return name, single_ics(event, occurrence.starts_at)
        if occurrence.status != "scheduled":
            slot = parse_local(occurrence.series_local)
            return name, cancel_ics(event, occurrence.starts_at, zone=meeting.zone, slot=slot)
        return name, series_ics(event, await self._series(meeting))

    async def _series(self, meeting: Meeting) -> Series:
        start = parse_local(meeting.start_local)
        found = occurrences_after(
            start, meeting.recurrence, meeting.rrule, start - timedelta(minutes=1)
        )
        first = found[0] if found else start  # a rule need not match its own start
        cancelled: list[datetime] = []
        moved: list[tuple[datetime, datetime]] = []
        for occurrence in await self.repo.occurrences(meeting.id):
            slot = parse_local(occurrence.series_local)
            if slot < first:
                continue  # before the series, as it now runs, began
            if occurrence.status != "scheduled":
                cancelled.append(slot)
            elif occurrence.local_start != occurrence.series_local:
                moved.append((slot, parse_local(occurrence.local_start)))
        rule = calendar_rule(meeting.recurrence, meeting.rrule, start, meeting.zone)
        return Series(meeting.zone, first, rule, cancelled, moved)

    # --- reminders ---

    async def remind(
        self,
        occurrence_id: int,
        starts_at: int,
        minutes: int,
        late: bool,
        after: int | None = None,
    ) -> None:
        """The group first, then those going or maybe, FAN_OUT_BATCH of them per run in user id
        order (a run is one transaction; direct replies should not wait on a long one)."""
        found = await self._current(occurrence_id, starts_at)
        if found is None:
            return
        meeting, occurrence = found
        if minutes not in meeting.reminder_minutes:
            return  # the host changed the reminders since this one was planned
        rsvps = await self.repo.rsvps(occurrence_id)
        if after is None:
            t = await self.group_texts(meeting.chat_id)
            await self.sender.enqueue(
                meeting.chat_id,
                (t("meet-late") + " " if late else "")
                + t(
                    "meet-reminder-group",
                    title=meeting.title,
                    left=_left(t, minutes),
                    when=self.when(t, occurrence, meeting.zone),
                    going=sum(r.seats for r in rsvps if r.status == "going"),
                ),
                reply_markup=await self.buttons(t, meeting, occurrence),
                thread_id=await self.settings.get(meeting.chat_id, TOPIC_EVENTS),
                dedupe_key=f"meet-remind-group:{occurrence_id}:{starts_at}:{minutes}",
                expires_at=starts_at,  # a reminder is useless once the meeting began
            )
        people = sorted(
            r.user_id
            for r in rsvps
            if r.status in ("going", "maybe") and (after is None or r.user_id > after)
        )
        batch = people[:FAN_OUT_BATCH]
        if len(people) > len(batch):
            await self.scheduler.add_timer(
                "meeting_remind",
                {
                    "occurrence_id": occurrence_id,
                    "starts_at": starts_at,
                    "minutes": minutes,
                    "late": late,
                    "after": batch[-1],
                },
                self.repo.clock.time(),
                grace=REMINDER_GRACE,
                dedupe_key=f"meeting_remind:{occurrence_id}:{starts_at}:{minutes}:{batch[-1]}",
            )
        for user_id in batch:
            await self._remind_person(meeting, occurrence, user_id, minutes, late)

    async def _remind_person(
        self, meeting: Meeting, occurrence: Occurrence, user_id: int, minutes: int, late: bool
    ) -> None:
        user = await self.users.get(user_id)
        if user is None or user.blocked_at is not None:
            return
        t = self.translator.texts_for(user)
        text = t(
            "meet-reminder-private",
            title=meeting.title,
            left=_left(t, minutes),
            when=Markup(self.personal_when(t, occurrence, meeting, user.timezone)),
        )
        if meeting.link:
            text += "\n" + t("meet-card-online", link=meeting.link)
        elif meeting.place:
            text += "\n" + t("meet-card-place", place=meeting.place)
        await self.sender.enqueue(
            user_id,
            (t("meet-late") + " " if late else "") + text,
            dedupe_key=f"meet-remind:{occurrence.id}:{int(occurrence.starts_at)}:{minutes}:{user_id}",
            expires_at=occurrence.starts_at,
        )

    async def personal(
        self, occurrence_id: int, starts_at: int, user_id: int, minutes: int, late: bool
    ) -> None:
        found = await self._current(occurrence_id, starts_at)
        if found is None:
            return
        meeting, occurrence = found
        rsvp = await self.repo.rsvp(occurrence_id, user_id)
        if rsvp is None or rsvp.status == "no" or rsvp.remind_min != minutes:
            return
        await self._remind_person(meeting, occurrence, user_id, minutes, late)

    async def brief(self, occurrence_id: int, starts_at: int) -> None:
        """The day before, the host gets the list of who is coming."""
        found = await self._current(occurrence_id, starts_at)
        if found is None:
            return
        meeting, occurrence = found
        if meeting.host_id is None:
            return
        host = await self.users.get(meeting.host_id)
        if host is None or host.blocked_at is not None:
            return
        t = self.translator.texts_for(host)
        rsvps = await self.repo.rsvps(occurrence_id)
        going = [r for r in rsvps if r.status == "going"]
        lines = [
            t(
                "meet-brief",
                title=meeting.title,
                when=Markup(self.personal_when(t, occurrence, meeting, host.timezone)),
                going=sum(r.seats for r in going),
                maybe=sum(1 for r in rsvps if r.status == "maybe"),
                waiting=sum(1 for r in rsvps if r.status == "waitlist"),
            )
        ]
        used = sum(utf16_len(line) + 1 for line in lines)
        for number, rsvp in enumerate(going, 1):
            user = await self.users.get(rsvp.user_id)
            name = (user.first_name if user else None) or t("someone")
            guests = f" +{rsvp.guests}" if rsvp.guests else ""
            line = f"{number}. {mention(rsvp.user_id, clip(name, 40))}{guests}"
            # Whole lines only (a cut inside a link would break the HTML), within the limit.
            if used + utf16_len(line) + 1 > BRIEF_BUDGET:
                lines.append(t("meet-card-more", count=len(going) - number + 1))
                break
            lines.append(line)
            used += utf16_len(line) + 1
        await self.sender.enqueue(
            meeting.host_id,
            "\n".join(lines),
            dedupe_key=f"meet-brief:{occurrence_id}:{starts_at}",
            expires_at=starts_at,
        )

    async def starting(self, occurrence_id: int, starts_at: int, late: bool) -> None:
        found = await self._current(occurrence_id, starts_at)
        if found is None:
            return
        meeting, _ = found
        if not meeting.link:
            return  # the link was removed since
        t = await self.group_texts(meeting.chat_id)
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text=t("meet-join"), url=meeting.link)]]
        )
        await self.sender.enqueue(
            meeting.chat_id,
            (t("meet-late") + " " if late else "") + t("meet-starting", title=meeting.title),
            reply_markup=keyboard,
            thread_id=await self.settings.get(meeting.chat_id, TOPIC_EVENTS),
            dedupe_key=f"meet-start:{occurrence_id}:{starts_at}",
            expires_at=starts_at + STARTING_KEEPS,
        )

    # --- managing ---

    async def may_change(self, occurrence_id: int, by: int, *, whole: bool) -> Outcome:
        """Whether `by` may cancel or move this occurrence (or its series) now: asked before
        the host is asked to confirm, and again when they do."""
        found = await self._changeable(occurrence_id, by, whole=whole)
        return found if isinstance(found, Outcome) else Outcome.DONE

    async def _changeable(
        self, occurrence_id: int, by: int, *, whole: bool
    ) -> tuple[Meeting, Occurrence] | Outcome:
        found = await self.managed(occurrence_id, by)
        if found is None:
            return Outcome.NOT_ALLOWED
        meeting, occurrence = found
        if meeting.status != "active" or (not whole and occurrence.status != "scheduled"):
            return Outcome.GONE
        if not whole and occurrence.starts_at <= self.repo.clock.time():
            return Outcome.GONE  # it has taken place: its answers and attendance stay
        return found

    async def told_of_change(self, occurrence_id: int, *, whole: bool) -> int:
        """How many people a cancel or a move would tell (all who answered but "no")."""
        occurrence = await self.repo.occurrence(occurrence_id)
        if occurrence is None:
            return 0
        targets = [occurrence]
        if whole:
            targets = await self._upcoming_scheduled(occurrence.meeting_id)
        people = {
            rsvp.user_id
            for target in targets
            for rsvp in await self.repo.rsvps(target.id)
            if rsvp.status != "no"
        }
        return len(people)

    async def _upcoming_scheduled(self, meeting_id: int) -> list[Occurrence]:
        return [
            o
            for o in await self.repo.occurrences(meeting_id, self.repo.clock.time())
            if o.status == "scheduled"
        ]

    async def cancel(
        self, occurrence_id: int, by: int, *, whole: bool, reason: str | None = None
    ) -> Outcome:
        """Cancel one occurrence or the whole series: the announcements say so (with the
        host's reason, if given), everyone who answered is told and sent the cancellation for
        their calendar, and the reminders find nothing to remind of."""
        found = await self._changeable(occurrence_id, by, whole=whole)
        if isinstance(found, Outcome):
            return found
        meeting, occurrence = found
        async with self.repo.db.transaction():
            return await self._cancel(meeting, occurrence, whole=whole, reason=_reason(reason))

    async def _cancel(
        self, meeting: Meeting, occurrence: Occurrence, *, whole: bool, reason: str | None
    ) -> Outcome:
        targets = await self._upcoming_scheduled(meeting.id) if whole else [occurrence]
        await self.repo.bump_revision(meeting.id)
        if whole:
            await self.repo.set_status(meeting.id, "cancelled")
        for target in targets:
            await self.repo.cancel_occurrence(target.id)
            await self.repo.set_change_reason(target.id, reason)
            await self.refresh(target.id)
        meeting = await self.repo.get(meeting.id) or meeting
        cancelled = [await self.repo.occurrence(target.id) or target for target in targets]
        change = "series-cancelled" if whole else "cancelled"
        await self._tell_change(meeting, cancelled, change, reason, None)
        log.info("meeting cancelled", extra={"occurrence_id": occurrence.id, "whole": whole})
        return Outcome.DONE

    async def reschedule(
        self,
        occurrence_id: int,
        by: int,
        new_local: datetime,
        *,
        whole: bool,
        reason: str | None = None,
    ) -> Outcome:
        """Move one occurrence, or the series from this one on (later ones follow the new
        day and time). Answers stay; those who answered are told the old and the new time,
        with the host's reason, and sent the updated calendar file."""
        found = await self._changeable(occurrence_id, by, whole=False)
        if isinstance(found, Outcome):
            return found
        meeting, occurrence = found
        starts_at = to_utc(new_local, meeting.zone).timestamp()
        if starts_at <= self.repo.clock.time():
            return Outcome.CLOSED
        if local_text(new_local) == occurrence.local_start:
            return Outcome.SAME
        async with self.repo.db.transaction():
            await self._move(
                meeting, occurrence, new_local, starts_at, whole=whole, reason=_reason(reason)
            )
        return Outcome.DONE

    async def _move(
        self,
        meeting: Meeting,
        occurrence: Occurrence,
        new_local: datetime,
        starts_at: float,
        *,
        whole: bool,
        reason: str | None,
    ) -> None:
        occurrence_id, was = occurrence.id, occurrence
        await self.repo.bump_revision(meeting.id)
        await self.repo.move(occurrence_id, local_text(new_local), starts_at)
        await self.repo.set_change_reason(occurrence_id, reason)
        if whole and meeting.recurrence != "none":
            # The series now counts from here; a "next" timer of the old rhythm is ignored.
            await self.repo.update(meeting.id, {"start_local": local_text(new_local)})
            await self.repo.rename_slot(occurrence_id, local_text(new_local))
        elif not whole and meeting.recurrence == "none":
            await self.repo.update(meeting.id, {"start_local": local_text(new_local)})
        moved = await self.repo.get(meeting.id)
        moved_occurrence = await self.repo.occurrence(occurrence_id)
        assert moved is not None and moved_occurrence is not None
        await self._plan(moved, moved_occurrence)
        for rsvp in await self.repo.rsvps(occurrence_id):
            if rsvp.remind_min and rsvp.status != "no":
                await self._plan_personal(moved_occurrence, rsvp.user_id, rsvp.remind_min)
        if whole and moved.recurrence != "none":
            await self._plan_next(moved, moved_occurrence.series_local)
        await self.refresh(occurrence_id)
        await self._tell_change(moved, [moved_occurrence], "moved", reason, was)

    async def edit(self, meeting_id: int, by: int, values: dict[str, Any]) -> Outcome:
        """Title, place, link, description, capacity…: upcoming announcements follow."""
        meeting = await self.repo.get(meeting_id)
        if meeting is None or not await self.may_manage(meeting, by):
            return Outcome.NOT_ALLOWED
        if values.get("capacity") and await self.most_going(meeting_id) > values["capacity"]:
            return Outcome.TOO_FEW  # nobody going loses a seat they were given
        await self.repo.update(meeting_id, values)
        await self.repo.bump_revision(meeting_id)  # a calendar file saved later takes the edit
        meeting = await self.repo.get(meeting_id)
        assert meeting is not None
        for occurrence in await self.repo.occurrences(meeting_id, self.repo.clock.time()):
            if occurrence.status != "scheduled":
                continue
            async with self.repo.db.transaction():
                await self._promote(meeting, occurrence)  # more seats: the waitlist moves up
                await self._plan(meeting, occurrence)  # a link added: "starting now" too
            await self.refresh(occurrence.id)
        return Outcome.DONE

    async def most_going(self, meeting_id: int) -> int:
        """The most seats taken at any upcoming occurrence of the meeting."""
        occurrences = await self.repo.occurrences(meeting_id, self.repo.clock.time())
        return max(
            [
                await self.repo.seats_taken(o.id, but=0)
                for o in occurrences
                if o.status == "scheduled"
            ],
            default=0,
        )

    async def _tell_change(
        self,
        meeting: Meeting,
        occurrences: list[Occurrence],
        change: str,
        reason: str | None,
        was: Occurrence | None,
    ) -> None:
        """A cancel ("cancelled", "series-cancelled") or a move ("moved", `was` the occurrence
        before it) told in the group, under the announcement, and to each person who answered
        (but "no") once, in their language with the dates spelled out. Those who got the
        calendar file (going, maybe) get the updated one with it; the waitlist, the words."""
        if not occurrences:
            return
        await self._tell_group(meeting, occurrences[0], change, reason, was)
        files: dict[int, tuple[str, bytes]] = {}
        told: set[int] = set()
        for occurrence in occurrences:
            for rsvp in await self.repo.rsvps(occurrence.id):
                if rsvp.status == "no" or rsvp.user_id in told:
                    continue
                told.add(rsvp.user_id)
                user = await self.users.get(rsvp.user_id)
                if user is None or user.blocked_at is not None:
                    continue
                t = self.translator.texts_for(user)
                lines = [
                    self._change_text(t, meeting, occurrence, change, was, user.timezone),
                    *([t("meet-change-reason", reason=reason)] if reason else []),
                ]
                key = f"meet-change:{occurrence.id}:{meeting.revision}:{rsvp.user_id}"
                if rsvp.status == "waitlist":
                    await self.sender.enqueue(rsvp.user_id, "\n".join(lines), dedupe_key=key)
                    continue
                if occurrence.id not in files:
                    files[occurrence.id] = await self._ics(meeting, occurrence)
                name, content = files[occurrence.id]
                lines.append(t("meet-ics-updated" if change == "moved" else "meet-ics-removed"))
                await self.sender.enqueue(
                    rsvp.user_id,
                    method="sendDocument",
                    document={"text": content.decode(), "filename": name},
                    caption="\n".join(lines),
                    dedupe_key=key,
                )

    def _change_text(
        self,
        t: Texts,
        meeting: Meeting,
        occurrence: Occurrence,
        change: str,
        was: Occurrence | None,
        zone: str | None,
    ) -> str:
        """What changed, with the dates as the reader reads them (in `zone`, theirs, when they
        set one; the community's otherwise)."""
        return t(
            f"meet-change-{change}",
            title=meeting.title,
            when=self.when_for(t, occurrence, meeting, zone),
            was=self.when_for(t, was, meeting, zone) if was else "",
        )

    async def _tell_group(
        self,
        meeting: Meeting,
        occurrence: Occurrence,
        change: str,
        reason: str | None,
        was: Occurrence | None,
    ) -> None:
        """A short note in the group, as a reply to the announcement: an edit notifies nobody,
        and members who read it days ago should not come to a cancelled meeting."""
        t = await self.group_texts(meeting.chat_id)
        lines = [self._change_text(t, meeting, occurrence, change, was, None)]
        if reason:
            lines.append(t("meet-change-reason", reason=reason))
        reply: dict[str, Any] = (
            {
                "reply_parameters": {
                    "message_id": occurrence.message_id,
                    "allow_sending_without_reply": True,
                }
            }
            if occurrence.message_id is not None
            else {}
        )
        await self.sender.enqueue(
            meeting.chat_id,
            "\n".join(lines),
            thread_id=await self.settings.get(meeting.chat_id, TOPIC_EVENTS),
            dedupe_key=f"meet-change-group:{occurrence.id}:{meeting.revision}",
            **reply,
        )

    # --- afterwards: attendance and feedback ---

    async def after(self, occurrence_id: int, starts_at: int) -> None:
        """The meeting ended: the host may mark who came; those who said they would come are
        asked how it was."""
        found = await self._current(occurrence_id, starts_at)
        if found is None:
            return
        meeting, _ = found
        if meeting.host_id is not None:
            host = await self.users.get(meeting.host_id)
            if host is not None and host.blocked_at is None:
                t = self.translator.texts_for(host)
                keyboard = InlineKeyboardMarkup(
                    inline_keyboard=[[_button(t("meet-mark"), "attendance", occurrence_id)]]
                )
                await self.sender.enqueue(
                    meeting.host_id,
                    t("meet-after-host", title=meeting.title),
                    reply_markup=keyboard,
                    dedupe_key=f"meet-after-host:{occurrence_id}",
                )
        if meeting.recurrence == "none":
            await self.repo.set_status(meeting.id, "ended")
        if not meeting.feedback:
            return
        for rsvp in await self.repo.rsvps(occurrence_id):
            if rsvp.status != "going" or rsvp.user_id == meeting.host_id:
                continue
            user = await self.users.get(rsvp.user_id)
            if user is None or user.blocked_at is not None:
                continue
            t = self.translator.texts_for(user)
            keyboard = InlineKeyboardMarkup(
                inline_keyboard=[
                    [_button(str(score), "rate", occurrence_id, score) for score in range(1, 6)]
                ]
            )
            await self.sender.enqueue(
                rsvp.user_id,
                t("meet-feedback-ask", title=meeting.title),
                reply_markup=keyboard,
                dedupe_key=f"meet-feedback:{occurrence_id}:{rsvp.user_id}",
            )

    async def rate(self, occurrence_id: int, user_id: int, score: int) -> Outcome:
        rsvp = await self.repo.rsvp(occurrence_id, user_id)
        if rsvp is None or rsvp.status != "going" or not 1 <= score <= 5:
            return Outcome.NOT_ALLOWED
        occurrence = await self.repo.occurrence(occurrence_id)
        if occurrence is None or occurrence.starts_at > self.repo.clock.time():
            return Outcome.NOT_ALLOWED
        await self.repo.set_feedback(occurrence_id, user_id, score, None)
        return Outcome.DONE

    async def add_note(self, occurrence_id: int, user_id: int, note: str) -> Outcome:
        rsvp = await self.repo.rsvp(occurrence_id, user_id)
        if rsvp is None or rsvp.score is None:
            return Outcome.NOT_ALLOWED
        await self.repo.set_feedback(occurrence_id, user_id, None, note)
        occurrence = await self.repo.occurrence(occurrence_id)
        meeting = await self.repo.get(occurrence.meeting_id) if occurrence else None
        if meeting is None or meeting.host_id is None or meeting.host_id == user_id:
            return Outcome.DONE
        host = await self.users.get(meeting.host_id)
        if host is None or host.blocked_at is not None:
            return Outcome.DONE
        t = self.translator.texts_for(host)
        # Without the author's name: people write more honestly when it is not signed.
        await self.sender.enqueue(
            meeting.host_id,
            t("meet-note-for-host", title=meeting.title, score=rsvp.score, note=note),
            dedupe_key=f"meet-note:{occurrence_id}:{user_id}",
        )
        return Outcome.DONE

    async def managed(self, occurrence_id: int, user_id: int) -> tuple[Meeting, Occurrence] | None:
        """The occurrence, if this person hosts it or moderates its community."""
        occurrence = await self.repo.occurrence(occurrence_id)
        meeting = await self.repo.get(occurrence.meeting_id) if occurrence else None
        if occurrence is None or meeting is None or not await self.may_manage(meeting, user_id):
            return None
        return meeting, occurrence

    async def toggle_attended(self, occurrence_id: int, user_id: int, by: int) -> Outcome:
        found = await self.managed(occurrence_id, by)
        if found is None:
            return Outcome.NOT_ALLOWED
        _, occurrence = found
        if occurrence.starts_at > self.repo.clock.time():
            return Outcome.CLOSED
        rsvp = await self.repo.rsvp(occurrence_id, user_id)
        if rsvp is None or rsvp.status != "going":
            return Outcome.GONE
        await self.repo.set_attended(occurrence_id, user_id, not rsvp.attended)
        return Outcome.DONE

    # --- the community's figures ---

    async def stats(self, chat_id: int, days: int) -> MeetingStats:
        """What the last `days` gave: meetings held, who came (as the hosts marked it) and how
        people rated them; for moderators."""
        now = self.repo.clock.time()
        since = now - days * 86400
        held, came, score = await self.repo.held(chat_id, since, now)
        top = (await self.repo.attendance(chat_id, since))[:TOP_ATTENDEES]
        return MeetingStats(days, held, came, score, top)

    # --- lists ---

    async def upcoming(
        self, user_id: int, limit: int = 50
    ) -> list[tuple[Meeting, Occurrence, str | None]]:
        return await self.repo.upcoming(user_id, self.repo.clock.time(), limit)


def _reason(text: str | None) -> str | None:
    """The host's reason as kept: one paragraph of words, within REASON_LIMIT."""
    words = " ".join((text or "").split())
    return clip(words, REASON_LIMIT) if words else None


def _left(t: Texts, minutes: int) -> str:
    return span(t, "meet-in", minutes)


# --- timers ---


def _late(lateness: float) -> bool:
    return lateness > LATE_AFTER


async def _next_due(runtime: Any, args: dict[str, Any], lateness: float) -> None:
    await runtime.meetings.next_due(
        int(args["meeting_id"]), str(args["series_local"]), str(args["anchor"])
    )


async def _remind_due(runtime: Any, args: dict[str, Any], lateness: float) -> None:
    after = args.get("after")
    await runtime.meetings.remind(
        int(args["occurrence_id"]),
        int(args["starts_at"]),
        int(args["minutes"]),
        bool(args.get("late")) or _late(lateness),
        None if after is None else int(after),
    )


async def _personal_due(runtime: Any, args: dict[str, Any], lateness: float) -> None:
    await runtime.meetings.personal(
        int(args["occurrence_id"]),
        int(args["starts_at"]),
        int(args["user_id"]),
        int(args["minutes"]),
        _late(lateness),
    )


async def _brief_due(runtime: Any, args: dict[str, Any], lateness: float) -> None:
    await runtime.meetings.brief(int(args["occurrence_id"]), int(args["starts_at"]))


async def _start_due(runtime: Any, args: dict[str, Any], lateness: float) -> None:
    await runtime.meetings.starting(
        int(args["occurrence_id"]), int(args["starts_at"]), _late(lateness)
    )


async def _refresh_due(runtime: Any, args: dict[str, Any], lateness: float) -> None:
    await runtime.meetings.refresh(int(args["occurrence_id"]))


async def _after_due(runtime: Any, args: dict[str, Any], lateness: float) -> None:
    await runtime.meetings.after(int(args["occurrence_id"]), int(args["starts_at"]))
