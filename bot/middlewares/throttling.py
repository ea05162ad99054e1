"""Flood control per person, in memory: it protects the bot, not from people. It counts what is
addressed to the bot — private messages, commands to it in a group, button presses — never
ordinary group chat, and never a form's answers (a person in a form is typing or tapping what the
bot asked for). Past the limit a press is answered "a second, please" (never left spinning), a
message gets one "slow down", then the rest are left a while."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update

from bot.timeutil import Clock

log = logging.getLogger(__name__)


class ThrottlingMiddleware(BaseMiddleware):
    def __init__(
        self,
        limit: int,
        window: float,
        cooldown: float | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.clock = clock or Clock()  # its monotonic time: a test's FakeClock moves it
        self.limit = limit
        self.window = window
        self.cooldown = cooldown if cooldown is not None else window
        self._hits: dict[int, deque[float]] = {}
        self._silenced_until: dict[int, float] = {}

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        assert isinstance(event, Update)
        user = data.get("event_from_user")
        if user is None or user.is_bot or not await self._counted(event, data):
            return await handler(event, data)
        now = self.clock.monotonic()
        if self._silenced_until.get(user.id, 0.0) > now:
            if event.callback_query is not None:
                await event.callback_query.answer(data["t"]("throttle-a-second"))
            return None
        hits = self._hits.setdefault(user.id, deque())
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        hits.append(now)
        if len(hits) > self.limit:
            self._silenced_until[user.id] = now + self.cooldown
            hits.clear()
            log.info("flood: person silenced", extra={"update_id": event.update_id})
            await self._tell(event, data)
            return None
        if len(self._hits) > 10_000:
            self._prune(now)
        return await handler(event, data)

    @staticmethod
    async def _counted(event: Update, data: dict[str, Any]) -> bool:
        if data.get("raw_state") is not None:
            return False  # a form's answer or a press on its buttons: never lost to this
        if event.callback_query is not None:
            return True
        message = event.message
        if message is None:
            return False
        if message.chat.type == "private":
            return True
        text = message.text or message.caption or ""
        if not text.startswith("/"):
            return False  # ordinary group chat
        addressed = text.split(maxsplit=1)[0].partition("@")[2]
        if not addressed:
            return True
        me = await data["bot"].me()  # asked once, then remembered by aiogram
        return addressed.lower() == (me.username or "").lower()

    async def _tell(self, event: Update, data: dict[str, Any]) -> None:
        t = data["t"]
        if event.callback_query is not None:
            await event.callback_query.answer(t("throttle-a-second"))
        elif event.message is not None and event.message.chat.type == "private":
            await event.message.answer(t("throttle-slow-down"))

    def _prune(self, now: float) -> None:
        for user_id in [u for u, h in self._hits.items() if not h or h[-1] <= now - self.window]:
            del self._hits[user_id]
        for user_id in [u for u, t in self._silenced_until.items() if t <= now]:
            del self._silenced_until[user_id]
