"""Time in one place: the clock, time zones, and conversions between UTC and local time."""

from __future__ import annotations

import asyncio
import heapq
import itertools
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones


class InvalidTimezone(ValueError):
    pass


class Clock:
    """Wall-clock time as epoch seconds, and monotonic seconds for pacing and timeouts (the
    sender's limits, a reply's flood wait, caches); tests swap in FakeClock to move both."""

    def time(self) -> float:
        return time.time()

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.time(), UTC)

    def real_delay(self, seconds: float) -> float | None:
        """How long to really wait for `seconds` of this clock to pass; None: until it jumps."""
        return max(0.0, seconds)

    def on_jump(self, callback: Callable[[], None]) -> None:
        """A real clock never jumps; FakeClock calls back when a test moves it."""

    def monotonic(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        """Until `seconds` of monotonic time have passed."""
        await asyncio.sleep(max(0.0, seconds))

    async def wait(self, event: asyncio.Event, seconds: float) -> bool:
        """Until `event` is set (True) or `seconds` of monotonic time have passed (False)."""
        try:
            await asyncio.wait_for(event.wait(), max(0.0, seconds))
        except TimeoutError:
            return event.is_set()
        return True

    def sleeping(self) -> set[asyncio.Task[Any]]:
        """The tasks asleep on this clock's monotonic time (a real clock does not know)."""
        return set()

    def jump(self) -> bool:
        """Wake the first sleeper at once; a real clock cannot (False)."""
        return False


class FakeClock(Clock):
    """Stands still unless a test moves it, so nothing a test did not ask for happens on its
    own: what is due later waits for `advance`, however slow the machine is.

    Its monotonic time moves with `advance` too, and alone with `jump` (tests/harness.py
    settle: when everything that runs only waits for it — a chat's turn, a flood wait — so
    pacing costs no real time and its gaps are measured exactly)."""

    def __init__(self, start: float | datetime | None = None) -> None:
        if isinstance(start, datetime):
            start = start.timestamp()
        self._now = float(start) if start is not None else float(int(time.time()))
        self._mono = 1000.0
        self._listeners: list[Callable[[], None]] = []
        # (deadline, order, future, task): who sleeps until when on the monotonic time.
        self._sleepers: list[tuple[float, int, asyncio.Future[None], asyncio.Task[Any]]] = []
        self._order = itertools.count()

    def time(self) -> float:
        return self._now

    def real_delay(self, seconds: float) -> float | None:
        return 0.0 if seconds <= 0 else None

    def advance(self, seconds: float) -> None:
        self._now += seconds
        self._mono += max(0.0, seconds)
        self._wake_sleepers()
        for callback in list(self._listeners):
            callback()

    def on_jump(self, callback: Callable[[], None]) -> None:
        self._listeners.append(callback)

    def monotonic(self) -> float:
        return self._mono

    async def sleep(self, seconds: float) -> None:
        task = asyncio.current_task()
        assert task is not None
        await self._sleep(seconds, task)

    async def _sleep(self, seconds: float, task: asyncio.Task[Any]) -> None:
        """`task`: the one that waits (a `wait` sleeps in a helper task of its own)."""
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self._mono + seconds, next(self._order), future, task))
        try:
            await future
        finally:
            if not future.done():  # cancelled: no longer a sleeper
                future.cancel()
                self._sleepers = [s for s in self._sleepers if s[2] is not future]
                heapq.heapify(self._sleepers)

    async def wait(self, event: asyncio.Event, seconds: float) -> bool:
        if event.is_set():
            return True
        task = asyncio.current_task()
        assert task is not None
        setter = asyncio.ensure_future(event.wait())
        sleeper = asyncio.ensure_future(self._sleep(seconds, task))
        try:
            await asyncio.wait({setter, sleeper}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            setter.cancel()
            sleeper.cancel()
            await asyncio.gather(setter, sleeper, return_exceptions=True)
        return event.is_set()

    def sleeping(self) -> set[asyncio.Task[Any]]:
        """The tasks asleep on the monotonic time now (`wait` counts its caller)."""
        return {task for _, _, future, task in self._sleepers if not future.done()}

    def next_wake(self) -> float | None:
        """Monotonic seconds until the first sleeper is due; None: nobody sleeps."""
        live = [deadline for deadline, _, future, _ in self._sleepers if not future.done()]
        return max(0.0, min(live) - self._mono) if live else None

    def jump(self) -> bool:
        """Move the monotonic time (not the wall clock) to the first sleeper's deadline and
        wake it; False when nobody sleeps."""
        wait = self.next_wake()
        if wait is None:
            return False
        self._mono += wait
        self._wake_sleepers()
        return True

    def _wake_sleepers(self) -> None:
        while self._sleepers and self._sleepers[0][0] <= self._mono:
            _, _, future, _ = heapq.heappop(self._sleepers)
            if not future.done():
                future.set_result(None)


_OFFSET_RE = re.compile(r"^(?:UTC|GMT|UTС)?\s*([+-−])\s*(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


@cache
def _zone_names() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


@cache
def _city_index() -> dict[str, str]:
    """City names (English and Russian, from CLDR via Babel) and zone leaf names → IANA zone."""
    from babel import Locale  # lazy: only free-text time zones need it

    # available_timezones() walks the zone files on every call: once here, not per city.
    zones = available_timezones()
    index: dict[str, str] = {}
    for name in zones:
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/")):
            index.setdefault(name.rsplit("/", 1)[1].replace("_", " ").lower(), name)
    for lang in ("en", "ru"):
        for zone, info in Locale.parse(lang).time_zones.items():
            city = info.get("city")
            if city and zone in zones:
                index.setdefault(str(city).lower(), zone)
    # Aliases people type that CLDR files under another spelling.
    index.setdefault("kiev", "Europe/Kyiv" if "Europe/Kyiv" in zones else "Europe/Kiev")
    index.setdefault("киев", index["kiev"])
    index.setdefault("питер", "Europe/Moscow")
    index.setdefault("санкт-петербург", "Europe/Moscow")
    index.setdefault("spb", "Europe/Moscow")
    index.setdefault("ekaterinburg", "Asia/Yekaterinburg")
    return index


def normalize_timezone(text: str) -> str:
    """Free text → a zone name that get_tz accepts: `Europe/Berlin`, `UTC+3`, `+05:30`, `Берлин`."""
    raw = " ".join(text.strip().split())
    if not raw or len(raw) > 64:
        raise InvalidTimezone(text)
    lowered = raw.lower()
    if lowered in ("utc", "gmt", "z"):
        return "UTC"
    if lowered in _zone_names():
        return _zone_names()[lowered]
    match = _OFFSET_RE.match(raw.replace(" ", ""))
    if match:
        sign = -1 if match.group(1) in "-−" else 1
        hours, minutes = int(match.group(2)), int(match.group(3) or 0)
        if hours > 14 or minutes >= 60 or (hours == 14 and minutes):
            raise InvalidTimezone(text)
        if minutes == 0:
            if hours == 0:
                return "UTC"
            # POSIX-style Etc zones have the sign inverted: UTC+3 is Etc/GMT-3.
            return f"Etc/GMT{'-' if sign > 0 else '+'}{hours}"
        return f"UTC{'+' if sign > 0 else '-'}{hours:02d}:{minutes:02d}"
    city = _city_index().get(lowered.replace("ё", "е")) or _city_index().get(lowered)
    if city:
        return city
    raise InvalidTimezone(text)


@cache
def get_tz(name: str) -> tzinfo:
    """A stored zone name → tzinfo. Fixed offsets that IANA lacks are stored as `UTC+05:30`."""
    if name == "UTC":
        return UTC
    fixed = re.fullmatch(r"UTC([+-])(\d{2}):(\d{2})", name)
    if fixed:
        delta = timedelta(hours=int(fixed.group(2)), minutes=int(fixed.group(3)))
        return timezone(delta if fixed.group(1) == "+" else -delta, name)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise InvalidTimezone(name) from None


def utc_offset_label(name: str, at: datetime | None = None) -> str:
    """`UTC+3` / `UTC+5:30` for a zone at a moment, for buttons and confirmations."""
    moment = at or datetime.now(UTC)
    offset = moment.astimezone(get_tz(name)).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def to_local(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(get_tz(zone))


def from_timestamp(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


# Offered as buttons in /timezone; anything else can be typed in.
COMMON_ZONES = (
    "Europe/Kaliningrad",
    "Europe/Moscow",
    "Europe/Samara",
    "Asia/Yekaterinburg",
    "Asia/Omsk",
    "Asia/Novosibirsk",
    "Asia/Krasnoyarsk",
    "Asia/Irkutsk",
    "Asia/Vladivostok",
    "Europe/Minsk",
    "Europe/Kyiv",
    "Asia/Almaty",
    "Asia/Tbilisi",
    "Asia/Yerevan",
    "Europe/Istanbul",
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
)


def next_local_occurrence(
    after: datetime, zone: str, local_time: str, days: frozenset[int]
) -> datetime:
    """The first moment after `after` that is `local_time` (HH:MM) in `zone` on one of the
    weekdays `days` (0 = Monday), in UTC. Computed on the local calendar, so a daily 20:00 stays
    20:00 local across DST changes."""
    from datetime import time as clock_time

    if not days:
        raise ValueError("no weekdays")
    tz = get_tz(zone)
    hours, minutes = (int(part) for part in local_time.split(":"))
    at = clock_time(hours, minutes)
    day = after.astimezone(tz).date()
    for offset in range(9):
        candidate_day = day + timedelta(days=offset)
        if candidate_day.weekday() not in days:
            continue
        candidate = datetime.combine(candidate_day, at, tzinfo=tz).astimezone(UTC)
        if candidate > after:
            return candidate
    raise AssertionError("unreachable: a week always has the weekday")


def next_month_start(after: datetime, zone: str, local_time: str) -> datetime:
    """The first day of the next month at `local_time` in `zone`, in UTC (or of this month,
    when that is still ahead)."""
    from datetime import time as clock_time

    tz = get_tz(zone)
    hours, minutes = (int(part) for part in local_time.split(":"))
    local = after.astimezone(tz)
    first = datetime.combine(local.date().replace(day=1), clock_time(hours, minutes), tzinfo=tz)
    if first.astimezone(UTC) > after:
        return first.astimezone(UTC)
    year, month = (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
    return datetime(year, month, 1, hours, minutes, tzinfo=tz).astimezone(UTC)


def parse_local_time(text: str) -> str | None:
    """`20:30`, `9.05`, `7` → `HH:MM`, or None."""
    match = re.fullmatch(r"\s*(\d{1,2})(?:[:.](\d{2}))?\s*", text)
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    if hours > 23 or minutes > 59:
        return None
    return f"{hours:02d}:{minutes:02d}"


_DURATION_PART = re.compile(r"(\d{1,4})\s*([a-zа-я]+)")
_DURATION_WHOLE = re.compile(r"(?:\d{1,4}\s*[a-zа-я]+\s*)+")
_MINUTE, _HOUR, _DAY, _WEEK = 60, 3600, 86400, 604800
_DURATION_UNITS = {
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes", "м", "мин", "минута", "минуты",
                     "минут", "минуту"), _MINUTE),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "ч", "час", "часа", "часов"), _HOUR),
    **dict.fromkeys(("d", "day", "days", "д", "дн", "день", "дня", "дней", "сутки", "суток"),
                    _DAY),
    **dict.fromkeys(("w", "wk", "week", "weeks", "н", "нед", "неделя", "недели", "недель",
                     "неделю"), _WEEK),
}  # fmt: skip
# A word alone that means one of its unit: "неделя", "a week" (as "week"), "сутки".
_DURATION_ALONE = {
    "minute": _MINUTE, "минуту": _MINUTE, "hour": _HOUR, "час": _HOUR, "day": _DAY,
    "день": _DAY, "сутки": _DAY, "week": _WEEK, "неделя": _WEEK, "неделю": _WEEK,
}  # fmt: skip
# Time words we do not take (too long, or too short to mean anything for a mute).
DURATION_WORDS_REFUSED = frozenset(
    ("s", "sec", "second", "seconds", "с", "сек", "секунд", "секунды", "month", "months",
     "месяц", "месяца", "месяцев", "y", "year", "years", "г", "год", "года", "лет")
)  # fmt: skip
MAX_DURATION = 366 * 86400  # Telegram treats a restriction beyond 366 days as forever


def parse_duration(text: str) -> int | None:
    """A duration as people write it → seconds; None if it is not one (or over a year).
    `30m`, `2h`, `1h30m`, `90m`, `3d`, `1w`; `30м`, `2ч`, `3д`, `1н`; `2 часа`, `30 минут`,
    `3 дня`, `неделя`, `2 hours`, `a week` (as `week`)."""
    raw = " ".join(text.lower().split())
    if raw in _DURATION_ALONE:
        return _DURATION_ALONE[raw]
    if not _DURATION_WHOLE.fullmatch(raw):
        return None
    seconds = 0
    for number, unit in _DURATION_PART.findall(raw):
        if unit not in _DURATION_UNITS:
            return None
        seconds += int(number) * _DURATION_UNITS[unit]
    return seconds if 0 < seconds <= MAX_DURATION else None


def looks_like_duration(words: list[str]) -> bool:
    """Whether the first words were meant as a duration (so one not understood is refused,
    never read as a reason): `5лет`, `2 года`, `3 месяца`, `1h30`."""
    if not words:
        return False
    first = words[0].lower()
    if re.fullmatch(r"\d+\s*[a-zа-я]+\w*", first):
        return True
    second = words[1].lower() if len(words) > 1 else ""
    known = _DURATION_UNITS.keys() | DURATION_WORDS_REFUSED
    return first.isdigit() and second in known
