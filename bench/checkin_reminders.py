"""Check-in reminders at scale: N members with a daily reminder at the same local minute.

The real bot (`bot.app.build()` + `bot.app.run()`) and the fake Bot API run in this process on
one event loop, as in the tests; the fake enforces Telegram's limits (`rate_limits = True`: 30
msg/s overall, ~1 msg/s per private chat, 429 with retry_after). The bot's clock is a FakeClock
(real time plus an offset), so "20:00 in Moscow" comes when the benchmark moves it there.

Figures:
* scheduler: how many jobs the N reminders take (one per distinct moment), the time from
  start to the jobs being rebuilt from the database, and the RSS that start-up adds;
* enqueue: from the moment the reminders fall due to all N being in the outbox;
* delivery: reminders per second through the sender with the limits on, measured over
  `--window` seconds (default 60; `--full` delivers all N and checks none is lost or doubled);
  the projected time for all N at that rate;
* a direct reply: how long a member's own /checkin waits for its answer while the fan-out runs
  (direct replies never queue behind a broadcast).

Default N is 10,000: the full delivery takes about 400 s at the sender's 25 msg/s, so the
default measures the rate over a window. Quick run: `--members 2000 --window 30`.
Goals noted: enqueue ≤ 30 s, ≥ 24 msg/s, projected ≤ 10,000/25 s + 5 % for N = 10,000,
the direct reply ≤ 1 s, scheduler memory ≤ 60 MB. `--check` makes a missed goal exit 1.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import TOKEN, Report, log, run_in_tempdir

USER_BASE = 300_000
PROBE_USER = 299_999
DUE = datetime(2026, 6, 1, 17, 0, tzinfo=UTC)  # 20:00 in Moscow, the bot's default zone
REMINDER_MARK = "Отметьтесь"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=10_000, help="members (10,000)")
    parser.add_argument("--window", type=float, default=60.0, help="seconds of delivery to time")
    parser.add_argument("--full", action="store_true", help="deliver all and check lost/doubled")
    parser.add_argument("--probes", type=int, default=5, help="direct /checkin replies to time")
    parser.add_argument("--check", action="store_true", help="exit 1 if a goal is missed")
    return parser.parse_args()


def rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def reminders(fake: Any) -> list[Any]:
    return [
        c
        for c in fake.calls_of("sendMessage")
        if c.ok and REMINDER_MARK in str(c.params.get("text", ""))
    ]


async def outbox_count(runtime: Any) -> int:
    return int(await runtime.db.fetchval("SELECT COUNT(*) FROM outbox"))


async def seed(runtime: Any, members: list[int]) -> None:
    """Members and their daily 20:00 reminders, written straight to the database (the set-up
    is not what is measured; the bot rebuilds its jobs from these rows at start-up)."""
    now = int(time.time())
    next_at = DUE.timestamp()
    async with runtime.db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO users (id, first_name, language_code, created_at, updated_at)"
            " VALUES (?, ?, 'ru', ?, ?)",
            [(uid, f"U{uid}", now, now) for uid in members],
        )
        await conn.executemany(
            "INSERT INTO checkin_schedules (user_id, kind, weekday, local_time, next_at,"
            " updated_at) VALUES (?, 'daily', 0, '20:00', ?, ?)",
            [(uid, next_at, now) for uid in members],
        )


async def bench(args: argparse.Namespace, tmp: Path, report: Report) -> None:
    from bot.app import build, run
    from bot.config import load_settings
    from bot.timeutil import FakeClock
    from tests.fakegram import FakeTelegram

    logging.getLogger().setLevel(logging.WARNING)
    fake = FakeTelegram(token=TOKEN)
    fake.rate_limits = True
    await fake.start()
    members = [USER_BASE + i for i in range(args.members)]
    for uid in [*members, PROBE_USER]:
        fake.add_user(uid, f"U{uid}")
        fake.open_private_chat(uid)
    settings = load_settings(
        env_file=None,
        bot_token=fake.token,
        telegram_api_url=fake.base_url,
        database_url=f"sqlite:///{tmp / 'bot.db'}",
        log_level="WARNING",
        throttle_updates=100_000,
    )
    clock = FakeClock(DUE.timestamp() - 120)  # two minutes before the reminders
    runtime = await build(settings, clock=clock)
    await seed(runtime, members)
    log(f"{len(members)} members with a daily reminder at 20:00 Moscow time")

    rss_before = rss_mb()
    started = time.monotonic()
    task = asyncio.create_task(run(runtime, handle_signals=False))
    await fake.wait_for(
        lambda: any(j.id.startswith("checkin:") for j in runtime.scheduler.aps.get_jobs()),
        timeout=120,
    )
    rebuild_s = time.monotonic() - started
    jobs = sum(1 for j in runtime.scheduler.aps.get_jobs() if j.id.startswith("checkin:"))
    await asyncio.sleep(1.0)
    scheduler_mb = rss_mb() - rss_before
    log(f"scheduler: {jobs} job(s) for {len(members)} reminders in {rebuild_s:.2f} s")

    clock.advance(120.5)  # 20:00:00.5 in Moscow: every reminder is due
    due_at = time.monotonic()
    while await outbox_count(runtime) < len(members):
        await asyncio.sleep(0.05)
        if time.monotonic() - due_at > 300:
            report.fail(f"only {await outbox_count(runtime)} reminders queued after 300 s")
            break
    enqueue_s = time.monotonic() - due_at
    log(f"all {len(members)} reminders queued {enqueue_s:.2f} s after they fell due")

    # Delivery, with a member's own /checkin now and then: its answer must not wait.
    waits: list[float] = []
    window = float("inf") if args.full else args.window
    t_start = time.monotonic()
    probe_every = min(window, 400.0) / (args.probes + 1)
    next_probe = t_start + probe_every
    while time.monotonic() - t_start < window and len(reminders(fake)) < len(members):
        await asyncio.sleep(0.2)
        if len(waits) < args.probes and time.monotonic() >= next_probe:
            seen = len(fake.messages(PROBE_USER)) if PROBE_USER in fake._chats else 0
            sent_at = time.monotonic()
            fake.send_message(PROBE_USER, "/checkin")
            await fake.wait_for(lambda s=seen: len(fake.messages(PROBE_USER)) > s, timeout=30)
            waits.append(time.monotonic() - sent_at)
            next_probe = time.monotonic() + probe_every
        if time.monotonic() - t_start > 2 * len(members) / 25 + 120:
            report.fail("delivery did not finish in twice the expected time")
            break
    sent = reminders(fake)
    span = (sent[-1].at - sent[0].at) if len(sent) > 1 else 0.0
    rate = (len(sent) - 1) / span if span > 0 else 0.0
    projected = len(members) / rate if rate else float("inf")

    lost = doubled = 0
    if args.full:
        await asyncio.sleep(2.0)  # a late duplicate would still be seen
        per_member = Counter(int(c.params["chat_id"]) for c in reminders(fake))
        lost = sum(1 for uid in members if per_member.get(uid, 0) == 0)
        doubled = sum(1 for uid in members if per_member.get(uid, 0) > 1)

    await runtime.dispatcher.stop_polling()
    try:
        await asyncio.wait_for(task, 30)
    except Exception as exc:
        report.fail(f"the bot did not stop cleanly: {exc!r}")
    await fake.stop()

    print()
    print(f"--- check-in reminders: {len(members)} members, daily at the same minute")
    print(
        f"  scheduler: {jobs} job(s) for {len(members)} reminders, rebuilt in {rebuild_s:.2f} s;"
        f" RSS +{scheduler_mb:.1f} MB after start-up"
    )
    print(f"  enqueue: all reminders in the outbox {enqueue_s:.2f} s after they fell due")
    print(
        f"  delivery: {len(sent)} sent in {span:.1f} s → {rate:.2f} msg/s; "
        f"all {len(members)} would take {projected:.0f} s ({fake.count_429} 429s)"
    )
    if waits:
        print(
            f"  a member's own /checkin during the fan-out ({len(waits)} times): answered in "
            f"{statistics.median(waits) * 1000:.0f} ms median, {max(waits) * 1000:.0f} ms max"
        )
    if args.full:
        print(f"  lost {lost}, doubled {doubled}")

    expected = len(members) / settings.sender_rate_per_second
    report.figure(f"scheduler: {jobs} job(s) for {len(members)} reminders, {rebuild_s:.2f} s")
    report.figure(f"scheduler memory: +{scheduler_mb:.1f} MB RSS after start-up")
    report.figure(f"enqueue: {enqueue_s:.2f} s for {len(members)} reminders")
    report.figure(f"delivery: {rate:.2f} msg/s ({len(sent)} sent in {span:.1f} s)")
    report.figure(f"projected for all: {projected:.0f} s (ideal {expected:.0f} s)")
    report.goal("enqueue ≤ 30 s", enqueue_s <= 30, f"{enqueue_s:.2f} s")
    report.goal("≥ 24 msg/s", rate >= 24.0, f"{rate:.2f} msg/s")
    report.goal("projected ≤ ideal + 5 %", projected <= expected * 1.05, f"{projected:.0f} s")
    report.goal("scheduler memory ≤ 60 MB", scheduler_mb <= 60, f"{scheduler_mb:.1f} MB")
    if waits:
        report.figure(f"direct reply during the fan-out: max {max(waits) * 1000:.0f} ms")
        report.goal("direct reply ≤ 1 s", max(waits) <= 1.0, f"{max(waits) * 1000:.0f} ms")
    if args.full:
        report.figure(f"lost {lost}, doubled {doubled}")
        if lost or doubled:
            report.fail(f"lost {lost}, doubled {doubled}")


def main() -> int:
    args = parse_args()
    if args.members < 1:
        raise SystemExit("need --members ≥ 1")
    return run_in_tempdir("check-in reminders (bench/checkin_reminders.py)", bench, args)


if __name__ == "__main__":
    sys.exit(main())
