"""/mydata (a JSON file of everything stored about the person) and /forget."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from bot.callbacks import ForgetCB
from bot.filters import PRIVATE, pressed_privately
from bot.i18n import Texts
from bot.runtime import Runtime
from bot.services.privacy import PrivacyService
from bot.views.cleanup import private_hint


def router() -> Router:
    r = Router(name="privacy")
    r.message.register(mydata, Command("mydata"), PRIVATE)
    r.message.register(forget, Command("forget"), PRIVATE)
    r.message.register(in_group, Command("mydata", "forget"))
    r.callback_query.register(forget_answer, ForgetCB.filter())
    return r


async def send_export(message: Message, user_id: int, t: Texts, privacy: PrivacyService) -> None:
    document = BufferedInputFile(await privacy.export(user_id), filename="opora-my-data.json")
    await message.answer_document(document, caption=t("mydata-caption"))


async def mydata(message: Message, t: Texts, privacy: PrivacyService) -> None:
    assert message.from_user is not None
    await send_export(message, message.from_user.id, t, privacy)


async def forget(message: Message, t: Texts) -> None:
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t("forget-confirm"), callback_data=ForgetCB(confirm=True).pack()
                ),
                InlineKeyboardButton(
                    text=t("forget-keep"), callback_data=ForgetCB(confirm=False).pack()
                ),
            ]
        ]
    )
    await message.answer(t("forget-ask"), reply_markup=keyboard)


async def forget_answer(
    query: CallbackQuery,
    callback_data: ForgetCB,
    state: FSMContext,
    t: Texts,
    privacy: PrivacyService,
) -> None:
    # Only ever acts on the presser's own data, so a forged press can harm nobody else; and it
    # must come from the private chat where the question was asked.
    message = await pressed_privately(query, t)
    if message is None:
        return
    if not callback_data.confirm:
        await query.answer()
        await message.edit_text(t("forget-kept"))
        return
    await state.clear()
    counts = await privacy.forget(query.from_user.id)
    await query.answer()
    await message.edit_text(t("forget-done", count=sum(counts.values())))


async def in_group(message: Message, group_t: Texts, runtime: Runtime) -> None:
    await private_hint(message, runtime, group_t, "privacy-in-private", "privacy")
