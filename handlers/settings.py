"""Language and time zone: a person's own in private chat, the community's in a group
(moderators only, re-checked on every button press)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import LangCB, TzCB
from bot.config import SUPPORTED_LANGUAGES, Settings
from bot.filters import PRIVATE, Inline
from bot.i18n import Texts, Translator
from bot.repos.communities import CommunitiesRepo
from bot.repos.users import UsersRepo
from bot.services.checkins import CheckinService
from bot.services.permissions import Action, Actor, Permissions
from bot.texts import zone_label
from bot.timeutil import COMMON_ZONES, InvalidTimezone, normalize_timezone


class SettingsForm(StatesGroup):
    timezone = State()


def router() -> Router:
    r = Router(name="settings")
    r.message.register(lang_command, Command("lang", "language"))
    r.message.register(timezone_command, Command("timezone", "tz"))
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


def language_keyboard(t: Texts, chat_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t(f"lang-name-{code}"),
                    callback_data=LangCB(code=code, chat_id=chat_id).pack(),
                )
                for code in SUPPORTED_LANGUAGES
            ]
        ]
    )


def timezone_keyboard(t: Texts, chat_id: int) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(
            text=zone_label(zone, t.lang), callback_data=TzCB(index=i, chat_id=chat_id).pack()
        )
        for i, zone in enumerate(COMMON_ZONES)
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
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
    message: Message, actor: Actor, permissions: Permissions, t: Texts
) -> bool:
    if await permissions.may(message.chat.id, actor, Action.MODERATE):
        return True
    await message.reply(t("not-allowed-moderators"))
    return False


async def lang_command(
    message: Message, t: Texts, group_t: Texts, actor: Actor, permissions: Permissions
) -> None:
    if message.chat.type == "private":
        await ask_language(message, t, chat_id=0)
    elif await _group_moderator(message, actor, permissions, group_t):
        await message.reply(
            group_t("lang-choose-group"), reply_markup=language_keyboard(group_t, message.chat.id)
        )


async def timezone_command(
    message: Message,
    t: Texts,
    group_t: Texts,
    actor: Actor,
    permissions: Permissions,
    users: UsersRepo,
    communities: CommunitiesRepo,
    settings: Settings,
) -> None:
    if message.chat.type == "private":
        assert message.from_user is not None
        await ask_timezone(message, t, users, message.from_user.id, chat_id=0)
        return
    if await _group_moderator(message, actor, permissions, group_t):
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
    communities: CommunitiesRepo,
    permissions: Permissions,
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
        await communities.set_language(callback_data.chat_id, code)
        await query.answer(new_t("lang-changed-group"))
        if isinstance(query.message, Message):
            await query.message.edit_text(new_t("lang-changed-group"))


async def set_timezone(
    query: CallbackQuery,
    callback_data: TzCB,
    state: FSMContext,
    t: Texts,
    group_t: Texts,
    users: UsersRepo,
    communities: CommunitiesRepo,
    permissions: Permissions,
    checkin_service: CheckinService,
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
        await query.answer(t("tz-changed", zone=label))
        if isinstance(query.message, Message):
            await query.message.answer(t("tz-changed", zone=label))
    else:
        await communities.set_timezone(callback_data.chat_id, zone)
        await query.answer(t("tz-changed-group", zone=label))
        if isinstance(query.message, Message):
            # The post stays in the group: in the community's language.
            group_label = zone_label(zone, group_t.lang)
            await query.message.edit_text(group_t("tz-changed-group", zone=group_label))


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
