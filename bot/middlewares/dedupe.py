"""Drop an update we have already handled, and count updates in flight for a graceful stop."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update

from bot.repos.updates import UpdatesRepo

log = logging.getLogger(__name__)


class DedupeMiddleware(BaseMiddleware):
    def __init__(self, updates: UpdatesRepo) -> None:
        self.updates = updates
        self.in_flight = 0
        self._idle = asyncio.Event()
        self._idle.set()

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        assert isinstance(event, Update)
        # Telegram re-sends updates whose offset was not confirmed before a crash; claim the id
        # before handling, so a repeat is skipped (at-most-once handling of each update).
        if not await self.updates.claim(event.update_id):
            log.info("duplicate update skipped", extra={"update_id": event.update_id})
            return None
        self.in_flight += 1
        self._idle.clear()
        try:
            return await handler(event, data)
        finally:
            self.in_flight -= 1
            if self.in_flight == 0:
                self._idle.set()

    async def wait_idle(self, timeout: float) -> bool:
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
        except TimeoutError:
            return False
        return True
