"""The inbox: every update is stored before Telegram hears that it arrived, and handled from there.

Polling asks Telegram for updates, stores them in the `inbox` table in one transaction, and only
then confirms them (with the next getUpdates' offset); a webhook answers 200 only once the update
is stored. Handlers run from the stored copy. An update is marked handled in the same transaction
as its handler's first write (a `Rider` on the database), or right after a handler that writes
nothing. So after a crash, a stored update whose handler had not committed runs again, one that
had never runs twice, and one that only replied may reply once more.

While the database cannot store (a full disk, a read-only file) nothing is confirmed: Telegram
keeps the updates and they are fetched again once it can; the operator hears of it in the log
once a minute, and people writing in private are told the bot is unavailable for a moment. An
update whose handler failed for the same reason stays in the inbox and runs again later."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import Awaitable, Callable
from contextlib import suppress
from typing import Any

from aiogram import BaseMiddleware, Bot, Dispatcher
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramAPIError,
    TelegramConflictError,
    TelegramNetworkError,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.methods import GetUpdates, TelegramMethod
from aiogram.types import TelegramObject, Update

from bot.db import Rider, current_rider, riding
from bot.i18n import Translator, pick_language
from bot.logs import Alarm
from bot.metrics import Metrics
from bot.repos.updates import UpdatesRepo
from bot.timeutil import Clock

log = logging.getLogger(__name__)

_RETRY_FIRST, _RETRY_CAP = 1.0, 30.0
_TOLD_KEPT = 10_000  # update ids already told "unavailable" (bounded memory)


def database_unwritable(exc: BaseException) -> bool:
    """A write the database refused for want of space or permission, not for a bug of ours."""
    if not isinstance(exc, sqlite3.OperationalError | OSError):
        return False
    text = str(exc).lower()
    return any(
        words in text
        for words in ("disk is full", "readonly", "read-only", "disk i/o error", "no space")
    )


def retry_later() -> None:
    """Called by the error handler: this update failed because the database could not write;
    keep it in the inbox and run it again once the database can."""
    rider = current_rider()
    if rider is not None:
        rider.extra["retry"] = True


def handler_failed() -> None:
    """Called by the error handler: this update's handler failed with a bug (counted in
    /metrics as an error)."""
    rider = current_rider()
    if rider is not None:
        rider.extra["failed"] = True


class ArmMiddleware(BaseMiddleware):
    """An inner middleware: from here on the handler's writes carry the "handled" mark (the
    outer middlewares' bookkeeping — the person, the community — does not)."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        rider = current_rider()
        if rider is not None:
            rider.armed = True
        return await handler(event, data)


class Inbox:
    def __init__(
        self,
        repo: UpdatesRepo,
        dispatcher: Dispatcher,
        bot: Bot,
        translator: Translator,
        clock: Clock,
        first_aid: Callable[[Update], Awaitable[bool]] | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self.repo = repo
        self.metrics = metrics or Metrics()
        # For /healthz: when the last update was stored (the clock's time), and why the last
        # attempt to store was refused (None: it was not).
        self.last_stored: float | None = None
        self.store_error: str | None = None
        # Answers an update that asks for urgent help (/sos) with what needs no database;
        # True when it did. Everything else hears that the bot is unavailable for a moment.
        self.first_aid = first_aid
        self.dispatcher = dispatcher
        self.bot = bot
        self.translator = translator
        self.clock = clock
        # Counted from the moment an update is stored (before Telegram is told), so that a
        # graceful stop and the tests never miss one about to start.
        self.in_flight = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._running: set[int] = set()
        self._stop = asyncio.Event()
        self._poll: asyncio.Task[list[Update]] | None = None
        self._alarm = Alarm(
            log, "the database cannot store updates; Telegram keeps them until it can"
        )
        self._told: dict[int, None] = {}
        self._retry_task: asyncio.Task[None] | None = None

    # --- receiving ---

    async def accept(self, updates: list[Update]) -> None:
        """Store updates (one transaction) and start handling the new ones; raises what the
        database raised when it could not store them — the caller then must not confirm."""
        rows = [
            (
                u.update_id,
                _sender_id(u),
                u.model_dump_json(by_alias=True, exclude_unset=True),
            )
            for u in updates
        ]
        try:
            fresh = set(await self.repo.store(rows, self.clock.time()))
        except (sqlite3.Error, OSError) as exc:
            self.store_error = str(exc)[:200]
            raise
        self.store_error = None
        self.last_stored = self.clock.time()
        for update in updates:
            if update.update_id in fresh:
                self.metrics.update_received(_kind(update))
                self._spawn(update)

    async def resume(self) -> int:
        """Run the stored updates that were never handled (the last run stopped or crashed)."""
        waiting = await self.repo.waiting()
        for stored in waiting:
            if stored.update_id not in self._running:
                self._spawn(Update.model_validate_json(stored.payload, context={"bot": self.bot}))
        if waiting:
            log.info("stored updates resumed", extra={"count": len(waiting)})
        return len(waiting)

    def _spawn(self, update: Update) -> None:
        self.in_flight += 1
        self._idle.clear()
        self._running.add(update.update_id)
        task = asyncio.create_task(self._handle(update), name=f"update-{update.update_id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _handle(self, update: Update) -> None:
        kind = _kind(update)
        started = time.perf_counter()  # real time: how long people wait, whatever the clock
        try:
            rider = Rider(self.repo.handled_statements(update.update_id, self.clock.time()))
            with riding(rider):
                response = await self.dispatcher.feed_update(self.bot, update)
                if isinstance(response, TelegramMethod):
                    with suppress(TelegramAPIError):
                        await self.bot(response)
            self.metrics.update_handled(kind, time.perf_counter() - started)
            if rider.extra.get("failed"):
                self.metrics.error("handler")
            if rider.extra.get("retry"):
                self.metrics.error("database")
                self._retry_soon()
            elif not rider.done:
                await self.repo.mark_handled(update.update_id, self.clock.time())
        except Exception as exc:
            if database_unwritable(exc):
                self.metrics.error("database")
                self._alarm.sound(exc)
                self._retry_soon()
            else:
                self.metrics.error("handler")
                log.exception("update handling failed", extra={"update_id": update.update_id})
                # A bug, not the database: running it again after every restart would only
                # fail again.
                with suppress(sqlite3.Error, OSError):
                    await self.repo.mark_handled(update.update_id, self.clock.time())
        finally:
            self._running.discard(update.update_id)
            self.in_flight -= 1
            if self.in_flight == 0:
                self._idle.set()

    def _retry_soon(self) -> None:
        """Run what stayed in the inbox again in a while (the database refused a write)."""
        if self._retry_task is None or self._retry_task.done():
            self._retry_task = asyncio.create_task(self._retry_later(), name="inbox-retry")

    async def _retry_later(self) -> None:
        delay = _RETRY_FIRST
        while not self._stop.is_set():
            with suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), delay)
            if self._stop.is_set():
                return
            try:
                await self.resume()
                return
            except (sqlite3.Error, OSError) as exc:
                self._alarm.sound(exc)
                delay = min(delay * 2, _RETRY_CAP)

    # --- polling ---

    async def poll(self, allowed_updates: list[str], polling_timeout: int = 30) -> None:
        """Long polling until stop(): store, then confirm, then handle."""
        self._stop.clear()
        await self.resume()
        offset = await self.repo.next_offset()
        delay = _RETRY_FIRST
        request_timeout = int((self.bot.session.timeout or 60) + polling_timeout)
        while not self._stop.is_set():
            call = GetUpdates(
                offset=offset, timeout=polling_timeout, allowed_updates=allowed_updates
            )
            self._poll = asyncio.create_task(self.bot(call, request_timeout=request_timeout))
            try:
                updates = await self._poll
            except asyncio.CancelledError:
                if self._stop.is_set():
                    return
                raise
            except TelegramUnauthorizedError:
                raise
            except (
                TelegramNetworkError,
                TelegramServerError,
                TelegramConflictError,
                ClientDecodeError,  # a proxy's page, or updates aiogram cannot read
            ) as exc:
                log.warning(
                    "getUpdates failed, retrying",
                    extra={"retry_in": delay, "error": type(exc).__name__},
                )
                await self._pause(delay)
                delay = min(delay * 2, _RETRY_CAP)
                continue
            finally:
                self._poll = None
            if not updates:
                delay = _RETRY_FIRST
                continue
            try:
                await self.accept(updates)
            except (sqlite3.Error, OSError) as exc:
                # Not stored, so not confirmed: Telegram keeps them and sends them again.
                self._alarm.sound(exc)
                await self.tell_unavailable(updates)
                await self._pause(delay)
                delay = min(delay * 2, _RETRY_CAP)
                continue
            delay = _RETRY_FIRST
            offset = updates[-1].update_id + 1

    async def _pause(self, seconds: float) -> None:
        with suppress(TimeoutError):
            await asyncio.wait_for(self._stop.wait(), seconds)

    def stop(self) -> None:
        """Stop polling (the long poll in progress is cancelled; nothing it got is lost: it was
        not confirmed)."""
        self._stop.set()
        if self._poll is not None:
            self._poll.cancel()

    async def wait_idle(self, timeout: float) -> bool:
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
        except TimeoutError:
            return False
        return True

    @property
    def busy(self) -> bool:
        return self.in_flight > 0 or (self._retry_task is not None and not self._retry_task.done())

    # --- the database cannot write ---

    def alarm(self, exc: BaseException) -> None:
        """The database refused to store updates (the webhook reports it here too)."""
        self._alarm.sound(exc)

    async def tell_unavailable(self, updates: list[Update]) -> None:
        """People writing in private hear that the bot is unavailable for a moment, once; one
        who asks for urgent help gets what needs no database (the crisis lines) instead."""
        for update in updates:
            if update.update_id in self._told:
                continue
            self._told[update.update_id] = None
            if len(self._told) > _TOLD_KEPT:
                self._told.pop(next(iter(self._told)))
            if self.first_aid is not None and await self.first_aid(update):
                continue
            lang = pick_language(None, _language(update), self.translator.default_language)
            text = self.translator.get(lang, "error-unavailable")
            try:
                if update.callback_query is not None:
                    await update.callback_query.answer(text, show_alert=True)
                elif update.message is not None and update.message.chat.type == "private":
                    await update.message.answer(text)
            except TelegramAPIError as exc:
                log.warning("could not say the bot is unavailable", extra={"error": exc.message})


def _kind(update: Update) -> str:
    try:
        return update.event_type
    except Exception:  # an update type aiogram does not know
        return "unknown"


def _from_user(update: Update) -> Any:
    try:
        return getattr(update.event, "from_user", None)
    except Exception:  # an update type aiogram does not know
        return None


def _sender_id(update: Update) -> int | None:
    user = _from_user(update)
    return user.id if user is not None else None


def _language(update: Update) -> str | None:
    return getattr(_from_user(update), "language_code", None)
