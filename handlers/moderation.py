"""Appointing moderators: /mod and /unmod in the group, by Telegram admins (or owners)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.filters import GROUPS
from bot.i18n import Markup as _Link
from bot.i18n import Texts
from bot.repos.communities import CommunitiesRepo
from bot.repos.users import UsersRepo
from bot.runtime import Runtime
from bot.services.appeals import AppealService
from bot.services.audit import AuditLog
from bot.services.communities import CommunityService
from bot.services.permissions import Action, Actor, Permissions
from bot.texts import mention, parse_telegram_id
from bot.views.cleanup import brief


def router() -> Router:
    r = Router(name="moderation")
    groups = GROUPS
    r.message.register(appoint, Command("mod"), groups)
    r.message.register(dismiss, Command("unmod"), groups)
    return r


def real_reply(message: Message) -> Message | None:
    """The message replied to — not a forum topic's root, which every message in a topic
    "replies" to without choosing it."""
    replied = message.reply_to_message
    if replied is None or replied.forum_topic_created is not None:
        return None
    if message.is_topic_message and replied.message_id == message.message_thread_id:
        return None
    return replied


def replied_author(message: Message) -> tuple[int, str] | None:
    """The author of the message replied to (a person, not a bot or a chat)."""
    replied = real_reply(message)
    author = replied.from_user if replied is not None and replied.sender_chat is None else None
    if author is not None and not author.is_bot:
        return author.id, author.full_name
    return None


async def named(word: str, users: UsersRepo) -> tuple[int, str] | None:
    """The person a typed `@username` or numeric id names (None: not one we know)."""
    typed_id = parse_telegram_id(word)
    if typed_id is not None and typed_id > 0:
        known = await users.get(typed_id)
        return typed_id, (known.first_name if known and known.first_name else word)
    if word.startswith("@") and len(word) > 1:
        known = await users.find_by_username(word)
        return (known.id, known.first_name or word) if known is not None else None
    return None


async def target_and_rest(
    message: Message, args: str | None, users: UsersRepo
) -> tuple[tuple[int, str] | None, str]:
    """The person meant and the rest of the arguments: the replied message's author (every
    argument is then a parameter), else `@username` or a numeric id as the first argument."""
    if real_reply(message) is not None:
        # A reply names its target; "/warn 3 spam" in reply to a bot is not user id 3.
        return replied_author(message), (args or "").strip()
    words = (args or "").strip().split(maxsplit=1)
    if not words:
        return None, ""
    return await named(words[0], users), words[1] if len(words) > 1 else ""


async def _target(
    message: Message, command: CommandObject, users: UsersRepo
) -> tuple[int, str] | None:
    """The person meant: `@username` or a numeric id if given, else the replied message's author."""
    if command.args and command.args.strip():
        return await named(command.args.strip().split(maxsplit=1)[0], users)
    return replied_author(message)


async def appoint(
    message: Message,
    command: CommandObject,
    group_t: Texts,
    actor: Actor,
    permissions: Permissions,
    users: UsersRepo,
    communities: CommunitiesRepo,
    audit: AuditLog,
    community_service: CommunityService,
    appeals: AppealService,
    runtime: Runtime,
) -> None:
    if not await permissions.may(message.chat.id, actor, Action.APPOINT):
        await brief(message, runtime, group_t("not-allowed-admins"), refusal=True)
        return
    target = await _target(message, command, users)
    if target is None:
        await brief(message, runtime, group_t("mod-usage"), refusal=True)
        return
    user_id, name = target
    if not await community_service.confirm_member(message.chat.id, user_id):
        # Only members moderate (one who leaves stops): appointing someone absent would not hold.
        text = group_t("mod-not-member", name=_Link(mention(user_id, name)))
        await brief(message, runtime, text, refusal=True)
        return
    added = await communities.add_moderator(message.chat.id, user_id, actor.user_id)
    if added:
        await audit.record(message.chat.id, actor, "mod", user_id)
        await appeals.offer_open(message.chat.id, user_id)
    key = "mod-appointed" if added else "mod-already"
    await message.reply(group_t(key, name=_Link(mention(user_id, name))))


async def dismiss(
    message: Message,
    command: CommandObject,
    group_t: Texts,
    actor: Actor,
    permissions: Permissions,
    users: UsersRepo,
    communities: CommunitiesRepo,
    audit: AuditLog,
    runtime: Runtime,
) -> None:
    if not await permissions.may(message.chat.id, actor, Action.APPOINT):
        await brief(message, runtime, group_t("not-allowed-admins"), refusal=True)
        return
    target = await _target(message, command, users)
    if target is None:
        await brief(message, runtime, group_t("unmod-usage"), refusal=True)
        return
    user_id, name = target
    removed = await communities.remove_moderator(message.chat.id, user_id)
    if removed:
        await audit.record(message.chat.id, actor, "unmod", user_id)
    key = "mod-dismissed" if removed else "mod-not-moderator"
    await message.reply(group_t(key, name=_Link(mention(user_id, name))))
