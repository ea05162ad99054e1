"""Calendar files (.ics, RFC 5545) for "Add to calendar" and for the changes sent afterwards.

One meeting is one calendar event with a UID unique to this bot (its Telegram id is in it), so
that a file opened again — after a move, or a cancellation — updates the event instead of adding
a second one; SEQUENCE (the meeting's revision) tells a calendar which file is newer.

A one-off meeting goes out in UTC (DTSTART:…Z): every calendar shows it in its owner's zone.
A series goes out once, as a rule: DTSTART in the meeting's zone (TZID, with its VTIMEZONE), so
that a weekly 19:00 stays 19:00 across DST, its RRULE (ending as the series does), an EXDATE
for each cancelled meeting, and a VEVENT with RECURRENCE-ID for each one moved on its own.
A cancellation is METHOD:CANCEL with STATUS:CANCELLED: of the whole event, or, with a
RECURRENCE-ID, of one meeting of a series. The icalendar library folds lines at 75 octets,
ends them with CRLF and escapes text."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event, vRecur

from bot.timeutil import get_tz

PRODUCT = "-//Opora//Meetings//EN"


@dataclass(frozen=True)
class CalendarEvent:
    """What every file of one meeting says the same way."""

    uid: str
    title: str
    description: str
    location: str
    url: str
    duration_min: int
    sequence: int
    stamp: datetime  # DTSTAMP: when the file was made (aware)


@dataclass(frozen=True)
class Series:
    """A recurring meeting as its calendar file states it; wall times (naive) in `zone`."""

    zone: str
    first: datetime  # the first meeting (DTSTART)
    rule: str  # the RRULE, UNTIL already in UTC
    cancelled: list[datetime] = field(default_factory=list)  # slots, as EXDATE
    moved: list[tuple[datetime, datetime]] = field(default_factory=list)  # (slot, new start)


def uid_for(meeting_id: int, bot_id: int) -> str:
    return f"meeting-{meeting_id}@{bot_id}.opora"


def single_ics(event: CalendarEvent, starts_at: float) -> bytes:
    """A one-off meeting (or, for a calendar that takes no rules, one date)."""
    calendar = _calendar("PUBLISH")
    calendar.add_component(_event(event, datetime.fromtimestamp(starts_at, UTC)))
    return bytes(calendar.to_ical())


def series_ics(event: CalendarEvent, series: Series) -> bytes:
    """The whole series, once: the rule, its exceptions and its moved meetings."""
    zone = get_tz(series.zone)
    calendar = _calendar("PUBLISH")
    master = _event(event, series.first.replace(tzinfo=zone))
    master.add("rrule", vRecur.from_ical(series.rule))
    if series.cancelled:
        master.add("exdate", [slot.replace(tzinfo=zone) for slot in sorted(series.cancelled)])
    calendar.add_component(master)
    for slot, start in sorted(series.moved):
        moved = _event(event, start.replace(tzinfo=zone))
        moved.add("recurrence-id", slot.replace(tzinfo=zone))
        calendar.add_component(moved)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def cancel_ics(
    event: CalendarEvent, starts_at: float, *, zone: str | None = None, slot: datetime | None = None
) -> bytes:
    """The event cancelled: the whole of it, or the one meeting of a series at `slot` (a wall
    time in `zone`)."""
    calendar = _calendar("CANCEL")
    if slot is not None and zone is not None:
        local = slot.replace(tzinfo=get_tz(zone))
        component = _event(event, local)
        component.add("recurrence-id", local)
    else:
        component = _event(event, datetime.fromtimestamp(starts_at, UTC))
    component.add("status", "CANCELLED")
    calendar.add_component(component)
    if slot is not None:
        calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _calendar(method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    return calendar


def _event(event: CalendarEvent, start: datetime) -> Event:
    component = Event()
    component.add("uid", event.uid)
    component.add("dtstamp", event.stamp.astimezone(UTC).replace(microsecond=0))
    component.add("dtstart", start)
    component.add("dtend", start + timedelta(minutes=event.duration_min))
    component.add("summary", event.title)
    component.add("sequence", event.sequence)
    if event.description:
        component.add("description", event.description)
    if event.location or event.url:
        component.add("location", event.location or event.url)
    if event.url:
        component.add("url", event.url)
    return component
