"""Peak resident memory of the running bot with 10,000 members in its database, next to a bare
aiogram 3 echo bot process under the same load, in the same run.

Design: as in bench/throughput.py, the fake Bot API (`tests.fakegram`) and its load generator run
in a child process, each bot in another (ours: `python -m bot` configured through the environment;
the bare one: a Dispatcher with one handler that answers every message). Memory is the bot
process's own: VmRSS / VmHWM from /proc/<pid>/status, sampled after the warm-up, after the load
and until the process has exited after SIGTERM (so the peak covers shutdown too). `ru_maxrss`
from `os.wait4` is printed as well but not used: the kernel carries the spawning parent's
pre-exec image over into it.

Before our bot starts, a fresh database is migrated with the bot's own migrations and filled with
sqlite3: one community, 10,000 users who are all its members, and a small fan-out (one message to
each of a few hundred members) queued in the outbox. Then both bots get the same updates: a few
hundred members send /start and /help in private chat at a steady rate. Ours also delivers the
queued fan-out meanwhile (at its 25 msg/s); the bare bot has no outbox, so it has nothing to
deliver — its number is the floor that aiogram itself costs.

Goal noted: our peak at most 60 MB above the bare bot's. `--check` makes a missed goal exit 1.
Quick run: `--members 2000 --senders 100 --updates 200 --fanout 50`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import (
    BotProcess,
    FakeServer,
    Report,
    describe_stop,
    launch_bare,
    launch_ours,
    log,
    machine_note,
    mb,
    percentile,
    print_stderr,
)

MEMBER_BASE = 10_000_000
WARM_BASE = 900_000
COMMUNITY = -1_001_000_000_001
TEXTS = ["/start", "/help"]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=10_000, help="members in the DB (10,000)")
    parser.add_argument("--senders", type=int, default=300, help="members who write (300)")
    parser.add_argument("--updates", type=int, default=600, help="updates they send (600)")
    parser.add_argument("--rate", type=float, default=100.0, help="updates per second (100)")
    parser.add_argument("--fanout", type=int, default=200, help="outbox messages queued (200)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a goal is missed")
    return parser.parse_args()


async def _migrate(path: Path) -> None:
    from bot.db import Database

    db = Database(str(path))
    await db.connect()
    try:
        await db.migrate()
    finally:
        await db.close()


def prepare_database(path: Path, members: int, fanout: list[int]) -> float:
    """Migrate, then insert the community, its members and the queued fan-out; return seconds."""
    t0 = time.monotonic()
    asyncio.run(_migrate(path))
    now = int(time.time())
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO communities (chat_id, title, chat_type, status, bot_status, added_by,"
            " added_at) VALUES (?, 'Bench community', 'supergroup', 'active', 'administrator',"
            " ?, ?)",
            (COMMUNITY, MEMBER_BASE + 1, now),
        )
        ids = [MEMBER_BASE + i for i in range(1, members + 1)]
        conn.executemany(
            "INSERT INTO users (id, first_name, language_code, created_at, updated_at)"
            " VALUES (?, ?, 'ru', ?, ?)",
            ((uid, f"U{uid}", now, now) for uid in ids),
        )
        conn.executemany(
            "INSERT INTO memberships (chat_id, user_id, status, joined_at, last_seen_at)"
            " VALUES (?, ?, 'member', ?, ?)",
            ((COMMUNITY, uid, now, now) for uid in ids),
        )
        conn.executemany(
            "INSERT INTO outbox (chat_id, method, payload, not_before, created_at)"
            " VALUES (?, 'sendMessage', ?, ?, ?)",
            (
                (uid, json.dumps({"text": f"Новость сообщества для {uid}"}), now, now)
                for uid in fanout
            ),
        )
    conn.close()
    return time.monotonic() - t0


def run_bot(kind: str, args: argparse.Namespace, root: Path) -> dict[str, Any]:
    workdir = root / kind
    workdir.mkdir()
    senders = [MEMBER_BASE + i for i in range(1, args.senders + 1)]
    fanout = [MEMBER_BASE + args.senders + i for i in range(1, args.fanout + 1)]
    warm = [WARM_BASE + i for i in range(1, 11)]
    out: dict[str, Any] = {"kind": kind}
    db = workdir / "bot.db"
    if kind == "ours":
        out["prepare_s"] = prepare_database(db, args.members, fanout)
        out["db_mb"] = db.stat().st_size / 1024 / 1024
        log(f"ours: database with {args.members} members ready ({out['db_mb']:.1f} MB)")
    fake = FakeServer()
    fake.call("add_users", ids=senders + warm)
    fake.call("add_users", ids=fanout, open_chat=True)
    fake.call("add_group", chat_id=COMMUNITY, title="Bench community", owner_id=MEMBER_BASE + 1)
    proc: BotProcess | None = None
    try:
        if kind == "ours":
            proc = launch_ours(workdir, fake.base_url, db, throttle_updates="100000")
        else:
            proc = launch_bare(workdir, fake.base_url)
        fake.call("reset")
        fake.call("load", users=warm, texts=TEXTS, rate=0, count=len(warm))
        warm_res = fake.call("wait_replies", timeout=60)
        if warm_res["replied"] < warm_res["expected"]:
            out["error"] = f"warm-up: {warm_res['replied']}/{warm_res['expected']} replies"
            return out
        out["idle_kb"] = proc.memory_kb()
        log(f"{kind}: {args.updates} updates at {args.rate:g}/s from {len(senders)} members")
        fake.call("reset")
        fake.call("load", users=senders, texts=TEXTS, rate=args.rate, count=args.updates)
        res = fake.call("wait_replies", timeout=60)
        out["replied"], out["expected"] = res["replied"], res["expected"]
        out["p95_ms"] = percentile(res["latencies_ms"], 95)
        out["failed_calls"] = res["failed_calls"]
        if kind == "ours" and fanout:
            out["fanout_done"] = fake.call(
                "wait_sent", chat_ids=fanout, timeout=len(fanout) / 25 * 2 + 30
            )
        out["end_kb"] = proc.memory_kb()
        return out
    finally:
        if proc is not None:
            out["stop"] = describe_stop(proc)
            out["stop_ok"] = proc.result is not None and proc.result.returncode == 0
            out["maxrss_kb"] = proc.result.maxrss_kb if proc.result else 0
            out["peak_kb"] = proc.result.peak_kb if proc.result else 0
        fake.close()
        if proc is not None:
            print_stderr(proc)


def show(out: dict[str, Any], args: argparse.Namespace) -> None:
    print(f"\n--- {out['kind']}")
    if "prepare_s" in out:
        print(
            f"  database: {args.members} users/members, {args.fanout} queued messages, "
            f"{out['db_mb']:.1f} MB, prepared in {out['prepare_s']:.1f} s"
        )
    if "error" in out:
        print(f"  ERROR: {out['error']}")
    idle, end = out.get("idle_kb", {}), out.get("end_kb", {})
    print(
        f"  updates: {out.get('replied', 0)}/{out.get('expected', 0)} answered, "
        f"p95 {out.get('p95_ms', float('nan')):.1f} ms"
        + (
            f"; fan-out delivered to {out['fanout_done']}/{args.fanout} members"
            if "fanout_done" in out
            else ""
        )
    )
    if out.get("failed_calls"):
        print(f"  failed API calls: {out['failed_calls']}")
    print(
        f"  RSS after warm-up {mb(idle.get('VmRSS', 0)):.1f} MB; after the load "
        f"{mb(end.get('VmRSS', 0)):.1f} MB; peak (VmHWM until exit) "
        f"{mb(out.get('peak_kb', 0)):.1f} MB; ru_maxrss {mb(out.get('maxrss_kb', 0)):.1f} MB"
    )
    print(f"  {out.get('stop', '')}")


def peak_kb(out: dict[str, Any]) -> int:
    # Not ru_maxrss: it includes the image of this (parent) process at spawn time.
    return max(out.get("peak_kb", 0), out.get("end_kb", {}).get("VmHWM", 0))


def main() -> int:
    args = parse_args()
    report = Report("memory (bench/memory.py)")
    log(machine_note())
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="opora-bench-") as tmp:
        for kind in ("ours", "bare"):
            results[kind] = run_bot(kind, args, Path(tmp))
    for kind in ("ours", "bare"):
        show(results[kind], args)
    ours, bare = results["ours"], results["bare"]
    for kind, out in results.items():
        report.figure(f"{kind} peak RSS: {mb(peak_kb(out)):.1f} MB")
        if "error" in out:
            report.fail(f"{kind}: {out['error']}")
        elif out["replied"] < out["expected"]:
            report.fail(f"{kind}: {out['expected'] - out['replied']} updates got no reply")
        if not out.get("stop_ok"):
            report.fail(f"{kind}: {out.get('stop')}")
    if ours.get("fanout_done", args.fanout) < args.fanout:
        report.fail(f"ours: fan-out reached {ours.get('fanout_done')}/{args.fanout} members")
    diff = mb(peak_kb(ours) - peak_kb(bare))
    idle_diff = mb(
        ours.get("idle_kb", {}).get("VmRSS", 0) - bare.get("idle_kb", {}).get("VmRSS", 0)
    )
    report.figure(f"after warm-up, ours - bare: {idle_diff:+.1f} MB")
    report.figure(f"peak, ours - bare: {diff:+.1f} MB")
    report.goal("≤ 60 MB above the bare bot", diff <= 60.0, f"{diff:+.1f} MB")
    return report.finish(args.check)


if __name__ == "__main__":
    sys.exit(main())
