"""The one place that answers "may this person do X in this community"."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from enum import IntEnum

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError

from bot.repos.communities import CommunitiesRepo
from bot.repos.newcomers import HELD, NewcomersRepo
from bot.repos.sanctions import SanctionsRepo
from bot.timeutil import Clock

log = logging.getLogger(__name__)


class Role(IntEnum):
    BANNED = 0
    OUTSIDER = 1
    MEMBER = 2
    MODERATOR = 3  # appointed with /mod
    ADMIN = 4  # Telegram admin of the chat, or an anonymous admin posting as the chat
    OWNER = 5  # OWNER_IDS: may do everything everywhere


class Action(IntEnum):
    """What someone wants to do; the value is the least role that may do it."""

    USE = Role.MEMBER  # member features in a community
    MODERATE = Role.MODERATOR  # moderation commands, community language and time zone
    APPOINT = Role.ADMIN  # /mod and /unmod


@dataclass(frozen=True)
class Actor:
    """Who acts: a person, or an anonymous admin speaking as the chat (`sender_chat_id`)."""

    user_id: int | None
    sender_chat_id: int | None = None

    @property
    def person(self) -> int | None:
        """The id to record as who acted: never one behind an anonymous admin's post."""
        return None if self.sender_chat_id is not None else self.user_id


class Permissions:
    def __init__(
        self,
        bot: Bot,
        communities: CommunitiesRepo,
        owner_ids: frozenset[int],
        ttl: float = 300,
        clock: Clock | None = None,
    ) -> None:
        self.bot = bot
        self.clock = clock or Clock()  # its monotonic time ages the cache
        self.communities = communities
        self.owner_ids = owner_ids
        self.ttl = ttl
        self._admins: dict[int, tuple[float, frozenset[int]]] = {}
        self._locks: dict[int, asyncio.Lock] = {}

    async def role(self, chat_id: int, actor: Actor) -> Role:
        if actor.sender_chat_id is not None:
            # Anonymous admins post as the group itself; a linked channel is not an admin.
            return Role.ADMIN if actor.sender_chat_id == chat_id else Role.OUTSIDER
        if actor.user_id is None:
            return Role.OUTSIDER
        if actor.user_id in self.owner_ids:
            return Role.OWNER
        if await self.communities.get(chat_id) is None:
            # Not a community of ours (a forged id, say): no need to ask Telegram anything.
            return Role.OUTSIDER
        if actor.user_id in await self.admins(chat_id):
            return Role.ADMIN
        membership = await self.communities.membership(chat_id, actor.user_id)
        if membership is not None and membership.status == "kicked":
            return Role.BANNED
        if membership is None or not membership.active:
            return Role.OUTSIDER  # a moderator who left the group no longer moderates it
        if await self.communities.is_moderator(chat_id, actor.user_id):
            return Role.MODERATOR
        return Role.MEMBER

    async def may(self, chat_id: int, actor: Actor, action: Action) -> bool:
        return await self.role(chat_id, actor) >= action.value

    async def admins(self, chat_id: int) -> frozenset[int]:
        """Telegram admins of the chat, cached for `ttl` seconds."""
        cached = self._admins.get(chat_id)
        if cached is not None and cached[0] > self.clock.monotonic():
            return cached[1]
        lock = self._locks.setdefault(chat_id, asyncio.Lock())
        async with lock:  # one getChatAdministrators per chat, however many ask at once
            cached = self._admins.get(chat_id)
            if cached is not None and cached[0] > self.clock.monotonic():
                return cached[1]
            try:
                members = await self.bot.get_chat_administrators(chat_id)
            except TelegramAPIError as exc:
                log.warning("cannot read admins", extra={"chat_id": chat_id, "error": exc.message})
                # Fail closed, but do not hammer Telegram: retry after a short while.
                admins: frozenset[int] = frozenset()
                self._admins[chat_id] = (self.clock.monotonic() + min(self.ttl, 30), admins)
                return admins
            admins = frozenset(m.user.id for m in members if not m.user.is_bot)
            self._admins[chat_id] = (self.clock.monotonic() + self.ttl, admins)
            return admins

    def invalidate(self, chat_id: int) -> None:
        """A chat_member change of an admin makes the cached list stale."""
        self._admins.pop(chat_id, None)

    def move(self, old_chat_id: int, new_chat_id: int) -> None:
        self._admins.pop(old_chat_id, None)
        self._admins.pop(new_chat_id, None)


class Voice:
    """Whether a member may write in the group now — and so whether the bot may post there on
    their behalf (a vacancy, a request, a profile, an introduction, good news). Not when they
    are a newcomer behind the rules check, muted or banned in our records, or restricted,
    banned or gone per Telegram (an admin's own mute counts too)."""

    def __init__(self, newcomers: NewcomersRepo, sanctions: SanctionsRepo, bot: Bot) -> None:
        self.newcomers = newcomers
        self.sanctions = sanctions
        self.bot = bot

    async def silenced(self, chat_id: int, user_id: int, *, ask_telegram: bool = True) -> bool:
        """`ask_telegram=False` for an anonymous post: no call about its author names them in
        that group's context, even to Telegram; our own records still apply."""
        gate, _ = await self.newcomers.gate(chat_id, user_id)
        if gate in HELD:
            return True
        for kind in ("mute", "ban"):
            if await self.sanctions.active(chat_id, user_id, kind) is not None:
                return True
        if not ask_telegram:
            return False
        try:
            member = await self.bot.get_chat_member(chat_id, user_id)
        except TelegramAPIError:
            return False  # our records said nothing against them; Telegram did not answer
        raw = getattr(member, "status", "member")
        status = str(getattr(raw, "value", raw))
        if status in ("left", "kicked"):
            return True
        return status == "restricted" and getattr(member, "can_send_messages", True) is False
