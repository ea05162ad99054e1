from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.texts import clip, format_datetime, utf16_len
from bot.timeutil import InvalidTimezone, get_tz, normalize_timezone, utc_offset_label


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        ("UTC+3", "Etc/GMT-3"),
        ("utc-5", "Etc/GMT+5"),
        ("GMT+03:00", "Etc/GMT-3"),
        ("+05:30", "UTC+05:30"),
        ("UTC", "UTC"),
        ("Новосибирск", "Asia/Novosibirsk"),
        ("москва", "Europe/Moscow"),
        ("Berlin", "Europe/Berlin"),
        ("New York", "America/New_York"),
    ],
)
def test_time_zones_people_type(text: str, zone: str) -> None:
    assert normalize_timezone(text) == zone
    get_tz(zone)


@pytest.mark.parametrize("text", ["", "Mars/Base", "UTC+15", "+3:75", "x" * 100, "<b>"])
def test_invalid_time_zones(text: str) -> None:
    with pytest.raises(InvalidTimezone):
        normalize_timezone(text)


def test_offset_label_follows_dst() -> None:
    assert utc_offset_label("Europe/Berlin", datetime(2026, 7, 1, tzinfo=UTC)) == "UTC+2"
    assert utc_offset_label("Europe/Berlin", datetime(2026, 1, 1, tzinfo=UTC)) == "UTC+1"
    assert utc_offset_label("UTC+05:30") == "UTC+5:30"


def test_localized_dates() -> None:
    moment = datetime(2026, 12, 2, 16, 0, tzinfo=UTC)
    assert "дек" in format_datetime(moment, "ru", "Europe/Moscow")
    assert "19:00" in format_datetime(moment, "ru", "Europe/Moscow")
    assert "Dec" in format_datetime(moment, "en", "Europe/London")


@given(st.text(max_size=300), st.integers(min_value=2, max_value=100))
def test_clip_fits_telegram_measure(text: str, limit: int) -> None:
    clipped = clip(text, limit)
    assert utf16_len(clipped) <= limit
    if utf16_len(text) <= limit:
        assert clipped == text


def test_a_city_is_found_with_one_look_at_the_zone_files(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each look walks the zone files (~3 ms); one per CLDR city blocked the loop for seconds.
    from bot import timeutil

    looks: list[int] = []
    real = timeutil.available_timezones

    def counted() -> set[str]:
        looks.append(1)
        return real()

    monkeypatch.setattr(timeutil, "available_timezones", counted)
    timeutil._zone_names.cache_clear()
    timeutil._city_index.cache_clear()
    try:
        assert timeutil.normalize_timezone("Новосибирск") == "Asia/Novosibirsk"
    finally:
        timeutil._zone_names.cache_clear()
        timeutil._city_index.cache_clear()
    assert len(looks) <= 2  # the zone names and the city index, once each
