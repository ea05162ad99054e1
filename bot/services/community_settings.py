"""A community's settings: every key declared once with its type and default, read and written
through one service (so the audit log and the features that react to a change have one door)."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from bot.config import SUPPORTED_LANGUAGES
from bot.i18n import Markup, Texts
from bot.repos.communities import LOG_CHAT_KEY, CommunitiesRepo
from bot.repos.settings import SettingsRepo
from bot.services.permissions import Actor
from bot.texts import clip, escape, reminders_label, weekday_name, zone_label
from bot.timeutil import get_tz, parse_local_time


class AuditRecorder(Protocol):
    """Where a person's change is recorded (bot.services.audit.AuditLog, which in turn uses
    this module's words for the changes: named here by its shape, not imported)."""

    async def record(
        self,
        chat_id: int,
        actor: int | Actor | None,
        action: str,
        target_id: int | None = None,
        detail: str = "",
    ) -> None: ...


@dataclass(frozen=True)
class Option:
    key: str
    default: Any
    parse: Callable[[str], Any]  # raises ValueError on a value that does not fit
    dump: Callable[[Any], str] = str


def _bool(text: str) -> bool:
    if text not in ("0", "1"):
        raise ValueError(text)
    return text == "1"


def _time(text: str) -> str:
    parsed = parse_local_time(text)
    if parsed is None:
        raise ValueError(text)
    return parsed


def _choice(*allowed: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in allowed:
            raise ValueError(text)
        return text

    return parse


def _weekday(text: str) -> int:
    value = int(text)
    if not 0 <= value < 7:
        raise ValueError(text)
    return value


def _text(limit: int) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if len(text) > limit:
            raise ValueError("too long")
        return text

    return parse


def _zone(text: str) -> str:
    get_tz(text)  # InvalidTimezone is a ValueError
    return text


OPTIONS: dict[str, Option] = {}

# The language and the time zone live in the communities table (every feature reads them with
# the community), yet change through the same door as the rest: audited, listeners told. Not in
# OPTIONS: `values` reads the settings table only.
COMMUNITY_LANGUAGE = Option("language", None, _choice(*SUPPORTED_LANGUAGES))
COMMUNITY_TIMEZONE = Option("timezone", None, _zone)
COLUMNS = (COMMUNITY_LANGUAGE, COMMUNITY_TIMEZONE)


def declare(key: str, default: Any, parse: Callable[[str], Any], **kw: Any) -> Option:
    option = Option(key, default, parse, **kw)
    OPTIONS[key] = option
    return option


CRISIS_TEXT_LIMIT = 1500

CHECKINS_ENABLED = declare("checkins.enabled", False, _bool, dump=lambda v: "1" if v else "0")
CHECKINS_DEFAULT_KIND = declare(
    "checkins.default_kind", "off", _choice("off", "daily", "weekdays", "weekly")
)
CHECKINS_DEFAULT_WEEKDAY = declare("checkins.default_weekday", 0, _weekday)
CHECKINS_DEFAULT_TIME = declare("checkins.default_time", "20:00", _time)
CHECKINS_CRISIS_TEXT = declare("checkins.crisis_text", "", _text(CRISIS_TEXT_LIMIT))
CHECKINS_SUMMARY_WEEKDAY = declare("checkins.summary_weekday", 0, _weekday)
CHECKINS_SUMMARY_TIME = declare("checkins.summary_time", "10:00", _time)
# Not chosen by anyone: when the next weekly summary is due (UTC epoch), kept with the settings
# so the scheduler can be rebuilt from the database.
CHECKINS_SUMMARY_NEXT_AT = declare("checkins.summary_next_at", None, float)


def _int_between(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        value = int(text)
        if not low <= value <= high:
            raise ValueError(text)
        return value

    return parse


REQUESTS_PREMODERATION = declare(
    "requests.premoderation", False, _bool, dump=lambda v: "1" if v else "0"
)
REQUESTS_MAX_OPEN = declare("requests.max_open", 5, _int_between(1, 50))
REQUESTS_HELPERS_TOLD = declare("requests.helpers_told", 5, _int_between(0, 50))
REQUESTS_BUMP_HOURS = declare("requests.bump_hours", 24, _int_between(1, 24 * 14))


# Forum topics a feature posts to (a message_thread_id), set with /settopic in the topic itself.
TOPIC_REQUESTS = declare("topic.requests", None, int)
TOPIC_JOBS = declare("topic.jobs", None, int)
TOPIC_EVENTS = declare("topic.events", None, int)
FEATURE_TOPICS: dict[str, Option] = {
    "requests": TOPIC_REQUESTS,
    "jobs": TOPIC_JOBS,
    "events": TOPIC_EVENTS,
}

VACANCIES_PER_DAY = declare("vacancies.per_day", 3, _int_between(1, 50))
VACANCIES_PREMODERATION = declare(
    "vacancies.premoderation", False, _bool, dump=lambda v: "1" if v else "0"
)

# Who may schedule meetings (moderators always), whether announcements name those going, and
# whether a new announcement is pinned.
# What the community is for and how its members treat each other: /about and /rules.
MISSION_LIMIT = 2000
RULES_LIMIT = 3500
COMMUNITY_MISSION = declare("community.mission", "", _text(MISSION_LIMIT))
COMMUNITY_RULES = declare("community.rules", "", _text(RULES_LIMIT))

# Newcomers: a welcome in the group (deleted after a while), and the optional gate: read-only
# until they accept the rules, removed (or kept read-only) when they do not in time.
WELCOME_ON = declare("welcome.on", True, _bool, dump=lambda v: "1" if v else "0")
WELCOME_MINUTES = declare("welcome.minutes", 10, _int_between(1, 1440))
GATE_ON = declare("welcome.gate", False, _bool, dump=lambda v: "1" if v else "0")
GATE_MINUTES = declare("welcome.gate_minutes", 10, _int_between(1, 1440))
GATE_FAIL = declare("welcome.gate_fail", "remove", _choice("remove", "keep"))
WELCOME_TEXT_LIMIT = 600
WELCOME_TEXT = declare("welcome.text", "", _text(WELCOME_TEXT_LIMIT))  # the moderators' words
# Where the group approves new members, the check happens on the join request; a community may
# also ask each person a question there, whose answer its moderators read before they decide.
JOIN_QUESTION_LIMIT = 300
JOIN_QUESTION = declare("welcome.join_question", "", _text(JOIN_QUESTION_LIMIT))

# Features a community may turn off (check-ins have their own switch, CHECKINS_ENABLED): their
# commands then answer that the feature is off here.
FEATURES: dict[str, Option] = {
    name: declare(f"features.{name}", True, _bool, dump=lambda v: "1" if v else "0")
    for name in ("requests", "careers", "meetings")
}

# Warnings: how many lead to the sanction, which one, and how long a warning counts.
WARN_LIMIT = declare("moderation.warn_limit", 3, _int_between(1, 10))
WARN_SANCTION = declare(
    "moderation.warn_sanction", "mute_1d", _choice("mute_1h", "mute_1d", "mute_1w", "ban")
)
WARN_EXPIRE_DAYS = declare("moderation.warn_expire_days", 90, _int_between(1, 3650))
# A chat (or channel) of the moderators where the audit log and reports are posted.
LOG_CHAT = declare(LOG_CHAT_KEY, None, int)


def _flood(text: str) -> str:
    """ "off", or "N-M": N messages within M seconds is a flood."""
    if text == "off":
        return text
    count, _, seconds = text.partition("-")
    if not (count.isdigit() and seconds.isdigit()):
        raise ValueError(text)
    if not (2 <= int(count) <= 50 and 1 <= int(seconds) <= 600):
        raise ValueError(text)
    return text


# Antiflood: ordinary members who post too fast are muted for a while (off unless chosen).
FLOOD = declare("moderation.flood", "off", _flood)
FLOOD_MUTES = {"mute_10m": 600, "mute_1h": 3600, "mute_1d": 86400}
FLOOD_MUTE = declare("moderation.flood_mute", "mute_10m", _choice(*FLOOD_MUTES))


def flood_limit(value: str) -> tuple[int, int] | None:
    """(messages, seconds) of a FLOOD value; None when the antiflood is off."""
    if value == "off":
        return None
    count, _, seconds = value.partition("-")
    return int(count), int(seconds)


MEETINGS_WHO = declare("meetings.who", "moderators", _choice("moderators", "members"))
MEETINGS_NAMES = declare("meetings.names", True, _bool, dump=lambda v: "1" if v else "0")
MEETINGS_PIN = declare("meetings.pin", False, _bool, dump=lambda v: "1" if v else "0")
# The reminder sets a meeting may have (minutes before; "" none), in the order menus show them.
REMINDER_PRESETS = ("", "60", "120", "1440", "1440,60", "1440,120")
# The set a new meeting starts with ("off": none); each meeting may differ.
MEETINGS_REMINDERS = declare(
    "meetings.reminders", "1440,60", _choice(*(preset or "off" for preset in REMINDER_PRESETS))
)

REQUESTS_DIGEST = declare("requests.digest", True, _bool, dump=lambda v: "1" if v else "0")
# Not chosen by anyone: when the next monthly thank-you digest is due (UTC epoch).
REQUESTS_DIGEST_NEXT_AT = declare("requests.digest_next_at", None, float)


def _category_names(text: str) -> dict[str, str]:
    """{code: name}: renamed built-in categories and the community's own ("x1", "x2", …)."""
    value = json.loads(text)
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and 0 < len(v) <= 40 for k, v in value.items()
    ):
        raise ValueError("category names")
    return value


REQUESTS_CATEGORY_NAMES = declare(
    "requests.category_names",
    {},
    _category_names,
    dump=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True),
)

Listener = Callable[[int, Option, Any], Awaitable[None]]


class CommunitySettings:
    def __init__(
        self,
        repo: SettingsRepo,
        communities: CommunitiesRepo,
        audit: AuditRecorder | None = None,
    ) -> None:
        self.repo = repo
        self.communities = communities
        self.audit = audit
        self._listeners: list[Listener] = []

    def on_change(self, listener: Listener) -> None:
        """`listener(chat_id, option, value)` runs after every change."""
        self._listeners.append(listener)

    async def get(self, chat_id: int, option: Option) -> Any:
        if option in COLUMNS:
            community = await self.communities.get(chat_id)
            return getattr(community, option.key, None)  # None: not chosen, the bot's default
        raw = await self.repo.get(chat_id, option.key)
        return _read(option, raw)

    async def values(self, chat_id: int) -> dict[str, Any]:
        raw = await self.repo.all(chat_id)
        return {key: _read(option, raw.get(key)) for key, option in OPTIONS.items()}

    async def set(self, chat_id: int, option: Option, value: Any, by: int | Actor | None) -> None:
        """None puts the setting back to its default; `by` None: the bot's own bookkeeping."""
        text = None if value is None else option.dump(value)
        if text is not None:
            option.parse(text)  # a value that would not read back is refused here
        if option is COMMUNITY_LANGUAGE:
            await self.communities.set_language(chat_id, text)
        elif option is COMMUNITY_TIMEZONE:
            await self.communities.set_timezone(chat_id, text)
        else:
            person = by.person if isinstance(by, Actor) else by
            await self.repo.put(chat_id, option.key, text, person)
        if by is not None and self.audit is not None:
            # A person's choice goes to the audit log; the bot's own bookkeeping does not.
            await self.audit.record(chat_id, by, "setting", None, f"{option.key} = {text or '—'}")
        for listener in self._listeners:
            await listener(chat_id, option, value)

    async def all_of(self, option: Option) -> dict[int, Any]:
        """Every active community's value of one setting (where it is set)."""
        return {
            chat_id: _read(option, raw)
            for chat_id, raw in (await self.repo.values_of(option.key)).items()
        }

    async def chats_with(self, option: Option, value: Any) -> list[int]:
        return await self.repo.chats_where(option.key, option.dump(value))


def _read(option: Option, raw: str | None) -> Any:
    if raw is None:
        return option.default
    try:
        return option.parse(raw)
    except ValueError:
        return option.default  # a value from an older version that no longer fits


# The audit log's words for a change ("language" and "timezone" included).
SHOWN_TEXT_LIMIT = 80


def setting_label(key: str, t: Texts) -> str:
    label = "setting-" + key.replace(".", "-").replace("_", "-")
    return t(label) if t.translator.has(t.lang, label) else escape(key)


def setting_value(key: str, raw: str, t: Texts) -> str:
    """A stored value as people read it: "включено", "по понедельникам", «the text»."""
    option = OPTIONS.get(key)
    if raw in ("", "—"):
        return t("setting-value-default")
    if key == "language":
        name = f"lang-name-{raw}"
        return t(name) if t.translator.has(t.lang, name) else escape(raw)
    if key == "timezone":
        return escape(zone_label(raw, t.lang))
    if option is not None and isinstance(option.default, bool):
        return t("setting-value-on") if raw == "1" else t("setting-value-off")
    if key.endswith("weekday") and raw.isdigit():
        return escape(weekday_name(t.lang, int(raw)))
    if key == MEETINGS_REMINDERS.key:
        return reminders_label(t, "" if raw == "off" else raw)
    if key == LOG_CHAT.key or key in {o.key for o in FEATURE_TOPICS.values()}:
        return t("setting-value-chosen")
    choice = f"setting-choice-{raw.replace(',', '-').replace('_', '-')}"
    if t.translator.has(t.lang, choice):
        return t(choice)
    if raw.lstrip("-").isdigit():
        return raw
    return t("setting-value-text", text=clip(" ".join(raw.split()), SHOWN_TEXT_LIMIT))


def setting_change(detail: str, t: Texts) -> str:
    """ "community.mission = We help" (as recorded) → "Миссия (/about): «We help»"."""
    key, sep, raw = detail.partition(" = ")
    if not sep:
        return escape(detail)
    name, value = Markup(setting_label(key, t)), Markup(setting_value(key, raw, t))
    return t("setting-change", name=name, value=value)
