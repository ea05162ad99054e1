"""/sos — help for a hard moment, one tap from anywhere: the crisis lines first (the community's
own, else the built-in list for the person's language), then the people of the community who
volunteered to listen, then an anonymous request to the group.

It works for someone with no community, and without the database: the built-in lines are texts
in the locales, and `first_aid` answers an /sos the bot cannot otherwise serve (the database
refused to store the update, or its handler failed) with them."""

from __future__ import annotations

import logging
import sqlite3
from contextlib import suppress

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramForbiddenError
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)

from bot.callbacks import CheckinAction, CheckinCB, MenuCB, SosAction, SosCB
from bot.filters import PRIVATE, pressed_privately
from bot.i18n import Texts, Translator, pick_language
from bot.keyboards import open_private
from bot.middlewares.retry import ReplyQueued
from bot.runtime import Runtime
from bot.services.requests import HelpService
from bot.services.sos import SUPPORT_REQUEST, SosService, Support
from bot.texts import mention, parse_telegram_id
from bot.views.checkins import contact_button
from bot.views.cleanup import brief
from handlers.community import choices_keyboard
from handlers.deeplinks import DeepLinks, LinkContext, sender_id
from handlers.requests import ask

log = logging.getLogger(__name__)

DEEP_LINK_SOS = "sos"  # /start sos<group>: the screen in private (under a group's /sos)


def router() -> Router:
    r = Router(name="sos")
    r.message.register(sos_private, Command("sos"), PRIVATE)
    r.message.register(sos_group, Command("sos"))
    r.callback_query.register(open_screen, SosCB.filter(F.action == SosAction.OPEN))
    r.callback_query.register(ask_group, SosCB.filter(F.action == SosAction.ASK))
    return r


def crisis_lines(t: Texts, own: str | None, title: str | None) -> str:
    """The community's own crisis resources when it has them, else the built-in list (texts in
    the locales: nothing stands between a person and this answer)."""
    if own and title is not None:
        return t("crisis-own", title=title, text=own)
    return t("sos-lines")


def screen(t: Texts, support: Support) -> tuple[str, InlineKeyboardMarkup | None]:
    community = support.community
    title = community.title if community is not None else None
    parts = [t("sos-title"), crisis_lines(t, support.crisis_text, title)]
    rows: list[list[InlineKeyboardButton]] = []
    if not support.complete:
        parts.append(t("sos-partial"))
    elif community is None and support.options:
        # In several communities, none chosen yet: one tap, then the people of that one.
        parts.append(t("sos-choose"))
        rows += choices_keyboard(t, support.options, None).inline_keyboard
    elif community is None:
        parts.append(t("sos-no-community"))
    else:
        if support.listeners:
            names = ["• " + mention(u.id, u.first_name or t("someone")) for u in support.listeners]
            parts.append("\n".join([t("sos-listeners", title=community.title), *names]))
            rows += [[b] for u in support.listeners if (b := contact_button(t, u)) is not None]
        else:
            parts.append(t("sos-listeners-none", title=community.title))
        if support.may_ask:
            parts.append(t("sos-ask", title=community.title))
            ask_button = InlineKeyboardButton(
                text=t("sos-ask-button"), callback_data=SosCB(action=SosAction.ASK).pack()
            )
            rows.append([ask_button])
    keyboard = InlineKeyboardMarkup(inline_keyboard=rows) if rows else None
    return "\n\n".join(parts), keyboard


async def show(message: Message, user_id: int, t: Texts, sos_service: SosService) -> None:
    """The /sos screen in the person's private chat."""
    text, keyboard = screen(t, await sos_service.for_person(user_id))
    await message.answer(text, reply_markup=keyboard)


def register_links(links: DeepLinks) -> None:
    # The id is optional here: a broken one still shows the screen. A form in progress stays.
    links.add_raw(DEEP_LINK_SOS, sos_link, keeps_form=True)


async def sos_link(message: Message, rest: str, context: LinkContext) -> None:
    """ "Help right now" under a group's /sos: for that group when they are in it."""
    user_id = sender_id(message)
    chat_id = parse_telegram_id(rest)
    if chat_id is not None:
        community_service = context.runtime.community_service
        await community_service.select(user_id, chat_id)
    await show(message, user_id, context.t, context.runtime.sos)


async def sos_private(message: Message, t: Texts, sos_service: SosService) -> None:
    assert message.from_user is not None
    await show(message, message.from_user.id, t, sos_service)


async def sos_group(
    message: Message, group_t: Texts, runtime: Runtime, sos_service: SosService
) -> None:
    """In a group: the crisis lines right there (the group's own, in its language), and a
    button on to private chat for the listeners and the anonymous request. The command goes
    with the answer after a while, so nobody's hard moment stays on the group's screen."""
    support = await sos_service.for_group(message.chat.id)
    text = "\n\n".join(
        [
            group_t("sos-title"),
            crisis_lines(group_t, support.crisis_text, message.chat.title or ""),
            group_t("sos-group-more"),
        ]
    )
    me = await runtime.bot.me()
    payload = f"{DEEP_LINK_SOS}{message.chat.id}"
    await brief(message, runtime, text, keyboard=open_private(group_t, me.username or "", payload))


async def open_screen(query: CallbackQuery, t: Texts, sos_service: SosService) -> None:
    message = await pressed_privately(query, t)
    if message is None:
        return
    await query.answer()
    await show(message, query.from_user.id, t, sos_service)


async def ask_group(
    query: CallbackQuery,
    state: FSMContext,
    t: Texts,
    sos_service: SosService,
    help_service: HelpService,
) -> None:
    """An anonymous request for support, in the community the person acts for now."""
    message = await pressed_privately(query, t)
    if message is None:
        return
    community = await sos_service.ask_community(query.from_user.id)
    if community is None:
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await query.answer()
    await ask.begin(
        message,
        query.from_user.id,
        community.chat_id,
        state,
        t,
        help_service,
        prefill=dict(SUPPORT_REQUEST),
    )


# --- when the bot cannot serve an /sos: the built-in lines, with no database at all ---


def _wanted(data: str) -> bool:
    """Callback data of a button that opens /sos (the old check-in "where to get help" too)."""
    for factory, opens in (
        (SosCB, lambda cb: cb.action is SosAction.OPEN),
        (MenuCB, lambda cb: cb.item == "sos"),
        (CheckinCB, lambda cb: cb.action is CheckinAction.CRISIS),
    ):
        try:
            unpacked = factory.unpack(data)
        except (ValueError, TypeError):
            continue
        return bool(opens(unpacked))
    return False


async def asks_for_sos(update: Update, bot: Bot) -> bool:
    message = update.message
    if message is not None and message.text:
        first, _, rest = message.text.strip().partition(" ")
        name, _, addressed = first.partition("@")
        if name.lower() == "/start":
            return message.chat.type == "private" and rest.strip().startswith(DEEP_LINK_SOS)
        if name.lower() != "/sos":
            return False
        if addressed:  # "/sos@other_bot" in a group is not ours
            with suppress(TelegramAPIError):
                return addressed.lower() == ((await bot.me()).username or "").lower()
            return False
        return True
    query = update.callback_query
    return query is not None and bool(query.data) and _wanted(query.data or "")


async def first_aid(update: Update, bot: Bot, translator: Translator) -> bool:
    """An update that asks for /sos, when the bot cannot serve it: the built-in crisis lines at
    once, in the language of the person's Telegram app (nothing read from the database). True
    when the update was such a request (answered, or at least tried)."""
    if not await asks_for_sos(update, bot):
        return False
    message, query = update.message, update.callback_query
    user = message.from_user if message is not None else query.from_user if query else None
    lang = pick_language(None, user.language_code if user else None, translator.default_language)
    t = translator.texts(lang)
    text = "\n\n".join([t("sos-title"), t("sos-offline"), t("sos-lines")])
    try:
        if query is not None:
            # An alert is too short for the lines: they come as a message in private.
            with suppress(TelegramBadRequest):
                await query.answer()
            await bot.send_message(query.from_user.id, text)
        elif message is not None and message.chat.type == "private":
            await message.answer(text)
        elif message is not None:
            await message.reply(text)
    except TelegramForbiddenError:
        pass  # they never opened the private chat, or blocked the bot: nowhere to write
    except (TelegramAPIError, ReplyQueued, sqlite3.Error, OSError) as exc:
        # Telegram would not take it now, and the outbox could not keep it: as with any notice
        # that could not go, it is logged.
        log.warning("could not send the crisis lines", extra={"error": type(exc).__name__})
    return True
