"""Meetings as people see them: the announcement card and its buttons, the notes each person
gets in private, the calendar file, and the one way all of them are queued (the outbox).

MeetingViews is the meeting service's notifier (bot/services/meetings.py MeetingNotifier): the
service says what happened; this module decides how it reads and who gets which message."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from aiogram import Bot
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import MeetAction, MeetCB
from bot.i18n import Markup, Texts, Translator
from bot.keyboards import deep_link
from bot.repos.communities import CommunitiesRepo
from bot.repos.meetings import Meeting, MeetingsRepo, Occurrence, Rsvp
from bot.repos.users import User, UsersRepo
from bot.services.community_settings import MEETINGS_NAMES, TOPIC_EVENTS, CommunitySettings
from bot.services.ics import CalendarEvent, Series, cancel_ics, series_ics, single_ics, uid_for
from bot.services.meeting_time import (
    calendar_rule,
    local_of,
    nth_weekday,
    occurrences_after,
    to_utc,
)
from bot.services.meetings import Change, Told, local_text, parse_local
from bot.services.recurrence_text import rule_words
from bot.services.sender import Sender
from bot.texts import clip, escape, format_day, mention, span, utf16_len, weekday_name
from bot.timeutil import get_tz

POST_KEY = "meet-post:"
DEEP_LINK_ICS = "ics"
STARTING_KEEPS = 1800  # "starting now" with the link still helps half an hour in
NAMES_SHOWN = 30  # names under an announcement; the rest as "and N more"
BRIEF_BUDGET = 3900  # characters of the host's list, links' HTML included (Telegram: 4096)

Posted = Callable[[int, int, int], Awaitable[None]]


def button(text: str, action: MeetAction | str, item: int, value: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=MeetCB(action=MeetAction(action), id=item, value=value).pack()
    )


@dataclass(frozen=True)
class Post:
    """One message as composed for its reader: words, buttons, and maybe a file it captions."""

    text: str
    keyboard: InlineKeyboardMarkup | None = None
    document: tuple[str, bytes] | None = None  # (file name, content)


def _left(t: Texts, minutes: int) -> str:
    return span(t, "meet-in", minutes)


def card_text(
    t: Texts,
    meeting: Meeting,
    occurrence: Occurrence,
    rsvps: list[Rsvp],
    first_names: dict[int, str | None],
    *,
    names: bool = True,
) -> str:
    """The announcement: what, when, where, who hosts, how many go (and, with `names`, who).
    `first_names` holds the host's and the first NAMES_SHOWN going people's names."""
    going = [r for r in rsvps if r.status == "going"]
    lines = [
        t("meet-card-title", kind=t(f"meet-kind-{meeting.kind}"), title=meeting.title),
        "🕖 "
        + when(t, occurrence, meeting.zone)
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
    every = recurrence_label(t, meeting)
    if every:
        lines.append("🔁 " + every)
    if meeting.host_id is not None:
        name = first_names.get(meeting.host_id) or t("someone")
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
        shown = [
            escape(clip(first_names.get(r.user_id) or t("someone"), 32))
            + (f" +{r.guests}" if r.guests else "")
            for r in going[:NAMES_SHOWN]
        ]
        text = "✅ " + ", ".join(shown)
        if len(going) > NAMES_SHOWN:
            text += " " + t("meet-card-more", count=len(going) - NAMES_SHOWN)
        lines.append(text)
    return "\n".join(lines)


def when(t: Texts, occurrence: Occurrence, zone: str) -> str:
    """ "вторник, 2 декабря 2026, 19:00 MSK": the day spelled out, so nobody misreads it."""
    local = parse_local(occurrence.local_start)
    abbreviation = to_utc(local, zone).astimezone(get_tz(zone)).strftime("%Z")
    day = format_day(local.date(), t.lang, "EEEE, d MMMM y")
    return t("meet-when", day=day, time=local.strftime("%H:%M"), zone=abbreviation)


def when_for(t: Texts, occurrence: Occurrence, meeting: Meeting, zone: str | None) -> str:
    """`when` in `zone` (a person's own) if given and not the meeting's."""
    if not zone or zone == meeting.zone:
        return when(t, occurrence, meeting.zone)
    local = local_of(datetime.fromtimestamp(occurrence.starts_at, UTC), zone)
    return when(t, replace(occurrence, local_start=local_text(local)), zone)


def personal_when(t: Texts, occurrence: Occurrence, meeting: Meeting, zone: str | None) -> str:
    """The time in the person's zone when it differs from the meeting's."""
    return "🕖 " + when_for(t, occurrence, meeting, zone)


def recurrence_label(t: Texts, meeting: Meeting) -> str | None:
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


class MeetingViews:
    def __init__(
        self,
        repo: MeetingsRepo,
        users: UsersRepo,
        communities: CommunitiesRepo,
        settings: CommunitySettings,
        *,
        bot: Bot,
        sender: Sender,
        translator: Translator,
    ) -> None:
        self.repo = repo
        self.users = users
        self.communities = communities
        self.settings = settings
        self.bot = bot
        self.sender = sender
        self.translator = translator

    def on_posted(self, callback: Posted) -> None:
        """`callback(occurrence_id, chat_id, message_id)` once an announcement is in the group."""

        async def sent(key: str, chat_id: int, message_id: int) -> None:
            await callback(int(key[len(POST_KEY) :].split(":")[0]), chat_id, message_id)

        self.sender.on_sent(POST_KEY, sent)

    # --- sending: the one way every message of the feature is queued ---

    async def group_texts(self, chat_id: int) -> Texts:
        community = await self.communities.get(chat_id)
        return self.translator.texts(
            (community.language if community else None) or self.translator.default_language
        )

    async def _to_person(
        self,
        user_id: int,
        compose: Callable[[Texts, User], Post],
        *,
        dedupe_key: str,
        **params: Any,
    ) -> None:
        """The person's language, the message composed in it, queued; nobody who blocked the
        bot (or whom the bot never met) is written to."""
        user = await self.users.get(user_id)
        if user is None or user.blocked_at is not None:
            return
        post = compose(self.translator.texts_for(user), user)
        await self._enqueue(user_id, post, dedupe_key=dedupe_key, **params)

    async def _to_group(
        self,
        chat_id: int,
        compose: Callable[[Texts], Awaitable[Post]],
        *,
        dedupe_key: str,
        **params: Any,
    ) -> None:
        """In the group's language, in its events topic if it has one."""
        post = await compose(await self.group_texts(chat_id))
        thread_id = await self.settings.get(chat_id, TOPIC_EVENTS)
        await self._enqueue(chat_id, post, dedupe_key=dedupe_key, thread_id=thread_id, **params)

    async def _enqueue(self, chat_id: int, post: Post, *, dedupe_key: str, **params: Any) -> None:
        if post.document is not None:
            name, content = post.document
            # The file's caption carries the words.
            await self.sender.enqueue(
                chat_id,
                method="sendDocument",
                document={"text": content.decode(), "filename": name},
                caption=post.text,
                reply_markup=post.keyboard,
                dedupe_key=dedupe_key,
                **params,
            )
            return
        await self.sender.enqueue(
            chat_id, post.text, reply_markup=post.keyboard, dedupe_key=dedupe_key, **params
        )

    # --- how a meeting reads ---

    async def card(
        self, t: Texts, meeting: Meeting, occurrence: Occurrence, *, names: bool = True
    ) -> str:
        rsvps = await self.repo.rsvps(occurrence.id)
        people = [meeting.host_id] if meeting.host_id is not None else []
        people += [r.user_id for r in rsvps if r.status == "going"][:NAMES_SHOWN]
        first_names = {}
        for user_id in people:
            user = await self.users.get(user_id)
            first_names[user_id] = user.first_name if user else None
        return card_text(t, meeting, occurrence, rsvps, first_names, names=names)

    async def buttons(
        self, t: Texts, meeting: Meeting, occurrence: Occurrence
    ) -> InlineKeyboardMarkup | None:
        if occurrence.status != "scheduled" or meeting.status != "active":
            return None
        rows = [
            [
                button(t("meet-going"), "going", occurrence.id),
                button(t("meet-maybe"), "maybe", occurrence.id),
                button(t("meet-no"), "no", occurrence.id),
            ]
        ]
        if meeting.guests:
            rows.append([button(t("meet-plus-one"), "guest", occurrence.id)])
        me = await self.bot.me()  # asked once at start-up, then remembered by aiogram
        if me.username:
            link = deep_link(me.username, f"{DEEP_LINK_ICS}{occurrence.id}")
            rows.append([InlineKeyboardButton(text=t("meet-calendar"), url=link)])
        return InlineKeyboardMarkup(inline_keyboard=rows)

    # --- the calendar file ---

    async def calendar_file(self, meeting: Meeting, occurrence: Occurrence) -> tuple[str, bytes]:
        """(file name, content): the meeting as it now stands, a series as one rule (a
        calendar adds it once), a cancellation as METHOD:CANCEL."""
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

    # --- the announcement (MeetingNotifier) ---

    async def announced(self, meeting: Meeting, occurrence: Occurrence) -> None:
        names = bool(await self.settings.get(meeting.chat_id, MEETINGS_NAMES))

        async def compose(t: Texts) -> Post:
            return Post(
                await self.card(t, meeting, occurrence, names=names),
                await self.buttons(t, meeting, occurrence),
            )

        await self._to_group(meeting.chat_id, compose, dedupe_key=f"{POST_KEY}{occurrence.id}:")

    async def pin_announcement(self, chat_id: int, occurrence_id: int, message_id: int) -> None:
        await self.sender.enqueue(
            chat_id,
            method="pinChatMessage",
            message_id=message_id,
            disable_notification=True,
            dedupe_key=f"meet-pin:{occurrence_id}",
        )

    async def answers_changed(self, occurrence_id: int) -> None:
        """The announcement follows the answers (and any change); an older pending edit gives
        way."""
        occurrence = await self.repo.occurrence(occurrence_id)
        meeting = await self.repo.get(occurrence.meeting_id) if occurrence else None
        if occurrence is None or meeting is None or occurrence.message_id is None:
            return
        t = await self.group_texts(meeting.chat_id)
        names = bool(await self.settings.get(meeting.chat_id, MEETINGS_NAMES))
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

    # --- answers ---

    async def answered(
        self, meeting: Meeting, occurrence: Occurrence, user_id: int, status: str
    ) -> None:
        await self._confirm(meeting, occurrence, user_id, status, promoted=False)

    async def promoted_from_waitlist(
        self, meeting: Meeting, occurrence: Occurrence, user_id: int
    ) -> None:
        # Told with the calendar file and the reminders, as anyone going is.
        await self._confirm(meeting, occurrence, user_id, "going", promoted=True)

    async def _confirm(
        self, meeting: Meeting, occurrence: Occurrence, user_id: int, status: str, *, promoted: bool
    ) -> None:
        """A private note with the time in the person's own zone, the calendar file and a
        personal reminder; only the latest answer's note is sent. Someone on the waitlist gets
        the note only: the file and reminders come once they have a seat."""
        prefix = f"meet-confirm:{occurrence.id}:{user_id}:"
        await self.sender.outbox.supersede(prefix)
        if status == "no":
            return
        document = None if status == "waitlist" else await self.calendar_file(meeting, occurrence)

        def compose(t: Texts, user: User) -> Post:
            headline = (
                t("meet-promoted", title=meeting.title, when=when(t, occurrence, meeting.zone))
                if promoted
                else t(f"meet-confirm-{status}", title=meeting.title)
            )
            text = "\n".join([headline, personal_when(t, occurrence, meeting, user.timezone)])
            if document is None:
                return Post(text)
            keyboard = InlineKeyboardMarkup(
                inline_keyboard=[
                    [
                        button(t("meet-remind-me", minutes=m), "remind", occurrence.id, m)
                        for m in (15, 120)
                    ],
                ]
            )
            return Post(text + "\n" + t("meet-ics-caption"), keyboard, document)

        await self._to_person(user_id, compose, priority=-1, dedupe_key=f"{prefix}{time.time_ns()}")

    # --- changes ---

    async def changed(
        self,
        meeting: Meeting,
        occurrence: Occurrence,
        was: Occurrence,
        reason: str | None,
        told: list[Told],
    ) -> None:
        await self._tell_change(meeting, [occurrence], "moved", reason, was, told)

    async def cancelled(
        self,
        meeting: Meeting,
        occurrences: list[Occurrence],
        change: Change,
        reason: str | None,
        told: list[Told],
    ) -> None:
        await self._tell_change(meeting, occurrences, change, reason, None, told)

    async def _tell_change(
        self,
        meeting: Meeting,
        occurrences: list[Occurrence],
        change: Change,
        reason: str | None,
        was: Occurrence | None,
        told: list[Told],
    ) -> None:
        """Told in the group, under the announcement, and to each person the service names, in
        their language with the dates spelled out; with the updated calendar file for those
        who have it."""
        if not occurrences:
            return
        await self._tell_group(meeting, occurrences[0], change, reason, was)
        files: dict[int, tuple[str, bytes]] = {}
        for person in told:
            occurrence = person.occurrence
            document = None
            if person.calendar:
                if occurrence.id not in files:
                    files[occurrence.id] = await self.calendar_file(meeting, occurrence)
                document = files[occurrence.id]

            def compose(
                t: Texts,
                user: User,
                occurrence: Occurrence = occurrence,
                document: tuple[str, bytes] | None = document,
            ) -> Post:
                lines = [
                    self._change_text(t, meeting, occurrence, change, was, user.timezone),
                    *([t("meet-change-reason", reason=reason)] if reason else []),
                ]
                if document is not None:
                    ics = "meet-ics-updated" if change == "moved" else "meet-ics-removed"
                    lines.append(t(ics))
                return Post("\n".join(lines), document=document)

            await self._to_person(
                person.user_id,
                compose,
                dedupe_key=f"meet-change:{occurrence.id}:{meeting.revision}:{person.user_id}",
            )

    def _change_text(
        self,
        t: Texts,
        meeting: Meeting,
        occurrence: Occurrence,
        change: Change,
        was: Occurrence | None,
        zone: str | None,
    ) -> str:
        """What changed, with the dates as the reader reads them (in `zone`, theirs, when they
        set one; the community's otherwise)."""
        return t(
            f"meet-change-{change}",
            title=meeting.title,
            when=when_for(t, occurrence, meeting, zone),
            was=when_for(t, was, meeting, zone) if was else "",
        )

    async def _tell_group(
        self,
        meeting: Meeting,
        occurrence: Occurrence,
        change: Change,
        reason: str | None,
        was: Occurrence | None,
    ) -> None:
        """A short note in the group, as a reply to the announcement: an edit notifies nobody,
        and members who read it days ago should not come to a cancelled meeting."""

        async def compose(t: Texts) -> Post:
            lines = [self._change_text(t, meeting, occurrence, change, was, None)]
            if reason:
                lines.append(t("meet-change-reason", reason=reason))
            return Post("\n".join(lines))

        reply = (
            {
                "reply_parameters": {
                    "message_id": occurrence.message_id,
                    "allow_sending_without_reply": True,
                }
            }
            if occurrence.message_id is not None
            else {}
        )
        await self._to_group(
            meeting.chat_id,
            compose,
            dedupe_key=f"meet-change-group:{occurrence.id}:{meeting.revision}",
            **reply,
        )

    # --- reminders ---

    async def reminder_due(
        self, meeting: Meeting, occurrence: Occurrence, minutes: int, late: bool, going: int
    ) -> None:
        """The group's reminder, with the buttons to answer still."""
        starts_at = int(occurrence.starts_at)

        async def compose(t: Texts) -> Post:
            text = t(
                "meet-reminder-group",
                title=meeting.title,
                left=_left(t, minutes),
                when=when(t, occurrence, meeting.zone),
                going=going,
            )
            late_mark = t("meet-late") + " " if late else ""
            return Post(late_mark + text, await self.buttons(t, meeting, occurrence))

        await self._to_group(
            meeting.chat_id,
            compose,
            dedupe_key=f"meet-remind-group:{occurrence.id}:{starts_at}:{minutes}",
            expires_at=starts_at,  # a reminder is useless once the meeting began
        )

    async def personal_reminder_due(
        self, meeting: Meeting, occurrence: Occurrence, user_id: int, minutes: int, late: bool
    ) -> None:
        def compose(t: Texts, user: User) -> Post:
            text = t(
                "meet-reminder-private",
                title=meeting.title,
                left=_left(t, minutes),
                when=Markup(personal_when(t, occurrence, meeting, user.timezone)),
            )
            if meeting.link:
                text += "\n" + t("meet-card-online", link=meeting.link)
            elif meeting.place:
                text += "\n" + t("meet-card-place", place=meeting.place)
            return Post((t("meet-late") + " " if late else "") + text)

        starts_at = int(occurrence.starts_at)
        await self._to_person(
            user_id,
            compose,
            dedupe_key=f"meet-remind:{occurrence.id}:{starts_at}:{minutes}:{user_id}",
            expires_at=occurrence.starts_at,
        )

    async def brief_due(self, meeting: Meeting, occurrence: Occurrence, rsvps: list[Rsvp]) -> None:
        """The day before, the host's list of who is coming."""
        if meeting.host_id is None:
            return
        going = [r for r in rsvps if r.status == "going"]
        names = {}
        for rsvp in going:
            user = await self.users.get(rsvp.user_id)
            names[rsvp.user_id] = user.first_name if user else None

        def compose(t: Texts, host: User) -> Post:
            lines = [
                t(
                    "meet-brief",
                    title=meeting.title,
                    when=Markup(personal_when(t, occurrence, meeting, host.timezone)),
                    going=sum(r.seats for r in going),
                    maybe=sum(1 for r in rsvps if r.status == "maybe"),
                    waiting=sum(1 for r in rsvps if r.status == "waitlist"),
                )
            ]
            used = sum(utf16_len(line) + 1 for line in lines)
            for number, rsvp in enumerate(going, 1):
                name = names[rsvp.user_id] or t("someone")
                guests = f" +{rsvp.guests}" if rsvp.guests else ""
                line = f"{number}. {mention(rsvp.user_id, clip(name, 40))}{guests}"
                # Whole lines only (a cut inside a link would break the HTML), within the limit.
                if used + utf16_len(line) + 1 > BRIEF_BUDGET:
                    lines.append(t("meet-card-more", count=len(going) - number + 1))
                    break
                lines.append(line)
                used += utf16_len(line) + 1
            return Post("\n".join(lines))

        starts_at = int(occurrence.starts_at)
        await self._to_person(
            meeting.host_id,
            compose,
            dedupe_key=f"meet-brief:{occurrence.id}:{starts_at}",
            expires_at=starts_at,
        )

    async def started(self, meeting: Meeting, occurrence: Occurrence, late: bool) -> None:
        """ "Starting now" in the group with the button to join online."""
        starts_at = int(occurrence.starts_at)

        async def compose(t: Texts) -> Post:
            keyboard = InlineKeyboardMarkup(
                inline_keyboard=[[InlineKeyboardButton(text=t("meet-join"), url=meeting.link)]]
            )
            late_mark = t("meet-late") + " " if late else ""
            return Post(late_mark + t("meet-starting", title=meeting.title), keyboard)

        await self._to_group(
            meeting.chat_id,
            compose,
            dedupe_key=f"meet-start:{occurrence.id}:{starts_at}",
            expires_at=starts_at + STARTING_KEEPS,
        )

    # --- afterwards ---

    async def ended(self, meeting: Meeting, occurrence_id: int, asked: list[int]) -> None:
        """The host is asked to mark who came; those in `asked`, how it was."""
        if meeting.host_id is not None:

            def host_post(t: Texts, host: User) -> Post:
                keyboard = InlineKeyboardMarkup(
                    inline_keyboard=[[button(t("meet-mark"), "attendance", occurrence_id)]]
                )
                return Post(t("meet-after-host", title=meeting.title), keyboard)

            await self._to_person(
                meeting.host_id, host_post, dedupe_key=f"meet-after-host:{occurrence_id}"
            )

        def feedback(t: Texts, user: User) -> Post:
            scores = [button(str(score), "rate", occurrence_id, score) for score in range(1, 6)]
            return Post(
                t("meet-feedback-ask", title=meeting.title),
                InlineKeyboardMarkup(inline_keyboard=[scores]),
            )

        for user_id in asked:
            await self._to_person(
                user_id, feedback, dedupe_key=f"meet-feedback:{occurrence_id}:{user_id}"
            )

    async def note_left(
        self, meeting: Meeting, occurrence_id: int, user_id: int, score: int, note: str
    ) -> None:
        if meeting.host_id is None:
            return

        def compose(t: Texts, host: User) -> Post:
            # Without the author's name: people write more honestly when it is not signed.
            return Post(t("meet-note-for-host", title=meeting.title, score=score, note=note))

        await self._to_person(
            meeting.host_id, compose, dedupe_key=f"meet-note:{occurrence_id}:{user_id}"
        )
