"""Texts: Fluent (.ftl) files under locales/<lang>/, CLDR plural rules, HTML-escaped arguments."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject
from fluent.runtime import FluentBundle, FluentResource
from fluent.syntax.ast import Message, Resource

from bot.config import SUPPORTED_LANGUAGES
from bot.resources import ResourcesMissing, resource_dir
from bot.texts import escape

log = logging.getLogger(__name__)

LOCALES_DIR = resource_dir("locales", "locales")
_LONG_VALUE = 500  # longer arguments bypass Fluent's placeable limit (see Translator.get)


class MissingText(KeyError):
    pass


@lru_cache(maxsize=256)
def _parse(source: str) -> Resource:
    """One parse per distinct file text: parsing every .ftl is most of a start-up, and a
    process that builds several runtimes (the tests: one per bot) would repeat it. Keyed by
    the text itself, so an edited file is parsed afresh. Bundles only read the tree."""
    return FluentResource(source)


def _files(directory: Path, lang: str) -> list[Path]:
    return sorted((directory / lang).glob("*.ftl"))


def check_texts(directory: Path = LOCALES_DIR) -> None:
    """Every language has every key any other language has. The translator falls back to the
    default language for a missing key (and shows the bare key when that lacks it too): fine for
    one slip at run time, not for a package shipped with a locale missing or half of it."""
    keys: dict[str, set[str]] = {}
    for lang in SUPPORTED_LANGUAGES:
        keys[lang] = {
            entry.id.name
            for path in _files(directory, lang)
            for entry in _parse(path.read_text(encoding="utf-8")).body
            if isinstance(entry, Message)
        }
    every = set().union(*keys.values())
    if not every:
        raise ResourcesMissing(f"no texts (*.ftl) in {directory}")
    for lang, present in keys.items():
        missing = sorted(every - present)
        if missing:
            count = f"{len(missing)} key" + ("" if len(missing) == 1 else "s")
            shown = ", ".join(missing[:5]) + (", …" if len(missing) > 5 else "")
            raise ResourcesMissing(f"texts in {directory / lang} lack {count}: {shown}")


class Translator:
    """All locales, loaded once at start-up. `strict` (tests) raises on a missing key or a
    formatting error instead of falling back, so no key ever reaches a person."""

    def __init__(
        self,
        default_language: str,
        directory: Path = LOCALES_DIR,
        *,
        strict: bool = False,
    ) -> None:
        self.default_language = default_language
        self.strict = strict
        self.bundles: dict[str, FluentBundle] = {}
        for lang in SUPPORTED_LANGUAGES:
            bundle = FluentBundle([lang], use_isolating=False)
            for path in _files(directory, lang):
                # A syntax error becomes a Junk entry, not an exception (add_resource returns
                # nothing): tests/test_i18n.py fails on any.
                bundle.add_resource(_parse(path.read_text(encoding="utf-8")))
            self.bundles[lang] = bundle

    def languages(self) -> tuple[str, ...]:
        return tuple(self.bundles)

    def has(self, lang: str, key: str) -> bool:
        return self.bundles[lang].has_message(key)

    def get(self, lang: str, key: str, /, **kwargs: Any) -> str:
        bundle = self.bundles.get(lang) or self.bundles[self.default_language]
        if not bundle.has_message(key):
            if self.strict:
                raise MissingText(f"{lang}:{key}")
            log.error("missing text", extra={"lang": lang, "key": key})
            fallback = self.bundles[self.default_language]
            if lang == self.default_language or not fallback.has_message(key):
                return key
            bundle = fallback
        pattern = bundle.get_message(key).value
        if pattern is None:
            raise MissingText(f"{lang}:{key} has no value")
        prepared = _prepare(kwargs)
        # fluent.runtime refuses a placeable over 2,500 characters ("{???}"); long texts of
        # people (rules, a mission, a vacancy) go in as short stand-ins, put back afterwards.
        long_values: dict[str, str] = {}
        for name, value in prepared.items():
            if isinstance(value, str) and len(value) > _LONG_VALUE:
                token = f"\ue000{len(long_values)}\ue001"
                long_values[token] = value
                prepared[name] = token
        result, errors = bundle.format_pattern(pattern, prepared)
        # A pattern that is a single reference Fluent cannot resolve comes back as FluentNone
        # (with an error below); Fluent's own stand-in for it is the name.
        text = result if isinstance(result, str) else (result.name or "???")
        if errors:
            if self.strict:
                raise MissingText(f"{lang}:{key}: {errors[0]}")
            log.error("text formatting failed", extra={"lang": lang, "key": key})
        for token, value in long_values.items():
            text = text.replace(token, value)
        return text

    def texts(self, lang: str) -> Texts:
        return Texts(self, lang if lang in self.bundles else self.default_language)

    def texts_for(self, user: Any) -> Texts:
        """A person's texts outside an update (reminders, notices): their choice, else their
        app's language. `user` is a stored user (or None: the default language)."""
        return self.texts(
            pick_language(
                getattr(user, "language", None),
                getattr(user, "language_code", None),
                self.default_language,
            )
        )


def _prepare(kwargs: dict[str, Any]) -> dict[str, Any]:
    """User-provided strings are escaped here, once, for Telegram's HTML. Values that are
    already markup (links we built) are passed as `Markup`."""
    prepared: dict[str, Any] = {}
    for name, value in kwargs.items():
        if isinstance(value, Markup):
            prepared[name] = str(value)
        elif isinstance(value, bool):
            prepared[name] = str(value).lower()
        elif isinstance(value, int | float | Decimal):
            prepared[name] = value
        elif value is None:
            prepared[name] = ""
        else:
            prepared[name] = escape(str(value))
    return prepared


class Markup(str):
    """A string of trusted HTML that must not be escaped again."""


@dataclass(frozen=True)
class Texts:
    """The translator bound to one language: `t("start-welcome", name=...)`."""

    translator: Translator
    lang: str

    def __call__(self, key: str, /, **kwargs: Any) -> str:
        return self.translator.get(self.lang, key, **kwargs)


def pick_language(stored: str | None, telegram_code: str | None, default: str) -> str:
    """The person's choice, else their Telegram app's language, else the bot's default."""
    if stored in SUPPORTED_LANGUAGES:
        return stored
    if telegram_code:
        base = telegram_code.split("-")[0].lower()
        if base in SUPPORTED_LANGUAGES:
            return base
        # People whose app speaks a neighbouring language read Russian more often than English.
        if base in ("uk", "be", "kk", "ky", "uz", "tg", "hy", "az", "ka"):
            return "ru" if "ru" in SUPPORTED_LANGUAGES else default
    return default


def group_language(telegram_code: str | None) -> str | None:
    """The language a new community starts in: that of the admin who added the bot when the bot
    speaks it, else English — the language a group whose admin reads neither of ours more
    likely shares (unlike a person's own chat, no neighbouring-language guess: others read the
    group too). None when Telegram did not say: the bot's default then."""
    if not telegram_code:
        return None
    base = telegram_code.split("-")[0].lower()
    if base in SUPPORTED_LANGUAGES:
        return base
    return "en" if "en" in SUPPORTED_LANGUAGES else None


class I18nMiddleware(BaseMiddleware):
    """Puts `t` (Texts) and `lang` into handler data: the person's language in private chats and
    callbacks, the community's language for group posts (as `group_t`)."""

    def __init__(self, translator: Translator) -> None:
        self.translator = translator

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user = data.get("db_user")
        tg_user = data.get("event_from_user")
        community = data.get("community")
        default = self.translator.default_language
        community_lang = (community.language if community else None) or default
        chat = data.get("event_chat")
        if chat is not None and chat.type != "private" and user is None:
            lang = community_lang
        else:
            lang = pick_language(
                user.language if user else None,
                tg_user.language_code if tg_user else None,
                default,
            )
        data["lang"] = lang
        data["t"] = self.translator.texts(lang)
        data["group_t"] = self.translator.texts(community_lang)
        data["translator"] = self.translator
        return await handler(event, data)
