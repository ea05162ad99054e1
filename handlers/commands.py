"""What Telegram shows of the bot before anyone talks to it: the command menus (setMyCommands),
per scope and language; the descriptions (setMyDescription, setMyShortDescription); and the
admin rights proposed when someone adds it to a group (setMyDefaultAdministratorRights)."""

from __future__ import annotations

from collections.abc import Iterator

from aiogram.types import (
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeDefault,
    ChatAdministratorRights,
)

from bot.i18n import Translator
from bot.keyboards import ADMIN_RIGHTS

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
    "offers",
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
    "modlog",
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
# Warnings, mutes, bans and deleting: group commands of moderators (handlers/sanctions.py
# registers each, and answers them typed in private with where they work).
SANCTIONS = (
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
)

MODERATOR_SECTIONS: dict[str, tuple[str, ...]] = {
    "manage": (
        "settings",
        "guide",
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
    "order": (*SANCTIONS, "purge", "pin", "unpin"),
}
# Telegram shows administrators this scope instead of GROUP: it repeats GROUP, then their tools.
GROUP_ADMINS = tuple(
    dict.fromkeys(
        (
            *GROUP,
            *MODERATOR_SECTIONS["manage"],
            "lang",
            "timezone",
            *MODERATOR_SECTIONS["order"],
            "id",
        )
    )
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


def descriptions(translator: Translator) -> Iterator[tuple[str | None, str, str]]:
    """(language, description, short description): for each language, and (None) for people
    whose language has none — in the bot's default language."""
    for lang in (None, *translator.languages()):
        texts = translator.texts(lang or translator.default_language)
        yield lang, texts("bot-description"), texts("bot-short-description")


def default_admin_rights() -> ChatAdministratorRights:
    """The rights Telegram proposes when the bot is made an admin: ADMIN_RIGHTS, nothing else
    (every right Telegram requires to be named is named, as not given)."""
    wanted = {f"can_{right}" for right in ADMIN_RIGHTS}
    fields = ChatAdministratorRights.model_fields
    named = {name for name, field in fields.items() if field.is_required()} | wanted
    return ChatAdministratorRights(**{name: name in wanted for name in named})
