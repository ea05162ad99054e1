"""What people see of introductions: the card with the person's name and answers, its 🚩 button,
and how it goes to the group, is edited there and taken down again, all through the sender (the
outbox), so a call made inside the service's transaction commits with it.

IntroViews is the introduction service's notifier (bot/services/intro.py IntroNotifier)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping

from aiogram.types import InlineKeyboardMarkup

from bot.i18n import Markup, Texts, Translator
from bot.keyboards import flag_button
from bot.repos.communities import Community
from bot.repos.intros import ANSWERS
from bot.repos.users import User, UsersRepo
from bot.services.sender import Sender
from bot.texts import clip, mention

NAME_LIMIT = 64
POST_KEY = "intro-post:"
EDIT_KEY = "intro-edit:"

Posted = Callable[[int, int, int], Awaitable[None]]  # (chat id, user id, message id)


def card(t: Texts, user_id: int, user: User | None, answers: Mapping[str, str]) -> str:
    """The card as the group sees it: the person's name (they chose to post it), then each
    answer given, escaped."""
    name = clip((user.first_name if user else None) or t("someone"), NAME_LIMIT)
    parts = [t("intro-card-title", name=Markup(mention(user_id, name)))]
    parts += [t(f"intro-card-{n}", text=answers[n]) for n in ANSWERS if answers.get(n)]
    return "\n\n".join(parts)


class IntroViews:
    def __init__(self, users: UsersRepo, *, sender: Sender, translator: Translator) -> None:
        self.users = users
        self.sender = sender
        self.translator = translator

    def on_posted(self, callback: Posted) -> None:
        """`callback(chat_id, user_id, message_id)` once a card is in the group."""

        async def sent(key: str, chat_id: int, message_id: int) -> None:
            # The chat id the sender reports, not the key's: the group may have become a
            # supergroup.
            await callback(chat_id, int(key[len(POST_KEY) :].split(":")[1]), message_id)

        self.sender.on_sent(POST_KEY, sent)

    async def _card(
        self, community: Community, user_id: int, answers: Mapping[str, str]
    ) -> tuple[str, InlineKeyboardMarkup]:
        """The card in the group's language, with 🚩 under it."""
        t = self.translator.texts(community.language or self.translator.default_language)
        text = card(t, user_id, await self.users.get(user_id), answers)
        return text, InlineKeyboardMarkup(inline_keyboard=[[flag_button(t, "in", user_id)]])

    async def card_posted(
        self, community: Community, user_id: int, answers: Mapping[str, str]
    ) -> None:
        text, keyboard = await self._card(community, user_id, answers)
        # A card still queued is replaced by this one rather than followed by it.
        prefix = f"{POST_KEY}{community.chat_id}:{user_id}:"
        await self.sender.outbox.supersede(prefix)
        await self.sender.enqueue(
            community.chat_id, text, reply_markup=keyboard, dedupe_key=f"{prefix}{time.time_ns()}"
        )

    async def card_edited(
        self, community: Community, user_id: int, answers: Mapping[str, str], message_id: int
    ) -> None:
        text, keyboard = await self._card(community, user_id, answers)
        prefix = f"{EDIT_KEY}{community.chat_id}:{user_id}:"
        await self.sender.outbox.supersede(prefix)  # only the newest edit matters
        await self.sender.enqueue(
            community.chat_id,
            text,
            method="editMessageText",
            message_id=message_id,
            reply_markup=keyboard,
            dedupe_key=f"{prefix}{time.time_ns()}",
        )

    async def card_taken_down(self, chat_id: int, user_id: int, message_id: int | None) -> None:
        await self.sender.outbox.supersede(f"{POST_KEY}{chat_id}:{user_id}:")
        await self.sender.outbox.supersede(f"{EDIT_KEY}{chat_id}:{user_id}:")
        if message_id is not None:
            await self.card_left_behind(chat_id, message_id)

    async def card_left_behind(self, chat_id: int, message_id: int) -> None:
        await self.sender.enqueue(
            chat_id,
            method="deleteMessage",
            message_id=message_id,
            dedupe_key=f"intro-delete:{chat_id}:{message_id}",
        )
