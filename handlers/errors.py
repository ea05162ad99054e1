"""The one error handler: log with the update id and handler name, tell the person, never die."""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Router
from aiogram.exceptions import TelegramAPIError
from aiogram.types import ErrorEvent

from bot.i18n import Texts
from bot.middlewares.errors import handler_name

log = logging.getLogger("bot.errors")


def router() -> Router:
    r = Router(name="errors")
    r.errors.register(on_error)
    return r


async def on_error(event: ErrorEvent, **data: Any) -> bool:
    name = handler_name(event.exception)
    log.error(
        "update failed",
        exc_info=event.exception,
        extra={"update_id": event.update.update_id, "handler": name},
    )
    t: Texts | None = data.get("t")
    if t is None:
        return True
    try:
        update = event.update
        if update.callback_query is not None:
            await update.callback_query.answer(t("error-generic"), show_alert=True)
        elif update.message is not None and update.message.chat.type == "private":
            await update.message.answer(t("error-generic"))
        elif (
            update.message is not None
            and update.message.text
            and update.message.text.startswith("/")
        ):
            await update.message.reply(data.get("group_t", t)("error-generic"))
    except TelegramAPIError as exc:
        log.warning("could not tell about an error", extra={"error": exc.message})
    return True
