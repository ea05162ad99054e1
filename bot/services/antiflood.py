"""Antiflood: an ordinary member who posts N messages within M seconds is muted for a while
(the community's choice in /settings; off by default). Admins and moderators are never counted.

Messages are counted by the time Telegram gives them (their date), not by when the bot reads
them, so a backlog read after a restart is no flood. An album is one message. The counts live
in memory: a restart forgets the last few seconds, no harm."""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass
from typing import Any, Protocol

from bot.repos.communities import CommunitiesRepo
from bot.services.community_settings import (
    FLOOD,
    FLOOD_MUTE,
    FLOOD_MUTES,
    CommunitySettings,
    Option,
    flood_limit,
)
from bot.services.permissions import Actor, Permissions, Role
from bot.services.sanctions import Refused, SanctionService

log = logging.getLogger(__name__)

_KEPT = 50_000  # people counted at once before the quiet ones are forgotten


@dataclass(frozen=True)
class FloodRule:
    messages: int
    seconds: int
    mute: int  # seconds


@dataclass(frozen=True)
class Flooded:
    """A member muted for flooding."""

    chat_id: int
    user_id: int
    until: float


class FloodNotifier(Protocol):
    """Tells the group, where it happened: who was muted, until when, why."""

    async def member_muted(
        self,
        chat_id: int,
        user_id: int,
        name: str,
        rule: FloodRule,
        until: float,
        thread_id: int | None,
    ) -> None: ...


class Antiflood:
    def __init__(
        self,
        settings: CommunitySettings,
        permissions: Permissions,
        sanctions: SanctionService,
        communities: CommunitiesRepo,
        *,
        notifier: FloodNotifier,
    ) -> None:
        self.settings = settings
        self.permissions = permissions
        self.sanctions = sanctions
        self.communities = communities
        self.notifier = notifier
        # chat → its rule (None: off), read once and forgotten when the setting changes: every
        # group message asks, the database need not answer each time.
        self._rules: dict[int, FloodRule | None] = {}
        # (chat, person) → the dates of their recent messages, and their last album's id.
        self._seen: dict[tuple[int, int], deque[int]] = {}
        self._albums: dict[tuple[int, int], str] = {}
        settings.on_change(self._changed)

    async def _changed(self, chat_id: int, option: Option, value: Any) -> None:
        if option in (FLOOD, FLOOD_MUTE):
            self._rules.pop(chat_id, None)

    async def rule(self, chat_id: int) -> FloodRule | None:
        if chat_id not in self._rules:
            limit = flood_limit(str(await self.settings.get(chat_id, FLOOD)))
            mute = FLOOD_MUTES[str(await self.settings.get(chat_id, FLOOD_MUTE))]
            self._rules[chat_id] = FloodRule(*limit, mute) if limit else None
        return self._rules[chat_id]

    async def seen(
        self,
        chat_id: int,
        user_id: int,
        name: str,
        date: int,
        *,
        album: str | None = None,
        thread_id: int | None = None,
    ) -> Flooded | None:
        """One message of a person in the group; a flood mutes them (and the group is told)."""
        rule = await self.rule(chat_id)
        key = (chat_id, user_id)
        if rule is None:
            self._seen.pop(key, None)
            return None
        if album is not None:
            if self._albums.get(key) == album:
                return None  # the rest of an album counted already
            self._albums[key] = album
        if len(self._seen) > _KEPT:
            self._forget_quiet(date)
        dates = self._seen.setdefault(key, deque())
        while dates and dates[0] <= date - rule.seconds:
            dates.popleft()
        dates.append(date)
        if len(dates) < rule.messages:
            return None
        # Cleared before anything is awaited: messages still arriving count afresh.
        dates.clear()
        if await self.permissions.role(chat_id, Actor(user_id)) >= Role.MODERATOR:
            return None
        if await self.sanctions.repo.active(chat_id, user_id, "mute") is not None:
            return None  # muted already (the rest of the burst was on its way)
        until = await self.sanctions.flood_mute(chat_id, user_id, rule.mute)
        if isinstance(until, Refused):
            # A basic group, or no right to restrict: nothing to announce.
            log.warning("antiflood cannot mute", extra={"chat_id": chat_id, "why": until.value})
            return None
        await self.notifier.member_muted(chat_id, user_id, name, rule, until, thread_id)
        return Flooded(chat_id, user_id, until)

    def forget(self, user_id: int) -> None:
        """After /forget nothing about the person lingers here."""
        for key in [k for k in self._seen if k[1] == user_id]:
            self._seen.pop(key, None)
        for key in [k for k in self._albums if k[1] == user_id]:
            self._albums.pop(key, None)

    def _forget_quiet(self, now: int) -> None:
        """Bounded memory: people silent for ten minutes are counted from scratch."""
        quiet = [k for k, dates in self._seen.items() if not dates or dates[-1] < now - 600]
        for key in quiet:
            self._seen.pop(key, None)
            self._albums.pop(key, None)
