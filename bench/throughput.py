"""Throughput and latency of the bot under a steady load of /start and /help, against a bare
aiogram 3 echo bot under the same load, in the same run.

Design (three processes, so that each number is a whole process's work and nobody shares an
event loop with the thing it measures):

* the fake Telegram Bot API (`tests.fakegram.FakeTelegram`, real HTTP on 127.0.0.1) runs in a
  child process of its own, together with the load generator. The generator queues private
  messages round-robin over N users (user i sends /start, /help, /start, ... one per N/rate
  seconds) at a paced offered rate, stamping each with the fake's monotonic clock;
* the bot runs in another child process: ours is `python -m bot` configured through the
  environment (token, TELEGRAM_API_URL of the fake, a SQLite file in a temporary directory,
  THROTTLE_UPDATES=100000 so per-person flood control stays out of the way, LOG_LEVEL=WARNING);
  the bare one is a 20-line aiogram script: a Dispatcher whose only handler answers every message
  with `message.answer(text)`, polling with aiogram's defaults;
* this parent process only orchestrates: it starts a fresh fake and one bot, waits for a warm-up
  (so start-up and first-call costs are not counted), runs the measured phase, then stops both and
  does the same for the other bot.

Every user is new to the bot when the measured phase starts and sends /start first, so the
first second is a burst of N first contacts (a user row is created for each); the output shows
those first-contact latencies apart from the later ones, and the p95 of every second, because
that burst is what decides the overall p95 of our bot.

Latency of an update = from the moment the fake queued it to the moment the bot's sendMessage to
that chat was received by the fake (recorded when the fake answered it; the fake's handler is
synchronous, so that is within a fraction of a millisecond of arrival). Replies are matched to
updates per chat, in order: both bots send exactly one message per /start or /help. Throughput =
replies / (last reply - first update queued). At an offered rate both bots can sustain, the ratio
is about 1 and the interesting figures are latency and CPU per update; the burst phase that
follows (all updates queued at once) shows the capacity, i.e. where each bot saturates.

On a 2-core machine the fake (with the load generator) and the bot each get about one core; the
fake's CPU time is printed so you can see whether it, rather than the bot, was the limit.

Goals noted: throughput ratio (ours / bare) ≥ 0.5 and our p95 ≤ 50 ms at 200 updates/s.
`--check` makes a missed goal exit 1. Quick run: `--rate 100 --duration 3 --burst 300`.
"""

from __future__ import annotations

import argparse
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
    gc_traces,
    launch_bare,
    launch_ours,
    log,
    machine_note,
    mb,
    percentile,
    print_stderr,
)

USER_BASE = 100_000
WARM_BASE = 900_000
TEXTS = ["/start", "/help"]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200, help="simulated users (default 200)")
    parser.add_argument("--rate", type=float, default=200.0, help="offered updates/s (200)")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of load (10)")
    parser.add_argument(
        "--burst", type=int, default=1000, help="updates queued at once afterwards (0: skip)"
    )
    parser.add_argument("--warmup", type=int, default=20, help="warm-up updates (20)")
    parser.add_argument("--only", choices=["ours", "bare"], help="run one bot only")
    parser.add_argument(
        "--gc-trace",
        action="store_true",
        help="diagnostics: have each bot report its full garbage collections (count, pauses)",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if a goal is missed")
    return parser.parse_args()


def run_bot(kind: str, args: argparse.Namespace, root: Path) -> dict[str, Any]:
    workdir = root / kind
    workdir.mkdir()
    fake = FakeServer()
    users = [USER_BASE + i for i in range(1, args.users + 1)]
    warm = [WARM_BASE + i for i in range(1, max(1, args.warmup // 2) + 1)]
    fake.call("add_users", ids=users + warm)
    proc: BotProcess | None = None
    out: dict[str, Any] = {"kind": kind}
    try:
        log(f"{kind}: starting the bot process (fake server pid {fake.pid})")
        if kind == "ours":
            db = workdir / "bot.db"
            proc = launch_ours(
                workdir, fake.base_url, db, gc_trace=args.gc_trace, throttle_updates="100000"
            )
        else:
            proc = launch_bare(workdir, fake.base_url, gc_trace=args.gc_trace)
        fake.call("reset")
        fake.call("load", users=warm, texts=TEXTS, rate=0, count=max(1, args.warmup))
        warm_res = fake.call("wait_replies", timeout=60)
        if warm_res["replied"] < warm_res["expected"]:
            out["error"] = (
                f"warm-up: only {warm_res['replied']}/{warm_res['expected']} replies in 60 s"
            )
            return out
        out["idle_rss_kb"] = proc.memory_kb().get("VmRSS", 0)

        count = max(1, round(args.rate * args.duration))
        log(f"{kind}: offering {count} updates at {args.rate:g}/s from {len(users)} users")
        fake.call("reset")
        cpu0, wall0 = proc.cpu_seconds(), time.monotonic()
        load = fake.call("load", users=users, texts=TEXTS, rate=args.rate, count=count)
        res = fake.call("wait_replies", timeout=60)
        cpu1, wall1 = proc.cpu_seconds(), time.monotonic()
        out["steady"] = {**res, "load": load, "cpu_s": cpu1 - cpu0, "wall_s": wall1 - wall0}

        if args.burst > 0:
            log(f"{kind}: burst of {args.burst} updates queued at once")
            fake.call("reset")
            cpu0, wall0 = proc.cpu_seconds(), time.monotonic()
            load = fake.call("load", users=users, texts=TEXTS, rate=0, count=args.burst)
            res = fake.call("wait_replies", timeout=120)
            cpu1, wall1 = proc.cpu_seconds(), time.monotonic()
            out["burst"] = {**res, "load": load, "cpu_s": cpu1 - cpu0, "wall_s": wall1 - wall0}
        out["memory_kb"] = proc.memory_kb()
        out["alive"] = proc.alive()
        return out
    finally:
        if proc is not None:
            out["stop"] = describe_stop(proc)
            out["stop_ok"] = proc.result is not None and proc.result.returncode == 0
            out["peak_kb"] = proc.result.peak_kb if proc.result else 0
        fake.close()
        if proc is not None:
            out["stderr_samples"] = print_stderr(proc)
            out["gc"] = gc_traces(proc.stderr_text())


def throughput(res: dict[str, Any]) -> float:
    span = res["last_reply"] - res["first_queued"]
    return res["replied"] / span if span > 0 else 0.0


def worst_second(timeline: list[tuple[float, float, int]]) -> str:
    """The one-second window (by queue time) with the highest p95 latency."""
    if not timeline:
        return "-"
    t0 = timeline[0][0]
    buckets: dict[int, list[float]] = {}
    for queued, ms, _ in timeline:
        buckets.setdefault(int(queued - t0), []).append(ms)
    sec, values = max(buckets.items(), key=lambda kv: percentile(kv[1], 95))
    return (
        f"second {sec}-{sec + 1}: p95 {percentile(values, 95):.1f} ms, "
        f"max {max(values):.1f} ms over {len(values)} updates"
    )


def per_second_p95(timeline: list[tuple[float, float, int]]) -> str:
    if not timeline:
        return "-"
    t0 = timeline[0][0]
    buckets: dict[int, list[float]] = {}
    for queued, ms, _ in timeline:
        buckets.setdefault(int(queued - t0), []).append(ms)
    return " ".join(f"{percentile(v, 95):.0f}" for _, v in sorted(buckets.items()))


def show(out: dict[str, Any], args: argparse.Namespace) -> None:
    kind = out["kind"]
    print(f"\n--- {kind}")
    if "error" in out:
        print(f"  ERROR: {out['error']}")
        print(f"  {out.get('stop', '')}")
        return
    s = out["steady"]
    lat = s["latencies_ms"]
    load = s["load"]
    print(
        f"  offered {args.rate:g}/s for {args.duration:g} s: {load['queued']} updates "
        f"(achieved offer {load['achieved_rate']:.1f}/s)"
    )
    print(
        f"  replies {s['replied']}/{s['expected']} (extra {s['extra_replies']}), "
        f"throughput {throughput(s):.1f} updates/s"
    )
    print(
        f"  latency ms: p50 {percentile(lat, 50):.1f}  p95 {percentile(lat, 95):.1f}  "
        f"p99 {percentile(lat, 99):.1f}  max {max(lat, default=float('nan')):.1f}"
    )
    first = [ms for _, ms, nth in s["timeline"] if nth == 0]
    later = [ms for _, ms, nth in s["timeline"] if nth > 0]
    print(
        f"    a user's first /start ({len(first)}): p50 {percentile(first, 50):.1f}  "
        f"p95 {percentile(first, 95):.1f}  max {max(first, default=float('nan')):.1f}; "
        f"later updates ({len(later)}): p50 {percentile(later, 50):.1f}  "
        f"p95 {percentile(later, 95):.1f}  max {max(later, default=float('nan')):.1f}"
    )
    print(f"    slowest second of the run: {worst_second(s['timeline'])}")
    print(f"    p95 per second (ms): {per_second_p95(s['timeline'])}")
    per = s["cpu_s"] / max(s["replied"], 1) * 1000
    print(
        f"  bot CPU {s['cpu_s']:.2f} s over {s['wall_s']:.1f} s "
        f"({per:.2f} ms/update, {s['cpu_s'] / s['wall_s'] * 100:.0f}% of a core); "
        f"fake CPU {s['fake_cpu_s']:.2f} s "
        f"({s['fake_cpu_s'] / s['wall_s'] * 100:.0f}% of a core); "
        f"getUpdates calls {s['get_updates']}"
    )
    if s["failed_calls"]:
        print(f"  failed API calls: {s['failed_calls']}")
    b = out.get("burst")
    if b:
        span = b["last_reply"] - b["first_queued"]
        print(
            f"  burst: {b['load']['queued']} queued at once → {b['replied']} replied in "
            f"{span:.2f} s = {throughput(b):.1f} updates/s; bot CPU {b['cpu_s']:.2f} s "
            f"({b['cpu_s'] / max(b['replied'], 1) * 1000:.2f} ms/update), fake CPU "
            f"{b['fake_cpu_s']:.2f} s; latency of the last {max(b['latencies_ms']):.0f} ms"
        )
        if b["failed_calls"]:
            print(f"  burst failed API calls: {b['failed_calls']}")
    if args.gc_trace:
        for phase in ("steady", "burst"):
            r = out.get(phase)
            if r:
                pauses = [
                    ms for at, ms in out.get("gc", []) if r["first_queued"] <= at <= r["last_reply"]
                ]
                print(
                    f"  gc-trace {phase}: {len(pauses)} full collections, longest "
                    f"{max(pauses, default=0):.1f} ms, total {sum(pauses):.1f} ms"
                )
    mem = out.get("memory_kb", {})
    print(
        f"  RSS idle after warm-up {mb(out.get('idle_rss_kb', 0)):.1f} MB, at the end "
        f"{mb(mem.get('VmRSS', 0)):.1f} MB, peak until exit {mb(out.get('peak_kb', 0)):.1f} MB"
    )
    print(f"  {out.get('stop', '')}")


def main() -> int:
    args = parse_args()
    report = Report("throughput (bench/throughput.py)")
    log(machine_note())
    kinds = [args.only] if args.only else ["ours", "bare"]
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="opora-bench-") as tmp:
        for kind in kinds:
            results[kind] = run_bot(kind, args, Path(tmp))
    for kind in kinds:
        show(results[kind], args)

    for kind in kinds:
        out = results[kind]
        if "error" in out:
            report.fail(f"{kind}: {out['error']}")
            continue
        s = out["steady"]
        lat = s["latencies_ms"]
        report.figure(
            f"{kind} throughput at {args.rate:g}/s offered: {throughput(s):.1f} updates/s "
            f"({s['replied']}/{s['expected']} replied)"
        )
        report.figure(
            f"{kind} latency p50/p95/p99: {percentile(lat, 50):.1f} / {percentile(lat, 95):.1f}"
            f" / {percentile(lat, 99):.1f} ms"
        )
        report.figure(f"{kind} CPU per update: {s['cpu_s'] / max(s['replied'], 1) * 1000:.2f} ms")
        if "burst" in out:
            report.figure(f"{kind} burst capacity: {throughput(out['burst']):.1f} updates/s")
        if s["replied"] < s["expected"]:
            report.fail(f"{kind}: {s['expected'] - s['replied']} updates got no reply")
        if not out.get("stop_ok"):
            report.fail(f"{kind}: {out.get('stop')}")
    ours, bare = results.get("ours"), results.get("bare")
    if ours and "steady" in ours:
        p95 = percentile(ours["steady"]["latencies_ms"], 95)
        report.goal("our p95 ≤ 50 ms", p95 <= 50.0, f"{p95:.1f} ms at {args.rate:g}/s")
    if ours and bare and "steady" in ours and "steady" in bare:
        ratio = throughput(ours["steady"]) / max(throughput(bare["steady"]), 1e-9)
        report.figure(f"throughput ratio ours/bare at {args.rate:g}/s: {ratio:.2f}")
        p95o = percentile(ours["steady"]["latencies_ms"], 95)
        p95b = percentile(bare["steady"]["latencies_ms"], 95)
        report.figure(f"p95 ours vs bare: {p95o:.1f} ms vs {p95b:.1f} ms")
        report.goal("throughput ratio ≥ 0.5", ratio >= 0.5, f"{ratio:.2f}")
        if "burst" in ours and "burst" in bare:
            cap = throughput(ours["burst"]) / max(throughput(bare["burst"]), 1e-9)
            report.figure(f"burst capacity ratio ours/bare: {cap:.2f}")
    return report.finish(args.check)


if __name__ == "__main__":
    sys.exit(main())
