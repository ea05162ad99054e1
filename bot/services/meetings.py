"""Meetings: a series (one-off or recurring) whose occurrences are announced in the group, each
with its own RSVPs, reminders and, afterwards, attendance and feedback.

The rules live here, Telegram-free: who may do what, seats and the waitlist, changes and
cancellations, and the timers. What people see of it is the notifier's (bot/views/meetings.py):
the service tells it what happened, inside the same transaction, and it queues the messages.

Everything scheduled is a timer in the database, keyed by the occurrence and the UTC instant it
was planned for: a rescheduled occurrence plans new timers, and an old one finds the instant
changed and does nothing. Wall times are kept as typed in the meeting's zone; each occurrence's
instant is computed from them, so a weekly 19:00 stays 19:00 across DST."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from typing import Any, Literal, Protocol

from bot.repos.communities import CommunitiesRepo
from bot.repos.meetings import Meeting, MeetingsRepo, Occurrence, Rsvp
from bot.repos.users import UsersRepo
from bot.scheduler import TimerArgs
from bot.services.community_settings import (
    MEETINGS_NAMES,
    MEETINGS_PIN,
    MEETINGS_REMINDERS,
    MEETINGS_WHO,
    CommunitySettings,
)
from bot.services.meeting_time import occurrences_after, to_utc
from bot.services.permissions import Action, Actor, Permissions
from bot.services.sender import FAN_OUT_BATCH
from bot.texts import clip

log = logging.getLogger(__name__)

LOCAL_FORMAT = "%Y-%m-%d %H:%M"
REFRESH_EVERY = 5.0  # at most one edit of an announcement per 5 s: ≤ 12 a minute per group
REMINDER_GRACE = 600  # a reminder missed by up to 10 minutes (the bot was down) still goes
LATE_AFTER = 60.0  # ... marked late past a minute
BRIEF_BEFORE = 86400.0
TOP_ATTENDEES = 10
REASON_LIMIT = 300  # the host's reason for a change: with the rest, within a caption (1024)
PERSONAL_REMINDERS = (15, 120)  # minutes before: the choices offered with a confirmation


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


Change = Literal["moved", "cancelled", "series-cancelled"]


@dataclass(frozen=True)
class Told:
    """One person told of a change, once, about the occurrence they answered; `calendar`: they
    have the calendar file (going, maybe) and get the updated one."""

    user_id: int
    occurrence: Occurrence
    calendar: bool


class MeetingNotifier(Protocol):
    """What the service tells the feature's views; each call is inside the service's
    transaction, so what it queues commits (or not) with the change it reports."""

    async def announced(self, meeting: Meeting, occurrence: Occurrence) -> None: ...

    async def pin_announcement(self, chat_id: int, occurrence_id: int, message_id: int) -> None: ...

    async def answers_changed(self, occurrence_id: int) -> None: ...

    async def answered(
        self, meeting: Meeting, occurrence: Occurrence, user_id: int, status: str
    ) -> None: ...

    async def promoted_from_waitlist(
        self, meeting: Meeting, occurrence: Occurrence, user_id: int
    ) -> None: ...

    async def changed(
        self,
        meeting: Meeting,
        occurrence: Occurrence,
        was: Occurrence,
        reason: str | None,
        told: list[Told],
    ) -> None: ...

    async def cancelled(
        self,
        meeting: Meeting,
        occurrences: list[Occurrence],
        change: Change,
        reason: str | None,
        told: list[Told],
    ) -> None: ...

    async def reminder_due(
        self, meeting: Meeting, occurrence: Occurrence, minutes: int, late: bool, going: int
    ) -> None: ...

    async def personal_reminder_due(
        self, meeting: Meeting, occurrence: Occurrence, user_id: int, minutes: int, late: bool
    ) -> None: ...

    async def brief_due(
        self, meeting: Meeting, occurrence: Occurrence, rsvps: list[Rsvp]
    ) -> None: ...

    async def started(self, meeting: Meeting, occurrence: Occurrence, late: bool) -> None: ...

    async def ended(self, meeting: Meeting, occurrence_id: int, asked: list[int]) -> None: ...

    async def note_left(
        self, meeting: Meeting, occurrence_id: int, user_id: int, score: int, note: str
    ) -> None: ...


class TimerPlanner(Protocol):
    """The scheduler's one-off timers (bot/scheduler.py Scheduler.add_timer)."""

    async def add_timer(
        self,
        kind: str,
        args: dict[str, Any],
        run_at: float,
        *,
        grace: int = 600,
        dedupe_key: str | None = None,
        user_id: int | None = None,
    ) -> int | None: ...


class MeetingService:
    def __init__(
        self,
        repo: MeetingsRepo,
        users: UsersRepo,
        communities: CommunitiesRepo,
        settings: CommunitySettings,
        permissions: Permissions,
        *,
        notifier: MeetingNotifier,
        scheduler: TimerPlanner,
        default_timezone: str,
    ) -> None:
        self.repo = repo
        self.users = users
        self.communities = communities
        self.settings = settings
        self.permissions = permissions
        self.notifier = notifier
        self.scheduler = scheduler
        self.default_timezone = default_timezone

    # --- who may do what ---

    async def zone_of(self, chat_id: int) -> str:
        community = await self.communities.get(chat_id)
        return (community.timezone if community else None) or self.default_timezone

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

    async def visible(self, occurrence_id: int, user_id: int) -> tuple[Meeting, Occurrence] | None:
        """The occurrence, for a member of the meeting's community."""
        occurrence = await self.repo.occurrence(occurrence_id)
        meeting = await self.repo.get(occurrence.meeting_id) if occurrence else None
        if occurrence is None or meeting is None or not await self.may_see(meeting, user_id):
            return None
        return meeting, occurrence

    # --- creating ---

    async def create(self, chat_id: int, host_id: int, values: dict[str, Any]) -> Meeting:
        """A new series and its first occurrence, announced; `values` as the form keeps them
        (start_local in the community's zone)."""
        zone = await self.zone_of(chat_id)
        async with self.repo.db.transaction():
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
        await self.notifier.announced(meeting, occurrence)
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
        async with self.repo.db.transaction():
            meeting = await self.repo.get(meeting_id)
            if meeting is None or meeting.status != "active" or meeting.recurrence == "none":
                return
            if meeting.start_local != anchor:
                return  # the series was moved since: its own "next" timer is planned
            starts_at = to_utc(parse_local(series_local), meeting.zone).timestamp()
            if starts_at <= self.repo.clock.time():
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

    async def announcement_posted(self, occurrence_id: int, chat_id: int, message_id: int) -> None:
        """The announcement is in the group: remembered (to edit it later), pinned if the
        community wants it."""
        async with self.repo.db.transaction():
            await self.repo.set_message(occurrence_id, message_id)
            if await self.settings.get(chat_id, MEETINGS_PIN):
                await self.notifier.pin_announcement(chat_id, occurrence_id, message_id)
            occurrence = await self.repo.occurrence(occurrence_id)
            stale = occurrence is not None and occurrence.status != "scheduled"
            if stale or await self.repo.rsvps(occurrence_id):
                # Answers or a cancellation came before the post.
                await self.notifier.answers_changed(occurrence_id)

    async def refresh(self, occurrence_id: int) -> None:
        """The announcement follows the answers."""
        async with self.repo.db.transaction():
            await self.notifier.answers_changed(occurrence_id)

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
            await self.notifier.answered(meeting, occurrence, user_id, status)
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
            await self.notifier.promoted_from_waitlist(meeting, occurrence, rsvp.user_id)

    async def remind_me(self, occurrence_id: int, user_id: int, minutes: int) -> Outcome:
        """A personal reminder, on top of the meeting's own."""
        found = await self._open(occurrence_id)
        if isinstance(found, Outcome):
            return found
        _, occurrence = found
        async with self.repo.db.transaction():
            rsvp = await self.repo.rsvp(occurrence_id, user_id)
            if rsvp is None or rsvp.status == "no" or minutes not in PERSONAL_REMINDERS:
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
        async with self.repo.db.transaction():
            found = await self._current(occurrence_id, starts_at)
            if found is None:
                return
            meeting, occurrence = found
            if minutes not in meeting.reminder_minutes:
                return  # the host changed the reminders since this one was planned
            rsvps = await self.repo.rsvps(occurrence_id)
            if after is None:
                going = sum(r.seats for r in rsvps if r.status == "going")
                await self.notifier.reminder_due(meeting, occurrence, minutes, late, going)
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
                await self.notifier.personal_reminder_due(
                    meeting, occurrence, user_id, minutes, late
                )

    async def personal(
        self, occurrence_id: int, starts_at: int, user_id: int, minutes: int, late: bool
    ) -> None:
        async with self.repo.db.transaction():
            found = await self._current(occurrence_id, starts_at)
            if found is None:
                return
            meeting, occurrence = found
            rsvp = await self.repo.rsvp(occurrence_id, user_id)
            if rsvp is None or rsvp.status == "no" or rsvp.remind_min != minutes:
                return
            await self.notifier.personal_reminder_due(meeting, occurrence, user_id, minutes, late)

    async def brief(self, occurrence_id: int, starts_at: int) -> None:
        """The day before, the host gets the list of who is coming."""
        async with self.repo.db.transaction():
            found = await self._current(occurrence_id, starts_at)
            if found is None:
                return
            meeting, occurrence = found
            if meeting.host_id is None:
                return
            await self.notifier.brief_due(meeting, occurrence, await self.repo.rsvps(occurrence_id))

    async def starting(self, occurrence_id: int, starts_at: int, late: bool) -> None:
        async with self.repo.db.transaction():
            found = await self._current(occurrence_id, starts_at)
            if found is None:
                return
            meeting, occurrence = found
            if not meeting.link:
                return  # the link was removed since
            await self.notifier.started(meeting, occurrence, late)

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
        return len(await self._told(targets))

    async def _told(self, occurrences: list[Occurrence]) -> list[Told]:
        """Who is told of a change: each person who answered (but "no") once; those who got
        the calendar file (going, maybe) get the updated one, the waitlist the words."""
        told: list[Told] = []
        seen: set[int] = set()
        for occurrence in occurrences:
            for rsvp in await self.repo.rsvps(occurrence.id):
                if rsvp.status == "no" or rsvp.user_id in seen:
                    continue
                seen.add(rsvp.user_id)
                told.append(Told(rsvp.user_id, occurrence, rsvp.status != "waitlist"))
        return told

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
            await self.notifier.answers_changed(target.id)
        meeting = await self.repo.get(meeting.id) or meeting
        cancelled = [await self.repo.occurrence(target.id) or target for target in targets]
        if cancelled:
            change: Change = "series-cancelled" if whole else "cancelled"
            told = await self._told(cancelled)
            await self.notifier.cancelled(meeting, cancelled, change, reason, told)
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
        moved_meeting = await self.repo.get(meeting.id)
        moved = await self.repo.occurrence(occurrence_id)
        assert moved_meeting is not None and moved is not None
        await self._plan(moved_meeting, moved)
        for rsvp in await self.repo.rsvps(occurrence_id):
            if rsvp.remind_min and rsvp.status != "no":
                await self._plan_personal(moved, rsvp.user_id, rsvp.remind_min)
        if whole and moved_meeting.recurrence != "none":
            await self._plan_next(moved_meeting, moved.series_local)
        await self.notifier.answers_changed(occurrence_id)
        told = await self._told([moved])
        await self.notifier.changed(moved_meeting, moved, was, reason, told)

    async def edit(self, meeting_id: int, by: int, values: dict[str, Any]) -> Outcome:
        """Title, place, link, description, capacity…: upcoming announcements follow."""
        meeting = await self.repo.get(meeting_id)
        if meeting is None or not await self.may_manage(meeting, by):
            return Outcome.NOT_ALLOWED
        async with self.repo.db.transaction():
            if values.get("capacity") and await self.most_going(meeting_id) > values["capacity"]:
                return Outcome.TOO_FEW  # nobody going loses a seat they were given
            await self.repo.update(meeting_id, values)
            await self.repo.bump_revision(meeting_id)  # a calendar file saved later takes it
            meeting = await self.repo.get(meeting_id)
            assert meeting is not None
            for occurrence in await self._upcoming_scheduled(meeting_id):
                await self._promote(meeting, occurrence)  # more seats: the waitlist moves up
                await self._plan(meeting, occurrence)  # a link added: "starting now" too
                await self.notifier.answers_changed(occurrence.id)
        return Outcome.DONE

    async def most_going(self, meeting_id: int) -> int:
        """The most seats taken at any upcoming occurrence of the meeting."""
        return max(
            [
                await self.repo.seats_taken(o.id, but=0)
                for o in await self._upcoming_scheduled(meeting_id)
            ],
            default=0,
        )

    # --- afterwards: attendance and feedback ---

    async def after(self, occurrence_id: int, starts_at: int) -> None:
        """The meeting ended: the host may mark who came; those who said they would come are
        asked how it was."""
        async with self.repo.db.transaction():
            found = await self._current(occurrence_id, starts_at)
            if found is None:
                return
            meeting, _ = found
            if meeting.recurrence == "none":
                await self.repo.set_status(meeting.id, "ended")
            asked = (
                [
                    rsvp.user_id
                    for rsvp in await self.repo.rsvps(occurrence_id)
                    if rsvp.status == "going" and rsvp.user_id != meeting.host_id
                ]
                if meeting.feedback
                else []
            )
            await self.notifier.ended(meeting, occurrence_id, asked)

    async def rate(self, occurrence_id: int, user_id: int, score: int) -> Outcome:
        async with self.repo.db.transaction():
            rsvp = await self.repo.rsvp(occurrence_id, user_id)
            if rsvp is None or rsvp.status != "going" or not 1 <= score <= 5:
                return Outcome.NOT_ALLOWED
            occurrence = await self.repo.occurrence(occurrence_id)
            if occurrence is None or occurrence.starts_at > self.repo.clock.time():
                return Outcome.NOT_ALLOWED
            await self.repo.set_feedback(occurrence_id, user_id, score, None)
        return Outcome.DONE

    async def add_note(self, occurrence_id: int, user_id: int, note: str) -> Outcome:
        async with self.repo.db.transaction():
            rsvp = await self.repo.rsvp(occurrence_id, user_id)
            if rsvp is None or rsvp.score is None:
                return Outcome.NOT_ALLOWED
            await self.repo.set_feedback(occurrence_id, user_id, None, note)
            occurrence = await self.repo.occurrence(occurrence_id)
            meeting = await self.repo.get(occurrence.meeting_id) if occurrence else None
            if meeting is not None and meeting.host_id not in (None, user_id):
                await self.notifier.note_left(meeting, occurrence_id, user_id, rsvp.score, note)
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
        async with self.repo.db.transaction():
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

    # --- what the screens read ---

    def now(self) -> float:
        return self.repo.clock.time()

    async def occurrence(self, occurrence_id: int) -> tuple[Meeting, Occurrence] | None:
        """The occurrence and its meeting as they are now; who may see them is the caller's
        check (`visible`, `managed`)."""
        occurrence = await self.repo.occurrence(occurrence_id)
        meeting = await self.repo.get(occurrence.meeting_id) if occurrence else None
        return (meeting, occurrence) if occurrence is not None and meeting is not None else None

    async def answer_of(self, occurrence_id: int, user_id: int) -> Rsvp | None:
        return await self.repo.rsvp(occurrence_id, user_id)

    async def answers(self, occurrence_id: int) -> list[Rsvp]:
        return await self.repo.rsvps(occurrence_id)

    async def first_name(self, user_id: int) -> str | None:
        user = await self.users.get(user_id)
        return user.first_name if user else None

    async def user_timezone(self, user_id: int) -> str | None:
        user = await self.users.get(user_id)
        return user.timezone if user else None

    async def community_title(self, chat_id: int) -> str:
        community = await self.communities.get(chat_id)
        return community.title if community else ""

    # --- what each kind of meeting timer does (registered in the composition root) ---

    async def next_timer(self, args: TimerArgs, lateness: float) -> None:
        await self.next_due(int(args["meeting_id"]), str(args["series_local"]), str(args["anchor"]))

    async def remind_timer(self, args: TimerArgs, lateness: float) -> None:
        after = args.get("after")
        await self.remind(
            int(args["occurrence_id"]),
            int(args["starts_at"]),
            int(args["minutes"]),
            bool(args.get("late")) or _late(lateness),
            None if after is None else int(after),
        )

    async def personal_timer(self, args: TimerArgs, lateness: float) -> None:
        await self.personal(
            int(args["occurrence_id"]),
            int(args["starts_at"]),
            int(args["user_id"]),
            int(args["minutes"]),
            _late(lateness),
        )

    async def brief_timer(self, args: TimerArgs, lateness: float) -> None:
        await self.brief(int(args["occurrence_id"]), int(args["starts_at"]))

    async def start_timer(self, args: TimerArgs, lateness: float) -> None:
        await self.starting(int(args["occurrence_id"]), int(args["starts_at"]), _late(lateness))

    async def refresh_timer(self, args: TimerArgs, lateness: float) -> None:
        await self.refresh(int(args["occurrence_id"]))

    async def after_timer(self, args: TimerArgs, lateness: float) -> None:
        await self.after(int(args["occurrence_id"]), int(args["starts_at"]))


def _reason(text: str | None) -> str | None:
    """The host's reason as kept: one paragraph of words, within REASON_LIMIT."""
    words = " ".join((text or "").split())
    return clip(words, REASON_LIMIT) if words else None


# --- timers ---


def _late(lateness: float) -> bool:
    return lateness > LATE_AFTER
