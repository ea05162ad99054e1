"""Settings. A person's own language and time zone; a community's settings for its moderators:
/settings opens them privately (the group is not spammed with menus), each feature adds its
section, and every button press re-checks the presser's rights in that community."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, Protocol, TypeVar

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import LangCB, SettingsCB, TzCB
from bot.config import SUPPORTED_LANGUAGES, Settings
from bot.filters import GROUPS, PRIVATE, Inline, own_private_message
from bot.i18n import Texts, Translator
from bot.keyboards import update_menu
from bot.repos.communities import CommunitiesRepo, Community
from bot.repos.users import UsersRepo
from bot.runtime import Runtime
from bot.services.checkin_community import CommunityCheckins
from bot.services.checkins import CheckinService
from bot.services.communities import CommunityService
from bot.services.community_settings import (
    COMMUNITY_LANGUAGE,
    COMMUNITY_TIMEZONE,
    FEATURE_TOPICS,
    CommunitySettings,
)
from bot.services.permissions import Action, Actor, Permissions
from bot.texts import zone_label
from bot.timeutil import COMMON_ZONES, InvalidTimezone, normalize_timezone
from bot.views.cleanup import brief, private_hint
from handlers.deeplinks import DeepLinks, LinkContext

MAIN = "main"  # SettingsCB.section of the main screen


class SettingsForm(StatesGroup):
    timezone = State()


def router() -> Router:
    r = Router(name="settings")
    r.message.register(lang_command, Command("lang", "language"))
    r.message.register(timezone_command, Command("timezone", "tz"))
    r.message.register(settings_command, Command("settings"))
    r.message.register(set_topic, Command("settopic"), GROUPS)
    main = F.section == MAIN
    r.callback_query.register(
        section_press(main_language, _main_screen),
        SettingsCB.filter(main & (F.action == MainAction.LANGUAGE)),
    )
    r.callback_query.register(
        section_press(main_timezone, _main_screen),
        SettingsCB.filter(main & (F.action == MainAction.TIMEZONE)),
    )
    r.callback_query.register(section_press(settings_main, _main_screen), SettingsCB.filter(main))
    r.callback_query.register(set_language, LangCB.filter())
    r.callback_query.register(set_timezone, TzCB.filter())
    # Commands typed during the form go to their own handlers (/cancel leaves the form).
    r.message.register(
        typed_timezone,
        StateFilter(SettingsForm.timezone),
        PRIVATE,
        Inline(~F.text.startswith("/")),
    )
    return r


def language_buttons(
    t: Texts, pack: Callable[[str], str], current: str | None = None
) -> list[InlineKeyboardButton]:
    """One button a language; `pack(code)` makes its callback data (the guided setup has its
    own); the `current` one is marked."""
    return [
        InlineKeyboardButton(
            text=("• " if code == current else "") + t(f"lang-name-{code}"),
            callback_data=pack(code),
        )
        for code in SUPPORTED_LANGUAGES
    ]


def language_keyboard(t: Texts, chat_id: int) -> InlineKeyboardMarkup:
    buttons = language_buttons(t, lambda code: LangCB(code=code, chat_id=chat_id).pack())
    return InlineKeyboardMarkup(inline_keyboard=[buttons])


def timezone_rows(
    t: Texts, pack: Callable[[int], str], current: str | None = None
) -> list[list[InlineKeyboardButton]]:
    """The common zones two a row; `pack(index)` makes a button's callback data."""
    buttons = [
        InlineKeyboardButton(
            text=("• " if zone == current else "") + zone_label(zone, t.lang), callback_data=pack(i)
        )
        for i, zone in enumerate(COMMON_ZONES)
    ]
    return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]


def timezone_keyboard(t: Texts, chat_id: int) -> InlineKeyboardMarkup:
    rows = timezone_rows(t, lambda i: TzCB(index=i, chat_id=chat_id).pack())
    if chat_id == 0:
        rows.append(
            [InlineKeyboardButton(text=t("tz-type-in"), callback_data=TzCB(index=-1).pack())]
        )
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def ask_language(message: Message, t: Texts, *, chat_id: int) -> None:
    await message.answer(t("lang-choose"), reply_markup=language_keyboard(t, chat_id))


async def ask_timezone(
    message: Message, t: Texts, users: UsersRepo, user_id: int, *, chat_id: int
) -> None:
    user = await users.get(user_id)
    current = user.timezone if user and user.timezone else None
    text = t("tz-choose", current=zone_label(current, t.lang)) if current else t("tz-choose-none")
    await message.answer(text, reply_markup=timezone_keyboard(t, chat_id))


async def _group_moderator(
    message: Message, actor: Actor, permissions: Permissions, t: Texts, runtime: Runtime
) -> bool:
    if await permissions.may(message.chat.id, actor, Action.MODERATE):
        return True
    await brief(message, runtime, t("not-allowed-moderators"), refusal=True)
    return False


# What people type after /lang: a code, or the language's name in either language.
LANGUAGE_WORDS = {
    "ru": "ru", "rus": "ru", "russian": "ru", "русский": "ru", "рус": "ru", "по-русски": "ru",
    "en": "en", "eng": "en", "english": "en", "английский": "en", "англ": "en",
}  # fmt: skip


async def lang_command(
    message: Message,
    command: CommandObject,
    t: Texts,
    group_t: Texts,
    actor: Actor,
    permissions: Permissions,
    runtime: Runtime,
    translator: Translator,
    users: UsersRepo,
    community_settings: CommunitySettings,
) -> None:
    """/lang alone shows the choice; /lang en (or «русский») makes it at once."""
    typed = (command.args or "").strip().lower()
    code = LANGUAGE_WORDS.get(typed)
    if message.chat.type == "private":
        if not typed:
            await ask_language(message, t, chat_id=0)
        elif code is None:
            await message.answer(t("lang-unknown"), reply_markup=language_keyboard(t, 0))
        else:
            assert message.from_user is not None
            await users.set_language(message.from_user.id, code)
            await message.answer(translator.texts(code)("lang-changed"))
        return
    if not await _group_moderator(message, actor, permissions, group_t, runtime):
        return
    if code is None:
        key = "lang-unknown" if typed else "lang-choose-group"
        await message.reply(group_t(key), reply_markup=language_keyboard(group_t, message.chat.id))
        return
    await community_settings.set(message.chat.id, COMMUNITY_LANGUAGE, code, actor)
    await message.reply(translator.texts(code)("lang-changed-group"))


async def timezone_command(
    message: Message,
    command: CommandObject,
    t: Texts,
    group_t: Texts,
    actor: Actor,
    permissions: Permissions,
    users: UsersRepo,
    communities: CommunitiesRepo,
    settings: Settings,
    runtime: Runtime,
    checkin_service: CheckinService,
    community_settings: CommunitySettings,
) -> None:
    """/timezone alone shows the choice; /timezone Europe/Berlin, UTC+3 or «Томск» sets it."""
    typed = (command.args or "").strip()
    zone = None
    if typed:
        try:
            zone = normalize_timezone(typed)
        except InvalidTimezone:
            answer = t("tz-invalid") if message.chat.type == "private" else group_t("tz-invalid")
            await brief(message, runtime, answer, refusal=True)
            return
    if message.chat.type == "private":
        assert message.from_user is not None
        if zone is None:
            await ask_timezone(message, t, users, message.from_user.id, chat_id=0)
            return
        await users.set_timezone(message.from_user.id, zone)
        await checkin_service.replan(message.from_user.id)
        await message.answer(t("tz-changed", zone=zone_label(zone, t.lang)))
        return
    if zone is not None:
        if await _group_moderator(message, actor, permissions, group_t, runtime):
            # Through the settings' door: audited, and the weekly summary follows the zone.
            await community_settings.set(message.chat.id, COMMUNITY_TIMEZONE, zone, actor)
            await message.reply(group_t("tz-changed-group", zone=zone_label(zone, group_t.lang)))
        return
    if await _group_moderator(message, actor, permissions, group_t, runtime):
        community = await communities.get(message.chat.id)
        zone = (community.timezone if community else None) or settings.default_timezone
        text = group_t("tz-choose-group", current=zone_label(zone, group_t.lang))
        await message.reply(text, reply_markup=timezone_keyboard(group_t, message.chat.id))


async def _may_change(
    query: CallbackQuery, chat_id: int, permissions: Permissions, t: Texts
) -> bool:
    """Private buttons change only the presser's own settings; group buttons need a moderator."""
    if chat_id == 0:
        return True
    if await permissions.may(chat_id, Actor(query.from_user.id), Action.MODERATE):
        return True
    await query.answer(t("not-allowed"), show_alert=True)
    return False


async def set_language(
    query: CallbackQuery,
    callback_data: LangCB,
    t: Texts,
    translator: Translator,
    users: UsersRepo,
    permissions: Permissions,
    community_settings: CommunitySettings,
) -> None:
    code = callback_data.code
    if code not in SUPPORTED_LANGUAGES:
        await query.answer(t("button-outdated"), show_alert=True)
        return
    if not await _may_change(query, callback_data.chat_id, permissions, t):
        return
    new_t = translator.texts(code)
    if callback_data.chat_id == 0:
        await users.set_language(query.from_user.id, code)
        await query.answer(new_t("lang-changed"))
        if isinstance(query.message, Message):
            await query.message.answer(new_t("lang-changed"))
    else:
        await community_settings.set(
            callback_data.chat_id, COMMUNITY_LANGUAGE, code, Actor(query.from_user.id)
        )
        await query.answer(new_t("lang-changed-group"))
        if isinstance(query.message, Message):
            back = _back_to_settings(query.message, new_t, callback_data.chat_id)
            await update_menu(query.message, new_t("lang-changed-group"), back)


async def set_timezone(
    query: CallbackQuery,
    callback_data: TzCB,
    state: FSMContext,
    t: Texts,
    group_t: Texts,
    users: UsersRepo,
    permissions: Permissions,
    checkin_service: CheckinService,
    community_settings: CommunitySettings,
) -> None:
    if not await _may_change(query, callback_data.chat_id, permissions, t):
        return
    if callback_data.index == -1:
        await state.set_state(SettingsForm.timezone)
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.answer(t("tz-ask-text"))
        return
    if not 0 <= callback_data.index < len(COMMON_ZONES):
        await query.answer(t("button-outdated"), show_alert=True)
        return
    zone = COMMON_ZONES[callback_data.index]
    label = zone_label(zone, t.lang)
    if callback_data.chat_id == 0:
        await users.set_timezone(query.from_user.id, zone)
        await checkin_service.replan(query.from_user.id)
        await query.answer()  # the message below says it (a popup would show the tags raw)
        if isinstance(query.message, Message):
            await query.message.answer(t("tz-changed", zone=label))
    else:
        # Through the settings' door: audited, and the weekly summary follows the new zone.
        await community_settings.set(
            callback_data.chat_id, COMMUNITY_TIMEZONE, zone, Actor(query.from_user.id)
        )
        await query.answer()  # the menu itself says it (a popup would show the tags raw)
        if isinstance(query.message, Message):
            # The post stays in the group: in the community's language.
            shown_t = t if query.message.chat.type == "private" else group_t
            label = zone_label(zone, shown_t.lang)
            text = shown_t("tz-changed-group", zone=label)
            await update_menu(
                query.message,
                text,
                _back_to_settings(query.message, shown_t, callback_data.chat_id),
            )


def back_row(
    t: Texts, chat_id: int, section: str = MAIN, action: str = "show"
) -> list[InlineKeyboardButton]:
    """ "‹ Back" to a settings screen: under every choice and every typed prompt of /settings.
    Pressing it (as any settings button) also stops waiting for a typed answer."""
    back = SettingsCB(chat_id=chat_id, section=section, action=action).pack()
    return [InlineKeyboardButton(text=t("settings-back"), callback_data=back)]


def with_back(
    t: Texts, chat_id: int, rows: list[list[InlineKeyboardButton]], section: str = MAIN
) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[*rows, back_row(t, chat_id, section)])


def _back_to_settings(message: Message, t: Texts, chat_id: int) -> InlineKeyboardMarkup | None:
    """Chosen from /settings in private: the way back to the settings stays (in the group's
    own /lang or /timezone menu there is nothing to go back to)."""
    if message.chat.type != "private":
        return None
    return with_back(t, chat_id, [])


async def typed_timezone(
    message: Message, state: FSMContext, t: Texts, users: UsersRepo, checkin_service: CheckinService
) -> None:
    assert message.from_user is not None
    try:
        zone = normalize_timezone(message.text or "")
    except InvalidTimezone:
        await message.answer(t("tz-invalid"))
        return
    await users.set_timezone(message.from_user.id, zone)
    await checkin_service.replan(message.from_user.id)
    await state.clear()
    await message.answer(t("tz-changed", zone=zone_label(zone, t.lang)))


# --- /settings: a community's settings, for its moderators ---

DEEP_LINK_SETTINGS = "s"
# Forms a settings button opens; any other settings button leaves them.
SETTINGS_FORMS = frozenset({"TextForm", "LogChatForm", "CategoryForm", "CrisisForm"})


async def settings_command(
    message: Message,
    t: Texts,
    group_t: Texts,
    actor: Actor,
    permissions: Permissions,
    runtime: Runtime,
    settings: Settings,
    community_service: CommunityService,
    community_checkins: CommunityCheckins,
) -> None:
    if message.chat.type != "private":
        if not await _group_moderator(message, actor, permissions, group_t, runtime):
            return
        payload = f"{DEEP_LINK_SETTINGS}{message.chat.id}"
        await private_hint(message, runtime, group_t, "settings-open-private", payload)
        return
    if actor.user_id is None:
        return  # an anonymous admin speaks only in groups
    selection = await community_service.selection(actor.user_id)
    mine = [
        c for c in selection.options if await permissions.may(c.chat_id, actor, Action.MODERATE)
    ]
    if not mine:
        await message.answer(t("settings-no-community"))
    elif len(mine) == 1:
        await show_main(message, mine[0], t, community_checkins, settings, edit=False)
    else:
        rows = [
            [
                InlineKeyboardButton(
                    text=c.title or str(c.chat_id),
                    callback_data=SettingsCB(chat_id=c.chat_id, section=MAIN).pack(),
                )
            ]
            for c in mine[:20]
        ]
        await message.answer(
            t("settings-choose"), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows)
        )


def register_links(links: DeepLinks) -> None:
    links.add(DEEP_LINK_SETTINGS, open_link)


async def open_link(message: Message, chat_id: int, context: LinkContext) -> None:
    """/start s<chat id>: the button under /settings in the group."""
    t, runtime = context.t, context.runtime
    communities, permissions = runtime.communities, runtime.permissions
    assert message.from_user is not None
    community = await communities.get(chat_id)
    actor = Actor(message.from_user.id)
    if (
        community is None
        or not community.active
        or not await permissions.may(chat_id, actor, Action.MODERATE)
    ):
        await message.answer(t("not-allowed-moderators"))
        return
    await show_main(message, community, t, runtime.community_checkins, runtime.settings, edit=False)


async def moderated_press(
    query: CallbackQuery,
    chat_id: int,
    t: Texts,
    communities: CommunitiesRepo,
    permissions: Permissions,
    state: FSMContext | None,
) -> tuple[Message, Community] | None:
    """The community a settings button is about, if the presser moderates it — asked again on
    every press (callback data can be forged) — and the private message it came from."""
    message = own_private_message(query)
    community = await communities.get(chat_id)
    allowed = (
        message is not None
        and community is not None
        and community.active
        and await permissions.may(chat_id, Actor(query.from_user.id), Action.MODERATE)
    )
    if not allowed or message is None or community is None:
        await query.answer(t("not-allowed"), show_alert=True)
        return None
    if state is not None and (await state.get_state() or "").split(":")[0] in SETTINGS_FORMS:
        # Another settings button: a text asked for earlier is no longer awaited, so a later
        # message (a reply in a relayed conversation, say) never lands in the rules.
        await state.clear()
    return message, community


class SectionCB(Protocol):
    """What a settings section's callback data has: the community it is about."""

    @property
    def chat_id(self) -> int: ...


CB = TypeVar("CB", bound=SectionCB)


@dataclass(frozen=True)
class SectionPress(Generic[CB]):
    """A press in a /settings section by one who moderates that community, asked again."""

    query: CallbackQuery
    cb: CB
    message: Message
    community: Community
    t: Texts
    state: FSMContext
    runtime: Runtime

    @property
    def chat_id(self) -> int:
        return self.community.chat_id

    @property
    def by(self) -> int:
        return self.query.from_user.id

    @property
    def actor(self) -> Actor:
        return Actor(self.by)

    @property
    def store(self) -> CommunitySettings:
        return self.runtime.community_settings

    async def outdated(self) -> bool:
        await self.query.answer(self.t("button-outdated"), show_alert=True)
        return False

    async def saved(self) -> bool:
        await self.query.answer(self.t("settings-saved"))
        return True


# A section's step: True when the section is to be shown again after it (`show`), False when
# the step answered the press itself.
SectionStep = Callable[[SectionPress[CB]], Awaitable[bool]]


def section_press(
    step: SectionStep[CB], show: Callable[[SectionPress[CB]], Awaitable[None]]
) -> Callable[..., Awaitable[None]]:
    """One press of a settings section: the presser's rights in that community asked again
    (and a text asked for earlier no longer awaited), then the step, then the section."""

    async def handle(
        query: CallbackQuery, callback_data: CB, state: FSMContext, t: Texts, runtime: Runtime
    ) -> None:
        found = await moderated_press(
            query, callback_data.chat_id, t, runtime.communities, runtime.permissions, state
        )
        if found is None:
            return
        press = SectionPress(query, callback_data, *found, t, state, runtime)
        if await step(press):
            await show(press)

    handle.__name__ = getattr(step, "__name__", "section_press")  # the error log names the step
    return handle


def section_keyboard(
    t: Texts, chat_id: int, section: str, rows: list[tuple[str, str, int]]
) -> InlineKeyboardMarkup:
    """A settings section's buttons, one a row as (text, action, value), and "Back"."""
    buttons = [
        [
            InlineKeyboardButton(
                text=text,
                callback_data=SettingsCB(
                    chat_id=chat_id, section=section, action=action, value=value
                ).pack(),
            )
        ]
        for text, action, value in rows
    ]
    return with_back(t, chat_id, buttons)


class MainAction(StrEnum):
    """What a button of the settings' main screen opens (any other action: the screen)."""

    SHOW = "show"
    LANGUAGE = "lang"
    TIMEZONE = "tz"


async def _main_screen(p: SectionPress[SettingsCB]) -> None:
    rt = p.runtime
    await show_main(p.message, p.community, p.t, rt.community_checkins, rt.settings, edit=True)


async def settings_main(p: SectionPress[SettingsCB]) -> bool:
    await p.query.answer()
    return True


async def main_language(p: SectionPress[SettingsCB]) -> bool:
    await p.query.answer()
    rows = language_keyboard(p.t, p.chat_id).inline_keyboard
    await update_menu(p.message, p.t("lang-choose-group"), with_back(p.t, p.chat_id, rows))
    return False


async def main_timezone(p: SectionPress[SettingsCB]) -> bool:
    await p.query.answer()
    zone = p.community.timezone or p.runtime.settings.default_timezone
    await update_menu(
        p.message,
        p.t("tz-choose-group", current=zone_label(zone, p.t.lang)),
        with_back(p.t, p.chat_id, timezone_keyboard(p.t, p.chat_id).inline_keyboard),
    )
    return False


async def show_main(
    message: Message,
    community: Community,
    t: Texts,
    cc: CommunityCheckins,
    settings: Settings,
    *,
    edit: bool,
) -> None:
    zone = community.timezone or settings.default_timezone
    language = community.language or settings.default_language
    text = "\n".join(
        [
            t("settings-title", title=community.title),
            "",
            t("settings-language", language=t(f"lang-name-{language}")),
            t("settings-timezone", zone=zone_label(zone, t.lang)),
            t(
                "settings-checkins-on"
                if await cc.enabled(community.chat_id)
                else "settings-checkins-off"
            ),
        ]
    )

    def button(text: str, section: str, action: str = MainAction.SHOW) -> InlineKeyboardButton:
        return InlineKeyboardButton(
            text=text,
            callback_data=SettingsCB(
                chat_id=community.chat_id, section=section, action=action
            ).pack(),
        )

    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [button(t("settings-section-general"), "gn")],
            [button(t("settings-section-checkins"), "ci")],
            [button(t("settings-section-requests"), "rq")],
            [button(t("settings-section-vacancies"), "vc")],
            [button(t("settings-section-meetings"), "mt")],
            [button(t("settings-section-order"), "md")],
            [
                button(t("settings-section-language"), MAIN, MainAction.LANGUAGE),
                button(t("settings-section-timezone"), MAIN, MainAction.TIMEZONE),
            ],
        ]
    )
    if edit:
        await update_menu(message, text, keyboard)
    else:
        await message.answer(text, reply_markup=keyboard)


# Names a moderator may type after /settopic, in either language.
TOPIC_ALIASES = {
    "requests": "requests",
    "просьбы": "requests",
    "помощь": "requests",
    "jobs": "jobs",
    "вакансии": "jobs",
    "работа": "jobs",
    "events": "events",
    "meetings": "events",
    "встречи": "events",
    "мероприятия": "events",
}


async def set_topic(
    message: Message,
    command: CommandObject,
    group_t: Texts,
    actor: Actor,
    permissions: Permissions,
    runtime: Runtime,
    community_settings: CommunitySettings,
) -> None:
    """/settopic requests — sent inside a forum topic by a moderator: that feature posts
    there from now on; `/settopic requests off` goes back to the general chat."""
    if not await _group_moderator(message, actor, permissions, group_t, runtime):
        return
    words = (command.args or "").lower().split()
    feature = TOPIC_ALIASES.get(words[0]) if words else None
    if feature is None:
        await brief(message, runtime, group_t("topic-usage"), refusal=True)
        return
    option = FEATURE_TOPICS[feature]
    by = actor  # an anonymous admin is recorded as one
    if len(words) > 1 and words[1] in ("off", "выкл", "нет"):
        await community_settings.set(message.chat.id, option, None, by)
        await message.reply(group_t(f"topic-{feature}-off"))
        return
    if not message.is_topic_message or not message.message_thread_id:
        await brief(message, runtime, group_t("topic-not-in-topic"), refusal=True)
        return
    await community_settings.set(message.chat.id, option, message.message_thread_id, by)
    await message.reply(group_t(f"topic-{feature}-set"))
