"""The community's log chat: a group or channel of its moderators where every audit entry is
posted as it happens (and reports arrive, see ReportService) — set from /settings with
Telegram's own chat picker."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError

from bot.i18n import Markup, Texts, Translator
from bot.repos.audit import AuditEntry
from bot.repos.communities import CommunitiesRepo, Community
from bot.services.audit import AuditLog
from bot.services.community_settings import LOG_CHAT, CommunitySettings
from bot.services.permissions import Actor

if TYPE_CHECKING:
    from bot.services.sender import Sender

log = logging.getLogger(__name__)

ADMIN_STATUSES = ("creator", "administrator")


class LogChat:
    def __init__(
        self,
        settings: CommunitySettings,
        communities: CommunitiesRepo,
        audit: AuditLog,
        *,
        bot: Bot,
        sender: Sender,
        translator: Translator,
        default_timezone: str,
    ) -> None:
        self.settings = settings
        self.communities = communities
        self.audit = audit
        self.bot = bot
        self.sender = sender
        self.translator = translator
        self.default_timezone = default_timezone
        audit.publish = self.publish

    async def moved(self, old_chat_id: int, new_chat_id: int) -> None:
        """A log chat that became a supergroup keeps serving under its new id."""
        for chat_id in await self.settings.chats_with(LOG_CHAT, old_chat_id):
            await self.settings.set(chat_id, LOG_CHAT, new_chat_id, None)

    async def chat_of(self, chat_id: int) -> int | None:
        value = await self.settings.get(chat_id, LOG_CHAT)
        return int(value) if value is not None else None

    def texts(self, community: Community) -> Texts:
        """The log chat speaks the community's language."""
        return self.translator.texts(community.language or self.translator.default_language)

    async def publish(self, entry: AuditEntry) -> None:
        log_chat = await self.chat_of(entry.chat_id)
        community = await self.communities.get(entry.chat_id)
        if log_chat is None or community is None:
            return
        t = self.texts(community)
        zone = community.timezone or self.default_timezone
        line = await self.audit.describe(entry, t, zone)
        await self.sender.enqueue(
            log_chat,
            t("logchat-entry", title=community.title, line=Markup(line)),
            priority=1,  # after what people wait for; the log can be a few seconds late
            dedupe_key=f"audit:{entry.id}",
        )

    async def connect(self, chat_id: int, log_chat: int, actor: Actor) -> str:
        """ok | same (the community itself) | no_bot (the bot cannot post there) | not_admin
        (the person does not run that chat) — so nobody points the log at a stranger's chat."""
        if log_chat == chat_id:
            return "same"
        assert actor.user_id is not None
        try:
            me = await self.bot.me()
            bot_member = await self.bot.get_chat_member(log_chat, me.id)
            person = await self.bot.get_chat_member(log_chat, actor.user_id)
        except TelegramAPIError as error:
            log.info("log chat not reachable", extra={"error": error.message})
            return "no_bot"
        if bot_member.status not in (*ADMIN_STATUSES, "member"):
            return "no_bot"
        if person.status not in ADMIN_STATUSES:
            return "not_admin"
        community = await self.communities.get(chat_id)
        title = community.title if community else ""
        t = self.texts(community) if community else self.translator.texts("")
        try:
            # Sent now, not queued: a chat the bot cannot write to is found out here.
            await self.bot.send_message(log_chat, t("logchat-hello", title=title))
        except TelegramAPIError as error:
            log.info("log chat refused a message", extra={"error": error.message})
            return "no_bot"
        await self._farewell(chat_id, log_chat)
        await self.settings.set(chat_id, LOG_CHAT, log_chat, actor)
        return "ok"

    async def disconnect(self, chat_id: int, actor: Actor) -> None:
        await self._farewell(chat_id, None)
        await self.settings.set(chat_id, LOG_CHAT, None, actor)

    async def _farewell(self, chat_id: int, new_chat: int | None) -> None:
        """The old log chat hears that the log goes elsewhere: a moderator cannot quietly take
        the log (and the reports) away from the others."""
        old = await self.chat_of(chat_id)
        community = await self.communities.get(chat_id)
        if old is None or old == new_chat or community is None:
            return
        t = self.texts(community)
        await self.sender.enqueue(
            old, t("logchat-farewell", title=community.title), dedupe_key=f"logchat-bye:{old}"
        )
