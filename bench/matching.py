"""Matching helpers to a new help request, with N helper profiles in one community.

The real services over a real database file (`bot.app.build()`), against the fake Bot API for
the few calls the bot makes (getMe, getChatAdministrators). Figures:

* choose: the time to pick the helpers for a new request — the match by category, language,
  weekly availability, never the author, nobody the author declined, least recently notified
  first — p50 / p95 over half of `--requests` requests (they are then told, as in real use, so
  the "least recently notified" order keeps moving);
* post: the whole submit of a request — saved, its group post and the helpers' notices queued
  in the outbox, its follow-ups planned — p50 / p95.

Goal noted: choose p95 < 20 ms with 10,000 profiles. `--check` makes a missed goal exit 1.
Quick run: `--helpers 2000 --requests 200`.
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import TOKEN, Report, log, percentile, run_in_tempdir

GROUP = -1001000000001
HELPER_BASE = 500_000
AUTHOR_BASE = 900_000


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--helpers", type=int, default=10_000, help="helper profiles (10,000)")
    parser.add_argument("--requests", type=int, default=1_000, help="requests to time (1,000)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a goal is missed")
    return parser.parse_args()


async def seed(runtime: object, helpers: int, authors: int, rng: random.Random) -> None:
    from bot.services.requests import CATEGORIES

    db = runtime.db  # type: ignore[attr-defined]
    now = time.time()
    people = [HELPER_BASE + i for i in range(helpers)] + [AUTHOR_BASE + i for i in range(authors)]
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO communities (chat_id, title, added_at) VALUES (?, 'Bench', ?)",
            (GROUP, int(now)),
        )
        await conn.executemany(
            "INSERT INTO users (id, first_name, language_code, created_at, updated_at)"
            " VALUES (?, ?, 'ru', ?, ?)",
            [(uid, f"U{uid}", int(now), int(now)) for uid in people],
        )
        await conn.executemany(
            "INSERT INTO memberships (chat_id, user_id, status, joined_at)"
            " VALUES (?, ?, 'member', ?)",
            [(GROUP, uid, int(now)) for uid in people],
        )
        rows = []
        for i in range(helpers):
            categories = ",".join(rng.sample(CATEGORIES, rng.randint(1, 3)))
            languages = rng.choice(["", "ru", "en", "ru,en"])
            rows.append(
                (HELPER_BASE + i, categories, "skills", rng.choice([1, 2, 3, 5]), languages,
                 int(rng.random() < 0.1), now, now)
            )  # fmt: skip
        await conn.executemany(
            "INSERT INTO helper_profiles (user_id, categories, skills, per_week, languages,"
            " paused, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


async def bench(args: argparse.Namespace, tmp: Path, report: Report) -> None:
    from bot.app import build
    from bot.config import load_settings
    from bot.services.requests import CATEGORIES, URGENCIES, Draft
    from tests.fakegram import FakeTelegram

    logging.getLogger().setLevel(logging.WARNING)
    fake = FakeTelegram(token=TOKEN)
    await fake.start()
    fake.add_group(GROUP, "Bench")
    fake.add_user(1, "Owner")
    fake.set_member(GROUP, 1, "creator", emit=False)
    fake.add_bot_to_group(GROUP, 1)
    settings = load_settings(
        env_file=None,
        bot_token=fake.token,
        telegram_api_url=fake.base_url,
        database_url=f"sqlite:///{tmp / 'bot.db'}",
        log_level="WARNING",
    )
    runtime = await build(settings)
    rng = random.Random(7)
    authors = max(1, args.requests // 5)  # five requests each: the open-request limit
    t0 = time.monotonic()
    await seed(runtime, args.helpers, authors, rng)
    log(f"seeded {args.helpers} helper profiles in {time.monotonic() - t0:.1f} s")
    await runtime.bot.me()  # once, as at start-up
    service = runtime.help

    choose_ms: list[float] = []
    post_ms: list[float] = []
    told = 0
    for i in range(args.requests):
        author = AUTHOR_BASE + i % authors
        draft = Draft(
            rng.choice(CATEGORIES), f"Request {i}", "details", rng.choice(URGENCIES), "public"
        )
        if i % 2 == 0:
            request_id = await service.repo.create(
                GROUP, author, category=draft.category, title=draft.title, details="",
                urgency=draft.urgency, visibility="public", language="ru", status="open",
            )  # fmt: skip
            request = await service.repo.get(request_id)
            assert request is not None
            start = time.perf_counter()
            await service.repo.matching_helpers(
                GROUP, request.category, request.language, author,
                limit=5, week_ago=time.time() - 7 * 86400,
            )  # fmt: skip
            choose_ms.append((time.perf_counter() - start) * 1000)
            told += await service.notify_helpers(request)  # told (and recorded) as in real use
        else:
            start = time.perf_counter()
            submitted = await service.submit(author, GROUP, draft)
            post_ms.append((time.perf_counter() - start) * 1000)
            assert submitted.request is not None, submitted.outcome
            # The author's earlier requests are resolved so the open limit is not hit.
        if i % 5 == 4:
            await runtime.db.execute(
                "UPDATE help_requests SET status = 'resolved' WHERE author_id = ?", (author,)
            )
    queued = await runtime.db.fetchval("SELECT COUNT(*) FROM outbox")
    await runtime.bot.session.close()
    await runtime.db.close()
    await fake.stop()

    print()
    print(f"--- matching: {args.helpers} helper profiles, {args.requests} requests")
    print(
        f"  choose helpers: p50 {percentile(choose_ms, 50):.2f} ms, "
        f"p95 {percentile(choose_ms, 95):.2f} ms, max {max(choose_ms):.2f} ms "
        f"({len(choose_ms)} requests; {told} helpers told in all)"
    )
    print(
        f"  post a request (save, group post, helper notices queued, follow-ups planned): "
        f"p50 {percentile(post_ms, 50):.2f} ms, p95 {percentile(post_ms, 95):.2f} ms "
        f"({len(post_ms)} requests); {queued} messages queued in all"
    )
    p95 = percentile(choose_ms, 95)
    report.figure(f"choose: p50 {percentile(choose_ms, 50):.2f} ms, p95 {p95:.2f} ms")
    report.figure(
        f"post: p50 {percentile(post_ms, 50):.2f} ms, p95 {percentile(post_ms, 95):.2f} ms"
    )
    report.goal("choose p95 < 20 ms", p95 < 20.0, f"{p95:.2f} ms")


def main() -> int:
    args = parse_args()
    return run_in_tempdir("matching (bench/matching.py)", bench, args)


if __name__ == "__main__":
    sys.exit(main())
