"""Reports: a member points the moderators at a message; the moderators get it privately with
one-tap answers (delete, warn, mute, ban, dismiss). The reporter is thanked and never named —
not to the reported member, not to the moderators."""

from __future__ import annotations

import logging
import re
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
REASON_LIMIT = 300  # a reporter's own words
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


class Called(Enum):
    """What "@admin" in a group message came to."""

    DONE = "done"  # the moderators were told
    ALREADY = "already"  # a report of the same message by the same person: counted once
    TOO_SOON = "too_soon"  # this person called a moment ago: not again so soon
    MODERATOR = "moderator"  # a moderator (or an admin) speaks: they are the ones called
    NOT_ALLOWED = "not_allowed"  # not a member of the community


# One person calls the moderators in one group at most once in this many seconds.
CALL_INTERVAL = 300.0
# "@admin" and "@admins" anywhere in a message (not inside an address such as a@admin.org), and
# their Russian spellings.
ADMIN_CALL = re.compile(r"(?<![\w@.])@(?:admins?|админы?)(?![\w@])", re.IGNORECASE)


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
        # (chat, person) → when they last called the moderators with "@admin" (this process's
        # memory: after a restart one more call may come through sooner, no harm).
        self._calls: dict[tuple[int, int], float] = {}

    async def report(
        self,
        chat_id: int,
        reporter_id: int,
        message_id: int,
        author_id: int | None,
        text: str,
        reason: str,
        post: tuple[str, int | None] | None = None,
        *,
        thank: bool = True,
    ) -> Reported:
        """`thank`: the reporter is thanked privately (and promised they stay unknown — not so
        for "@admin", said in front of everyone)."""
        if not await self.permissions.may(chat_id, Actor(reporter_id), Action.USE):
            return Reported.NOT_ALLOWED
        report, fresh, count = await self.repo.add(
            chat_id, message_id, author_id, clip(text, QUOTE_LIMIT), reporter_id, reason, post
        )
        if not fresh:
            return Reported.ALREADY
        if thank:
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

    async def call(
        self,
        chat_id: int,
        caller_id: int,
        message_id: int,
        text: str,
        replied: tuple[int, int, str] | None,
    ) -> Called:
        """ "@admin" in the group: a report of the replied message (`replied`: its id, its
        author, its text) with the caller's words as the reason, or, without one, a call to
        look at the caller's own message. Moderators calling each other need no notice; one
        person calls at most once in CALL_INTERVAL."""
        role = await self.permissions.role(chat_id, Actor(caller_id))
        if role >= Role.MODERATOR:
            return Called.MODERATOR
        if role < Role.MEMBER:
            return Called.NOT_ALLOWED
        now = self.repo.clock.time()
        key = (chat_id, caller_id)
        earlier = self._calls.get(key)
        if earlier is not None and now - earlier < CALL_INTERVAL:
            return Called.TOO_SOON
        if len(self._calls) > 10_000:
            self._calls = {k: at for k, at in self._calls.items() if now - at < CALL_INTERVAL}
        # Taken before anything is awaited: a second "@admin" arriving meanwhile is too soon.
        self._calls[key] = now
        words = " ".join(text.split())
        if replied is not None:
            replied_id, author_id, replied_text = replied
            reported = await self.report(
                chat_id,
                caller_id,
                replied_id,
                author_id,
                replied_text,
                clip(words, REASON_LIMIT),
                thank=False,
            )
            if reported is not Reported.DONE:
                self._calls.pop(key, None)  # nothing went out: it does not count
                if earlier is not None:
                    self._calls[key] = earlier
                return Called(reported.value)
        else:
            await self._tell_call(chat_id, caller_id, message_id, clip(words, QUOTE_LIMIT))
        log.info("moderators called", extra={"chat_id": chat_id})
        return Called.DONE

    def forget(self, user_id: int) -> None:
        """After /forget: when the person last called the moderators is not kept either."""
        for key in [k for k in self._calls if k[1] == user_id]:
            del self._calls[key]

    async def _tell_call(self, chat_id: int, caller_id: int, message_id: int, text: str) -> None:
        caller = await self.users.get(caller_id)
        name = (caller.first_name if caller else None) or str(caller_id)

        async def render(t: Texts, title: str) -> str:
            lines = [
                t("call-new", title=title, name=Markup(mention(caller_id, name))),
                t("report-quote", text=text or t("report-no-text")),
            ]
            link = message_link(chat_id, message_id)
            if link:
                lines.append(t("report-open", link=link))
            return "\n".join(lines)

        await self._notify(chat_id, caller_id, render, None, f"call:{chat_id}:{message_id}")

    async def _recipients(self, chat_id: int, about_id: int | None) -> list[int]:
        """Admins and appointed moderators — never the person it is about (a report against an
        admin goes to the other admins)."""
        people = list(await self.permissions.admins(chat_id))
        people += [m for m in await self.communities.moderators(chat_id) if m not in people]
        return [p for p in people if p != about_id]

    async def _tell_moderators(self, report: Report, reason: str) -> None:
        async def render(t: Texts, title: str) -> str:
            return await self._report_text(t, report, title, reason)

        await self._notify(
            report.chat_id,
            report.author_id,
            render,
            lambda t: _keyboard(t, report),
            f"report:{report.id}",
        )

    async def _notify(
        self,
        chat_id: int,
        about_id: int | None,
        render: Callable[[Texts, str], Awaitable[str]],
        keyboard: Callable[[Texts], InlineKeyboardMarkup] | None,
        key: str,
    ) -> None:
        """Privately to the admins and moderators, and to the log chat when the community has
        one (so a log chat the bot was removed from loses nothing) — unless the notice is about
        a moderator or an admin, who may well be in that chat."""
        community = await self.communities.get(chat_id)
        if community is None:
            return
        log_chat = await self.log_chat.chat_of(chat_id)
        if log_chat is not None and about_id is not None:
            role = await self.permissions.role(chat_id, Actor(about_id))
            if role >= Role.MODERATOR:
                log_chat = None
        readers: list[tuple[int, Texts]] = []
        if log_chat is not None:
            readers.append((log_chat, self.log_chat.texts(community)))
        for moderator_id in await self._recipients(chat_id, about_id):
            user = await self.users.get(moderator_id)
            if user is None or user.blocked_at is not None:
                continue
            readers.append((moderator_id, self.translator.texts_for(user)))
        for reader, t in readers:
            await self.sender.enqueue(
                reader,
                await render(t, community.title),
                reply_markup=keyboard(t) if keyboard is not None else None,
                priority=-1,
                dedupe_key=f"{key}:{reader}",
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
