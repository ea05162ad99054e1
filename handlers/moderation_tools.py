"""Moderators' everyday tools, as people know them from Rose and Combot: /purge, /pin and
/unpin, /id and /info in the group (and /id, /info in private); "@admin" anywhere in a group
message calls the moderators; "Unmute" under the antiflood's notice."""

from __future__ import annotations

from contextlib import suppress

from aiogram import Router
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.filters import Command, CommandObject, Filter
from aiogram.types import (
    CallbackQuery,
    Message,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
)

from bot.callbacks import UnmuteCB
from bot.config import Settings
from bot.filters import GROUPS, PRIVATE
from bot.i18n import Markup, Texts
from bot.keyboards import update_menu
from bot.repos.communities import Community
from bot.repos.users import UsersRepo
from bot.runtime import Runtime
from bot.services.communities import CommunityService
from bot.services.moderation_tools import PURGE_LIMIT, Declined, MemberInfo, ModerationTools
from bot.services.permissions import Actor
from bot.services.reports import ADMIN_CALL, Called, ReportService
from bot.services.sanctions import SanctionService
from bot.texts import clip, format_date, mention
from bot.timeutil import from_timestamp
from bot.views.cleanup import brief, delete_later
from bot.views.sanctions import until_text
from handlers.community import acting_for
from handlers.moderation import named, real_reply, replied_author, target_and_rest
from handlers.sanctions import REFUSALS

PURGE_NOTE_LIFETIME = 10  # seconds "N messages deleted" stays in the group
CALL_NOTE_LIFETIME = 120  # seconds "the moderators are called" stays
LOUD = frozenset({"loud", "notify", "громко", "уведомить"})
QUIET = frozenset({"quiet", "silent", "тихо"})
NAME_LIMIT = 64


class CallsAdmins(Filter):
    """A group message (text or caption, not a command) with "@admin" anywhere in it."""

    async def __call__(self, message: Message) -> bool:
        text = message.text or message.caption or ""
        return not text.startswith("/") and ADMIN_CALL.search(text) is not None


def router() -> Router:
    r = Router(name="moderation-tools")
    r.message.register(purge, Command("purge"), GROUPS)
    r.message.register(pin, Command("pin"), GROUPS)
    r.message.register(unpin, Command("unpin"), GROUPS)
    r.message.register(in_private, Command("purge", "pin", "unpin"), PRIVATE)
    r.message.register(show_id, Command("id"))
    r.message.register(info, Command("info"))
    r.message.register(call_admins, GROUPS, CallsAdmins())
    r.callback_query.register(unmute_pressed, UnmuteCB.filter())
    return r


async def in_private(message: Message, t: Texts) -> None:
    await message.answer(t("tools-in-group"))


async def _moderator(
    message: Message, t: Texts, actor: Actor, tools: ModerationTools, runtime: Runtime
) -> bool:
    if await tools.may(message.chat.id, actor):
        return True
    await _refuse(message, runtime, t("not-allowed-moderators"))
    return False


async def _refuse(message: Message, runtime: Runtime, text: str) -> None:
    await brief(message, runtime, text, refusal=True)


async def _delete(message: Message) -> None:
    """The command, once done: the group keeps the result, not the tool."""
    with suppress(TelegramBadRequest, TelegramForbiddenError):
        await message.delete()


# --------------------------------------------------------------------------- /purge


async def purge(
    message: Message,
    group_t: Texts,
    actor: Actor,
    runtime: Runtime,
    moderation_tools: ModerationTools,
) -> None:
    """In reply: every message from the replied one to the command goes, in batches."""
    t = group_t
    if not await _moderator(message, t, actor, moderation_tools, runtime):
        return
    replied = real_reply(message)
    if replied is None:
        await _refuse(message, runtime, t("purge-usage", limit=PURGE_LIMIT))
        return
    outcome = await moderation_tools.purge(
        message.chat.id,
        actor,
        replied.message_id,
        replied.date.timestamp(),
        message.message_id,
    )
    if isinstance(outcome, Declined):
        await _refuse(message, runtime, t(f"purge-{outcome.value}", limit=PURGE_LIMIT))
        return
    text = t("purge-done", count=outcome.count)
    if outcome.partly:
        text += "\n" + t("purge-partly")
    # The command went with the rest: a note in the chat (its topic), gone in a few seconds.
    note = await message.answer(text)
    await delete_later(runtime, note.chat.id, note.message_id, PURGE_NOTE_LIFETIME)


# --------------------------------------------------------------------------- /pin, /unpin


async def pin(
    message: Message,
    command: CommandObject,
    group_t: Texts,
    actor: Actor,
    runtime: Runtime,
    moderation_tools: ModerationTools,
) -> None:
    """In reply; quiet unless "loud" (or "громко") is added."""
    t = group_t
    if not await _moderator(message, t, actor, moderation_tools, runtime):
        return
    replied = real_reply(message)
    word = (command.args or "").strip().lower()
    if replied is None or (word and word not in LOUD | QUIET):
        await _refuse(message, runtime, t("pin-usage"))
        return
    author = replied_author(message)
    refused = await moderation_tools.pin(
        message.chat.id,
        actor,
        replied.message_id,
        author[0] if author else None,
        loud=word in LOUD,
    )
    if refused is not None:
        await _refuse(message, runtime, t(f"pin-{refused.value}"))
        return
    await _delete(message)  # Telegram itself says in the group that it was pinned


async def unpin(
    message: Message,
    group_t: Texts,
    actor: Actor,
    runtime: Runtime,
    moderation_tools: ModerationTools,
) -> None:
    """In reply: that message; without: the latest pinned one."""
    t = group_t
    if not await _moderator(message, t, actor, moderation_tools, runtime):
        return
    replied = real_reply(message)
    author = replied_author(message)
    refused = await moderation_tools.unpin(
        message.chat.id,
        actor,
        replied.message_id if replied is not None else None,
        author[0] if author else None,
    )
    if refused is not None:
        key = "unpin-none" if refused is Declined.NOTHING and replied is None else None
        await _refuse(message, runtime, t(key or f"pin-{refused.value}"))
        return
    await _delete(message)


# --------------------------------------------------------------------------- /id


async def show_id(
    message: Message,
    t: Texts,
    group_t: Texts,
    actor: Actor,
    runtime: Runtime,
    moderation_tools: ModerationTools,
) -> None:
    """Anyone's own id in private; in the group, for moderators: the group's, and in reply the
    replied author's (never the person behind an anonymous admin's post)."""
    if message.chat.type == "private":
        assert message.from_user is not None
        await message.answer(t("id-yours", id=str(message.from_user.id)))
        return
    t = group_t
    if not await moderation_tools.may(message.chat.id, actor):
        await _refuse(message, runtime, t("id-not-allowed"))
        return
    lines = [t("id-group", id=str(message.chat.id))]
    if message.is_topic_message and message.message_thread_id:
        lines.append(t("id-topic", id=str(message.message_thread_id)))
    replied = real_reply(message)
    person = None
    if replied is not None:
        lines += _replied_ids(t, message, replied)
        author = replied_author(message)
        person = author[0] if author else None
    await brief(message, runtime, "\n".join(lines))  # ids: not for the group to keep
    await moderation_tools.looked_up(message.chat.id, actor, person)


def _replied_ids(t: Texts, message: Message, replied: Message) -> list[str]:
    lines = []
    if replied.sender_chat is not None:
        if replied.sender_chat.id == message.chat.id:
            lines.append(t("id-anonymous"))  # an anonymous admin: who it was stays unknown
        else:
            title = replied.sender_chat.title or ""
            lines.append(t("id-chat", title=title, id=str(replied.sender_chat.id)))
    elif replied.from_user is not None:
        author = replied.from_user
        name = Markup(mention(author.id, clip(author.full_name, NAME_LIMIT)))
        lines.append(t("id-user", name=name, id=str(author.id)))
    origin = replied.forward_origin
    if isinstance(origin, MessageOriginUser):
        sender = origin.sender_user
        name = Markup(mention(sender.id, clip(sender.full_name, NAME_LIMIT)))
        lines.append(t("id-forwarded", name=name, id=str(sender.id)))
    elif isinstance(origin, MessageOriginChat | MessageOriginChannel):
        chat = origin.sender_chat if isinstance(origin, MessageOriginChat) else origin.chat
        lines.append(t("id-forwarded-chat", title=chat.title or "", id=str(chat.id)))
    elif isinstance(origin, MessageOriginHiddenUser):
        lines.append(t("id-forwarded-hidden"))
    return lines


# --------------------------------------------------------------------------- /info


async def info(
    message: Message,
    command: CommandObject,
    t: Texts,
    group_t: Texts,
    actor: Actor,
    runtime: Runtime,
    settings: Settings,
    users: UsersRepo,
    community_service: CommunityService,
    moderation_tools: ModerationTools,
    community: Community | None = None,
) -> None:
    """Who someone is in this community: in the group in reply or with @username / id, in
    private with @username / id for the community the moderator acts for."""
    if message.chat.type == "private":
        community = await acting_for(
            message, message.chat.id, t, community_service, "pulse-choose-community"
        )
        if community is None:
            return
    else:
        t = group_t
        if community is None:
            return
    chat_id = community.chat_id
    if not await moderation_tools.may(chat_id, actor):
        await _refuse(message, runtime, t("not-allowed-moderators"))
        return
    if message.chat.type == "private":
        words = (command.args or "").split()
        target = await named(words[0], users) if words else None
    else:
        target, _ = await target_and_rest(message, command.args, users)
    if target is None:
        replied = real_reply(message)
        anonymous = replied is not None and replied.sender_chat is not None
        await _refuse(message, runtime, t("info-anonymous" if anonymous else "info-usage"))
        return
    found = await moderation_tools.info(chat_id, actor, target[0], target[1])
    if isinstance(found, Declined):
        await _refuse(message, runtime, t("not-allowed-moderators"))
        return
    zone = community.timezone or settings.default_timezone
    await brief(message, runtime, _info_text(t, found, zone))


def _info_text(t: Texts, found: MemberInfo, zone: str) -> str:
    name = Markup(mention(found.user_id, clip(found.name, NAME_LIMIT)))
    lines = [t("info-title", name=name), t("info-id", id=str(found.user_id))]
    if found.username:
        lines.append(t("info-username", username=found.username))
    lines.append(t("info-role", role=t(f"info-role-{found.role.name.lower()}")))
    lines.append(t("info-warnings", count=found.warnings, limit=found.warn_limit))
    if found.mute is not None:
        lines.append(t("info-muted", until=until_text(t, found.mute.until, zone)))
    if found.ban is not None:
        lines.append(t("info-banned", until=until_text(t, found.ban.until, zone)))
    if found.joined_at is not None:
        day = format_date(from_timestamp(found.joined_at), t.lang, zone)
        lines.append(t("info-joined", date=day))
    return "\n".join(lines)


# --------------------------------------------------------------------------- @admin


async def call_admins(
    message: Message, group_t: Texts, runtime: Runtime, reports: ReportService
) -> None:
    """ "@admin" said in the group: like /report on the replied message, or a call to look at
    this one; a short note says the moderators are called (and goes after a while)."""
    caller = message.from_user
    if caller is None or caller.is_bot or message.sender_chat is not None:
        return
    replied = real_reply(message)
    author = replied_author(message)
    about = None
    if replied is not None and author is not None and author[0] != caller.id:
        about = (replied.message_id, author[0], replied.text or replied.caption or "")
    outcome = await reports.call(
        message.chat.id,
        caller.id,
        message.message_id,
        message.text or message.caption or "",
        about,
    )
    if outcome is not Called.DONE:
        return  # a moderator, too soon again, already reported: nothing more to say
    note = await message.reply(group_t("call-done"))
    await delete_later(runtime, note.chat.id, note.message_id, CALL_NOTE_LIFETIME)


# --------------------------------------------------------------------------- "Unmute"


async def unmute_pressed(
    query: CallbackQuery,
    callback_data: UnmuteCB,
    t: Texts,
    group_t: Texts,
    sanctions: SanctionService,
) -> None:
    """Under the antiflood's notice: a moderator of this group lets the member write again."""
    message = query.message if isinstance(query.message, Message) else None
    if message is None or message.chat.type not in ("group", "supergroup"):
        await query.answer(t("button-outdated"), show_alert=True)
        return
    refused = await sanctions.lift(
        message.chat.id, Actor(query.from_user.id), callback_data.user_id, "mute"
    )
    if refused is not None:
        await query.answer(t(REFUSALS[refused]), show_alert=True)
        return
    await query.answer(t("flood-unmuted-short"))
    if _carries(message, callback_data):
        by = Markup(mention(query.from_user.id, clip(query.from_user.full_name, NAME_LIMIT)))
        done = group_t("flood-unmuted", by=by)
        await update_menu(message, f"{message.html_text}\n\n{done}", None)


def _carries(message: Message, pressed: UnmuteCB) -> bool:
    """Is this the notice with that very button (not some other message of the bot)?"""
    markup = message.reply_markup
    wanted = pressed.pack()
    return markup is not None and any(
        button.callback_data == wanted for row in markup.inline_keyboard for button in row
    )
