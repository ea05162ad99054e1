"""One-line structured log records (text, or JSON with LOG_FORMAT=json), with the bot token
scrubbed from every record."""

from __future__ import annotations

import json
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


def _stamp(record: logging.LogRecord) -> str:
    moment = datetime.fromtimestamp(record.created, UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")
    return moment[:-3] + "Z"


def _extra(record: logging.LogRecord) -> dict[str, Any]:
    """The `extra` fields the code passed with the record."""
    return {
        key: value
        for key, value in record.__dict__.items()
        if key not in _STANDARD and not key.startswith("_")
    }


class LineFormatter(logging.Formatter):
    """`2026-11-25T15:42:00Z INFO bot.sender: message key=value …` — one line per record."""

    def format(self, record: logging.LogRecord) -> str:
        parts = [_stamp(record), record.levelname, f"{record.name}:", record.getMessage()]
        parts += [f"{key}={_quote(value)}" for key, value in _extra(record).items()]
        line = " ".join(parts)
        trace = self._trace(record)
        if trace:
            line += " | " + trace.replace("\n", " | ")
        return line

    def _trace(self, record: logging.LogRecord) -> str:
        if record.exc_info or record.exc_text:
            return record.exc_text or self.formatException(record.exc_info)  # type: ignore[arg-type]
        return ""


class JsonFormatter(LineFormatter):
    """The same fields as a JSON object a line (LOG_FORMAT=json), for log collectors:
    `{"time": …, "level": …, "logger": …, "message": …, <extra fields>, "exception": …}`."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": _stamp(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in _extra(record).items():
            # A field the code named like one of ours keeps its value under another name.
            line[key if key not in line else f"extra_{key}"] = value
        trace = self._trace(record)
        if trace:
            line["exception"] = trace
        # JSON escapes newlines (a traceback too): one record stays one line.
        return json.dumps(line, default=str, ensure_ascii=False)


def _quote(value: Any) -> str:
    text = str(value)
    return f'"{text}"' if " " in text or not text else text


def setup_logging(level: str, secrets: list[str], log_format: str = "text") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else LineFormatter())
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
