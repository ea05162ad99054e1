"""/healthz and /metrics on the bot's own HTTP server (HTTP_PORT, or the webhook's server).

/healthz answers 200 when all three hold, else 503 with one line per check saying why:
- updates: in polling mode, a getUpdates succeeded within UPDATES_WINDOW (a long poll returns at
  least every 30 s, so four missed polls in a row); before the first one, the window counts from
  the start. In webhook mode the server answering this very request is the check: a quiet group
  sends nothing for hours, so the age of the last update is shown, never judged.
- database: the file at DATABASE_URL opens afresh and reads (moved, deleted or unreadable fails),
  the bot's own connection answers within DB_TIMEOUT (a transaction holding it fails), and the
  last attempt to store an update or record a send was not refused (a full disk, a read-only
  file).
- sender: the sender runs, and the oldest due outbox message has waited no longer than
  SENDER_STUCK_AFTER — unless Telegram itself is unreachable (its last word was a network error
  or a 5xx): then a backlog is Telegram's, not ours, and polling's updates check says so.

Both are plain HTTP GETs with no personal data; put them on a loopback address or behind the
proxy's access rules (HTTP_HOST)."""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aiohttp import web

from bot.metrics import read_at_scrape

if TYPE_CHECKING:
    from bot.runtime import Runtime

UPDATES_WINDOW = 120.0
DB_TIMEOUT = 5.0
SENDER_STUCK_AFTER = 900.0


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{self.name}: {'ok' if self.ok else 'FAIL'} — {self.detail}"


class Health:
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        # Polling's window counts from here until the first getUpdates answers.
        self.started = runtime.clock.monotonic()

    async def checks(self) -> list[Check]:
        return [self.updates(), await self.database(), await self.sender()]

    def updates(self) -> Check:
        rt = self.runtime
        if rt.settings.run_mode == "webhook":
            last = rt.inbox.last_stored
            age = "none yet" if last is None else f"{rt.clock.time() - last:.0f} s ago"
            return Check("updates", True, f"webhook server up; last update {age}")
        polled = rt.telegram_watch.last_ok("getUpdates")
        since = rt.clock.monotonic() - (polled if polled is not None else self.started)
        if since <= UPDATES_WINDOW:
            what = "starting" if polled is None else f"last getUpdates {since:.0f} s ago"
            return Check("updates", True, what)
        reason = f"no getUpdates answered for {since:.0f} s"
        if rt.telegram_watch.telegram_failing:
            reason += f" (Telegram unreachable: {rt.telegram_watch.last_failure_error})"
        return Check("updates", False, reason)

    async def database(self) -> Check:
        rt = self.runtime
        path = rt.db.path
        if path != ":memory:":
            try:
                await asyncio.wait_for(asyncio.to_thread(_read_afresh, path), DB_TIMEOUT)
            except TimeoutError:
                return Check("database", False, f"{path} does not open within {DB_TIMEOUT:.0f} s")
            except (sqlite3.Error, OSError) as exc:
                return Check("database", False, f"{path} cannot be read: {exc}")
        try:
            await asyncio.wait_for(rt.db.fetchval("SELECT 1"), DB_TIMEOUT)
        except TimeoutError:
            return Check("database", False, f"no answer within {DB_TIMEOUT:.0f} s")
        except (sqlite3.Error, OSError) as exc:
            return Check("database", False, f"does not answer: {exc}")
        refused = rt.inbox.store_error
        if refused is not None:
            return Check("database", False, f"cannot store updates: {refused}")
        if rt.sender.owes_records:
            return Check("database", False, "cannot record sends")
        return Check("database", True, "answers")

    async def sender(self) -> Check:
        rt = self.runtime
        if rt.ready.is_set() and not rt.sender.running:
            return Check("sender", False, "not running")
        try:
            _, due, oldest = await asyncio.wait_for(rt.outbox.backlog(rt.clock.time()), DB_TIMEOUT)
        except (TimeoutError, sqlite3.Error, OSError):
            return Check("sender", True, "outbox unknown (see database)")
        waited = 0.0 if oldest is None else max(0.0, rt.clock.time() - oldest)
        detail = f"{due} due, the oldest waiting {waited:.0f} s" if due else "nothing due"
        if waited <= SENDER_STUCK_AFTER:
            return Check("sender", True, detail)
        if rt.telegram_watch.telegram_failing:
            return Check("sender", True, f"{detail}; Telegram unreachable")
        return Check("sender", False, f"stuck: {detail}")


def _read_afresh(path: str) -> None:
    """Open the file as a newcomer would (not through the bot's open handle, which outlives a
    moved or deleted file) and read its first page."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=DB_TIMEOUT)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


def add_routes(app: web.Application, runtime: Runtime) -> None:
    """GET /healthz and /metrics on an aiohttp application (its own, or the webhook's)."""
    health = Health(runtime)

    async def healthz(request: web.Request) -> web.Response:
        checks = await health.checks()
        ok = all(c.ok for c in checks)
        body = "\n".join(["ok" if ok else "unhealthy", *(c.line() for c in checks)]) + "\n"
        return web.Response(status=200 if ok else 503, text=body)

    async def metrics(request: web.Request) -> web.Response:
        rt = runtime
        await read_at_scrape(
            rt.metrics,
            outbox_backlog=rt.outbox.backlog,
            timers_overdue=rt.scheduler.timers.overdue,
            watch=rt.telegram_watch,
            clock=rt.clock,
        )
        return web.Response(
            body=rt.metrics.render(),
            headers={"Content-Type": "text/plain; version=0.0.4; charset=utf-8"},
        )

    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics)
