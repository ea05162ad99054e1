"""One-line structured log records, with the bot token scrubbed from every record."""

from __future__ import annotations

import logging
import sys
import time
from datetime import UTC, datetime
from typing import Any

_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class RedactFilter(logging.Filter):
    """aiogram and aiohttp may put request URLs (which contain the token) into messages."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        text = message
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        for secret in self._secrets:
            text = text.replace(secret, "<token>")
            if record.exc_text:
                record.exc_text = record.exc_text.replace(secret, "<token>")
        if text != message:
            record.msg, record.args = text, None
        for key, value in list(record.__dict__.items()):
            if key not in _STANDARD and isinstance(value, str):
                for secret in self._secrets:
                    value = value.replace(secret, "<token>")
                record.__dict__[key] = value
        return True


class LineFormatter(logging.Formatter):
    """`2026-11-25T15:42:00Z INFO bot.sender: message key=value …` — one line per record."""

    def format(self, record: logging.LogRecord) -> str:
        stamp = datetime.fromtimestamp(record.created, UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3]
        parts = [f"{stamp}Z", record.levelname, f"{record.name}:", record.getMessage()]
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                parts.append(f"{key}={_quote(value)}")
        line = " ".join(parts)
        if record.exc_info or record.exc_text:
            trace = record.exc_text or self.formatException(record.exc_info)  # type: ignore[arg-type]
            line += " | " + trace.replace("\n", " | ")
        return line


def _quote(value: Any) -> str:
    text = str(value)
    return f'"{text}"' if " " in text or not text else text


def setup_logging(level: str, secrets: list[str]) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(LineFormatter())
    handler.addFilter(RedactFilter(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # aiogram logs every handled update at INFO; that is noise at scale, keep it at DEBUG.
    logging.getLogger("aiogram.event").setLevel(max(logging.WARNING, root.level))
    logging.getLogger("apscheduler").setLevel(max(logging.WARNING, root.level))
    # aiosqlite's DEBUG lines carry query parameters, i.e. people's names: never log them.
    logging.getLogger("aiosqlite").setLevel(logging.WARNING)


class Alarm:
    """An ERROR the operator must see, said at most once per `every` seconds while the trouble
    lasts (a full disk would otherwise fill the log it is reported in)."""

    def __init__(self, logger: logging.Logger, message: str, every: float = 60.0) -> None:
        self.logger = logger
        self.message = message
        self.every = every
        self._last = -every

    def sound(self, exc: BaseException, **extra: object) -> None:
        now = time.monotonic()
        if now - self._last >= self.every:
            self._last = now
            self.logger.error(self.message, extra={**extra, "error": str(exc)[:200]})
