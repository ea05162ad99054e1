"""A feature's service keeps the rules and says what happened through its notifier; what people
see (texts, keyboards, deep links) is the feature's views module in bot/views/, and what the bot
asks Telegram to do in a group is bot/telegram.py behind bot.services.chat_actions. The
services listed here were given that shape: none of them imports aiogram, at the top or inside
a function."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SERVICES = Path(__file__).resolve().parent.parent / "bot" / "services"
TELEGRAM_FREE = (
    "appeals",
    "chat_actions",
    "join_requests",
    "meetings",
    "reports",
    "requests",
    "sanctions",
    "welcome",
)


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


@pytest.mark.parametrize("service", TELEGRAM_FREE)
def test_the_service_imports_no_aiogram(service: str) -> None:
    modules = imported_modules(SERVICES / f"{service}.py")
    assert not sorted(m for m in modules if m.split(".")[0] == "aiogram")
