"""A custom RRULE in words, as members read it: «по понедельникам и четвергам, 6 раз»,
"every 2 weeks on Wednesday until 31 December", "monthly on the first Tuesday".

What the /meet form accepts (check_rrule) is daily, weekly, monthly or yearly, with an interval,
weekdays, nth weekdays of the month, days of the month, and an end. Anything beyond that
(BYSETPOS, BYMONTH, BYWEEKNO…) is named by its rhythm as "on a custom schedule": the card shows
the date of each meeting anyway."""

from __future__ import annotations

import re
from datetime import datetime

from bot.i18n import Markup, Texts
from bot.services.meeting_time import rule_parts, rule_until
from bot.texts import format_day

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BYDAY = re.compile(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")
_DESCRIBED = frozenset(("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "WKST"))
_UNITS = {"DAILY": "days", "WEEKLY": "weeks", "MONTHLY": "months", "YEARLY": "years"}
_NTH = frozenset((1, 2, 3, 4, 5, -1, -2))


def rule_words(t: Texts, rule: str, start: datetime) -> str:
    """The rule in `t`'s language; `start` is the series' first wall time (the rule's DTSTART).
    HTML-safe (nothing typed by a person is in it)."""
    parts = rule_parts(rule)
    if parts is None or parts["FREQ"] not in _UNITS:
        return t("meet-every-rule", rule=rule)
    interval = int(parts.get("INTERVAL", "1"))
    unit = _UNITS[parts["FREQ"]]
    every = t(f"meet-rule-{unit}", n=interval) if interval > 1 else t(f"meet-rule-each-{unit[:-1]}")
    words = _rhythm(t, parts, interval, every, start) or t("meet-rule-custom", every=Markup(every))
    if "COUNT" in parts:
        return t("meet-rule-with-count", rule=Markup(words), count=int(parts["COUNT"]))
    until = rule_until(parts)
    if until is not None:
        fmt = "d MMMM" if until.year == start.year else "d MMMM y"
        day = format_day(until.date(), t.lang, fmt)
        return t("meet-rule-with-until", rule=Markup(words), date=day)
    return words


def _rhythm(
    t: Texts, parts: dict[str, str], interval: int, every: str, start: datetime
) -> str | None:
    """The rule without its end, or None when it says more than these words can."""
    if set(parts) - _DESCRIBED:
        return None
    freq = parts["FREQ"]
    days = _weekdays(parts.get("BYDAY", ""))
    if days is None:
        return None
    plain = [code for n, code in days if n is None]
    nth = [(n, code) for n, code in days if n is not None]
    monthdays = [int(d) for d in parts.get("BYMONTHDAY", "").split(",") if d]
    if freq in ("DAILY", "WEEKLY") and not nth and not monthdays:
        if freq == "DAILY" and not plain:
            return every
        if freq == "DAILY" and interval != 1:
            return None  # every other day, but only on Mondays: leave it to the dates
        chosen = plain or [WEEKDAY_CODES[start.weekday()]]
        weekdays = _join(t, [t("meet-rule-weekday", day=_day(code)) for code in chosen])
        if interval == 1:
            return t("meet-rule-weekly", days=Markup(weekdays))
        return t("meet-rule-every-on-days", every=Markup(every), days=Markup(weekdays))
    if freq == "MONTHLY" and not plain and not (nth and monthdays):
        on: str | None
        if nth:
            if any(n not in _NTH for n, _ in nth):
                return None
            on = _join(t, [t("meet-rule-nth", n=n, day=_day(code)) for n, code in nth])
        else:
            on = _monthdays(t, monthdays or [start.day])
            if on is None:
                return None
        return t("meet-rule-every-on", every=Markup(every), on=Markup(on))
    if freq == "YEARLY" and not days and not monthdays:
        day = format_day(start.date(), t.lang, "d MMMM")
        return t("meet-rule-every-on", every=Markup(every), on=day)
    return None


def _weekdays(byday: str) -> list[tuple[int | None, str]] | None:
    found: list[tuple[int | None, str]] = []
    for item in filter(None, byday.split(",")):
        match = _BYDAY.fullmatch(item)
        if not match:
            return None
        found.append((int(match[1]) if match[1] else None, match[2]))
    return found


def _day(code: str) -> int:
    return WEEKDAY_CODES.index(code)


def _monthdays(t: Texts, days: list[int]) -> str | None:
    if days == [-1]:
        return t("meet-rule-last-day")
    if any(not 1 <= d <= 31 for d in days):
        return None
    listed = _join(t, [t("meet-rule-monthday", n=d) for d in sorted(days)])
    return t("meet-rule-monthdays", days=Markup(listed))


def _join(t: Texts, items: list[str]) -> str:
    """ "A", "A и B", "A, B и C" ("A, B and C")."""
    if len(items) <= 1:
        return "".join(items)
    return t("meet-rule-and", first=Markup(", ".join(items[:-1])), last=Markup(items[-1]))
