"""Drop an update we have already handled."""

from __future__ import annotations

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
        return await handler(event, data)
