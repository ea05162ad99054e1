"""Communities: a group becomes one when the bot is added; a person in private chat acts for one."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError

from bot.i18n import group_language
from bot.repos.communities import ACTIVE_MEMBER, CommunitiesRepo, Community
from bot.repos.outbox import OutboxRepo
from bot.repos.users import UsersRepo
from bot.services.community_settings import COMMUNITY_LANGUAGE, CommunitySettings
from bot.services.permissions import Permissions

log = logging.getLogger(__name__)

BOT_PRESENT = ("member", "administrator", "restricted")


class BotChange(Enum):
    ADDED = "added"
    PROMOTED = "promoted"
    DEMOTED = "demoted"
    REMOVED = "removed"
    NONE = "none"


class Choice(Enum):
    SELECTED = "selected"
    NEEDS_CHOICE = "needs_choice"
    NONE = "none"


@dataclass(frozen=True)
class Selection:
    outcome: Choice
    community: Community | None
    options: list[Community]


class CommunityService:
    def __init__(
        self,
        bot: Bot,
        communities: CommunitiesRepo,
        users: UsersRepo,
        outbox: OutboxRepo,
        permissions: Permissions,
        settings: CommunitySettings,
    ) -> None:
        self.bot = bot
        self.communities = communities
        self.users = users
        self.outbox = outbox
        self.permissions = permissions
        self.settings = settings
        self._changed: list[Callable[[int], Awaitable[Any]]] = []
        self._moved: list[Callable[[int, int], Awaitable[Any]]] = []

    def on_changed(self, listener: Callable[[int], Awaitable[Any]]) -> None:
        """`listener(chat_id)` after a community comes back or moves to a new id: features
        re-plan their scheduled work for it."""
        self._changed.append(listener)

    def on_moved(self, listener: Callable[[int, int], Awaitable[Any]]) -> None:
        """`listener(old_chat_id, new_chat_id)` when any group the bot is in becomes a
        supergroup — a community or not (a moderators' log chat, say)."""
        self._moved.append(listener)

    async def _notify(self, chat_id: int) -> None:
        for listener in self._changed:
            await listener(chat_id)

    async def bot_status_changed(
        self,
        chat_id: int,
        *,
        title: str,
        chat_type: str,
        is_forum: bool,
        old: str,
        new: str,
        by_user_id: int | None,
        by_language: str | None = None,
    ) -> BotChange:
        """`by_language`: the language code of the person who added the bot (their app's)."""
        was_in, is_in = old in BOT_PRESENT, new in BOT_PRESENT
        if is_in:
            known = await self.communities.get(chat_id)
            await self.communities.upsert(
                chat_id,
                title=title,
                chat_type=chat_type,
                is_forum=is_forum,
                bot_status=new,
                added_by=by_user_id,
            )
            if by_user_id is not None:
                # Whoever added the bot is in the group; whether they are an admin is
                # Telegram's to say (getChatAdministrators), not ours to assume.
                await self.communities.touch_member(chat_id, by_user_id)
                self.permissions.invalidate(chat_id)
            if not was_in or known is None or not known.active:
                await self.communities.activate(chat_id, bot_status=new, added_by=by_user_id)
                language = group_language(by_language)
                if (known is None or known.language is None) and language is not None:
                    # The adding admin meets the bot in their own language; a language someone
                    # chose earlier (the bot back in its group) stays. The bot's own inference,
                    # not a person's choice: not in the audit log.
                    await self.settings.set(chat_id, COMMUNITY_LANGUAGE, language, None)
                log.info("bot added to a group", extra={"chat_id": chat_id})
                await self._notify(chat_id)
                return BotChange.ADDED
            await self.communities.set_bot_status(chat_id, new)
            if new == "administrator" and old != "administrator":
                return BotChange.PROMOTED
            if old == "administrator" and new != "administrator":
                return BotChange.DEMOTED
            return BotChange.NONE
        if was_in or (await self.communities.get(chat_id)) is not None:
            await self.communities.deactivate(chat_id, new)
            await self.outbox.skip_chat(chat_id, "bot removed from the group")
            log.info("bot removed from a group", extra={"chat_id": chat_id})
            return BotChange.REMOVED
        return BotChange.NONE

    async def migrate(self, old_chat_id: int, new_chat_id: int) -> bool:
        moved = await self.communities.move(old_chat_id, new_chat_id)
        await self.outbox.retarget(old_chat_id, new_chat_id)
        self.permissions.move(old_chat_id, new_chat_id)
        for listener in self._moved:
            await listener(old_chat_id, new_chat_id)
        if moved:
            log.info("group migrated", extra={"chat_id": old_chat_id, "new_chat_id": new_chat_id})
            await self._notify(new_chat_id)
        return moved

    async def member_status_changed(self, chat_id: int, user_id: int, old: str, new: str) -> None:
        await self.communities.set_member_status(chat_id, user_id, new)
        if "administrator" in (old, new) or "creator" in (old, new):
            self.permissions.invalidate(chat_id)

    async def selection(self, user_id: int) -> Selection:
        """Which community a person in private chat acts for, or why there is none."""
        options = await self.communities.of_user(user_id)
        if not options:
            return Selection(Choice.NONE, None, [])
        user = await self.users.get(user_id)
        current = user.current_community_id if user else None
        for community in options:
            if community.chat_id == current:
                return Selection(Choice.SELECTED, community, options)
        if len(options) == 1:
            await self.users.set_current_community(user_id, options[0].chat_id)
            return Selection(Choice.SELECTED, options[0], options)
        return Selection(Choice.NEEDS_CHOICE, None, options)

    async def selected(self, user_id: int) -> Community | None:
        """The community the person acts for in private chat, if one is settled."""
        selection = await self.selection(user_id)
        return selection.community if selection.outcome is Choice.SELECTED else None

    async def select(self, user_id: int, chat_id: int) -> Community | None:
        """Remember the person's choice; only a community they belong to (asked from Telegram
        when we have not seen them there yet — a deep link from a group post, say)."""
        community = await self.communities.get(chat_id)
        if community is None or not community.active:
            return None
        if not await self.confirm_member(chat_id, user_id):
            return None
        await self.users.set_current_community(user_id, chat_id)
        return community

    async def confirm_member(self, chat_id: int, user_id: int) -> bool:
        """Whether the person is in the group: our records, else Telegram asked (someone who
        never wrote since the bot came is still a member) and the answer recorded."""
        membership = await self.communities.membership(chat_id, user_id)
        if membership is not None and membership.active:
            return True
        try:
            member = await self.bot.get_chat_member(chat_id, user_id)
        except TelegramAPIError:
            return False
        status = member.status if isinstance(member.status, str) else member.status.value
        if status == "restricted" and not getattr(member, "is_member", True):
            status = "left"
        await self.communities.set_member_status(chat_id, user_id, status)
        return status in ACTIVE_MEMBER
