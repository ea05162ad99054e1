"""Appeals: "Appeal" under a sanctioned member's notice asks for a few words (or none) and sends
the case to the other moderators; their "Lift" / "Keep" settles it."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.callbacks import AppealAction, AppealCB, AppealDecisionCB
from bot.filters import PRIVATE, TYPED, own_private_message
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.services.appeals import WORDS_LIMIT, AppealService
from bot.texts import utf16_len
from bot.views.appeals import words_keyboard


class AppealForm(StatesGroup):
    words = State()


def router() -> Router:
    r = Router(name="appeals")
    r.callback_query.register(open_appeal, AppealCB.filter(F.action == AppealAction.OPEN))
    r.callback_query.register(send_without_words, AppealCB.filter(F.action == AppealAction.SEND))
    r.message.register(typed_words, StateFilter(AppealForm.words), PRIVATE, TYPED)
    r.callback_query.register(decided, AppealDecisionCB.filter())
    return r


async def open_appeal(
    query: CallbackQuery,
    callback_data: AppealCB,
    state: FSMContext,
    t: Texts,
    appeals: AppealService,
) -> None:
    message = own_private_message(query)
    outcome = await appeals.can_appeal(query.from_user.id, callback_data.kind, callback_data.id)
    if message is None or outcome != "ok":
        await query.answer(
            t(f"appeal-outcome-{outcome if message else 'not_yours'}"), show_alert=True
        )
        return
    await query.answer()
    await state.set_state(AppealForm.words)
    await state.update_data(appeal_kind=callback_data.kind, appeal_id=callback_data.id)
    await message.answer(
        t("appeal-ask", limit=WORDS_LIMIT),
        reply_markup=words_keyboard(t, callback_data.kind, callback_data.id),
    )


async def _submit(
    message: Message,
    user_id: int,
    kind: str,
    record_id: int,
    words: str,
    t: Texts,
    appeals: AppealService,
    state: FSMContext,
) -> None:
    outcome = await appeals.submit(user_id, kind, record_id, words)
    await state.clear()
    await message.answer(t(f"appeal-outcome-{outcome}"))


async def send_without_words(
    query: CallbackQuery,
    callback_data: AppealCB,
    state: FSMContext,
    t: Texts,
    appeals: AppealService,
) -> None:
    message = own_private_message(query)
    if message is None:
        await query.answer(t("appeal-outcome-not_yours"), show_alert=True)
        return
    await query.answer()
    await update_menu(message, message.html_text, None)
    await _submit(
        message, query.from_user.id, callback_data.kind, callback_data.id, "", t, appeals, state
    )


async def typed_words(
    message: Message, state: FSMContext, t: Texts, appeals: AppealService
) -> None:
    assert message.from_user is not None and message.text is not None
    words = message.text.strip()
    if utf16_len(words) > WORDS_LIMIT:
        # Kept in the form: they shorten it and send again, nothing is lost or cut unseen.
        await message.answer(t("appeal-too-long", length=utf16_len(words), limit=WORDS_LIMIT))
        return
    data = await state.get_data()
    kind, record_id = data.get("appeal_kind"), data.get("appeal_id")
    if not isinstance(kind, str) or not isinstance(record_id, int):
        await state.clear()
        await message.answer(t("button-outdated"))
        return
    await _submit(message, message.from_user.id, kind, record_id, words, t, appeals, state)


async def decided(
    query: CallbackQuery, callback_data: AppealDecisionCB, t: Texts, appeals: AppealService
) -> None:
    message = own_private_message(query)
    if message is None:
        await query.answer(t("appeal-decision-not_allowed"), show_alert=True)
        return
    outcome = await appeals.decide(callback_data.id, query.from_user.id, callback_data.action)
    if outcome not in ("done", "over"):
        await query.answer(t(f"appeal-decision-{outcome}"), show_alert=True)
        if outcome == "already":
            await update_menu(message, message.html_text, None)
        return
    await query.answer(t("appeal-decision-done"))
    if outcome == "over":
        result = t("appeal-over-here")
    else:
        result = t(f"appeal-{'lifted' if callback_data.action == 'lift' else 'kept'}-here")
    await update_menu(message, f"{message.html_text}\n\n{result}", None)
