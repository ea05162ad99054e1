"""Keep groups tidy: the bot's short hints in a group are deleted after a while."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiogram.exceptions import TelegramMigrateToChat
from aiogram.types import Message

from bot.i18n import Texts
from bot.keyboards import open_private
from bot.scheduler import timer_kind

if TYPE_CHECKING:
    from bot.app import Runtime

HINT_LIFETIME = 120  # seconds a "continue in private" hint stays in the group


@timer_kind("delete_message")
async def delete_message(runtime: Runtime, args: dict[str, Any], lateness: float) -> None:
    # Queued through the sender inside the timer's transaction: done exactly once.
    await runtime.sender.enqueue(
        int(args["chat_id"]),
        method="deleteMessage",
        message_id=int(args["message_id"]),
        priority=5,
    )


async def delete_later(runtime: Runtime, chat_id: int, message_id: int, after: float) -> None:
    await runtime.scheduler.add_timer(
        "delete_message",
        {"chat_id": chat_id, "message_id": message_id},
        runtime.clock.time() + after,
        grace=2 * 86400,  # Telegram lets bots delete their messages for 48 hours
        dedupe_key=f"delete:{chat_id}:{message_id}",
    )


async def private_hint(
    message: Message, runtime: Runtime, t: Texts, key: str, payload: str
) -> None:
    """In a group: a short answer whose button goes on in private (`payload`, a /start deep
    link); gone after a while, so the group is not cluttered."""
    me = await runtime.bot.me()
    keyboard = open_private(t, me.username or "", payload)
    try:
        hint = await message.reply(t(key), reply_markup=keyboard)
    except TelegramMigrateToChat as moved:
        # The group became a supergroup since the command was sent: follow it there.
        new_chat_id = moved.migrate_to_chat_id
        await runtime.community_service.migrate(message.chat.id, new_chat_id)
        hint = await runtime.bot.send_message(new_chat_id, t(key), reply_markup=keyboard)
    await delete_later(runtime, hint.chat.id, hint.message_id, HINT_LIFETIME)
