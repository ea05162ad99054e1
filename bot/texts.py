"""Formatting helpers for texts sent to Telegram: escaping, limits, dates, mentions."""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import date, datetime
from typing import Any, Protocol

from bot.timeutil import get_tz, utc_offset_label


class Texts(Protocol):
    """One language's texts (bot.i18n.Texts), named by its shape: bot.i18n escapes with this
    module, so this one does not import it back."""

    def __call__(self, key: str, /, **kwargs: Any) -> str: ...


MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64


def escape(text: str) -> str:
    """Escape for Telegram's HTML parse mode (it understands &lt; &gt; &amp; &quot; and &#NN;)."""
    return html.escape(text, quote=True)


_WORD = re.compile(r"[^\W_]+")  # FTS5's unicode61 treats "_" as a separator, so do we


# Technology names that are not words to a tokenizer ("c++" would be "c", and "c" is in half the
# texts): each becomes one word, in the index, in queries and in saved searches alike.
_TECH_TOKENS = (
    (re.compile(r"(?<![\w+#.])c\+\+(?![\w+])"), " cplusplus "),
    (re.compile(r"(?<![\w+#.])c#(?![\w#])"), " csharp "),
    (re.compile(r"(?<![\w+#.])f#(?![\w#])"), " fsharp "),
    (re.compile(r"(?<![\w.])\.net(?!\w)"), " dotnet "),
    (re.compile(r"(?<![\w.])asp\.net(?!\w)"), " aspnet "),
    (re.compile(r"(?<![\w.])node\.js(?!\w)"), " nodejs "),
    (re.compile(r"(?<![\w.])vue\.js(?!\w)"), " vuejs "),
    (re.compile(r"(?<![\w.])next\.js(?!\w)"), " nextjs "),
    # 1С, the accounting system, typed with a Cyrillic or a Latin "с".
    (re.compile(r"(?<![\w.])1[сc](?!\w)"), " 1c "),
)


def fold(text: str) -> str:
    """The one form of text every search here compares — the index, /jobs queries and saved
    searches: lower case, «ё» as «е» (both ways), «й» kept (it is a letter of its own, not
    «и» with a mark), other marks dropped ("café" = "cafe"), technology names made one word."""
    text = text.lower().replace("ё", "е")
    for pattern, word in _TECH_TOKENS:
        text = pattern.sub(word, text)
    decomposed = unicodedata.normalize("NFD", text.replace("й", "\x00"))
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return kept.replace("\x00", "й")


def words(text: str) -> list[str]:
    """The words of a text as the search index sees them: folded, split on anything else."""
    return _WORD.findall(fold(text))


def starts_words(asked: list[str], text: str) -> bool:
    """Whether every asked word starts some word of the text: the rule every search here
    follows, so "devel" finds "developer"."""
    theirs = set(words(text))
    return all(any(w.startswith(word) for w in theirs) for word in asked)


def utf16_len(text: str) -> int:
    """Telegram counts message length in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def clip(text: str, limit: int, ellipsis: str = "…") -> str:
    """Cut plain text to `limit` UTF-16 units (Telegram's measure), on a character boundary."""
    if utf16_len(text) <= limit:
        return text
    budget = limit - utf16_len(ellipsis)
    out: list[str] = []
    used = 0
    for char in text:
        size = 2 if ord(char) > 0xFFFF else 1
        if used + size > budget:
            break
        out.append(char)
        used += size
    return "".join(out).rstrip() + ellipsis


def mention(user_id: int, name: str) -> str:
    """A link to a person that works without a username; the name is escaped."""
    return f'<a href="tg://user?id={int(user_id)}">{escape(name)}</a>'


def format_datetime(moment: datetime, lang: str, zone: str, fmt: str = "medium") -> str:
    """A moment in the viewer's (private) or the community's (group) zone, localized names."""
    from babel.dates import format_datetime as babel_format  # lazy: Babel's data loads on use

    return babel_format(moment, format=fmt, tzinfo=get_tz(zone), locale=lang)


def format_date(moment: datetime, lang: str, zone: str, fmt: str = "long") -> str:
    return format_day(moment.astimezone(get_tz(zone)).date(), lang, fmt)


def format_day(day: date, lang: str, fmt: str = "long") -> str:
    """A calendar day with localized month names: `8 июня 2026 г.`, `8 Jun` (fmt="d MMM")."""
    from babel.dates import format_date as babel_format

    return str(babel_format(day, format=fmt, locale=lang))


def weekday_name(lang: str, weekday: int) -> str:
    """`понедельник` / `Monday` for 0."""
    from babel.dates import get_day_names

    return str(get_day_names("wide", locale=lang)[weekday % 7])


_CLDR_ALIASES = {"Europe/Kyiv": "Europe/Kiev"}


def zone_label(zone: str, lang: str) -> str:
    """`Москва (UTC+3)` — a zone as people know it, in their language."""
    from babel import Locale

    city = None
    if "/" in zone and not zone.startswith("Etc/"):
        zones = Locale.parse(lang).time_zones
        info = zones.get(zone) or zones.get(_CLDR_ALIASES.get(zone, "")) or {}
        city = info.get("city") or zone.rsplit("/", 1)[1].replace("_", " ")
    offset = utc_offset_label(zone)
    return f"{city} ({offset})" if city else offset


def parse_telegram_id(text: str) -> int | None:
    """A Telegram id typed by a person (`42`, `-1001234`), or None. Ids fit in 52 bits; anything
    longer is garbage and must not reach SQLite (whose integers are 64-bit)."""
    text = text.strip()
    digits = text[1:] if text.startswith("-") else text
    if not digits.isdigit() or not digits.isascii() or len(digits) > 16:
        return None
    value = int(text)
    return value if value != 0 and abs(value) < 2**53 else None


RULE_NUMBER = re.compile(r"^\s*\d+[.)]")


def numbered(text: str) -> str:
    """Rules as a numbered list (lines already numbered stay as written), so a warning can
    cite "rule 3"."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if any(RULE_NUMBER.match(line) for line in lines):
        return "\n".join(lines)  # numbered by the moderators, with notes between: as written
    return "\n".join(f"{n}. {line}" for n, line in enumerate(lines, 1))


def count_rules(text: str) -> int:
    """How many rules `numbered` lists (the moderators' notes between them are no rules)."""
    return sum(1 for line in numbered(text).splitlines() if RULE_NUMBER.match(line))


def rule_line(text: str, number: int) -> str:
    """The line of rule `number` in the rules as /rules shows them ("" if there is none)."""
    for line in numbered(text).splitlines():
        found = RULE_NUMBER.match(line)
        if found and int(found.group(0).strip().rstrip(".)")) == number:
            return line
    return ""


def month_name(month: int, lang: str) -> str:
    """A month as it follows a day's number: «31 февраля», "February 31"."""
    from babel.dates import get_month_names  # lazy: only a few texts need it

    return str(get_month_names("wide", "format", locale=lang)[month])


def span(t: Texts, key: str, minutes: int) -> str:
    """Minutes in the largest whole unit: `{key}-days`, `-hours` or `-minutes`."""
    if minutes % 1440 == 0:
        return t(f"{key}-days", count=minutes // 1440)
    if minutes % 60 == 0:
        return t(f"{key}-hours", count=minutes // 60)
    return t(f"{key}-minutes", count=minutes)


def reminders_label(t: Texts, reminders: str) -> str:
    """ "1 day before, 1 hour before" («за 1 день, за 1 час»): a meeting's reminders as people
    read them — when they come, not how much time will be left."""
    minutes = [int(m) for m in reminders.split(",") if m.strip().isdigit()]
    return (
        ", ".join(span(t, "meet-before", m) for m in minutes) if minutes else t("meet-no-reminders")
    )
