"""Recording what moderators do: one place every moderation action and settings change goes
through, so /modlog and the community's log chat can answer "who did this, and why"."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from bot.i18n import Markup, Texts
from bot.repos.audit import AuditEntry, AuditRepo
from bot.repos.users import UsersRepo
from bot.services.permissions import Actor
from bot.texts import clip, escape, format_datetime
from bot.timeutil import from_timestamp

log = logging.getLogger(__name__)

DETAIL_LIMIT = 300
# /modlog filters: a name and the actions it shows.
FILTERS: dict[str, tuple[str, ...]] = {
    "sanctions": (
        "warn",
        "unwarn",
        "mute",
        "unmute",
        "ban",
        "unban",
        "del",
        "purge",
        "flood-mute",
        "gate-removed",
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
        """One line: when · who — what, whom, why."""
        if entry.anonymous:
            who = t("modlog-anonymous")
        elif entry.actor_id is None:
            who = t("modlog-bot")
        else:
            actor = await self.users.get(entry.actor_id)
            who = escape((actor.first_name if actor else None) or t("someone"))
        whom = ""
        if entry.target_id is not None:
            target = await self.users.get(entry.target_id)
            whom = escape((target.first_name if target else None) or t("someone"))
        when = format_datetime(from_timestamp(entry.created_at), t.lang, zone, "dd.MM HH:mm")
        what = " ".join(
            part
            for part in (t(f"modlog-action-{entry.action}"), whom, escape(clip(entry.detail, 120)))
            if part
        )
        return t("modlog-line", when=when, who=Markup(who), what=Markup(what))
