"""Helping: "I can help" (a deep link from the group post or a helper's notice), the author's
Accept / Decline, resolving and thanks, follow-up answers, moderators' approve / reject /
close / reopen / delete, and the relayed conversation of an anonymous request. Every button
is re-checked on the server: the service asks who pressed and what they may do."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiogram import F, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.enums import ContentType
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.callbacks import HelpAction, HelpCB
from bot.filters import PRIVATE, Inline, pressed_privately
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.repos.requests import HelpRequest
from bot.services.requests import (
    NOTE_LIMIT,
    RELAY_LIMIT,
    RELAYED_MEDIA,
    HelpService,
    Outcome,
)
from bot.texts import utf16_len
from bot.views.requests import (
    DEEP_LINK_HELP,
    actions_keyboard,
    card,
    reveal_keyboard,
    reveal_question,
    thanks_keyboard,
)
from handlers.deeplinks import DeepLinks, LinkContext, sender_id

OUTCOME_TEXT = {
    Outcome.NOT_ALLOWED: "not-allowed",
    Outcome.GONE: "help-gone",
    Outcome.ALREADY: "help-already",
    Outcome.TOO_MANY: "help-too-many",
}


class HelpForm(StatesGroup):
    note = State()
    reject_reason = State()


def router() -> Router:
    r = Router(name="requests-help")
    not_command = Inline(~F.text.startswith("/"))
    r.message.register(typed_note, StateFilter(HelpForm.note), PRIVATE, not_command)
    r.message.register(typed_reason, StateFilter(HelpForm.reject_reason), PRIVATE, not_command)
    steps: dict[Callable[..., Awaitable[None]], tuple[HelpAction, ...]] = {
        open_request: (HelpAction.VIEW, HelpAction.OFFER),
        reject: (HelpAction.REJECT,),
        reveal: (HelpAction.REVEAL,),
        keep_anonymous: (HelpAction.REVEAL_NO,),
        reply: (HelpAction.REPLY,),
        resolve: (HelpAction.RESOLVE,),
        thank: (HelpAction.THANK,),
        service_step: tuple(SERVICE_STEPS),
    }
    for step, actions in steps.items():
        r.callback_query.register(step, HelpCB.filter(F.action.in_(actions)))
    return r


def relay_router() -> Router:
    """Last before the fallback: what a person sends in private chat, outside any form, goes to
    their relayed conversation if they have one: text as text, media as a copy, and anything
    the relay does not carry gets a word saying so."""
    r = Router(name="requests-relay")
    r.message.register(
        relay_text, StateFilter(None), PRIVATE, Inline(F.text & ~F.text.startswith("/"))
    )
    r.message.register(relay_media, StateFilter(None), PRIVATE, F.content_type.in_(RELAYED_MEDIA))
    r.message.register(relay_other, StateFilter(None), PRIVATE, F.content_type.in_(NOT_RELAYED))
    return r


# What people send that the relay does not pass on (service messages are not in it: nobody
# "sends" those, and the usual handlers or the fallback answer them).
NOT_RELAYED = frozenset(
    {
        ContentType.CONTACT,
        ContentType.LOCATION,
        ContentType.VENUE,
        ContentType.POLL,
        ContentType.DICE,
        ContentType.GAME,
        ContentType.STORY,
        ContentType.PAID_MEDIA,
        ContentType.CHECKLIST,
    }
)


async def view(
    message: Message, user_id: int, request: HelpRequest, t: Texts, service: HelpService
) -> None:
    """A request's card in private, with what this person may do with it."""
    moderator = await service.is_moderator(request.chat_id, user_id)
    keyboard = actions_keyboard(
        t, request, author=request.author_id == user_id, moderator=moderator
    )
    offers = await service.offers_made(request.id)
    category = await service.category(request.chat_id, request.category)
    await message.answer(
        card(t, request, category, offers),
        reply_markup=keyboard,
    )


def register_links(links: DeepLinks) -> None:
    links.add(DEEP_LINK_HELP, open_link)


async def open_link(message: Message, request_id: int, context: LinkContext) -> None:
    """/start h<id>: the "I can help" button under a group post or a helper's notice."""
    state, t, service = context.state, context.t, context.runtime.help
    user_id = sender_id(message)
    request = await service.get(request_id)
    # Ids are sequential: whoever follows a link sees only what they may.
    if request is None or not await service.may_view(request, user_id):
        await message.answer(t("help-gone"))
        return
    # The author, a moderator (with their tools) or a closed request: the card, not the form.
    if (
        request.author_id == user_id
        or request.status not in ("open", "in_progress")
        or await service.is_moderator(request.chat_id, user_id)
    ):
        await view(message, user_id, request, t, service)
        return
    await ask_note(message, request, state, t, service, user_id)


async def ask_note(
    message: Message,
    request: HelpRequest,
    state: FSMContext,
    t: Texts,
    service: HelpService,
    user_id: int,
) -> None:
    if not await service.may_use(request.chat_id, user_id):
        await message.answer(t("help-not-member"))
        return
    await state.set_state(HelpForm.note)
    await state.set_data({"request": request.id})
    text = card(t, request, await service.category(request.chat_id, request.category))
    await message.answer(text + "\n\n" + t("help-ask-note", limit=NOTE_LIMIT))


async def typed_note(
    message: Message, state: FSMContext, t: Texts, help_service: HelpService
) -> None:
    assert message.from_user is not None
    note = " ".join((message.text or "").split())
    if not note:
        await message.answer(t("help-text-only"))
        return
    if utf16_len(note) > NOTE_LIMIT:
        await message.answer(t("help-too-long", length=utf16_len(note), limit=NOTE_LIMIT))
        return
    request_id = int((await state.get_data()).get("request", 0))
    await state.clear()
    outcome = await help_service.offer(request_id, message.from_user.id, note)
    if outcome is Outcome.DONE:
        await message.answer(t("help-offer-sent"))
    else:
        await message.answer(t(OUTCOME_TEXT[outcome]))


async def typed_reason(
    message: Message, state: FSMContext, t: Texts, help_service: HelpService
) -> None:
    assert message.from_user is not None
    reason = " ".join((message.text or "").split())
    if not reason:
        await message.answer(t("help-text-only"))
        return
    if utf16_len(reason) > NOTE_LIMIT:
        await message.answer(t("help-too-long", length=utf16_len(reason), limit=NOTE_LIMIT))
        return
    request_id = int((await state.get_data()).get("request", 0))
    await state.clear()
    outcome = await help_service.reject(request_id, message.from_user.id, reason)
    await message.answer(
        t("help-rejected-done" if outcome is Outcome.DONE else OUTCOME_TEXT[outcome])
    )


# Actions on a request (by id) and on an offer of help (by response id).
DONE_TEXT = {
    "approve": "help-approved-done",
    "accept": "help-accept-done",
    "decline": "help-decline-done",
    "renew": "help-renew-done",
    "close": "help-close-done",
    "reopen": "help-reopen-done",
    "delete": "help-delete-done",
    "reveal_yes": "help-reveal-done",
    "end": "help-end-done",
    "going": "help-going-done",
    "release": "help-release-done",
}


async def _in_relay(query: CallbackQuery, response_id: int, t: Texts, service: HelpService) -> bool:
    """The presser is one side of that relayed conversation, still going; else told it ended."""
    if await service.relay_of(query.from_user.id, response_id) is None:
        await query.answer(t("help-gone"), show_alert=True)
        return False
    return True


async def open_request(
    query: CallbackQuery,
    callback_data: HelpCB,
    state: FSMContext,
    t: Texts,
    help_service: HelpService,
) -> None:
    """ "View" (the card) and "I can help" (the note to the author), for one who may see it."""
    message = await pressed_privately(query, t)
    if message is None:
        return
    user_id = query.from_user.id
    request = await help_service.get(callback_data.id)
    if request is None or not await help_service.may_view(request, user_id):
        await query.answer(t("help-gone"), show_alert=True)
        return
    await query.answer()
    if callback_data.action is HelpAction.VIEW or request.author_id == user_id:
        await view(message, user_id, request, t, help_service)
    else:
        await ask_note(message, request, state, t, help_service, user_id)


async def reject(
    query: CallbackQuery,
    callback_data: HelpCB,
    state: FSMContext,
    t: Texts,
    help_service: HelpService,
) -> None:
    """A moderator turns a request down: the reason is asked for next."""
    message = await pressed_privately(query, t)
    if message is None:
        return
    request = await help_service.get(callback_data.id)
    if request is None or not await help_service.is_moderator(request.chat_id, query.from_user.id):
        await query.answer(t("not-allowed"), show_alert=True)
        return
    if request.status != "review":
        await query.answer(t("help-already"), show_alert=True)
        return
    await query.answer()
    await state.set_state(HelpForm.reject_reason)
    await state.set_data({"request": callback_data.id})
    await message.answer(t("help-ask-reason", limit=NOTE_LIMIT))


async def reveal(
    query: CallbackQuery,
    callback_data: HelpCB,
    t: Texts,
    help_service: HelpService,
) -> None:
    message = await pressed_privately(query, t)
    if message is not None:
        await ask_reveal(query, message, callback_data.id, t, help_service)


async def keep_anonymous(
    query: CallbackQuery,
    callback_data: HelpCB,
    t: Texts,
    help_service: HelpService,
) -> None:
    message = await pressed_privately(query, t)
    if message is None:
        return
    if await _in_relay(query, callback_data.id, t, help_service):
        await query.answer()
        await update_menu(message, t("help-reveal-kept"), None)


async def reply(
    query: CallbackQuery,
    callback_data: HelpCB,
    state: FSMContext,
    t: Texts,
    help_service: HelpService,
) -> None:
    if await pressed_privately(query, t) is None:
        return
    if await _in_relay(query, callback_data.id, t, help_service):
        await state.update_data(relay=callback_data.id)
        await query.answer(t("help-relay-reply-hint"))


async def resolve(
    query: CallbackQuery,
    callback_data: HelpCB,
    t: Texts,
    help_service: HelpService,
) -> None:
    message = await pressed_privately(query, t)
    if message is None:
        return
    outcome = await help_service.resolve(callback_data.id, query.from_user.id)
    if outcome is not Outcome.DONE:
        await query.answer(t(OUTCOME_TEXT[outcome]), show_alert=True)
        return
    await query.answer()
    await update_menu(message, message.html_text, None)
    await ask_thanks(message, callback_data.id, t, help_service)


async def thank(
    query: CallbackQuery,
    callback_data: HelpCB,
    t: Texts,
    help_service: HelpService,
) -> None:
    message = await pressed_privately(query, t)
    if message is None:
        return
    if callback_data.value not in (0, 1):
        await query.answer(t("button-outdated"), show_alert=True)
        return
    public = bool(callback_data.value)
    outcome = await help_service.thank(callback_data.id, query.from_user.id, public=public)
    if outcome is not Outcome.DONE:
        await query.answer(t(OUTCOME_TEXT[outcome]), show_alert=True)
        return
    await query.answer()
    await update_menu(message, t("help-thanked"), None)


# Presses that are one service call on an id, then say what happened.
SERVICE_STEPS: dict[HelpAction, str] = {
    HelpAction.APPROVE: "approve",
    HelpAction.ACCEPT: "accept",
    HelpAction.DECLINE: "decline",
    HelpAction.RENEW: "renew",
    HelpAction.CLOSE: "close",
    HelpAction.REOPEN: "reopen",
    HelpAction.DELETE: "delete",
    HelpAction.REVEAL_YES: "reveal",
    HelpAction.END: "end_relay",
    HelpAction.GOING: "still_going",
    HelpAction.RELEASE: "release",
}


async def service_step(
    query: CallbackQuery,
    callback_data: HelpCB,
    t: Texts,
    help_service: HelpService,
) -> None:
    message = await pressed_privately(query, t)
    if message is None:
        return
    action = callback_data.action
    run: Callable[[int, int], Awaitable[Outcome]] = getattr(help_service, SERVICE_STEPS[action])
    outcome = await run(callback_data.id, query.from_user.id)
    if outcome is not Outcome.DONE:
        if outcome is Outcome.ALREADY and action is HelpAction.REVEAL_YES:
            await query.answer(t("help-reveal-already"), show_alert=True)
        else:
            await query.answer(t(OUTCOME_TEXT[outcome]), show_alert=True)
        return
    await query.answer()
    done = t(DONE_TEXT[action])
    if action is HelpAction.GOING:
        await message.answer(done)
    elif action is HelpAction.REVEAL_YES and message.text is not None:
        await update_menu(message, done, None)  # the question, answered
    elif message.text is None:
        # Buttons under a relayed photo or file: its caption stays, the buttons go.
        await message.edit_reply_markup(reply_markup=None)
        await message.answer(done)
    else:
        # The buttons did their work: the message keeps its text and says what happened.
        await update_menu(message, message.html_text + "\n\n" + done, None)


async def ask_reveal(
    query: CallbackQuery, message: Message, response_id: int, t: Texts, service: HelpService
) -> None:
    """The "Show who I am" button: first say who exactly would see the name, and ask."""
    preview = await service.reveal_preview(response_id, query.from_user.id)
    if isinstance(preview, Outcome):
        key = "help-reveal-already" if preview is Outcome.ALREADY else OUTCOME_TEXT[preview]
        await query.answer(t(key), show_alert=True)
        return
    await query.answer()
    await message.answer(reveal_question(t, preview), reply_markup=reveal_keyboard(t, response_id))


async def ask_thanks(message: Message, request_id: int, t: Texts, service: HelpService) -> None:
    helpers = await service.helpers_of(request_id)
    if not helpers:
        await message.answer(t("help-resolved-alone"))
        return
    await message.answer(
        t("help-resolved-thank", count=len(helpers)), reply_markup=thanks_keyboard(t, request_id)
    )


async def relay_to(
    message: Message, state: FSMContext, t: Texts, service: HelpService
) -> int | None:
    """The conversation a message is for: the only one, or the one "Reply" was pressed in.
    None when the person has none (the fallback answers) or must pick (told how)."""
    assert message.from_user is not None
    active = await service.active_relays(message.from_user.id)
    if not active:
        raise SkipHandler  # not in a conversation: the usual hint answers
    chosen = (await state.get_data()).get("relay")
    if chosen in active:
        return int(chosen)
    if len(active) > 1:
        await message.answer(t("help-relay-which"))
        return None
    return active[0]


async def relay_text(
    message: Message, state: FSMContext, t: Texts, help_service: HelpService
) -> None:
    assert message.from_user is not None
    chosen = await relay_to(message, state, t, help_service)
    if chosen is None:
        return
    text = message.text or ""
    if utf16_len(text) > RELAY_LIMIT:
        await message.answer(t("help-too-long", length=utf16_len(text), limit=RELAY_LIMIT))
        return
    outcome = await help_service.relay(message.from_user.id, chosen, text)
    await message.answer(t("help-relayed" if outcome is Outcome.DONE else "help-gone"))


async def relay_media(
    message: Message, state: FSMContext, t: Texts, help_service: HelpService
) -> None:
    """A scan, a photo, a voice message…: copied to the other side as it is."""
    assert message.from_user is not None
    chosen = await relay_to(message, state, t, help_service)
    if chosen is None:
        return
    outcome = await help_service.relay_copy(
        message.from_user.id, chosen, message.message_id, message.media_group_id
    )
    if outcome is Outcome.DONE:
        await message.answer(t("help-relayed"))
    elif outcome is not Outcome.ALREADY:  # ALREADY: a later part of an album, answered once
        await message.answer(t("help-gone"))


async def relay_other(message: Message, t: Texts, help_service: HelpService) -> None:
    assert message.from_user is not None
    if not await help_service.active_relays(message.from_user.id):
        raise SkipHandler
    await message.answer(t("help-relay-cannot"))
