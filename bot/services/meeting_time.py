"""Meeting times: dates typed in Russian or English, community wall time ↔ UTC, and recurring
series that keep their local wall time across DST changes.

Everything here is pure: naive datetimes are wall times in the community's IANA zone, aware
ones are UTC instants.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum
from itertools import islice, pairwise, product

from dateutil.rrule import rrulestr

from bot.timeutil import get_tz

MAX_YEARS_AHEAD = 2  # parse_when refuses dates further away: almost surely a typo
RECENT_PAST = timedelta(days=61)  # a date this recent without a year is in the past


@dataclass(frozen=True)
class When:
    day: date
    time: time | None  # None when the text had a date but no time (the form will ask for it)


# --- parsing -------------------------------------------------------------------------------

_WEEKDAYS: dict[str, int] = {
    **dict.fromkeys(("понедельник", "пн", "пнд", "monday", "mon"), 0),
    **dict.fromkeys(("вторник", "вт", "tuesday", "tue", "tues"), 1),
    **dict.fromkeys(("среда", "среду", "ср", "wednesday", "wed"), 2),
    **dict.fromkeys(("четверг", "чт", "thursday", "thu", "thur", "thurs"), 3),
    **dict.fromkeys(("пятница", "пятницу", "пт", "friday", "fri"), 4),
    **dict.fromkeys(("суббота", "субботу", "сб", "saturday", "sat"), 5),
    **dict.fromkeys(("воскресенье", "воскресение", "вс", "sunday", "sun"), 6),
}

_MONTHS: dict[str, int] = {
    **dict.fromkeys(("января", "январь", "янв", "january", "jan"), 1),
    **dict.fromkeys(("февраля", "февраль", "фев", "february", "feb"), 2),
    **dict.fromkeys(("марта", "март", "мар", "march", "mar"), 3),
    **dict.fromkeys(("апреля", "апрель", "апр", "april", "apr"), 4),
    **dict.fromkeys(("мая", "май", "may"), 5),
    **dict.fromkeys(("июня", "июнь", "июн", "june", "jun"), 6),
    **dict.fromkeys(("июля", "июль", "июл", "july", "jul"), 7),
    **dict.fromkeys(("августа", "август", "авг", "august", "aug"), 8),
    **dict.fromkeys(("сентября", "сентябрь", "сен", "сент", "september", "sep", "sept"), 9),
    **dict.fromkeys(("октября", "октябрь", "окт", "october", "oct"), 10),
    **dict.fromkeys(("ноября", "ноябрь", "ноя", "нояб", "november", "nov"), 11),
    **dict.fromkeys(("декабря", "декабрь", "дек", "december", "dec"), 12),
}

# "day after tomorrow" is rewritten to "послезавтра" before tokens are read.
_RELATIVE_DAYS = {
    **dict.fromkeys(("сегодня", "today", "tonight"), 0),
    **dict.fromkeys(("завтра", "tomorrow"), 1),
    "послезавтра": 2,
}
_NEXT_WEEK_WORDS = frozenset(
    ("next", "следующий", "следующую", "следующее", "следующая", "следующей", "след")
)
# "next week", "на следующей неделе": the same weekday a week on (or, with a weekday, that day
# of the next calendar week).
_WEEK_WORDS = frozenset(("week", "неделе", "неделю", "неделя"))
# "this Friday", "ближайшую пятницу": the same as the bare weekday.
_THIS_WORDS = frozenset(
    ("this", "coming", "этот", "эту", "это", "ближайший", "ближайшую", "ближайшее", "ближайшая")
)
_AT_WORDS = frozenset(("в", "at", "к"))  # before a bare number they make it an hour
_FILLERS = frozenset(("во", "on", "the", "of", "на", "г", "года", "год"))
_HOUR_WORDS = frozenset(("ч", "час", "часа", "часов", "h", "o'clock", "oclock"))
_NAMED_TIMES = {
    "noon": 12, "полдень": 12, "midnight": 0, "полночь": 0,
    # "в субботу утром", "Friday evening": the usual hour of that part of the day.
    "утром": 10, "morning": 10, "днем": 14, "afternoon": 14, "вечером": 19, "evening": 19,
}  # fmt: skip
# "через 2 часа", "in 30 minutes", "через неделю", "in a week 7pm": from now.
_FROM_NOW = re.compile(
    r"(?:через|in)\s+(?:(\d{1,3}|an?)\s+)?(минуту|минуты|минут|мин|minutes?|mins?|час|часа|часов|"
    r"hours?|день|дня|дней|days?|неделю|недели|недель|weeks?)(?!\w)"
)
_FROM_NOW_UNITS = {
    **dict.fromkeys(("минуту", "минуты", "минут", "мин", "minute", "minutes", "min", "mins"),
                    timedelta(minutes=1)),
    **dict.fromkeys(("час", "часа", "часов", "hour", "hours"), timedelta(hours=1)),
    **dict.fromkeys(("день", "дня", "дней", "day", "days"), timedelta(days=1)),
    **dict.fromkeys(("неделю", "недели", "недель", "week", "weeks"), timedelta(weeks=1)),
}  # fmt: skip
_MERIDIEMS = frozenset(("am", "pm"))
_DAY_PARTS = frozenset(("утра", "дня", "вечера", "ночи"))

_TIME_RE = re.compile(r"(\d{1,2}):(\d{2})")
_DOTTED_TIME_RE = re.compile(r"(\d{1,2})\.(\d{2})")
_HOUR_RE = re.compile(r"(\d{1,2})()")
_COMPACT_12H_RE = re.compile(r"(\d{1,2})(?::(\d{2}))?(am|pm)")
_DAY_RE = re.compile(r"(\d{1,2})(?:st|nd|rd|th|-го|-е)?")
_DOTTED_RE = re.compile(r"(\d{1,2})\.(\d{1,2})")
_DOTTED_YEAR_RE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})")
_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_YEAR_RE = re.compile(r"\d{4}")


@dataclass(frozen=True)
class _Relative:
    days: int


@dataclass(frozen=True)
class _Weekday:
    weekday: int
    next_week: bool


@dataclass(frozen=True)
class _NextWeek:
    """ "next week" alone: the same weekday seven days on."""


@dataclass(frozen=True)
class _DayMonth:
    day: int
    month: int
    year: int | None


_DateSpec = _Relative | _Weekday | _NextWeek | _DayMonth


@dataclass(frozen=True)
class _Dotted:
    """`12.10` is a date or a time; decided once the rest of the text is known."""

    first: int
    second: int
    second_digits: int
    after_at: bool


def parse_when(text: str, now_local: datetime) -> When | None:
    """A meeting date and time typed by a person → When, or None when not understood.

    `now_local` is the naive wall time in the community zone. Date and time may come in either
    order. Without a date, a time means today when still ahead, else tomorrow. A bare weekday
    means its next occurrence: today only when a time is given and still ahead. "Next <weekday>"
    ("следующий вторник") means that weekday in the next calendar week (weeks start on Monday):
    on a Wednesday, "next Monday" is in five days and "next Friday" in nine, not in two. "Next
    week" alone ("на следующей неделе") is the same weekday seven days on; "через неделю" and
    "in 3 days" may be followed by a time ("через неделю в 19:00"). A day
    and month without a year that has already passed means next year, unless it was within the last
    two months (then it is that past date, for the caller to refuse). Explicit past dates are
    returned as typed (the caller decides); dates more than two years ahead give None.
    """
    if now_local.tzinfo is not None:
        raise ValueError("now_local must be a naive wall time")
    spaced = " ".join(text.lower().split())
    relative = _FROM_NOW.match(spaced)
    rest = spaced[relative.end() :] if relative else ""
    if relative and (not rest or rest.startswith(" ")):
        count = int(relative[1]) if relative[1] and relative[1].isdigit() else 1
        found = _from_now(count, _FROM_NOW_UNITS[relative[2]], now_local)
        if not rest:
            return found
        # "через неделю в 19:00": a day from now with a time of its own.
        scanned = _scan(_tokens(rest))
        if found is None or found.time is not None or scanned is None or scanned[0] is not None:
            return None
        return When(found.day, scanned[1]) if scanned[1] is not None else None
    scanned = _scan(_tokens(text))
    if scanned is None:
        return None
    spec, at = scanned
    day = _resolve_day(spec, at, now_local)
    if day is None or day > _add_years(now_local.date(), MAX_YEARS_AHEAD):
        return None
    return When(day, at)


def _from_now(count: int, unit: timedelta, now: datetime) -> When | None:
    """Minutes and hours: that moment, rounded up to five minutes. Days and weeks: that day
    (the form asks the time)."""
    if unit >= timedelta(days=1):
        day = now.date() + count * unit
        return When(day, None) if day <= _add_years(now.date(), MAX_YEARS_AHEAD) else None
    moment = now + count * unit
    if moment - now > timedelta(days=7):
        return None
    moment += timedelta(minutes=-moment.minute % 5, seconds=-moment.second)
    return When(moment.date(), moment.time().replace(second=0, microsecond=0))


def impossible_day(text: str) -> tuple[int, int] | None:
    """(day, month) when the text names a day its month does not have (31.02, 31 апреля), so
    that the form can say why instead of "not understood"."""
    tokens = _tokens(text)
    for i, token in enumerate(tokens):
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        pair = None
        if match := _DOTTED_RE.fullmatch(token):
            pair = int(match[1]), int(match[2])
        elif (day := _DAY_RE.fullmatch(token)) and following in _MONTHS:
            pair = int(day[1]), _MONTHS[following]
        if pair and 1 <= pair[1] <= 12 and 28 <= pair[0] <= 31 and not _is_day_month(*pair):
            return pair
    return None


def _tokens(text: str) -> list[str]:
    lowered = text.lower().replace("ё", "е")
    # "25/12" as "25.12" (day first, as in Russia and most of Europe).
    lowered = re.sub(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])", r"\1.\2", lowered)
    lowered = re.sub(r"(?<![a-z])([ap])\.\s?m\b\.?", r"\1m", lowered)
    lowered = re.sub(r"\bday after tomorrow\b", "послезавтра", lowered)
    lowered = re.sub(r"(\d{4}-\d{1,2}-\d{1,2})t(?=\d)", r"\1 ", lowered)
    lowered = re.sub(r"[,;]", " ", lowered)
    stripped = (token.strip(".!?()") for token in lowered.split())
    return [token for token in stripped if token and token not in _FILLERS]


def _scan(tokens: list[str]) -> tuple[_DateSpec | None, time | None] | None:
    dates: list[_DateSpec] = []
    times: list[time] = []
    dotted: list[_Dotted] = []
    after_at = False
    i = 0
    while i < len(tokens):
        token = tokens[i]
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        was_after_at, after_at = after_at, False
        if token in _AT_WORDS:
            after_at = True
            i += 1
        elif token in _RELATIVE_DAYS:
            dates.append(_Relative(_RELATIVE_DAYS[token]))
            i += 1
        elif token in _NEXT_WEEK_WORDS and following in _WEEK_WORDS:
            dates.append(_NextWeek())
            i += 2
        elif token in _NEXT_WEEK_WORDS or token in _THIS_WORDS:
            if following not in _WEEKDAYS:
                return None
            dates.append(_Weekday(_WEEKDAYS[following], token in _NEXT_WEEK_WORDS))
            i += 2
        elif token in _WEEKDAYS:
            dates.append(_Weekday(_WEEKDAYS[token], next_week=False))
            i += 1
        elif token in _MONTHS and (day := _DAY_RE.fullmatch(following)):
            year, used = _read_year(tokens, i + 2)
            dates.append(_DayMonth(int(day[1]), _MONTHS[token], year))
            i += 2 + used
        elif (day := _DAY_RE.fullmatch(token)) and following in _MONTHS:
            year, used = _read_year(tokens, i + 2)
            dates.append(_DayMonth(int(day[1]), _MONTHS[following], year))
            i += 2 + used
        elif match := _ISO_RE.fullmatch(token):
            dates.append(_DayMonth(int(match[3]), int(match[2]), int(match[1])))
            i += 1
        elif match := _DOTTED_YEAR_RE.fullmatch(token):
            dates.append(_DayMonth(int(match[1]), int(match[2]), _full_year(match[3])))
            i += 1
        elif token in _NAMED_TIMES:
            times.append(time(_NAMED_TIMES[token]))
            i += 1
        elif clock := _read_clock(tokens, i, was_after_at):
            times.append(clock[0])
            i += clock[1]
        elif match := _DOTTED_RE.fullmatch(token):
            dotted.append(_Dotted(int(match[1]), int(match[2]), len(match[2]), was_after_at))
            i += 1
        else:
            return None
    return _settle(_with_next_week(dates), times, dotted)


def _with_next_week(dates: list[_DateSpec]) -> list[_DateSpec]:
    """ "в пятницу на следующей неделе", "next week on Friday": one date, that weekday of the
    next calendar week."""
    weekdays = [d for d in dates if isinstance(d, _Weekday)]
    if len(dates) == 2 and any(isinstance(d, _NextWeek) for d in dates) and len(weekdays) == 1:
        return [_Weekday(weekdays[0].weekday, next_week=True)]
    return dates


def _read_year(tokens: list[str], i: int) -> tuple[int | None, int]:
    if i < len(tokens) and _YEAR_RE.fullmatch(tokens[i]):
        return int(tokens[i]), 1
    return None, 0


def _full_year(digits: str) -> int:
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


def _read_clock(tokens: list[str], i: int, after_at: bool) -> tuple[time, int] | None:
    """A time starting at tokens[i] and how many tokens it took, or None."""
    token = tokens[i]
    if compact := _COMPACT_12H_RE.fullmatch(token):
        return _clock(_from_meridiem(int(compact[1]), compact[3]), int(compact[2] or 0), 1)
    kind = "colon"
    match = _TIME_RE.fullmatch(token)
    if not match:
        kind, match = "dotted", _DOTTED_TIME_RE.fullmatch(token)
    if not match:
        kind, match = "hour", _HOUR_RE.fullmatch(token)
    if not match:
        return None
    said = int(match[1])
    hour: int | None = said
    minute = int(match[2] or 0)
    used = 1
    has_hour_word = kind == "hour" and _at(tokens, i + used) in _HOUR_WORDS
    if has_hour_word:
        used += 1
    qualifier = _at(tokens, i + used)
    if qualifier in _MERIDIEMS:
        hour = _from_meridiem(said, qualifier)
        used += 1
    elif qualifier in _DAY_PARTS:
        hour = _from_day_part(said, qualifier)
        used += 1
    elif kind == "dotted" or (kind == "hour" and not (after_at or has_hour_word)):
        # "12.10" may be a date and "25" a day: only context makes them times.
        return None
    return _clock(hour, minute, used)


def _at(tokens: list[str], i: int) -> str:
    return tokens[i] if i < len(tokens) else ""


def _clock(hour: int | None, minute: int, used: int) -> tuple[time, int] | None:
    if hour is None or not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return time(hour, minute), used


def _from_meridiem(hour: int, meridiem: str) -> int | None:
    if not 1 <= hour <= 12:
        return None
    if meridiem == "am":
        return 0 if hour == 12 else hour
    return 12 if hour == 12 else hour + 12


def _from_day_part(hour: int, part: str) -> int | None:
    if part == "утра":
        return hour if hour <= 12 else None
    if part == "ночи":
        # Spoken Russian: "11 ночи" is 23:00, "12 ночи" is midnight, "2 ночи" is 02:00.
        if hour == 12:
            return 0
        return hour + 12 if 9 <= hour <= 11 else hour
    return hour + 12 if hour < 12 else hour  # дня, вечера


def _settle(
    dates: list[_DateSpec], times: list[time], dotted: list[_Dotted]
) -> tuple[_DateSpec | None, time | None] | None:
    """Decide what each `12.10` is: the first reading that leaves one date and one time."""
    if len(dotted) > 2:
        return None
    for roles in product(("date", "time"), repeat=len(dotted)):
        all_dates, all_times = list(dates), list(times)
        for role, item in zip(roles, dotted, strict=True):
            if role == "date" and not item.after_at and _is_day_month(item.first, item.second):
                all_dates.append(_DayMonth(item.first, item.second, None))
            elif role == "time" and item.second_digits == 2 and _clock(item.first, item.second, 1):
                all_times.append(time(item.first, item.second))
            else:
                break
        else:
            if len(all_dates) <= 1 and len(all_times) <= 1 and (all_dates or all_times):
                return (all_dates[0] if all_dates else None, all_times[0] if all_times else None)
    return None


def _is_day_month(day: int, month: int) -> bool:
    try:
        date(2000, month, day)  # a leap year, so 29.02 counts
    except ValueError:
        return False
    return True


def _resolve_day(spec: _DateSpec | None, at: time | None, now: datetime) -> date | None:
    today = now.date()

    def still_ahead(day: date) -> bool:
        return at is not None and datetime.combine(day, at) > now

    if spec is None:
        return today if still_ahead(today) else today + timedelta(days=1)
    if isinstance(spec, _Relative):
        return today + timedelta(days=spec.days)
    if isinstance(spec, _NextWeek):
        return today + timedelta(weeks=1)
    if isinstance(spec, _Weekday):
        if spec.next_week:
            next_monday = today + timedelta(days=7 - today.weekday())
            return next_monday + timedelta(days=spec.weekday)
        ahead = (spec.weekday - today.weekday()) % 7
        if ahead == 0 and not still_ahead(today):
            ahead = 7
        return today + timedelta(days=ahead)
    if spec.year is not None:
        try:
            return date(spec.year, spec.month, spec.day)
        except ValueError:
            return None
    # A day of the last two months (earlier today included) is a past date, said so by the
    # caller — not one in a year: on 4 December "01.12 19:00" means the 1st, not next year's.
    try:
        this_year = date(today.year, spec.month, spec.day)
    except ValueError:
        this_year = None
    recent = this_year is not None and timedelta(0) <= today - this_year <= RECENT_PAST
    if this_year is not None and recent and (this_year < today or not still_ahead(today)):
        return this_year
    # Several years, so that 29.02 finds the next leap year.
    for year in range(today.year, today.year + MAX_YEARS_AHEAD + 1):
        try:
            day = date(year, spec.month, spec.day)
        except ValueError:
            continue
        if day > today or (day == today and (at is None or still_ahead(today))):
            return day
    return None


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# --- wall time ↔ UTC -----------------------------------------------------------------------


def to_utc(local: datetime, zone: str) -> datetime:
    """A naive wall time in `zone` → an aware UTC datetime.

    A wall time skipped by a spring-forward change moves forward by the gap (02:30 → 03:30 in
    Berlin); an ambiguous autumn one takes its first, summer-time, instant.
    """
    if local.tzinfo is not None:
        raise ValueError("to_utc expects a naive wall time")
    # PEP 495: fold=0 reads a skipped time with the offset before the change, which lands
    # after the gap, and an ambiguous one with the earlier offset.
    return local.replace(tzinfo=get_tz(zone), fold=0).astimezone(UTC)


def local_of(moment_utc: datetime, zone: str) -> datetime:
    """An aware instant → the naive wall time in `zone`."""
    if moment_utc.tzinfo is None:
        raise ValueError("local_of expects an aware datetime")
    return moment_utc.astimezone(get_tz(zone)).replace(tzinfo=None)


# --- recurrence ----------------------------------------------------------------------------

RECURRENCES = ("none", "weekly", "biweekly", "monthly", "rrule")

RRULE_MAX_COUNT = 200
RRULE_MAX_YEARS = 3
_RRULE_SAMPLE = 50  # occurrences checked for being too close together
# Longer than the longest gap between two 29 Februaries (8 years), so sparse rules are found.
_SEARCH_YEARS = 10
_SUB_DAILY_FREQS = frozenset(("HOURLY", "MINUTELY", "SECONDLY"))
_RULE_NAME_RE = re.compile(r"[A-Z]+")
_RULE_VALUE_RE = re.compile(r"[A-Z0-9,+\-]+")
_UNTIL_RE = re.compile(r"(\d{8})(?:T(\d{6}))?Z?")
_DAY_FILTERS = ("BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY")
_WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_CALENDAR_CYCLE_START = datetime(9599, 1, 1)  # 400 years before the end of datetime's range
_RULE_ERRORS = (ValueError, TypeError, KeyError, IndexError, OverflowError)


class RruleProblem(Enum):
    INVALID = "invalid"  # does not parse
    NEVER_ENDS = "never_ends"  # neither COUNT nor UNTIL
    TOO_OFTEN = "too_often"  # more often than once a day
    TOO_LONG = "too_long"  # COUNT > 200, or UNTIL more than 3 years after the start
    NO_DATES = "no_dates"  # yields no occurrence at or after the start


def check_rrule(text: str, start_local: datetime) -> str | RruleProblem:
    """An RFC 5545 RRULE ("RRULE:FREQ=…" or "FREQ=…") → its normalized text (uppercase, no
    "RRULE:" prefix, FREQ first), or what is wrong with it.

    The rule runs on local wall times from `start_local` (naive). UNTIL is read as a local wall
    time too, even when written in UTC with "Z"; a date-only UNTIL includes that whole day.
    COUNT together with UNTIL is INVALID, as RFC 5545 forbids it. TOO_OFTEN covers sub-daily
    frequencies, several BYHOUR/BYMINUTE/BYSECOND values, and any two of the first 50
    occurrences less than 24 hours apart. NO_DATES also covers rules whose first occurrence is
    more than 10 years away.
    """
    parts = rule_parts(text)
    if parts is None:
        return RruleProblem.INVALID
    try:
        until = rule_until(parts)
        # dateutil validates the parts not checked by hand.
        _iter_rule(parts, start_local, start_local)
    except _RULE_ERRORS:
        return RruleProblem.INVALID
    if parts["FREQ"] in _SUB_DAILY_FREQS or any(
        "," in parts.get(name, "") for name in ("BYHOUR", "BYMINUTE", "BYSECOND")
    ):
        return RruleProblem.TOO_OFTEN
    if "COUNT" not in parts and until is None:
        return RruleProblem.NEVER_ENDS
    if int(parts.get("COUNT", 0)) > RRULE_MAX_COUNT or (
        until is not None and until.date() > _add_years(start_local.date(), RRULE_MAX_YEARS)
    ):
        return RruleProblem.TOO_LONG
    try:
        horizon = _add_years_dt(start_local, _SEARCH_YEARS)
        sample = list(islice(_iter_rule(parts, start_local, horizon), _RRULE_SAMPLE))
    except _RULE_ERRORS:
        return RruleProblem.INVALID
    if not sample:
        return RruleProblem.NO_DATES
    if any(later - earlier < timedelta(days=1) for earlier, later in pairwise(sample)):
        return RruleProblem.TOO_OFTEN
    return _join_rule(parts)


def rule_parts(text: str) -> dict[str, str] | None:
    """The parts of "RRULE:FREQ=…;…" as {"FREQ": …, …}, FREQ first, or None when malformed."""
    body = "".join(text.split()).upper()
    body = body.removeprefix("RRULE:").strip(";")
    parts: dict[str, str] = {}
    for part in body.split(";"):
        name, _, value = part.partition("=")
        if (
            not _RULE_NAME_RE.fullmatch(name)
            or not _RULE_VALUE_RE.fullmatch(value)
            or name in parts
        ):
            return None
        parts[name] = value
    if "FREQ" not in parts or ("COUNT" in parts and "UNTIL" in parts):
        return None
    for name in ("COUNT", "INTERVAL"):
        # dateutil repeats the start forever on INTERVAL=0 and is silent on COUNT=0.
        if name in parts and not (parts[name].isdigit() and int(parts[name]) >= 1):
            return None
    return {"FREQ": parts["FREQ"], **parts}


def _join_rule(parts: dict[str, str]) -> str:
    return ";".join(f"{name}={value}" for name, value in parts.items())


def rule_until(parts: dict[str, str]) -> datetime | None:
    """UNTIL as a naive local wall time; a date alone means the end of that day."""
    if "UNTIL" not in parts:
        return None
    match = _UNTIL_RE.fullmatch(parts["UNTIL"])
    if not match:
        raise ValueError("invalid UNTIL")
    return datetime.strptime(match[1] + (match[2] or "235959"), "%Y%m%d%H%M%S")


def _iter_rule(parts: dict[str, str], start: datetime, horizon: datetime) -> Iterator[datetime]:
    """Occurrences of the rule from `start`, none after `horizon`.

    UNTIL is capped at `horizon` so that endless rules end; COUNT is applied here instead,
    which gives the same dates.
    """
    until = rule_until(parts)
    if _never_matches(parts, start):
        return iter(())
    end = horizon if until is None else min(until, horizon)
    bounded = {name: value for name, value in parts.items() if name not in ("COUNT", "UNTIL")}
    # Naive UNTIL with a naive DTSTART: dateutil refuses a "Z" one.
    bounded["UNTIL"] = end.strftime("%Y%m%dT%H%M%S")
    rule = rrulestr(_join_rule(bounded), dtstart=start)
    occurrences: Iterator[datetime] = iter(rule)
    return islice(occurrences, int(parts["COUNT"])) if "COUNT" in parts else occurrences


def _never_matches(parts: dict[str, str], start: datetime) -> bool:
    """Whether the rule's day filters can never be met, e.g. BYMONTH=2;BYMONTHDAY=30.

    dateutil only stops on a date it yields (or at year 9999), so such a rule would scan the
    calendar to the end, for seconds with FREQ=DAILY. The Gregorian calendar repeats every 400
    years: a yearly rule with the same filters, run over one such cycle, tells cheaply.
    """
    filters = {name: parts[name] for name in _DAY_FILTERS if name in parts}
    if not filters:
        return False
    if "BYDAY" in filters:
        # "-1FR" is a Friday in any case; the ordinal only narrows it further.
        filters["BYDAY"] = re.sub(r"[+\-\d]", "", filters["BYDAY"])
        # Every 7th day is always the start's weekday.
        if (
            parts["FREQ"] == "DAILY"
            and int(parts.get("INTERVAL", "1")) % 7 == 0
            and _WEEKDAY_CODES[start.weekday()] not in filters["BYDAY"].split(",")
        ):
            return True
    if "WKST" in parts:
        filters["WKST"] = parts["WKST"]
    probe = {"FREQ": "YEARLY", **filters, "COUNT": "1"}
    return not list(rrulestr(_join_rule(probe), dtstart=_CALENDAR_CYCLE_START))


def _add_years_dt(moment: datetime, years: int) -> datetime:
    return datetime.combine(_add_years(moment.date(), years), moment.time())


def nth_weekday(day: date) -> tuple[int, int]:
    """(n, weekday) of `day` in its month: weekday 0 = Monday, n 1..4, or -1 for a fifth one.

    A fifth weekday becomes "the last", so a monthly series never skips months that have only
    four of them.
    """
    n = (day.day - 1) // 7 + 1
    return (-1 if n == 5 else n), day.weekday()


def _nth_weekday_of_month(year: int, month: int, n: int, weekday: int) -> date:
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def occurrences_after(
    start_local: datetime,
    recurrence: str,
    rrule: str | None,
    after_local: datetime,
    limit: int = 1,
) -> list[datetime]:
    """The next `limit` naive wall times of the series strictly after `after_local`.

    Computed on the local calendar, so a weekly 19:00 stays 19:00 across DST; to_utc gives each
    one's instant. Pass `after_local = start_local - 1 minute` to include the first one.
    "monthly" is the nth_weekday of the start in every month. "rrule" follows dateutil: the
    start itself counts only when the rule matches it, and the search stops 10 years past
    `after_local`.
    """
    if limit <= 0:
        return []
    if recurrence == "none":
        return [start_local] if start_local > after_local else []
    if recurrence in ("weekly", "biweekly"):
        step = timedelta(days=7 if recurrence == "weekly" else 14)
        # Jump straight to the first one after `after_local`: O(limit) however far it is.
        first = 0 if after_local < start_local else (after_local - start_local) // step + 1
        return [start_local + (first + k) * step for k in range(limit)]
    if recurrence == "monthly":
        return _monthly_after(start_local, after_local, limit)
    if recurrence == "rrule":
        parts = rule_parts(rrule or "")
        if parts is None:
            raise ValueError(f"invalid rrule: {rrule!r}")
        horizon = _add_years_dt(max(after_local, start_local), _SEARCH_YEARS)
        upcoming = (
            moment for moment in _iter_rule(parts, start_local, horizon) if moment > after_local
        )
        return list(islice(upcoming, limit))
    raise ValueError(f"unknown recurrence: {recurrence!r}")


def calendar_rule(recurrence: str, rrule: str | None, start_local: datetime, zone: str) -> str:
    """A series' rule as a calendar file states it beside a DTSTART in `zone` (RFC 5545 wants
    UNTIL in UTC there); the rule runs from `start_local` as occurrences_after does."""
    if recurrence == "weekly":
        return "FREQ=WEEKLY"
    if recurrence == "biweekly":
        return "FREQ=WEEKLY;INTERVAL=2"
    if recurrence == "monthly":
        n, weekday = nth_weekday(start_local.date())
        return f"FREQ=MONTHLY;BYDAY={n}{_WEEKDAY_CODES[weekday]}"
    parts = rule_parts(rrule or "") if recurrence == "rrule" else None
    if parts is None:
        raise ValueError(f"no calendar rule for {recurrence!r} {rrule!r}")
    until = rule_until(parts)
    if until is not None:
        parts["UNTIL"] = to_utc(until, zone).strftime("%Y%m%dT%H%M%SZ")
    return _join_rule(parts)


def _monthly_after(start: datetime, after: datetime, limit: int) -> list[datetime]:
    n, weekday = nth_weekday(start.date())
    year, month = max((start.year, start.month), (after.year, after.month))
    found: list[datetime] = []
    while len(found) < limit:
        moment = datetime.combine(_nth_weekday_of_month(year, month, n, weekday), start.time())
        if moment >= start and moment > after:
            found.append(moment)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found
