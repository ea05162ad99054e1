"""Runs the real bot (real Dispatcher, real aiogram Bot, real HTTP) against the fake Bot API."""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.methods import Response, TelegramMethod

from bot.app import build, run
from bot.config import Settings, load_settings
from bot.db import Database
from bot.runtime import Runtime
from bot.timeutil import FakeClock
from tests.fakegram import FakeTelegram, skip_close_nap

OWNER_ID = 999

# A database with every migration applied, made once per test process: a bot on a new file
# starts from a copy of it instead of migrating afresh (tests/test_db.py covers migrating).
_template_dir = tempfile.TemporaryDirectory(prefix="opora-template-")
_template: Path | None = None


async def migrated_database(path: Path) -> None:
    """Put a fully migrated, empty database at `path` (which does not exist yet)."""
    global _template
    if _template is None:
        template = Path(_template_dir.name) / "migrated.db"
        db = Database(str(template))
        await db.connect()
        try:
            await db.migrate()
        finally:
            await db.close()  # checkpoints: the one file holds everything
        _template = template
    _copy_private(_template, path)


def _copy_private(source: Path, path: Path) -> None:
    """As the bot would make it: the folder and the file for its own user only."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    shutil.copyfile(source, path)
    path.chmod(0o600)


def command_update(update_id: int, user_id: int, text: str, name: str = "Аня") -> dict[str, Any]:
    """A raw Update with a private command, for tests that deliver updates themselves."""
    command = text.split()[0]
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 0,
            "text": text,
            "chat": {"id": user_id, "type": "private", "first_name": name},
            "from": {"id": user_id, "is_bot": False, "first_name": name, "language_code": "ru"},
            "entities": [{"type": "bot_command", "offset": 0, "length": len(command)}],
        },
    }


class BotUnderTest:
    """One bot process, in-process: start, stop, restart on the same database."""

    def __init__(
        self,
        fake: FakeTelegram,
        db_path: Path,
        *,
        prepare: Callable[[Runtime], None] | None = None,
        **overrides: Any,
    ) -> None:
        self.fake = fake
        self.db_path = db_path
        # Runs on each freshly built runtime before it starts (a test's own timer kinds).
        self.prepare = prepare
        self.overrides = overrides
        self.clock = FakeClock()
        # Telegram's flood control and the times it notes calls at run on the same monotonic
        # time as the bot's pacing.
        fake.monotonic = self.clock.monotonic
        # A test waiting for a call lets the bot's pacing time pass too.
        fake.while_waiting = self.let_time_pass
        self.runtime: Runtime | None = None
        self._task: asyncio.Task[None] | None = None
        # Bot API methods called while the calling task held a database transaction: a slow
        # Telegram would then hold every other writer (DESIGN: Telegram after commit).
        self.telegram_in_transaction: list[str] = []

    def settings(self) -> Settings:
        values: dict[str, Any] = {
            "bot_token": self.fake.token,
            "telegram_api_url": self.fake.base_url,
            "database_url": f"sqlite:///{self.db_path}",
            "owner_ids": str(OWNER_ID),
            "default_language": "ru",
            "log_level": "INFO",
            # Tests play many quick messages; the flood test sets its own limit.
            "throttle_updates": 1000,
            # One message a second per chat would make most tests wait for Telegram's pacing;
            # the sender's own tests (and the fake's rate limits) put it back.
            "sender_chat_interval_seconds": 0.0,
        }
        values.update(self.overrides)
        return load_settings(env_file=None, **values)

    @property
    def rt(self) -> Runtime:
        assert self.runtime is not None, "bot is not running"
        return self.runtime

    async def start(self) -> BotUnderTest:
        # Polling begins right after getMe; updates queued before that wait in the fake server.
        seen = len(self.fake.calls_of("getMe"))
        if not self.db_path.exists():
            await migrated_database(self.db_path)
        self.runtime = await build(self.settings(), clock=self.clock, strict_texts=True)
        self.runtime.bot.session.middleware(_TransactionWatch(self.runtime.db, self))
        skip_close_nap(self.runtime.bot.session)
        if self.prepare is not None:
            self.prepare(self.runtime)
        self._task = asyncio.create_task(run(self.runtime, handle_signals=False))
        await self.fake.wait_for(lambda: len(self.fake.calls_of("getMe")) > seen)
        # Started means the schedule is rebuilt and the sender runs, not only that Telegram
        # was asked who we are.
        runtime, task = self.runtime, self._task
        await self.fake.wait_for(lambda: runtime.ready.is_set() or task.done())
        if task.done():
            task.result()  # a bot that died at start-up fails the test with its own error
        return self

    async def stop(self) -> None:
        if self._task is None:
            return
        assert self.runtime is not None
        if not self._task.done():
            self.runtime.stop()
        await asyncio.wait_for(self._task, 15)
        self._task = None
        self.runtime = None

    async def crash(self) -> None:
        """Like kill -9 between two awaits: the work in flight (handlers, sends, jobs) is cut
        where it waits and never writes again; then the process goes away. What was committed
        stays, what was not is gone — the next start must cope."""
        rt = self.rt
        victims = [*rt.inbox._tasks, *rt.sender._inflight.values(), *rt.scheduler._running]
        for task in victims:
            task.cancel()
        await asyncio.gather(*victims, return_exceptions=True)
        await self.stop()

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    async def settle(self, timeout: float = 30.0, *, outbox: bool = True) -> None:
        """Until everything the test set going is done: every queued update fetched and
        handled, no request to Telegram open, nothing due in the outbox or the scheduler.

        Each part says when it is idle; nothing here waits for a pause in the traffic, so a slow
        machine only makes this take longer, never return early. Work hands over to the next
        part while the first still counts as busy, except APScheduler's and the sender's
        call_soon hand-offs, which one more turn of the loop shows. `outbox=False` leaves the
        outbox out, for a test that holds a chat's queue on purpose."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            if await self.idle(outbox):
                await asyncio.sleep(0)
                if await self.idle(outbox):
                    return
            elif await self.let_time_pass(outbox):
                await asyncio.sleep(0)  # the sleeper woken runs at once
                continue
            if asyncio.get_running_loop().time() > deadline:
                busy = await self.busy()
                raise AssertionError(f"the bot is still busy after {timeout} s: {busy}")
            await asyncio.sleep(0.005)

    async def let_time_pass(self, outbox: bool = True) -> bool:
        """When only a chat's turn or a flood wait holds the bot, that time passes at once
        (True: it did)."""
        return await self.waits_for_the_clock(outbox) and self.clock.jump()

    async def waits_for_the_clock(self, outbox: bool = True) -> bool:
        """Everything still going on sleeps on the clock's monotonic time (the sender's pacing,
        a reply's flood wait or back-off), or waits for a lock one of those sleepers holds: no
        moment of it can come sooner, and the bot does nothing else meanwhile."""
        rt = self.runtime
        if rt is None or self.fake.busy:
            return False
        if rt.inbox._retry_task is not None and not rt.inbox._retry_task.done():
            return False
        if rt.scheduler._submitted > len(rt.scheduler._running):
            return False  # a job on its way to start
        active = {*rt.inbox._tasks, *rt._background, *rt.scheduler._running}
        if outbox:
            active |= set(rt.sender._inflight.values())
            if rt.sender._task is not None and not await rt.sender.idle():
                active.add(rt.sender._task)
        asleep = self.clock.sleeping() & active
        return bool(asleep) and all(t in asleep or _waits_for_a_lock(t) for t in active)

    async def idle(self, outbox: bool = True) -> bool:
        return not await self.busy(outbox)

    async def busy(self, outbox: bool = True) -> list[str]:
        """What is still going on (empty: idle)."""
        parts = []
        if self.fake.busy:
            parts.append("Telegram (fake): updates not confirmed or requests open")
        rt = self.runtime
        if rt is not None:
            if rt.inbox.busy:
                parts.append(f"{rt.inbox.in_flight} updates being handled")
            if rt.background_busy:
                parts.append("background tasks")
            if not rt.scheduler.idle:
                parts.append("scheduled jobs due or running")
            if outbox and not await rt.sender.idle():
                parts.append("outbox messages due or in flight")
        return parts


def _waits_for_a_lock(task: asyncio.Task[Any]) -> bool:
    """The task waits to acquire an asyncio.Lock (aiogram's per-chat one, a cache's)."""
    if task.done():
        return False
    stack = task.get_stack()
    return bool(stack) and stack[-1].f_code is asyncio.Lock.acquire.__code__


class ErrorLog(logging.Handler):
    """Collects ERROR records so a test fails on an unexpected error even when the user saw a
    polite message."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class _TransactionWatch(BaseRequestMiddleware):
    """Notes every Bot API request made by a task that holds a database transaction."""

    def __init__(self, db: Database, bot: BotUnderTest) -> None:
        self.db = db
        self.bot = bot

    async def __call__(
        self, make_request: NextRequestMiddlewareType[Any], bot: Bot, method: TelegramMethod[Any]
    ) -> Response[Any]:
        if self.db._owns_transaction():
            self.bot.telegram_in_transaction.append(type(method).__name__)
        return await make_request(bot, method)
