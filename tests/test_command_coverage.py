"""Every command the bot answers is in a command menu Telegram shows and in /help: a command
nobody can find does not exist for people. Walks the routers, so a new command cannot be missed."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command

import handlers
from bot.i18n import Translator
from handlers import help
from handlers.commands import GROUP, GROUP_ADMINS, HELP_SECTIONS, PRIVATE

# Other spellings of listed commands, and the form step /skip (said where it applies).
ALIASES = {"language", "tz", "reminders", "skip"}


def registered() -> set[str]:
    names: set[str] = set()
    stack: list[Router] = handlers.routers()
    while stack:
        router = stack.pop()
        stack += router.sub_routers
        for handler in router.message.handlers:
            for flt in handler.filters or []:
                if isinstance(flt.callback, Command):
                    names |= {c for c in flt.callback.commands if isinstance(c, str)}
    return names - ALIASES


def test_every_command_is_in_a_menu_and_in_help() -> None:
    names = registered()
    assert {"start", "warn", "jobs"} <= names  # the walk finds them
    assert not names - set(PRIVATE) - set(GROUP) - set(GROUP_ADMINS), "missing from every menu"
    translator = Translator("ru", strict=True)
    for lang in ("ru", "en"):
        t = translator.texts(lang)
        screens = [help.home(t, moderator=True)[0], help.group_text(t, moderator=True)]
        screens += [help.section(t, name)[0] for name in HELP_SECTIONS]
        shown = " ".join(screens)
        missing = sorted(n for n in names if f"/{n} " not in shown)
        assert not missing, f"{lang}: not in /help: {missing}"


def test_the_groups_help_lists_the_groups_commands() -> None:
    translator = Translator("ru", strict=True)
    for lang in ("ru", "en"):
        t = translator.texts(lang)
        for name in GROUP:
            assert f"/{name} — " in help.group_text(t, moderator=False), (lang, name)
        member_view = help.group_text(t, moderator=False)
        assert "/ban" not in member_view and "/ban — " in help.group_text(t, moderator=True)
