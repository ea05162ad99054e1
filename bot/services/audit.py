"""Recording what moderators do: one place every moderation action and settings change goes
through, so /modlog can answer "who did this, and why"."""

from __future__ import annotations

import logging

from bot.repos.audit import AuditEntry, AuditRepo
from bot.texts import clip

log = logging.getLogger(__name__)

DETAIL_LIMIT = 300


class AuditLog:
    def __init__(self, repo: AuditRepo) -> None:
        self.repo = repo

    async def record(
        self,
        chat_id: int,
        actor_id: int | None,
        action: str,
        target_id: int | None = None,
        detail: str = "",
    ) -> None:
        await self.repo.add(chat_id, actor_id, action, target_id, clip(detail, DETAIL_LIMIT))
        # Ids stay out of the log line: the table has them for those allowed to see.
        log.info("audit", extra={"chat_id": chat_id, "action": action})

    async def page(self, chat_id: int, page: int, size: int) -> tuple[list[AuditEntry], int]:
        return await self.repo.page(chat_id, page * size, size)
