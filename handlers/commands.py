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
    "sos",
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
    "subscribe",
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
GROUP = (
    "help",
    "sos",
    "rules",
    "about",
    "team",
    "intro",
    "report",
    "ask",
    "vacancy",
    "meet",
    "listener",
)
# Telegram shows administrators this scope instead of GROUP: it repeats GROUP, then their tools.
GROUP_ADMINS = (
    "help",
    "sos",
    "report",
    "rules",
    "about",
    "team",
    "intro",
    "ask",
    "vacancy",
    "meet",
    "settings",
    "setmission",
    "setrules",
    "settopic",
    "pulse",
    "offers",
    "modlog",
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

# Registered but in no menu and no /help, on purpose: a step of a form (its prompt offers it) and
# other spellings of a listed command.
FORM_STEPS = ("skip",)
ALIASES = {"language": "lang", "tz": "timezone", "reminders": "checkins"}

# /help, in sections with a button each: "/command — its menu description" (cmd-<command>),
# then the section's note (help-note-<section>) where one is needed.
MEMBER_SECTIONS: dict[str, tuple[str, ...]] = {
    "support": ("sos", "checkin", "checkins", "mood", "listener"),
    "requests": ("ask", "requests", "myrequests", "offer"),
    "work": (
        "jobs",
        "vacancy",
        "myvacancies",
        "saved",
        "subscribe",
        "subscriptions",
        "cv",
        "talents",
        "mentor",
    ),
    "people": ("meet", "meetings", "intro"),
    "community": ("community", "about", "rules", "team", "report", "mywarns", "id"),
    "you": ("start", "help", "lang", "timezone", "mydata", "forget", "cancel"),
}
MODERATOR_SECTIONS: dict[str, tuple[str, ...]] = {
    "manage": (
        "settings",
        "setmission",
        "setrules",
        "settopic",
        "pulse",
        "offers",
        "modlog",
        "mod",
        "unmod",
        "info",
    ),
    "order": (
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
    ),
}
HELP_SECTIONS = {**MEMBER_SECTIONS, **MODERATOR_SECTIONS}
SECTION_NOTES = ("community", "manage", "order")

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
