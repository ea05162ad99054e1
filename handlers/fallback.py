"""Last router: unknown commands and free text outside a form get a short hint, never silence
(in private chat; in groups only commands addressed to this bot)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from bot.filters import PRIVATE, Inline
from bot.i18n import Texts


def router() -> Router:
    r = Router(name="fallback")
    r.message.register(private_command, PRIVATE, Inline(F.text.startswith("/")))
    r.message.register(private_other, PRIVATE)
    r.message.register(group_command, Inline(F.text.regexp(r"^/[A-Za-z0-9_]+@\w+")))
    r.callback_query.register(stale_button)
    return r


async def private_command(message: Message, t: Texts) -> None:
    await message.answer(t("unknown-command"))


async def private_other(message: Message, t: Texts) -> None:
    await message.answer(t("free-text-hint"))


async def group_command(message: Message, group_t: Texts) -> None:
    me = await message.bot.me()  # type: ignore[union-attr]
    addressed = (message.text or "").split()[0].split("@", 1)[1]
    if addressed.lower() == (me.username or "").lower():
        await message.reply(group_t("unknown-command"))


async def stale_button(query: CallbackQuery, t: Texts) -> None:
    await query.answer(t("button-outdated"), show_alert=True)
