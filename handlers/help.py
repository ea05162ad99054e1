"""/help: short and sectioned. In private a few lines and a button per section (the
moderators' sections for those who moderate somewhere); a section lists its commands with
their menu descriptions, so /help and the command menus never tell two stories. In a group:
the commands that work there (the moderators' too, for a moderator)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import HelpSectionCB
from bot.filters import PRIVATE, pressed_privately
from bot.i18n import Texts
from bot.keyboards import sos_button, update_menu
from bot.runtime import Runtime
from bot.services.communities import CommunityService
from bot.services.permissions import Action, Actor, Permissions
from bot.views.cleanup import brief
from handlers.commands import (
    GROUP,
    HELP_SECTIONS,
    MEMBER_SECTIONS,
    MODERATOR_SECTIONS,
    SECTION_NOTES,
)
from handlers.community import open_opora

HOME = ""  # HelpSectionCB.section of the list of sections
PER_ROW = 2


def router() -> Router:
    r = Router(name="help")
    r.message.register(help_private, Command("help"), PRIVATE)
    r.message.register(help_group, Command("help"))
    r.callback_query.register(section_pressed, HelpSectionCB.filter())
    return r


def _command_lines(t: Texts, names: tuple[str, ...]) -> list[str]:
    return [f"/{name} — {t(f'cmd-{name}')}" for name in names]


def home(t: Texts, moderator: bool) -> tuple[str, InlineKeyboardMarkup]:
    """The first screen: what the bot is for in a few lines, then a button per section."""
    sections = list(MEMBER_SECTIONS) + (list(MODERATOR_SECTIONS) if moderator else [])
    buttons = [
        InlineKeyboardButton(
            text=t(f"help-section-{name}"), callback_data=HelpSectionCB(section=name).pack()
        )
        for name in sections
    ]
    rows = [buttons[i : i + PER_ROW] for i in range(0, len(buttons), PER_ROW)]
    rows.append([sos_button(t)])
    return t("help-home"), InlineKeyboardMarkup(inline_keyboard=rows)


def section(t: Texts, name: str) -> tuple[str, InlineKeyboardMarkup]:
    lines = [f"<b>{t(f'help-section-{name}')}</b>", *_command_lines(t, HELP_SECTIONS[name])]
    if name in SECTION_NOTES:
        lines += ["", t(f"help-note-{name}")]
    back = InlineKeyboardButton(
        text=t("help-back"), callback_data=HelpSectionCB(section=HOME).pack()
    )
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=[[back]])


async def moderates_somewhere(
    user_id: int, community_service: CommunityService, permissions: Permissions
) -> bool:
    selection = await community_service.selection(user_id)
    for option in selection.options:
        if await permissions.may(option.chat_id, Actor(user_id), Action.MODERATE):
            return True
    return False


async def show_home(
    message: Message,
    user_id: int,
    t: Texts,
    community_service: CommunityService,
    permissions: Permissions,
) -> None:
    moderator = await moderates_somewhere(user_id, community_service, permissions)
    text, keyboard = home(t, moderator)
    await message.answer(text, reply_markup=keyboard)


async def help_private(
    message: Message, t: Texts, community_service: CommunityService, permissions: Permissions
) -> None:
    assert message.from_user is not None
    await show_home(message, message.from_user.id, t, community_service, permissions)


async def section_pressed(
    query: CallbackQuery,
    callback_data: HelpSectionCB,
    t: Texts,
    community_service: CommunityService,
    permissions: Permissions,
) -> None:
    message = await pressed_privately(query, t)
    if message is None:
        return
    name = callback_data.section
    if name == HOME:
        moderator = await moderates_somewhere(query.from_user.id, community_service, permissions)
        text, keyboard = home(t, moderator)
    elif name in HELP_SECTIONS:
        # The moderators' sections hold no secret (the README lists the same), so a forged
        # press is simply shown the list.
        text, keyboard = section(t, name)
    else:
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await query.answer()
    await update_menu(message, text, keyboard)


def group_text(t: Texts, moderator: bool) -> str:
    lines = [t("help-group"), *_command_lines(t, GROUP), t("help-group-admin-call")]
    if moderator:
        lines += ["", f"<b>{t('help-group-moderators')}</b>"]
        for name in MODERATOR_SECTIONS:
            lines += _command_lines(t, MODERATOR_SECTIONS[name])
    return "\n".join(lines)


async def help_group(
    message: Message, group_t: Texts, actor: Actor, permissions: Permissions, runtime: Runtime
) -> None:
    """The group's commands, in the group's language; "Open Opora" for everything personal."""
    moderator = await permissions.may(message.chat.id, actor, Action.MODERATE)
    me = await runtime.bot.me()
    keyboard = open_opora(group_t, me.username or "", message.chat.id)
    await brief(message, runtime, group_text(group_t, moderator), keyboard=keyboard)
