"""Bot API method handlers of the fake Telegram (what the bot can do)."""

from __future__ import annotations

import asyncio
import itertools
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from ._constants import (
    ADMIN_FLAGS,
    BUTTON_ACTION_FIELDS,
    CAPTIONED_KINDS,
    CHAT_ACTIONS,
    CONTENT_EXTRAS,
    CONTENT_KINDS,
    NOT_MODIFIED,
    PERMISSION_FLAGS,
    SEND_DEPENDENT_FLAGS,
    SEND_RIGHTS,
)
from ._model import ApiError, ChatState, Member, Request, StoredMessage, Upload, bad, forbidden
from ._text import (
    ParseError,
    finalize_text,
    parse_html,
    parse_markdown,
    parse_markdown_v2,
    utf16_len,
)
from ._world import (
    World,
    _as_float,
    _as_int,
    _guess_mime,
    _scope_key,
    _without_reply,
)

Handler = Callable[[Request], Any | Awaitable[Any]]

_CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
_NO_RIGHTS_RESTRICT = "not enough rights to restrict/unrestrict chat member"
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_HOST_LABEL_RE = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?", re.IGNORECASE)
_MAX_UPLOAD = 50 * 1024 * 1024
_MAX_PHOTO = 10 * 1024 * 1024
# The longest bot name, description and short description Telegram takes (UTF-16 units).
_BOT_TEXT_LIMITS = {"name": 64, "description": 512, "short_description": 120}
_DELETE_WINDOW = 48 * 3600  # seconds a message can be deleted for (by anyone, a bot included)


class Api(World):
    """One method per emulated Bot API call; each takes the decoded Request."""

    _handler_map: dict[str, Handler] | None = None

    def _handlers(self) -> dict[str, Handler]:
        if self._handler_map is None:
            self._handler_map = {
                "getMe": self._api_get_me,
                "getUpdates": self._get_updates,
                "close": self._api_true,
                "logOut": self._api_true,
                "deleteWebhook": self._api_delete_webhook,
                "setWebhook": self._api_set_webhook,
                "getWebhookInfo": self._api_get_webhook_info,
                "sendMessage": self._api_send_message,
                "sendDocument": self._api_send_document,
                "sendPhoto": self._api_send_photo,
                "copyMessage": self._api_copy_message,
                "forwardMessage": self._api_forward_message,
                "editMessageText": self._api_edit_message_text,
                "editMessageCaption": self._api_edit_message_caption,
                "editMessageReplyMarkup": self._api_edit_message_reply_markup,
                "deleteMessage": self._api_delete_message,
                "deleteMessages": self._api_delete_messages,
                "answerCallbackQuery": self._api_answer_callback_query,
                "setMyCommands": self._api_set_my_commands,
                "getMyCommands": self._api_get_my_commands,
                "deleteMyCommands": self._api_delete_my_commands,
                "setMyDescription": self._api_set_bot_text("description"),
                "getMyDescription": self._api_get_bot_text("description"),
                "setMyShortDescription": self._api_set_bot_text("short_description"),
                "getMyShortDescription": self._api_get_bot_text("short_description"),
                "setMyName": self._api_set_bot_text("name"),
                "getMyName": self._api_get_bot_text("name"),
                "setChatMenuButton": self._api_set_chat_menu_button,
                "getChatMenuButton": self._api_get_chat_menu_button,
                "setMyDefaultAdministratorRights": self._api_set_default_admin_rights,
                "getMyDefaultAdministratorRights": self._api_get_default_admin_rights,
                "getChat": self._api_get_chat,
                "getChatMember": self._api_get_chat_member,
                "getChatAdministrators": self._api_get_chat_administrators,
                "getChatMemberCount": self._api_get_chat_member_count,
                "restrictChatMember": self._api_restrict_chat_member,
                "banChatMember": self._api_ban_chat_member,
                "unbanChatMember": self._api_unban_chat_member,
                "promoteChatMember": self._api_promote_chat_member,
                "setChatPermissions": self._api_set_chat_permissions,
                "setChatTitle": self._api_set_chat_title,
                "setChatDescription": self._api_set_chat_description,
                "pinChatMessage": self._api_pin_chat_message,
                "unpinChatMessage": self._api_unpin_chat_message,
                "unpinAllChatMessages": self._api_unpin_all_chat_messages,
                "leaveChat": self._api_leave_chat,
                "sendChatAction": self._api_send_chat_action,
                "setMessageReaction": self._api_set_message_reaction,
                "getFile": self._api_get_file,
                "createChatInviteLink": self._api_create_chat_invite_link,
                "exportChatInviteLink": self._api_export_chat_invite_link,
                "approveChatJoinRequest": self._api_approve_chat_join_request,
                "declineChatJoinRequest": self._api_decline_chat_join_request,
            }
        return self._handler_map

    # ------------------------------------------------------------------ params

    def _chat(self, req: Request, key: str = "chat_id", *, send: bool = False) -> ChatState:
        """Resolve a chat like Telegram: existence, migration, bot membership, blocks."""
        raw = req.params.get(key)
        if raw is None or raw == "":
            raise bad(f"{key} is empty")
        try:
            chat_id = int(raw)
        except (TypeError, ValueError):
            raise bad("chat not found") from None  # @usernames of private chats don't resolve
        chat = self._chats.get(chat_id)
        if chat is None:
            raise bad("chat not found")
        if chat.migrated_to is not None:
            raise bad(
                "group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": chat.migrated_to},
            )
        if chat.type == "private":
            if not chat.started:
                if send and self._join_window_open(chat.id) and chat.id not in self._blocked:
                    return chat  # ChatJoinRequest.user_chat_id: a while after a join request
                if send:
                    raise forbidden("bot can't initiate conversation with a user")
                raise bad("chat not found")
            if send and chat.id in self._blocked:
                raise forbidden("bot was blocked by the user")
            return chat
        bot = self._member(chat, self.bot_id)
        if bot.status == "kicked":
            raise forbidden(f"bot was kicked from the {chat.kind_name}")
        if not bot.active:
            raise forbidden(f"bot is not a member of the {chat.kind_name}")
        return chat

    @staticmethod
    def _int(req: Request, key: str) -> int:
        raw = req.params.get(key)
        if raw is None or raw == "":
            raise bad(f"{key} is empty")
        try:
            return int(raw)
        except (TypeError, ValueError):
            raise bad(f"invalid {key} specified") from None

    @staticmethod
    def _flag(req: Request, key: str) -> bool:
        value = req.params.get(key)
        return value is True or (isinstance(value, str) and value.lower() == "true")

    def _user_id(self, req: Request) -> int:
        user_id = self._int(req, "user_id")
        if user_id != self.bot_id and user_id not in self._users:
            raise bad("user not found")
        return user_id

    def _thread(self, chat: ChatState, req: Request) -> int | None:
        thread_id = req.params.get("message_thread_id")
        if not thread_id:
            return None
        thread_id = _as_int(thread_id, -1)
        if chat.is_forum and thread_id > 0:
            return thread_id
        if chat.type != "private" and thread_id in chat.msgs:
            return thread_id  # reply thread in a non-forum group
        raise bad("message thread not found")

    def _until(self, value: Any) -> int:
        """Telegram treats bans/restrictions shorter than 30 s or longer than 366 days as
        forever."""
        until = _as_int(value, 0)
        if until <= 0:
            return 0
        delta = until - self.clock()
        if delta < 30 or delta > 366 * 86400:
            return 0
        return until

    def _require_right(self, chat: ChatState, right: str, message: str) -> None:
        if not self._member(chat, self.bot_id).has_right(right):
            raise bad(message)

    def _check_send_rights(self, chat: ChatState, what: str, flag: str) -> None:
        if not chat.is_group:
            return
        bot = self._member(chat, self.bot_id)
        if bot.is_admin:
            return
        allowed = chat.permissions.get(flag, True)
        if bot.status == "restricted":
            allowed = bot.permissions.get(flag, False)
        if not allowed:
            raise bad(f"not enough rights to send {what} to the chat")

    # ------------------------------------------------------------------ formatting

    def _format(
        self, req: Request, text_key: str, entities_key: str, *, caption: bool
    ) -> tuple[str, list[dict[str, Any]]]:
        raw = req.params.get(text_key)
        text = "" if raw is None else str(raw)
        mode = str(req.params.get("parse_mode") or "").lower()
        try:
            if mode == "html":
                plain, entities = parse_html(
                    text, strict_ampersand=self.strict_html_entities, users=self._users
                )
            elif mode == "markdownv2":
                plain, entities = parse_markdown_v2(text)
            elif mode == "markdown":
                plain, entities = parse_markdown(text)
            elif mode:
                raise bad("unsupported parse_mode")
            else:
                plain, entities = text, _explicit_entities(req.params.get(entities_key), text)
        except ParseError as err:
            raise bad(f"can't parse entities: {err}") from None
        plain, entities = finalize_text(plain, entities)
        size = utf16_len(plain)
        if caption:
            if size > 1024:
                raise bad("message caption is too long")
        elif not plain:
            raise bad("message text is empty")
        elif size > 4096:
            raise bad("message is too long")
        return plain, entities

    def _markup(
        self, req: Request, *, inline_only: bool = False
    ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """Validate reply_markup; returns (inline markup for the message, other keyboard)."""
        raw = req.params.get("reply_markup")
        if raw is None or raw == "":
            return None, None
        if not isinstance(raw, dict):
            raise bad("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in raw:
            return _validate_inline_keyboard(raw), None
        if inline_only:
            raise bad("can't parse inline keyboard markup JSON object")
        if "keyboard" in raw:
            rows = raw["keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise bad('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays')
            for row in rows:
                for button in row:
                    label = button.get("text") if isinstance(button, dict) else button
                    if not isinstance(label, str) or not label:
                        raise bad("keyboard button text is empty")  # close to Telegram's text
            return None, raw
        if raw.get("remove_keyboard") or raw.get("force_reply"):
            return None, raw
        raise bad("can't parse reply keyboard markup JSON object")

    def _reply_target(self, chat: ChatState, req: Request) -> StoredMessage | None:
        p = req.params
        allow = self._flag(req, "allow_sending_without_reply")
        message_id: Any = None
        rp = p.get("reply_parameters")
        if isinstance(rp, dict):
            if rp.get("chat_id") not in (None, chat.id):
                return None  # cross-chat replies are not emulated
            message_id = rp.get("message_id")
            allow = allow or bool(rp.get("allow_sending_without_reply"))
        elif p.get("reply_to_message_id"):
            message_id = p.get("reply_to_message_id")
        if not message_id:
            return None
        rec = chat.msgs.get(_as_int(message_id, 0))
        if rec is not None and not rec.deleted:
            return rec
        if allow:
            return None
        raise bad("message to be replied not found")

    def _bot_message(
        self,
        chat: ChatState,
        req: Request,
        content: dict[str, Any],
        *,
        thread_id: int | None,
        reply_to: StoredMessage | None,
        markup: dict[str, Any] | None,
        reply_keyboard: dict[str, Any] | None,
        html: str | None,
    ) -> dict[str, Any]:
        data: dict[str, Any] = {"message_id": chat.take_message_id()}
        if chat.type == "channel":
            data["sender_chat"] = chat.short
        else:
            data["from"] = self.bot_user
        data["chat"] = chat.short
        data["date"] = int(self.clock())
        if thread_id is not None:
            data["message_thread_id"] = thread_id
            if chat.is_forum:
                data["is_topic_message"] = True
        if reply_to is not None:
            data["reply_to_message"] = _without_reply(reply_to.data)
        data.update(content)
        if markup is not None:
            data["reply_markup"] = markup
        if self._flag(req, "protect_content"):
            data["has_protected_content"] = True
        chat.msgs[data["message_id"]] = StoredMessage(
            data=data, from_bot=True, html=html, reply_keyboard=reply_keyboard
        )
        return data

    def _editable(self, req: Request) -> tuple[ChatState, StoredMessage]:
        if req.params.get("inline_message_id"):
            raise bad("MESSAGE_ID_INVALID")  # inline messages are not emulated
        chat = self._chat(req, send=True)
        message_id = req.params.get("message_id")
        if not message_id:
            raise bad("message identifier is not specified")
        rec = chat.msgs.get(_as_int(message_id, 0))
        if rec is None or rec.deleted:
            raise bad("message to edit not found")
        if not rec.from_bot:
            raise bad("message can't be edited")
        return chat, rec

    # ------------------------------------------------------------------ updates / webhook

    async def _get_updates(self, req: Request) -> list[dict[str, Any]]:
        p = req.params
        if self._webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        if req.client_gone():
            # The request of a bot that was stopped meanwhile: it must not terminate the poll
            # of the bot that runs now, and nobody reads the answer.
            return []
        self._wake("conflict")  # only one getUpdates may wait at a time
        self._set_allowed(p.get("allowed_updates"))
        limit = min(max(_as_int(p.get("limit"), 100), 1), 100)
        timeout = max(_as_float(p.get("timeout"), 0.0), 0.0)
        self._confirm(_as_int(p.get("offset"), 0))
        if not self._pending and timeout > 0 and not self._closing:
            waiter: asyncio.Future[str] = asyncio.get_running_loop().create_future()
            self._poll_waiter = waiter
            deadline = time.monotonic() + timeout
            try:
                # Wake up now and then to notice a client that hung up (a stopped bot).
                while not waiter.done() and not req.client_gone():
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    await asyncio.wait({waiter}, timeout=min(left, 0.5))
            finally:
                if self._poll_waiter is waiter:
                    self._poll_waiter = None
            if waiter.done() and waiter.result() == "conflict":
                raise ApiError(409, _CONFLICT)
        return list(itertools.islice(self._pending, limit))

    def _api_true(self, _req: Request) -> bool:
        return True

    def _api_delete_webhook(self, req: Request) -> bool:
        self._webhook_url = ""
        if self._flag(req, "drop_pending_updates"):
            self._pending.clear()
        return True

    def _api_set_webhook(self, req: Request) -> bool:
        url = str(req.params.get("url") or "")
        if url and not url.startswith("https://"):
            raise bad("bad webhook: An HTTPS URL must be provided for webhook")
        self._webhook_url = url
        if self._flag(req, "drop_pending_updates"):
            self._pending.clear()
        return True

    def _api_get_webhook_info(self, _req: Request) -> dict[str, Any]:
        return {
            "url": self._webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }

    # ------------------------------------------------------------------ bot info

    def _api_get_me(self, _req: Request) -> dict[str, Any]:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": not self.privacy_mode,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
            "has_topics_enabled": False,
            "allows_users_to_create_topics": False,
        }

    def _api_set_my_commands(self, req: Request) -> bool:
        commands = req.params.get("commands")
        if not isinstance(commands, list):
            raise bad("can't parse commands JSON object")
        if len(commands) > 100:
            raise bad("BOT_COMMANDS_TOO_MUCH")
        clean: list[dict[str, Any]] = []
        for cmd in commands:
            if not isinstance(cmd, dict) or not _COMMAND_RE.fullmatch(str(cmd.get("command"))):
                raise bad("BOT_COMMAND_INVALID")
            description = cmd.get("description")
            if not isinstance(description, str) or not 1 <= len(description) <= 256:
                raise bad("BOT_COMMAND_DESCRIPTION_INVALID")
            clean.append({"command": cmd["command"], "description": description})
        key = self._commands_key(req)
        if clean:
            self._commands[key] = clean
        else:
            self._commands.pop(key, None)
        return True

    def _api_get_my_commands(self, req: Request) -> list[dict[str, Any]]:
        return list(self._commands.get(self._commands_key(req), []))

    def _api_delete_my_commands(self, req: Request) -> bool:
        self._commands.pop(self._commands_key(req), None)
        return True

    def _commands_key(self, req: Request) -> tuple[tuple[Any, ...], str]:
        scope = req.params.get("scope")
        language = str(req.params.get("language_code") or "")
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise bad("invalid language code specified")
        if isinstance(scope, dict) and scope.get("type") in (
            "chat",
            "chat_administrators",
            "chat_member",
        ):
            chat = self._chat(Request("", {"chat_id": scope.get("chat_id")}, {}))
            if scope.get("type") == "chat_member":
                self._user_id(Request("", {"user_id": scope.get("user_id")}, {}))
            scope = {**scope, "chat_id": chat.id}
        return _scope_key(scope), language

    def _api_set_bot_text(self, field: str) -> Handler:
        def handler(req: Request) -> bool:
            language = self._bot_text_language(req)
            text = str(req.params.get(field) or "")
            if utf16_len(text) > _BOT_TEXT_LIMITS[field]:
                raise bad(f"{field.replace('_', ' ')} is too long")
            if text:
                self._bot_texts[(field, language)] = text
            else:  # an empty text removes the dedicated one for that language
                self._bot_texts.pop((field, language), None)
            return True

        return handler

    def _api_get_bot_text(self, field: str) -> Handler:
        def handler(req: Request) -> dict[str, Any]:
            language = self._bot_text_language(req)
            # Like Telegram: a language without its own text gets the one for everybody.
            text = self._bot_texts.get((field, language)) or self._bot_texts.get((field, ""), "")
            return {field: text}

        return handler

    @staticmethod
    def _bot_text_language(req: Request) -> str:
        language = str(req.params.get("language_code") or "")
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise bad("invalid language code specified")
        return language

    def _api_set_chat_menu_button(self, req: Request) -> bool:
        button = req.params.get("menu_button")
        chat_id = req.params.get("chat_id")
        key = None if chat_id is None else self._chat(req).id
        self._menu_buttons[key] = button if isinstance(button, dict) else {"type": "default"}
        return True

    def _api_get_chat_menu_button(self, req: Request) -> dict[str, Any]:
        key = None if req.params.get("chat_id") is None else self._chat(req).id
        return self._menu_buttons.get(key) or self._menu_buttons.get(None) or {"type": "commands"}

    def _api_set_default_admin_rights(self, req: Request) -> bool:
        rights = req.params.get("rights")
        if rights is not None and not isinstance(rights, dict):
            raise bad("can't parse rights JSON object")
        self._default_admin_rights[self._flag(req, "for_channels")] = (
            rights if isinstance(rights, dict) else {}
        )
        return True

    def _api_get_default_admin_rights(self, req: Request) -> dict[str, Any]:
        stored = self._default_admin_rights.get(self._flag(req, "for_channels"), {})
        flags = (
            "is_anonymous", "can_manage_chat", "can_delete_messages", "can_manage_video_chats",
            "can_restrict_members", "can_promote_members", "can_change_info",
            "can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories",
            "can_send_welcome_messages",
        )  # fmt: skip
        return {**{f: bool(stored.get(f, False)) for f in flags}, **stored}

    # ------------------------------------------------------------------ sending

    def _api_send_message(self, req: Request) -> dict[str, Any]:
        chat = self._chat(req, send=True)
        thread_id = self._thread(chat, req)
        self._check_send_rights(chat, "text messages", "can_send_messages")
        self._throttle(req, chat)
        text, entities = self._format(req, "text", "entities", caption=False)
        markup, keyboard = self._markup(req)
        reply_to = self._reply_target(chat, req)
        content: dict[str, Any] = {"text": text}
        if entities:
            content["entities"] = entities
        return self._bot_message(
            chat,
            req,
            content,
            thread_id=thread_id,
            reply_to=reply_to,
            markup=markup,
            reply_keyboard=keyboard,
            html=str(req.params.get("text") or ""),
        )

    def _api_send_document(self, req: Request) -> dict[str, Any]:
        chat, caption, caption_entities = self._media_prelude(
            req, "documents", "can_send_documents"
        )
        document = self._input_document(req)
        data = self._media_message(chat, req, {"document": document}, caption, caption_entities)
        self._keep_media(chat, data)
        return data

    def _api_send_photo(self, req: Request) -> dict[str, Any]:
        chat, caption, caption_entities = self._media_prelude(req, "photos", "can_send_photos")
        upload = self._photo_upload(req)
        width, height = _image_size(upload.content)
        stored = self._store_file(upload)
        size = {
            "file_id": stored["file_id"],
            "file_unique_id": stored["file_unique_id"],
            "file_size": stored["file_size"],
            "width": width,
            "height": height,
        }
        data = self._media_message(chat, req, {"photo": [size]}, caption, caption_entities)
        self._keep_media(chat, data)
        return data

    def _keep_media(self, chat: ChatState, data: dict[str, Any]) -> None:
        """What `documents()` and `photos()` show: a document or photo the bot sent or copied."""
        document, photo = data.get("document"), data.get("photo")
        if document is not None and "animation" not in data:
            upload = self._files[document["file_id"]]
            chat.documents.append(
                {
                    "message_id": data["message_id"],
                    "file_id": document["file_id"],
                    "file_name": upload.filename,
                    "mime_type": document.get("mime_type"),
                    "content": upload.content,
                    "caption": data.get("caption"),
                }
            )
        elif photo:
            size = photo[-1]
            chat.photos.append(
                {
                    "message_id": data["message_id"],
                    "content": self._files[size["file_id"]].content,
                    "width": size["width"],
                    "height": size["height"],
                    "caption": data.get("caption"),
                }
            )

    def _media_prelude(
        self, req: Request, what: str, flag: str
    ) -> tuple[ChatState, str, list[dict[str, Any]]]:
        """What every media send checks first, in Telegram's order: the chat, the rights, the
        flood limits, the caption."""
        chat = self._chat(req, send=True)
        self._thread(chat, req)  # a wrong topic is refused before anything else
        self._check_send_rights(chat, what, flag)
        self._throttle(req, chat)
        caption, caption_entities = self._format(req, "caption", "caption_entities", caption=True)
        return chat, caption, caption_entities

    def _media_message(
        self,
        chat: ChatState,
        req: Request,
        content: dict[str, Any],
        caption: str,
        caption_entities: list[dict[str, Any]],
    ) -> dict[str, Any]:
        thread_id = self._thread(chat, req)
        markup, keyboard = self._markup(req)
        if caption:
            content["caption"] = caption
        if caption_entities:
            content["caption_entities"] = caption_entities
        return self._bot_message(
            chat,
            req,
            content,
            thread_id=thread_id,
            reply_to=self._reply_target(chat, req),
            markup=markup,
            reply_keyboard=keyboard,
            html=None if req.params.get("caption") is None else str(req.params["caption"]),
        )

    def _photo_upload(self, req: Request) -> Upload:
        value = req.params.get("photo")
        if isinstance(value, str) and value.startswith("attach://"):
            upload = req.files.get(value[len("attach://") :])
        else:
            upload = req.files.get("photo")
        if upload is None:
            if isinstance(value, str) and value in self._files:
                return self._files[value]
            raise bad("there is no photo in the request" if not value else "wrong file identifier")
        if not upload.content:
            raise bad("file must be non-empty")
        if len(upload.content) > _MAX_PHOTO:
            raise bad("PHOTO_SAVE_FILE_INVALID")
        return upload

    def _input_document(self, req: Request) -> dict[str, Any]:
        """Resolve the document field: attach://<part>, a direct file part, or a file_id."""
        value = req.params.get("document")
        upload: Upload | None = None
        if isinstance(value, str) and value.startswith("attach://"):
            upload = req.files.get(value[len("attach://") :])
            if upload is None:
                raise bad(f"file of type document not found in the request: {value}")
        elif "document" in req.files:
            upload = req.files["document"]
        elif isinstance(value, str) and value in self._files:
            known = self._files[value]
            return {**self._file_object(value), "file_name": known.filename}
        elif isinstance(value, str) and value.startswith(("http://", "https://")):
            raise bad("failed to get HTTP URL content")
        elif not value:
            raise bad("there is no document in the request")
        else:
            raise bad("wrong file identifier/HTTP URL specified")
        if not upload.content:
            raise bad("file must be non-empty")
        if len(upload.content) > _MAX_UPLOAD:
            raise ApiError(413, "Request Entity Too Large")
        content_type = upload.content_type
        if not content_type or content_type == "application/octet-stream":
            content_type = _guess_mime(upload.filename)
        req.params["document"] = {
            "file_name": upload.filename,
            "mime_type": content_type,
            "size": len(upload.content),
        }
        return self._store_file(Upload(upload.filename, upload.content, content_type))

    def _api_get_file(self, req: Request) -> dict[str, Any]:
        file_id = str(req.params.get("file_id") or "")
        if file_id not in self._files:
            raise bad("invalid file_id")
        path = next((p for p, f in self._file_paths.items() if f == file_id), None)
        if path is None:
            path = f"documents/file_{len(self._file_paths) + 1}"
            self._file_paths[path] = file_id
        return {**self._file_object(file_id), "file_path": path}

    def _copy_source(self, req: Request, verb: str) -> tuple[StoredMessage, str]:
        """The message to copy or forward, and its kind (photo, text, …). A service message
        (someone joined, a pin, a shared chat) has no content to take: Telegram refuses it."""
        source_chat = self._chat(req, "from_chat_id")
        rec = source_chat.msgs.get(self._int(req, "message_id"))
        if rec is None or rec.deleted:
            raise bad(f"message to {verb} not found")
        kind = _content_kind(rec.data)
        if kind is None:
            raise bad(f"message can't be {'copied' if verb == 'copy' else 'forwarded'}")
        return rec, kind

    def _api_copy_message(self, req: Request) -> dict[str, Any]:
        """A new message with the same content and no trace of where it came from (no forward
        header); `caption` replaces a media caption, an empty one removes it. Returns a
        MessageId, not a Message."""
        chat = self._chat(req, send=True)
        thread_id = self._thread(chat, req)
        source, kind = self._copy_source(req, "copy")
        self._check_send_rights(chat, *SEND_RIGHTS[kind])
        self._throttle(req, chat)
        content = _content_of(source.data)
        html = None
        if req.params.get("caption") is not None and kind in CAPTIONED_KINDS:
            caption, entities = self._format(req, "caption", "caption_entities", caption=True)
            content.pop("caption", None)
            content.pop("caption_entities", None)
            if caption:
                content["caption"] = caption
            if entities:
                content["caption_entities"] = entities
            html = str(req.params["caption"])
        markup, keyboard = self._markup(req)
        data = self._bot_message(
            chat,
            req,
            content,
            thread_id=thread_id,
            reply_to=self._reply_target(chat, req),
            markup=markup,
            reply_keyboard=keyboard,
            html=html,
        )
        self._keep_media(chat, data)
        return {"message_id": data["message_id"]}

    def _api_forward_message(self, req: Request) -> dict[str, Any]:
        chat = self._chat(req, send=True)
        thread_id = self._thread(chat, req)
        source, kind = self._copy_source(req, "forward")
        self._check_send_rights(chat, *SEND_RIGHTS[kind])
        self._throttle(req, chat)
        original = source.data
        sender = original.get("from")
        origin: dict[str, Any]
        if original.get("sender_chat"):
            origin = {
                "type": "chat",
                "date": original["date"],
                "sender_chat": original["sender_chat"],
            }
        else:
            origin = {"type": "user", "date": original["date"], "sender_user": sender}
        content = _content_of(original)
        content["forward_origin"] = origin
        data = self._bot_message(
            chat,
            req,
            content,
            thread_id=thread_id,
            reply_to=None,
            markup=None,
            reply_keyboard=None,
            html=None,
        )
        self._keep_media(chat, data)
        return data

    def _api_send_chat_action(self, req: Request) -> bool:
        chat = self._chat(req, send=True)
        self._thread(chat, req)
        if req.params.get("action") not in CHAT_ACTIONS:
            raise bad("wrong parameter action in request")
        return True

    # ------------------------------------------------------------------ editing / deleting

    def _api_edit_message_text(self, req: Request) -> dict[str, Any]:
        chat, rec = self._editable(req)
        if "text" not in rec.data:
            raise bad("there is no text in the message to edit")
        self._throttle(req, chat)
        text, entities = self._format(req, "text", "entities", caption=False)
        markup, _ = self._markup(req, inline_only=True)
        old = rec.data
        if (
            old.get("text") == text
            and (old.get("entities") or []) == entities
            and old.get("reply_markup") == markup
        ):
            raise bad(NOT_MODIFIED)
        data = {**old, "text": text, "edit_date": int(self.clock())}
        _set_optional(data, "entities", entities or None)
        _set_optional(data, "reply_markup", markup)
        rec.data = data
        rec.html = str(req.params.get("text") or "")
        return data

    def _api_edit_message_caption(self, req: Request) -> dict[str, Any]:
        chat, rec = self._editable(req)
        if "document" not in rec.data:
            raise bad("there is no caption in the message to edit")
        self._throttle(req, chat)
        caption, entities = self._format(req, "caption", "caption_entities", caption=True)
        markup, _ = self._markup(req, inline_only=True)
        old = rec.data
        if (
            (old.get("caption") or "") == caption
            and (old.get("caption_entities") or []) == entities
            and old.get("reply_markup") == markup
        ):
            raise bad(NOT_MODIFIED)
        data = {**old, "edit_date": int(self.clock())}
        _set_optional(data, "caption", caption or None)
        _set_optional(data, "caption_entities", entities or None)
        _set_optional(data, "reply_markup", markup)
        rec.data = data
        rec.html = None if req.params.get("caption") is None else str(req.params["caption"])
        return data

    def _api_edit_message_reply_markup(self, req: Request) -> dict[str, Any]:
        chat, rec = self._editable(req)
        self._throttle(req, chat)
        markup, _ = self._markup(req, inline_only=True)
        if rec.data.get("reply_markup") == markup:
            raise bad(NOT_MODIFIED)
        data = {**rec.data, "edit_date": int(self.clock())}
        _set_optional(data, "reply_markup", markup)
        rec.data = data
        return data

    def _deletable(self, chat: ChatState, message_id: int) -> StoredMessage:
        rec = chat.msgs.get(message_id)
        if rec is None or rec.deleted:
            raise bad("message to delete not found")
        if chat.type != "private" and not rec.from_bot:
            self._require_right(chat, "can_delete_messages", "message can't be deleted")
        if self.clock() - int(rec.data.get("date", 0)) >= _DELETE_WINDOW:
            raise bad("message can't be deleted")  # older than 48 hours, whoever asks
        return rec

    def _delete(self, chat: ChatState, rec: StoredMessage) -> None:
        rec.deleted = True
        if rec.data["message_id"] in chat.pinned:
            chat.pinned.remove(rec.data["message_id"])  # a deleted message is pinned no more

    def _api_delete_message(self, req: Request) -> bool:
        chat = self._chat(req)
        self._delete(chat, self._deletable(chat, self._int(req, "message_id")))
        return True

    def _api_delete_messages(self, req: Request) -> bool:
        """Like telegram-bot-api: 1-100 ids; ids not found are skipped (all of them missing is
        still a success); one found that cannot be deleted fails the call, deleting nothing."""
        chat = self._chat(req)
        ids = req.params.get("message_ids")
        if ids is None or ids == "":
            raise bad("message identifiers are not specified")
        if not isinstance(ids, list):
            raise bad("expected an Array of message identifiers")
        if len(ids) > 100:
            raise bad("too many message identifiers specified")
        if not ids:
            raise bad("message identifiers are not specified")
        found = []
        for raw in ids:
            message_id = _as_int(raw, 0)
            if message_id <= 0:
                raise bad("invalid message identifier specified")
            rec = chat.msgs.get(message_id)
            if rec is not None and not rec.deleted:
                found.append(self._deletable(chat, message_id))
        for rec in found:
            self._delete(chat, rec)
        return True

    def _api_answer_callback_query(self, req: Request) -> bool:
        query = self._queries.get(str(req.params.get("callback_query_id") or ""))
        if query is None or query["answered"]:
            raise bad("query is too old and response timeout expired or query ID is invalid")
        text = req.params.get("text")
        if text is not None and len(str(text)) > 200:
            raise bad("MESSAGE_TOO_LONG")
        query["answered"] = True
        query["answer"] = {
            "text": text,
            "show_alert": self._flag(req, "show_alert"),
            "url": req.params.get("url"),
            "cache_time": req.params.get("cache_time"),
        }
        return True

    def _api_set_message_reaction(self, req: Request) -> bool:
        chat = self._chat(req)
        rec = chat.msgs.get(self._int(req, "message_id"))
        if rec is None or rec.deleted:
            raise bad("message to react not found")
        return True

    # ------------------------------------------------------------------ chats and members

    def _api_get_chat(self, req: Request) -> dict[str, Any]:
        chat = self._chat(req)
        info: dict[str, Any] = {
            **chat.short,
            "accent_color_id": abs(chat.id) % 7,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": chat.type == "private",
                "limited_gifts": chat.type == "private",
                "unique_gifts": chat.type == "private",
                "premium_subscription": chat.type == "private",
                "gifts_from_channels": chat.type == "private",
            },
        }
        if chat.type != "private":
            info["permissions"] = dict(chat.permissions)
            if chat.description:
                info["description"] = chat.description
        if chat.pinned:
            pinned = chat.msgs.get(chat.pinned[-1])
            if pinned is not None and not pinned.deleted:
                info["pinned_message"] = pinned.data
        return info

    def _api_get_chat_member(self, req: Request) -> dict[str, Any]:
        chat = self._chat(req)
        user_id = self._user_id(req)
        if chat.type == "private" and user_id not in (chat.user_id, self.bot_id):
            raise bad("user not found")
        return self._member_dict(chat, user_id, self._member(chat, user_id))

    def _api_get_chat_administrators(self, req: Request) -> list[dict[str, Any]]:
        chat = self._chat(req)
        if chat.type == "private":
            raise bad("there are no administrators in the private chat")
        admins = [uid for uid in list(chat.members) if self._member(chat, uid).is_admin]
        admins.sort(key=lambda uid: chat.members[uid].status != "creator")
        return [self._member_dict(chat, uid, chat.members[uid]) for uid in admins]

    def _api_get_chat_member_count(self, req: Request) -> int:
        chat = self._chat(req)
        if chat.type == "private":
            return 2
        return sum(1 for uid in list(chat.members) if self._member(chat, uid).active)

    def _restrictable(self, chat: ChatState, req: Request, *, ban: bool) -> tuple[int, Member]:
        self._require_right(chat, "can_restrict_members", _NO_RIGHTS_RESTRICT)
        user_id = self._user_id(req)
        if user_id == self.bot_id:
            raise bad("can't remove self" if ban else "can't restrict self")
        if user_id not in self._users:
            raise bad("PARTICIPANT_ID_INVALID")  # no such Telegram user
        member = self._member(chat, user_id)
        if member.status == "creator" and ban:
            raise bad("can't remove chat owner")
        if member.is_admin:
            raise bad("user is an administrator of the chat")
        return user_id, member

    def _api_restrict_chat_member(self, req: Request) -> bool:
        chat = self._chat(req)
        if chat.type == "private":
            raise bad("method is available for supergroup and channel chats only")
        if chat.type != "supergroup":
            raise bad("method is available only for supergroups")
        user_id, old = self._restrictable(chat, req, ban=False)
        raw = req.params.get("permissions")
        if not isinstance(raw, dict):
            raise bad("can't parse permissions JSON object")
        perms = {flag: bool(raw.get(flag, False)) for flag in PERMISSION_FLAGS}
        if not self._flag(req, "use_independent_chat_permissions") and any(
            perms[f] for f in SEND_DEPENDENT_FLAGS
        ):
            perms["can_send_messages"] = True
        in_chat = old.active
        if all(perms.values()):
            new = Member("member" if in_chat else "left")  # full rights = restrictions lifted
        else:
            new = Member(
                "restricted",
                until_date=self._until(req.params.get("until_date")),
                is_member=in_chat,
                permissions=perms,
            )
        chat.members[user_id] = new
        self._emit_member_change(chat, user_id, old, new, self.bot_user)
        return True

    def _api_ban_chat_member(self, req: Request) -> bool:
        chat = self._chat(req)
        if chat.type == "private":
            raise bad("can't ban members in private chats")
        user_id, old = self._restrictable(chat, req, ban=True)
        new = Member("kicked", until_date=self._until(req.params.get("until_date")))
        chat.members[user_id] = new
        if self._flag(req, "revoke_messages") or chat.type == "group":
            for rec in chat.msgs.values():
                if (rec.data.get("from") or {}).get("id") == user_id:
                    rec.deleted = True
        self._emit_member_change(chat, user_id, old, new, self.bot_user)
        return True

    def _api_unban_chat_member(self, req: Request) -> bool:
        chat = self._chat(req)
        if chat.type not in ("supergroup", "channel"):
            raise bad("method is available for supergroup and channel chats only")
        user_id, old = self._restrictable(chat, req, ban=True)
        if old.status == "kicked" or (old.active and not self._flag(req, "only_if_banned")):
            # Without only_if_banned Telegram also removes a current member.
            new = Member("left")
            chat.members[user_id] = new
            self._emit_member_change(chat, user_id, old, new, self.bot_user)
        return True

    def _api_promote_chat_member(self, req: Request) -> bool:
        chat = self._chat(req)
        if chat.type == "private":
            raise bad("method is available for supergroup and channel chats only")
        self._require_right(chat, "can_promote_members", "not enough rights")
        user_id = self._user_id(req)
        old = self._member(chat, user_id)
        if old.status == "creator":
            raise bad("can't promote chat owner")  # close to Telegram's wording
        if not old.active:
            raise bad("user is not a member of the chat")  # close to Telegram's wording
        flags = (*ADMIN_FLAGS, "can_manage_topics", "can_post_messages", "can_edit_messages")
        rights = {flag: self._flag(req, flag) for flag in flags}
        if any(rights.values()):
            new = Member("administrator", is_anonymous=self._flag(req, "is_anonymous"))
            new.rights = rights
        else:
            new = Member("member")
        chat.members[user_id] = new
        self._emit_member_change(chat, user_id, old, new, self.bot_user)
        return True

    def _api_set_chat_permissions(self, req: Request) -> bool:
        chat = self._chat(req)
        if chat.type == "private":
            raise bad("method is available for supergroup and channel chats only")
        self._require_right(
            chat, "can_restrict_members", "not enough rights to change chat permissions"
        )
        raw = req.params.get("permissions")
        if not isinstance(raw, dict):
            raise bad("can't parse permissions JSON object")
        chat.permissions = {flag: bool(raw.get(flag, False)) for flag in PERMISSION_FLAGS}
        return True

    def _api_set_chat_title(self, req: Request) -> bool:
        chat = self._chat(req)
        if chat.type == "private":
            raise bad("chat title can't be changed in private chats")
        self._require_right(chat, "can_change_info", "not enough rights to change chat title")
        title = str(req.params.get("title") or "")
        if not 1 <= len(title) <= 128:
            raise bad("chat title is empty" if not title else "chat title is too long")
        chat.title = title
        chat.short = {**chat.short, "title": title}
        return True

    def _api_set_chat_description(self, req: Request) -> bool:
        chat = self._chat(req)
        if chat.type == "private":
            raise bad("chat description can't be changed in private chats")
        self._require_right(chat, "can_change_info", "not enough rights to change chat description")
        chat.description = str(req.params.get("description") or "") or None
        return True

    def _api_pin_chat_message(self, req: Request) -> bool:
        chat = self._chat(req, send=True)
        if chat.is_group:
            self._require_right(
                chat, "can_pin_messages", "not enough rights to manage pinned messages in the chat"
            )
        message_id = self._int(req, "message_id")
        rec = chat.msgs.get(message_id)
        if rec is None or rec.deleted:
            raise bad("message to pin not found")
        if message_id in chat.pinned:
            chat.pinned.remove(message_id)
        chat.pinned.append(message_id)
        return True

    def _api_unpin_chat_message(self, req: Request) -> bool:
        chat = self._chat(req)
        if chat.is_group:
            self._require_right(
                chat, "can_pin_messages", "not enough rights to manage pinned messages in the chat"
            )
        if req.params.get("message_id"):
            message_id = self._int(req, "message_id")
            rec = chat.msgs.get(message_id)
            if rec is None or rec.deleted:
                raise bad("message to unpin not found")
            if message_id in chat.pinned:
                chat.pinned.remove(message_id)
        elif chat.pinned:
            chat.pinned.pop()
        else:
            raise bad("message to unpin not found")  # nothing is pinned
        return True

    def _api_unpin_all_chat_messages(self, req: Request) -> bool:
        chat = self._chat(req)
        if chat.is_group:
            self._require_right(
                chat, "can_pin_messages", "not enough rights to manage pinned messages in the chat"
            )
        chat.pinned.clear()
        return True

    def _api_leave_chat(self, req: Request) -> bool:
        chat = self._chat(req)
        if chat.type == "private":
            raise bad("chat member status can't be changed in private chats")
        old = self._member(chat, self.bot_id)
        new = Member("left")
        chat.members[self.bot_id] = new
        self._emit_member_change(chat, self.bot_id, old, new, self.bot_user)
        return True

    def _api_create_chat_invite_link(self, req: Request) -> dict[str, Any]:
        chat = self._chat(req)
        if chat.type == "private":
            raise bad("can't invite members to a private chat")
        self._require_right(
            chat, "can_invite_users", "not enough rights to manage chat invite link"
        )
        n = next(self._file_seq)
        link: dict[str, Any] = {
            "invite_link": f"https://t.me/+FakeInvite{abs(chat.id)}x{n}",
            "creator": self.bot_user,
            "creates_join_request": self._flag(req, "creates_join_request"),
            "is_primary": False,
            "is_revoked": False,
        }
        if req.params.get("name"):
            link["name"] = req.params["name"]
        return link

    def _join_request(self, req: Request) -> tuple[ChatState, int]:
        """The chat and the person of a pending join request, checked as Telegram does."""
        chat = self._chat(req)
        if chat.type == "private":
            raise bad("chat not found")
        self._require_right(chat, "can_invite_users", "CHAT_ADMIN_REQUIRED")
        user_id = self._int(req, "user_id")
        if user_id not in self._users:
            raise bad("USER_ID_INVALID")
        if (chat.id, user_id) not in self._join_requests:
            # Approved or declined already (by an admin in the app, say), or never sent.
            raise bad("HIDE_REQUESTER_MISSING")
        if self._member(chat, user_id).active:
            # Added by an admin meanwhile: the request goes with the answer.
            del self._join_requests[(chat.id, user_id)]
            raise bad("USER_ALREADY_PARTICIPANT")
        return chat, user_id

    def _api_approve_chat_join_request(self, req: Request) -> bool:
        chat, user_id = self._join_request(req)
        self._admit(chat, user_id, self.bot_user)
        return True

    def _api_decline_chat_join_request(self, req: Request) -> bool:
        chat, user_id = self._join_request(req)
        del self._join_requests[(chat.id, user_id)]  # Telegram tells nobody
        return True

    def _api_export_chat_invite_link(self, req: Request) -> str:
        chat = self._chat(req)
        if chat.type == "private":
            raise bad("can't invite members to a private chat")
        self._require_right(
            chat, "can_invite_users", "not enough rights to manage chat invite link"
        )
        return f"https://t.me/+FakePrimary{abs(chat.id)}"


# ---------------------------------------------------------------------- helpers


def _set_optional(data: dict[str, Any], key: str, value: Any) -> None:
    if value is None:
        data.pop(key, None)
    else:
        data[key] = value


def _explicit_entities(raw: Any, text: str) -> list[dict[str, Any]]:
    """Entities passed explicitly (no parse_mode): keep well-formed ones, clipped to the text."""
    if not isinstance(raw, list):
        return []
    total = utf16_len(text)
    result = []
    for e in raw:
        if not isinstance(e, dict) or not isinstance(e.get("type"), str):
            raise bad("can't parse entities JSON object")
        offset, length = _as_int(e.get("offset"), -1), _as_int(e.get("length"), 0)
        end = min(offset + length, total)
        if offset >= 0 and end > offset:
            result.append({**e, "offset": offset, "length": end - offset})
    result.sort(key=lambda e: (e["offset"], -e["length"]))
    return result


def _content_kind(data: dict[str, Any]) -> str | None:
    """What a message is (CONTENT_KINDS order), or None for a service message."""
    return next((kind for kind in CONTENT_KINDS if kind in data), None)


def _content_of(data: dict[str, Any]) -> dict[str, Any]:
    """The part of a message a copy or a forward carries."""
    return {k: v for k, v in data.items() if k in CONTENT_KINDS or k in CONTENT_EXTRAS}


def _image_size(content: bytes) -> tuple[int, int]:
    """Width and height of a PNG or JPEG; anything else is refused as Telegram does."""
    if content.startswith(b"\x89PNG\r\n\x1a\n") and len(content) >= 24:
        width, height = int.from_bytes(content[16:20], "big"), int.from_bytes(content[20:24], "big")
    elif content.startswith(b"\xff\xd8"):
        width, height = 1, 1  # good enough for a fake: JPEG markers are not walked
    else:
        raise bad("IMAGE_PROCESS_FAILED")
    if (
        not width
        or not height
        or width + height > 10000
        or max(width, height) > 20 * min(width, height)
    ):
        raise bad("PHOTO_INVALID_DIMENSIONS")
    return width, height


def _valid_url(url: Any) -> bool:
    if not isinstance(url, str) or not url or any(c.isspace() for c in url):
        return False
    try:
        parts = urlsplit(url if "://" in url else "http://" + url)
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    if scheme == "tg":
        return bool(parts.netloc or parts.path)
    if scheme == "ton":
        return bool(parts.netloc)
    if scheme not in ("http", "https"):
        return False
    host = parts.hostname or ""
    labels = host.split(".")
    return len(labels) >= 2 and all(_HOST_LABEL_RE.fullmatch(label) for label in labels)


def _validate_inline_keyboard(markup: dict[str, Any]) -> dict[str, Any] | None:
    rows = markup.get("inline_keyboard")
    if not isinstance(rows, list):
        raise bad('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array')
    total = 0
    clean_rows: list[list[dict[str, Any]]] = []
    for row in rows:
        if not isinstance(row, list):
            raise bad(
                'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
            )
        clean_row = []
        for button in row:
            if not isinstance(button, dict):
                raise bad(
                    "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
                )
            text = button.get("text")
            if not isinstance(text, str):
                raise bad(
                    'can\'t parse inline keyboard button: Field "text" must be of type String'
                )
            if not text.strip():
                raise bad("BUTTON_TEXT_INVALID")
            if not any(k in button for k in BUTTON_ACTION_FIELDS):
                raise bad(
                    "can't parse inline keyboard button: "
                    "Text buttons are unallowed in the inline keyboard"
                )
            if "callback_data" in button:
                data = button["callback_data"]
                if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
                    raise bad("BUTTON_DATA_INVALID")
            if "url" in button and not _valid_url(button["url"]):
                raise bad("BUTTON_URL_INVALID")
            clean_row.append(button)
            total += 1
        if clean_row:
            clean_rows.append(clean_row)
    if total > 100:
        raise bad("reply markup is too long")
    # An empty keyboard is the same as no keyboard in the returned message.
    return {"inline_keyboard": clean_rows} if clean_rows else None
