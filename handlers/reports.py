"""/report in reply to a message: the moderators get it privately with one-tap answers; the
command itself disappears from the group at once, so nobody sees who reported."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from aiogram import Router
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.callbacks import FlagCB, ReportCB
from bot.filters import GROUPS, PRIVATE
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.services.reports import REASON_LIMIT, ReportService
from bot.texts import clip
from handlers.moderation import real_reply, replied_author


def router() -> Router:
    r = Router(name="reports")
    r.message.register(report_command, Command("report"), GROUPS)
    r.message.register(in_private, Command("report"), PRIVATE)
    r.callback_query.register(pressed, ReportCB.filter())
    r.callback_query.register(flagged, FlagCB.filter())
    return r


async def in_private(message: Message, t: Texts) -> None:
    await message.answer(t("report-in-group"))


async def report_command(
    message: Message, command: CommandObject, group_t: Texts, reports: ReportService
) -> None:
    # Gone at once: the reported member never sees who reported them.
    with suppress(TelegramBadRequest, TelegramForbiddenError):
        await message.delete()
    replied = real_reply(message)
    author = replied_author(message)
    if message.from_user is None or message.sender_chat is not None or replied is None:
        await message.answer(group_t("report-usage"))
        return
    if author is None or author[0] == message.from_user.id:
        await message.answer(group_t("report-usage"))
        return
    await reports.report(
        message.chat.id,
        message.from_user.id,
        replied.message_id,
        author[0],
        replied.text or replied.caption or "",
        clip((command.args or "").strip(), REASON_LIMIT),
    )


async def pressed(query: CallbackQuery, callback_data: ReportCB, **data: Any) -> None:
    t: Texts = data["t"]
    reports: ReportService = data["reports"]
    message = query.message if isinstance(query.message, Message) else None
    if message is None or not await reports.pressed_where(
        callback_data.id, message.chat.id, query.from_user.id
    ):
        await query.answer(t("button-outdated"), show_alert=True)
        return
    outcome, report = await reports.act(
        callback_data.id, query.from_user.id, callback_data.action, pressed_in=message.chat.id
    )
    if outcome == "done":
        await query.answer(t("report-handled"))
    else:
        await query.answer(t(f"report-outcome-{outcome}"), show_alert=True)
    if outcome in ("done", "already", "taken") and report is not None:
        # The pressed copy shows at once what was done and by whom, and what is left to do.
        text, keyboard = await reports.card(await reports.texts_in(report, message.chat.id), report)
        await update_menu(message, text, keyboard)


async def _flagged_post(
    kind: str, item: int, pressed: Message, data: dict[str, Any]
) -> tuple[int, int, int | None, str, bool] | None:
    """(chat, group message, author, text, anonymous) of the post the bot made that 🚩 was
    pressed under."""
    chat_id = pressed.chat.id
    if kind == "rq":
        request = await data["help_service"].repo.get(item)
        # A request raised again has a second post with the same buttons: the pressed one.
        if request is None or pressed.message_id not in (
            request.post_message_id,
            request.bump_message_id,
        ):
            return None
        text = f"{request.title}\n{request.details}"
        return request.chat_id, pressed.message_id, request.author_id, text, request.anonymous
    if kind == "vc":
        vacancy = await data["vacancy_service"].repo.get(item)
        if vacancy is None or vacancy.post_message_id is None:
            return None
        return vacancy.chat_id, vacancy.post_message_id, vacancy.author_id, vacancy.title, False
    if kind == "in":
        intro = await data["intros"].repo.get(chat_id, item)
        if intro is None or intro.message_id is None:
            return None
        text = "\n".join(answer for answer in intro.answers.values() if answer)
        return chat_id, intro.message_id, intro.user_id, text, False
    return None


async def flagged(query: CallbackQuery, callback_data: FlagCB, **data: Any) -> None:
    """🚩 under a post in the group: a report like /report, without a word in the group."""
    t: Texts = data["t"]
    reports: ReportService = data["reports"]
    message = query.message if isinstance(query.message, Message) else None
    post = (
        await _flagged_post(callback_data.kind, callback_data.id, message, data)
        if message is not None
        else None
    )
    if post is None or message is None or message.chat.id != post[0]:
        await query.answer(t("button-outdated"), show_alert=True)
        return
    chat_id, message_id, author_id, text, anonymous = post
    if author_id == query.from_user.id:
        await query.answer(t("flag-own"), show_alert=True)
        return
    # An anonymous author stays unknown to the moderators too: the post can only be deleted.
    reported = None if anonymous else author_id
    item = None if callback_data.kind == "in" else callback_data.id
    outcome = await reports.report(
        chat_id, query.from_user.id, message_id, reported, text, "", (callback_data.kind, item)
    )
    await query.answer(t(f"flag-{outcome.value}"), show_alert=True)
