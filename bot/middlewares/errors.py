"""Tags an exception with the name of the handler that raised it, for the error log line."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject

HANDLER_ATTR = "opora_handler"


class HandlerNameMiddleware(BaseMiddleware):
    """An inner middleware: only there does aiogram put the chosen `handler` into data."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        try:
            return await handler(event, data)
        except Exception as exc:
            chosen = data.get("handler")
            callback = getattr(chosen, "callback", None)
            name = (
                f"{getattr(callback, '__module__', '?')}.{getattr(callback, '__qualname__', '?')}"
            )
            if not hasattr(exc, HANDLER_ATTR):
                setattr(exc, HANDLER_ATTR, name)
            raise


def handler_name(exc: BaseException) -> str:
    return str(getattr(exc, HANDLER_ATTR, "unknown"))
