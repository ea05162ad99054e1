"""Communities: a group becomes one when the bot is added; a person in private chat acts for one."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramForbiddenError

from bot.expiring import Expiring
from bot.i18n import group_language
from bot.repos.communities import ACTIVE_MEMBER, CommunitiesRepo, Community
from bot.repos.outbox import OutboxRepo
from bot.repos.users import UsersRepo
from bot.services.community_settings import COMMUNITY_LANGUAGE, CommunitySettings
from bot.services.permissions import Permissions
from bot.timeutil import Clock

log = logging.getLogger(__name__)

BOT_PRESENT = ("member", "administrator", "restricted")
# Finding the communities of a person who never wrote in them (getChatMember), bounded: a
# deployment serving this few is asked about in full, a bigger one only where the person left
# a trace; never more calls than this per person at a time; a "no" is trusted for a while.
ASK_ALL_UP_TO = 20
MAX_ASKS = 20
NOT_MEMBER_KEPT = 3 * 3600.0
TROUBLE_KEPT = 60.0  # Telegram could not answer: the person's next steps do not wait for it again


def telegram_status(member: object) -> str:
    """Telegram's member status as we keep it: a restricted person who is no longer in the
    chat has left, as far as we are concerned."""
    raw = getattr(member, "status", "left")
    status = str(getattr(raw, "value", raw))
    if status == "restricted" and getattr(member, "is_member", True) is False:
        return "left"
    return status


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
        clock: Clock | None = None,
        *,
        ask_all_up_to: int = ASK_ALL_UP_TO,
        max_asks: int = MAX_ASKS,
    ) -> None:
        self.bot = bot
        self.communities = communities
        self.users = users
        self.outbox = outbox
        self.permissions = permissions
        self.settings = settings
        self.ask_all_up_to = ask_all_up_to
        self.max_asks = max_asks
        now = (clock or Clock()).time
        self._not_member: Expiring[tuple[int, int]] = Expiring(NOT_MEMBER_KEPT, now=now)
        self._trouble: Expiring[int] = Expiring(TROUBLE_KEPT, limit=10_000, now=now)
        self._changed: list[Callable[[int], Awaitable[Any]]] = []
        self._moved: list[Callable[[int, int], Awaitable[Any]]] = []
        self._settled: list[Callable[[int, int], Awaitable[Any]]] = []

    def on_changed(self, listener: Callable[[int], Awaitable[Any]]) -> None:
        """`listener(chat_id)` after a community comes back or moves to a new id: features
        re-plan their scheduled work for it."""
        self._changed.append(listener)

    def on_moved(self, listener: Callable[[int, int], Awaitable[Any]]) -> None:
        """`listener(old_chat_id, new_chat_id)` when any group the bot is in becomes a
        supergroup — a community or not (a moderators' log chat, say)."""
        self._moved.append(listener)

    def on_settled(self, listener: Callable[[int, int], Awaitable[Any]]) -> None:
        """`listener(user_id, chat_id)` once the community a person acts for is settled (their
        choice, or the only one found): what waited for it (today's check-in) can follow."""
        self._settled.append(listener)

    def forget(self, user_id: int) -> None:
        """After /forget nothing about the person may linger here."""
        self._not_member.discard_where(lambda key: key[1] == user_id)
        self._trouble.discard(user_id)

    async def _settle(self, user_id: int, chat_id: int) -> None:
        await self.users.set_current_community(user_id, chat_id)
        for listener in self._settled:
            await listener(user_id, chat_id)

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
        self._not_member.discard((chat_id, user_id))
        if "administrator" in (old, new) or "creator" in (old, new):
            self.permissions.invalidate(chat_id)

    async def selection(self, user_id: int) -> Selection:
        """Which community a person in private chat acts for, or why there is none."""
        options = await self.communities.of_user(user_id)
        if not options and await self.discover(user_id):
            # A member who never wrote in their group since the bot came: Telegram knows.
            options = await self.communities.of_user(user_id)
        if not options:
            return Selection(Choice.NONE, None, [])
        user = await self.users.get(user_id)
        current = user.current_community_id if user else None
        for community in options:
            if community.chat_id == current:
                return Selection(Choice.SELECTED, community, options)
        if len(options) == 1:
            await self._settle(user_id, options[0].chat_id)
            return Selection(Choice.SELECTED, options[0], options)
        return Selection(Choice.NEEDS_CHOICE, None, options)

    async def selected(self, user_id: int) -> Community | None:
        """The community the person acts for in private chat, if one is settled."""
        selection = await self.selection(user_id)
        return selection.community if selection.outcome is Choice.SELECTED else None

    async def active(self, chat_id: int) -> Community | None:
        """The community, while the bot is still in it."""
        community = await self.communities.get(chat_id)
        return community if community is not None and community.active else None

    async def select(self, user_id: int, chat_id: int) -> Community | None:
        """Remember the person's choice; only a community they belong to (asked from Telegram
        when we have not seen them there yet — a deep link from a group post, say)."""
        community = await self.communities.get(chat_id)
        if community is None or not community.active:
            return None
        if not await self.confirm_member(chat_id, user_id):
            return None
        await self._settle(user_id, chat_id)
        return community

    async def confirm_member(self, chat_id: int, user_id: int) -> bool:
        """Whether the person is in the group: our records, else Telegram asked (someone who
        never wrote since the bot came is still a member) and the answer recorded. The person
        asked for this community (a link, a button): a cached "no" is not trusted here."""
        membership = await self.communities.membership(chat_id, user_id)
        if membership is not None and membership.active:
            return True
        return await self._ask(chat_id, user_id) in ACTIVE_MEMBER

    async def discover(self, user_id: int) -> list[int]:
        """Communities the person is in per Telegram though we have not seen them there (they
        never wrote since the bot came): recorded, and returned. Asked about: the communities
        where they left a trace, freshest first, then — in a deployment serving no more than
        `ask_all_up_to` — every other one; at most `max_asks` calls, none about a community
        that said "no" lately, so thousands of communities never mean a call each."""
        if user_id in self._trouble:
            return []
        served = await self.communities.served(self.ask_all_up_to + 1)
        pool = await self.communities.traces(user_id, self.max_asks)
        if len(served) <= self.ask_all_up_to:
            pool += served
        known = {c.chat_id for c in await self.communities.of_user(user_id)}
        asks: list[int] = []
        for chat_id in pool:
            if chat_id in known or chat_id in asks or (chat_id, user_id) in self._not_member:
                continue
            asks.append(chat_id)
            if len(asks) >= self.max_asks:
                break
        found = []
        for chat_id in asks:
            status = await self._ask(chat_id, user_id)
            if status is None:
                self._trouble.add(user_id)  # Telegram is in trouble: stop, try another time
                break
            if status in ACTIVE_MEMBER:
                found.append(chat_id)
        if asks:
            log.info("memberships looked up", extra={"asked": len(asks), "found": len(found)})
        return found

    async def _ask(self, chat_id: int, user_id: int) -> str | None:
        """The person's status in the chat per Telegram, recorded where it says something new
        (a member, or a change to a membership we keep); a "no" is remembered for a while.
        None: Telegram could not say (a flood wait, an outage)."""
        try:
            member = await self.bot.get_chat_member(chat_id, user_id)
        except (TelegramBadRequest, TelegramForbiddenError):
            status = "left"  # no such person there, or the bot is no longer there itself
        except TelegramAPIError as exc:
            log.warning(
                "cannot ask about a member", extra={"chat_id": chat_id, "error": exc.message}
            )
            return None
        else:
            status = telegram_status(member)
        if status in ACTIVE_MEMBER:
            self._not_member.discard((chat_id, user_id))
        else:
            self._not_member.add((chat_id, user_id))
        known = await self.communities.membership(chat_id, user_id)
        if status in ACTIVE_MEMBER or (known is not None and known.status != status):
            await self.communities.set_member_status(chat_id, user_id, status)
        return status
