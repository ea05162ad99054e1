"""The guided setup a group's admin walks through after adding the bot: its steps in order, who
may take them (the group's admins, asked again at every step) and, at the end, what is set and
what is not. Every change goes through the community's settings (audited, listeners told)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.repos.communities import CommunitiesRepo, Community
from bot.services.checkin_community import CommunityCheckins
from bot.services.community_settings import (
    CHECKINS_ENABLED,
    COMMUNITY_MISSION,
    COMMUNITY_RULES,
    FEATURES,
    GATE_MINUTES,
    GATE_ON,
    CommunitySettings,
    Option,
)
from bot.services.permissions import Action, Actor, Permissions

# The steps in the order they are asked; each may be skipped.
STEPS = ("language", "timezone", "mission", "rules", "features", "checkins", "gate")
TYPED_STEPS = frozenset({"mission", "rules"})  # answered with a typed text
DONE = "done"  # the checklist at the end


def step_after(step: str) -> str:
    """The next step, or DONE after the last one (or after anything unknown)."""
    if step not in STEPS or step == STEPS[-1]:
        return DONE
    return STEPS[STEPS.index(step) + 1]


@dataclass(frozen=True)
class Checklist:
    """A community's state as the setup sees it; None for a language or zone: not chosen (the
    bot's defaults apply)."""

    language: str | None
    timezone: str | None
    mission: str
    rules: str
    features: dict[str, bool]
    checkins: bool
    gate: bool
    gate_minutes: int

    @property
    def unset(self) -> tuple[str, ...]:
        """The steps whose setting is still as the bot found it (sections count as set: they
        start on, and having all of them is a choice)."""
        state = {
            "language": self.language is not None,
            "timezone": self.timezone is not None,
            "mission": bool(self.mission),
            "rules": bool(self.rules),
            "features": True,
            "checkins": self.checkins,
            "gate": self.gate,
        }
        return tuple(step for step in STEPS if not state[step])


class GuidedSetup:
    def __init__(
        self,
        settings: CommunitySettings,
        communities: CommunitiesRepo,
        permissions: Permissions,
        checkins: CommunityCheckins,
    ) -> None:
        self.settings = settings
        self.communities = communities
        self.permissions = permissions
        self.checkins = checkins

    async def community(self, chat_id: int, user_id: int) -> Community | None:
        """The community, when the bot is in it and the person is one of its admins now (asked
        on every step: rights can be taken away halfway, and callback data can be forged)."""
        community = await self.communities.get(chat_id)
        if community is None or not community.active:
            return None
        if not await self.permissions.may(chat_id, Actor(user_id), Action.APPOINT):
            return None
        return community

    async def checklist(self, chat_id: int) -> Checklist:
        community = await self.communities.get(chat_id)
        values = await self.settings.values(chat_id)
        return Checklist(
            language=community.language if community else None,
            timezone=community.timezone if community else None,
            mission=str(values[COMMUNITY_MISSION.key]),
            rules=str(values[COMMUNITY_RULES.key]),
            features={name: bool(values[option.key]) for name, option in FEATURES.items()},
            checkins=bool(values[CHECKINS_ENABLED.key]),
            gate=bool(values[GATE_ON.key]),
            gate_minutes=int(values[GATE_MINUTES.key]),
        )

    async def change(self, chat_id: int, option: Option, value: Any, user_id: int) -> bool:
        """Set one setting by this admin; False when it already was so (nothing to record)."""
        if await self.settings.get(chat_id, option) == value:
            return False
        await self.settings.set(chat_id, option, value, Actor(user_id))
        return True

    async def toggle_feature(self, chat_id: int, name: str, user_id: int) -> None:
        option = FEATURES[name]
        on = bool(await self.settings.get(chat_id, option))
        await self.settings.set(chat_id, option, not on, Actor(user_id))

    async def checkins_on_and_invite(
        self, community: Community, user_id: int, bot_username: str
    ) -> None:
        """Check-ins on (if they were not) and an invitation in the group: members join
        themselves, nobody is enrolled."""
        await self.change(community.chat_id, CHECKINS_ENABLED, True, user_id)
        await self.checkins.invite(community, bot_username)
