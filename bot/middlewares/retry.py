"""Direct replies outlast a flood wait and a short outage.

aiogram retries nothing. A reply to a person's own message waits out Telegram's retry_after and
retries 5xx, network errors and a proxy's error page with back-off, for at most `budget` seconds
in all. Nothing is sent to a chat while a retry_after for it runs — one that another reply or the
sender met counts too (they share the sender's rate limiter). A message that still cannot go is
handed to the outbox instead of being dropped, and the handler stops there (`ReplyQueued`).

Calls made by the sender's own task are left to it: it paces and retries by itself."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType

from bot.timeutil import Clock

log = logging.getLogger(__name__)

IN_SENDER: ContextVar[bool] = ContextVar("opora_in_sender", default=False)
REPLY_BUDGET = 30.0  # seconds a reply may take in all before it goes to the outbox
_BACKOFF_FIRST, _BACKOFF_CAP = 0.5, 8.0
# A timed-out send may have arrived: it is tried again only after this long (here and in the
# outbox).
AFTER_TIMEOUT = 60.0

# Hands a call that could not go to the outbox (delay in seconds); False: it cannot be queued.
Fallback = Callable[[TelegramMethod[Any], float], Awaitable[bool]]


class ReplyQueued(Exception):
    """The reply could not go now and waits in the outbox; the handler stops here."""


class ChatHolds:
    """Until when each chat must not get a message (Telegram's retry_after for that chat)."""

    def __init__(self) -> None:
        self._until: dict[int | str, float] = {}

    def hold(self, chat_id: int | str, seconds: float, now: float) -> None:
        self._until[chat_id] = max(self._until.get(chat_id, 0.0), now + seconds)
        if len(self._until) > 10_000:  # bounded: drop the holds that ended
            for chat in [c for c, t in self._until.items() if t <= now]:
                del self._until[chat]

    def held_for(self, chat_id: int | str, now: float) -> float:
        return max(0.0, self._until.get(chat_id, 0.0) - now)

    def held_chats(self, now: float) -> list[int | str]:
        return [chat for chat, until in self._until.items() if until > now]


class DirectReplyMiddleware(BaseRequestMiddleware):
    def __init__(
        self, holds: ChatHolds, budget: float = REPLY_BUDGET, clock: Clock | None = None
    ) -> None:
        self.holds = holds
        self.budget = budget
        # Monotonic time for the waits and the budget (a test's FakeClock moves it).
        self.clock = clock or Clock()
        self.fallback: Fallback | None = None
        # Told of every reply that went to a chat, so the sender's pacing (1 a second per chat,
        # 20 a minute per group) counts it too.
        self.on_sent: Callable[[int, float], None] | None = None

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Any:
        chat_id = getattr(method, "chat_id", None)
        if IN_SENDER.get() or (chat_id is None and not hasattr(method, "callback_query_id")):
            # The sender's own calls, and set-up or polling calls that are not an answer to
            # anyone: their callers retry as they see fit.
            return await make_request(bot, method)
        # A question about a chat (getChatMember, getChatAdministrators) puts nothing in it: it
        # neither waits for the chat's turn nor uses up the group's 20 messages a minute.
        posts = not type(method).__name__.startswith("Get")
        clock = self.clock
        deadline = clock.monotonic() + self.budget
        backoff = _BACKOFF_FIRST
        while True:
            now = clock.monotonic()
            if chat_id is not None and posts:
                wait = self.holds.held_for(chat_id, now)
                if wait > 0:
                    if now + wait > deadline:
                        return await self._give_up(method, wait, "flood wait")
                    await clock.sleep(wait)
            try:
                result = await make_request(bot, method)
            except TelegramRetryAfter as error:
                log.warning(
                    "flood wait on a direct reply",
                    extra={"method": type(method).__name__, "retry_after": error.retry_after},
                )
                if chat_id is not None:
                    self.holds.hold(chat_id, error.retry_after, clock.monotonic())
                elif clock.monotonic() + error.retry_after > deadline:
                    raise
                else:
                    await clock.sleep(error.retry_after)
            except (TelegramServerError, TelegramNetworkError, ClientDecodeError) as error:
                if "timeout" in str(error).lower():
                    # It may have arrived: never again at once.
                    return await self._give_up(method, AFTER_TIMEOUT, "timeout", error)
                if clock.monotonic() + backoff > deadline:
                    return await self._give_up(method, backoff, type(error).__name__, error)
                log.warning(
                    "direct reply failed, retrying",
                    extra={"method": type(method).__name__, "error": type(error).__name__},
                )
                await clock.sleep(backoff)
                backoff = min(backoff * 2, _BACKOFF_CAP)
            else:
                if self.on_sent is not None and isinstance(chat_id, int) and posts:
                    self.on_sent(chat_id, clock.monotonic())
                return result

    async def _give_up(
        self,
        method: TelegramMethod[Any],
        delay: float,
        why: str,
        error: Exception | None = None,
    ) -> Any:
        if self.fallback is not None and await self.fallback(method, delay):
            log.warning(
                "direct reply handed to the outbox",
                extra={"method": type(method).__name__, "why": why},
            )
            raise ReplyQueued(why)
        if error is not None:
            raise error
        raise TelegramRetryAfter(
            method=method, message=f"Too Many Requests: {why}", retry_after=int(delay) + 1
        )
