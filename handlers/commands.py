"""The command menus Telegram shows (setMyCommands), per scope and language."""

from __future__ import annotations

from collections.abc import Iterator

from aiogram.types import (
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeDefault,
)

from bot.i18n import Translator

PRIVATE = (
    "start",
    "intro",
    "checkin",
    "checkins",
    "mood",
    "ask",
    "requests",
    "myrequests",
    "offer",
    "jobs",
    "vacancy",
    "myvacancies",
    "saved",
    "subscriptions",
    "cv",
    "talents",
    "mentor",
    "meet",
    "meetings",
    "about",
    "rules",
    "team",
    "mywarns",
    "id",
    "help",
    "community",
    "listener",
    "settings",
    "lang",
    "timezone",
    "mydata",
    "forget",
    "cancel",
)
# Work in private only: typed in a group, they get a button that runs them in private.
PRIVATE_ONLY = (
    "checkin",
    "checkins",
    "reminders",
    "mood",
    "requests",
    "myrequests",
    "offer",
    "offers",
    "jobs",
    "myvacancies",
    "saved",
    "subscribe",
    "subscriptions",
    "cv",
    "talents",
    "mentor",
    "meetings",
    "community",
)
GROUP = ("help", "rules", "about", "team", "intro", "report", "ask", "vacancy", "meet", "listener")
GROUP_ADMINS = (
    "help",
    "guide",
    "report",
    "rules",
    "about",
    "team",
    "intro",
    "ask",
    "vacancy",
    "meet",
    "settings",
    "settopic",
    "pulse",
    "listener",
    "lang",
    "timezone",
    "mod",
    "unmod",
    "warn",
    "dwarn",
    "unwarn",
    "warns",
    "resetwarns",
    "mute",
    "tmute",
    "dmute",
    "unmute",
    "ban",
    "tban",
    "dban",
    "unban",
    "kick",
    "del",
    "purge",
    "pin",
    "unpin",
    "id",
    "info",
)

Scope = (
    BotCommandScopeDefault
    | BotCommandScopeAllPrivateChats
    | BotCommandScopeAllGroupChats
    | BotCommandScopeAllChatAdministrators
)


def command_sets(translator: Translator) -> Iterator[tuple[Scope, str | None, list[BotCommand]]]:
    scopes: list[tuple[Scope, tuple[str, ...]]] = [
        (BotCommandScopeAllPrivateChats(), PRIVATE),
        (BotCommandScopeAllGroupChats(), GROUP),
        (BotCommandScopeAllChatAdministrators(), GROUP_ADMINS),
    ]
    for scope, names in scopes:
        for lang in (None, *translator.languages()):
            texts = translator.texts(lang or translator.default_language)
            commands = [BotCommand(command=n, description=texts(f"cmd-{n}")) for n in names]
            yield scope, lang, commands
