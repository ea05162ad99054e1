"""/start (with deep links), /help, /cancel and the main menu."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import MenuCB
from bot.filters import PRIVATE, pressed_privately
from bot.i18n import Texts
from bot.keyboards import ADD_TO_GROUP_PAYLOAD, main_menu
from bot.runtime import Runtime
from bot.services.cleanup import brief, private_hint
from bot.services.communities import Choice, CommunityService
from bot.services.cv import DEEP_LINK_CONTACT
from bot.services.welcome import DEEP_LINK_RULES, WelcomeService
from bot.texts import parse_telegram_id
from bot.views.meetings import DEEP_LINK_ICS
from handlers import (
    community,
    cv,
    fallback,
    intro,
    leadership,
    privacy,
    settings,
    setup,
    sos,
    vacancies,
)
from handlers.checkins import reminders
from handlers.meetings import answers, form
from handlers.requests import ask, helping

DEEP_LINK_COMMUNITY = community.DEEP_LINK_COMMUNITY
DEEP_LINK_CHECKINS = "ci"
DEEP_LINK_HELP = "h"  # "I can help" under a request
HELD_SHOWN = 3  # groups whose rules /start shows to a newcomer still read-only there


def router() -> Router:
    r = Router(name="start")
    r.message.register(cancel, Command("cancel"))
    r.message.register(start_private, CommandStart(), PRIVATE)
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
    await brief(message, runtime, t("cancel-done"))


async def start_private(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    t: Texts,
    community_service: CommunityService,
    **data: Any,
) -> None:
    user = message.from_user
    assert user is not None
    payload = (command.args or "").strip()
    run = fallback.parse_run_link(payload)
    if run is not None:
        # A private command typed in a group: run it here, for that group, as if typed here.
        name, run_in, args = run
        await community_service.select(user.id, run_in)
        typed = message.model_copy(update={"text": f"/{name} {args}".strip(), "entities": None})
        context = {**data, "state": state, "t": t, "community_service": community_service}
        await data["dispatcher"].propagate_event("message", typed, **context)
        return
    if payload.startswith(DEEP_LINK_ICS):
        # "Add to calendar" under an announcement: a file, and any form in progress stays.
        item = parse_telegram_id(payload[len(DEEP_LINK_ICS) :])
        if item is not None:
            await answers.send_ics(
                message, item, user.id, t, data["meetings"], data["meeting_views"]
            )
            return
    if payload.startswith(sos.DEEP_LINK_SOS):
        # "Help right now" under a group's /sos: for that group when they are in it; a form in
        # progress stays.
        chat_id = parse_telegram_id(payload[len(sos.DEEP_LINK_SOS) :])
        if chat_id is not None:
            await community_service.select(user.id, chat_id)
        await sos.show(message, user.id, t, data["sos_service"])
        return
    await state.clear()
    # Buttons under group posts lead here: check-in invitations, /settings.
    if payload.startswith(DEEP_LINK_CHECKINS):
        chat_id = parse_telegram_id(payload[len(DEEP_LINK_CHECKINS) :])
        if chat_id is not None:
            await reminders.join_link(
                message, chat_id, t, community_service, data["community_checkins"]
            )
            return
    if payload[:1] in (ask.DEEP_LINK_ASK, DEEP_LINK_HELP):
        item = parse_telegram_id(payload[1:])
        if item is not None and payload[0] == DEEP_LINK_HELP:
            await helping.open_link(message, item, state, t, data["help_service"])
            return
        if item is not None:
            chosen = await community_service.select(user.id, item)
            if chosen is None:
                await message.answer(t("community-link-invalid"))
                return
            await ask.begin(message, user.id, item, state, t, data["help_service"])
            return
    if payload.startswith(DEEP_LINK_CONTACT):
        item = parse_telegram_id(payload[len(DEEP_LINK_CONTACT) :])
        if item is not None:
            await cv.contact_link(message, item, t, data["cv_service"])
            return
    if payload.startswith(vacancies.DEEP_LINK_REFERRAL):
        item = parse_telegram_id(payload[len(vacancies.DEEP_LINK_REFERRAL) :])
        if item is not None:
            await vacancies.referral_link(message, item, state, t, data["vacancy_service"])
            return
    if payload.startswith(vacancies.DEEP_LINK_VACANCY):
        item = parse_telegram_id(payload[len(vacancies.DEEP_LINK_VACANCY) :])
        if item is not None:
            if await community_service.select(user.id, item) is None:
                await message.answer(t("community-link-invalid"))
                return
            await vacancies.begin(message, user.id, item, state, t, data["vacancy_service"])
            return
    if payload.startswith(DEEP_LINK_RULES):
        item = parse_telegram_id(payload[len(DEEP_LINK_RULES) :])
        if item is not None and await community_service.select(user.id, item) is not None:
            await leadership.rules(message, t=t, community_service=community_service, **data)
            text, keyboard = intro.invitation(t, item)
            await message.answer(text, reply_markup=keyboard)
            return
    if payload.startswith(intro.DEEP_LINK_INTRO):
        item = parse_telegram_id(payload[len(intro.DEEP_LINK_INTRO) :])
        if item is not None:
            if await community_service.select(user.id, item) is None:
                await message.answer(t("community-link-invalid"))
                return
            await intro.begin(message, user.id, item, state, t, data["intros"])
            return
    if payload.startswith(form.DEEP_LINK_MEET):
        item = parse_telegram_id(payload[len(form.DEEP_LINK_MEET) :])
        if item is not None:
            if await community_service.select(user.id, item) is None:
                await message.answer(t("community-link-invalid"))
                return
            await form.begin(message, user.id, item, state, t, data["meetings"])
            return
    if payload.startswith(setup.DEEP_LINK_SETUP):  # before "s": the settings' own prefix
        chat_id = parse_telegram_id(payload[len(setup.DEEP_LINK_SETUP) :])
        if chat_id is not None:
            await setup.open_link(message, chat_id, {"t": t, "state": state, **data})
            return
    if payload.startswith(settings.DEEP_LINK_SETTINGS):
        chat_id = parse_telegram_id(payload[len(settings.DEEP_LINK_SETTINGS) :])
        if chat_id is not None:
            await settings.open_link(message, chat_id, {"t": t, **data})
            return
    lines = [t("start-welcome", name=user.first_name)]
    # "Add to a group" under the menu: how a new community begins.
    menu = main_menu(t, (await data["runtime"].bot.me()).username)
    chat_id = parse_telegram_id(payload[1:]) if payload.startswith(DEEP_LINK_COMMUNITY) else None
    if chat_id is not None:
        chosen = await community_service.select(user.id, chat_id)
        lines.append(
            t("community-selected", title=chosen.title) if chosen else t("community-link-invalid")
        )
        await message.answer("\n\n".join(lines), reply_markup=menu)
        return
    # The first visit of a member who never wrote in their group: Telegram is asked (bounded,
    # cached), so the next command already knows the community.
    await community_service.discover(user.id)
    selection = await community_service.selection(user.id)
    lines.append(community.status_line(selection, t))
    await message.answer("\n\n".join(lines), reply_markup=menu)
    if selection.outcome is Choice.NEEDS_CHOICE:
        # In several communities and none chosen yet: ask once, with buttons.
        await community.show_choices(message, user.id, t, community_service)
    await held_rules(message, user.id, t, community_service, data)


async def held_rules(
    message: Message,
    user_id: int,
    t: Texts,
    community_service: CommunityService,
    data: dict[str, Any],
) -> None:
    """A newcomer still read-only somewhere finds the way out here: that group's rules, with
    "I accept the rules"."""
    welcome: WelcomeService = data["welcome"]
    for chat_id in (await welcome.held_in(user_id))[:HELD_SHOWN]:
        held = await community_service.communities.get(chat_id)
        if held is not None and held.active:
            await leadership.show_rules(message, held, t, data["community_settings"], welcome)


async def start_group(
    message: Message, command: CommandObject, group_t: Texts, runtime: Runtime
) -> None:
    if (command.args or "").strip() == ADD_TO_GROUP_PAYLOAD:
        return  # the bot was just added with the "add to a group" link: its greeting says it all
    payload = f"{DEEP_LINK_COMMUNITY}{message.chat.id}"
    await private_hint(message, runtime, group_t, "group-start-hint", payload)


# Menu buttons that run their command as if typed: one flow, whichever way a person comes.
TYPED_ITEMS = ("checkin", "ask", "offer", "jobs", "meetings", "intro", "sos", "community", "help")


async def menu(query: CallbackQuery, callback_data: MenuCB, **data: Any) -> None:
    """Main-menu buttons open the same flows as their commands."""
    t: Texts = data["t"]
    message = await pressed_privately(query, t)
    if message is None:
        return
    item = callback_data.item
    if item in TYPED_ITEMS:
        await query.answer()
        typed = message.model_copy(
            update={"text": f"/{item}", "entities": None, "from_user": query.from_user}
        )
        await data["dispatcher"].propagate_event("message", typed, **data)
        return
    if item == "lang":
        await settings.ask_language(message, t, chat_id=0)
    elif item == "timezone":
        await settings.ask_timezone(message, t, data["users"], query.from_user.id, chat_id=0)
    elif item == "mydata":
        await privacy.send_export(message, query.from_user.id, t, data["privacy"])
    else:
        await query.answer(t("button-outdated"), show_alert=True)
        return
    await query.answer()
