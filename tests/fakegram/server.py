"""FakeTelegram: an aiohttp Bot API server that behaves like Telegram for tests.

The world state (users, chats, members, messages) lives in memory. User actions (send_message,
press, join, ...) queue Update objects that the real bot fetches with getUpdates long polling.
All state changes happen synchronously on the event loop, so no locks are needed.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from ._api import Api, _image_size
from ._constants import (
    GROUP_ANONYMOUS_BOT,
    KNOWN_METHODS,
    MEDIA_FILES,
    METHOD_BY_LOWER,
    PERMISSION_FLAGS,
)
from ._model import ApiError, Call, ChatState, Member, PageError, Request, Upload
from ._world import (
    _auto_entities,
    _copy_member,
    _decode_field,
    _describe_buttons,
    _find_button,
    _guess_mime,
    _scope_key,
    png_bytes,
)

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.client.session.aiohttp import AiohttpSession

__all__ = ["FakeTelegram", "png_bytes", "skip_close_nap"]

log = logging.getLogger("fakegram")


def skip_close_nap(session: AiohttpSession) -> None:
    """Closing an aiogram session sleeps 250 ms so TLS connections can finish; plain local
    HTTP to this server has none, and the nap on every bot's stop would slow every test."""

    async def close() -> None:
        inner = session._session
        if inner is not None and not inner.closed:
            await inner.close()

    session.close = close  # type: ignore[method-assign]


class _UpdateList(list[dict[str, Any]]):
    """A plain list that also tolerates being called: fake.pending_updates()."""

    def __call__(self) -> _UpdateList:
        return self


class FakeTelegram(Api):
    """Fake Telegram Bot API server plus the users that talk to the bot.

    Knobs a test may set (attributes): rate_limits (False), rate_global_per_second (30),
    rate_private_interval (0.9 s), rate_group_per_window (20) / rate_group_window (60 s),
    privacy_mode (True: a non-admin bot in a group only sees commands, replies to it, mentions
    and service messages), strict_html_entities (True: a bare '&' is a parse error),
    bot_first_name ("Test Bot").
    """

    def __init__(
        self,
        token: str = "123456789:AAFakeTokenForTestsOnly_abcdefghijk",
        bot_id: int = 123456789,
        bot_username: str = "opora_test_bot",
    ) -> None:
        if token.split(":", 1)[0] != str(bot_id):
            # aiogram derives Bot.id from the token; a mismatch would break my_chat_member logic.
            raise ValueError("the token must start with the bot id, e.g. '123:ABC'")
        super().__init__(token, bot_id, bot_username)

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        self._closing = False
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        # Short shutdown timeout: pending long polls are released in stop() anyway.
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        self._closing = True
        self._wake("closing")
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeTelegram:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    def create_bot(self, parse_mode: str | None = "HTML", **bot_kwargs: Any) -> Bot:
        """A real aiogram Bot wired to this server (session close skips aiogram's 250 ms nap)."""
        from aiogram import Bot
        from aiogram.client.default import DefaultBotProperties
        from aiogram.client.session.aiohttp import AiohttpSession
        from aiogram.client.telegram import TelegramAPIServer

        session = AiohttpSession(api=TelegramAPIServer.from_base(self.base_url))
        skip_close_nap(session)
        bot_kwargs.setdefault("default", DefaultBotProperties(parse_mode=parse_mode))
        return Bot(self.token, session=session, **bot_kwargs)

    # ------------------------------------------------------------------ HTTP layer

    async def _handle(self, request: web.Request) -> web.Response:
        raw_method = request.match_info["method"]
        is_poll = raw_method.lower() == "getupdates"
        method = METHOD_BY_LOWER.get(raw_method.lower(), raw_method)
        if not is_poll:
            self._inflight += 1
            self._open[method] += 1
        try:
            req = await self._read_request(request, raw_method)
            code, payload = await self._dispatch(request.match_info["token"], req)
            if payload.pop("page", False):
                page = f"<html><body><h1>{code} {payload['description']}</h1></body></html>"
                return web.Response(text=page, status=code, content_type="text/html")
        finally:
            if not is_poll:
                self._inflight -= 1
                self._open[method] -= 1
        return web.json_response(payload, status=code)

    async def _read_request(self, request: web.Request, raw_method: str) -> Request:
        params: dict[str, Any] = {}
        files: dict[str, Upload] = {}
        raw: dict[str, str] = dict(request.query)
        if request.can_read_body:
            if request.content_type == "application/json":
                body = await request.json()
                if isinstance(body, dict):
                    params.update(body)  # already typed, no decoding
            else:
                form = await request.post()
                for key, value in form.items():
                    if isinstance(value, web.FileField):
                        files[key] = Upload(value.filename, value.file.read(), value.content_type)
                    else:
                        raw[key] = str(value)
        for key, value in raw.items():
            params[key] = _decode_field(key, value)
        method = METHOD_BY_LOWER.get(raw_method.lower(), raw_method)

        def client_gone() -> bool:
            transport = request.transport
            return transport is None or transport.is_closing()

        return Request(method, params, files, client_gone)

    async def _dispatch(self, token: str, req: Request) -> tuple[int, dict[str, Any]]:
        try:
            if token != self.token:
                raise ApiError(401, "Unauthorized")
            if req.method not in KNOWN_METHODS:
                raise ApiError(404, "Not Found")
            delays = self._delays.get(req.method)
            if delays:  # a slow Telegram answer
                delay = delays.popleft()
                if isinstance(delay, asyncio.Event):
                    await delay.wait()
                else:
                    await asyncio.sleep(delay)
            queued = self._failures.get(req.method)
            if queued:
                raise queued.popleft()
            handler = self._handlers().get(req.method)
            if handler is None:
                log.warning("fakegram: method %s is not emulated", req.method)
                raise ApiError(501, f"Not Implemented: fakegram does not emulate {req.method}")
            result = handler(req)
            if inspect.isawaitable(result):
                result = await result
        except ApiError as err:
            return self._fail(req, err)
        except Exception as exc:
            # A bug in the fake must not look like a network problem to the bot.
            log.exception("fakegram: internal error in %s", req.method)
            return self._fail(req, ApiError(500, f"Internal Server Error: fakegram: {exc!r}"))
        if req.rate_chat is not None:
            self._rate_note(req.rate_chat)
        self._record(req, ok=True, error=None, result=result)
        return 200, {"ok": True, "result": result}

    def _fail(self, req: Request, err: ApiError) -> tuple[int, dict[str, Any]]:
        if err.code == 429:
            self.count_429 += 1
        payload: dict[str, Any] = {
            "ok": False,
            "error_code": err.code,
            "description": err.description,
        }
        if err.parameters:
            payload["parameters"] = err.parameters
        if isinstance(err, PageError):
            payload["page"] = True
        self._record(req, ok=False, error=err, result=None)
        return err.code, payload

    def _record(self, req: Request, *, ok: bool, error: ApiError | None, result: Any) -> None:
        call = Call(
            method=req.method,
            params=req.params,
            at=self.monotonic(),
            ok=ok,
            error_code=None if error is None else error.code,
            result=result,
            description=None if error is None else error.description,
        )
        self.calls.append(call)
        self._calls_by_method.setdefault(req.method, []).append(call)

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        file_id = self._file_paths.get(request.match_info["path"])
        if file_id is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
            )
        upload = self._files[file_id]
        return web.Response(
            body=upload.content, content_type=upload.content_type or "application/octet-stream"
        )

    # ------------------------------------------------------------------ world: users/chats

    def add_user(
        self,
        user_id: int,
        first_name: str = "User",
        *,
        username: str | None = None,
        language_code: str | None = "ru",
        last_name: str | None = None,
    ) -> dict[str, Any]:
        if user_id <= 0 or user_id == self.bot_id:
            raise ValueError("user ids must be positive and differ from the bot id")
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if last_name is not None:
            user["last_name"] = last_name
        if username is not None:
            user["username"] = username
        if language_code is not None:
            user["language_code"] = language_code
        self._users[user_id] = user
        chat = self._chats.get(user_id)
        if chat is None:
            chat = ChatState(id=user_id, type="private", user_id=user_id)
            self._chats[user_id] = chat
        short = {"id": user_id, "type": "private", "first_name": first_name}
        if last_name is not None:
            short["last_name"] = last_name
        if username is not None:
            short["username"] = username
        chat.short = short
        return user

    def add_group(
        self,
        chat_id: int,
        title: str = "Group",
        *,
        type: str = "supergroup",
        is_forum: bool = False,
        bot_status: str = "left",
    ) -> dict[str, Any]:
        """Create a group; the bot is not in it until add_bot_to_group (or bot_status=...)."""
        if chat_id >= 0:
            raise ValueError("group/channel chat ids are negative, e.g. -1001234567890")
        if type not in ("group", "supergroup", "channel"):
            raise ValueError(f"unsupported chat type {type!r}")
        if is_forum and type != "supergroup":
            raise ValueError("only supergroups can be forums")
        chat = ChatState(id=chat_id, type=type, title=title, is_forum=is_forum)
        chat.permissions = dict.fromkeys(PERMISSION_FLAGS, True)
        chat.short = {"id": chat_id, "type": type, "title": title}
        if is_forum:
            chat.short["is_forum"] = True
        self._chats[chat_id] = chat
        if bot_status != "left":
            chat.members[self.bot_id] = self._new_member(bot_status)
        return dict(chat.short)

    def set_member(
        self,
        chat_id: int,
        user_id: int,
        status: str = "member",
        *,
        emit: bool = True,
        is_anonymous: bool = False,
        rights: dict[str, bool] | None = None,
        permissions: dict[str, bool] | None = None,
        until_date: int = 0,
        by_user_id: int | None = None,
    ) -> None:
        chat = self._group_for_action(chat_id)
        self._known_member_id(user_id)
        old = self._member(chat, user_id)
        new = self._new_member(
            status,
            is_anonymous=is_anonymous,
            rights=rights,
            permissions=permissions,
            until_date=until_date,
        )
        chat.members[user_id] = new
        if not emit:
            return
        if by_user_id is not None:
            actor = self._user_for_action(by_user_id)
        elif user_id != self.bot_id and (
            (not old.active and new.status == "member") or (old.active and new.status == "left")
        ):
            actor = self._users[user_id]  # joins and leaves are done by the user
        else:
            actor = self._chat_owner(chat) or self._user_dict(user_id)
        self._emit_member_change(chat, user_id, old, new, actor)

    def join(self, chat_id: int, user_id: int) -> None:
        chat = self._group_for_action(chat_id)
        user = self._user_for_action(user_id)
        old = self._member(chat, user_id)
        if old.status == "kicked":
            raise AssertionError(f"user {user_id} is banned in chat {chat_id}; unban them first")
        new = Member("member")
        chat.members[user_id] = new
        self._emit_member_change(chat, user_id, old, new, user)
        self._user_service_message(chat, user, {"new_chat_members": [user]})

    def leave(self, chat_id: int, user_id: int) -> None:
        chat = self._group_for_action(chat_id)
        user = self._user_for_action(user_id)
        old = self._member(chat, user_id)
        new = Member("left")
        chat.members[user_id] = new
        self._emit_member_change(chat, user_id, old, new, user)
        self._user_service_message(chat, user, {"left_chat_member": user})

    def request_join(
        self,
        chat_id: int,
        user_id: int,
        *,
        invite_link: str | None = None,
        bio: str | None = None,
    ) -> dict[str, Any]:
        """The user asks to join a group that approves new members (a link that creates join
        requests, or a public group with "approve new members"). The bot hears of it as a
        chat_join_request only as an administrator with can_invite_users; it may then write to
        the user for `join_request_window` seconds, until the request is approved or declined."""
        chat = self._group_for_action(chat_id)
        user = self._user_for_action(user_id)
        member = self._member(chat, user_id)
        if member.active:
            raise AssertionError(f"user {user_id} is already in chat {chat_id}")
        if member.status == "kicked":
            raise AssertionError(f"user {user_id} is banned in chat {chat_id}; unban them first")
        request: dict[str, Any] = {
            "chat": chat.short,
            "from": user,
            "user_chat_id": user_id,  # a private chat's id is the user's id
            "date": int(time.time()),
        }
        if bio is not None:
            request["bio"] = bio
        if invite_link is not None:
            request["invite_link"] = {
                "invite_link": invite_link,
                "creator": self._chat_owner(chat) or self.bot_user,
                "creates_join_request": True,
                "is_primary": False,
                "is_revoked": False,
            }
        # Asking again replaces the earlier request (and opens the window anew).
        self._join_requests[(chat_id, user_id)] = {
            "sent_at": time.time(),
            "invite_link": request.get("invite_link"),
        }
        if self._member(chat, self.bot_id).has_right("can_invite_users"):
            self._enqueue("chat_join_request", request)
        return request

    def approve_join_request(self, chat_id: int, user_id: int, *, by_user_id: int) -> None:
        """An admin approves the request in their Telegram app."""
        chat = self._group_for_action(chat_id)
        if (chat_id, user_id) not in self._join_requests:
            raise AssertionError(f"no join request of user {user_id} in chat {chat_id}")
        self._admit(chat, user_id, self._user_for_action(by_user_id))

    def decline_join_request(self, chat_id: int, user_id: int) -> None:
        """An admin declines the request in their app (or the user cancels it): no update."""
        self._group_for_action(chat_id)
        if self._join_requests.pop((chat_id, user_id), None) is None:
            raise AssertionError(f"no join request of user {user_id} in chat {chat_id}")

    def join_requests(self, chat_id: int) -> list[int]:
        """Users whose requests to join the chat wait for a decision."""
        return [uid for (cid, uid) in self._join_requests if cid == chat_id]

    def add_bot_to_group(
        self,
        chat_id: int,
        by_user_id: int,
        *,
        status: str = "administrator",
        rights: dict[str, bool] | None = None,
    ) -> None:
        """by_user adds the bot; if they are not in the chat yet they become a plain member
        silently (whoever adds a bot must be in the group)."""
        chat = self._group_for_action(chat_id)
        actor = self._user_for_action(by_user_id)
        if not self._member(chat, by_user_id).active:
            chat.members[by_user_id] = Member("member")
        old = self._member(chat, self.bot_id)
        new = self._new_member(status, rights=rights)
        chat.members[self.bot_id] = new
        self._emit_member_change(chat, self.bot_id, old, new, actor)
        if chat.type != "channel":
            self._user_service_message(chat, actor, {"new_chat_members": [self.bot_user]})

    def remove_bot_from_group(self, chat_id: int, by_user_id: int, *, kicked: bool = True) -> None:
        chat = self._group_for_action(chat_id)
        actor = self._user_for_action(by_user_id)
        old = self._member(chat, self.bot_id)
        new = Member("kicked" if kicked else "left")
        chat.members[self.bot_id] = new
        self._emit_member_change(chat, self.bot_id, old, new, actor)

    def migrate_group(
        self, old_chat_id: int, new_chat_id: int, *, by_user_id: int | None = None
    ) -> None:
        old = self._group_for_action(old_chat_id)
        if old.type != "group":
            raise AssertionError(f"chat {old_chat_id} is a {old.type}; only basic groups migrate")
        if new_chat_id in self._chats:
            raise AssertionError(f"chat {new_chat_id} already exists")
        self.add_group(new_chat_id, old.title or "Group", type="supergroup")
        new = self._chats[new_chat_id]
        new.members = {uid: _copy_member(m) for uid, m in old.members.items()}
        new.permissions = dict(old.permissions)
        actor = (
            self._user_for_action(by_user_id)
            if by_user_id is not None
            else self._chat_owner(old) or GROUP_ANONYMOUS_BOT
        )
        self._user_service_message(old, actor, {"migrate_to_chat_id": new_chat_id})
        old.migrated_to = new_chat_id
        self._user_service_message(
            new,
            GROUP_ANONYMOUS_BOT,
            {"sender_chat": new.short, "migrate_from_chat_id": old_chat_id},
        )

    def open_private_chat(self, user_id: int) -> None:
        """The user has started the bot at some point (no update is queued now)."""
        self._user_for_action(user_id)
        self._chats[user_id].started = True

    def block(self, user_id: int) -> None:
        self._user_for_action(user_id)
        if user_id in self._blocked:
            return
        self._blocked.add(user_id)
        chat = self._chats[user_id]
        if chat.started:  # the bot learns about it through my_chat_member
            self._emit_member_change(
                chat, self.bot_id, Member("member"), Member("kicked"), self._users[user_id]
            )

    def unblock(self, user_id: int) -> None:
        self._user_for_action(user_id)
        if user_id not in self._blocked:
            return
        self._blocked.discard(user_id)
        chat = self._chats[user_id]
        if chat.started:
            self._emit_member_change(
                chat, self.bot_id, Member("kicked"), Member("member"), self._users[user_id]
            )

    # ------------------------------------------------------------------ user actions

    def send_message(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        thread_id: int | None = None,
        reply_to_message_id: int | None = None,
        as_chat: bool = False,
        entities: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        chat, sender = self._chat_for_user_message(user_id, chat_id, as_chat)
        content: dict[str, Any] = {"text": text}
        ents = list(entities) if entities is not None else _auto_entities(text)
        if ents:
            content["entities"] = ents
        return self._user_message(chat, sender, content, thread_id, reply_to_message_id, as_chat)

    def send_document(
        self,
        user_id: int,
        file_name: str,
        content: bytes,
        *,
        chat_id: int | None = None,
        caption: str | None = None,
        mime_type: str | None = None,
        thread_id: int | None = None,
        media_group_id: str | None = None,
    ) -> dict[str, Any]:
        """The user uploads a file; the bot can download it with getFile + the file URL.
        Files sent as one album share a `media_group_id` (each is its own message)."""
        upload = Upload(file_name, content, mime_type or _guess_mime(file_name))
        return self._send_content(
            user_id,
            {"document": self._store_file(upload)},
            chat_id=chat_id,
            caption=caption,
            thread_id=thread_id,
            media_group_id=media_group_id,
        )

    def send_photo(
        self,
        user_id: int,
        content: bytes | None = None,
        *,
        chat_id: int | None = None,
        caption: str | None = None,
        thread_id: int | None = None,
        media_group_id: str | None = None,
    ) -> dict[str, Any]:
        """The user sends a photo (a PNG or JPEG; a 2×2 PNG when none is given)."""
        content = content if content is not None else png_bytes(2, 2)
        width, height = _image_size(content)
        stored = self._store_file(Upload("photo.jpg", content, None))
        size = {
            "file_id": stored["file_id"],
            "file_unique_id": stored["file_unique_id"],
            "file_size": stored["file_size"],
            "width": width,
            "height": height,
        }
        return self._send_content(
            user_id,
            {"photo": [size]},
            chat_id=chat_id,
            caption=caption,
            thread_id=thread_id,
            media_group_id=media_group_id,
        )

    def send_media(
        self,
        user_id: int,
        kind: str,
        content: bytes = b"\x00fake media",
        *,
        chat_id: int | None = None,
        caption: str | None = None,
        file_name: str | None = None,
        duration: int = 3,
        emoji: str = "👍",
        set_name: str | None = None,
        performer: str | None = None,
        title: str | None = None,
        thread_id: int | None = None,
        media_group_id: str | None = None,
    ) -> dict[str, Any]:
        """The user sends a voice message, a video, an audio file, a round video note, a sticker
        or a GIF (`kind` as the Message field: voice, video, audio, video_note, sticker,
        animation). Stickers and video notes carry no caption, as in Telegram."""
        if kind not in MEDIA_FILES:
            raise ValueError(f"send_media sends one of {sorted(MEDIA_FILES)}, not {kind!r}")
        if caption is not None and kind in ("sticker", "video_note"):
            raise AssertionError(f"a {kind} has no caption in Telegram")
        default_name, mime_type = MEDIA_FILES[kind]
        name = file_name or default_name
        stored = self._store_file(Upload(name, content, mime_type))
        media: dict[str, Any] = {
            "file_id": stored["file_id"],
            "file_unique_id": stored["file_unique_id"],
            "file_size": stored["file_size"],
        }
        if kind in ("video", "animation", "sticker"):
            media.update(width=320, height=240 if kind != "sticker" else 320)
        if kind != "sticker":
            media["duration"] = duration
        if kind in ("voice", "video", "audio", "animation"):
            media["mime_type"] = mime_type
        if kind in ("video", "audio", "animation") and name:
            media["file_name"] = name
        if kind == "video_note":
            media["length"] = 240
        if kind == "sticker":
            media.update(type="regular", is_animated=False, is_video=False, emoji=emoji)
            if set_name is not None:
                media["set_name"] = set_name
        if kind == "audio":
            if performer is not None:
                media["performer"] = performer
            if title is not None:
                media["title"] = title
        content_fields: dict[str, Any] = {kind: media}
        if kind == "animation":  # Telegram sends a GIF as a document too, for older clients
            content_fields["document"] = {
                **{k: media[k] for k in ("file_id", "file_unique_id", "file_size", "mime_type")},
                "file_name": name,
            }
        return self._send_content(
            user_id,
            content_fields,
            chat_id=chat_id,
            caption=caption,
            thread_id=thread_id,
            media_group_id=media_group_id,
        )

    def send_location(
        self, user_id: int, latitude: float, longitude: float, *, chat_id: int | None = None
    ) -> dict[str, Any]:
        location = {"latitude": latitude, "longitude": longitude}
        return self._send_content(user_id, {"location": location}, chat_id=chat_id)

    def send_contact(
        self,
        user_id: int,
        phone_number: str,
        first_name: str,
        *,
        contact_user_id: int | None = None,
        chat_id: int | None = None,
    ) -> dict[str, Any]:
        contact: dict[str, Any] = {"phone_number": phone_number, "first_name": first_name}
        if contact_user_id is not None:
            contact["user_id"] = contact_user_id
        return self._send_content(user_id, {"contact": contact}, chat_id=chat_id)

    def send_poll(
        self, user_id: int, question: str, options: list[str], *, chat_id: int | None = None
    ) -> dict[str, Any]:
        poll = {
            "id": str(next(self._poll_ids)),
            "question": question,
            "options": [
                {"persistent_id": str(n), "text": option, "voter_count": 0}
                for n, option in enumerate(options)
            ],
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": True,
            "type": "regular",
            "allows_multiple_answers": False,
            "allows_revoting": False,
            "members_only": False,
        }
        return self._send_content(user_id, {"poll": poll}, chat_id=chat_id)

    def _send_content(
        self,
        user_id: int,
        content: dict[str, Any],
        *,
        chat_id: int | None,
        caption: str | None = None,
        thread_id: int | None = None,
        media_group_id: str | None = None,
    ) -> dict[str, Any]:
        chat, sender = self._chat_for_user_message(user_id, chat_id, False)
        data = dict(content)
        if caption:
            data["caption"] = caption
        if media_group_id is not None:
            data["media_group_id"] = media_group_id
        return self._user_message(chat, sender, data, thread_id, None, False)

    def share_chat(self, user_id: int, request_id: int, chat_id: int) -> dict[str, Any]:
        """The user picks `chat_id` with a request_chat keyboard button the bot showed them."""
        chat, sender = self._chat_for_user_message(user_id, None, False)
        shown = [
            button.get("request_chat", {}).get("request_id")
            for stored in chat.msgs.values()
            if stored.from_bot and stored.reply_keyboard
            for row in stored.reply_keyboard.get("keyboard", [])
            for button in row
            if isinstance(button, dict)
        ]
        if request_id not in shown:
            raise AssertionError(f"no request_chat button {request_id} was shown to {user_id}")
        picked = self._chats[chat_id]
        content = {
            "chat_shared": {"request_id": request_id, "chat_id": chat_id, "title": picked.title}
        }
        return self._user_message(chat, sender, content, None, None, False)

    def edit_message(
        self, user_id: int, message_id: int, text: str, *, chat_id: int | None = None
    ) -> dict[str, Any]:
        """The user edits one of their messages: queues an edited_message update."""
        chat = self._chats.get(user_id if chat_id is None else chat_id)
        rec = None if chat is None else chat.msgs.get(message_id)
        if chat is None or rec is None or rec.from_bot or rec.deleted:
            raise AssertionError(f"no message {message_id} of user {user_id} in that chat")
        data = {**rec.data, "text": text, "edit_date": int(self.clock())}
        ents = _auto_entities(text)
        data.pop("entities", None)
        if ents:
            data["entities"] = ents
        rec.data = data
        if self._bot_sees(chat, data):
            self._enqueue(
                "edited_channel_post" if chat.type == "channel" else "edited_message", data
            )
        return data

    def press(
        self,
        user_id: int,
        *,
        chat_id: int,
        button_text: str | None = None,
        callback_data: str | None = None,
        message_id: int | None = None,
    ) -> str:
        user = self._user_for_action(user_id)
        chat = self._chats.get(chat_id)
        if chat is None:
            raise AssertionError(f"unknown chat {chat_id}")
        bot_msgs = [
            r
            for r in reversed(chat.msgs.values())
            if r.from_bot
            and not r.deleted
            and (message_id is None or r.data["message_id"] == message_id)
        ]
        if callback_data is not None:
            if not bot_msgs:
                raise AssertionError(
                    f"no bot message {message_id or ''} in chat {chat_id} to press on"
                )
            target, data = bot_msgs[0], callback_data
        else:
            if button_text is None:
                raise AssertionError("press() needs button_text or callback_data")
            found = _find_button(bot_msgs, button_text)
            if found is None:
                raise AssertionError(
                    f"no inline button {button_text!r} in chat {chat_id}; visible buttons:\n"
                    + _describe_buttons(bot_msgs)
                )
            target, button = found
            if "callback_data" not in button:
                raise AssertionError(
                    f"button {button['text']!r} is not a callback button: {button}"
                )
            data = button["callback_data"]
        query_id = str(4_000_000_000_000_000 + next(self._query_seq))
        query = {
            "id": query_id,
            "from": user,
            "message": target.data,
            "chat_instance": str(abs(chat_id) * 7919 + 1_000_003),
            "data": data,
        }
        self._queries[query_id] = {
            "user_id": user_id,
            "chat_id": chat_id,
            "message_id": target.data["message_id"],
            "data": data,
            "answered": False,
            "answer": None,
        }
        self._enqueue("callback_query", query)
        return query_id

    def inject_update(self, update: dict[str, Any]) -> int:
        update = dict(update)
        if "update_id" not in update:
            update["update_id"] = self._next_update_id
        self._next_update_id = max(self._next_update_id, int(update["update_id"]) + 1)
        self._push(update)
        return int(update["update_id"])

    # ------------------------------------------------------------------ inspection

    @property
    def pending_updates(self) -> _UpdateList:
        """Queued, not yet confirmed updates (a snapshot list; calling it also works)."""
        return _UpdateList(self._pending)

    def calls_of(self, method: str) -> list[Call]:
        return list(self._calls_by_method.get(method, ()))

    def reset_calls(self) -> None:
        self.calls.clear()
        self._calls_by_method.clear()

    def messages(self, chat_id: int) -> list[dict[str, Any]]:
        chat = self._chats.get(chat_id)
        if chat is None:
            raise AssertionError(f"unknown chat {chat_id}")
        result = []
        for rec in chat.msgs.values():
            if rec.from_bot and not rec.deleted:
                item = {**rec.data, "deleted": False, "html": rec.html}
                if rec.reply_keyboard is not None:
                    item["reply_keyboard"] = rec.reply_keyboard
                result.append(item)
        return result

    def last_message(self, chat_id: int) -> dict[str, Any]:
        msgs = self.messages(chat_id)
        if not msgs:
            raise AssertionError(
                f"the bot has no messages in chat {chat_id}; last calls:\n{self._summary()}"
            )
        return msgs[-1]

    def buttons(self, message: dict[str, Any]) -> list[dict[str, Any]]:
        markup = message.get("reply_markup") or {}
        return [b for row in markup.get("inline_keyboard", []) for b in row]

    def documents(self, chat_id: int) -> list[dict[str, Any]]:
        """Documents the bot sent to the chat: file_name, content (bytes), mime_type, caption..."""
        chat = self._chats.get(chat_id)
        if chat is None:
            raise AssertionError(f"unknown chat {chat_id}")
        return [dict(d) for d in chat.documents]

    def photos(self, chat_id: int) -> list[dict[str, Any]]:
        """Photos the bot sent to the chat: content (bytes), width, height, caption."""
        chat = self._chats.get(chat_id)
        if chat is None:
            raise AssertionError(f"unknown chat {chat_id}")
        return [dict(p) for p in chat.photos]

    def callback_answer(self, query_id: str) -> dict[str, Any] | None:
        """What answerCallbackQuery said for a press() (None while unanswered)."""
        query = self._queries.get(query_id)
        return None if query is None else query["answer"]

    def member_status(self, chat_id: int, user_id: int) -> str:
        chat = self._chats.get(chat_id)
        if chat is None:
            raise AssertionError(f"unknown chat {chat_id}")
        return self._member(chat, user_id).status

    def message_deleted(self, chat_id: int, message_id: int) -> bool:
        """Whether a message (anyone's) is gone from the chat; unknown ids count as gone."""
        chat = self._chats.get(chat_id)
        if chat is None:
            raise AssertionError(f"unknown chat {chat_id}")
        stored = chat.msgs.get(message_id)
        return stored is None or stored.deleted

    def pinned_messages(self, chat_id: int) -> list[int]:
        chat = self._chats.get(chat_id)
        if chat is None:
            raise AssertionError(f"unknown chat {chat_id}")
        return list(chat.pinned)

    def my_commands(
        self, scope: dict[str, Any] | None = None, language_code: str = ""
    ) -> list[dict[str, Any]]:
        return list(self._commands.get((_scope_key(scope), language_code), []))

    def bot_text(self, field: str, language_code: str = "") -> str:
        """The bot's "name", "description" or "short_description" set for exactly that language
        ("" for everybody); "" when none is set."""
        return self._bot_texts.get((field, language_code), "")

    def default_admin_rights(self, *, for_channels: bool = False) -> dict[str, Any]:
        """The rights last given to setMyDefaultAdministratorRights, as sent ({} when none)."""
        return dict(self._default_admin_rights.get(for_channels, {}))

    def fail_next(
        self,
        method: str,
        error_code: int,
        description: str,
        *,
        retry_after: int | None = None,
        times: int = 1,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        """The next `times` calls of method fail with this error (before any validation)."""
        if error_code == 429 and retry_after is None:
            retry_after = 1  # Telegram always tells how long to wait
        params: dict[str, Any] = {}
        if retry_after is not None:
            params["retry_after"] = retry_after
        if migrate_to_chat_id is not None:
            params["migrate_to_chat_id"] = migrate_to_chat_id
        queue = self._failures.setdefault(METHOD_BY_LOWER.get(method.lower(), method), deque())
        for _ in range(times):
            queue.append(ApiError(error_code, description, params or None))

    def fail_next_with_page(self, method: str, error_code: int = 502, *, times: int = 1) -> None:
        """The next `times` calls of method get an HTML error page (a proxy's 502), not JSON."""
        queue = self._failures.setdefault(METHOD_BY_LOWER.get(method.lower(), method), deque())
        for _ in range(times):
            queue.append(PageError(error_code, "Bad Gateway"))

    def clear_failures(self, method: str) -> None:
        """Telegram is back: the failures still queued for method are dropped."""
        self._failures.pop(METHOD_BY_LOWER.get(method.lower(), method), None)

    def delay_next(self, method: str, seconds: float, *, times: int = 1) -> None:
        """The next `times` calls of method take `seconds` before Telegram handles them."""
        queue = self._delays.setdefault(METHOD_BY_LOWER.get(method.lower(), method), deque())
        queue.extend([seconds] * times)

    def hold_next(self, method: str, *, times: int = 1) -> asyncio.Event:
        """The next `times` calls of method wait until the test sets the returned event (a
        slow Telegram that answers when the test says, not after some real time)."""
        answer = asyncio.Event()
        queue = self._delays.setdefault(METHOD_BY_LOWER.get(method.lower(), method), deque())
        queue.extend([answer] * times)
        return answer

    # ------------------------------------------------------------------ waiting helpers

    # Waits end as soon as their condition holds; the timeout only bounds a failing test, so it
    # is generous enough for a machine busy with other work.
    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 30.0) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if inspect.isawaitable(value):
                value = await value
            if value:
                return value
            if time.monotonic() >= deadline:
                raise AssertionError(
                    f"condition not met within {timeout}s; last calls:\n{self._summary()}"
                )
            if self.while_waiting is not None and await self.while_waiting():
                await asyncio.sleep(0)
                continue
            await asyncio.sleep(0.01)

    async def wait_call(
        self, method: str, *, timeout: float = 30.0, count: int = 1, **match: Any
    ) -> Call:
        def check() -> Call | None:
            found = [
                c
                for c in self._calls_by_method.get(method, ())
                if all(c.params.get(k) == v for k, v in match.items())
            ]
            return found[-1] if len(found) >= count else None

        try:
            result: Call = await self.wait_for(check, timeout)
        except AssertionError as err:
            raise AssertionError(f"expected {count} x {method}({match}): {err}") from None
        return result

    @property
    def polling(self) -> bool:
        """A getUpdates is waiting for updates (a long poll)."""
        return self._poll_waiter is not None

    def open_requests(self, method: str) -> int:
        """Calls of `method` received and not answered yet (a slow answer, `delay_next`)."""
        return self._open[method]

    @property
    def busy(self) -> bool:
        """Updates not yet confirmed by the bot, or requests being answered (the long poll
        waiting for updates does not count)."""
        return bool(self._pending) or bool(self._inflight)

    def _summary(self, n: int = 10) -> str:
        lines = []
        for call in self.calls[-n:]:
            params = json.dumps(call.params, ensure_ascii=False, default=str)
            if len(params) > 200:
                params = params[:200] + "..."
            status = "ok" if call.ok else f"{call.error_code} {call.description}"
            lines.append(f"  {call.method} {params} -> {status}")
        return "\n".join(lines) or "  (no calls)"
