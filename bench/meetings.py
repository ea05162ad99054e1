"""A meeting announced to a group of N members (1,000 by default), every one of them pressing
"Going" within 10 s, then the reminder an hour before fanned out to all of them.

The bot runs in this process against the fake Bot API with `rate_limits = True` (Telegram's
30 msg/s overall, ~1 msg/s per chat, 429 with retry_after), on one event loop, as the tests do.
The presses are real callback queries fetched by long polling. Figures:

* edits of the announcement: how many editMessageText calls reached the group, the most in any
  60 s window (Telegram allows about 20 a minute in a group), and 429s;
* answers stored: rows in meeting_rsvps with "going" (must be N), and the last edit's count;
* the callback answers: p50/p95 from the press to answerCallbackQuery (each press is answered at
  once, never queued behind the private confirmations);
* the reminder fan-out: the time of the first timer run (the group and 200 people, one
  transaction), until all N are queued (the follow-up runs), and until the sender delivered them
  all, at its 25 msg/s.

Goals noted: ≤ 20 edits in any minute, 0 429s after the first, N answers stored, the final
announcement showing N, every reminder delivered once. `--check` makes a missed goal exit 1.
Duration: the confirmations and reminders go out at 25 msg/s, so about 2 × N / 25 s (~90 s).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import TOKEN, Report, log, percentile, run_in_tempdir

GROUP = -1001000000001
ADMIN = 10
USER_BASE = 300_000


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=1_000, help="members pressing (1,000)")
    parser.add_argument("--within", type=float, default=10.0, help="seconds of pressing (10)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a goal is missed")
    return parser.parse_args()


async def outbox_empty(runtime: Any, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pending = await runtime.db.fetchval("SELECT COUNT(*) FROM outbox WHERE status = 'pending'")
        if pending == 0 and not runtime.sender._inflight:
            return True
        await asyncio.sleep(0.5)
    return False


def most_in_a_minute(moments: list[float]) -> int:
    best, start = 0, 0
    for end, at in enumerate(moments):
        while at - moments[start] >= 60.0:
            start += 1
        best = max(best, end - start + 1)
    return best


async def bench(args: argparse.Namespace, tmp: Path, report: Report) -> None:
    from bot.app import build, run
    from bot.config import load_settings
    from bot.services.meeting_time import local_of
    from bot.services.meetings import REFRESH_EVERY
    from bot.services.sender import FAN_OUT_BATCH
    from tests.fakegram import FakeTelegram

    logging.getLogger().setLevel(logging.ERROR)
    fake = FakeTelegram(token=TOKEN)
    fake.rate_limits = True
    await fake.start()
    settings = load_settings(
        env_file=None,
        bot_token=fake.token,
        telegram_api_url=fake.base_url,
        database_url=f"sqlite:///{tmp / 'bot.db'}",
        log_level="ERROR",
        throttle_updates=100_000,
    )
    runtime = await build(settings)
    task = asyncio.create_task(run(runtime, handle_signals=False))
    fake.add_user(ADMIN, "Admin")
    fake.add_group(GROUP, "Опора")
    fake.set_member(GROUP, ADMIN, "creator", emit=False)
    fake.add_bot_to_group(GROUP, ADMIN)
    await fake.wait_for(lambda: bool(fake.calls_of("getUpdates")), timeout=10)
    await asyncio.sleep(1.0)
    members = [USER_BASE + i for i in range(args.members)]
    for uid in members:
        fake.add_user(uid, f"Участник {uid - USER_BASE}")
        fake.set_member(GROUP, uid, "member", emit=False)
        fake.open_private_chat(uid)
        await runtime.communities.set_member_status(GROUP, uid, "member")

    start_local = datetime.now(UTC) + timedelta(days=2)
    zone = settings.default_timezone
    local = local_of(start_local, zone).strftime("%Y-%m-%d %H:%M")
    meeting = await runtime.meetings.create(
        GROUP,
        ADMIN,
        {
            "title": "Встреча клуба",
            "kind": "meetup",
            "start_local": local,
            "duration_min": 90,
            "place": "Тверская 1",
        },
    )

    def announcement() -> dict[str, Any] | None:
        return next((m for m in fake.messages(GROUP) if m["text"].startswith("📅")), None)

    await fake.wait_for(lambda: announcement() is not None, timeout=30)
    post = announcement()
    assert post is not None
    log(f"announced; {args.members} members press 'Going' within {args.within:g} s")

    queries: list[tuple[str, float]] = []
    t0 = time.monotonic()
    for i, uid in enumerate(members):
        due = t0 + args.within * i / len(members)
        if due > time.monotonic():
            await asyncio.sleep(due - time.monotonic())
        query = fake.press(uid, chat_id=GROUP, button_text="✅ Иду", message_id=post["message_id"])
        queries.append((query, time.monotonic()))
    pressing = time.monotonic() - t0
    await fake.wait_for(
        lambda: all(fake.callback_answer(q) is not None for q, _ in queries), timeout=120
    )
    answer_at = {
        str(c.params["callback_query_id"]): c.at for c in fake.calls_of("answerCallbackQuery")
    }
    # The fake's call times are on time.monotonic(), the same clock as the presses.
    latencies = sorted((answer_at[q] - at) * 1000 for q, at in queries if q in answer_at)
    occurrence = (await runtime.meetings.repo.occurrences(meeting.id))[0]
    stored = await runtime.db.fetchval(
        "SELECT COUNT(*) FROM meeting_rsvps WHERE occurrence_id = ? AND status = 'going'",
        (occurrence.id,),
    )
    log("all answered; waiting for the confirmations and the last edit")
    await asyncio.sleep(REFRESH_EVERY + 1.0)  # the last debounced edit
    confirmations_done = await outbox_empty(runtime, timeout=args.members / 10 + 120)
    confirmations_s = time.monotonic() - t0
    edits = [
        c for c in fake.calls_of("editMessageText") if int(c.params.get("chat_id", 0)) == GROUP
    ]
    ok_edits = [c for c in edits if c.ok]
    final = (announcement() or {}).get("text", "")
    per_minute = most_in_a_minute([c.at for c in ok_edits])
    edit_429 = sum(1 for c in edits if c.error_code == 429)

    # The reminder an hour before, as its timer runs it: one transaction queues them all.
    sent_before = sum(1 for c in fake.calls_of("sendMessage") if c.ok)
    t1 = time.monotonic()
    async with runtime.db.transaction():
        await runtime.meetings.remind(occurrence.id, int(occurrence.starts_at), 60, False)
    queued_s = time.monotonic() - t1
    # The rest follow in timer runs of FAN_OUT_BATCH people each.
    while time.monotonic() - t1 < 60:
        queued = await runtime.db.fetchval(
            "SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE 'meet-remind:%'"
        )
        if queued >= args.members:
            break
        await asyncio.sleep(0.01)
    all_queued_s = time.monotonic() - t1
    delivered = await outbox_empty(runtime, timeout=args.members / 10 + 120)
    fan_out_s = time.monotonic() - t1
    sends = [c for c in fake.calls_of("sendMessage") if c.ok][sent_before:]
    reminders = Counter(
        int(c.params["chat_id"])
        for c in sends
        if str(c.params.get("text", "")).startswith("⏰") and int(c.params["chat_id"]) > 0
    )
    total_429 = fake.count_429

    await runtime.dispatcher.stop_polling()
    await asyncio.wait_for(task, 30)
    await fake.stop()

    n = args.members
    print()
    print(f"--- meetings: {n} members press 'Going' within {pressing:.1f} s")
    print(f"  answers stored: {stored} of {n}; the announcement: {final.splitlines()[-2][:60]}")
    print(
        f"  callback answers: p50 {percentile(latencies, 50):.0f} ms, "
        f"p95 {percentile(latencies, 95):.0f} ms, max {latencies[-1]:.0f} ms"
    )
    print(
        f"  announcement edits: {len(ok_edits)} sent ({len(edits)} tried), at most {per_minute} "
        f"in a minute, {edit_429} answered 429"
    )
    print(
        f"  private confirmations: {'all' if confirmations_done else 'NOT all'} delivered "
        f"{confirmations_s:.1f} s after the first press"
    )
    print(
        f"  reminder fan-out: the first run (the group and {FAN_OUT_BATCH} people, one "
        f"transaction) {queued_s * 1000:.0f} ms; all {n} queued after "
        f"{all_queued_s * 1000:.0f} ms; all "
        f"delivered in {fan_out_s:.1f} s ({n / max(fan_out_s, 1e-9):.1f} msg/s); "
        f"{sum(reminders.values())} reminders to {len(reminders)} people"
    )
    print(f"  429s in all: {total_429}")
    report.figure(f"edits: {len(ok_edits)}, at most {per_minute} a minute")
    report.figure(f"answers stored: {stored}")
    report.figure(f"callback answer p95: {percentile(latencies, 95):.0f} ms")
    report.figure(
        f"reminders: first run {queued_s * 1000:.0f} ms, all queued {all_queued_s * 1000:.0f} ms,"
        f" delivered in {fan_out_s:.1f} s"
    )
    report.goal("≤ 20 edits in any minute", per_minute <= 20, f"{per_minute}")
    report.goal("0 429s after the first", total_429 <= 1, f"{total_429}")
    report.goal("every answer stored", stored == n, f"{stored} of {n}")
    counts = next((line for line in final.splitlines() if "Идут:" in line), "")
    shown = counts.replace("\xa0", "").replace(" ", "")
    report.goal("the announcement shows them all", f"Идут:{n}·" in shown, counts)
    report.goal(
        "every reminder delivered once",
        delivered and len(reminders) == n and max(reminders.values(), default=0) == 1,
        f"{len(reminders)} people, {sum(reminders.values())} messages",
    )


def main() -> int:
    args = parse_args()
    return run_in_tempdir("meetings (bench/meetings.py)", bench, args)


if __name__ == "__main__":
    sys.exit(main())
