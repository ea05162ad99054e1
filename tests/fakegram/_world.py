"""World state of the fake Telegram: users, chats, members, the update queue, flood control."""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import math
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from ._constants import (
    ADMIN_FLAGS,
    DEFAULT_UPDATE_TYPES,
    GROUP_ANONYMOUS_BOT,
    MEMBER_STATUSES,
    PERMISSION_FLAGS,
    RATE_LIMITED_METHODS,
    STRING_FIELDS,
)
from ._model import ApiError, Call, ChatState, Member, Request, StoredMessage, Upload
from ._text import utf16_len

if TYPE_CHECKING:
    from aiohttp import web

log = logging.getLogger("fakegram")


class World:
    """State and the internal helpers shared by the API handlers and the public test API."""

    def __init__(
        self,
        token: str = "123456789:AAFakeTokenForTestsOnly_abcdefghijk",
        bot_id: int = 123456789,
        bot_username: str = "opora_test_bot",
    ) -> None:
        self.token = token
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.bot_first_name = "Test Bot"
        self.base_url = ""
        # Behaviour switches a test may flip.
        self.rate_limits = False
        self.rate_global_per_second = 30
        self.rate_private_interval = 0.9  # 1 msg/s per private chat, with clock-jitter slack
        self.rate_group_per_window = 20
        self.rate_group_window = 60.0
        self.privacy_mode = True  # non-admin bot sees only commands/replies/mentions in groups
        self.strict_html_entities = True  # a bare '&' is an error (Telegram itself tolerates it)
        # Seconds the bot may write to a person who asked to join (ChatJoinRequest.user_chat_id)
        # while their request waits; Telegram says 5 minutes.
        self.join_request_window = 300.0
        # Telegram's own clock (epoch seconds): the dates of messages, when a restriction ends by
        # itself, the 48 hours after which a message can no longer be deleted. A test moving the
        # bot's clock hands it over (`fake.clock = bot.clock.time`) so both agree.
        self.clock: Callable[[], float] = time.time
        # Telegram's own measure of seconds for flood control and the `at` of each call; a bot
        # under test hands over its clock's (`fake.monotonic = bot.clock.monotonic`), so the
        # limits are kept and measured on the time the bot paces by.
        self.monotonic: Callable[[], float] = time.monotonic
        # Called while a test waits for a condition (wait_for, wait_call): a bot under test lets
        # the time it only waits for pass.
        # True: time passed, look again at once.
        self.while_waiting: Callable[[], Awaitable[bool]] | None = None
        self.count_429 = 0
        # Recorded API traffic.
        self.calls: list[Call] = []
        self._calls_by_method: dict[str, list[Call]] = {}
        # World.
        self._users: dict[int, dict[str, Any]] = {}
        self._chats: dict[int, ChatState] = {}
        self._blocked: set[int] = set()
        # Pending join requests: (chat_id, user_id) -> the ChatJoinRequest sent to the bot, and
        # "sent_at" (time.time()).
        self._join_requests: dict[tuple[int, int], dict[str, Any]] = {}
        self._queries: dict[str, dict[str, Any]] = {}
        self._query_seq = itertools.count(1)
        self._files: dict[str, Upload] = {}
        self._file_unique_ids: dict[str, str] = {}
        self._file_paths: dict[str, str] = {}  # getFile path -> file_id
        self._file_seq = itertools.count(1)
        self._poll_ids = itertools.count(5000000000000000001)
        self._commands: dict[tuple[tuple[Any, ...], str], list[dict[str, Any]]] = {}
        self._bot_texts: dict[tuple[str, str], str] = {}
        self._menu_buttons: dict[int | None, dict[str, Any]] = {}
        self._default_admin_rights: dict[bool, dict[str, Any]] = {}
        self._webhook_url = ""
        self._failures: dict[str, deque[ApiError]] = {}
        # A slow answer: seconds to wait, or an event the test sets when Telegram may answer.
        self._delays: dict[str, deque[float | asyncio.Event]] = {}
        # Rate limiting: timestamps of accepted sends in the last second (global).
        self._rate_global: deque[float] = deque()
        # Update queue.
        self._pending: deque[dict[str, Any]] = deque()
        self._next_update_id = 1
        self._allowed: frozenset[str] | None = None  # None until the first getUpdates
        self._poll_waiter: asyncio.Future[str] | None = None
        self._inflight = 0
        self._open: Counter[str] = Counter()
        self._closing = False
        self._runner: web.AppRunner | None = None

    # ------------------------------------------------------------------ update queue

    def _enqueue(self, update_type: str, obj: dict[str, Any]) -> int:
        update_id = self._next_update_id
        self._next_update_id += 1
        self._push({"update_id": update_id, update_type: obj})
        return update_id

    def _push(self, update: dict[str, Any]) -> None:
        kind = _update_type(update)
        if self._allowed is not None and kind not in self._allowed:
            # Telegram never stores updates of types the bot did not ask for.
            log.debug("fakegram: dropping %s update (not in allowed_updates)", kind)
            return
        self._pending.append(update)
        self._wake("update")

    def _wake(self, reason: str) -> None:
        waiter = self._poll_waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(reason)

    def _set_allowed(self, allowed: Any) -> None:
        if isinstance(allowed, list) and allowed:
            new = frozenset(str(a) for a in allowed)
        elif isinstance(allowed, list) or self._allowed is None:
            new = DEFAULT_UPDATE_TYPES
        else:
            return  # not specified: keep the previous setting, like Telegram
        if new != self._allowed:
            self._allowed = new
            self._pending = deque(u for u in self._pending if _update_type(u) in new)

    def _confirm(self, offset: int) -> None:
        if offset < 0:
            # Negative offset: keep only the last -offset updates, forget the rest.
            while len(self._pending) > -offset:
                self._pending.popleft()
        elif offset > 0:
            while self._pending and self._pending[0]["update_id"] < offset:
                self._pending.popleft()

    # ------------------------------------------------------------------ rate limiting

    def _throttle(self, req: Request, chat: ChatState) -> None:
        """Raise 429 if this send would exceed Telegram's flood limits."""
        if not self.rate_limits or req.method not in RATE_LIMITED_METHODS:
            return
        now = self.monotonic()
        waits: list[float] = []
        glob = self._rate_global
        while glob and now - glob[0] >= 1.0:
            glob.popleft()
        if len(glob) >= self.rate_global_per_second:
            waits.append(glob[0] + 1.0 - now)
        times = chat.rate_times
        if chat.type == "private":
            if times and now - times[-1] < self.rate_private_interval:
                waits.append(1.0 - (now - times[-1]))
        else:
            while times and now - times[0] >= self.rate_group_window:
                times.popleft()
            if len(times) >= self.rate_group_per_window:
                waits.append(times[0] + self.rate_group_window - now)
        if waits:
            retry = max(1, math.ceil(max(waits)))
            raise ApiError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry})
        req.rate_chat = chat

    def _rate_note(self, chat: ChatState) -> None:
        now = self.monotonic()
        self._rate_global.append(now)
        chat.rate_times.append(now)
        if chat.type == "private" and len(chat.rate_times) > 4:
            chat.rate_times.popleft()

    # ------------------------------------------------------------------ world: users/chats

    @property
    def bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    def _new_member(
        self,
        status: str,
        *,
        is_anonymous: bool = False,
        rights: dict[str, bool] | None = None,
        permissions: dict[str, bool] | None = None,
        until_date: int = 0,
    ) -> Member:
        if status not in MEMBER_STATUSES:
            raise ValueError(f"unknown member status {status!r}")
        member = Member(status=status, is_anonymous=is_anonymous, until_date=until_date)
        if status == "administrator":
            member.rights = {**dict.fromkeys(ADMIN_FLAGS, True), **(rights or {})}
        if status == "restricted":
            member.permissions = {**dict.fromkeys(PERMISSION_FLAGS, False), **(permissions or {})}
        return member

    # ------------------------------------------------------------------ join requests

    def _join_window_open(self, user_id: int) -> bool:
        """May the bot write to this person who has not started it? Only for a while after they
        asked to join a chat, and only until the request is approved or declined."""
        now = time.time()
        return any(
            uid == user_id and now - request["sent_at"] < self.join_request_window
            for (_, uid), request in self._join_requests.items()
        )

    def _admit(self, chat: ChatState, user_id: int, actor: dict[str, Any]) -> None:
        """A join request approved (by the bot or an admin): the person is in, as after join()."""
        request = self._join_requests.pop((chat.id, user_id), None) or {}
        user = self._user_for_action(user_id)
        old = self._member(chat, user_id)
        new = Member("member")
        chat.members[user_id] = new
        # Telegram names the link used; a request without one (a public group) is flagged.
        link = request.get("invite_link")
        extra = {"invite_link": link} if link else {"via_join_request": True}
        self._emit_member_change(chat, user_id, old, new, actor, extra)
        self._user_service_message(chat, user, {"new_chat_members": [user]})

    # ------------------------------------------------------------------ internals

    def _user_for_action(self, user_id: int) -> dict[str, Any]:
        user = self._users.get(user_id)
        if user is None:
            raise AssertionError(f"unknown user {user_id}: call fake.add_user({user_id}) first")
        return user

    def _known_member_id(self, user_id: int) -> None:
        if user_id != self.bot_id:
            self._user_for_action(user_id)

    def _group_for_action(self, chat_id: int) -> ChatState:
        chat = self._chats.get(chat_id)
        if chat is None or chat.type == "private":
            raise AssertionError(f"unknown group {chat_id}: call fake.add_group({chat_id}) first")
        if chat.migrated_to is not None:
            raise AssertionError(f"group {chat_id} was migrated to {chat.migrated_to}")
        return chat

    def _user_dict(self, user_id: int) -> dict[str, Any]:
        if user_id == self.bot_id:
            return self.bot_user
        if user_id == GROUP_ANONYMOUS_BOT["id"]:
            return dict(GROUP_ANONYMOUS_BOT)
        return self._users.get(user_id) or {"id": user_id, "is_bot": False, "first_name": "User"}

    def _chat_owner(self, chat: ChatState) -> dict[str, Any] | None:
        for uid, m in chat.members.items():
            if m.status == "creator":
                return self._user_dict(uid)
        return None

    def _member(self, chat: ChatState, user_id: int) -> Member:
        if chat.type == "private":
            if user_id == self.bot_id:
                return Member("kicked" if chat.id in self._blocked else "member")
            return Member("member" if user_id == chat.user_id else "left")
        member = chat.members.get(user_id)
        if member is None:
            return Member("left")
        if (
            member.until_date
            and member.until_date <= self.clock()
            and member.status
            in (
                "restricted",
                "kicked",
            )
        ):
            # Temporary restrictions and bans lift themselves.
            member = Member(
                "member" if member.status == "restricted" and member.is_member else "left"
            )
            chat.members[user_id] = member
        return member

    def _member_dict(self, chat: ChatState, user_id: int, m: Member) -> dict[str, Any]:
        out: dict[str, Any] = {"status": m.status, "user": self._user_dict(user_id)}
        if m.status == "creator":
            out["is_anonymous"] = m.is_anonymous
        elif m.status == "administrator":
            out["can_be_edited"] = False
            out["is_anonymous"] = m.is_anonymous
            out.update({flag: bool(m.rights.get(flag, True)) for flag in ADMIN_FLAGS})
            if chat.type == "supergroup":
                out["can_manage_topics"] = bool(m.rights.get("can_manage_topics", True))
            if chat.type == "channel":
                out["can_post_messages"] = bool(m.rights.get("can_post_messages", True))
                out["can_edit_messages"] = bool(m.rights.get("can_edit_messages", True))
        elif m.status == "restricted":
            out["is_member"] = m.is_member
            out.update({flag: bool(m.permissions.get(flag, False)) for flag in PERMISSION_FLAGS})
            out["until_date"] = m.until_date
        elif m.status == "kicked":
            out["until_date"] = m.until_date
        if m.custom_title and m.is_admin:
            out["custom_title"] = m.custom_title
        return out

    def _emit_member_change(
        self,
        chat: ChatState,
        user_id: int,
        old: Member,
        new: Member,
        actor: dict[str, Any],
        extra: dict[str, Any] | None = None,
    ) -> None:
        old_d = self._member_dict(chat, user_id, old)
        new_d = self._member_dict(chat, user_id, new)
        if old_d == new_d:
            return
        update = {
            "chat": chat.short,
            "from": actor,
            "date": int(self.clock()),
            "old_chat_member": old_d,
            "new_chat_member": new_d,
            **(extra or {}),
        }
        if user_id == self.bot_id:
            self._enqueue("my_chat_member", update)
        elif self._member(chat, self.bot_id).is_admin:
            # Telegram sends chat_member updates only to administrator bots.
            self._enqueue("chat_member", update)

    def _chat_for_user_message(
        self, user_id: int, chat_id: int | None, as_chat: bool
    ) -> tuple[ChatState, dict[str, Any]]:
        user = self._user_for_action(user_id)
        if chat_id is None or chat_id == user_id:
            chat = self._chats[user_id]
            if user_id in self._blocked:
                # Writing to a blocked bot ("Restart bot") unblocks it.
                self.unblock(user_id)
            chat.started = True
            return chat, user
        chat = self._chats.get(chat_id)
        if chat is None:
            raise AssertionError(f"unknown chat {chat_id}: call fake.add_group({chat_id}) first")
        if chat.migrated_to is not None:
            raise AssertionError(f"group {chat_id} was migrated to {chat.migrated_to}")
        if chat.type == "channel":
            return chat, user
        member = self._member(chat, user_id)
        if not member.active:
            raise AssertionError(
                f"user {user_id} is not in chat {chat_id} (status {member.status}); "
                "use fake.join() or fake.set_member() first"
            )
        if member.status == "restricted" and not member.permissions.get("can_send_messages"):
            raise AssertionError(f"user {user_id} is restricted from sending in chat {chat_id}")
        return chat, (GROUP_ANONYMOUS_BOT if as_chat else user)

    def _user_message(
        self,
        chat: ChatState,
        sender: dict[str, Any],
        content: dict[str, Any],
        thread_id: int | None,
        reply_to_message_id: int | None,
        as_chat: bool,
    ) -> dict[str, Any]:
        replied = None
        if reply_to_message_id is not None:
            replied = chat.msgs.get(reply_to_message_id)
            if replied is None or replied.deleted:
                raise AssertionError(f"no message {reply_to_message_id} in chat {chat.id}")
        data: dict[str, Any] = {
            "message_id": chat.take_message_id(),
            "date": int(self.clock()),
            "chat": chat.short,
        }
        if chat.type == "channel":
            data["sender_chat"] = chat.short
        else:
            data["from"] = sender
            if as_chat:
                data["sender_chat"] = chat.short
        if thread_id is not None:
            data["message_thread_id"] = thread_id
            if chat.is_forum:
                data["is_topic_message"] = True
        if replied is not None:
            data["reply_to_message"] = _without_reply(replied.data)
        data.update(content)
        chat.msgs[data["message_id"]] = StoredMessage(data=data, from_bot=False)
        if self._bot_sees(chat, data):
            self._enqueue("channel_post" if chat.type == "channel" else "message", data)
        else:
            log.info(
                "fakegram: message %s in chat %s is not visible to the bot",
                data["message_id"],
                chat.id,
            )
        return data

    def _user_service_message(
        self, chat: ChatState, sender: dict[str, Any], content: dict[str, Any]
    ) -> dict[str, Any]:
        data: dict[str, Any] = {
            "message_id": chat.take_message_id(),
            "from": sender,
            "chat": chat.short,
            "date": int(self.clock()),
            **content,
        }
        chat.msgs[data["message_id"]] = StoredMessage(data=data, from_bot=False)
        if self._member(chat, self.bot_id).active:
            self._enqueue("message", data)
        return data

    def _bot_sees(self, chat: ChatState, msg: dict[str, Any]) -> bool:
        """Would Telegram deliver this user message to the bot (membership + privacy mode)?"""
        if chat.type == "private":
            return True
        bot = self._member(chat, self.bot_id)
        if not bot.active:
            return False
        if bot.is_admin or not self.privacy_mode or chat.type == "channel":
            return True
        text: str = msg.get("text") or msg.get("caption") or ""
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            if "@" not in command or command.lower().endswith("@" + self.bot_username.lower()):
                return True
        replied = msg.get("reply_to_message") or {}
        if (replied.get("from") or {}).get("id") == self.bot_id:
            return True
        return f"@{self.bot_username.lower()}" in text.lower()

    def _store_file(self, upload: Upload) -> dict[str, Any]:
        """Keep an uploaded file; returns its Document object (file_id can be re-sent)."""
        n = next(self._file_seq)
        file_id = f"BQACAgIAAxkBAAI{n:08d}fake{self.bot_id}"
        self._files[file_id] = upload
        self._file_unique_ids[file_id] = f"AgAD{n:08d}"
        return {**self._file_object(file_id), "file_name": upload.filename}

    def _file_object(self, file_id: str) -> dict[str, Any]:
        upload = self._files[file_id]
        obj: dict[str, Any] = {
            "file_id": file_id,
            "file_unique_id": self._file_unique_ids[file_id],
            "file_size": len(upload.content),
        }
        if upload.content_type:
            obj["mime_type"] = upload.content_type
        return obj


# ---------------------------------------------------------------------- module helpers


def _decode_field(key: str, value: str) -> Any:
    if key in STRING_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _update_type(update: dict[str, Any]) -> str:
    return next((k for k in update if k != "update_id"), "")


def _as_int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _as_float(value: Any, default: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _copy_member(m: Member) -> Member:
    return Member(
        status=m.status,
        is_anonymous=m.is_anonymous,
        until_date=m.until_date,
        is_member=m.is_member,
        rights=dict(m.rights),
        permissions=dict(m.permissions),
        custom_title=m.custom_title,
    )


def _without_reply(data: dict[str, Any]) -> dict[str, Any]:
    # Telegram does not nest reply_to_message more than one level deep.
    return {k: v for k, v in data.items() if k != "reply_to_message"}


def _auto_entities(text: str) -> list[dict[str, Any]]:
    if not text.startswith("/"):
        return []
    command = text.split(maxsplit=1)[0]
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(command)}]


def png_bytes(width: int = 1, height: int = 1) -> bytes:
    """A real PNG of the given size (one opaque grey colour), for a user's photo."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _guess_mime(file_name: str) -> str:
    import mimetypes

    return mimetypes.guess_type(file_name)[0] or "application/octet-stream"


def _scope_key(scope: Any) -> tuple[Any, ...]:
    if not isinstance(scope, dict) or not scope.get("type"):
        return ("default",)
    return (scope.get("type"), scope.get("chat_id"), scope.get("user_id"))


def _find_button(
    msgs: list[StoredMessage], text: str
) -> tuple[StoredMessage, dict[str, Any]] | None:
    for exact in (True, False):
        for rec in msgs:  # newest first
            markup = rec.data.get("reply_markup") or {}
            for row in markup.get("inline_keyboard", []):
                for button in row:
                    label = button.get("text", "")
                    if label == text if exact else text in label:
                        return rec, button
    return None


def _describe_buttons(msgs: list[StoredMessage]) -> str:
    lines = []
    for rec in msgs[:10]:
        markup = rec.data.get("reply_markup") or {}
        labels = [b.get("text") for row in markup.get("inline_keyboard", []) for b in row]
        if labels:
            lines.append(f"  message {rec.data['message_id']}: {labels}")
    return "\n".join(lines) or "  (no bot message with an inline keyboard)"
