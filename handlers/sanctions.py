"""Moderators' commands in the group: /warn, /unwarn, /warns, /mute, /unmute, /ban, /unban,
/del — on the replied message's author or `@username` / id, with an optional duration (30m, 2h,
3d, 1w; 30м, 2ч, 3д, 1н), a rule's number and a reason. /mywarns: a member's own warnings."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from aiogram import Router
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.filters import GROUPS, PRIVATE
from bot.i18n import Markup, Texts
from bot.services.community_settings import COMMUNITY_RULES, CommunitySettings
from bot.services.permissions import Actor
from bot.services.sanctions import (
    Refused,
    SanctionService,
    limit_text,
    split_rule,
    until_text,
)
from bot.texts import clip, escape, format_datetime, mention, rule_line
from bot.timeutil import from_timestamp, looks_like_duration, parse_duration
from handlers.moderation import real_reply, replied_author, target_and_rest

REASON_LIMIT = 300
GROUP_COMMANDS = ("warn", "unwarn", "warns", "mute", "unmute", "ban", "unban", "del")


def router() -> Router:
    r = Router(name="sanctions")
    r.message.register(warn, Command("warn"), GROUPS)
    r.message.register(unwarn, Command("unwarn"), GROUPS)
    r.message.register(warns, Command("warns"), GROUPS)
    r.message.register(mute, Command("mute"), GROUPS)
    r.message.register(unmute, Command("unmute"), GROUPS)
    r.message.register(ban, Command("ban"), GROUPS)
    r.message.register(unban, Command("unban"), GROUPS)
    r.message.register(delete, Command("del"), GROUPS)
    r.message.register(in_private, Command(*GROUP_COMMANDS), PRIVATE)
    r.message.register(mywarns, Command("mywarns"))
    return r


async def in_private(message: Message, t: Texts) -> None:
    await message.answer(t("sanction-in-group"))


REFUSALS = {
    Refused.NOT_ALLOWED: "not-allowed-moderators",
    Refused.SELF: "sanction-self",
    Refused.PROTECTED: "sanction-protected",
    Refused.NO_RIGHTS: "sanction-no-rights",
    Refused.NOTHING: "sanction-nothing",
    Refused.GONE: "sanction-gone",
    Refused.UNKNOWN: "sanction-unknown",
}


def parameters(text: str, *, duration: bool) -> tuple[int | None, int | None, str] | None:
    """(seconds, rule, reason) from "2h 3 flood"; None when a duration is malformed."""
    words = text.split()
    seconds = None
    if duration and words:
        # "2 часа" and "неделя" as well as "2h": the longest reading first.
        for taken in (2, 1):
            seconds = parse_duration(" ".join(words[:taken])) if len(words) >= taken else None
            if seconds is not None:
                words = words[taken:]
                break
        else:
            if looks_like_duration(words):
                return None  # meant as a duration, not understood: never read as a reason
    rule, reason = split_rule(" ".join(words))
    return seconds, rule, clip(reason, REASON_LIMIT)


async def _rule_text(chat_id: int, rule: int | None, data: dict[str, Any]) -> str:
    if rule is None:
        return ""
    settings: CommunitySettings = data["community_settings"]
    return rule_line(str(await settings.get(chat_id, COMMUNITY_RULES)), rule)


async def _reason_lines(
    t: Texts, chat_id: int, reason: str, rule: int | None, data: dict[str, Any]
) -> str:
    service: SanctionService = data["sanctions"]
    return "".join("\n" + line for line in await service.why_lines(t, chat_id, reason, rule))


async def _prepare(
    message: Message, command: CommandObject, data: dict[str, Any], usage: str
) -> tuple[int, str, str] | None:
    """The target and the rest of the arguments, or a usage hint."""
    t: Texts = data["group_t"]
    service: SanctionService = data["sanctions"]
    if not await service.may_moderate(message.chat.id, data["actor"]):
        await message.reply(t("not-allowed-moderators"))
        return None
    target, rest = await target_and_rest(message, command.args, data["users"])
    if target is None:
        await message.reply(t(usage))
        return None
    return target[0], target[1], rest


async def warn(message: Message, command: CommandObject, **data: Any) -> None:
    t: Texts = data["group_t"]
    prepared = await _prepare(message, command, data, "warn-usage")
    if prepared is None:
        return
    user_id, name, rest = prepared
    parsed = parameters(rest, duration=False)
    assert parsed is not None
    _, rule, reason = parsed
    service: SanctionService = data["sanctions"]
    result = await service.warn(message.chat.id, data["actor"], user_id, reason, rule)
    if isinstance(result, Refused):
        await message.reply(t(REFUSALS[result]))
        return
    who = Markup(mention(user_id, name))
    text = t("warn-given", name=who, count=result.count, limit=result.limit)
    text += await _reason_lines(t, message.chat.id, reason, rule, data)
    if result.sanction is not None:
        text += "\n" + limit_text(t, who, result)
    await message.reply(text)


async def unwarn(message: Message, command: CommandObject, **data: Any) -> None:
    t: Texts = data["group_t"]
    prepared = await _prepare(message, command, data, "unwarn-usage")
    if prepared is None:
        return
    user_id, name, _ = prepared
    refused = await data["sanctions"].unwarn(message.chat.id, data["actor"], user_id)
    if refused is not None:
        await message.reply(t(REFUSALS[refused]))
        return
    await message.reply(t("unwarn-done", name=Markup(mention(user_id, name))))


async def warns(message: Message, command: CommandObject, **data: Any) -> None:
    t: Texts = data["group_t"]
    prepared = await _prepare(message, command, data, "warns-usage")
    if prepared is None:
        return
    user_id, name, _ = prepared
    await message.reply(await _warnings_text(t, message.chat.id, user_id, name, data))


async def _warnings_text(
    t: Texts, chat_id: int, user_id: int, name: str, data: dict[str, Any]
) -> str:
    service: SanctionService = data["sanctions"]
    found = await service.warnings(chat_id, user_id)
    if not found:
        return t("warns-none", name=name)
    zone = await _zone(chat_id, data)
    lines = [t("warns-title", name=name, count=len(found))]
    for number, warning in enumerate(found, 1):
        when = format_datetime(from_timestamp(warning.created_at), t.lang, zone, "d MMM")
        reason = warning.reason or t("warns-no-reason")
        cited = await _rule_text(chat_id, warning.rule, data)
        line = t("warns-line", number=number, when=when, reason=reason)
        lines.append(line + ("\n    " + escape(clip(cited, 200)) if cited else ""))
    return "\n".join(lines)


async def _zone(chat_id: int, data: dict[str, Any]) -> str:
    community = await data["communities"].get(chat_id)
    return (community.timezone if community else None) or data["settings"].default_timezone


async def _sanction(
    message: Message, command: CommandObject, kind: str, data: dict[str, Any]
) -> None:
    t: Texts = data["group_t"]
    prepared = await _prepare(message, command, data, f"{kind}-usage")
    if prepared is None:
        return
    user_id, name, rest = prepared
    parsed = parameters(rest, duration=True)
    if parsed is None:
        await message.reply(t("sanction-bad-duration"))
        return
    seconds, rule, reason = parsed
    service: SanctionService = data["sanctions"]
    until = await service.sanction(
        message.chat.id, data["actor"], user_id, kind, seconds, reason, rule
    )
    if isinstance(until, Refused):
        await message.reply(t(REFUSALS[until]))
        return
    zone = await _zone(message.chat.id, data)
    text = t(
        f"{kind}-done",
        name=Markup(mention(user_id, name)),
        until=until_text(t, until, zone),
    )
    await message.reply(text + await _reason_lines(t, message.chat.id, reason, rule, data))


async def mute(message: Message, command: CommandObject, **data: Any) -> None:
    await _sanction(message, command, "mute", data)


async def ban(message: Message, command: CommandObject, **data: Any) -> None:
    await _sanction(message, command, "ban", data)


async def _lift(message: Message, command: CommandObject, kind: str, data: dict[str, Any]) -> None:
    t: Texts = data["group_t"]
    prepared = await _prepare(message, command, data, f"un{kind}-usage")
    if prepared is None:
        return
    user_id, name, _ = prepared
    refused = await data["sanctions"].lift(message.chat.id, data["actor"], user_id, kind)
    if refused is not None:
        await message.reply(t(REFUSALS[refused]))
        return
    await message.reply(t(f"un{kind}-done", name=Markup(mention(user_id, name))))


async def unmute(message: Message, command: CommandObject, **data: Any) -> None:
    await _lift(message, command, "mute", data)


async def unban(message: Message, command: CommandObject, **data: Any) -> None:
    await _lift(message, command, "ban", data)


async def delete(message: Message, **data: Any) -> None:
    """/del in reply: the replied message goes (and the command with it)."""
    t: Texts = data["group_t"]
    service: SanctionService = data["sanctions"]
    actor: Actor = data["actor"]
    if not await service.may_moderate(message.chat.id, actor):
        await message.reply(t("not-allowed-moderators"))
        return
    replied = real_reply(message)
    if replied is None:
        await message.reply(t("del-usage"))
        return
    if replied.sender_chat is not None and replied.sender_chat.id == message.chat.id:
        await message.reply(t(REFUSALS[Refused.PROTECTED]))  # an anonymous admin's post
        return
    author = replied_author(message)
    if author is not None:
        refused = await service.check(message.chat.id, actor, author[0])
        if refused is not None and refused is not Refused.SELF:
            await message.reply(t(REFUSALS[refused]))
            return
    try:
        await replied.delete()
    except (TelegramBadRequest, TelegramForbiddenError) as error:
        # Older than 48 hours, or no right to delete: say so, nothing breaks.
        key = "sanction-no-rights" if "rights" in error.message.lower() else "del-failed"
        await message.reply(t(key))
        return
    await data["audit"].record(message.chat.id, actor, "del", author[0] if author else None)
    with suppress(TelegramBadRequest, TelegramForbiddenError):
        await message.delete()


async def mywarns(message: Message, **data: Any) -> None:
    """A member's own warnings and why: in private (the chosen community) or in the group."""
    assert message.from_user is not None
    if message.chat.type == "private":
        t: Texts = data["t"]
        community = await data["community_service"].selected(message.from_user.id)
        if community is None:
            await message.answer(t("pulse-choose-community"))
            return
        chat_id = community.chat_id
    else:
        t = data["group_t"]
        chat_id = message.chat.id
    name = message.from_user.first_name
    await message.answer(await _warnings_text(t, chat_id, message.from_user.id, name, data))
