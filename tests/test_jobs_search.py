"""/jobs ranking and pages over the real FTS5 index: vacancies with the words in the title,
company or tags come first, then those with them only in the text, newest first in each; the
pages join the two tiers without gaps or repeats; the total is counted up to a cap."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bot.repos.jobs_search as jobs_search
from bot.db import Database
from bot.repos.jobs_search import JobFilters, JobsSearch

GROUP, SEEKER, ELSEWHERE = -1001, 100, -1002


async def seeded(tmp_path: Path, vacancies: list[tuple[str, str, str]]) -> Database:
    """(title, tags, description) in order of posting; one more in a community the seeker
    is not in."""
    db = Database(str(tmp_path / "bot.db"))
    await db.connect()
    await db.migrate()
    for chat_id in (GROUP, ELSEWHERE):
        await db.execute(
            "INSERT INTO communities (chat_id, title, added_at) VALUES (?, 'G', 0)", (chat_id,)
        )
    await db.execute(
        "INSERT INTO memberships (chat_id, user_id, status, joined_at) VALUES (?, ?, 'member', 0)",
        (GROUP, SEEKER),
    )
    rows = [(GROUP, *v) for v in vacancies] + [(ELSEWHERE, "Python dev", "#python", "")]
    for n, (chat_id, title, tags, description) in enumerate(rows):
        await db.execute(
            "INSERT INTO vacancies (chat_id, author_id, title, company, location, employment,"
            " level, tags, description, link, status, created_at, expires_at, updated_at)"
            " VALUES (?, 1, ?, 'Acme', 'remote', 'full_time', 'middle', ?, ?, 'https://a.b',"
            " 'open', ?, ?, ?)",
            (chat_id, title, tags, description, n, n + 1e9, n),
        )
    return db


async def test_title_and_tags_first_then_text_newest_first_across_pages(
    tmp_path: Path,
) -> None:
    vacancies = []
    for n in range(7):
        vacancies.append((f"Аналитик {n}", "#sql", "Пишем на Python каждый день"))  # text only
        vacancies.append((f"Python-разработчик {n}", "#django", "Команда"))  # title
        vacancies.append((f"Бэкенд {n}", "#python", ""))  # tags
        vacancies.append((f"Бухгалтер {n}", "#1с", "Без программирования"))  # no match
    db = await seeded(tmp_path, vacancies)
    search = JobsSearch(db)
    newest_first = range(6, -1, -1)
    strong = [t for n in newest_first for t in (f"Бэкенд {n}", f"Python-разработчик {n}")]
    expected = strong + [f"Аналитик {n}" for n in newest_first]
    for size in (1, 3, 8, 50):
        seen: list[str] = []
        for page in range(0, 30):
            found, total = await search.search(
                SEEKER, "pyth", JobFilters(), offset=page * size, limit=size
            )
            assert total == 21
            seen += [v.title for v in found]
            if len(found) < size:
                break
        assert seen == expected, size
    # Words must all be there, as prefixes; filters still apply.
    found, total = await search.search(SEEKER, "python разраб", JobFilters(), offset=0, limit=50)
    assert total == 7 and all(v.title.startswith("Python-разработчик") for v in found)
    found, total = await search.search(
        SEEKER, "python", JobFilters(level="senior"), offset=0, limit=50
    )
    assert (found, total) == ([], 0)
    await db.close()


async def test_the_total_is_counted_up_to_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = await seeded(tmp_path, [(f"Python {n}", "", "") for n in range(12)])
    search = JobsSearch(db)
    for cap, expected in ((10, 11), (11, 12), (12, 12)):  # one past the cap means "more"
        monkeypatch.setattr(jobs_search, "COUNT_CAP", cap)
        for query in ("python", ""):
            found, total = await search.search(SEEKER, query, JobFilters(), offset=0, limit=8)
            assert total == expected
            assert [v.title for v in found][:2] == ["Python 11", "Python 10"]
    await db.close()


TECH = ["C++", "c#", "F#", ".NET", "ASP.NET", "Node.js", "Vue.js", "1С", "1C"]
_letters = st.sampled_from(list("абвгдежзийклмнопрстуфхцчшщыэюяё"))
_word = st.text(_letters, min_size=3, max_size=10).filter(lambda w: "ё" in w or "й" in w)


@settings(max_examples=25, deadline=None)
@given(word=st.one_of(_word, st.sampled_from(TECH)))
async def test_any_word_with_yo_short_i_or_a_technology_is_found_by_itself(
    tmp_path_factory: pytest.TempPathFactory, word: str
) -> None:
    from bot.services.job_alerts import prefixes, query_words

    tmp = tmp_path_factory.mktemp("fold")
    db = await seeded(tmp, [("Вакансия", "#работа", f"Нужен опыт: {word}, и ещё C и Go")])
    try:
        search = JobsSearch(db)
        vacancy = (await search.search(SEEKER, word, JobFilters(), offset=0, limit=5))[0]
        assert [v.title for v in vacancy] == ["Вакансия"], word
        spellings = {word, word.replace("ё", "е"), word.upper()}
        for spelling in spellings:
            found, _ = await search.search(SEEKER, spelling, JobFilters(), offset=0, limit=5)
            assert [v.title for v in found] == ["Вакансия"], spelling
            # A saved search with the same words is matched by the same vacancy.
            assert all(w in prefixes(found[0]) for w in query_words(spelling)), spelling
    finally:
        await db.close()
