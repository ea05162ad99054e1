"""What moderation asks Telegram to do in a group, as the services see it: no Bot API types.
bot/telegram.py carries it out; a refusal comes back as `ActionRefused` with Telegram's words,
which the services read (the bot's rights, a member who is gone, a request handled already)."""

from __future__ import annotations

from typing import Protocol


class ActionRefused(Exception):
    """Telegram said no; `message` is its description ("not enough rights…")."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ChatActions(Protocol):
    async def mute(self, chat_id: int, user_id: int, until: int | None = None) -> None:
        """Read-only until `until` (epoch; None: until lifted)."""
        ...

    async def unmute(self, chat_id: int, user_id: int) -> None: ...

    async def ban(self, chat_id: int, user_id: int, until: int | None = None) -> None: ...

    async def unban(self, chat_id: int, user_id: int) -> None:
        """Only if banned: never removes a member who is in the group."""
        ...

    async def delete_message(self, chat_id: int, message_id: int) -> None: ...

    async def approve_join_request(self, chat_id: int, user_id: int) -> None: ...

    async def decline_join_request(self, chat_id: int, user_id: int) -> None: ...
