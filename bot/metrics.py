"""What one running bot counts, for /metrics (Prometheus text format) and for /healthz.

Each Runtime has its own registry (not prometheus-client's global one), so several bots in one
process (the tests) never count into each other. Counters move where the work happens (the
inbox, the scheduler, the Bot API session); what lives in the database (the outbox's depth, the
age of its oldest due message, overdue timers) is read when /metrics is scraped."""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import Response, TelegramMethod
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from bot.middlewares.retry import IN_SENDER
from bot.timeutil import Clock

# Handling an update is mostly a few database statements and one Bot API call.
_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
# A timer is late by the event loop's lag, or by hours when the bot was down.
_LAG_BUCKETS = (0.01, 0.1, 0.5, 1.0, 5.0, 30.0, 60.0, 300.0, 3600.0)
# Methods that put a message in a chat (edits and deletions do not count as messages sent).
_POSTS = ("send", "copyMessage", "copyMessages", "forwardMessage", "forwardMessages")


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.updates = Counter(
            "opora_updates", "Updates received and stored, by type", ["type"], registry=r
        )
        self.handler_seconds = Histogram(
            "opora_handler_duration_seconds",
            "Time to handle one update (middlewares and handler), by type",
            ["type"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.errors = Counter(
            "opora_errors",
            "Failures: handler (a bug while handling an update), database (a write refused),"
            " timer, sender",
            ["source"],
            registry=r,
        )
        self.sent = Counter(
            "opora_messages_sent",
            "Messages Telegram accepted, via the outbox (fan-out) or as a direct reply",
            ["via"],
            registry=r,
        )
        self.retry_after = Counter(
            "opora_telegram_retry_after",
            "Telegram's 429 answers (flood control), via the outbox or a direct reply",
            ["via"],
            registry=r,
        )
        self.scheduler_lag = Histogram(
            "opora_scheduler_lag_seconds",
            "How late scheduled jobs start after their planned moment",
            buckets=_LAG_BUCKETS,
            registry=r,
        )
        self.outbox_pending = Gauge(
            "opora_outbox_pending", "Messages queued in the outbox and not sent yet", registry=r
        )
        self.outbox_due = Gauge(
            "opora_outbox_due", "Queued messages whose moment has come", registry=r
        )
        self.outbox_oldest_age = Gauge(
            "opora_outbox_oldest_due_age_seconds",
            "How long the oldest due message has waited past its moment (0: none waits)",
            registry=r,
        )
        self.timers_overdue = Gauge(
            "opora_timers_overdue",
            "Pending timers more than a minute past their moment",
            registry=r,
        )
        self.telegram_last_ok_age = Gauge(
            "opora_telegram_last_answer_age_seconds",
            "Seconds since Telegram last answered a Bot API call (-1: not yet)",
            registry=r,
        )

        # Series that start at zero, so a dashboard's rate() sees the first one.
        for source in ("handler", "database", "timer", "sender"):
            self.errors.labels(source)
        for via in ("outbox", "reply"):
            self.sent.labels(via)
            self.retry_after.labels(via)

    def update_received(self, kind: str) -> None:
        self.updates.labels(kind).inc()

    def update_handled(self, kind: str, seconds: float) -> None:
        self.handler_seconds.labels(kind).observe(seconds)

    def error(self, source: str) -> None:
        self.errors.labels(source).inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)


class TelegramWatch(BaseRequestMiddleware):
    """A Bot API session middleware (the innermost, so it sees every real request): counts the
    messages sent and the 429s, and remembers when Telegram last answered — and when a call last
    found it unreachable — for the health check."""

    def __init__(self, metrics: Metrics, clock: Clock) -> None:
        self.metrics = metrics
        self.clock = clock
        self.last_answer: float | None = None  # the clock's monotonic time
        self.last_failure: float | None = None
        self.last_failure_error = ""
        self._last_ok: dict[str, float] = {}

    async def __call__(
        self, make_request: NextRequestMiddlewareType[Any], bot: Bot, method: TelegramMethod[Any]
    ) -> Response[Any]:
        name = method.__api_method__
        via = "outbox" if IN_SENDER.get() else "reply"
        try:
            response = await make_request(bot, method)
        except TelegramRetryAfter:
            self.last_answer = self.clock.monotonic()
            self.metrics.retry_after.labels(via).inc()
            raise
        except (TelegramNetworkError, TelegramServerError, ClientDecodeError, TimeoutError) as exc:
            # Telegram (or the way to it) is down: not an answer.
            self.last_failure = self.clock.monotonic()
            self.last_failure_error = type(exc).__name__
            raise
        except Exception:
            self.last_answer = self.clock.monotonic()  # a refusal is an answer too
            raise
        now = self.clock.monotonic()
        self.last_answer = now
        self._last_ok[name] = now
        if name.startswith(_POSTS):
            self.metrics.sent.labels(via).inc()
        return response

    def last_ok(self, method: str) -> float | None:
        """When `method` last succeeded (the clock's monotonic time)."""
        return self._last_ok.get(method)

    @property
    def telegram_failing(self) -> bool:
        """The last word from Telegram is a failure (network, 5xx): it does not answer now."""
        return self.last_failure is not None and (
            self.last_answer is None or self.last_failure > self.last_answer
        )


async def read_at_scrape(
    metrics: Metrics,
    *,
    outbox_backlog: Callable[[float], Awaitable[tuple[int, int, float | None]]],
    timers_overdue: Callable[[float], Awaitable[int]],
    watch: TelegramWatch,
    clock: Clock,
) -> None:
    """Set the gauges that live in the database; a database that does not answer leaves them as
    they were (the health check says why)."""
    now = clock.time()
    try:
        pending, due, oldest = await outbox_backlog(now)
        overdue = await timers_overdue(now - 60.0)
    except (sqlite3.Error, OSError):
        return
    metrics.outbox_pending.set(pending)
    metrics.outbox_due.set(due)
    metrics.outbox_oldest_age.set(max(0.0, now - oldest) if oldest is not None else 0.0)
    metrics.timers_overdue.set(overdue)
    answered = watch.last_answer
    metrics.telegram_last_ok_age.set(
        -1.0 if answered is None else max(0.0, clock.monotonic() - answered)
    )
