"""/report in reply to a message: the moderators get it privately with one-tap answers; the
command itself disappears from the group at once, so nobody sees who reported."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.callbacks import FlagCB, FlagKind, ReportCB
from bot.filters import GROUPS, PRIVATE
from bot.i18n import Texts
from bot.keyboards import update_menu
from bot.services.intro import IntroService
from bot.services.reports import REASON_LIMIT, ReportService
from bot.services.requests import HelpService
from bot.services.vacancies import VacancyService
from bot.texts import clip
from bot.views.reports import ReportViews
from handlers.moderation import real_reply, replied_author


def router() -> Router:
    r = Router(name="reports")
    r.message.register(report_command, Command("report"), GROUPS)
    r.message.register(in_private, Command("report"), PRIVATE)
    r.callback_query.register(pressed, ReportCB.filter())
    r.callback_query.register(flagged_request, FlagCB.filter(F.kind == FlagKind.REQUEST))
    r.callback_query.register(flagged_vacancy, FlagCB.filter(F.kind == FlagKind.VACANCY))
    r.callback_query.register(flagged_intro, FlagCB.filter(F.kind == FlagKind.INTRO))
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


async def pressed(
    query: CallbackQuery,
    callback_data: ReportCB,
    t: Texts,
    reports: ReportService,
    report_views: ReportViews,
) -> None:
    """A moderator's answer under a report; what each does is the service's table."""
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
        text, keyboard = await report_views.card_in(report, message.chat.id)
        await update_menu(message, text, keyboard)


@dataclass(frozen=True)
class Post:
    """The post the bot made that 🚩 was pressed under."""

    chat_id: int
    message_id: int  # in the group
    author_id: int | None
    text: str
    anonymous: bool = False


def _pressed_under(query: CallbackQuery) -> Message | None:
    return query.message if isinstance(query.message, Message) else None


async def flagged_request(
    query: CallbackQuery,
    callback_data: FlagCB,
    t: Texts,
    reports: ReportService,
    help_service: HelpService,
) -> None:
    message = _pressed_under(query)
    request = await help_service.get(callback_data.id) if message is not None else None
    post = None
    # A request raised again has a second post with the same buttons: the pressed one.
    if (
        message is not None
        and request is not None
        and message.message_id in (request.post_message_id, request.bump_message_id)
    ):
        text = f"{request.title}\n{request.details}"
        post = Post(request.chat_id, message.message_id, request.author_id, text, request.anonymous)
    await flagged(query, callback_data, message, post, t, reports)


async def flagged_vacancy(
    query: CallbackQuery,
    callback_data: FlagCB,
    t: Texts,
    reports: ReportService,
    vacancy_service: VacancyService,
) -> None:
    message = _pressed_under(query)
    vacancy = await vacancy_service.get(callback_data.id) if message is not None else None
    post = None
    if vacancy is not None and vacancy.post_message_id is not None:
        post = Post(vacancy.chat_id, vacancy.post_message_id, vacancy.author_id, vacancy.title)
    await flagged(query, callback_data, message, post, t, reports)


async def flagged_intro(
    query: CallbackQuery,
    callback_data: FlagCB,
    t: Texts,
    reports: ReportService,
    intros: IntroService,
) -> None:
    """An introduction: one a person and community, so `id` is its author."""
    message = _pressed_under(query)
    intro = await intros.get(message.chat.id, callback_data.id) if message is not None else None
    post = None
    if message is not None and intro is not None and intro.message_id is not None:
        text = "\n".join(answer for answer in intro.answers.values() if answer)
        post = Post(message.chat.id, intro.message_id, intro.user_id, text)
    await flagged(query, callback_data, message, post, t, reports)


async def flagged(
    query: CallbackQuery,
    callback_data: FlagCB,
    message: Message | None,
    post: Post | None,
    t: Texts,
    reports: ReportService,
) -> None:
    """🚩 under a post in the group: a report like /report, without a word in the group."""
    if post is None or message is None or message.chat.id != post.chat_id:
        await query.answer(t("button-outdated"), show_alert=True)
        return
    if post.author_id == query.from_user.id:
        await query.answer(t("flag-own"), show_alert=True)
        return
    # An anonymous author stays unknown to the moderators too: the post can only be deleted.
    reported = None if post.anonymous else post.author_id
    kind = callback_data.kind
    item = None if kind is FlagKind.INTRO else callback_data.id
    outcome = await reports.report(
        post.chat_id,
        query.from_user.id,
        post.message_id,
        reported,
        post.text,
        "",
        (kind.value, item),
    )
    await query.answer(t(f"flag-{outcome.value}"), show_alert=True)
