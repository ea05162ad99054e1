"""Shared plumbing for the benchmarks (not a benchmark itself).

* `FakeServer` runs `tests.fakegram.FakeTelegram` in a child process of its own (spawned with
  multiprocessing) and drives it over a pipe: adding users, feeding updates at a paced rate and
  matching the bot's replies to them. The load generator lives inside that process, next to the
  fake's own clock, so "queued at" and "reply arrived at" are measured on one clock.
* `launch_ours` / `launch_bare` start a bot as a process of its own: ours is `python -m bot`
  configured through the environment (exactly what an operator runs), the bare one is a minimal
  aiogram 3 echo bot (`BARE_BOT_SOURCE`). `BotProcess` reads CPU time (all threads) and memory
  (VmRSS, VmHWM) from /proc and stops the process with SIGTERM, sampling VmHWM until it exits and
  collecting its exit code with `os.wait4`.
* Small helpers for percentiles, goals and the closing summary lines.

Top-level imports are standard library only: the bot and aiogram are imported where needed, so
importing this module does not distort what the benchmarks measure.
"""

from __future__ import annotations

import asyncio
import multiprocessing as mp
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

PYTHON = sys.executable
TOKEN = "123456789:AAFakeTokenForTestsOnly_abcdefghijk"
CLK_TCK = os.sysconf("SC_CLK_TCK")
_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

# The bare baseline: one Dispatcher, one handler answering every message with its own text,
# long polling with aiogram's defaults. Nothing else is imported.
BARE_BOT_SOURCE = """\
import asyncio
import os

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message

dp = Dispatcher()


@dp.message()
async def echo(message: Message) -> None:
    await message.answer(message.text or "?")


async def main() -> None:
    session = AiohttpSession(api=TelegramAPIServer.from_base(os.environ["TELEGRAM_API_URL"]))
    bot = Bot(os.environ["BOT_TOKEN"], session=session)
    await dp.start_polling(bot)


asyncio.run(main())
"""


# Opt-in diagnostics (--gc-trace): run the bot's code unchanged, but report every full (gen 2)
# garbage collection on stderr with its duration and its time.monotonic() (one clock for every
# process on the machine, so pauses can be matched to the fake's timestamps).
GC_TRACE_PRELUDE = """\
import gc, runpy, sys, time
_started = {}
def _gc_trace(phase, info):
    gen = info["generation"]
    if phase == "start":
        _started[gen] = time.perf_counter()
    elif gen == 2:
        ms = (time.perf_counter() - _started[gen]) * 1000
        sys.stderr.write(f"GCTRACE {time.monotonic():.4f} {ms:.2f}\\n")
gc.callbacks.append(_gc_trace)
"""


def gc_traces(text: str) -> list[tuple[float, float]]:
    """(monotonic time, milliseconds) of each traced full collection."""
    out: list[tuple[float, float]] = []
    for line in text.splitlines():
        if line.startswith("GCTRACE "):
            _, at, ms = line.split()
            out.append((float(at), float(ms)))
    return out


# --------------------------------------------------------------------------- small helpers


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100); NaN for an empty list."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100.0 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def mb(kilobytes: float) -> float:
    return kilobytes / 1024.0


@dataclass
class Goal:
    name: str
    met: bool
    detail: str


@dataclass
class Report:
    """Collects the figures; prints one summary line per figure at the end."""

    title: str
    lines: list[str] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def figure(self, text: str) -> None:
        self.lines.append(text)

    def goal(self, name: str, met: bool, detail: str) -> None:
        self.goals.append(Goal(name, met, detail))

    def fail(self, text: str) -> None:
        """A correctness problem (lost messages, a crashed bot): counts as a missed goal."""
        self.failures.append(text)

    def finish(self, check: bool) -> int:
        print()
        print(f"== summary: {self.title}")
        for line in self.lines:
            print(f"SUMMARY {line}")
        for goal in self.goals:
            verdict = "met" if goal.met else "MISSED"
            print(f"SUMMARY goal {goal.name}: {verdict} ({goal.detail})")
        for failure in self.failures:
            print(f"SUMMARY problem: {failure}")
        missed = [g for g in self.goals if not g.met]
        if check and (missed or self.failures):
            print(f"--check: {len(missed)} goal(s) missed, {len(self.failures)} problem(s)")
            return 1
        return 0


def run_in_tempdir(
    title: str,
    bench: Callable[[Any, Path, Report], Awaitable[None]],
    args: Any,
) -> int:
    """One in-process benchmark over a throw-away directory; the exit code for `--check`."""
    report = Report(title)
    log(machine_note())
    with tempfile.TemporaryDirectory(prefix="opora-bench-") as tmp:
        asyncio.run(bench(args, Path(tmp), report))
    return report.finish(args.check)


def machine_note() -> str:
    """Cores and load average: other busy processes on this machine distort every figure."""
    load1, load5, _ = os.getloadavg()
    note = f"machine: {os.cpu_count()} cores, load average {load1:.2f} (1 min) {load5:.2f} (5 min)"
    if load1 > 0.5:
        note += " — something else is busy; figures may be noisy"
    return note


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --------------------------------------------------------------------------- the fake server


class FakeHost:
    """Lives in the fake-server process; the parent calls its `cmd_*` methods over a pipe."""

    def __init__(self) -> None:
        from tests.fakegram import FakeTelegram

        self.fake = FakeTelegram(token=TOKEN)
        self.requests: dict[int, list[float]] = {}  # chat id -> when each update was queued
        self.mark = 0  # index into fake.calls where the current phase began
        self.cpu_mark = 0.0

    async def cmd_start(self, rate_limits: bool = False) -> dict[str, Any]:
        self.fake.rate_limits = rate_limits
        await self.fake.start()
        return {"base_url": self.fake.base_url, "token": self.fake.token, "pid": os.getpid()}

    async def cmd_add_users(self, ids: list[int], open_chat: bool = False) -> int:
        for uid in ids:
            self.fake.add_user(uid, f"U{uid}", language_code="ru")
            if open_chat:
                self.fake.open_private_chat(uid)
        return len(ids)

    async def cmd_add_group(self, chat_id: int, title: str, owner_id: int) -> None:
        self.fake.add_group(chat_id, title, bot_status="administrator")
        self.fake.set_member(chat_id, owner_id, "creator", emit=False)

    async def cmd_set_members(self, chat_id: int, ids: list[int]) -> None:
        for uid in ids:
            self.fake.set_member(chat_id, uid, "member", emit=False)

    async def cmd_reset(self) -> None:
        """Start a measured phase: replies are looked for from here on; queued-at times and
        the 429 count start afresh. (The fake's call history itself is kept.)"""
        self.mark = len(self.fake.calls)
        self.requests.clear()
        self.fake.count_429 = 0
        usage = resource.getrusage(resource.RUSAGE_SELF)
        self.cpu_mark = usage.ru_utime + usage.ru_stime

    async def cmd_load(self, users: list[int], texts: list[str], rate: float, count: int) -> dict:
        """Queue `count` private messages round-robin over users, paced at `rate` per second
        (0: all at once). A user's first message is texts[0] (/start); after that user u sends
        texts[(round + u) % len(texts)], so every round mixes the texts evenly."""
        n = len(users)
        t0 = time.monotonic()
        for i in range(count):
            if rate > 0:
                due = t0 + i / rate
                now = time.monotonic()
                if due > now:
                    await asyncio.sleep(due - now)
            u, k = i % n, i // n
            uid = users[u]
            text = texts[0] if k == 0 else texts[(k + u) % len(texts)]
            self.requests.setdefault(uid, []).append(time.monotonic())
            self.fake.send_message(uid, text)
            if rate <= 0 and i % 200 == 199:
                await asyncio.sleep(0)
        t1 = time.monotonic()
        return {"queued": count, "seconds": t1 - t0, "achieved_rate": count / max(t1 - t0, 1e-9)}

    def _replies(self, since: int = 0) -> dict[int, list[float]]:
        replies: dict[int, list[float]] = {}
        for call in self.fake.calls[since:]:
            if call.method != "sendMessage" or not call.ok:
                continue
            try:
                chat_id = int(call.params.get("chat_id"))  # type: ignore[arg-type]
            except (TypeError, ValueError):
                continue
            replies.setdefault(chat_id, []).append(call.at)
        return replies

    async def cmd_wait_replies(self, timeout: float) -> dict[str, Any]:
        """Wait until every queued update of this phase has a reply in its chat, then match
        replies to updates per chat, in order."""
        expected = sum(len(v) for v in self.requests.values())
        deadline = time.monotonic() + timeout
        while True:
            replies = self._replies(self.mark)
            got = sum(min(len(replies.get(c, ())), len(q)) for c, q in self.requests.items())
            if got >= expected or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.05)
        latencies: list[float] = []
        timeline: list[tuple[float, float, int]] = []  # (queued, latency ms, nth of its chat)
        last_reply = 0.0
        extra = 0
        for chat_id, queued in self.requests.items():
            answered = replies.get(chat_id, [])
            extra += max(0, len(answered) - len(queued))
            for nth, (q, a) in enumerate(zip(queued, answered, strict=False)):
                latencies.append((a - q) * 1000.0)
                timeline.append((q, (a - q) * 1000.0, nth))
                last_reply = max(last_reply, a)
        timeline.sort()
        first_queued = min((q[0] for q in self.requests.values() if q), default=0.0)
        last_queued = max((q[-1] for q in self.requests.values() if q), default=0.0)
        phase = self.fake.calls[self.mark :]
        failed = Counter(f"{c.method} {c.error_code} {c.description}" for c in phase if not c.ok)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return {
            "expected": expected,
            "replied": len(latencies),
            "extra_replies": extra,
            "latencies_ms": latencies,
            "timeline": timeline,
            "first_queued": first_queued,
            "last_queued": last_queued,
            "last_reply": last_reply,
            "get_updates": sum(1 for c in phase if c.method == "getUpdates"),
            "failed_calls": dict(failed),
            "count_429": self.fake.count_429,
            "fake_cpu_s": usage.ru_utime + usage.ru_stime - self.cpu_mark,
        }

    async def cmd_wait_sent(self, chat_ids: list[int], timeout: float) -> int:
        """Wait until every chat in chat_ids got at least one message (since the fake started);
        return how many did."""
        wanted = set(chat_ids)
        deadline = time.monotonic() + timeout
        while True:
            done = len(wanted & set(self._replies()))
            if done >= len(wanted) or time.monotonic() > deadline:
                return done
            await asyncio.sleep(0.1)

    async def cmd_calls(self) -> dict[str, int]:
        return dict(Counter(c.method for c in self.fake.calls))

    async def cmd_stop(self) -> None:
        await self.fake.stop()


def _fake_main(conn: Connection) -> None:
    asyncio.run(_fake_serve(conn))


async def _fake_serve(conn: Connection) -> None:
    loop = asyncio.get_running_loop()
    host = FakeHost()
    while True:
        name, kwargs = await loop.run_in_executor(None, conn.recv)
        if name == "exit":
            conn.send((True, None))
            return
        try:
            result = await getattr(host, f"cmd_{name}")(**kwargs)
        except Exception:
            conn.send((False, traceback.format_exc()))
        else:
            conn.send((True, result))


class FakeServer:
    """Parent-side handle of a FakeTelegram running in its own process."""

    def __init__(self, rate_limits: bool = False) -> None:
        ctx = mp.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_fake_main, args=(child,), daemon=True)
        self.process.start()
        info = self.call("start", rate_limits=rate_limits)
        self.base_url: str = info["base_url"]
        self.token: str = info["token"]
        self.pid: int = info["pid"]

    def call(self, name: str, **kwargs: Any) -> Any:
        self._conn.send((name, kwargs))
        ok, value = self._conn.recv()
        if not ok:
            raise RuntimeError(f"fake server command {name} failed:\n{value}")
        return value

    def close(self) -> None:
        try:
            self.call("stop")
            self.call("exit")
        except (OSError, EOFError, RuntimeError):
            pass
        self.process.join(5)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(5)


# --------------------------------------------------------------------------- bot processes


def clean_env() -> dict[str, str]:
    """The parent's environment without anything the bot's settings would read."""
    from bot.config import Settings

    names = {name.upper() for name in Settings.model_fields}
    return {k: v for k, v in os.environ.items() if k.upper() not in names}


@dataclass
class StopResult:
    in_time: bool
    returncode: int
    seconds: float
    # ru_maxrss from wait4. Beware: it is at least the spawning parent's RSS, because the kernel
    # carries the pre-exec (v)fork image's high-water mark over; prefer peak_kb.
    maxrss_kb: int
    peak_kb: int  # VmHWM sampled until the process exited


class BotProcess:
    def __init__(self, name: str, argv: list[str], env: dict[str, str], workdir: Path) -> None:
        self.name = name
        self.stderr_path = workdir / f"{name}.stderr"
        self.started_at = time.monotonic()
        with self.stderr_path.open("wb") as err:
            self.popen = subprocess.Popen(
                argv, env=env, cwd=workdir, stdin=subprocess.DEVNULL, stdout=err, stderr=err
            )
        self.pid = self.popen.pid
        self.result: StopResult | None = None
        self.peak_kb = 0

    def alive(self) -> bool:
        if self.result is not None:
            return False
        return Path(f"/proc/{self.pid}").exists() and _proc_state(self.pid) != "Z"

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        # fields[11], fields[12] are utime and stime (fields 14 and 15 of stat(5)).
        return (int(fields[11]) + int(fields[12])) / CLK_TCK

    def memory_kb(self) -> dict[str, int]:
        """VmRSS and VmHWM (the process's own peak since exec) in kB; {} once it is gone."""
        out: dict[str, int] = {}
        try:
            text = Path(f"/proc/{self.pid}/status").read_text()
        except OSError:
            return out
        for line in text.splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0])
        return out

    def stop(self, timeout: float = 10.0) -> StopResult:
        if self.result is not None:
            return self.result
        t0 = time.monotonic()
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        in_time = True
        while True:
            # VmHWM until the very end (shutdown included); gone once the process is a zombie.
            self.peak_kb = max(self.peak_kb, self.memory_kb().get("VmHWM", 0))
            pid, status, usage = os.wait4(self.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - t0 > timeout:
                in_time = False
                os.kill(self.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(self.pid, 0)
                break
            time.sleep(0.01)
        self.popen.returncode = os.waitstatus_to_exitcode(status)
        self.result = StopResult(
            in_time=in_time,
            returncode=os.waitstatus_to_exitcode(status),
            seconds=time.monotonic() - t0,
            maxrss_kb=usage.ru_maxrss,
            peak_kb=self.peak_kb,
        )
        return self.result

    def stderr_text(self) -> str:
        return self.stderr_path.read_text(errors="replace") if self.stderr_path.exists() else ""

    def stderr_summary(self, limit: int = 6) -> tuple[Counter[str], list[str]]:
        """Counts of log levels in stderr and the first distinct WARNING/ERROR lines."""
        levels: Counter[str] = Counter()
        samples: list[str] = []
        seen: set[str] = set()
        for line in self.stderr_text().splitlines():
            if line.startswith("GCTRACE "):
                continue
            parts = line.split(" ", 3)
            level = parts[1] if len(parts) > 1 and parts[1] in _LEVELS else "other"
            if line.startswith("Traceback"):
                level = "traceback"
            levels[level] += 1
            if level != "INFO" and level != "DEBUG":
                # One sample per logger+message (bot format: "<time> LEVEL logger: message").
                key = " ".join(parts[1:4])[:60] if level in _LEVELS else line[:60]
                if key not in seen and len(samples) < limit:
                    seen.add(key)
                    samples.append(line[:300])
        return levels, samples


def _proc_state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "?"


def ours_env(api_url: str, db_path: Path, **settings: str) -> dict[str, str]:
    env = clean_env()
    env.update(
        PYTHONPATH=str(REPO),
        BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=api_url,
        DATABASE_URL=f"sqlite:///{db_path}",
        LOG_LEVEL="WARNING",
    )
    env.update({k.upper(): v for k, v in settings.items()})
    return env


def launch_ours(
    workdir: Path,
    api_url: str,
    db_path: Path,
    name: str = "ours",
    gc_trace: bool = False,
    **settings: str,
) -> BotProcess:
    """`python -m bot`, configured through the environment, run from an empty directory (so no
    stray .env is read)."""
    argv = [PYTHON, "-m", "bot"]
    if gc_trace:
        code = GC_TRACE_PRELUDE + "runpy.run_module('bot', run_name='__main__', alter_sys=True)\n"
        argv = [PYTHON, "-c", code]
    return BotProcess(name, argv, ours_env(api_url, db_path, **settings), workdir)


def bare_script(workdir: Path) -> Path:
    path = workdir / "bare_bot.py"
    path.write_text(BARE_BOT_SOURCE)
    return path


def launch_bare(
    workdir: Path, api_url: str, name: str = "bare", gc_trace: bool = False
) -> BotProcess:
    env = clean_env()
    env.update(BOT_TOKEN=TOKEN, TELEGRAM_API_URL=api_url)
    script = str(bare_script(workdir))
    argv = [PYTHON, script]
    if gc_trace:
        argv = [
            PYTHON,
            "-c",
            GC_TRACE_PRELUDE + f"runpy.run_path({script!r}, run_name='__main__')\n",
        ]
    return BotProcess(name, argv, env, workdir)


def describe_stop(proc: BotProcess) -> str:
    r = proc.stop()
    verdict = "exited" if r.in_time else "did NOT exit (killed)"
    return f"SIGTERM → {verdict} in {r.seconds:.2f} s, exit code {r.returncode}"


def print_stderr(proc: BotProcess) -> list[str]:
    """Print a digest of the process's stderr; return its warning/error samples."""
    levels, samples = proc.stderr_summary()
    counts = ", ".join(f"{k}={v}" for k, v in sorted(levels.items())) or "empty"
    print(f"  {proc.name} stderr: {counts}")
    for line in samples:
        print(f"    | {line}")
    return samples
