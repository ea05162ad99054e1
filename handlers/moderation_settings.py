"""The "order" section of /settings: the welcome, the join gate (and the question to join
requests, typed in private), what warnings lead to and how long they count, the antiflood (its
own screen of presets), and the log chat (picked with Telegram's own chat picker). Every press
re-checks the presser's rights; every change goes to the audit log."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Any

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    KeyboardButtonRequestChat,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from bot.callbacks import SettingsCB
from bot.filters import PRIVATE, TYPED
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.communities import Community
from bot.runtime import Runtime
from bot.services.community_settings import (
    FLOOD,
    FLOOD_MUTE,
    FLOOD_MUTES,
    GATE_FAIL,
    GATE_MINUTES,
    GATE_ON,
    JOIN_QUESTION,
    LOG_CHAT,
    WARN_EXPIRE_DAYS,
    WARN_LIMIT,
    WARN_SANCTION,
    WELCOME_MINUTES,
    WELCOME_ON,
    CommunitySettings,
    Option,
    flood_limit,
)
from bot.services.log_chat import LogChat
from bot.services.permissions import Action, Actor, Permissions
from bot.services.sanctions import LIMIT_SANCTIONS
from bot.texts import clip
from handlers.general_settings import ask_text, text_index
from handlers.settings import SectionPress, SectionStep, section_keyboard, section_press, with_back

SECTION = "md"
LIMITS = (2, 3, 5)
SANCTIONS = tuple(LIMIT_SANCTIONS)
FAILS = ("remove", "keep")
EXPIRY_DAYS = (30, 90, 180, 365)
MINUTES = (5, 10, 30, 60)
PICK_GROUP, PICK_CHANNEL = 1, 2  # request_id of the two chat-picker buttons
QUESTION = text_index("question")  # the typed question to join requests
QUESTION_SHOWN = 160
FLOOD_PRESETS = ("off", "5-5", "10-10")  # messages-seconds
FLOOD_MUTE_PRESETS = tuple(FLOOD_MUTES)


class OrderAction(StrEnum):
    """The section's presses besides CHOICES (each named after the setting it changes)."""

    SHOW = "show"
    FLOOD_SCREEN = "fl"  # the antiflood's own screen
    TEXT = "text"  # the question to join requests, typed next (`value`: QUESTION)
    CLEAR = "clear"  # the question removed (`value`: QUESTION)
    LOG = "log"  # pick the log chat
    LOG_OFF = "logoff"


OA = OrderAction
FLOOD_SCREEN = (OA.FLOOD_SCREEN, "flood", "fmute")  # the actions of the antiflood's own screen


class LogChatForm(StatesGroup):
    pick = State()


def router() -> Router:
    r = Router(name="moderation-settings")
    here = F.section == SECTION
    r.callback_query.register(_press(choose), SettingsCB.filter(here & F.action.in_(CHOICES)))
    for step, actions in STEPS.items():
        r.callback_query.register(_press(step), SettingsCB.filter(here & F.action.in_(actions)))
    # Anything else (a forged action): the rights are asked all the same, then "outdated".
    r.callback_query.register(_press(_outdated), SettingsCB.filter(here))
    r.message.register(log_chat_shared, StateFilter(LogChatForm.pick), PRIVATE, F.chat_shared)
    r.message.register(log_chat_not_picked, StateFilter(LogChatForm.pick), PRIVATE, TYPED)
    return r


# A press that picks one of a setting's values: action → (the setting, its values by index).
CHOICES: dict[str, tuple[Option, tuple[Any, ...]]] = {
    "welcome": (WELCOME_ON, (False, True)),
    "gate": (GATE_ON, (False, True)),
    "fail": (GATE_FAIL, FAILS),
    "limit": (WARN_LIMIT, LIMITS),
    "sanction": (WARN_SANCTION, SANCTIONS),
    "expiry": (WARN_EXPIRE_DAYS, EXPIRY_DAYS),
    "wmin": (WELCOME_MINUTES, MINUTES),
    "gmin": (GATE_MINUTES, MINUTES),
    "flood": (FLOOD, FLOOD_PRESETS),
    "fmute": (FLOOD_MUTE, FLOOD_MUTE_PRESETS),
}


def _following(options: tuple[Any, ...], current: Any) -> int:
    return (options.index(current) + 1) % len(options) if current in options else 0


Press = SectionPress[SettingsCB]
Step = SectionStep[SettingsCB]


async def _show(p: Press) -> None:
    """The section again (or the antiflood's own screen), "Saved" unless only opened."""
    action = p.cb.action
    saved = action not in (OA.SHOW, OA.FLOOD_SCREEN)
    await p.query.answer(p.t("settings-saved") if saved else None)
    if action in FLOOD_SCREEN:
        text, keyboard = await _flood_screen(p.t, p.community, p.store)
    else:
        text, keyboard = await render(p.t, p.community, p.store, p.runtime.bot)
    await update_menu(p.message, text, keyboard)


def _press(step: Step) -> Callable[..., Awaitable[None]]:
    return section_press(step, _show)


async def _outdated(p: Press) -> bool:
    return await p.outdated()


async def choose(p: Press) -> bool:
    option, choices = CHOICES[p.cb.action]
    if not 0 <= p.cb.value < len(choices):
        return await _outdated(p)
    await p.store.set(p.chat_id, option, choices[p.cb.value], p.actor)
    return True


async def opened(p: Press) -> bool:
    return True


async def edit_question(p: Press) -> bool:
    if p.cb.value != QUESTION:
        return await _outdated(p)
    await p.query.answer()
    await ask_text(p.message, p.community, QUESTION, p.t, p.state, p.runtime.clock)
    return False


async def clear_question(p: Press) -> bool:
    if p.cb.value != QUESTION:
        return await _outdated(p)
    await p.store.set(p.chat_id, JOIN_QUESTION, None, p.actor)
    return True


async def _may_appoint(p: Press) -> bool:
    """The log chat is the admins' to choose."""
    if await p.runtime.permissions.may(p.chat_id, p.actor, Action.APPOINT):
        return True
    await p.query.answer(p.t("logchat-admins-only"), show_alert=True)
    return False


async def pick_log_chat(p: Press) -> bool:
    if await _may_appoint(p):
        await p.query.answer()
        await _ask_log_chat(p.message, p.chat_id, p.t, p.state)
    return False


async def log_chat_off(p: Press) -> bool:
    if not await _may_appoint(p):
        return False
    await p.runtime.log_chat.disconnect(p.chat_id, p.actor)
    return True


STEPS: dict[Step, tuple[OrderAction, ...]] = {
    opened: (OA.SHOW, OA.FLOOD_SCREEN),
    edit_question: (OA.TEXT,),
    clear_question: (OA.CLEAR,),
    pick_log_chat: (OA.LOG,),
    log_chat_off: (OA.LOG_OFF,),
}


async def render(
    t: Texts, community: Community, store: CommunitySettings, bot: Bot
) -> tuple[str, InlineKeyboardMarkup]:
    chat_id = community.chat_id
    welcome = bool(await store.get(chat_id, WELCOME_ON))
    gate = bool(await store.get(chat_id, GATE_ON))
    fail = str(await store.get(chat_id, GATE_FAIL))
    limit = int(await store.get(chat_id, WARN_LIMIT))
    sanction = str(await store.get(chat_id, WARN_SANCTION))
    expiry = int(await store.get(chat_id, WARN_EXPIRE_DAYS))
    welcome_minutes = int(await store.get(chat_id, WELCOME_MINUTES))
    gate_minutes = int(await store.get(chat_id, GATE_MINUTES))
    log_chat = await store.get(chat_id, LOG_CHAT)
    question = str(await store.get(chat_id, JOIN_QUESTION))

    rows = [
        (t(f"settings-md-welcome-{'off' if welcome else 'on'}"), "welcome", int(not welcome)),
        (t("settings-md-change-welcome-minutes"), "wmin", _following(MINUTES, welcome_minutes)),
        (t(f"settings-md-gate-{'off' if gate else 'on'}"), "gate", int(not gate)),
        (t("settings-md-change-gate-minutes"), "gmin", _following(MINUTES, gate_minutes)),
        (t("settings-md-change-fail"), "fail", _following(FAILS, fail)),
        (t("settings-md-edit-question"), OA.TEXT, QUESTION),
        (t("settings-md-change-limit"), "limit", _following(LIMITS, limit)),
        (t("settings-md-change-sanction"), "sanction", _following(SANCTIONS, sanction)),
        (t("settings-md-change-expiry"), "expiry", _following(EXPIRY_DAYS, expiry)),
        (t("settings-md-flood-open"), OA.FLOOD_SCREEN, 0),
        (t("settings-md-log-pick"), OA.LOG, 0),
    ]
    if log_chat is not None:
        rows.append((t("settings-md-log-off"), OA.LOG_OFF, 0))
    text = "\n".join(
        [
            t("settings-md-title", title=community.title),
            t(f"settings-md-welcome-is-{'on' if welcome else 'off'}", minutes=welcome_minutes),
            t(f"settings-md-gate-is-{'on' if gate else 'off'}", minutes=gate_minutes),
            t(f"settings-md-join-{'on' if gate else 'off'}"),
            t(f"settings-md-fail-{fail}"),
            t("settings-md-question", text=clip(" ".join(question.split()), QUESTION_SHOWN))
            if question
            else t("settings-md-question-none"),
            t("settings-md-limit", limit=limit, sanction=t(f"settings-md-sanction-{sanction}")),
            t("settings-md-expiry", days=expiry),
            await _flood_line(t, chat_id, store),
            await _log_chat_line(t, log_chat, bot),
        ]
    )
    return text, section_keyboard(t, chat_id, SECTION, rows)


async def _flood_line(t: Texts, chat_id: int, store: CommunitySettings) -> str:
    limit = flood_limit(str(await store.get(chat_id, FLOOD)))
    if limit is None:
        return t("settings-md-flood-off")
    mute = t(f"settings-fl-{await store.get(chat_id, FLOOD_MUTE)}")
    return t("settings-md-flood", messages=limit[0], seconds=limit[1], mute=mute)


async def _flood_screen(
    t: Texts, community: Community, store: CommunitySettings
) -> tuple[str, InlineKeyboardMarkup]:
    """The antiflood's presets as buttons, the chosen ones marked."""
    chat_id = community.chat_id
    current = str(await store.get(chat_id, FLOOD))
    mute = str(await store.get(chat_id, FLOOD_MUTE))

    def button(text: str, action: str, value: int, chosen: bool) -> InlineKeyboardButton:
        data = SettingsCB(chat_id=chat_id, section=SECTION, action=action, value=value)
        return InlineKeyboardButton(text=("• " if chosen else "") + text, callback_data=data.pack())

    presets = []
    for index, preset in enumerate(FLOOD_PRESETS):
        limit = flood_limit(preset)
        label = (
            t("settings-fl-preset", messages=limit[0], seconds=limit[1])
            if limit
            else t("settings-fl-off")
        )
        presets.append(button(label, "flood", index, preset == current))
    mutes = [
        button(t(f"settings-fl-{name}"), "fmute", index, name == mute)
        for index, name in enumerate(FLOOD_MUTE_PRESETS)
    ]
    keyboard = with_back(t, chat_id, [presets, mutes], SECTION)
    text = "\n".join(
        [
            t("settings-fl-title", title=community.title),
            t("settings-fl-explain"),
            await _flood_line(t, chat_id, store),
        ]
    )
    return text, keyboard


async def _log_chat_line(t: Texts, log_chat: int | None, bot: Bot) -> str:
    if log_chat is None:
        return t("settings-md-log-none")
    try:
        chat = await bot.get_chat(log_chat)
        title = chat.title or str(log_chat)
    except TelegramAPIError:
        title = str(log_chat)  # the bot was removed from it: the moderators see which one
    return t("settings-md-log", title=title)


async def _ask_log_chat(message: Message, chat_id: int, t: Texts, state: FSMContext) -> None:
    await state.set_state(LogChatForm.pick)
    await state.update_data(log_for=chat_id)
    keyboard = ReplyKeyboardMarkup(
        keyboard=[
            [
                KeyboardButton(
                    text=t("logchat-pick-group"),
                    request_chat=KeyboardButtonRequestChat(
                        request_id=PICK_GROUP, chat_is_channel=False, bot_is_member=True
                    ),
                ),
                KeyboardButton(
                    text=t("logchat-pick-channel"),
                    request_chat=KeyboardButtonRequestChat(
                        request_id=PICK_CHANNEL, chat_is_channel=True, bot_is_member=True
                    ),
                ),
            ],
            [KeyboardButton(text=t("logchat-pick-cancel"))],
        ],
        resize_keyboard=True,
        one_time_keyboard=True,
    )
    await message.answer(t("logchat-pick"), reply_markup=keyboard)


async def log_chat_shared(
    message: Message,
    state: FSMContext,
    t: Texts,
    permissions: Permissions,
    log_chat: LogChat,
) -> None:
    """The picked chat: the presser must still moderate the community and run that chat."""
    assert message.chat_shared is not None and message.from_user is not None
    chat_id = (await state.get_data()).get("log_for")
    await state.clear()
    actor = Actor(message.from_user.id)
    if not isinstance(chat_id, int) or not await permissions.may(chat_id, actor, Action.APPOINT):
        await message.answer(t("not-allowed-moderators"), reply_markup=ReplyKeyboardRemove())
        return
    outcome = await log_chat.connect(chat_id, message.chat_shared.chat_id, actor)
    await message.answer(t(f"logchat-{outcome}"), reply_markup=ReplyKeyboardRemove())


async def log_chat_not_picked(
    message: Message, state: FSMContext, t: Texts, runtime: Runtime
) -> None:
    """Anything typed instead of picking a chat (the "Cancel" button…) ends it: the picker's
    keyboard goes, and the section comes back to go on from (rights asked again)."""
    assert message.from_user is not None
    chat_id = (await state.get_data()).get("log_for")
    await state.clear()
    await message.answer(t("logchat-cancelled"), reply_markup=ReplyKeyboardRemove())
    community = await runtime.communities.get(chat_id) if isinstance(chat_id, int) else None
    actor = Actor(message.from_user.id)
    if community is None or not await runtime.permissions.may(
        community.chat_id, actor, Action.MODERATE
    ):
        return
    text, keyboard = await render(t, community, runtime.community_settings, runtime.bot)
    await message.answer(text, reply_markup=keyboard)
