"""Reading vacancy text as people write it: salaries, links, location, type, level, tags."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services.vacancy_text import Salary, parse_salary, prefill, tags_from, valid_link


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("from 150 000 ₽", Salary(150_000, None, "RUB")),
        ("от 150 000 ₽", Salary(150_000, None, "RUB")),
        ("$3k–4k", Salary(3_000, 4_000, "USD")),
        ("$3,000 - $4,500", Salary(3_000, 4_500, "USD")),
        ("150-200 тыс. руб.", Salary(150_000, 200_000, "RUB")),
        ("до 200к руб", Salary(None, 200_000, "RUB")),
        ("up to €5,000", Salary(None, 5_000, "EUR")),
        ("Зарплата: 120 000 – 180 000 ₽ на руки", Salary(120_000, 180_000, "RUB")),
        ("3500 USD", Salary(3_500, None, "USD")),
        ("1,5 млн ₸", Salary(1_500_000, None, "KZT")),
        ("€60k–75k per year", Salary(60_000, 75_000, "EUR")),
    ],
)
def test_salaries_parse(text: str, expected: Salary) -> None:
    assert parse_salary(text) == expected


@pytest.mark.parametrize("text", ["", "Москва, ул. Ленина 15", "2026", "team of 12", "много денег"])
def test_no_salary_without_money(text: str) -> None:
    assert parse_salary(text) is None


def test_salary_descriptions() -> None:
    assert Salary(150_000, 200_000, "RUB").describe("от", "до") == "150\u202f000–200\u202f000 ₽"
    assert Salary(3_000, 4_000, "USD").describe("from", "to") == "$3\u202f000–$4\u202f000"
    assert Salary(150_000, None, "RUB").describe("от", "до") == "от 150\u202f000 ₽"
    assert Salary(None, 5_000, "EUR").describe("from", "up to") == "up to €5\u202f000"


def test_links() -> None:
    assert valid_link("https://hh.ru/vacancy/123") == "https://hh.ru/vacancy/123"
    assert valid_link("t.me/jobs_channel") == "https://t.me/jobs_channel"
    assert valid_link("@hr_anna") == "https://t.me/hr_anna"
    for bad in ("javascript:alert(1)", "ftp://x.org/a", "hh.ru", "http://", "<b>x</b>"):
        assert valid_link(bad) is None


def test_tags() -> None:
    assert tags_from("Python, Django, remote") == ("#python", "#django", "#remote")
    assert tags_from("#Python #SQL, C++; машинное обучение") == (
        "#python",
        "#sql",
        "#c",
        "#машинное_обучение",
    )
    assert tags_from("<b>, 2026, ,") == ("#b",)


def test_a_russian_vacancy_prefills_what_it_can() -> None:
    text = """🔥 Python-разработчик (Middle)
Компания: ООО «Ромашка»
Удалёнка, полная занятость
ЗП: 200 000 – 250 000 ₽
Откликаться: https://hh.ru/vacancy/987654.
#python #django #удаленка"""
    found = prefill(text)
    assert found.title == "Python-разработчик (Middle)"
    assert found.company == "ООО «Ромашка»"
    assert (found.location, found.employment, found.level) == ("remote", "full_time", "middle")
    assert found.salary == Salary(200_000, 250_000, "RUB")
    assert found.link == "https://hh.ru/vacancy/987654"
    assert found.tags == ("#python", "#django", "#удаленка")


def test_an_english_vacancy_prefills_what_it_can() -> None:
    text = """Senior Data Analyst
Company: Acme Corp
Hybrid (Berlin), contract, €70k–85k
Apply: t.me/acme_hr"""
    found = prefill(text)
    assert found.title == "Senior Data Analyst"
    assert found.company == "Acme Corp"
    assert (found.location, found.employment, found.level) == ("hybrid", "contract", "senior")
    assert found.salary == Salary(70_000, 85_000, "EUR")
    assert found.link == "https://t.me/acme_hr"


@given(st.text(max_size=400))
def test_any_text_is_read_without_crashing(text: str) -> None:
    found = prefill(text)
    assert found.title is None or len(found.title) <= 120
    assert all(t.startswith("#") for t in found.tags)
