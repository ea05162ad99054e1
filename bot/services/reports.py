"""Reports: a member points the moderators at a message; the moderators get it privately (and in
the log chat) with one-tap answers. The answers combine, as Rose's /dwarn and /dmute do: the
message can go AND its author be warned, muted or banned; the report stays open until a
moderator closes it, or the message is gone and its author sanctioned, or the author is banned.
Every copy of the report shows what was done and by whom. The reporter is thanked and never
named — not to the reported member, not in the group, not to the moderators.

The rules only: who may report and answer, what each answer does, who is told. The report's
card, its buttons and every message about it are bot/views/reports.py, told through
`ReportNotifier`; deleting the message goes through `ChatActions` (bot/telegram.py)."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from enum import Enum
from typing import Protocol

from bot.repos.communities import CommunitiesRepo
from bot.repos.reports import Report, ReportsRepo
from bot.repos.users import UsersRepo
from bot.services.audit import AuditLog
from bot.services.chat_actions import ActionRefused, ChatActions
from bot.services.log_chat import LogChat
from bot.services.permissions import Action, Actor, Permissions, Role
from bot.services.sanctions import Refused, SanctionService, Warned, split_rule
from bot.texts import clip

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


def grounds_of(reasons: Sequence[str]) -> tuple[str, int | None]:
    """(reason, rule) the reporters gave: their words, and the rule the first of them cited by
    number ("/report 2 spam")."""
    rule: int | None = None
    words: list[str] = []
    for given in reasons:
        cited, rest = split_rule(given)
        rule = rule if rule is not None else cited
        if rest and rest not in words:
            words.append(rest)
    return clip("; ".join(words), REASON_LIMIT), rule


class ReportNotifier(Protocol):
    """What the service tells people, named for what happened; the views decide how it reads.
    `readers`: the chats a notice goes to (the log chat, moderators privately)."""

    async def reporter_thanked(self, report: Report, reporter_id: int) -> None: ...

    async def report_filed(self, report: Report, readers: Sequence[int]) -> None: ...

    async def moderators_called(
        self, chat_id: int, caller_id: int, message_id: int, text: str, readers: Sequence[int]
    ) -> None: ...

    async def report_changed(self, report: Report, copies: Sequence[tuple[int, int]]) -> None:
        """Each (chat, message) copy of the report shows it as it stands now."""
        ...

    async def sanction_announced(
        self,
        report: Report,
        kind: str,
        result: Warned | float | None,
        reason: str,
        rule: int | None,
        *,
        deleted: bool,
    ) -> None:
        """In the group, as after /warn or /mute; `result`: the warning, or the sanction's end."""
        ...


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
        actions: ChatActions,
        notifier: ReportNotifier,
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
        self.actions = actions
        self.notifier = notifier
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
        # Who reads it may mean asking Telegram (admins, the author's role): before the
        # transaction. The message's author is the report's, whoever reports it.
        readers = await self._readers(chat_id, author_id)
        async with self.repo.db.transaction():
            report, fresh, count = await self.repo.add(
                chat_id, message_id, author_id, clip(text, QUOTE_LIMIT), reporter_id, reason, post
            )
            if not fresh:
                return Reported.ALREADY
            if thank:
                await self.notifier.reporter_thanked(report, reporter_id)
            if count == 1:
                await self.notifier.report_filed(report, readers)
        log.info("message reported", extra={"report_id": report.id})
        return Reported.DONE

    async def grounds(self, report: Report) -> tuple[str, int | None]:
        """(reason, rule) the reporters gave — what a warning or mute from the report carries:
        their words, and the rule the first of them cited by number ("/report 2 spam")."""
        return grounds_of(await self.repo.reasons(report.id))

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
            await self.notifier.moderators_called(
                chat_id,
                caller_id,
                message_id,
                clip(words, QUOTE_LIMIT),
                await self._readers(chat_id, caller_id),
            )
        log.info("moderators called", extra={"chat_id": chat_id})
        return Called.DONE

    def forget(self, user_id: int) -> None:
        """After /forget: when the person last called the moderators is not kept either."""
        for key in [k for k in self._calls if k[1] == user_id]:
            del self._calls[key]

    async def _recipients(self, chat_id: int, about_id: int | None) -> list[int]:
        """Admins and appointed moderators — never the person it is about (a report against an
        admin goes to the other admins)."""
        people = list(await self.permissions.admins(chat_id))
        people += [m for m in await self.communities.moderators(chat_id) if m not in people]
        return [p for p in people if p != about_id]

    async def _readers(self, chat_id: int, about_id: int | None) -> list[int]:
        """Privately the admins and moderators, and the log chat when the community has one (so
        a log chat the bot was removed from loses nothing) — unless the notice is about a
        moderator or an admin, who may well be in that chat."""
        if await self.communities.get(chat_id) is None:
            return []
        log_chat = await self.log_chat.chat_of(chat_id)
        if log_chat is not None and about_id is not None:
            role = await self.permissions.role(chat_id, Actor(about_id))
            if role >= Role.MODERATOR:
                log_chat = None
        readers = [] if log_chat is None else [log_chat]
        for moderator_id in await self._recipients(chat_id, about_id):
            user = await self.users.get(moderator_id)
            if user is not None and user.blocked_at is None:
                readers.append(moderator_id)
        return readers

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
            async with self.repo.db.transaction():
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
        # Recorded as soon as Telegram has done it: the deletion below is another call.
        await self.repo.add_step(report.id, action, actor.user_id)
        taken.add(action)
        # A ban closes the report: the message goes with its author (as /dban), or nobody
        # would be left a button to delete it. Too old to delete: the ban stands all the same.
        deleted = (
            action == "ban" and "del" not in taken and await self._delete(report, actor) == "done"
        )
        async with self.repo.db.transaction():  # Telegram done: the step and the close together
            if deleted:
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
        async with self.repo.db.transaction():  # closed, and its line in the log, together
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
        await self.notifier.sanction_announced(report, kind, result, reason, rule, deleted=deleted)
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
            await self.actions.delete_message(report.chat_id, report.message_id)
        except ActionRefused as error:
            text = error.message.lower()
            if "rights" in text:
                return Refused.NO_RIGHTS.value
            if "not found" not in text:
                return "del_failed"  # too old to delete, say
            # Already gone (someone deleted it): the report is handled all the same.
        await self.audit.record(report.chat_id, actor.user_id, "del", report.author_id)
        return "done"

    # --- the copies of a report ---

    async def copy_sent(self, report_id: int, chat_id: int, message_id: int) -> None:
        """A copy reached a moderator or the log chat (the chat id the sender reports: the log
        chat may have become a supergroup on the way)."""
        async with self.repo.db.transaction():
            await self.repo.add_copy(report_id, chat_id, message_id)
            report = await self.repo.get(report_id)
            if report is not None and await self.repo.steps(report_id):
                # Answered while on its way.
                await self.notifier.report_changed(report, [(chat_id, message_id)])

    async def _refresh_copies(self, report_id: int, *, skip_chat: int | None = None) -> None:
        report = await self.repo.get(report_id)
        if report is None:
            return
        copies = [c for c in await self.repo.copies(report_id) if c[0] != skip_chat]
        await self.notifier.report_changed(report, copies)
