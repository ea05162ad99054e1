"""The one sender for everything that fans out (reminders, digests, notifications).

Messages are queued in the `outbox` table and sent by a worker that keeps Telegram's limits:
≤ `rate` messages per second overall, ≤ 1 per second per chat, ≤ 20 per minute per group. It
honours 429 `retry_after` and marks people who blocked the bot. Transient failures (5xx, network,
timeouts) are retried with capped, jittered back-off until the message's own expiry (a reminder
is useless after its meeting; a notice keeps for a week), however long Telegram is down;
Telegram's refusals (400, 403) end a message at once; an error nobody documented is tried
`max_attempts` times.

Delivery is at-least-once with a tiny window: a row is marked sent right after Telegram confirms
it. If the process dies between Telegram's answer and that commit (milliseconds), the message is
sent again after the restart. When the database cannot record a send (a full disk, a read-only
file), the sender keeps what it owes the database in memory and sends nothing more until it can
record it: never the same message again and again.

Direct replies to a person's own message never come here: handlers answer them at once."""

from __future__ import annotations

import asyncio
import logging
import random
import sqlite3
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.client.default import Default
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import (
    CopyMessage,
    DeleteMessage,
    EditMessageReplyMarkup,
    EditMessageText,
    PinChatMessage,
    SendDocument,
    SendMessage,
    TelegramMethod,
)
from aiogram.types import BufferedInputFile

from bot.db import Database
from bot.logs import Alarm
from bot.metrics import Metrics
from bot.middlewares.retry import AFTER_TIMEOUT, IN_SENDER, ChatHolds
from bot.repos.outbox import OutboxMessage, OutboxRepo
from bot.repos.users import UsersRepo
from bot.timeutil import Clock

log = logging.getLogger(__name__)

METHODS: dict[str, type[TelegramMethod[Any]]] = {
    "sendMessage": SendMessage,
    "editMessageText": EditMessageText,
    "editMessageReplyMarkup": EditMessageReplyMarkup,
    "deleteMessage": DeleteMessage,
    "pinChatMessage": PinChatMessage,
    "sendDocument": SendDocument,
    "copyMessage": CopyMessage,  # a person's photo or file passed on (the help relay)
}
_METHOD_NAMES = {cls: name for name, cls in METHODS.items() if name != "sendDocument"}
_BATCH = 200
# People a fan-out tells per timer run: each run is one transaction, and direct replies wait for
# the database while it lasts; the rest go on in a follow-up run.
FAN_OUT_BATCH = 200
_IDLE_WAIT = 5.0
KEEP_DEFAULT = 7 * 86400.0  # a queued message nobody said otherwise about is worth a week
_BACKOFF_FIRST = 2.0
_BACKOFF_CAP = 300.0


def _backoff(attempts: int) -> float:
    """Seconds before the next try: doubling from 2 s, at most 5 minutes."""
    return min(_BACKOFF_CAP, _BACKOFF_FIRST * 2.0**attempts)


async def _nothing() -> None:
    """Nothing to record (a 429: the row stays as it is)."""


class RateLimiter:
    """Decides when a chat may get its next message; pure bookkeeping on the clock's monotonic
    time (a test's FakeClock moves it)."""

    def __init__(
        self,
        per_second: float,
        group_per_minute: int,
        chat_interval: float = 1.0,
        holds: ChatHolds | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.clock = clock or Clock()
        # Telegram's retry_after per chat, shared with direct replies (bot/middlewares/retry.py).
        self.holds = holds or ChatHolds()
        self.global_interval = 1.0 / per_second
        self.chat_interval = chat_interval
        self.group_per_minute = group_per_minute
        self._next_global = 0.0
        self._paused_until = 0.0
        self._chat_next: dict[int, float] = {}
        self._group_sent: dict[int, deque[float]] = {}

    def chat_ready_at(self, chat_id: int, now: float) -> float:
        ready = max(
            self._chat_next.get(chat_id, 0.0),
            self._paused_until,
            now + self.holds.held_for(chat_id, now),
        )
        window = self._group_sent.get(chat_id)
        if chat_id < 0 and window is not None:
            while window and window[0] <= now - 60.0:
                window.popleft()
            if len(window) >= self.group_per_minute:
                ready = max(ready, window[0] + 60.0)
        return ready

    def reserve_chat(self, chat_id: int, at: float, *, posts: bool = True) -> None:
        """`posts`: the call puts a message in the chat (a deletion does not count towards a
        group's 20 a minute, so tidying a busy group never holds its posts back)."""
        # A small margin keeps us clear of Telegram's own measurement jitter.
        ready = at + self.chat_interval + (0.02 if self.chat_interval else 0)
        # Never earlier than a turn already set (a pause, or a reply just counted).
        self._chat_next[chat_id] = max(self._chat_next.get(chat_id, 0.0), ready)
        if chat_id < 0 and posts:
            self._group_sent.setdefault(chat_id, deque()).append(at)

    def busy_chats(self, now: float) -> list[int]:
        """Chats that may not get a message yet (their turn, or their group's minute, is ahead)."""
        known = set(self._chat_next) | set(self._group_sent)
        known |= {c for c in self.holds.held_chats(now) if isinstance(c, int)}
        return [chat_id for chat_id in known if self.chat_ready_at(chat_id, now) > now]

    def next_ready_at(self, now: float) -> float:
        """The earliest moment a busy chat may get its next message (`now` if none waits)."""
        return min((self.chat_ready_at(c, now) for c in self.busy_chats(now)), default=now)

    def paused_for(self, now: float) -> float:
        """Seconds left of a 429 pause (0: not paused)."""
        return max(0.0, self._paused_until - now)

    async def wait_global_slot(self, stop: asyncio.Event | None = None) -> None:
        """Pace sends evenly: one every 1/rate seconds overall, none while paused by a 429.
        `stop` set ends the wait early (shutting down)."""
        now = self.clock.monotonic()
        slot = max(now, self._next_global, self._paused_until)
        self._next_global = slot + self.global_interval
        if slot > now:
            await self.clock.wait(stop or asyncio.Event(), slot - now)

    def pause(self, chat_id: int, seconds: float, now: float) -> None:
        """After a 429 nothing goes out until retry_after has passed: zero 429s after the first."""
        self._paused_until = max(self._paused_until, now + seconds)
        self.holds.hold(chat_id, seconds, now)  # the chat's own wait, shared with direct replies

    def forget_idle(self, now: float) -> None:
        """Drop bookkeeping of chats quiet for a minute so memory stays flat."""
        for chat_id in [c for c, t in self._chat_next.items() if t < now - 60.0]:
            self._chat_next.pop(chat_id, None)
            window = self._group_sent.get(chat_id)
            if window is not None and (not window or window[-1] < now - 60.0):
                self._group_sent.pop(chat_id, None)


class Sender:
    def __init__(
        self,
        bot: Bot,
        db: Database,
        *,
        rate: float = 25.0,
        group_per_minute: int = 20,
        chat_interval: float = 1.0,
        holds: ChatHolds | None = None,
        max_attempts: int = 5,
        concurrency: int = 32,
        clock: Clock | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self.bot = bot
        self.db = db
        # Sends and 429s are counted by the Bot API session (bot/metrics.py TelegramWatch).
        self.metrics = metrics or Metrics()
        self.clock = clock or Clock()
        self.outbox = OutboxRepo(db, self.clock)
        self.users = UsersRepo(db, self.clock)
        self.limiter = RateLimiter(rate, group_per_minute, chat_interval, holds, self.clock)
        self.max_attempts = max_attempts
        self._slots = asyncio.Semaphore(concurrency)
        self._wake = asyncio.Event()
        self._stopping = False
        self._stop = asyncio.Event()  # ends a wait for the next send slot
        self._task: asyncio.Task[None] | None = None
        self._inflight: dict[int, asyncio.Task[None]] = {}
        # Its answer (whether a community moved) is not the sender's business.
        self.on_migrate: Callable[[int, int], Awaitable[object]] | None = None
        self._on_sent: dict[str, Callable[[str, int, int], Awaitable[None]]] = {}
        self.stats = {
            "sent": 0,
            "retry_after": 0,
            "blocked": 0,
            "failed": 0,
            "retried": 0,
            "expired": 0,
            "record_retries": 0,
        }
        # Results Telegram gave that the database could not take yet (outbox id → how to
        # record it): while any wait here, nothing else is sent.
        self._unrecorded: dict[int, Callable[[], Awaitable[None]]] = {}
        self._cannot_record = Alarm(
            log, "the database cannot record sends; sending stopped until it can"
        )
        # A message planned for later is due when the clock gets there, also when a test's
        # clock jumps there.
        self.clock.on_jump(self.wake)

    # --- queueing ---

    async def enqueue(
        self,
        chat_id: int,
        text: str | None = None,
        *,
        method: str = "sendMessage",
        thread_id: int | None = None,
        reply_markup: Any = None,
        at: float | None = None,
        priority: int = 0,
        dedupe_key: str | None = None,
        expires_at: float | None = None,
        **params: Any,
    ) -> int | None:
        """Queue one message (inside the caller's transaction if there is one). It is retried
        until `expires_at` (epoch seconds; default: a week after it is due)."""
        if method not in METHODS:
            raise ValueError(f"the sender cannot {method}")
        payload: dict[str, Any] = dict(params)
        if text is not None:
            payload["text"] = text
        if reply_markup is not None:
            payload["reply_markup"] = (
                reply_markup.model_dump(exclude_none=True)
                if hasattr(reply_markup, "model_dump")
                else reply_markup
            )
        not_before = at if at is not None else self.clock.time()
        message_id = await self.outbox.add(
            chat_id,
            payload,
            method=method,
            thread_id=thread_id,
            priority=priority,
            not_before=not_before,
            dedupe_key=dedupe_key,
            expires_at=expires_at if expires_at is not None else not_before + KEEP_DEFAULT,
        )
        self._wake.set()
        return message_id

    async def enqueue_call(self, call: TelegramMethod[Any], delay: float = 0.0) -> bool:
        """A direct reply that could not go now (bot/middlewares/retry.py): queue it to go in
        `delay` seconds. False for what the outbox cannot carry (files, answers to a button)."""
        method = _METHOD_NAMES.get(type(call))
        if method is None:
            return False
        params = {
            key: value
            for key, value in call.model_dump(exclude_none=True).items()
            if not isinstance(value, Default)
        }
        chat_id = params.pop("chat_id", None)
        if not isinstance(chat_id, int):
            return False
        thread_id = params.pop("message_thread_id", None)
        text = params.pop("text", None)
        await self.enqueue(
            chat_id,
            text,
            method=method,
            thread_id=thread_id,
            at=self.clock.time() + delay,
            priority=-1,  # it answers someone: ahead of fan-outs
            **params,
        )
        return True

    def on_sent(self, prefix: str, callback: Callable[[str, int, int], Awaitable[None]]) -> None:
        """`callback(dedupe_key, chat_id, message_id)` once a message whose dedupe key starts
        with `prefix` is sent: a feature learns the id of its group post (to edit it later)."""
        self._on_sent[prefix] = callback

    def wake(self) -> None:
        self._wake.set()

    # --- lifecycle ---

    def start(self) -> None:
        if self._task is None:
            self._stopping = False
            self._stop.clear()
            self._task = asyncio.create_task(self._run(), name="sender")

    async def stop(self, timeout: float = 5.0) -> None:
        """Finish the sends in flight (their results are recorded) within `timeout` in all,
        then stop; the rest of the queue stays in the outbox for the next start."""
        # Real time: stopping is bounded however a test's clock stands.
        deadline = asyncio.get_running_loop().time() + timeout
        self._stopping = True
        self._stop.set()
        self._wake.set()
        if self._task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(self._task), timeout)
            except TimeoutError:
                self._task.cancel()
            self._task = None
        if self._inflight:
            remaining = max(0.0, deadline - asyncio.get_running_loop().time())
            _, pending = await asyncio.wait(list(self._inflight.values()), timeout=remaining)
            for task in pending:
                task.cancel()

    async def drain(self, timeout: float = 30.0) -> None:
        """Wait until nothing is in flight and nothing is due by the clock — messages waiting
        for their chat's turn included (tests and benchmarks)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            if await self.idle():
                return
            if self._inflight:
                # A send under way: look again once one ends.
                sends = list(self._inflight.values())
                await asyncio.wait(sends, timeout=0.01, return_when=asyncio.FIRST_COMPLETED)
            elif self._task in self.clock.sleeping() and self.clock.jump():
                # Only the pacing held it back: a test's clock moved to the next turn.
                await asyncio.sleep(0)
            else:
                await asyncio.sleep(0.01)
        raise TimeoutError("outbox did not drain")

    async def idle(self) -> bool:
        """Nothing in flight and nothing due now: what is queued waits for a later moment."""
        if self._inflight or self._unrecorded:
            return False
        next_at = await self.outbox.next_due_at()
        return next_at is None or next_at > self.clock.time()

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    @property
    def owes_records(self) -> bool:
        """Telegram's answers wait for a database that cannot record them (sending stopped)."""
        return bool(self._unrecorded)

    # --- the worker ---

    async def _run(self) -> None:
        IN_SENDER.set(True)  # this task and its deliveries handle 429 themselves
        while not self._stopping:
            # Cleared before the round, so a message queued during the round wakes the next one.
            self._wake.clear()
            try:
                wait = await self._round()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("sender round failed")
                self.metrics.error("sender")
                wait = 1.0
            if self._stopping:
                break
            if wait > 0:
                await self.clock.wait(self._wake, wait)
        # Let the sends already started finish and record their results.
        if self._inflight:
            await asyncio.wait(list(self._inflight.values()))

    async def _round(self) -> float:
        """Start every message that may go now; return how long to wait before the next look.

        A chat whose turn has not come (1 s per chat, 20 a minute per group) is left out of the
        query, so its backlog waits in place while other chats' messages go first; pacing is
        on the clock's monotonic time, kept in memory, and never moves a message's own planned
        moment."""
        if self._unrecorded and not await self._record_owed():
            return 1.0
        now = self.clock.monotonic()
        paused = self.limiter.paused_for(now)
        if paused:
            return paused
        self.limiter.forget_idle(now)
        now_wall = self.clock.time()
        busy = self.limiter.busy_chats(now)
        batch = await self.outbox.due(now_wall, _BATCH, exclude=self._inflight, busy_chats=busy)
        if not batch:
            next_at = await self.outbox.next_due_at()
            if next_at is None:
                return _IDLE_WAIT
            if next_at <= now_wall:  # due, but only in chats that must wait their turn
                return max(0.01, self.limiter.next_ready_at(now) - now)
            delay = self.clock.real_delay(next_at - now_wall)
            return _IDLE_WAIT if delay is None else min(_IDLE_WAIT, max(0.01, delay))
        selected: list[OutboxMessage] = []
        chosen: set[int] = set()
        for message in batch:
            if message.expires_at is not None and message.expires_at <= now_wall:
                self.stats["expired"] += 1
                await self.outbox.finish(message.id, "expired", "not sent before it expired")
                continue
            if message.chat_id not in chosen:
                chosen.add(message.chat_id)
                selected.append(message)
        for message in selected:
            if self._stopping:
                break
            await self.limiter.wait_global_slot(self._stop)
            if self._stopping:
                break
            posts = message.method != "deleteMessage"
            self.limiter.reserve_chat(message.chat_id, self.clock.monotonic(), posts=posts)
            await self._slots.acquire()
            self._inflight[message.id] = asyncio.create_task(self._deliver(message))
        return 0.0 if len(batch) == _BATCH else 0.05

    async def _deliver(self, message: OutboxMessage) -> None:
        try:
            record = await self._send_one(message)
            try:
                await record()
            except (sqlite3.Error, OSError) as exc:
                # Telegram has answered; the database cannot say so. Sending it again would
                # repeat it to the person: hold the result and stop sending until it is recorded.
                self._unrecorded[message.id] = record
                self._cannot_record.sound(exc, owed=len(self._unrecorded))
        except Exception:
            log.exception("outbox delivery crashed", extra={"outbox_id": message.id})
            self.metrics.error("sender")
        finally:
            self._slots.release()
            self._inflight.pop(message.id, None)
            self._wake.set()

    async def _record_owed(self) -> bool:
        """Record the results the database could not take; True when none is owed any more."""
        for message_id, record in list(self._unrecorded.items()):
            try:
                await record()
            except (sqlite3.Error, OSError) as exc:
                self.stats["record_retries"] += 1
                self._cannot_record.sound(exc, owed=len(self._unrecorded))
                return False
            del self._unrecorded[message_id]
        log.warning("the database records sends again; sending resumes")
        return True

    async def _send_one(self, message: OutboxMessage) -> Callable[[], Awaitable[None]]:
        """Send one message; return how to record what happened (run by the caller, so that a
        database that cannot take it never makes us send twice)."""
        params = dict(message.payload)
        document = params.get("document")
        if isinstance(document, dict):
            # A small file the bot made (an .ics), kept in the outbox as text.
            params["document"] = BufferedInputFile(
                str(document["text"]).encode(), filename=str(document["filename"])
            )
        if message.thread_id is not None:
            params.setdefault("message_thread_id", message.thread_id)
        try:
            params["chat_id"] = message.chat_id
            call = METHODS[message.method](**params)
            result = await self.bot(call)
        except TelegramRetryAfter as exc:
            self.stats["retry_after"] += 1
            # Nothing goes out until retry_after has passed; the row keeps its place.
            self.limiter.pause(message.chat_id, exc.retry_after, self.clock.monotonic())
            log.warning(
                "telegram asked to slow down",
                extra={"outbox_id": message.id, "retry_after": exc.retry_after},
            )
            return _nothing
        except TelegramMigrateToChat as exc:
            new_chat_id = exc.migrate_to_chat_id

            async def retarget() -> None:
                await self.outbox.retarget(message.chat_id, new_chat_id)
                if self.on_migrate is not None:
                    await self.on_migrate(message.chat_id, new_chat_id)

            return retarget
        except TelegramForbiddenError as exc:
            self.stats["blocked"] += 1
            reason = exc.message
            return lambda: self._unreachable(message, reason)
        except TelegramBadRequest as exc:
            return self._bad_request(message, exc.message)
        except (
            TelegramNetworkError,
            TelegramServerError,
            ClientDecodeError,  # a proxy's HTML page instead of Telegram's answer (a 502)
            TimeoutError,
            OSError,
        ) as exc:
            timed_out = isinstance(exc, TimeoutError) or "timeout" in type(exc).__name__.lower()
            return self._transient(message, f"{type(exc).__name__}: {exc}", timed_out)
        except Exception as exc:
            # Anything else (a malformed payload, an error Telegram has not documented) still
            # spends an attempt, so the row is dropped in the end instead of retried forever.
            # Only the type is logged: the exception text may quote the message.
            return self._undocumented(message, type(exc).__name__)
        self.stats["sent"] += 1
        telegram_id = getattr(result, "message_id", None)

        async def sent() -> None:
            await self.outbox.mark_sent(message.id, telegram_id)
            key = message.dedupe_key
            if key and telegram_id is not None:
                for prefix, callback in self._on_sent.items():
                    if key.startswith(prefix):
                        await callback(key, message.chat_id, telegram_id)

        return sent

    def _bad_request(self, message: OutboxMessage, error: str) -> Callable[[], Awaitable[None]]:
        text = error.lower()
        if "chat not found" in text or "user is deactivated" in text:
            return lambda: self._unreachable(message, error)
        if "thread not found" in text and message.thread_id is not None:
            # A topic deleted since it was chosen: better the general chat than nowhere.
            async def to_general_chat() -> None:
                await self.outbox.drop_thread(message.id)
                await self.outbox.retry_later(message.id, self.clock.time(), error)

            return to_general_chat
        if "message is not modified" in text or "message to delete not found" in text:
            return lambda: self.outbox.mark_sent(message.id, None)
        if message.method == "deleteMessage" and "can't be deleted" in text:
            # Tidying a group where the bot may not delete others' messages: nothing to fix.
            return lambda: self.outbox.mark_sent(message.id, None)
        self.stats["failed"] += 1
        log.warning(
            "outbox message rejected",
            extra={"outbox_id": message.id, "method": message.method, "error": error},
        )
        return lambda: self.outbox.finish(message.id, "failed", error)

    def _transient(
        self, message: OutboxMessage, error: str, timed_out: bool
    ) -> Callable[[], Awaitable[None]]:
        """Telegram or the network failed for now: again later, until the message expires."""
        now = self.clock.time()
        # Jitter: thousands of rows that failed together do not all come back together.
        backoff = _backoff(message.attempts) * random.uniform(0.5, 1.0)
        if timed_out and message.method.startswith("send"):
            backoff = max(backoff, AFTER_TIMEOUT)
        if message.expires_at is not None and now + backoff >= message.expires_at:
            self.stats["expired"] += 1
            log.warning(
                "outbox message expired while Telegram failed",
                extra={"outbox_id": message.id, "attempts": message.attempts + 1},
            )
            return lambda: self.outbox.finish(message.id, "expired", error)
        self.stats["retried"] += 1
        return lambda: self.outbox.retry_later(message.id, now + backoff, error)

    def _undocumented(self, message: OutboxMessage, error: str) -> Callable[[], Awaitable[None]]:
        if message.attempts + 1 >= self.max_attempts:
            self.stats["failed"] += 1
            log.warning(
                "outbox message dropped after retries",
                extra={"outbox_id": message.id, "attempts": message.attempts + 1, "error": error},
            )
            return lambda: self.outbox.finish(message.id, "failed", error)
        self.stats["retried"] += 1
        backoff = _backoff(message.attempts)
        return lambda: self.outbox.retry_later(message.id, self.clock.time() + backoff, error)

    async def _unreachable(self, message: OutboxMessage, error: str) -> None:
        """Blocked, kicked or gone: skip this and everything else queued for that chat."""
        async with self.db.transaction():
            await self.outbox.finish(message.id, "skipped", error)
            await self.chat_unreachable(message.chat_id, error)
        log.info("chat unreachable, queue skipped", extra={"outbox_id": message.id})

    async def chat_unreachable(self, chat_id: int, reason: str) -> None:
        """Nothing more goes to this chat: its queue is skipped, and a person who blocked the
        bot is marked so (until they write again)."""
        async with self.db.transaction():
            await self.outbox.skip_chat(chat_id, reason)
            if chat_id > 0:
                await self.users.set_blocked(chat_id, True)
