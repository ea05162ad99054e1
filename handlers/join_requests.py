"""Join requests: the request itself (the bot writes the person privately), the person's
"I accept the rules" and "Withdraw", their answer to the community's question, and the
moderators' Approve / Decline under the answer."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, ChatJoinRequest, Message

from bot.callbacks import JoinAction, JoinCB, JoinDecision, JoinDecisionCB
from bot.filters import PRIVATE, TYPED, Inline, own_private_message
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.services.join_requests import ANSWER_LIMIT, JoinRequestService, Outcome
from bot.texts import utf16_len
from bot.views.join_requests import JoinRequestViews


class JoinForm(StatesGroup):
    answer = State()


def router() -> Router:
    r = Router(name="join-requests")
    r.chat_join_request.register(requested)
    for action in JoinAction:
        r.callback_query.register(PERSON_PRESSES[action], JoinCB.filter(F.action == action))
    r.callback_query.register(moderator_pressed, JoinDecisionCB.filter())
    r.message.register(typed_answer, StateFilter(JoinForm.answer), PRIVATE, TYPED)
    # A photo or a sticker for an answer: said so, the question stays open.
    r.message.register(not_text, StateFilter(JoinForm.answer), PRIVATE, Inline(F.text.is_(None)))
    return r


async def requested(event: ChatJoinRequest, join_requests: JoinRequestService) -> None:
    person = event.from_user
    if person.is_bot:
        return
    await join_requests.requested(
        event.chat.id,
        person.id,
        event.user_chat_id,
        person.first_name,
        event.date.timestamp(),
    )


async def accept(
    query: CallbackQuery,
    callback_data: JoinCB,
    state: FSMContext,
    t: Texts,
    join_requests: JoinRequestService,
) -> None:
    """The rules accepted (or "Answer" again): the question comes, or the request is sent."""
    if own_private_message(query) is None:
        await query.answer(t("joinreq-outcome-not_yours"), show_alert=True)
        return
    outcome = await join_requests.accept(callback_data.id, query.from_user.id)
    await _person_outcome(query, callback_data, state, t, outcome)


async def withdraw(
    query: CallbackQuery,
    callback_data: JoinCB,
    state: FSMContext,
    t: Texts,
    join_requests: JoinRequestService,
) -> None:
    if own_private_message(query) is None:
        await query.answer(t("joinreq-outcome-not_yours"), show_alert=True)
        return
    outcome = await join_requests.withdraw(callback_data.id, query.from_user.id)
    await _person_outcome(query, callback_data, state, t, outcome)


PERSON_PRESSES = {
    JoinAction.ACCEPT: accept,
    JoinAction.ANSWER: accept,
    JoinAction.WITHDRAW: withdraw,
}


async def _person_outcome(
    query: CallbackQuery, callback_data: JoinCB, state: FSMContext, t: Texts, outcome: Outcome
) -> None:
    if outcome is Outcome.QUESTION:
        await state.set_state(JoinForm.answer)
        await state.update_data(join_request=callback_data.id)
    elif await state.get_state() == JoinForm.answer.state:
        await state.clear()  # withdrawn (or decided meanwhile): no answer is awaited
    quiet = (Outcome.APPROVED, Outcome.QUESTION, Outcome.WITHDRAWN)
    await query.answer(t(f"joinreq-outcome-{outcome.value}"), show_alert=outcome not in quiet)


async def typed_answer(
    message: Message, state: FSMContext, t: Texts, join_requests: JoinRequestService
) -> None:
    assert message.from_user is not None and message.text is not None
    text = message.text.strip()
    if utf16_len(text) > ANSWER_LIMIT:
        # The question stays open: they shorten it and send again, nothing is cut unseen.
        await message.answer(t("joinreq-too-long", length=utf16_len(text), limit=ANSWER_LIMIT))
        return
    request_id = (await state.get_data()).get("join_request")
    await state.clear()
    if not isinstance(request_id, int):
        await message.answer(t("button-outdated"))
        return
    outcome = await join_requests.answer(request_id, message.from_user.id, text)
    await message.answer(t(f"joinreq-typed-{outcome.value}"))


async def not_text(message: Message, t: Texts) -> None:
    await message.answer(t("joinreq-not-text"))


async def moderator_pressed(
    query: CallbackQuery,
    callback_data: JoinDecisionCB,
    t: Texts,
    join_requests: JoinRequestService,
    join_request_views: JoinRequestViews,
) -> None:
    message = query.message if isinstance(query.message, Message) else None
    if message is None or not await join_requests.pressed_where(
        callback_data.id, message.chat.id, query.from_user.id
    ):
        await query.answer(t("button-outdated"), show_alert=True)
        return
    outcome = await join_requests.decide(
        callback_data.id,
        query.from_user.id,
        callback_data.action is JoinDecision.APPROVE,
        (message.chat.id, message.message_id),
    )
    if outcome in (Outcome.NOT_ALLOWED, Outcome.FAILED):
        await query.answer(t(f"joinreq-decision-{outcome.value}"), show_alert=True)
        return
    await query.answer(t(f"joinreq-decision-{outcome.value}"), show_alert=outcome is Outcome.DONE)
    # The card shows what became of the request, in the language of the chat it is in.
    shown = await join_request_views.card_now(callback_data.id, message.chat.id)
    if shown:
        await update_menu(message, shown, None)
