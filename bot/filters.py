"""Filters that run on the event loop.

aiogram runs a plain (non-async) filter such as `F.chat.type == "private"` in a worker thread,
one thread hop per check per message; under load those hops cost more than the handlers. These
wrappers evaluate the same magic filters inline."""

from __future__ import annotations

from typing import Any

from aiogram import F
from aiogram.filters import Filter
from aiogram.types import CallbackQuery, Message, TelegramObject
from magic_filter import MagicFilter

from bot.i18n import Texts


class Inline(Filter):
    def __init__(self, magic: MagicFilter) -> None:
        self.magic = magic

    async def __call__(self, event: TelegramObject) -> Any:
        return self.magic.resolve(event)


PRIVATE = Inline(F.chat.type == "private")
# Text typed into a form: a command (/cancel, /mydata…) is never taken as an answer.
TYPED = Inline(F.text & ~F.text.startswith("/"))
GROUPS = Inline(F.chat.type.in_({"group", "supergroup"}))


def own_private_message(query: CallbackQuery) -> Message | None:
    """The message a button was pressed under, if it is in the presser's own private chat.
    A personal button pressed anywhere else (a forwarded keyboard, forged data) gets None."""
    message = query.message
    if isinstance(message, Message) and message.chat.id == query.from_user.id:
        return message
    return None


async def pressed_privately(query: CallbackQuery, t: Texts) -> Message | None:
    """`own_private_message`, and the presser told "not allowed" when it is not."""
    message = own_private_message(query)
    if message is None:
        await query.answer(t("not-allowed"), show_alert=True)
    return message
