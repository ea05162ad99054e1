"""/sos: what help there is for a person in a hard moment — the crisis lines, the people of their
community who volunteered to listen, and whether they may ask the group.

The crisis lines never depend on this: the built-in ones are texts in the locales. Whatever the
database cannot give right now is simply left out (the answer says so), so a broken database
never stands between a person and the phone numbers."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field

from bot.repos.communities import Community
from bot.repos.users import User
from bot.services.checkin_community import CommunityCheckins
from bot.services.communities import Choice, CommunityService
from bot.services.community_settings import FEATURES, CommunitySettings
from bot.services.requests import HelpService

log = logging.getLogger(__name__)

LISTENERS_SHOWN = 10
# An anonymous request in "health & support" (#support): what "ask the group" opens.
SUPPORT_REQUEST = {"category": "health", "visibility": "anonymous"}


@dataclass(frozen=True)
class Support:
    community: Community | None = None
    crisis_text: str | None = None  # the community's own crisis lines; None: the built-in ones
    listeners: list[User] = field(default_factory=list)
    may_ask: bool = False  # a member in good standing: "ask the group" is theirs
    options: list[Community] = field(default_factory=list)  # several, none chosen yet
    complete: bool = True  # False: the database failed part-way; the rest is left out


class SosService:
    def __init__(
        self,
        community_service: CommunityService,
        community_checkins: CommunityCheckins,
        help_service: HelpService,
        settings: CommunitySettings,
    ) -> None:
        self.community_service = community_service
        self.community_checkins = community_checkins
        self.help_service = help_service
        self.settings = settings

    async def for_person(self, user_id: int) -> Support:
        """The help around a person in private chat: from the community they act for."""
        community: Community | None = None
        try:
            selection = await self.community_service.selection(user_id)
            community = selection.community if selection.outcome is Choice.SELECTED else None
            if community is None:
                return Support(options=selection.options)
            chat_id = community.chat_id
            crisis_text = await self.community_checkins.crisis_text(chat_id)
            listeners = [
                u for u in await self.community_checkins.listeners(chat_id) if u.id != user_id
            ]
            may_ask = await self._may_ask(community, user_id)
        except (sqlite3.Error, OSError) as exc:
            log.warning("sos without the database", extra={"error": type(exc).__name__})
            return Support(community=community, complete=False)
        return Support(community, crisis_text, listeners[:LISTENERS_SHOWN], may_ask)

    async def ask_community(self, user_id: int) -> Community | None:
        """Where "ask the group" goes now: the community the person acts for, if they may ask
        there (checked again at the press: the screen may be old)."""
        community = await self.community_service.selected(user_id)
        if community is None or not await self._may_ask(community, user_id):
            return None
        return community

    async def _may_ask(self, community: Community, user_id: int) -> bool:
        # A community that switched requests off has no "ask the group".
        return bool(
            await self.settings.get(community.chat_id, FEATURES["requests"])
        ) and await self.help_service.may_use(community.chat_id, user_id)

    async def for_group(self, chat_id: int) -> Support:
        """In a group: only its own crisis lines (people and requests are for private chat)."""
        try:
            return Support(crisis_text=await self.community_checkins.crisis_text(chat_id))
        except (sqlite3.Error, OSError) as exc:
            log.warning("sos without the database", extra={"error": type(exc).__name__})
            return Support(complete=False)
