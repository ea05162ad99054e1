"""Scheduled work, rebuilt from the database (the source of truth) at start-up and on every change.

APScheduler 3 runs the jobs (in-memory job store: only a cache of the database). A job is a
bound method of a service with ids-only arguments. Each job source (timers here; check-in
reminders, summaries and digests in their features) turns database rows into JobSpecs; the
composition root (bot/app.py) registers the sources and what each kind of timer does. Times are in
the injected clock's terms, so tests move a FakeClock instead of sleeping; a jump of the clock
rebuilds the schedule.

Lateness is judged by our own code against each row's grace period, never by APScheduler's
misfire handling (its default 1 s grace silently drops jobs): APScheduler's misfire grace is off
and coalescing is on, so a job that was due while the loop was busy runs once, and a job missed
while the bot was down runs once at start-up if still within its grace, else is marked skipped.

A timer's work commits with its "done" mark, in one transaction; a kind whose work calls
Telegram runs outside any transaction instead (see add_timer_kind), so a slow Telegram never
holds the database."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.events import EVENT_JOB_SUBMITTED, JobSubmissionEvent
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.db import Database
from bot.metrics import Metrics
from bot.repos.outbox import OutboxRepo
from bot.repos.timers import TimersRepo
from bot.repos.updates import UpdatesRepo
from bot.timeutil import Clock

log = logging.getLogger(__name__)

TimerArgs = dict[str, Any]  # a timer's arguments, as stored (JSON: ids and small values)
# What a timer of one kind does, given its arguments and how late it runs (seconds, >= 0).
TimerHandler = Callable[[TimerArgs, float], Awaitable[None]]


@dataclass(frozen=True)
class JobSpec:
    id: str
    func: Callable[..., Awaitable[object]]
    run_at: float  # epoch seconds in the clock's terms
    kwargs: dict[str, Any] = field(default_factory=dict)


JobSource = Callable[[], Awaitable[list[JobSpec]]]


class Scheduler:
    def __init__(self, db: Database, clock: Clock, metrics: Metrics | None = None) -> None:
        self.db = db
        self.clock = clock
        self.metrics = metrics or Metrics()
        self.timers = TimersRepo(db, clock)
        self.aps = AsyncIOScheduler(
            timezone=UTC,
            job_defaults={"coalesce": True, "misfire_grace_time": None, "max_instances": 1},
        )
        self._sources: dict[str, JobSource] = {"timer": self._timer_jobs}
        self._timer_kinds: dict[str, TimerHandler] = {}
        # Kinds whose handler calls Telegram: run outside a transaction (see add_timer_kind).
        self._outside: set[str] = set()
        self._timers_running: set[int] = set()
        self._rebuilding: asyncio.Task[int] | None = None
        # Jobs handed to the executor and not finished yet: counted from the moment APScheduler
        # submits one (before its task first runs), so `idle` never misses a job about to start.
        self._submitted = 0
        self._running: set[asyncio.Task[Any]] = set()
        self.aps.add_listener(self._on_submitted, EVENT_JOB_SUBMITTED)
        clock.on_jump(self._on_jump)

    def add_source(self, name: str, source: JobSource) -> None:
        if name in self._sources:
            raise ValueError(f"job source {name!r} is registered already")
        self._sources[name] = source

    def add_timer_kind(
        self, kind: str, handler: TimerHandler, *, calls_telegram: bool = False
    ) -> None:
        """Register what a timer of this kind does (before start: pending timers run then).

        By default the handler runs in the transaction that marks the timer done: what it
        writes and queues commits with that mark, exactly once. A handler that calls Telegram
        itself (`calls_telegram`) must not hold the database meanwhile: it runs outside any
        transaction, keeps its own units of work short, and the timer stays pending until it
        returns — a restart in between runs it again, so such a handler reads its own state to
        skip what is done and repeats only Telegram calls that may be repeated (ban, restrict,
        decline)."""
        if kind in self._timer_kinds:
            raise ValueError(f"timer kind {kind!r} is registered already")
        self._timer_kinds[kind] = handler
        if calls_telegram:
            self._outside.add(kind)

    async def start(self) -> None:
        self.aps.start()
        self.aps.add_job(
            self._run_job,
            "interval",
            args=[self.housekeeping],
            hours=1,
            id="housekeeping",
            next_run_time=datetime.now(UTC) + timedelta(minutes=1),
        )
        await self.rebuild()

    async def stop(self, timeout: float) -> None:
        """No new jobs; let running ones finish (bounded) so a stop never cuts one in half."""
        if self.aps.running:
            self.aps.pause()
            await asyncio.sleep(0)  # a job submitted just now starts and is counted
            if self._running:
                await asyncio.wait(list(self._running), timeout=timeout)
        self.shutdown()

    def shutdown(self) -> None:
        if self.aps.running:
            self.aps.shutdown(wait=False)

    async def rebuild(self, source: str | None = None) -> int:
        """Replace the jobs of one source (or all) with what the database says now."""
        names = [source] if source else list(self._sources)
        count = 0
        for name in names:
            specs = await self._sources[name]()
            wanted = {f"{name}:{spec.id}" for spec in specs}
            for job in self.aps.get_jobs():
                if job.id.startswith(f"{name}:") and job.id not in wanted:
                    job.remove()
            for spec in specs:
                self._put(f"{name}:{spec.id}", spec)
            count += len(specs)
        return count

    def _put(self, job_id: str, spec: JobSpec) -> None:
        delay = self.clock.real_delay(spec.run_at - self.clock.time())
        run_date = datetime.now(UTC) + timedelta(seconds=delay or 0.0)
        self.aps.add_job(
            self._run_job,
            "date",
            run_date=run_date,
            args=[spec.func],
            kwargs=spec.kwargs,
            id=job_id,
            replace_existing=True,
            # A clock that only moves when told (tests) parks a future job until it jumps.
            **({} if delay is not None else {"next_run_time": None}),
        )

    def _on_submitted(self, event: JobSubmissionEvent) -> None:
        self._submitted += 1
        if event.scheduled_run_times:
            # Against APScheduler's real-time plan: a busy event loop, or the time the bot was
            # down for a job due meanwhile.
            late = datetime.now(UTC) - event.scheduled_run_times[0]
            self.metrics.scheduler_lag.observe(max(0.0, late.total_seconds()))

    async def _run_job(self, func: Callable[..., Awaitable[object]], **kwargs: Any) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._running.add(task)
        try:
            await func(**kwargs)
        finally:
            self._running.discard(task)
            self._submitted -= 1

    @property
    def idle(self) -> bool:
        """Nothing running, nothing due now, no rebuild under way (tests wait for this)."""
        if self._submitted or self._running:
            return False
        if self._rebuilding is not None and not self._rebuilding.done():
            return False
        now = datetime.now(UTC)
        return not any(
            job.next_run_time is not None and job.next_run_time <= now
            for job in self.aps.get_jobs()
        )

    def schedule(self, source: str, spec: JobSpec) -> None:
        """Add or move one job of a source after its row changed (cheaper than a rebuild)."""
        self._put(f"{source}:{spec.id}", spec)

    def unschedule(self, source: str, job_id: str) -> None:
        job = self.aps.get_job(f"{source}:{job_id}")
        if job is not None:
            job.remove()

    def _on_jump(self) -> None:
        if not self.aps.running:
            return  # a stopped scheduler (tests restart bots on one clock)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._rebuilding = loop.create_task(self.rebuild())

    def job_ids(self) -> list[str]:
        return sorted(job.id for job in self.aps.get_jobs())

    # --- timers: one-off work for features ---

    async def add_timer(
        self,
        kind: str,
        args: dict[str, Any],
        run_at: float,
        *,
        grace: int = 600,
        dedupe_key: str | None = None,
        user_id: int | None = None,
    ) -> int | None:
        """Schedule one-off work; `user_id` names the person it is about (for /forget)."""
        if kind not in self._timer_kinds:
            raise ValueError(f"unknown timer kind {kind!r}")
        timer_id = await self.timers.add(
            kind, args, run_at, grace=grace, dedupe_key=dedupe_key, user_id=user_id
        )
        if timer_id is not None:
            self._put(
                f"timer:{timer_id}",
                JobSpec(str(timer_id), self.run_timer, run_at, {"timer_id": timer_id}),
            )
        return timer_id

    async def cancel_timer(self, dedupe_key: str) -> None:
        await self.timers.cancel(dedupe_key)
        await self.rebuild("timer")

    async def _timer_jobs(self) -> list[JobSpec]:
        return [
            JobSpec(str(t.id), self.run_timer, t.run_at, {"timer_id": t.id})
            for t in await self.timers.pending()
        ]

    async def run_timer(self, timer_id: int) -> None:
        """The job behind every timer: runs it once, or marks it skipped when too late."""
        repo = self.timers
        timer = await repo.get(timer_id)
        if timer is None or timer.status != "pending":
            return
        now = self.clock.time()
        lateness = now - timer.run_at
        if lateness < -1.0:
            # The clock moved back or the job fired early: put it where it belongs.
            self._put(
                f"timer:{timer_id}",
                JobSpec(str(timer_id), self.run_timer, timer.run_at, {"timer_id": timer_id}),
            )
            return
        if lateness > timer.grace:
            await repo.finish(timer_id, "skipped", now)
            log.info("timer too late, skipped", extra={"timer_id": timer_id, "kind": timer.kind})
            return
        handler = self._timer_kinds.get(timer.kind)
        if handler is None:
            await repo.finish(timer_id, "failed", now)
            log.error("timer of unknown kind", extra={"timer_id": timer_id, "kind": timer.kind})
            return
        if timer.kind in self._outside:
            await self._run_outside(timer_id, timer.kind, handler, timer.args, max(0.0, lateness))
            return
        try:
            # Claim and act in one transaction: whatever the handler queues is committed together
            # with "done", so a restart can neither lose it nor run it twice.
            async with self.db.transaction():
                if await repo.finish(timer_id, "done", now):
                    await handler(timer.args, max(0.0, lateness))
        except Exception:
            log.exception("timer failed", extra={"timer_id": timer_id, "kind": timer.kind})
            self.metrics.error("timer")
            await repo.finish(timer_id, "failed", now)

    async def _run_outside(
        self, timer_id: int, kind: str, handler: TimerHandler, args: TimerArgs, lateness: float
    ) -> None:
        """A handler that calls Telegram: done first, marked done after (at least once)."""
        if timer_id in self._timers_running:
            return  # put again by a rebuild while it runs: the run under way does it
        self._timers_running.add(timer_id)
        try:
            await handler(args, lateness)
            await self.timers.finish(timer_id, "done", self.clock.time())
        except Exception:
            log.exception("timer failed", extra={"timer_id": timer_id, "kind": kind})
            self.metrics.error("timer")
            await self.timers.finish(timer_id, "failed", self.clock.time())
        finally:
            self._timers_running.discard(timer_id)

    async def housekeeping(self) -> None:
        """Trim tables that only grow: seen update ids, finished outbox rows and timers."""
        now = self.clock.time()
        await UpdatesRepo(self.db).prune(int(now - 3 * 86400))
        await OutboxRepo(self.db, self.clock).prune(now - 30 * 86400)
        await self.timers.prune(now - 30 * 86400)
