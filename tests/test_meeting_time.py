from __future__ import annotations

import time as clock
from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.services.meeting_time import (
    RruleProblem,
    When,
    check_rrule,
    local_of,
    nth_weekday,
    occurrences_after,
    parse_when,
    to_utc,
)

NOW = datetime(2026, 11, 25, 15, 0)  # a Wednesday
BERLIN = "Europe/Berlin"


def _when(day: str, at: str | None = None) -> When:
    return When(date.fromisoformat(day), time.fromisoformat(at) if at else None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("сегодня 19:00", _when("2026-11-25", "19:00")),
        ("сегодня в 19", _when("2026-11-25", "19:00")),
        ("завтра в 19:00", _when("2026-11-26", "19:00")),
        ("Завтра, в 19:00", _when("2026-11-26", "19:00")),
        ("послезавтра 10:30", _when("2026-11-27", "10:30")),
        ("пятница 18:30", _when("2026-11-27", "18:30")),
        ("в пятницу в 18:30", _when("2026-11-27", "18:30")),
        ("в следующий вторник 19:00", _when("2026-12-01", "19:00")),
        ("следующий вторник в 19", _when("2026-12-01", "19:00")),
        ("в следующую пятницу", _when("2026-12-04", None)),
        ("следующее воскресенье 12:00", _when("2026-12-06", "12:00")),
        ("во вторник", _when("2026-12-01", None)),
        ("в среду", _when("2026-12-02", None)),  # today is Wednesday, but no time: next week
        ("среда 16:00", _when("2026-11-25", "16:00")),  # today, still ahead
        ("ср 14:00", _when("2026-12-02", "14:00")),  # today, already past
        ("пн 10:00", _when("2026-11-30", "10:00")),
        ("чт 10:00", _when("2026-11-26", "10:00")),
        ("сб 10:00", _when("2026-11-28", "10:00")),
        ("в субботу в 10:00", _when("2026-11-28", "10:00")),
        ("вс 10:00", _when("2026-11-29", "10:00")),
        ("25.12 19:00", _when("2026-12-25", "19:00")),
        ("25.12.2026 19:00", _when("2026-12-25", "19:00")),
        ("25.12.26 в 19:00", _when("2026-12-25", "19:00")),
        ("25 декабря 19:00", _when("2026-12-25", "19:00")),
        ("25 декабря в 19:00", _when("2026-12-25", "19:00")),
        ("25 дек 19:00", _when("2026-12-25", "19:00")),
        ("1 марта", _when("2027-03-01", None)),
        ("1 мар", _when("2027-03-01", None)),
        ("3 мая 10:00", _when("2027-05-03", "10:00")),
        ("3 май 10:00", _when("2027-05-03", "10:00")),
        ("1 сент", _when("2027-09-01", None)),
        ("5 ноя 10:00", _when("2026-11-05", "10:00")),  # 20 days ago: past, refused by /meet
        ("25.11", _when("2026-11-25", None)),  # today, no time: kept
        ("25.11 14:00", _when("2026-11-25", "14:00")),  # earlier today: past, not next year
        ("24.11 19:00", _when("2026-11-24", "19:00")),  # yesterday: past
        # From now (15:00 on Wednesday), rounded up to five minutes; days ask for the time.
        ("через 2 часа", _when("2026-11-25", "17:00")),
        ("через 30 минут", _when("2026-11-25", "15:30")),
        ("in 2 hours", _when("2026-11-25", "17:00")),
        ("через неделю", _when("2026-12-02", None)),
        # "Next week": the same weekday seven days on, with or without a time; with a weekday,
        # that day of the next calendar week.
        ("next week", _when("2026-12-02", None)),
        ("next week 19:00", _when("2026-12-02", "19:00")),
        ("next week at 7pm", _when("2026-12-02", "19:00")),
        ("на следующей неделе", _when("2026-12-02", None)),
        ("На следующей неделе в 19:00", _when("2026-12-02", "19:00")),
        ("следующая неделя", _when("2026-12-02", None)),
        ("в пятницу на следующей неделе", _when("2026-12-04", None)),
        ("на следующей неделе в понедельник 18:30", _when("2026-11-30", "18:30")),
        ("next week on Friday 7pm", _when("2026-12-04", "19:00")),
        ("через неделю в 19:00", _when("2026-12-02", "19:00")),
        ("in a week", _when("2026-12-02", None)),
        ("in a week 7pm", _when("2026-12-02", "19:00")),
        ("через 2 дня 18:30", _when("2026-11-27", "18:30")),
        ("в следующую пятницу в 19:00", _when("2026-12-04", "19:00")),
        ("in 3 days", _when("2026-11-28", None)),
        ("25/12 19:00", _when("2026-12-25", "19:00")),
        ("в субботу утром", _when("2026-11-28", "10:00")),
        ("friday evening", _when("2026-11-27", "19:00")),
        ("20.09 19:00", _when("2027-09-20", "19:00")),  # over two months ago: next year
        ("в 19:00", _when("2026-11-25", "19:00")),
        ("в 14:00", _when("2026-11-26", "14:00")),
        ("в 15:00", _when("2026-11-26", "15:00")),  # exactly now is not ahead
        ("19:00 25.12", _when("2026-12-25", "19:00")),
        ("19.30", _when("2026-11-25", "19:30")),
        ("завтра 19.30", _when("2026-11-26", "19:30")),
        ("25.12 19.30", _when("2026-12-25", "19:30")),
        ("в 7 вечера", _when("2026-11-25", "19:00")),
        ("завтра 8 утра", _when("2026-11-26", "08:00")),
        ("завтра в 3 дня", _when("2026-11-26", "15:00")),
        ("завтра в 2 ночи", _when("2026-11-26", "02:00")),
        ("в 19 часов", _when("2026-11-25", "19:00")),
        ("today 7pm", _when("2026-11-25", "19:00")),
        ("tomorrow at 19:00", _when("2026-11-26", "19:00")),
        ("tomorrow 7:30 pm", _when("2026-11-26", "19:30")),
        ("Friday 18:30", _when("2026-11-27", "18:30")),
        ("on Friday at 6:30pm", _when("2026-11-27", "18:30")),
        ("next Monday 7pm", _when("2026-11-30", "19:00")),
        ("next Friday", _when("2026-12-04", None)),  # the next calendar week, not in two days
        ("Dec 25 7pm", _when("2026-12-25", "19:00")),
        ("December 25 at 19:00", _when("2026-12-25", "19:00")),
        ("25 Dec 19:00", _when("2026-12-25", "19:00")),
        ("25 December", _when("2026-12-25", None)),
        ("December 25th, 2027 at 7 p.m.", _when("2027-12-25", "19:00")),
        ("2026-12-25 19:00", _when("2026-12-25", "19:00")),
        ("2026-12-25T19:00", _when("2026-12-25", "19:00")),
        ("2026-12-25", _when("2026-12-25", None)),
        ("tomorrow noon", _when("2026-11-26", "12:00")),
        ("tomorrow at midnight", _when("2026-11-26", "00:00")),
        ("at 7pm", _when("2026-11-25", "19:00")),
        ("at 12 am", _when("2026-11-26", "00:00")),
        ("tomorrow 12 pm", _when("2026-11-26", "12:00")),
        ("tomorrow 12am", _when("2026-11-26", "00:00")),
        ("29.02", _when("2028-02-29", None)),  # the next 29 February
        ("  ЗАВТРА   В 19:00  ", _when("2026-11-26", "19:00")),
    ],
)
def test_parse_when(text: str, expected: When) -> None:
    assert parse_when(text, NOW) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "garbage",
        "когда-нибудь",
        "12/25 7pm",
        "31.02 19:00",
        "30 февраля",
        "25:00",
        "завтра в 25:00",
        "завтра в 19:75",
        "19:75",
        "13pm",
        "завтра в 15 утра",
        "25.12.2029 19:00",  # more than two years ahead
        "2030-01-01",
        "сегодня завтра",
        "завтра 19:00 20:00",
        "следующий",
        "next 19:00",
        "next week next week",
        "next week tomorrow",
        "через неделю завтра",
        "через 2 часа 19:00",  # a moment already: another time contradicts it
        "через неделюшку",
        "декабря",
    ],
)
def test_parse_when_rejects(text: str) -> None:
    assert parse_when(text, NOW) is None


def test_parse_when_needs_naive_now() -> None:
    with pytest.raises(ValueError):
        parse_when("завтра", NOW.replace(tzinfo=UTC))


def test_weekly_keeps_wall_time_across_dst() -> None:
    start = datetime(2027, 3, 16, 19, 0)  # Tuesday, CET (UTC+1)
    series = occurrences_after(start, "weekly", None, start - timedelta(minutes=1), limit=4)
    assert series == [start + timedelta(weeks=k) for k in range(4)]
    instants = [to_utc(local, BERLIN) for local in series]
    # 2027-03-28 Berlin moves to CEST (UTC+2): 19:00 stays 19:00, UTC goes from 18 to 17.
    assert [moment.hour for moment in instants] == [18, 18, 17, 17]
    assert all(local_of(moment, BERLIN).time() == time(19, 0) for moment in instants)


def test_to_utc_gap_moves_forward() -> None:
    moment = to_utc(datetime(2027, 3, 28, 2, 30), BERLIN)
    assert moment == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)
    assert local_of(moment, BERLIN) == datetime(2027, 3, 28, 3, 30)


def test_to_utc_fold_takes_summer_time() -> None:
    moment = to_utc(datetime(2027, 10, 31, 2, 30), BERLIN)
    assert moment == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)
    assert local_of(moment, BERLIN) == datetime(2027, 10, 31, 2, 30)


def test_to_utc_and_local_of_refuse_the_wrong_kind() -> None:
    with pytest.raises(ValueError):
        to_utc(datetime(2027, 1, 1, tzinfo=UTC), BERLIN)
    with pytest.raises(ValueError):
        local_of(datetime(2027, 1, 1), BERLIN)


def test_nth_weekday() -> None:
    assert nth_weekday(date(2026, 12, 8)) == (2, 1)  # second Tuesday
    assert nth_weekday(date(2026, 12, 1)) == (1, 1)
    assert nth_weekday(date(2026, 12, 28)) == (4, 0)  # the last Monday, but also the 4th
    assert nth_weekday(date(2026, 12, 29)) == (-1, 1)  # fifth Tuesday → last


def test_monthly_second_tuesday() -> None:
    start = datetime(2026, 12, 8, 19, 0)
    series = occurrences_after(start, "monthly", None, start - timedelta(minutes=1), limit=3)
    assert series == [start, datetime(2027, 1, 12, 19, 0), datetime(2027, 2, 9, 19, 0)]


def test_monthly_fifth_tuesday_becomes_last() -> None:
    start = datetime(2026, 12, 29, 18, 30)
    series = occurrences_after(start, "monthly", None, start, limit=4)
    assert series == [
        datetime(2027, 1, 26, 18, 30),
        datetime(2027, 2, 23, 18, 30),
        datetime(2027, 3, 30, 18, 30),
        datetime(2027, 4, 27, 18, 30),
    ]


def test_biweekly() -> None:
    start = datetime(2026, 11, 25, 19, 0)
    assert occurrences_after(start, "biweekly", None, datetime(2026, 12, 1), limit=2) == [
        datetime(2026, 12, 9, 19, 0),
        datetime(2026, 12, 23, 19, 0),
    ]
    # Strictly after: an occurrence equal to after_local is skipped.
    assert occurrences_after(start, "biweekly", None, start, limit=1) == [
        datetime(2026, 12, 9, 19, 0)
    ]


def test_none_recurrence() -> None:
    start = datetime(2026, 11, 25, 19, 0)
    assert occurrences_after(start, "none", None, start - timedelta(minutes=1), 3) == [start]
    assert occurrences_after(start, "none", None, start, 3) == []


def test_far_future_is_fast() -> None:
    start = datetime(2026, 11, 25, 19, 0)
    began = clock.perf_counter()
    weekly = occurrences_after(start, "weekly", None, datetime(2036, 6, 1), limit=3)
    monthly = occurrences_after(start, "monthly", None, datetime(2036, 6, 1), limit=3)
    assert clock.perf_counter() - began < 0.1
    assert weekly[0] > datetime(2036, 6, 1)
    assert weekly[0] - datetime(2036, 6, 1) <= timedelta(days=7)
    assert all(moment.weekday() == 2 and moment.time() == time(19, 0) for moment in weekly)
    assert monthly[0] == datetime(2036, 6, 25, 19, 0)  # the 4th Wednesday
    assert all(nth_weekday(moment.date()) == (4, 2) for moment in monthly)


def test_good_rrule() -> None:
    start = datetime(2026, 11, 25, 19, 0)  # a Wednesday: not itself in the rule
    assert check_rrule("rrule:freq=weekly;byday=tu,th;count=10", start) == (
        "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10"
    )
    assert check_rrule("COUNT=3;FREQ=DAILY;", start) == "FREQ=DAILY;COUNT=3"
    series = occurrences_after(
        start, "rrule", "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10", start - timedelta(minutes=1), 20
    )
    assert len(series) == 10
    assert {moment.weekday() for moment in series} == {1, 3}
    assert all(moment.time() == time(19, 0) for moment in series)
    assert series[0] == datetime(2026, 11, 26, 19, 0)


def test_rrule_until_in_utc_or_as_a_date() -> None:
    start = datetime(2026, 11, 25, 19, 0)
    assert check_rrule("FREQ=DAILY;UNTIL=20261128T000000Z", start) == (
        "FREQ=DAILY;UNTIL=20261128T000000Z"
    )
    after = start - timedelta(minutes=1)
    by_moment = occurrences_after(start, "rrule", "FREQ=DAILY;UNTIL=20261128T000000Z", after, 9)
    assert by_moment[-1] == datetime(2026, 11, 27, 19, 0)
    # A date alone includes that day.
    by_day = occurrences_after(start, "rrule", "FREQ=DAILY;UNTIL=20261128", after, 9)
    assert by_day[-1] == datetime(2026, 11, 28, 19, 0)


@pytest.mark.parametrize(
    ("rule", "problem"),
    [
        ("nonsense", RruleProblem.INVALID),
        ("FREQ=SOMETIMES;COUNT=3", RruleProblem.INVALID),
        ("FREQ=WEEKLY;BYDAY=XX;COUNT=3", RruleProblem.INVALID),
        ("FREQ=MONTHLY;BYDAY=9TU;COUNT=3", RruleProblem.INVALID),
        ("FREQ=DAILY;INTERVAL=0;COUNT=3", RruleProblem.INVALID),
        ("FREQ=DAILY;COUNT=3;UNTIL=20270101", RruleProblem.INVALID),
        ("FREQ=DAILY;UNTIL=tomorrow", RruleProblem.INVALID),
        ("DTSTART:20261125T190000\nRRULE:FREQ=DAILY;COUNT=2", RruleProblem.INVALID),
        ("FREQ=WEEKLY", RruleProblem.NEVER_ENDS),
        ("FREQ=HOURLY;COUNT=5", RruleProblem.TOO_OFTEN),
        ("FREQ=MINUTELY;COUNT=5", RruleProblem.TOO_OFTEN),
        ("FREQ=DAILY;BYHOUR=9,18;COUNT=5", RruleProblem.TOO_OFTEN),
        ("FREQ=WEEKLY;BYMINUTE=0,30;COUNT=5", RruleProblem.TOO_OFTEN),
        ("FREQ=DAILY;BYSECOND=0,30;COUNT=5", RruleProblem.TOO_OFTEN),
        ("FREQ=DAILY;COUNT=201", RruleProblem.TOO_LONG),
        ("FREQ=DAILY;UNTIL=20300101T000000Z", RruleProblem.TOO_LONG),
        ("FREQ=DAILY;UNTIL=20200101", RruleProblem.NO_DATES),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=5", RruleProblem.NO_DATES),
        ("FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31;COUNT=5", RruleProblem.NO_DATES),
        ("FREQ=DAILY;INTERVAL=7;BYDAY=MO;COUNT=5", RruleProblem.NO_DATES),
    ],
)
def test_rrule_problems(rule: str, problem: RruleProblem) -> None:
    began = clock.perf_counter()
    assert check_rrule(rule, datetime(2026, 11, 25, 19, 0)) is problem
    assert clock.perf_counter() - began < 0.5


def test_rrule_once_a_day_is_not_too_often() -> None:
    start = datetime(2026, 11, 25, 19, 0)
    assert check_rrule("FREQ=DAILY;BYHOUR=23;COUNT=3", start) == "FREQ=DAILY;BYHOUR=23;COUNT=3"
    # The 1st and the 2nd are exactly 24 hours apart: not less.
    monthly = "FREQ=MONTHLY;BYMONTHDAY=1,2;COUNT=5"
    assert check_rrule(monthly, start) == monthly
    # Across the spring change a daily 19:00 is 23 hours apart in UTC, 24 on the wall clock.
    spring = datetime(2027, 3, 27, 19, 0)
    assert check_rrule("FREQ=DAILY;COUNT=3", spring) == "FREQ=DAILY;COUNT=3"


@pytest.mark.parametrize(
    ("rule", "ru", "en"),
    [
        (
            "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=6",
            "по понедельникам и четвергам, 6 раз",
            "every Monday and Thursday, 6 times",
        ),
        (
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;UNTIL=20261231",
            "каждые 2 недели по средам до 31 декабря",
            "every 2 weeks on Wednesday until 31 December",
        ),
        (
            "FREQ=MONTHLY;BYDAY=1TU;COUNT=5",
            "каждый месяц, в первый вторник, 5 раз",
            "monthly on the first Tuesday, 5 times",
        ),
        (
            "FREQ=MONTHLY;BYDAY=-1FR,2SU;UNTIL=20270601T000000Z",
            "каждый месяц, в последнюю пятницу и во второе воскресенье до 1 июня 2027",
            "monthly on the last Friday and the second Sunday until 1 June 2027",
        ),
        ("FREQ=DAILY;INTERVAL=3;COUNT=21", "каждые 3 дня, 21 раз", "every 3 days, 21 times"),
        ("FREQ=DAILY;COUNT=2", "каждый день, 2 раза", "every day, 2 times"),
        (
            "FREQ=MONTHLY;BYMONTHDAY=1,15,22;COUNT=4",
            "каждый месяц, 1-го, 15-го и 22-го числа, 4 раза",
            "monthly on the 1st, 15th and 22nd, 4 times",
        ),
        (
            "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1;COUNT=4",
            "каждые 3 месяца, в последний день месяца, 4 раза",
            "every 3 months on the last day of the month, 4 times",
        ),
        (
            "FREQ=YEARLY;COUNT=3",
            "каждый год, 1 декабря, 3 раза",
            "every year on 1 December, 3 times",
        ),
        ("FREQ=WEEKLY;COUNT=3", "по вторникам, 3 раза", "every Tuesday, 3 times"),
        (
            "FREQ=WEEKLY;INTERVAL=5;BYDAY=MO,WE,FR;COUNT=25",
            "каждые 5 недель по понедельникам, средам и пятницам, 25 раз",
            "every 5 weeks on Monday, Wednesday and Friday, 25 times",
        ),
        (
            "FREQ=WEEKLY;INTERVAL=21;COUNT=1",
            "каждую 21 неделю по вторникам, 1 раз",
            "every 21 weeks on Tuesday, 1 time",
        ),
        # Beyond these words: the rhythm, and that it has a schedule of its own.
        (
            "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2;COUNT=3",
            "каждый месяц, по особому расписанию, 3 раза",
            "monthly, on a schedule of its own, 3 times",
        ),
    ],
)
def test_a_custom_rule_in_words(rule: str, ru: str, en: str) -> None:
    from bot.i18n import Translator
    from bot.services.recurrence_text import rule_words

    translator = Translator("ru", strict=True)
    start = datetime(2026, 12, 1, 19, 0)  # a Tuesday
    assert check_rrule(rule, start) == rule
    assert rule_words(translator.texts("ru"), rule, start) == ru
    assert rule_words(translator.texts("en"), rule, start) == en
