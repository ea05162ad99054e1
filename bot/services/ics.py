"""An .ics file for one occurrence of a meeting, for "Add to calendar".

Times go out in UTC (DTSTART:...Z): every calendar shows them in its owner's zone, with no
VTIMEZONE to get wrong. The UID is stable per occurrence, so importing the file again after a
reschedule updates the event instead of adding a second one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

PRODUCT = "-//Opora//Meetings//EN"


def occurrence_ics(
    *,
    uid: str,
    title: str,
    starts_at: float,
    duration_min: int,
    description: str,
    location: str,
    url: str,
    sequence: int = 0,
    cancelled: bool = False,
) -> bytes:
    start = datetime.fromtimestamp(starts_at, UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", datetime.now(UTC).replace(microsecond=0))
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=duration_min))
    event.add("summary", title)
    event.add("sequence", sequence)
    if cancelled:
        event.add("status", "CANCELLED")
    if description:
        event.add("description", description)
    if location or url:
        event.add("location", location or url)
    if url:
        event.add("url", url)
    calendar.add_component(event)
    return bytes(calendar.to_ical())
