"""What people read of reports: the report's card with the answers still open, the "@admin" call,
the reporter's thanks, the group's line after a warning or mute from a report, and keeping every
copy of the card up to date. Each is rendered in its reader's language (a moderator's own, the
community's in the log chat) and queued through the sender.

Implements bot.services.reports.ReportNotifier. The reporter is never named anywhere here."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import ReportCB
from bot.i18n import Markup, Texts, Translator
from bot.repos.communities import CommunitiesRepo, Community
from bot.repos.reports import Report, ReportsRepo, ReportStep
from bot.repos.users import UsersRepo
from bot.services.reports import ACTIONS, CLOSED, grounds_of
from bot.services.sanctions import Warned
from bot.services.sender import Sender
from bot.texts import mention
from bot.views.sanctions import SanctionViews, limit_text, until_text

COPY_KEY = "report:"  # a copy of the report on its way to a moderator or the log chat
EDIT_KEY = "report-edit:"

Rendered = tuple[str, InlineKeyboardMarkup | None]
CopySent = Callable[[int, int, int], Awaitable[None]]  # (report id, chat id, message id)


def message_link(chat_id: int, message_id: int) -> str | None:
    """A link moderators can open: supergroups only (their ids start with -100)."""
    text = str(chat_id)
    return f"https://t.me/c/{text[4:]}/{message_id}" if text.startswith("-100") else None


class ReportViews:
    def __init__(
        self,
        repo: ReportsRepo,
        communities: CommunitiesRepo,
        users: UsersRepo,
        sanction_views: SanctionViews,
        *,
        sender: Sender,
        translator: Translator,
        default_timezone: str,
    ) -> None:
        self.repo = repo
        self.communities = communities
        self.users = users
        self.sanction_views = sanction_views
        self.sender = sender
        self.translator = translator
        self.default_timezone = default_timezone

    def follow_copies(self, sent: CopySent) -> None:
        """Once a copy of a report is delivered, where it is goes back to the service."""

        async def on_sent(key: str, chat_id: int, message_id: int) -> None:
            await sent(int(key[len(COPY_KEY) :].split(":")[0]), chat_id, message_id)

        self.sender.on_sent(COPY_KEY, on_sent)

    def _group_texts(self, community: Community) -> Texts:
        """The group and its log chat speak the community's language."""
        return self.translator.texts(community.language or self.translator.default_language)

    async def _texts_of(self, chat_id: int, community: Community | None) -> Texts:
        """The language of one copy: the moderator's own, or the community's in the log chat."""
        if chat_id > 0:
            return self.translator.texts_for(await self.users.get(chat_id))
        if community is None:
            return self.translator.texts(self.translator.default_language)
        return self._group_texts(community)

    async def card_in(self, report: Report, chat_id: int) -> Rendered:
        """The card as the copy in `chat_id` should show it now."""
        community = await self.communities.get(report.chat_id)
        return await self.card(await self._texts_of(chat_id, community), report)

    async def card(self, t: Texts, report: Report) -> Rendered:
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
        reason, rule = grounds_of(await self.repo.reasons(report.id))
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

    # --- the notices ---

    async def reporter_thanked(self, report: Report, reporter_id: int) -> None:
        t = self.translator.texts_for(await self.users.get(reporter_id))
        await self.sender.enqueue(
            reporter_id,
            t("report-thanks"),
            priority=-1,
            dedupe_key=f"report-thanks:{report.id}:{reporter_id}",
        )

    async def report_filed(self, report: Report, readers: Sequence[int]) -> None:
        await self._to_readers(
            report.chat_id, readers, lambda t: self.card(t, report), f"{COPY_KEY}{report.id}"
        )

    async def moderators_called(
        self, chat_id: int, caller_id: int, message_id: int, text: str, readers: Sequence[int]
    ) -> None:
        caller = await self.users.get(caller_id)
        name = (caller.first_name if caller else None) or str(caller_id)
        community = await self.communities.get(chat_id)
        title = community.title if community else ""

        async def render(t: Texts) -> Rendered:
            lines = [
                t("call-new", title=title, name=Markup(mention(caller_id, name))),
                t("report-quote", text=text or t("report-no-text")),
            ]
            link = message_link(chat_id, message_id)
            if link:
                lines.append(t("report-open", link=link))
            return "\n".join(lines), None

        await self._to_readers(chat_id, readers, render, f"call:{chat_id}:{message_id}")

    async def _to_readers(
        self,
        chat_id: int,
        readers: Sequence[int],
        render: Callable[[Texts], Awaitable[Rendered]],
        key: str,
    ) -> None:
        community = await self.communities.get(chat_id)
        if community is None:
            return
        for reader in readers:
            text, keyboard = await render(await self._texts_of(reader, community))
            await self.sender.enqueue(
                reader,
                text,
                reply_markup=keyboard,
                priority=-1,
                dedupe_key=f"{key}:{reader}",
            )

    async def report_changed(self, report: Report, copies: Sequence[tuple[int, int]]) -> None:
        """Queued through the sender; an older pending edit of the same copy gives way."""
        for chat_id, message_id in copies:
            text, keyboard = await self.card_in(report, chat_id)
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
