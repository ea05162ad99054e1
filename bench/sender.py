"""The outbox sender under Telegram's rate limits: N messages queued to M people, delivered by the
real `Sender` at its default 25 msg/s against the fake Bot API with `rate_limits = True` (30 msg/s
overall, ~1 msg/s per private chat, 429 with retry_after like Telegram).

The messages are enqueued grouped by person (person 1 gets its 5 messages, then person 2, ...),
the hard case for a sender: the head of the queue is full of messages for the same chat, which
must be held back to 1/s per chat while other chats' messages go first.

Design: the bot and the fake run in this one process on one event loop (`bot.app.build()` +
`bot.app.run()`, as the tests do). At 25 msg/s both are nearly idle, so sharing a loop does not
limit anything, and it lets the benchmark use `runtime.sender.enqueue()` and read the outbox and
`sender.stats` directly. All messages are queued before the bot starts polling. Figures:

* achieved msg/s = sent count / time from the first to the last successful sendMessage (the
  fake's timestamps);
* 429s: the total, and "after the first" = max(0, total - 1) (the sender pauses everything after
  a 429, so a well-behaved sender gets at most one);
* lost / doubled: every person must get exactly the expected texts, each exactly once.

Duration: at 25 msg/s the default 10,000 messages take about 400 s (plus ~10-20 s to enqueue) —
longer than the other benchmarks, on purpose: it is the real limit. Progress is printed every
10 s. Quick run: `--messages 1000 --users 200` (about 40 s).

Goals noted: ≥ 24 msg/s achieved (the sender's own 25 msg/s, less a little), 0 429s after the
first, 0 lost, 0 doubled. `--check` makes a missed goal exit 1.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import TOKEN, Report, log, run_in_tempdir

USER_BASE = 200_000


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=10_000, help="messages (10,000)")
    parser.add_argument("--users", type=int, default=2_000, help="recipients (2,000)")
    parser.add_argument("--progress", type=float, default=10.0, help="seconds between reports")
    parser.add_argument("--check", action="store_true", help="exit 1 if a goal is missed")
    return parser.parse_args()


class Collect(logging.Handler):
    """Keeps the bot's WARNING+ log lines (formatted like the bot's own) for a digest."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        from bot.logs import LineFormatter, RedactFilter

        self.setFormatter(LineFormatter())
        self.addFilter(RedactFilter([TOKEN]))
        self.lines: list[str] = []
        self.kinds: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))
        self.kinds[f"{record.levelname} {record.name}: {record.getMessage()}"] += 1


def plan(messages: int, users: int) -> dict[int, list[str]]:
    """Texts per person, grouped: person i gets base (+1 for the first `rest`) messages."""
    base, rest = divmod(messages, users)
    out: dict[int, list[str]] = {}
    for i in range(users):
        uid = USER_BASE + i
        n = base + (1 if i < rest else 0)
        out[uid] = [f"bench {uid} message {k + 1} of {n}" for k in range(n)]
    return out


async def status_counts(runtime: Any) -> dict[str, int]:
    rows = await runtime.db.fetchall("SELECT status, COUNT(*) FROM outbox GROUP BY status")
    return {row[0]: row[1] for row in rows}


async def bench(args: argparse.Namespace, tmp: Path, report: Report) -> None:
    from bot.app import build, run
    from bot.config import load_settings
    from tests.fakegram import FakeTelegram

    collector = Collect()
    root = logging.getLogger()
    root.handlers[:] = [collector]
    root.setLevel(logging.WARNING)

    fake = FakeTelegram(token=TOKEN)
    fake.rate_limits = True
    await fake.start()
    texts = plan(args.messages, args.users)
    for uid in texts:
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
    runtime = await build(settings)
    log(
        f"sender rate {settings.sender_rate_per_second:g} msg/s; fake limits: "
        f"{fake.rate_global_per_second}/s overall, {fake.rate_private_interval:g} s per chat"
    )

    total = sum(len(v) for v in texts.values())
    t0 = time.monotonic()
    for uid, items in texts.items():
        for text in items:
            await runtime.sender.enqueue(uid, text)
    enqueue_s = time.monotonic() - t0
    log(
        f"queued {total} messages to {len(texts)} people in {enqueue_s:.1f} s "
        f"({total / enqueue_s:.0f}/s), grouped by person"
    )

    expected_s = total / settings.sender_rate_per_second
    timeout = expected_s * 1.6 + 120
    log(f"sending; expect about {expected_s:.0f} s (giving up after {timeout:.0f} s)")
    task = asyncio.create_task(run(runtime, handle_signals=False))
    start = time.monotonic()
    last_report, last_sent = start, 0
    finished = False
    while time.monotonic() - start < timeout:
        await asyncio.sleep(0.5)
        if task.done():
            break
        counts = await status_counts(runtime)
        if counts.get("pending", 0) == 0 and not runtime.sender._inflight:
            finished = True
            break
        now = time.monotonic()
        if now - last_report >= args.progress:
            sent = sum(1 for c in fake.calls_of("sendMessage") if c.ok)
            log(
                f"  {now - start:5.0f} s: sent {sent}/{total} "
                f"({(sent - last_sent) / (now - last_report):.1f} msg/s in the last "
                f"{now - last_report:.0f} s), 429s so far {fake.count_429}, "
                f"outbox {counts}"
            )
            last_report, last_sent = now, sent
    wall = time.monotonic() - start
    if finished:
        # A little longer, so a late duplicate would still be seen.
        await asyncio.sleep(2.0)
    counts = await status_counts(runtime)
    stats = dict(runtime.sender.stats)
    if not task.done():
        await runtime.dispatcher.stop_polling()
    try:
        await asyncio.wait_for(task, 20)
    except Exception as exc:
        report.fail(f"the bot did not stop cleanly: {exc!r}")
    await fake.stop()

    calls = fake.calls_of("sendMessage")
    ok = [c for c in calls if c.ok]
    rejected = [c for c in calls if not c.ok]
    span = (ok[-1].at - ok[0].at) if len(ok) > 1 else 0.0
    rate = len(ok) / span if span > 0 else 0.0
    got: Counter[tuple[int, str]] = Counter()
    for c in ok:
        got[(int(c.params["chat_id"]), str(c.params.get("text")))] += 1
    wanted = {(uid, text) for uid, items in texts.items() for text in items}
    lost = len(wanted - set(got))
    doubled = sum(1 for key, n in got.items() if n > 1 and key in wanted)
    extra_copies = sum(n - 1 for key, n in got.items() if n > 1)
    unexpected = sum(n for key, n in got.items() if key not in wanted)
    per_user = Counter(uid for (uid, _text), _n in got.items())
    wrong_count = sum(1 for uid, items in texts.items() if per_user.get(uid, 0) != len(items))
    t_first = ok[0].at if ok else 0.0
    first_429s = [f"{c.at - t_first:+.1f}s" for c in rejected if c.error_code == 429][:10]
    other_errors = Counter(
        f"{c.error_code} {c.description}" for c in rejected if c.error_code != 429
    )

    print()
    print(f"--- sender: {total} messages to {len(texts)} people (grouped by person)")
    print(f"  enqueue: {enqueue_s:.1f} s ({total / max(enqueue_s, 1e-9):.0f} messages/s)")
    print(
        f"  delivered {len(ok)} in {span:.1f} s from the first to the last send → "
        f"{rate:.2f} msg/s (wall time until the outbox was empty: {wall:.1f} s"
        f"{'' if finished else ', NOT finished'})"
    )
    print(
        f"  429s: {fake.count_429} in total, {max(0, fake.count_429 - 1)} after the first"
        + (f"; at {', '.join(first_429s)} after the first send" if first_429s else "")
    )
    if other_errors:
        print(f"  other rejected sends: {dict(other_errors)}")
    print(
        f"  lost {lost}, doubled {doubled} (extra copies {extra_copies}), unexpected "
        f"{unexpected}, people with a wrong count {wrong_count}"
    )
    print(f"  outbox rows by status: {counts}; sender.stats {stats}")
    print(f"  bot log: {len(collector.lines)} WARNING+ lines")
    for kind, n in collector.kinds.most_common(6):
        print(f"    {n} × {kind[:200]}")

    report.figure(f"achieved rate: {rate:.2f} msg/s ({len(ok)} sent in {span:.1f} s)")
    report.figure(f"429s: {fake.count_429} total, {max(0, fake.count_429 - 1)} after the first")
    report.figure(f"lost: {lost}")
    report.figure(f"doubled: {doubled}")
    report.figure(f"enqueue rate: {total / max(enqueue_s, 1e-9):.0f} messages/s")
    report.goal("≥ 24 msg/s", rate >= 24.0, f"{rate:.2f} msg/s")
    report.goal("0 429s after the first", fake.count_429 <= 1, f"{fake.count_429} in total")
    report.goal(
        "nothing lost or doubled",
        lost == 0 and doubled == 0 and unexpected == 0,
        f"lost {lost}, doubled {doubled}, unexpected {unexpected}",
    )
    if not finished:
        report.fail(f"outbox not empty after {wall:.0f} s: {counts}")


def main() -> int:
    args = parse_args()
    if args.messages < 1 or args.users < 1 or args.users > args.messages:
        raise SystemExit("need 1 ≤ --users ≤ --messages")
    return run_in_tempdir("sender (bench/sender.py)", bench, args)


if __name__ == "__main__":
    sys.exit(main())
