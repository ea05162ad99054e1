"""What newcomers and the group read: the welcome (one for a wave of joins, with "Read the
rules" and, where the community checks newcomers, "I accept the rules"), and the private
notice of one kept read-only past the deadline. Rendered in the community's language (the
welcome) or the newcomer's own (the notice) and queued through the sender.

Implements bot.services.welcome.WelcomeNotifier."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence

from aiogram import Bot
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import GateCB
from bot.i18n import Markup, Texts, Translator
from bot.keyboards import deep_link
from bot.repos.communities import Community
from bot.repos.users import User
from bot.services.community_settings import (
    COMMUNITY_RULES,
    GATE_MINUTES,
    WELCOME_TEXT,
    CommunitySettings,
)
from bot.services.sender import Sender
from bot.texts import clip, escape, mention, numbered

WELCOME_KEY = "welcome:"
DEEP_LINK_RULES = "rl"  # "Read the rules": /start rl<chat id> (handlers/leadership.py)
NAMES_SHOWN = 20
RULES_SHOWN = 3000  # of the rules in the private notice: it stays within 4096 characters

WelcomeSent = Callable[[int, int], Awaitable[None]]  # (chat id, message id)


def accept_keyboard(t: Texts, chat_id: int) -> InlineKeyboardMarkup:
    """ "I accept the rules" for that group: under the welcome, the rules and the notice."""
    button = InlineKeyboardButton(
        text=t("welcome-accept"), callback_data=GateCB(chat_id=chat_id).pack()
    )
    return InlineKeyboardMarkup(inline_keyboard=[[button]])


# What moderators used to other bots write in a welcome: one welcome greets everyone who came
# together, so a person's name stands for all their names.
PLACEHOLDERS = ("first", "fullname", "mention", "username", "name", "names")
TITLE_PLACEHOLDERS = ("chatname", "title", "group")


def fill_placeholders(escaped: str, names: str, title: str) -> str:
    """`{first}`, `{mention}`… → the newcomers' names; `{chatname}` → the group's title (the
    moderators' words are escaped already; the names are ready HTML)."""

    def replace(match: re.Match[str]) -> str:
        word = match.group(1).lower()
        if word in PLACEHOLDERS:
            return names
        if word in TITLE_PLACEHOLDERS:
            return escape(title)
        return match.group(0)

    return re.sub(r"\{(\w+)\}", replace, escaped)


class WelcomeViews:
    def __init__(
        self,
        settings: CommunitySettings,
        *,
        bot: Bot,
        sender: Sender,
        translator: Translator,
    ) -> None:
        self.settings = settings
        self.bot = bot
        self.sender = sender
        self.translator = translator

    def follow_welcomes(self, sent: WelcomeSent) -> None:
        """Once a welcome is in the group, where it is goes back to the service."""

        async def on_sent(key: str, chat_id: int, message_id: int) -> None:
            await sent(chat_id, message_id)

        self.sender.on_sent(WELCOME_KEY, on_sent)

    async def newcomers_greeted(
        self, community: Community, people: Sequence[tuple[int, str, bool]], gated: bool, at: int
    ) -> None:
        chat_id = community.chat_id
        t = self.translator.texts(community.language or self.translator.default_language)
        names = ", ".join(mention(uid, clip(name, 32)) for uid, name, _ in people[:NAMES_SHOWN])
        if len(people) > NAMES_SHOWN:
            names += " " + t("meet-card-more", count=len(people) - NAMES_SHOWN)
        minutes = int(await self.settings.get(chat_id, GATE_MINUTES))
        text = t("welcome-text", names=Markup(names), title=community.title)
        own_words = str(await self.settings.get(chat_id, WELCOME_TEXT))
        if own_words:
            text += "\n\n" + fill_placeholders(escape(own_words), names, community.title)
        if gated:
            text += "\n\n" + t("welcome-gate", minutes=minutes)
        rows = []
        # Asked at start-up and remembered by aiogram: no call here.
        me = await self.bot.me()
        if me.username:
            link = deep_link(me.username, f"{DEEP_LINK_RULES}{chat_id}")
            rows.append([InlineKeyboardButton(text=t("welcome-rules"), url=link)])
        if gated:
            rows += accept_keyboard(t, chat_id).inline_keyboard
        await self.sender.enqueue(
            chat_id,
            text,
            reply_markup=InlineKeyboardMarkup(inline_keyboard=rows),
            dedupe_key=f"{WELCOME_KEY}{chat_id}:{at}",
        )

    async def newcomer_kept(self, community: Community, user: User, at: int) -> None:
        """Still read-only, the rules, and the way out."""
        t = self.translator.texts_for(user)
        lines = [t("welcome-kept", title=community.title)]
        rules = str(await self.settings.get(community.chat_id, COMMUNITY_RULES)).strip()
        if rules:
            lines.append(
                t("rules-text", title=community.title, rules=clip(numbered(rules), RULES_SHOWN))
            )
        lines.append(t("welcome-kept-how"))
        await self.sender.enqueue(
            user.id,
            "\n\n".join(lines),
            reply_markup=accept_keyboard(t, community.chat_id),
            priority=-1,
            dedupe_key=f"gate-kept:{community.chat_id}:{user.id}:{at}",
        )
