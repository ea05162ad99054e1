"""A feature's service keeps the rules and says what happened through its notifier; what people
see (texts, keyboards, deep links) is the feature's views module in bot/views/, and what the bot
asks Telegram to do in a group is bot/telegram.py behind bot.services.chat_actions. The
services import no aiogram, at the top or inside a function, but the few that ask Telegram
something themselves (ASKS_TELEGRAM, each with its reason)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SERVICES = Path(__file__).resolve().parent.parent / "bot" / "services"
# The services that ask Telegram something or act in a group themselves (not rendering), and
# why; every other service imports no aiogram at all.
ASKS_TELEGRAM = {
    "sender": "the one place queued messages leave for Telegram",
    "permissions": "asks Telegram who a group's admins are",
    "communities": "asks Telegram whether a person is in a group",
    "log_chat": "checks its own and the person's rights in the chosen log chat",
    "moderation_tools": "purges, pins and unpins in the group",
}
TELEGRAM_FREE = sorted(
    path.stem
    for path in SERVICES.glob("*.py")
    if path.stem not in ASKS_TELEGRAM and path.stem != "__init__"
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


def test_the_list_of_exceptions_names_real_services() -> None:
    assert all((SERVICES / f"{name}.py").exists() for name in ASKS_TELEGRAM)
    assert len(TELEGRAM_FREE) > 20
