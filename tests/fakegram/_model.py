"""Plain data records of the fake Telegram world."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class ApiError(Exception):
    """An error answered to the bot as a Telegram-shaped JSON body."""

    def __init__(
        self, code: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


class PageError(ApiError):
    """An error a proxy in front of Telegram answers: an HTML page, not Telegram's JSON."""


def bad(description: str, parameters: dict[str, Any] | None = None) -> ApiError:
    return ApiError(400, f"Bad Request: {description}", parameters)


def forbidden(description: str) -> ApiError:
    return ApiError(403, f"Forbidden: {description}")


@dataclass
class Call:
    """One API request the bot made, recorded after it was answered."""

    method: str
    params: dict[str, Any]
    at: float
    ok: bool
    error_code: int | None
    result: Any
    description: str | None = None


@dataclass
class Upload:
    filename: str
    content: bytes
    content_type: str | None


@dataclass
class Request:
    method: str
    params: dict[str, Any]
    files: dict[str, Upload]
    # Has the HTTP client already hung up (e.g. a cancelled long poll of a stopped bot)?
    client_gone: Callable[[], bool] = lambda: False
    # Set by rate-limited handlers; the dispatcher counts the call only if it succeeded.
    rate_chat: ChatState | None = None


@dataclass
class Member:
    status: str = "left"
    is_anonymous: bool = False
    until_date: int = 0
    is_member: bool = True  # restricted only: still in the chat?
    rights: dict[str, bool] = field(default_factory=dict)  # administrator only
    permissions: dict[str, bool] = field(default_factory=dict)  # restricted only
    custom_title: str | None = None

    @property
    def active(self) -> bool:
        """Is the user currently inside the chat."""
        if self.status == "restricted":
            return self.is_member
        return self.status in ("creator", "administrator", "member")

    @property
    def is_admin(self) -> bool:
        return self.status in ("creator", "administrator")

    def has_right(self, right: str) -> bool:
        if self.status == "creator":
            return True
        return self.status == "administrator" and self.rights.get(right, True)


@dataclass
class StoredMessage:
    data: dict[str, Any]  # never mutated after creation: edits replace it (Call.result stays)
    from_bot: bool
    deleted: bool = False
    html: str | None = None  # text/caption exactly as the bot sent it
    reply_keyboard: dict[str, Any] | None = None  # non-inline reply_markup the bot sent


@dataclass
class ChatState:
    id: int
    type: str  # private / group / supergroup / channel
    title: str | None = None
    is_forum: bool = False
    user_id: int | None = None  # private chats
    started: bool = False  # private chats: the user wrote to the bot at least once
    members: dict[int, Member] = field(default_factory=dict)
    msgs: dict[int, StoredMessage] = field(default_factory=dict)
    next_message_id: int = 1
    migrated_to: int | None = None
    pinned: list[int] = field(default_factory=list)
    rate_times: deque[float] = field(default_factory=deque)
    documents: list[dict[str, Any]] = field(default_factory=list)
    photos: list[dict[str, Any]] = field(default_factory=list)
    permissions: dict[str, bool] = field(default_factory=dict)
    description: str | None = None
    short: dict[str, Any] = field(default_factory=dict)  # the Chat object used in messages

    def take_message_id(self) -> int:
        mid = self.next_message_id
        self.next_message_id += 1
        return mid

    @property
    def is_group(self) -> bool:
        return self.type in ("group", "supergroup")

    @property
    def kind_name(self) -> str:
        """Chat kind as Telegram words it in errors ("group chat", "supergroup chat")."""
        return {"group": "group chat", "supergroup": "supergroup chat"}.get(
            self.type, "channel chat"
        )
