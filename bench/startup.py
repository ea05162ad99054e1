"""Start-up time: from process start to the first getUpdates request reaching the Bot API server,
for our bot (`python -m bot`, on a fresh database and again on the existing one) and for a bare
aiogram 3 bot (a Dispatcher and a Bot on TelegramAPIServer.from_base(...), start_polling).

Design: `tests.fakegram.FakeTelegram` records a call only once it has been answered, and a
getUpdates long poll is answered seconds later, so this benchmark runs a tiny Bot API stub of its
own (aiohttp, in this process, on 127.0.0.1): it answers getMe with a bot user, holds getUpdates
like a long poll, answers every other method with `true`, and notes the monotonic time at which
the first getUpdates request arrives. "Process start" is the moment just before the process is
spawned, on the same clock. Each bot runs as its own process from an empty temporary directory,
configured through the environment (BOT_TOKEN, TELEGRAM_API_URL, DATABASE_URL, LOG_LEVEL=WARNING);
the runs are interleaved (fresh, existing, bare, fresh, ...) so drift on the machine hits all
three alike. About a second after its first getUpdates each process gets SIGTERM; whether it
exited with code 0 within 10 s is printed too.

For reference it also times plain interpreter start-up, `python -c "import aiogram"` and
`import bot.app, handlers`: the whole process (start to exit, so interpreter teardown included),
the import alone (timed inside), and the process's peak RSS (VmHWM): most of any aiogram bot's
start-up is importing aiogram.

Goal noted: ours within 1 s of the bare bot (median). `--check` makes a missed goal exit 1.
Quick run: `--runs 2`.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import (
    PYTHON,
    REPO,
    TOKEN,
    Report,
    bare_script,
    clean_env,
    log,
    machine_note,
    mb,
    ours_env,
)

BOT_USER = {
    "id": int(TOKEN.split(":")[0]),
    "is_bot": True,
    "first_name": "Bench",
    "username": "bench_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each bot (5)")
    parser.add_argument("--ref-runs", type=int, default=5, help="runs of each import probe (5)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a goal is missed")
    return parser.parse_args()


# --------------------------------------------------------------------------- the stub API


class StubApi:
    """Just enough Bot API for a bot to start polling; notes when getUpdates first arrives."""

    def __init__(self) -> None:
        self.base_url = ""
        self.first_poll: float | None = None
        self.polled = asyncio.Event()
        self.release = asyncio.Event()
        self.methods: list[str] = []
        self._runner: Any = None

    def reset(self) -> None:
        self.release.set()  # answer long polls left over from the previous process
        self.release = asyncio.Event()
        self.polled = asyncio.Event()
        self.first_poll = None
        self.methods = []

    async def start(self) -> None:
        from aiohttp import web

        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self.handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.base_url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def stop(self) -> None:
        self.release.set()
        if self._runner is not None:
            await self._runner.cleanup()

    async def handle(self, request: Any) -> Any:
        from aiohttp import web

        arrived = time.monotonic()
        method = request.match_info["method"].lower()
        self.methods.append(method)
        if request.match_info["token"] != TOKEN:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        if method == "getupdates":
            if self.first_poll is None:
                self.first_poll = arrived
                self.polled.set()
            release = self.release
            await request.read()
            with suppress(TimeoutError):
                await asyncio.wait_for(release.wait(), 25)
            return web.json_response({"ok": True, "result": []})
        await request.read()
        if method == "getme":
            return web.json_response({"ok": True, "result": BOT_USER})
        return web.json_response({"ok": True, "result": True})


# --------------------------------------------------------------------------- one run


@dataclass
class Run:
    variant: str
    startup_s: float | None
    exited_in_time: bool
    returncode: int | None
    stop_s: float
    hwm_kb: int
    stderr: list[str]


def open_log(path: Path) -> IO[bytes]:
    return path.open("wb")


def read_lines(path: Path) -> list[str]:
    return path.read_text(errors="replace").splitlines() if path.exists() else []


def vm_hwm_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


async def one_run(
    stub: StubApi, variant: str, argv: list[str], env: dict[str, str], workdir: Path, n: int
) -> Run:
    stub.reset()
    err_path = workdir / f"{variant}-{n}.stderr"
    err = open_log(err_path)
    try:
        t0 = time.monotonic()
        proc = await asyncio.create_subprocess_exec(
            *argv, env=env, cwd=workdir, stdin=subprocess.DEVNULL, stdout=err, stderr=err
        )
    finally:
        err.close()
    polled = asyncio.ensure_future(stub.polled.wait())
    exited = asyncio.ensure_future(proc.wait())
    await asyncio.wait({polled, exited}, timeout=60, return_when=asyncio.FIRST_COMPLETED)
    startup = stub.first_poll - t0 if stub.first_poll is not None else None
    polled.cancel()
    hwm = 0
    if not exited.done():
        await asyncio.sleep(1.0)  # let it finish its start-up chores (command menu, ...)
        hwm = vm_hwm_kb(proc.pid)
        proc.send_signal(signal.SIGTERM)
    t1 = time.monotonic()
    in_time = True
    try:
        await asyncio.wait_for(asyncio.shield(exited), 10)
    except TimeoutError:
        in_time = False
        proc.kill()
        await exited
    stop_s = time.monotonic() - t1
    lines = [ln for ln in read_lines(err_path) if "Received SIGTERM signal" not in ln]
    return Run(variant, startup, in_time, proc.returncode, stop_s, hwm, lines)


async def bench_bots(args: argparse.Namespace, tmp: Path) -> list[Run]:
    stub = StubApi()
    await stub.start()
    runs: list[Run] = []
    try:
        bare = [PYTHON, str(bare_script(tmp))]
        bare_env = clean_env()
        bare_env.update(BOT_TOKEN=TOKEN, TELEGRAM_API_URL=stub.base_url)
        for i in range(1, args.runs + 1):
            db = tmp / f"run{i}" / "bot.db"  # a directory that does not exist yet
            for variant in ("ours-fresh", "ours-existing"):
                env = ours_env(stub.base_url, db)
                run = await one_run(stub, variant, [PYTHON, "-m", "bot"], env, tmp, i)
                runs.append(run)
                log(describe(run))
            run = await one_run(stub, "bare", bare, bare_env, tmp, i)
            runs.append(run)
            log(describe(run))
    finally:
        await stub.stop()
    return runs


def describe(run: Run) -> str:
    start = f"{run.startup_s:.3f} s" if run.startup_s is not None else "never polled"
    stop = "exited" if run.exited_in_time else "did NOT exit within 10 s (killed)"
    return (
        f"{run.variant:13s} first getUpdates after {start}; SIGTERM → {stop} in "
        f"{run.stop_s:.2f} s, exit code {run.returncode}; VmHWM {mb(run.hwm_kb):.0f} MB"
    )


# --------------------------------------------------------------------------- reference probes


_PROBE = """\
import time
_t0 = time.perf_counter()
{code}
_t1 = time.perf_counter()
with open("/proc/self/status") as f:
    hwm = [line.split()[1] for line in f if line.startswith("VmHWM:")][0]
print(_t1 - _t0, hwm)
"""


@dataclass
class Probe:
    wall_s: list[float]  # the whole process: interpreter start, the code, interpreter exit
    code_s: list[float]  # the code alone, timed inside the process
    # VmHWM: the process's own peak. (ru_maxrss would also include the image of the spawning
    # parent, which the kernel carries over across vfork + exec.)
    hwm_kb: list[int]


def probe(code: str, runs: int) -> Probe:
    """`python -c code`, `runs` times."""
    env = clean_env()
    env["PYTHONPATH"] = str(REPO)
    result = Probe([], [], [])
    for _ in range(runs):
        t0 = time.monotonic()
        out = subprocess.run(
            [PYTHON, "-c", _PROBE.format(code=code)],
            env=env,
            cwd=tempfile.gettempdir(),
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        result.wall_s.append(time.monotonic() - t0)
        result.code_s.append(float(out[0]))
        result.hwm_kb.append(int(out[1]))
    return result


def spread(values: list[float]) -> str:
    if not values:
        return "-"
    return f"min {min(values):.3f}  median {statistics.median(values):.3f}  max {max(values):.3f}"


def main() -> int:
    args = parse_args()
    report = Report("startup (bench/startup.py)")
    log(machine_note())
    refs: dict[str, Probe] = {}
    for label, code in (
        ("python -c pass", "pass"),
        ("import aiogram", "import aiogram"),
        ("import bot.app, handlers", "import bot.app, handlers"),
    ):
        refs[label] = probe(code, args.ref_runs)
        log(f"{label}: whole process {spread(refs[label].wall_s)} s")
    with tempfile.TemporaryDirectory(prefix="opora-bench-") as tmp:
        runs = asyncio.run(bench_bots(args, Path(tmp)))

    print()
    print("--- start-up, seconds from spawning the process to its first getUpdates")
    by: dict[str, list[Run]] = {}
    for run in runs:
        by.setdefault(run.variant, []).append(run)
    medians: dict[str, float] = {}
    for variant, items in by.items():
        times = [r.startup_s for r in items if r.startup_s is not None]
        clean = sum(1 for r in items if r.exited_in_time and r.returncode == 0)
        medians[variant] = statistics.median(times) if times else float("nan")
        print(f"  {variant:13s} {spread(times)}  ({len(times)}/{len(items)} polled)")
        print(
            f"  {'':13s} SIGTERM: {clean}/{len(items)} exited 0 within 10 s; stop took "
            f"{spread([r.stop_s for r in items])} s"
        )
        stderr = sorted({ln[:240] for r in items for ln in r.stderr})
        for line in stderr[:5]:
            print(f"  {'':13s} stderr | {line}")
        report.figure(f"{variant} start-up median: {medians[variant]:.3f} s")
        report.figure(f"{variant} clean SIGTERM exits: {clean}/{len(items)}")
        if clean < len(items):
            report.fail(f"{variant}: {len(items) - clean} run(s) did not exit 0 within 10 s")
        if len(times) < len(items):
            report.fail(f"{variant}: {len(items) - len(times)} run(s) never polled")
    print("--- reference: python -c CODE (seconds; peak RSS = VmHWM of that process)")
    for label, ref in refs.items():
        print(f"  {label:26s} whole process {spread(ref.wall_s)}")
        print(
            f"  {'':26s} the code alone {spread(ref.code_s)}; peak RSS median "
            f"{mb(statistics.median(ref.hwm_kb)):.1f} MB"
        )
        report.figure(
            f"{label}: process {statistics.median(ref.wall_s):.3f} s, code alone "
            f"{statistics.median(ref.code_s):.3f} s, peak RSS "
            f"{mb(statistics.median(ref.hwm_kb)):.1f} MB"
        )
    bare = medians.get("bare", float("nan"))
    for variant in ("ours-fresh", "ours-existing"):
        diff = medians.get(variant, float("nan")) - bare
        report.figure(f"median difference {variant} - bare: {diff:+.3f} s")
        report.goal(f"{variant} within 1 s of bare", diff <= 1.0, f"{diff:+.3f} s")
    return report.finish(args.check)


if __name__ == "__main__":
    sys.exit(main())
