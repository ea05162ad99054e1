"""Filters that run on the event loop.

aiogram runs a plain (non-async) filter such as `F.chat.type == "private"` in a worker thread,
one thread hop per check per message; under load those hops cost more than the handlers. These
wrappers evaluate the same magic filters inline."""

from __future__ import annotations

from typing import Any

from aiogram import F
from aiogram.filters import Filter
from aiogram.types import TelegramObject
from magic_filter import MagicFilter


class Inline(Filter):
    def __init__(self, magic: MagicFilter) -> None:
        self.magic = magic

    async def __call__(self, event: TelegramObject) -> Any:
        return self.magic.resolve(event)


PRIVATE = Inline(F.chat.type == "private")
GROUPS = Inline(F.chat.type.in_({"group", "supergroup"}))
