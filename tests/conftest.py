from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fakegram import FakeTelegram
from tests.harness import BotUnderTest, ErrorLog


@pytest.fixture
def error_log() -> Iterator[ErrorLog]:
    handler = ErrorLog()
    root = logging.getLogger()
    root.addHandler(handler)
    yield handler
    root.removeHandler(handler)


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    server = FakeTelegram()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def make_bot(
    fake: FakeTelegram, tmp_path: Path, error_log: ErrorLog, request: pytest.FixtureRequest
) -> AsyncIterator[Callable[..., Any]]:
    bots: list[BotUnderTest] = []

    async def factory(**overrides: Any) -> BotUnderTest:
        bot = BotUnderTest(fake, tmp_path / "bot.db", **overrides)
        bots.append(bot)
        return await bot.start()

    yield factory
    for bot in bots:
        await bot.stop()
    # The unit of work: Telegram is called after commit, never from inside a transaction.
    inside = [method for bot in bots for method in bot.telegram_in_transaction]
    assert not inside, f"Bot API called inside a database transaction: {inside}"
    if not request.node.get_closest_marker("expect_errors"):
        messages = [f"{r.name}: {r.getMessage()}" for r in error_log.records]
        assert not messages, f"unexpected errors logged: {messages}"


@pytest.fixture
async def bot(make_bot: Callable[..., Any]) -> BotUnderTest:
    return await make_bot()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "expect_errors: the test provokes logged errors on purpose")
    config.addinivalue_line(
        "markers",
        "slow: builds or installs the package into a fresh venv (tens of seconds; the test"
        " command leaves them out, CI runs them after it: pytest -m slow)",
    )
