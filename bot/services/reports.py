"""Reports: a member points the moderators at a message; the moderators get it privately (and in
the log chat) with one-tap answers. The answers combine, as Rose's /dwarn and /dmute do: the
message can go AND its author be warned, muted or banned; the report stays open until a
moderator closes it, or the message is gone and its author sanctioned, or the author is banned.
Every copy of the report shows what was done and by whom. The reporter is thanked and never
named — not to the reported member, not in the group, not to the moderators."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Awaitable, Callable
from enum import Enum
from typing import TYPE_CHECKING, Any

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import ReportCB
from bot.i18n import Markup, Texts, Translator
from bot.repos.communities import CommunitiesRepo, Community
from bot.repos.reports import Report, ReportsRepo, ReportStep
from bot.repos.users import UsersRepo
from bot.services.audit import AuditLog
from bot.services.log_chat import LogChat
from bot.services.permissions import Action, Actor, Permissions, Role
from bot.services.sanctions import Refused, SanctionService, Warned, split_rule
from bot.texts import clip, mention
from bot.views.sanctions import SanctionViews, limit_text, until_text

if TYPE_CHECKING:
    from bot.services.sender import Sender

log = logging.getLogger(__name__)

QUOTE_LIMIT = 700
REASON_LIMIT = 300  # a reporter's own words
# The sanctions a report's buttons give: (kind, seconds; None = until lifted). One per report.
ACTIONS: dict[str, tuple[str, int | None]] = {
    "warn": ("warn", None),
    "mute1h": ("mute", 3600),
    "mute1d": ("mute", 86400),
    "ban": ("ban", None),
}
STEPS = ("del", *ACTIONS, "dismiss")  # what a button may ask for
CLOSED = ("done", "dismissed")
COPY_KEY = "report:"  # a copy of the report on its way to a moderator or the log chat
EDIT_KEY = "report-edit:"


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
        sanction_views: SanctionViews,
        *,
        bot: Bot,
        sender: Sender,
        translator: Translator,
        default_timezone: str,
    ) -> None:
        self.repo = repo
        self.permissions = permissions
        self.communities = communities
        self.users = users
        self.sanctions = sanctions
        self.audit = audit
        self.log_chat = log_chat
        self.sanction_views = sanction_views
        # What "Delete" does to a reported bot post of a member's item (by post_kind): the
        # feature takes the whole item down; True when it did (or it was gone already).
        self.post_removers: dict[str, Callable[[Report, int], Awaitable[bool]]] = {}
        self.bot = bot
        self.sender = sender
        self.translator = translator
        self.default_timezone = default_timezone
        sender.on_sent(COPY_KEY, self._copy_sent)
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
            await self._tell_moderators(report)
        log.info("message reported", extra={"report_id": report.id})
        return Reported.DONE

    async def grounds(self, report: Report) -> tuple[str, int | None]:
        """(reason, rule) the reporters gave — what a warning or mute from the report carries:
        their words, and the rule the first of them cited by number ("/report 2 spam")."""
        rule: int | None = None
        words: list[str] = []
        for given in await self.repo.reasons(report.id):
            cited, rest = split_rule(given)
            rule = rule if rule is not None else cited
            if rest and rest not in words:
                words.append(rest)
        return clip("; ".join(words), REASON_LIMIT), rule

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
        community = await self.communities.get(chat_id)
        title = community.title if community else ""

        async def render(t: Texts) -> tuple[str, InlineKeyboardMarkup | None]:
            lines = [
                t("call-new", title=title, name=Markup(mention(caller_id, name))),
                t("report-quote", text=text or t("report-no-text")),
            ]
            link = message_link(chat_id, message_id)
            if link:
                lines.append(t("report-open", link=link))
            return "\n".join(lines), None

        await self._notify(chat_id, caller_id, render, f"call:{chat_id}:{message_id}")

    async def _recipients(self, chat_id: int, about_id: int | None) -> list[int]:
        """Admins and appointed moderators — never the person it is about (a report against an
        admin goes to the other admins)."""
        people = list(await self.permissions.admins(chat_id))
        people += [m for m in await self.communities.moderators(chat_id) if m not in people]
        return [p for p in people if p != about_id]

    async def _tell_moderators(self, report: Report) -> None:
        async def render(t: Texts) -> tuple[str, InlineKeyboardMarkup | None]:
            return await self.card(t, report)

        await self._notify(report.chat_id, report.author_id, render, f"{COPY_KEY}{report.id}")

    async def _notify(
        self,
        chat_id: int,
        about_id: int | None,
        render: Callable[[Texts], Awaitable[tuple[str, InlineKeyboardMarkup | None]]],
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
        readers = [] if log_chat is None else [(log_chat, self._group_texts(community))]
        for moderator_id in await self._recipients(chat_id, about_id):
            user = await self.users.get(moderator_id)
            if user is not None and user.blocked_at is None:
                readers.append((moderator_id, self.translator.texts_for(user)))
        for reader, t in readers:
            text, keyboard = await render(t)
            await self.sender.enqueue(
                reader,
                text,
                reply_markup=keyboard,
                priority=-1,
                dedupe_key=f"{key}:{reader}",
            )

    def _group_texts(self, community: Community) -> Texts:
        """The group and its log chat speak the community's language."""
        return self.translator.texts(community.language or self.translator.default_language)

    async def texts_in(self, report: Report, chat_id: int) -> Texts:
        """The language of one copy: the moderator's own, or the community's in the log chat."""
        if chat_id > 0:
            return self.translator.texts_for(await self.users.get(chat_id))
        community = await self.communities.get(report.chat_id)
        if community is None:
            return self.translator.texts(self.translator.default_language)
        return self._group_texts(community)

    async def card(self, t: Texts, report: Report) -> tuple[str, InlineKeyboardMarkup | None]:
        """A copy of the report as it stands: the message, why, what was done and by whom, and
        the answers still open (none once it is closed)."""
        community = await self.communities.get(report.chat_id)
        steps = await self.repo.steps(report.id)
        author = await self.users.get(report.author_id) if report.author_id else None
        name = (author.first_name if author else None) or t("someone")
        who = mention(report.author_id, name) if report.author_id else name
        lines = [
            t("report-new", title=community.title if community else "", name=Markup(who)),
            t("report-quote", text=report.text or t("report-no-text")),
        ]
        reason, rule = await self.grounds(report)
        lines += await self.sanction_views.why_lines(t, report.chat_id, reason, rule)
        link = message_link(report.chat_id, report.message_id)
        if link:
            lines.append(t("report-open", link=link))
        done = await self._summary(t, steps)
        text = "\n".join(lines) + (f"\n\n{done}" if done else "")
        if report.status in CLOSED:
            return text, None
        return text, _keyboard(t, report, {step.action for step in steps})

    async def _summary(self, t: Texts, steps: list[ReportStep]) -> str:
        """ "✅ Deleted · warning — by Anna", a line per moderator in the order they acted."""
        runs: list[tuple[int | None, list[str]]] = []
        for step in steps:
            if runs and runs[-1][0] == step.by_id:
                runs[-1][1].append(t(f"report-step-{step.action}"))
            else:
                runs.append((step.by_id, [t(f"report-step-{step.action}")]))
        lines = []
        for by_id, labels in runs:
            moderator = await self.users.get(by_id) if by_id is not None else None
            name = (moderator.first_name if moderator else None) or t("someone")
            said = " · ".join(labels)
            said = said[:1].upper() + said[1:]
            lines.append(t("report-steps-by", steps=Markup(said), name=name))
        return "\n".join(lines)

    async def pressed_where(self, report_id: int, chat_id: int, user_id: int) -> bool:
        """A report's buttons work in the presser's private chat and in the community's log
        chat (the presser's rights are checked again either way)."""
        if chat_id == user_id:
            return True
        report = await self.repo.get(report_id)
        return report is not None and await self.log_chat.chat_of(report.chat_id) == chat_id

    async def act(
        self, report_id: int, moderator_id: int, action: str, *, pressed_in: int | None = None
    ) -> tuple[str, Report | None]:
        """(outcome key, the report as it is now): done | already (closed) | taken (this was
        done, or the author sanctioned, already) | busy (another press is being carried out) |
        gone | not_allowed | self | del_failed | no_author | a Refused value. One press at a
        time claims the report; every copy but the pressed one (`pressed_in`: its chat, which
        the presser's own answer updates) is edited to show the step."""
        report = await self.repo.get(report_id)
        if report is None or action not in STEPS:
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
        if report.status in CLOSED:
            return "already", report
        if not await self.repo.claim(report.id):
            now = await self.repo.get(report.id)
            return ("already" if now is None or now.status in CLOSED else "busy"), now
        try:
            outcome = await self._step(report, actor, action)
        except Exception:
            await self.repo.reopen(report.id)
            raise
        if outcome == "done":
            await self._refresh_copies(report.id, skip_chat=pressed_in)
        return outcome, await self.repo.get(report.id)

    async def _step(self, report: Report, actor: Actor, action: str) -> str:
        """One answer on a claimed report; it is closed or open again afterwards."""
        assert actor.user_id is not None
        taken = {step.action for step in await self.repo.steps(report.id)}
        if action == "dismiss":
            # "Leave it" before anything was done; "Close" after.
            closing = "close" if taken else "dismiss"
            await self.repo.add_step(report.id, closing, actor.user_id)
            await self._close(report, actor.user_id, "done" if taken else "dismissed", closing)
            return "done"
        if action in taken or (action in ACTIONS and taken & ACTIONS.keys()):
            await self.repo.reopen(report.id)
            return "taken"
        outcome = await self._apply(report, actor, action, deleted="del" in taken)
        if outcome != "done":
            await self.repo.reopen(report.id)
            return outcome
        await self.repo.add_step(report.id, action, actor.user_id)
        taken.add(action)
        # A ban closes the report: the message goes with its author (as /dban), or nobody
        # would be left a button to delete it. Too old to delete: the ban stands all the same.
        if action == "ban" and "del" not in taken and await self._delete(report, actor) == "done":
            await self.repo.add_step(report.id, "del", actor.user_id)
            taken.add("del")
        # Nothing more to do: the author is banned, or the message is gone and its author
        # sanctioned (or unknown: an anonymous post can only go).
        sanctioned = bool(taken & ACTIONS.keys()) or report.author_id is None
        if action == "ban" or ("del" in taken and sanctioned):
            await self._close(report, actor.user_id, "done", action)
        else:
            await self.repo.reopen(report.id)
        return "done"

    async def _close(self, report: Report, moderator_id: int, status: str, action: str) -> None:
        await self.repo.resolve(report.id, status, action, moderator_id)
        # What was done, as "warn+del" (each step is in the log on its own too).
        steps = [s.action for s in await self.repo.steps(report.id) if s.action != "close"]
        await self.audit.record(
            report.chat_id, moderator_id, f"report-{status}", report.author_id, "+".join(steps)
        )

    async def _apply(self, report: Report, actor: Actor, action: str, *, deleted: bool) -> str:
        if action == "del":
            return await self._delete(report, actor)
        if report.author_id is None:
            return "no_author"  # an anonymous post: it can go, its author stays unknown
        reason, rule = await self.grounds(report)
        kind, seconds = ACTIONS[action]
        chat_id, author_id = report.chat_id, report.author_id
        result: Warned | float | Refused | None
        if kind == "warn":
            result = await self.sanctions.warn(chat_id, actor, author_id, reason, rule)
        else:
            result = await self.sanctions.sanction(
                chat_id, actor, author_id, kind, seconds, reason, rule
            )
        if isinstance(result, Refused):
            return result.value
        await self._announce(report, kind, result, reason, rule, deleted=deleted)
        return "done"

    async def _delete(self, report: Report, actor: Actor) -> str:
        assert actor.user_id is not None
        remover = self.post_removers.get(report.post_kind or "")
        if remover is not None:
            if not await remover(report, actor.user_id):
                return Refused.NOT_ALLOWED.value
            await self.audit.record(report.chat_id, actor, "del", report.author_id)
            return "done"
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

    async def _announce(
        self,
        report: Report,
        kind: str,
        result: Warned | float | None,
        reason: str,
        rule: int | None,
        *,
        deleted: bool,
    ) -> None:
        """The group reads it as after /warn or /mute: whom, why (the reporters' words and
        rule, never who reported) and until when — in reply to the message while it is there."""
        community = await self.communities.get(report.chat_id)
        if community is None or report.author_id is None:
            return
        t = self._group_texts(community)
        author = await self.users.get(report.author_id)
        who = Markup(
            mention(report.author_id, (author.first_name if author else None) or t("someone"))
        )
        why = await self.sanction_views.why_lines(t, report.chat_id, reason, rule)
        if isinstance(result, Warned):
            lines = [t("warn-given", name=who, count=result.count, limit=result.limit), *why]
            if result.sanction is not None:
                lines.append(limit_text(t, who, result))
        else:
            zone = community.timezone or self.default_timezone
            lines = [t(f"{kind}-done", name=who, until=until_text(t, result, zone)), *why]
        reply: dict[str, Any] = (
            {}
            if deleted
            else {
                "reply_parameters": {
                    "message_id": report.message_id,
                    "allow_sending_without_reply": True,
                }
            }
        )
        await self.sender.enqueue(
            report.chat_id,
            "\n".join(lines),
            priority=-1,
            dedupe_key=f"report-said:{report.id}:{kind}",
            **reply,
        )

    # --- the copies of a report ---

    async def _copy_sent(self, key: str, chat_id: int, message_id: int) -> None:
        # The chat id the sender reports, not the key's: the log chat may have become a
        # supergroup on the way.
        report_id = int(key[len(COPY_KEY) :].split(":")[0])
        await self.repo.add_copy(report_id, chat_id, message_id)
        report = await self.repo.get(report_id)
        if report is not None and await self.repo.steps(report_id):
            await self._edit_copy(report, chat_id, message_id)  # answered while on its way

    async def _refresh_copies(self, report_id: int, *, skip_chat: int | None = None) -> None:
        report = await self.repo.get(report_id)
        if report is None:
            return
        for chat_id, message_id in await self.repo.copies(report_id):
            if chat_id != skip_chat:
                await self._edit_copy(report, chat_id, message_id)

    async def _edit_copy(self, report: Report, chat_id: int, message_id: int) -> None:
        """Queued through the sender; an older pending edit of the same copy gives way."""
        text, keyboard = await self.card(await self.texts_in(report, chat_id), report)
        prefix = f"{EDIT_KEY}{report.id}:{chat_id}:"
        await self.sender.outbox.supersede(prefix)
        await self.sender.enqueue(
            chat_id,
            text,
            method="editMessageText",
            message_id=message_id,
            reply_markup=keyboard or InlineKeyboardMarkup(inline_keyboard=[]),
            priority=-1,
            dedupe_key=f"{prefix}{time.time_ns()}",
        )


def _keyboard(t: Texts, report: Report, taken: set[str]) -> InlineKeyboardMarkup:
    """The answers not given yet: Delete until the message is gone; Warn, Mute and Ban until
    the author is sanctioned, and only when the author is known (an anonymous post's author
    stays unknown, so only the post can go); "Leave it", or "Close" once something was done."""
    rows: list[list[InlineKeyboardButton]] = [[]]
    if "del" not in taken:
        rows[0].append(_button(t("report-del"), "del", report.id))
    if report.author_id is not None and not taken & ACTIONS.keys():
        rows[0].append(_button(t("report-warn"), "warn", report.id))
        rows.append(
            [
                _button(t("report-mute1h"), "mute1h", report.id),
                _button(t("report-mute1d"), "mute1d", report.id),
                _button(t("report-ban"), "ban", report.id),
            ]
        )
    rows.append([_button(t("report-close" if taken else "report-dismiss"), "dismiss", report.id)])
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def _button(text: str, action: str, report_id: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=ReportCB(action=action, id=report_id).pack()
    )
