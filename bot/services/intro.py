"""Introductions (/intro): what brings a member here, what they can offer, what they need —
kept privately or posted to the group as a card with their name. Posting again edits that card
in place (the group never gets the same person's introduction twice); keeping it private takes
the card down.

The rules only: who may post, what is kept, where the card is. What people see (the card, its
🚩 button) and its delivery through the outbox is bot/views/intro.py, told through
`IntroNotifier`."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from enum import Enum
from typing import Protocol

from bot.repos.communities import CommunitiesRepo, Community
from bot.repos.intros import ANSWERS, Intro, IntrosRepo
from bot.repos.users import UsersRepo
from bot.services.permissions import Action, Actor, Permissions, Voice
from bot.texts import clip

log = logging.getLogger(__name__)

ANSWER_LIMIT = 500


class IntroOutcome(Enum):
    POSTED = "posted"
    UPDATED = "updated"  # the card already in the group was edited
    SAVED = "saved"
    TAKEN_DOWN = "taken_down"  # saved privately, and the card left the group
    EMPTY = "empty"
    NOT_MEMBER = "not_member"
    SILENCED = "silenced"  # may not write in the group now, so the bot does not for them


class IntroNotifier(Protocol):
    """What the service tells the group of a card, named for what happened; the views render
    it and queue it (inside the service's transaction: the outbox is a table)."""

    async def card_posted(
        self, community: Community, user_id: int, answers: Mapping[str, str]
    ) -> None:
        """A new card for the group; one still queued is replaced by it."""
        ...

    async def card_edited(
        self, community: Community, user_id: int, answers: Mapping[str, str], message_id: int
    ) -> None:
        """The card already in the group (`message_id`) now reads so."""
        ...

    async def card_taken_down(self, chat_id: int, user_id: int, message_id: int | None) -> None:
        """The card leaves the group: sent (`message_id`) or still queued."""
        ...

    async def card_left_behind(self, chat_id: int, message_id: int) -> None:
        """A card arrived after it was taken down: it leaves the group too."""
        ...


class IntroService:
    def __init__(
        self,
        repo: IntrosRepo,
        communities: CommunitiesRepo,
        users: UsersRepo,
        permissions: Permissions,
        voice: Voice,
        *,
        notifier: IntroNotifier,
    ) -> None:
        self.repo = repo
        self.communities = communities
        self.users = users
        self.permissions = permissions
        self.voice = voice
        self.notifier = notifier

    async def get(self, chat_id: int, user_id: int) -> Intro | None:
        """The person's introduction in that community, if they made one."""
        return await self.repo.get(chat_id, user_id)

    async def may_use(self, chat_id: int, user_id: int) -> bool:
        membership = await self.communities.membership(chat_id, user_id)
        if membership is None or not membership.active:
            return False
        return await self.permissions.may(chat_id, Actor(user_id), Action.USE)

    async def silenced(self, chat_id: int, user_id: int) -> bool:
        """Read-only in the group: a newcomer who has not accepted the rules (a card would let a
        spam bot past the check), a muted member (bot/services/permissions.Voice)."""
        return await self.voice.silenced(chat_id, user_id)

    async def save(
        self, chat_id: int, user_id: int, answers: Mapping[str, str], *, post: bool
    ) -> IntroOutcome:
        answers = {n: clip(answers.get(n, "").strip(), ANSWER_LIMIT) for n in ANSWERS}
        if not any(answers.values()):
            return IntroOutcome.EMPTY
        community = await self.communities.get(chat_id)
        if community is None or not community.active or not await self.may_use(chat_id, user_id):
            return IntroOutcome.NOT_MEMBER
        if post and await self.silenced(chat_id, user_id):
            return IntroOutcome.SILENCED
        # The answers and what goes to the group change together, or not at all.
        async with self.repo.db.transaction():
            before = await self.repo.get(chat_id, user_id)
            await self.repo.save(chat_id, user_id, answers)
            if not post:
                taken = await self._take_down(before)
                return IntroOutcome.TAKEN_DOWN if taken else IntroOutcome.SAVED
            await self.repo.mark_posted(chat_id, user_id)
            if before is not None and before.message_id is not None:
                await self.notifier.card_edited(community, user_id, answers, before.message_id)
                log.info("intro card edited")
                return IntroOutcome.UPDATED
            await self.notifier.card_posted(community, user_id, answers)
        log.info("intro card posted")
        return IntroOutcome.POSTED

    async def card_sent(self, chat_id: int, user_id: int, message_id: int) -> None:
        """The card is in the group (views/intro.py IntroViews.on_posted): remember where, to
        edit or take it down later."""
        intro = await self.repo.get(chat_id, user_id)
        if intro is None or intro.posted_at is None:
            # Taken down (or /forget) while the card was on its way: it leaves the group too.
            await self.notifier.card_left_behind(chat_id, message_id)
            return
        await self.repo.set_message(chat_id, user_id, message_id)

    async def _take_down(self, intro: Intro | None) -> bool:
        """The card (sent or still queued) leaves the group; False when there was none."""
        if intro is None or intro.posted_at is None:
            return False
        await self.notifier.card_taken_down(intro.chat_id, intro.user_id, intro.message_id)
        await self.repo.unpost(intro.chat_id, intro.user_id)
        return True

    async def remove(self, chat_id: int, user_id: int) -> bool:
        """A moderator takes a reported card down (the answers stay the member's own)."""
        async with self.repo.db.transaction():
            await self._take_down(await self.repo.get(chat_id, user_id))
        return True

    async def take_down(self, user_id: int) -> None:
        """Before /forget: the person's cards leave the groups while we still know where."""
        async with self.repo.db.transaction():
            for intro in await self.repo.of_user(user_id):
                await self._take_down(intro)
