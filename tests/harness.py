"""Runs the real bot (real Dispatcher, real aiogram Bot, real HTTP) against the fake Bot API."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from bot.app import Runtime, build, run
from bot.config import Settings, load_settings
from bot.timeutil import FakeClock
from tests.fakegram import FakeTelegram

OWNER_ID = 999


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

    def __init__(self, fake: FakeTelegram, db_path: Path, **overrides: Any) -> None:
        self.fake = fake
        self.db_path = db_path
        self.overrides = overrides
        self.clock = FakeClock()
        self.runtime: Runtime | None = None
        self._task: asyncio.Task[None] | None = None

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
        self.runtime = await build(self.settings(), clock=self.clock, strict_texts=True)
        self._task = asyncio.create_task(run(self.runtime, handle_signals=False))
        await self.fake.wait_for(lambda: len(self.fake.calls_of("getMe")) > seen, timeout=10)
        return self

    async def stop(self) -> None:
        if self._task is None:
            return
        assert self.runtime is not None
        if not self._task.done():
            await self.runtime.dispatcher.stop_polling()
        await asyncio.wait_for(self._task, 15)
        self._task = None
        self.runtime = None

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    async def settle(self, timeout: float = 10.0) -> None:
        """Until every queued update was fetched and handled, and the bot went quiet."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            await self.fake.settle(timeout=timeout)
            if self.runtime is None or self.runtime.dedupe.in_flight == 0:
                await self.fake.settle(timeout=timeout)
                if self.runtime is None or self.runtime.dedupe.in_flight == 0:
                    return
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError("the bot is still handling updates")
            await asyncio.sleep(0.01)


class ErrorLog(logging.Handler):
    """Collects ERROR records so a test fails on an unexpected error even when the user saw a
    polite message."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
