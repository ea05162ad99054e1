"""The one error handler: log with the update id and handler name, tell the person, never die."""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Router
from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError, TelegramMigrateToChat
from aiogram.types import ErrorEvent

from bot.i18n import Texts
from bot.inbox import database_unwritable, handler_failed, retry_later
from bot.middlewares.errors import handler_name
from bot.middlewares.retry import ReplyQueued
from handlers.sos import first_aid

log = logging.getLogger("bot.errors")


def router() -> Router:
    r = Router(name="errors")
    r.errors.register(on_error)
    return r


async def on_error(event: ErrorEvent, **data: Any) -> bool:
    if isinstance(event.exception, ReplyQueued):
        return True  # Telegram could not take the reply now; the outbox sends it later
    if isinstance(event.exception, TelegramMigrateToChat):
        return await _moved(event, event.exception, data)
    if isinstance(event.exception, TelegramForbiddenError):
        # They blocked the bot (or left the chat) meanwhile: expected, nobody to tell.
        chat = getattr(event.exception.method, "chat_id", None)
        log.info("the reply's chat is unreachable", extra={"update_id": event.update.update_id})
        sender = data.get("sender")
        if isinstance(chat, int) and sender is not None:
            await sender.chat_unreachable(chat, event.exception.message)
        return True
    name = handler_name(event.exception)
    unwritable = database_unwritable(event.exception)
    if unwritable:
        # Not a bug: the disk is full or the file read-only (the inbox alarms the operator).
        # The update stays stored and runs again once the database can write.
        retry_later()
        log.warning(
            "update waits: the database cannot write",
            extra={"update_id": event.update.update_id, "handler": name},
        )
    else:
        handler_failed()
        log.error(
            "update failed",
            exc_info=event.exception,
            extra={"update_id": event.update.update_id, "handler": name},
        )
    bot, translator = data.get("bot"), data.get("translator")
    if (
        bot is not None
        and translator is not None
        and await first_aid(event.update, bot, translator)
    ):
        return True  # someone asking for /sos got the crisis lines, whatever failed
    t: Texts | None = data.get("t")
    if t is None:
        return True
    key = "error-unavailable" if unwritable else "error-generic"
    try:
        update = event.update
        if update.callback_query is not None:
            await update.callback_query.answer(t(key), show_alert=True)
        elif update.message is not None and update.message.chat.type == "private":
            await update.message.answer(t(key))
        elif (
            update.message is not None
            and update.message.text
            and update.message.text.startswith("/")
        ):
            await update.message.reply(data.get("group_t", t)(key))
    except TelegramAPIError as exc:
        log.warning("could not tell about an error", extra={"error": exc.message})
    return True


async def _moved(event: ErrorEvent, moved: TelegramMigrateToChat, data: dict[str, Any]) -> bool:
    """The group became a supergroup while the update was on its way: follow it, and ask for
    the command again there (what it was about was checked against the old group)."""
    old = getattr(moved.method, "chat_id", None)
    new = moved.migrate_to_chat_id
    log.info("the group moved while an update was handled", extra={"new_chat_id": new})
    community_service = data.get("community_service")
    if isinstance(old, int) and community_service is not None:
        await community_service.migrate(old, new)
    group_t = data.get("group_t") or data.get("t")
    if group_t is not None:
        try:
            await event.update.bot.send_message(new, group_t("group-moved-again"))  # type: ignore[union-attr]
        except TelegramAPIError as exc:
            log.warning("could not tell about the move", extra={"error": exc.message})
    return True
