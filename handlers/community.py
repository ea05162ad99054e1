"""Which community a person acts for in private chat (/community and its buttons), and
volunteering as a listener there (/listener)."""

from __future__ import annotations

from contextlib import suppress

from aiogram import Router
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import CommunityCB, CommunityPageCB
from bot.filters import GROUPS, PRIVATE
from bot.i18n import Texts
from bot.keyboards import PAGE_SIZE, deep_link, main_menu, pager_row
from bot.repos.communities import CommunitiesRepo, Community
from bot.runtime import Runtime
from bot.services.communities import Choice, CommunityService, Selection
from bot.services.permissions import Action, Actor, Permissions
from bot.texts import clip
from bot.views.cleanup import brief

# /start c<chat id>: "Open Opora" in a group. Whoever arrives by it is asked about at Telegram
# (getChatMember) and, a member, acts for that community from the first tap.
DEEP_LINK_COMMUNITY = "c"


def router() -> Router:
    r = Router(name="community")
    r.message.register(community_command, Command("community"), PRIVATE)
    r.message.register(guide, Command("guide"), GROUPS)
    r.message.register(listener_command, Command("listener"))
    r.callback_query.register(choose, CommunityCB.filter())
    r.callback_query.register(turn_page, CommunityPageCB.filter())
    return r


def open_opora(t: Texts, bot_username: str, chat_id: int) -> InlineKeyboardMarkup:
    """One tap from the group to the private chat, as a member of this group."""
    url = deep_link(bot_username, f"{DEEP_LINK_COMMUNITY}{chat_id}")
    button = InlineKeyboardButton(text=t("group-open-opora"), url=url)
    return InlineKeyboardMarkup(inline_keyboard=[[button]])


async def guide(
    message: Message,
    group_t: Texts,
    actor: Actor,
    permissions: Permissions,
    runtime: Runtime,
    community: Community | None,
) -> None:
    """A how-to for members with the "Open Opora" button, for the moderators to pin: the
    group's own message (no reply, never tidied away); the command itself goes."""
    if community is None:
        return
    if not await permissions.may(message.chat.id, actor, Action.MODERATE):
        await brief(message, runtime, group_t("not-allowed-moderators"), refusal=True)
        return
    me = await runtime.bot.me()
    keyboard = open_opora(group_t, me.username or "", message.chat.id)
    await message.answer(group_t("guide-text"), reply_markup=keyboard)
    with suppress(TelegramBadRequest, TelegramForbiddenError):  # no right to delete: it stays
        await message.delete()


def status_line(selection: Selection, t: Texts) -> str:
    if selection.outcome is Choice.SELECTED and selection.community is not None:
        return t("community-current", title=selection.community.title)
    if selection.outcome is Choice.NEEDS_CHOICE:
        return t("community-choose-hint", count=len(selection.options))
    return t("community-none")


def choices_keyboard(
    t: Texts, options: list[Community], current: int | None, page: int = 0
) -> InlineKeyboardMarkup:
    page = min(max(page, 0), max(0, (len(options) - 1) // PAGE_SIZE))
    shown = options[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    rows = [
        [
            InlineKeyboardButton(
                text=("✓ " if c.chat_id == current else "") + clip(c.title or str(c.chat_id), 48),
                callback_data=CommunityCB(chat_id=c.chat_id).pack(),
            )
        ]
        for c in shown
    ]
    pager = pager_row(t, page, len(options), lambda p: CommunityPageCB(page=p).pack())
    if pager:
        rows.append(pager)
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def acting_for(
    message: Message,
    user_id: int,
    t: Texts,
    service: CommunityService,
    choose_key: str = "help-choose-community",
) -> Community | None:
    """The community a private command acts for. Else the answer why there is none: in
    several, the choice right here (one tap, then the command again); in none that we know or
    Telegram could tell us of, the honest "I don't know any community of yours yet" — never a
    way round to /community that ends in the same answer."""
    selection = await service.selection(user_id)
    if selection.outcome is Choice.SELECTED and selection.community is not None:
        return selection.community
    if selection.outcome is Choice.NEEDS_CHOICE:
        keyboard = choices_keyboard(t, selection.options, None)
        await message.answer(t(choose_key), reply_markup=keyboard)
    else:
        await message.answer(t("community-none"))
    return None


async def show_choices(message: Message, user_id: int, t: Texts, service: CommunityService) -> None:
    # Asked for the list: it should hold every group the person is in, written there or not.
    await service.discover(user_id)
    selection = await service.selection(user_id)
    if selection.outcome is Choice.NONE:
        await message.answer(t("community-none"))
        return
    current = selection.community.chat_id if selection.community else None
    text = t("community-choose", count=len(selection.options))
    if selection.community is not None:
        text = t("community-current", title=selection.community.title) + "\n\n" + text
    await message.answer(text, reply_markup=choices_keyboard(t, selection.options, current))


async def turn_page(
    query: CallbackQuery,
    callback_data: CommunityPageCB,
    t: Texts,
    community_service: CommunityService,
) -> None:
    # The list is rebuilt from the presser's own memberships: a forged page shows nothing new.
    selection = await community_service.selection(query.from_user.id)
    await query.answer()
    if isinstance(query.message, Message) and selection.options:
        current = selection.community.chat_id if selection.community else None
        keyboard = choices_keyboard(t, selection.options, current, callback_data.page)
        with suppress(TelegramBadRequest):  # pressed the current page: "not modified"
            await query.message.edit_reply_markup(reply_markup=keyboard)


async def community_command(
    message: Message, t: Texts, community_service: CommunityService
) -> None:
    assert message.from_user is not None
    await show_choices(message, message.from_user.id, t, community_service)


async def choose(
    query: CallbackQuery, callback_data: CommunityCB, t: Texts, community_service: CommunityService
) -> None:
    # The id comes from the client: select() checks membership on the server.
    chosen = await community_service.select(query.from_user.id, callback_data.chat_id)
    if chosen is None:
        await query.answer(t("community-not-member"), show_alert=True)
        return
    await query.answer(t("community-selected-short"))
    if isinstance(query.message, Message):
        await query.message.answer(
            t("community-selected", title=chosen.title), reply_markup=main_menu(t)
        )


async def listener_command(
    message: Message,
    t: Texts,
    group_t: Texts,
    community_service: CommunityService,
    communities: CommunitiesRepo,
) -> None:
    """Volunteer (or stop) as someone members having a hard time may write to. Said in the
    group, it is said to the group: people should know whom to turn to."""
    assert message.from_user is not None
    user_id = message.from_user.id
    if message.chat.type == "private":
        chosen = await acting_for(
            message, user_id, t, community_service, "listener-choose-community"
        )
        if chosen is None:
            return
        community, texts = chosen, t
    else:
        if message.sender_chat is not None:  # an anonymous admin cannot be written to
            await message.reply(group_t("listener-anonymous"))
            return
        found = await communities.get(message.chat.id)
        if found is None:
            return
        community, texts = found, group_t
    now = not await communities.is_listener(community.chat_id, user_id)
    await communities.set_listener(community.chat_id, user_id, now)
    key = "listener-on" if now else "listener-off"
    await message.reply(texts(key, title=community.title, name=message.from_user.first_name))
