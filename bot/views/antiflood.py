"""What the group reads when antiflood mutes someone: who, until when, why, and "Unmute" for
the moderators (re-checked on the press). Implements bot.services.antiflood.FloodNotifier."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import UnmuteCB
from bot.i18n import Markup, Translator
from bot.repos.communities import CommunitiesRepo
from bot.services.antiflood import FloodRule
from bot.services.sender import Sender
from bot.texts import clip, mention
from bot.views.sanctions import until_text

NAME_LIMIT = 64


class FloodViews:
    def __init__(
        self,
        communities: CommunitiesRepo,
        *,
        sender: Sender,
        translator: Translator,
        default_timezone: str,
    ) -> None:
        self.communities = communities
        self.sender = sender
        self.translator = translator
        self.default_timezone = default_timezone

    async def member_muted(
        self,
        chat_id: int,
        user_id: int,
        name: str,
        rule: FloodRule,
        until: float,
        thread_id: int | None,
    ) -> None:
        community = await self.communities.get(chat_id)
        language = (community.language if community else None) or self.translator.default_language
        zone = (community.timezone if community else None) or self.default_timezone
        t = self.translator.texts(language)
        text = t(
            "flood-muted",
            name=Markup(mention(user_id, clip(name, NAME_LIMIT))),
            until=until_text(t, until, zone),
            messages=rule.messages,
            seconds=rule.seconds,
        )
        button = InlineKeyboardButton(
            text=t("flood-unmute"), callback_data=UnmuteCB(user_id=user_id).pack()
        )
        await self.sender.enqueue(
            chat_id,
            text,
            thread_id=thread_id,
            reply_markup=InlineKeyboardMarkup(inline_keyboard=[[button]]),
            dedupe_key=f"flood:{chat_id}:{user_id}:{int(until)}",
        )
