"""A direct reply survives a short flood wait. aiogram does not retry a 429, so without this a
reply to a person's own message would be lost; it waits Telegram's retry_after (when short)
and sends again. The sender handles 429 itself (it pauses all its sending), so calls made
from its task are left to it."""

from __future__ import annotations

import asyncio
import logging
from contextvars import ContextVar
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType

log = logging.getLogger(__name__)

IN_SENDER: ContextVar[bool] = ContextVar("opora_in_sender", default=False)
MAX_WAIT = 5  # seconds; a longer flood wait is not worth holding a reply for
ATTEMPTS = 3


class RetryAfterMiddleware(BaseRequestMiddleware):
    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Any:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                if IN_SENDER.get() or error.retry_after > MAX_WAIT or attempt == ATTEMPTS:
                    raise
                log.warning(
                    "flood wait on a direct reply",
                    extra={"method": type(method).__name__, "retry_after": error.retry_after},
                )
                await asyncio.sleep(error.retry_after)
        raise AssertionError("unreachable")
