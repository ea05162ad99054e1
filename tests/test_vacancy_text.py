"""Reading vacancy text as people write it: salaries, links, location, type, level, tags."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services.cities import first_city
from bot.services.vacancy_text import Salary, parse_salary, prefill, tags_from, valid_link
from tests.vacancy_corpus import CORPUS, FIELDS, HELD_OUT, Sample


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
    assert found.city == "Berlin"


def fields_of(text: str) -> dict[str, object]:
    found = prefill(text)
    values: dict[str, object] = {name: getattr(found, name) for name in FIELDS}
    if found.salary is not None:
        values["salary"] = (found.salary.low, found.salary.high, found.salary.currency)
    return values


# How many corpus texts a field may read wrong before this fails. All are read right today;
# raise a number only with a note here on which text and why.
ALLOWED_MISSES = dict.fromkeys(FIELDS, 0)


def test_the_corpus_is_varied() -> None:
    assert len(CORPUS) >= 30
    russian = [s for s in CORPUS if len(re.findall("[а-яё]", s.text, re.I)) > 20]
    assert 12 <= len(russian) <= len(CORPUS) - 12  # both languages, well represented
    one_paragraph = [s for s in CORPUS if "\n" not in s.text]
    assert len(one_paragraph) >= 8
    for location in ("remote", "hybrid", "office", None):
        assert any(s.location == location for s in CORPUS), location


# The texts written after the reader was built, never tuned on. Known misses: #4 "our startup
# Finch" names no company the reader knows to look for; #7 "в продуктовую команду Купер" —
# a team word with an adjective before it neither ends the title nor marks the company.
HELD_OUT_MISSES = {**dict.fromkeys(FIELDS, 0), "title": 1, "company": 2}


def misses_in(samples: tuple[Sample, ...]) -> dict[str, list[str]]:
    misses: dict[str, list[str]] = {name: [] for name in FIELDS}
    for number, sample in enumerate(samples):
        found = fields_of(sample.text)
        for name in FIELDS:
            if found[name] != getattr(sample, name):
                misses[name].append(f"#{number}: {found[name]!r} ≠ {getattr(sample, name)!r}")
    return misses


@pytest.mark.parametrize(
    ("samples", "allowed"), [(CORPUS, ALLOWED_MISSES), (HELD_OUT, HELD_OUT_MISSES)]
)
def test_every_corpus_text_reads_into_its_fields(
    samples: tuple[Sample, ...], allowed: dict[str, int]
) -> None:
    misses = misses_in(samples)
    too_many = {n: m for n, m in misses.items() if len(m) > allowed[n]}
    assert not too_many, too_many


@pytest.mark.parametrize("sample", CORPUS, ids=lambda s: s.text[:30])
def test_the_description_is_the_text_around_the_title(sample: Sample) -> None:
    found = prefill(sample.text)
    assert found.title is not None and found.title != sample.text.strip()
    if found.description is not None:
        assert found.description.strip().lower() != found.title.lower()
        assert not found.description.startswith(found.title + "\n")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Ведущий специалист по закупкам\nКомпания: Магнит\nhttps://m.example/1", "senior"),
        ("Ведущий инженер\nИщем middle-инженера в команду", "middle"),
        ("Ведущий менеджер проектов, уровень junior+", "junior"),
        ("Senior Backend Engineer\nYou will mentor junior developers", "senior"),
        ("Backend Engineer\nYou will lead the design of our platform", None),
        ("Стажёр-аналитик\nОплачиваемая стажировка", "intern"),
        ("Тимлид команды мобильной разработки", "lead"),
        ("Младший бухгалтер", "junior"),
    ],
)
def test_levels_in_both_languages(text: str, level: str | None) -> None:
    assert prefill(text).level == level


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("гибрид в Санкт-Петербурге", "Санкт-Петербург"),
        ("офис в Нижнем Новгороде", "Нижний Новгород"),
        ("из Казани или удалённо", "Казань"),
        ("#москва #удалёнка", "Москва"),
        ("в Питере", "Санкт-Петербург"),
        ("Hybrid (Berlin)", "Berlin"),
        ("St. Petersburg, Russia", "Saint Petersburg"),
        ("New York, NY", "New York"),
        ("работа в порту", None),  # «порту» is a harbour here, not Porto
        ("Nice to have: Kafka", None),
    ],
)
def test_cities_in_any_case_and_either_script(text: str, city: str | None) -> None:
    assert first_city(text) == city


def test_a_city_is_read_from_its_marks() -> None:
    assert prefill("Кладовщик\nг. Лобня, склад").city == "Лобня"  # not in the list: as written
    assert prefill("Кладовщик\nГород: Подольск").city == "Подольск"
    assert prefill("Warehouse worker\nCity: Springfield, IL").city == "Springfield"
    assert prefill("Курьер\nГород: удалённо").city is None
    assert prefill("Courier\nin Springfield").city is None  # neither known nor marked


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Разработчик\n💰 250-320k", Salary(250_000, 320_000, "RUB")),
        ("Developer\nSalary: 200-250k", Salary(200_000, 250_000, "USD")),
        ("Разработчик, вилка 200-250k", Salary(200_000, 250_000, "RUB")),
        ("Доход: 80 000 + % от продаж", Salary(80_000, None, "RUB")),
        ("Команда из 5 разработчиков, 2026 год", None),
        ("График 5/2, 3 дня в офисе", None),
    ],
)
def test_salaries_without_a_currency_when_the_text_is_about_pay(
    text: str, expected: Salary | None
) -> None:
    assert prefill(text).salary == expected


@given(st.text(max_size=400))
def test_any_text_is_read_without_crashing(text: str) -> None:
    found = prefill(text)
    assert found.title is None or len(found.title) <= 120
    assert all(t.startswith("#") for t in found.tags)


def test_a_channel_s_own_hashtags_are_no_skills() -> None:
    found = prefill("#вакансия #работа #python #Django\nPython-разработчик\nhttps://a.example/1")
    assert found.tags == ("#python", "#django")
    assert found.title == "Python-разработчик"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Hiring Manager\nCompany: Acme", "Hiring Manager"),
        ("Job Coach\nhttps://a.example/1", "Job Coach"),
        ("Hiring: Technical Writer", "Technical Writer"),
        ("We're hiring a Data Analyst!", "Data Analyst"),
        ("Ищем бариста в кофейню «Зерно»", "Бариста"),
        ("Ищем iOS-разработчика", "iOS-разработчик"),
    ],
)
def test_words_that_open_a_post_or_a_title(text: str, title: str) -> None:
    assert prefill(text).title == title
