"""/pulse: the community's anonymous mood, for moderators, in private or in the group."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.i18n import Texts
from bot.services.checkin_community import CommunityCheckins
from bot.services.cleanup import brief
from bot.services.permissions import Action, Actor, Permissions
from bot.views.checkins import render_pulse
from handlers.community import acting_for


def router() -> Router:
    r = Router(name="checkin-pulse")
    r.message.register(pulse, Command("pulse"))
    return r


async def pulse(message: Message, **data: Any) -> None:
    actor: Actor = data["actor"]
    service: CommunityCheckins = data["community_checkins"]
    permissions: Permissions = data["permissions"]
    if message.chat.type == "private":
        t: Texts = data["t"]
        community = await acting_for(
            message, message.chat.id, t, data["community_service"], "pulse-choose-community"
        )
        if community is None:
            return
    else:
        t = data["group_t"]  # seen by the whole group
        community = data.get("community")
        if community is None:
            return
    if not await permissions.may(community.chat_id, actor, Action.MODERATE):
        await brief(message, data["runtime"], t("not-allowed-moderators"), refusal=True)
        return
    parts = [t("pulse-title", title=community.title)]
    for days in (7, 30):
        parts.append(render_pulse(t, await service.pulse(community, days)))
    await message.reply("\n\n".join(parts))
