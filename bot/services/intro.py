"""Introductions (/intro): what brings a member here, what they can offer, what they need —
kept privately or posted to the group as a card with their name. Posting again edits that card
in place (the group never gets the same person's introduction twice); keeping it private takes
the card down."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from enum import Enum
from typing import TYPE_CHECKING

from aiogram.types import InlineKeyboardMarkup

from bot.i18n import Markup, Texts
from bot.keyboards import flag_button
from bot.repos.communities import CommunitiesRepo
from bot.repos.intros import ANSWERS, Intro, IntrosRepo
from bot.repos.users import UsersRepo
from bot.services.permissions import Action, Actor, Permissions, Voice
from bot.texts import clip, mention

if TYPE_CHECKING:
    from bot.i18n import Translator
    from bot.services.sender import Sender

log = logging.getLogger(__name__)

ANSWER_LIMIT = 500
NAME_LIMIT = 64
POST_KEY = "intro-post:"
EDIT_KEY = "intro-edit:"


class IntroOutcome(Enum):
    POSTED = "posted"
    UPDATED = "updated"  # the card already in the group was edited
    SAVED = "saved"
    TAKEN_DOWN = "taken_down"  # saved privately, and the card left the group
    EMPTY = "empty"
    NOT_MEMBER = "not_member"
    SILENCED = "silenced"  # may not write in the group now, so the bot does not for them


class IntroService:
    def __init__(
        self,
        repo: IntrosRepo,
        communities: CommunitiesRepo,
        users: UsersRepo,
        permissions: Permissions,
        voice: Voice,
        *,
        sender: Sender,
        translator: Translator,
    ) -> None:
        self.repo = repo
        self.communities = communities
        self.users = users
        self.permissions = permissions
        self.voice = voice
        self.sender = sender
        self.translator = translator
        sender.on_sent(POST_KEY, self._post_sent)

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

    async def card(self, t: Texts, user_id: int, answers: Mapping[str, str]) -> str:
        """The card as the group sees it: the person's name (they chose to post it), then each
        answer given, escaped."""
        user = await self.users.get(user_id)
        name = clip((user.first_name if user else None) or t("someone"), NAME_LIMIT)
        parts = [t("intro-card-title", name=Markup(mention(user_id, name)))]
        parts += [t(f"intro-card-{n}", text=answers[n]) for n in ANSWERS if answers.get(n)]
        return "\n\n".join(parts)

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
        card, keyboard = "", None
        if post:
            t = self.translator.texts(community.language or self.translator.default_language)
            card = await self.card(t, user_id, answers)
            keyboard = InlineKeyboardMarkup(inline_keyboard=[[flag_button(t, "in", user_id)]])
        # The answers and what goes to the group change together, or not at all.
        async with self.repo.db.transaction():
            before = await self.repo.get(chat_id, user_id)
            await self.repo.save(chat_id, user_id, answers)
            if not post:
                taken = await self._take_down(before)
                return IntroOutcome.TAKEN_DOWN if taken else IntroOutcome.SAVED
            await self.repo.mark_posted(chat_id, user_id)
            if before is not None and before.message_id is not None:
                prefix = f"{EDIT_KEY}{chat_id}:{user_id}:"
                await self.sender.outbox.supersede(prefix)  # only the newest edit matters
                await self.sender.enqueue(
                    chat_id,
                    card,
                    method="editMessageText",
                    message_id=before.message_id,
                    reply_markup=keyboard,
                    dedupe_key=f"{prefix}{time.time_ns()}",
                )
                log.info("intro card edited")
                return IntroOutcome.UPDATED
            # A card still queued is replaced by this one rather than followed by it.
            prefix = f"{POST_KEY}{chat_id}:{user_id}:"
            await self.sender.outbox.supersede(prefix)
            await self.sender.enqueue(
                chat_id, card, reply_markup=keyboard, dedupe_key=f"{prefix}{time.time_ns()}"
            )
        log.info("intro card posted")
        return IntroOutcome.POSTED

    async def _post_sent(self, key: str, chat_id: int, message_id: int) -> None:
        # The chat id the sender reports, not the key's: the group may have become a supergroup.
        user_id = int(key[len(POST_KEY) :].split(":")[1])
        intro = await self.repo.get(chat_id, user_id)
        if intro is None or intro.posted_at is None:
            # Taken down (or /forget) while the card was on its way: it leaves the group too.
            await self.sender.enqueue(
                chat_id,
                method="deleteMessage",
                message_id=message_id,
                dedupe_key=f"intro-delete:{chat_id}:{message_id}",
            )
            return
        await self.repo.set_message(chat_id, user_id, message_id)

    async def _take_down(self, intro: Intro | None) -> bool:
        """The card (sent or still queued) leaves the group; False when there was none."""
        if intro is None or intro.posted_at is None:
            return False
        chat_id, user_id = intro.chat_id, intro.user_id
        await self.sender.outbox.supersede(f"{POST_KEY}{chat_id}:{user_id}:")
        await self.sender.outbox.supersede(f"{EDIT_KEY}{chat_id}:{user_id}:")
        if intro.message_id is not None:
            await self.sender.enqueue(
                chat_id,
                method="deleteMessage",
                message_id=intro.message_id,
                dedupe_key=f"intro-delete:{chat_id}:{intro.message_id}",
            )
        await self.repo.unpost(chat_id, user_id)
        return True

    async def remove(self, chat_id: int, user_id: int) -> bool:
        """A moderator takes a reported card down (the answers stay the member's own)."""
        async with self.repo.db.transaction():
            await self._take_down(await self.repo.get(chat_id, user_id))
        return True

    async def take_down(self, user_id: int) -> None:
        """Before /forget: the person's cards leave the groups while we still know where."""
        for intro in await self.repo.of_user(user_id):
            await self._take_down(intro)
