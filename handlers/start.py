"""/start (with deep links), /help, /cancel and the main menu."""

from __future__ import annotations

from functools import partial
from typing import Any

from aiogram import Dispatcher, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove

from bot.callbacks import MenuCB
from bot.filters import PRIVATE, pressed_privately
from bot.i18n import Texts
from bot.keyboards import ADD_TO_GROUP_PAYLOAD, MENU_ITEMS, main_menu
from bot.runtime import Runtime
from bot.services.communities import Choice, CommunityService
from bot.services.community_settings import CommunitySettings
from bot.services.welcome import WelcomeService
from bot.views.cleanup import brief, private_hint
from handlers import community, leadership
from handlers.deeplinks import DeepLinks, LinkContext, sender_id

HELD_SHOWN = 3  # groups whose rules /start shows to a newcomer still read-only there


def router(links: DeepLinks) -> Router:
    """/start in private opens `links` (built once per set of routers, by handlers/__init__)."""
    r = Router(name="start")
    r.message.register(cancel, Command("cancel"))
    r.message.register(partial(start_private, links=links), CommandStart(), PRIVATE)
    r.message.register(start_group, CommandStart())
    r.callback_query.register(menu, MenuCB.filter())
    return r


async def cancel(
    message: Message, state: FSMContext, t: Texts, group_t: Texts, runtime: Runtime
) -> None:
    if message.chat.type != "private":
        t = group_t  # seen by the whole group
    if await state.get_state() is None:
        await brief(message, runtime, t("cancel-nothing"))
        return
    await state.clear()
    if message.chat.type == "private":
        # A picker's reply keyboard (the log chat's) goes with the form it belonged to.
        await message.answer(t("cancel-done"), reply_markup=ReplyKeyboardRemove())
        return
    await brief(message, runtime, t("cancel-done"))


def register_links(links: DeepLinks) -> None:
    # The group's /start leads to the menu itself, with that group chosen.
    links.add(community.DEEP_LINK_COMMUNITY, community_link)


async def start_private(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    t: Texts,
    runtime: Runtime,
    welcome: WelcomeService,
    community_service: CommunityService,
    community_settings: CommunitySettings,
    links: DeepLinks,
    **data: Any,
) -> None:
    # `data`: a link may run a command as if typed, which may read any handler data.
    payload = (command.args or "").strip()
    everything = {
        **data,
        "state": state,
        "t": t,
        "runtime": runtime,
        "welcome": welcome,
        "community_service": community_service,
        "community_settings": community_settings,
    }
    if await links.run(message, payload, LinkContext(state, t, runtime, everything)):
        return
    await state.clear()
    await open_menu(message, t, runtime, welcome, community_service, community_settings)


async def open_menu(
    message: Message,
    t: Texts,
    runtime: Runtime,
    welcome: WelcomeService,
    community_service: CommunityService,
    community_settings: CommunitySettings,
) -> None:
    user_id = sender_id(message)
    # The first visit of a member who never wrote in their group: Telegram is asked (bounded,
    # cached), so the next command already knows the community.
    await community_service.discover(user_id)
    selection = await community_service.selection(user_id)
    await show_menu(message, t, runtime, community.status_line(selection, t))
    if selection.outcome is Choice.NEEDS_CHOICE:
        # In several communities and none chosen yet: ask once, with buttons.
        await community.show_choices(message, user_id, t, community_service)
    await held_rules(message, user_id, t, welcome, community_service, community_settings)


async def community_link(message: Message, chat_id: int, context: LinkContext) -> None:
    """/start c<chat id>, the button under /start in a group: the menu, for that group."""
    t, community_service = context.t, context.runtime.community_service
    chosen = await community_service.select(sender_id(message), chat_id)
    line = t("community-selected", title=chosen.title) if chosen else t("community-link-invalid")
    await show_menu(message, t, context.runtime, line)


async def show_menu(message: Message, t: Texts, runtime: Runtime, line: str) -> None:
    """The greeting, a line on the person's community, and the main menu ("Add to a group"
    under it: how a new community begins)."""
    assert message.from_user is not None
    text = "\n\n".join([t("start-welcome", name=message.from_user.first_name), line])
    await message.answer(text, reply_markup=main_menu(t, (await runtime.bot.me()).username))


async def held_rules(
    message: Message,
    user_id: int,
    t: Texts,
    welcome: WelcomeService,
    community_service: CommunityService,
    community_settings: CommunitySettings,
) -> None:
    """A newcomer still read-only somewhere finds the way out here: that group's rules, with
    "I accept the rules"."""
    for chat_id in (await welcome.held_in(user_id))[:HELD_SHOWN]:
        held = await community_service.active(chat_id)
        if held is not None:
            await leadership.show_rules(message, held, t, community_settings, welcome)


async def start_group(
    message: Message, command: CommandObject, group_t: Texts, runtime: Runtime
) -> None:
    if (command.args or "").strip() == ADD_TO_GROUP_PAYLOAD:
        return  # the bot was just added with the "add to a group" link: its greeting says it all
    payload = f"{community.DEEP_LINK_COMMUNITY}{message.chat.id}"
    await private_hint(message, runtime, group_t, "group-start-hint", payload)


async def menu(
    query: CallbackQuery,
    callback_data: MenuCB,
    t: Texts,
    dispatcher: Dispatcher,
    **data: Any,
) -> None:
    """Main-menu buttons run their command as if typed: one flow, whichever way a person comes.
    `data`: the command's handler, whichever it is, gets the handler data it would get."""
    message = await pressed_privately(query, t)
    if message is None:
        return
    if callback_data.item not in MENU_ITEMS:
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await query.answer()
    typed = message.model_copy(
        update={"text": f"/{callback_data.item}", "entities": None, "from_user": query.from_user}
    )
    await dispatcher.propagate_event("message", typed, t=t, dispatcher=dispatcher, **data)
