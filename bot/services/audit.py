"""Recording what moderators do: one place every moderation action and settings change goes
through, so /modlog and the community's log chat can answer "who did this, and why"."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from bot.i18n import Markup, Texts
from bot.repos.audit import AuditEntry, AuditRepo
from bot.repos.users import UsersRepo
from bot.services.community_settings import setting_change
from bot.services.permissions import Actor
from bot.texts import clip, escape, format_datetime
from bot.timeutil import from_timestamp

log = logging.getLogger(__name__)

DETAIL_LIMIT = 300
BY_LIMIT = "(warnings)"  # recorded after a sanction the warnings' limit brought
# /modlog filters: a name and the actions it shows.
FILTERS: dict[str, tuple[str, ...]] = {
    "sanctions": (
        "warn",
        "unwarn",
        "resetwarns",
        "mute",
        "unmute",
        "ban",
        "unban",
        "kick",
        "del",
        "purge",
        "flood-mute",
        "gate-removed",
        "gate-kept",
        "gate-accepted-late",
        "join-approved",
        "join-declined",
        "join-expired",
    ),
    "reports": ("report-done", "report-dismissed"),
    "appeals": ("appeal", "appeal-lifted", "appeal-kept", "appeal-over"),
    "settings": ("setting", "mod", "unmod"),
}

Publisher = Callable[[AuditEntry], Awaitable[None]]


class AuditLog:
    def __init__(self, repo: AuditRepo, users: UsersRepo) -> None:
        self.repo = repo
        self.users = users
        # Posts each entry to the community's log chat, when it has one (set at wiring: the
        # log chat is itself a setting, and settings changes are recorded here).
        self.publish: Publisher | None = None

    async def record(
        self,
        chat_id: int,
        actor: int | Actor | None,
        action: str,
        target_id: int | None = None,
        detail: str = "",
    ) -> None:
        """`actor`: a person's id, the Actor (an anonymous admin stays anonymous), or None for
        the bot itself."""
        if isinstance(actor, Actor):
            actor_id, anonymous = actor.person, actor.sender_chat_id is not None
        else:
            actor_id, anonymous = actor, False
        entry = await self.repo.add(
            chat_id, actor_id, anonymous, action, target_id, clip(detail, DETAIL_LIMIT)
        )
        # Ids stay out of the log line: the table has them for those allowed to see.
        log.info("audit", extra={"chat_id": chat_id, "action": action})
        if self.publish is not None:
            await self.publish(entry)

    async def page(
        self, chat_id: int, page: int, size: int, kind: str = ""
    ) -> tuple[list[AuditEntry], int]:
        return await self.repo.page(chat_id, page * size, size, FILTERS.get(kind, ()))

    async def describe(self, entry: AuditEntry, t: Texts, zone: str) -> str:
        """One line: when · what: whom · why — who. Labels are nouns ("Предупреждение"), so no
        line needs a name's case or gender."""
        if entry.anonymous:
            who = t("modlog-anonymous")
        elif entry.actor_id is None:
            who = t("modlog-bot")
        else:
            actor = await self.users.get(entry.actor_id)
            who = escape((actor.first_name if actor else None) or t("someone"))
        what = t(f"modlog-action-{entry.action}")
        if entry.target_id is not None:
            target = await self.users.get(entry.target_id)
            whom = escape((target.first_name if target else None) or t("someone"))
            what = t("modlog-what-whom", what=Markup(what), whom=Markup(whom))
        detail = entry.detail
        if entry.action == "setting":
            what = t("modlog-what-whom", what=Markup(what), whom=Markup(setting_change(detail, t)))
        elif detail:
            by_limit = detail.endswith(BY_LIMIT)
            detail = detail.removesuffix(BY_LIMIT).strip()
            parts = [self._detail(entry.action, detail, t)] if detail else []
            if by_limit:
                parts.append(t("modlog-by-limit"))
            if parts:
                what = t("modlog-what-why", what=Markup(what), why=Markup(" · ".join(parts)))
        when = format_datetime(from_timestamp(entry.created_at), t.lang, zone, "dd.MM HH:mm")
        return t("modlog-line", when=when, who=Markup(who), what=Markup(what))

    @staticmethod
    def _detail(action: str, detail: str, t: Texts) -> str:
        """What was recorded as the reason or the choice, in words: "#2 flood" → "правило 2:
        flood"; a report's action ("mute1d") → its label."""
        if action == "purge" and detail.isdigit():
            return t("modlog-purged", count=int(detail))
        if action.startswith("report-"):
            words = [t(f"report-step-{part}") for part in detail.split("+") if part]
            return ", ".join(words)
        rule, _, reason = detail.partition(" ")
        if rule.startswith("#") and rule[1:].isdigit():
            cited = t("modlog-rule", number=int(rule[1:]))
            return cited + (": " + escape(clip(reason, 120)) if reason else "")
        return escape(clip(detail, 120))
