"""bot.services.chat_actions.ChatActions through the Bot API: Telegram's refusals become
`ActionRefused`; anything else (a network failure, flood control) is raised as aiogram raises it,
except for join requests, where any refusal leaves the request to be decided again."""

from __future__ import annotations

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramForbiddenError
from aiogram.types import ChatPermissions

from bot.services.chat_actions import ActionRefused

# Read-only: nothing may be sent. Telegram lifts a restriction when every permission is granted;
# every field the Bot API knows is listed, so a newer permission is not left out.
MUTED = ChatPermissions(**dict.fromkeys(ChatPermissions.model_fields, False))
UNMUTED = ChatPermissions(**dict.fromkeys(ChatPermissions.model_fields, True))


class TelegramChatActions:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def mute(self, chat_id: int, user_id: int, until: int | None = None) -> None:
        try:
            await self.bot.restrict_chat_member(chat_id, user_id, MUTED, until_date=until)
        except (TelegramBadRequest, TelegramForbiddenError) as error:
            raise ActionRefused(error.message) from error

    async def unmute(self, chat_id: int, user_id: int) -> None:
        try:
            await self.bot.restrict_chat_member(chat_id, user_id, UNMUTED)
        except (TelegramBadRequest, TelegramForbiddenError) as error:
            raise ActionRefused(error.message) from error

    async def ban(self, chat_id: int, user_id: int, until: int | None = None) -> None:
        try:
            await self.bot.ban_chat_member(chat_id, user_id, until_date=until)
        except (TelegramBadRequest, TelegramForbiddenError) as error:
            raise ActionRefused(error.message) from error

    async def unban(self, chat_id: int, user_id: int) -> None:
        try:
            await self.bot.unban_chat_member(chat_id, user_id, only_if_banned=True)
        except (TelegramBadRequest, TelegramForbiddenError) as error:
            raise ActionRefused(error.message) from error

    async def delete_message(self, chat_id: int, message_id: int) -> None:
        try:
            await self.bot.delete_message(chat_id, message_id)
        except (TelegramBadRequest, TelegramForbiddenError) as error:
            raise ActionRefused(error.message) from error

    async def approve_join_request(self, chat_id: int, user_id: int) -> None:
        try:
            await self.bot.approve_chat_join_request(chat_id, user_id)
        except TelegramAPIError as error:
            raise ActionRefused(error.message) from error

    async def decline_join_request(self, chat_id: int, user_id: int) -> None:
        try:
            await self.bot.decline_chat_join_request(chat_id, user_id)
        except TelegramAPIError as error:
            raise ActionRefused(error.message) from error
