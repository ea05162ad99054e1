"""What people read of appeals: the sanctioned member's notice with "Appeal", the case as the
deciding moderators see it with Lift / Keep, and the decision told to both sides. Each is
rendered in its reader's language and queued through the sender.

Implements bot.services.appeals.AppealNotifier."""

from __future__ import annotations

import time

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import AppealAction, AppealCB, AppealDecisionCB
from bot.i18n import Markup, Texts, Translator
from bot.repos.appeals import Appeal
from bot.repos.communities import CommunitiesRepo, Community
from bot.repos.sanctions import Sanction, Warning
from bot.repos.users import User, UsersRepo
from bot.services.sanctions import Case
from bot.services.sender import Sender
from bot.texts import format_datetime, mention
from bot.timeutil import from_timestamp
from bot.views.sanctions import SanctionViews, until_text


def words_keyboard(t: Texts, kind: str, record_id: int) -> InlineKeyboardMarkup:
    """Under "a few words for the moderators?": send the appeal without any."""
    send = AppealCB(action=AppealAction.SEND, kind=kind, id=record_id).pack()
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t("appeal-send-bare"), callback_data=send)]]
    )


class AppealViews:
    def __init__(
        self,
        translator: Translator,
        users: UsersRepo,
        communities: CommunitiesRepo,
        sanction_views: SanctionViews,
        sender: Sender,
        *,
        default_timezone: str,
    ) -> None:
        self.translator = translator
        self.users = users
        self.communities = communities
        self.sanction_views = sanction_views
        self.sender = sender
        self.default_timezone = default_timezone

    async def _zone(self, chat_id: int, user_timezone: str | None) -> str:
        if user_timezone:
            return user_timezone
        community = await self.communities.get(chat_id)
        return (community.timezone if community else None) or self.default_timezone

    async def member_sanctioned(self, case: Case, member: User, community: Community) -> None:
        t = self.translator.texts_for(member)
        why = await self.sanction_views.why_lines(t, case.chat_id, case.reason, case.rule)
        if case.kind == "kick":
            # Nothing stays in force, so nothing to appeal: what happened and why.
            await self.sender.enqueue(
                case.user_id,
                "\n".join([t("notice-kick", title=community.title), *why]),
                priority=-1,
                dedupe_key=f"notice:kick:{case.chat_id}:{case.user_id}:{time.time_ns()}",
            )
            return
        if case.kind == "warn":
            lines = [t("notice-warn", title=community.title, count=case.count, limit=case.limit)]
        else:
            zone = await self._zone(case.chat_id, member.timezone)
            until = until_text(t, case.until, zone)
            lines = [t(f"notice-{case.kind}", title=community.title, until=until)]
            if case.by_limit:
                lines.append(t("notice-by-limit", limit=case.limit))
            if case.by_flood:
                lines.append(t("notice-by-flood"))
        lines += why
        lines.append(t("notice-appeal-hint"))
        appeal = AppealCB(action=AppealAction.OPEN, kind=case.kind, id=case.record_id).pack()
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text=t("appeal-button"), callback_data=appeal)]]
        )
        await self.sender.enqueue(
            case.user_id,
            "\n".join(lines),
            reply_markup=keyboard,
            priority=-1,
            dedupe_key=f"notice:{case.kind}:{case.record_id}",
        )

    async def appeal_asked(
        self, decider: User, appeal: Appeal, record: Warning | Sanction, community: Community
    ) -> None:
        t = self.translator.texts_for(decider)
        member = await self.users.get(appeal.user_id)
        name = mention(appeal.user_id, (member.first_name if member else None) or t("someone"))
        by = await self.users.get(appeal.by_id) if appeal.by_id is not None else None
        by_name = (by.first_name if by else None) or t("modlog-anonymous")
        zone = await self._zone(appeal.chat_id, decider.timezone)
        when = format_datetime(from_timestamp(record.created_at), t.lang, zone, "d MMM HH:mm")
        lines = [
            t(
                "appeal-new",
                title=community.title,
                name=Markup(name),
                kind=t(f"appeal-kind-{appeal.kind}"),
                by=by_name,
                when=when,
            )
        ]
        lines += await self.sanction_views.why_lines(t, appeal.chat_id, record.reason, record.rule)
        lines.append(t("appeal-words", words=appeal.text) if appeal.text else t("appeal-no-words"))

        def button(action: str) -> InlineKeyboardButton:
            return InlineKeyboardButton(
                text=t(f"appeal-{action}"),
                callback_data=AppealDecisionCB(action=action, id=appeal.id).pack(),
            )

        await self.sender.enqueue(
            decider.id,
            "\n".join(lines),
            reply_markup=InlineKeyboardMarkup(inline_keyboard=[[button("lift"), button("keep")]]),
            priority=-1,
            dedupe_key=f"appeal:{appeal.id}:{decider.id}",
        )

    async def member_told_decision(self, appeal: Appeal, status: str, title: str) -> None:
        t = self.translator.texts_for(await self.users.get(appeal.user_id))
        key = {
            "lifted": f"appeal-lifted-{appeal.kind}",
            "kept": "appeal-kept-member",
            "over": "appeal-over-member",
        }[status]
        await self.sender.enqueue(
            appeal.user_id,
            t(key, title=title),
            priority=-1,
            dedupe_key=f"appeal-decided:{appeal.id}:{appeal.user_id}",
        )

    async def moderator_told_decision(
        self, appeal: Appeal, status: str, title: str, decider_id: int
    ) -> None:
        assert appeal.by_id is not None
        t = self.translator.texts_for(await self.users.get(appeal.by_id))
        member = await self.users.get(appeal.user_id)
        decider = await self.users.get(decider_id)
        await self.sender.enqueue(
            appeal.by_id,
            t(
                f"appeal-{status}-moderator",
                title=title,
                name=(member.first_name if member else None) or t("someone"),
                kind=t(f"appeal-kind-{appeal.kind}"),
                by=(decider.first_name if decider else None) or t("someone"),
            ),
            priority=-1,
            dedupe_key=f"appeal-decided:{appeal.id}:{appeal.by_id}",
        )
