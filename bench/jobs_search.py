"""/jobs search with N open vacancies (generated, Russian and English mixes) in one
community: p50 / p95 of a search page — the count and the first page, ranked — for word
queries, prefix queries and queries with filters, over the real SQLite FTS5 index.

Goal noted: p95 < 50 ms with 100,000 vacancies. `--check` makes a missed goal exit 1.
Quick run: `--vacancies 10000 --queries 200`.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import Report, log, percentile, run_in_tempdir

GROUP = -1001000000001
SEEKER = 100

ROLES = [
    ("Python-разработчик", "python django"), ("Аналитик данных", "sql excel"),
    ("Менеджер проектов", "agile jira"), ("Бухгалтер", "1с отчётность"),
    ("Backend Developer", "go postgres"), ("Data Analyst", "sql python"),
    ("Product Manager", "roadmap discovery"), ("QA Engineer", "autotests selenium"),
    ("Дизайнер интерфейсов", "figma ux"), ("DevOps Engineer", "kubernetes terraform"),
    ("Специалист поддержки", "crm коммуникации"), ("Frontend Developer", "react typescript"),
]  # fmt: skip
WORDS = [
    "удалёнка", "команда", "рост", "обучение", "офис", "гибкий", "график", "стартап", "банк",
    "ритейл", "логистика", "remote", "team", "growth", "mentoring", "office", "flexible",
    "startup", "fintech", "retail", "logistics",
]  # fmt: skip
QUERIES = [
    "python", "разработ", "аналитик", "analyst", "developer", "sql", "менеджер проектов",
    "react", "kubernetes", "дизайн", "remote", "удаленка", "product", "бухгалт", "qa",
]  # fmt: skip


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vacancies", type=int, default=100_000, help="vacancies (100,000)")
    parser.add_argument("--queries", type=int, default=1_000, help="searches to time (1,000)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a goal is missed")
    return parser.parse_args()


async def seed(db: object, count: int, rng: random.Random) -> None:
    now = time.time()
    rows = []
    for i in range(count):
        title, tags = rng.choice(ROLES)
        low = rng.choice([None, 80_000, 150_000, 250_000, 2_000, 4_000])
        currency = None if low is None else ("USD" if low < 10_000 else "RUB")
        description = " ".join(rng.choices(WORDS, k=30))
        rows.append(
            (GROUP, 1, f"{title} {i % 97}", f"Company {i % 5000}",
             rng.choice(["remote", "hybrid", "office"]),
             "", rng.choice(["full_time", "part_time", "contract", "internship"]),
             rng.choice(["junior", "middle", "senior", "lead"]), low, None, currency,
             " ".join(f"#{t}" for t in tags.split()), description, f"https://example.org/{i}",
             0, "open", now - rng.random() * 30 * 86400, now + 30 * 86400, now)
        )  # fmt: skip
    async with db.transaction() as conn:  # type: ignore[attr-defined]
        await conn.execute(
            "INSERT INTO communities (chat_id, title, added_at) VALUES (?, 'Bench', ?)",
            (GROUP, int(now)),
        )
        await conn.execute(
            "INSERT INTO memberships (chat_id, user_id, status, joined_at)"
            " VALUES (?, ?, 'member', ?)",
            (GROUP, SEEKER, int(now)),
        )
        await conn.executemany(
            "INSERT INTO vacancies (chat_id, author_id, title, company, location, city,"
            " employment, level, salary_low, salary_high, currency, tags, description, link,"
            " can_refer, status, created_at, expires_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


async def bench(args: argparse.Namespace, tmp: Path, report: Report) -> None:
    from bot.db import Database
    from bot.repos.jobs_search import JobFilters, JobsSearch

    db = Database(str(tmp / "bot.db"))
    await db.connect()
    await db.migrate()
    rng = random.Random(11)
    started = time.monotonic()
    await seed(db, args.vacancies, rng)
    log(f"seeded {args.vacancies} vacancies in {time.monotonic() - started:.1f} s")
    search = JobsSearch(db)
    kinds: dict[str, list[float]] = {"words": [], "with filters": [], "no query, filters": []}
    found = 0
    for i in range(args.queries):
        kind = list(kinds)[i % 3]
        query = "" if kind == "no query, filters" else rng.choice(QUERIES)
        filters = JobFilters()
        if kind != "words":
            filters = JobFilters(
                remote=rng.random() < 0.5,
                level=rng.choice([None, "junior", "middle", "senior"]),
                salary_from=rng.choice([None, 100_000]),
                currency="RUB",
            )
        start = time.perf_counter()
        _, total = await search.search(SEEKER, query, filters, offset=0, limit=8)
        kinds[kind].append((time.perf_counter() - start) * 1000)
        found += total
    await db.close()

    print()
    print(f"--- /jobs search: {args.vacancies} open vacancies, {args.queries} searches")
    everything = [ms for values in kinds.values() for ms in values]
    for kind, values in kinds.items():
        print(
            f"  {kind}: p50 {percentile(values, 50):.1f} ms, p95 {percentile(values, 95):.1f} ms,"
            f" max {max(values):.1f} ms ({len(values)} searches)"
        )
    p95 = percentile(everything, 95)
    print(f"  all: p50 {percentile(everything, 50):.1f} ms, p95 {p95:.1f} ms;"
          f" {found / max(1, args.queries):.0f} matches per search on average")  # fmt: skip
    for kind, values in kinds.items():
        report.figure(
            f"{kind}: p50 {percentile(values, 50):.1f} ms, p95 {percentile(values, 95):.1f} ms"
        )
    report.goal("p95 < 50 ms", p95 < 50.0, f"{p95:.1f} ms")


def main() -> int:
    return run_in_tempdir("/jobs search (bench/jobs_search.py)", bench, parse_args())


if __name__ == "__main__":
    sys.exit(main())
