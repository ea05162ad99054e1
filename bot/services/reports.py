"""Reports: a member points the moderators at a message; the moderators get it privately with
one-tap answers (delete, warn, mute, ban, dismiss). The reporter is thanked and never named —
not to the reported member, not to the moderators."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from enum import Enum
from typing import TYPE_CHECKING

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import ReportCB
from bot.i18n import Markup, Texts, Translator
from bot.repos.communities import CommunitiesRepo
from bot.repos.reports import Report, ReportsRepo
from bot.repos.users import UsersRepo
from bot.services.audit import AuditLog
from bot.services.log_chat import LogChat
from bot.services.permissions import Action, Actor, Permissions, Role
from bot.services.sanctions import Refused, SanctionService
from bot.texts import clip, mention

if TYPE_CHECKING:
    from bot.services.sender import Sender

log = logging.getLogger(__name__)

QUOTE_LIMIT = 700
ACTIONS: dict[str, tuple[str, int | None]] = {
    "warn": ("warn", None),
    "mute1h": ("mute", 3600),
    "mute1d": ("mute", 86400),
    "ban": ("ban", None),
}


class Reported(Enum):
    DONE = "done"
    ALREADY = "already"  # this person reported this message before: counted once
    NOT_ALLOWED = "not_allowed"


def message_link(chat_id: int, message_id: int) -> str | None:
    """A link moderators can open: supergroups only (their ids start with -100)."""
    text = str(chat_id)
    return f"https://t.me/c/{text[4:]}/{message_id}" if text.startswith("-100") else None


class ReportService:
    def __init__(
        self,
        repo: ReportsRepo,
        permissions: Permissions,
        communities: CommunitiesRepo,
        users: UsersRepo,
        sanctions: SanctionService,
        audit: AuditLog,
        log_chat: LogChat,
        *,
        bot: Bot,
        sender: Sender,
        translator: Translator,
    ) -> None:
        self.repo = repo
        self.permissions = permissions
        self.communities = communities
        self.users = users
        self.sanctions = sanctions
        self.audit = audit
        self.log_chat = log_chat
        # What "Delete" does to a reported bot post of a member's item (by post_kind): the
        # feature takes the whole item down; True when it did (or it was gone already).
        self.post_removers: dict[str, Callable[[Report, int], Awaitable[bool]]] = {}
        self.bot = bot
        self.sender = sender
        self.translator = translator

    async def report(
        self,
        chat_id: int,
        reporter_id: int,
        message_id: int,
        author_id: int | None,
        text: str,
        reason: str,
        post: tuple[str, int | None] | None = None,
    ) -> Reported:
        if not await self.permissions.may(chat_id, Actor(reporter_id), Action.USE):
            return Reported.NOT_ALLOWED
        report, fresh, count = await self.repo.add(
            chat_id, message_id, author_id, clip(text, QUOTE_LIMIT), reporter_id, reason, post
        )
        if not fresh:
            return Reported.ALREADY
        reporter = await self.users.get(reporter_id)
        t = self.translator.texts_for(reporter)
        await self.sender.enqueue(
            reporter_id,
            t("report-thanks"),
            priority=-1,
            dedupe_key=f"report-thanks:{report.id}:{reporter_id}",
        )
        if count == 1:
            await self._tell_moderators(report, reason)
        log.info("message reported", extra={"report_id": report.id})
        return Reported.DONE

    async def _recipients(self, report: Report) -> list[int]:
        """Admins and appointed moderators — never the reported person (a report against an
        admin goes to the other admins)."""
        people = list(await self.permissions.admins(report.chat_id))
        people += [m for m in await self.communities.moderators(report.chat_id) if m not in people]
        return [p for p in people if p != report.author_id]

    async def _tell_moderators(self, report: Report, reason: str) -> None:
        """Privately to the admins and moderators, and to the log chat when the community has
        one (so a log chat the bot was removed from loses nothing) — unless the report is about
        a moderator or an admin, who may well be in that chat."""
        community = await self.communities.get(report.chat_id)
        if community is None:
            return
        log_chat = await self.log_chat.chat_of(report.chat_id)
        if log_chat is not None and report.author_id is not None:
            role = await self.permissions.role(report.chat_id, Actor(report.author_id))
            if role >= Role.MODERATOR:
                log_chat = None
        if log_chat is not None:
            t = self.log_chat.texts(community)
            await self.sender.enqueue(
                log_chat,
                await self._report_text(t, report, community.title, reason),
                reply_markup=_keyboard(t, report),
                priority=-1,
                dedupe_key=f"report:{report.id}:{log_chat}",
            )
        for moderator_id in await self._recipients(report):
            user = await self.users.get(moderator_id)
            if user is None or user.blocked_at is not None:
                continue
            t = self.translator.texts_for(user)
            await self.sender.enqueue(
                moderator_id,
                await self._report_text(t, report, community.title, reason),
                reply_markup=_keyboard(t, report),
                priority=-1,
                dedupe_key=f"report:{report.id}:{moderator_id}",
            )

    async def _report_text(self, t: Texts, report: Report, title: str, reason: str) -> str:
        author = await self.users.get(report.author_id) if report.author_id else None
        name = (author.first_name if author else None) or t("someone")
        who = mention(report.author_id, name) if report.author_id else name
        lines = [
            t("report-new", title=title, name=Markup(who)),
            t("report-quote", text=report.text or t("report-no-text")),
        ]
        if reason:
            lines.append(t("sanction-reason", reason=reason))
        link = message_link(report.chat_id, report.message_id)
        if link:
            lines.append(t("report-open", link=link))
        return "\n".join(lines)

    async def pressed_where(self, report_id: int, chat_id: int, user_id: int) -> bool:
        """A report's buttons work in the presser's private chat and in the community's log
        chat (the presser's rights are checked again either way)."""
        if chat_id == user_id:
            return True
        report = await self.repo.get(report_id)
        return report is not None and await self.log_chat.chat_of(report.chat_id) == chat_id

    async def act(
        self, report_id: int, moderator_id: int, action: str
    ) -> tuple[str, Report | None]:
        """(outcome key, the report): done | already | not_allowed | self | del_failed | a
        Refused value. The first press claims the report, so two moderators act once."""
        report = await self.repo.get(report_id)
        if report is None or (action not in ACTIONS and action not in ("del", "dismiss")):
            return "gone", report
        actor = Actor(moderator_id)
        role = await self.permissions.role(report.chat_id, actor)
        if role < Role.MODERATOR:
            return "not_allowed", report
        if report.author_id == moderator_id:
            return Refused.SELF.value, report  # nobody closes a report about themselves
        if report.author_id is not None:
            author_role = await self.permissions.role(report.chat_id, Actor(report.author_id))
            if author_role >= Role.MODERATOR and role < Role.ADMIN:
                return Refused.PROTECTED.value, report
        if report.status not in ("open", "acting") or not await self.repo.claim(report.id):
            return "already", report
        outcome = await self._apply(report, actor, action)
        if outcome != "done":
            await self.repo.reopen(report.id)
            return outcome, report
        status = "dismissed" if action == "dismiss" else "done"
        await self.repo.resolve(report.id, status, action, moderator_id)
        await self.audit.record(
            report.chat_id, moderator_id, f"report-{status}", report.author_id, action
        )
        return "done", report

    async def _apply(self, report: Report, actor: Actor, action: str) -> str:
        if action == "dismiss":
            return "done"
        remover = self.post_removers.get(report.post_kind or "")
        if action == "del" and remover is not None:
            assert actor.user_id is not None
            if not await remover(report, actor.user_id):
                return Refused.NOT_ALLOWED.value
            await self.audit.record(report.chat_id, actor, "del", report.author_id)
            return "done"
        if action == "del":
            try:
                await self.bot.delete_message(report.chat_id, report.message_id)
            except (TelegramBadRequest, TelegramForbiddenError) as error:
                text = error.message.lower()
                if "rights" in text:
                    return Refused.NO_RIGHTS.value
                if "not found" not in text:
                    return "del_failed"  # too old to delete, say
                # Already gone (someone deleted it): the report is handled all the same.
            await self.audit.record(report.chat_id, actor.user_id, "del", report.author_id)
            return "done"
        if report.author_id is None:
            return "no_author"  # an anonymous post: it can go, its author stays unknown
        kind, seconds = ACTIONS[action]
        if kind == "warn":
            result = await self.sanctions.warn(report.chat_id, actor, report.author_id, "", None)
        else:
            result = await self.sanctions.sanction(
                report.chat_id, actor, report.author_id, kind, seconds, "", None
            )
        return result.value if isinstance(result, Refused) else "done"


def _keyboard(t: Texts, report: Report) -> InlineKeyboardMarkup:
    """Delete and Leave it; Warn, Mute and Ban only when the author is known (an anonymous
    post's author stays unknown, so only the post can go)."""
    rows = [[_button(t("report-del"), "del", report.id)]]
    if report.author_id is not None:
        rows[0].append(_button(t("report-warn"), "warn", report.id))
        rows.append(
            [
                _button(t("report-mute1h"), "mute1h", report.id),
                _button(t("report-mute1d"), "mute1d", report.id),
                _button(t("report-ban"), "ban", report.id),
            ]
        )
    rows.append([_button(t("report-dismiss"), "dismiss", report.id)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _button(text: str, action: str, report_id: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=ReportCB(action=action, id=report_id).pack()
    )
