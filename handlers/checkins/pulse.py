"""/pulse: the community's anonymous mood, for moderators, in private or in the group."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.i18n import Texts
from bot.repos.communities import Community
from bot.runtime import Runtime
from bot.services.checkin_community import CommunityCheckins
from bot.services.communities import CommunityService
from bot.services.permissions import Action, Actor, Permissions
from bot.views.checkins import render_pulse
from bot.views.cleanup import brief
from handlers.community import acting_for


def router() -> Router:
    r = Router(name="checkin-pulse")
    r.message.register(pulse, Command("pulse"))
    return r


async def pulse(
    message: Message,
    t: Texts,
    group_t: Texts,
    actor: Actor,
    permissions: Permissions,
    runtime: Runtime,
    community_service: CommunityService,
    community_checkins: CommunityCheckins,
    community: Community | None = None,
) -> None:
    if message.chat.type == "private":
        community = await acting_for(
            message, message.chat.id, t, community_service, "pulse-choose-community"
        )
        if community is None:
            return
    else:
        t = group_t  # seen by the whole group
        if community is None:
            return
    if not await permissions.may(community.chat_id, actor, Action.MODERATE):
        await brief(message, runtime, t("not-allowed-moderators"), refusal=True)
        return
    parts = [t("pulse-title", title=community.title)]
    for days in (7, 30):
        parts.append(render_pulse(t, await community_checkins.pulse(community, days)))
    await message.reply("\n\n".join(parts))
