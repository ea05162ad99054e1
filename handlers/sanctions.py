"""Moderators' commands in the group: /warn, /unwarn, /warns, /resetwarns, /mute, /unmute, /ban,
/unban, /kick, /del — on the replied message's author or `@username` / id, with an optional
duration (30m, 2h, 3d, 1w; 30м, 2ч, 3д, 1н), a rule's number and a reason. /tmute and /tban are
/mute and /ban with the duration required; /dwarn, /dmute and /dban answer a message: its author
is sanctioned and the message deleted (as Rose's). /mywarns: a member's own warnings."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from aiogram import Router
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.filters import GROUPS, PRIVATE
from bot.i18n import Markup, Texts
from bot.services.cleanup import brief
from bot.services.community_settings import COMMUNITY_RULES, CommunitySettings
from bot.services.permissions import Actor
from bot.services.sanctions import Refused, SanctionService, split_rule
from bot.texts import clip, escape, format_datetime, mention, rule_line
from bot.timeutil import from_timestamp, looks_like_duration, parse_duration
from bot.views.sanctions import SanctionViews, limit_text, until_text
from handlers.commands import SANCTIONS
from handlers.community import acting_for
from handlers.moderation import real_reply, replied_author, target_and_rest

REASON_LIMIT = 300


def router() -> Router:
    r = Router(name="sanctions")
    r.message.register(warn, Command("warn"), GROUPS)
    r.message.register(dwarn, Command("dwarn"), GROUPS)
    r.message.register(unwarn, Command("unwarn"), GROUPS)
    r.message.register(warns, Command("warns"), GROUPS)
    r.message.register(resetwarns, Command("resetwarns"), GROUPS)
    r.message.register(mute, Command("mute"), GROUPS)
    r.message.register(tmute, Command("tmute"), GROUPS)
    r.message.register(dmute, Command("dmute"), GROUPS)
    r.message.register(unmute, Command("unmute"), GROUPS)
    r.message.register(ban, Command("ban"), GROUPS)
    r.message.register(tban, Command("tban"), GROUPS)
    r.message.register(dban, Command("dban"), GROUPS)
    r.message.register(unban, Command("unban"), GROUPS)
    r.message.register(kick, Command("kick"), GROUPS)
    r.message.register(delete, Command("del"), GROUPS)
    r.message.register(in_private, Command(*SANCTIONS), PRIVATE)
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


async def _refuse(message: Message, data: dict[str, Any], key: str) -> None:
    await brief(message, data["runtime"], data["group_t"](key), refusal=True)


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
    views: SanctionViews = data["sanction_views"]
    return "".join("\n" + line for line in await views.why_lines(t, chat_id, reason, rule))


async def _prepare(
    message: Message,
    command: CommandObject,
    data: dict[str, Any],
    usage: str,
    *,
    in_reply: bool = False,
) -> tuple[int, str, str] | None:
    """The target and the rest of the arguments, or a usage hint. `in_reply`: only the replied
    message's author (the command also deletes that message)."""
    service: SanctionService = data["sanctions"]
    if not await service.may_moderate(message.chat.id, data["actor"]):
        await _refuse(message, data, "not-allowed-moderators")
        return None
    if in_reply and real_reply(message) is None:
        await _refuse(message, data, usage)
        return None
    target, rest = await target_and_rest(message, command.args, data["users"])
    if target is None:
        await _refuse(message, data, usage)
        return None
    return target[0], target[1], rest


async def _warn(
    message: Message, command: CommandObject, data: dict[str, Any], *, delete: bool = False
) -> None:
    t: Texts = data["group_t"]
    usage = "dwarn-usage" if delete else "warn-usage"
    prepared = await _prepare(message, command, data, usage, in_reply=delete)
    if prepared is None:
        return
    user_id, name, rest = prepared
    parsed = parameters(rest, duration=False)
    assert parsed is not None
    _, rule, reason = parsed
    service: SanctionService = data["sanctions"]
    result = await service.warn(message.chat.id, data["actor"], user_id, reason, rule)
    if isinstance(result, Refused):
        await _refuse(message, data, REFUSALS[result])
        return
    who = Markup(mention(user_id, name))
    text = t("warn-given", name=who, count=result.count, limit=result.limit)
    text += await _reason_lines(t, message.chat.id, reason, rule, data)
    if result.sanction is not None:
        text += "\n" + limit_text(t, who, result)
    if delete:
        text += await _delete_replied(message, user_id, data)
    await message.reply(text)


async def warn(message: Message, command: CommandObject, **data: Any) -> None:
    await _warn(message, command, data)


async def dwarn(message: Message, command: CommandObject, **data: Any) -> None:
    await _warn(message, command, data, delete=True)


async def unwarn(message: Message, command: CommandObject, **data: Any) -> None:
    t: Texts = data["group_t"]
    prepared = await _prepare(message, command, data, "unwarn-usage")
    if prepared is None:
        return
    user_id, name, _ = prepared
    refused = await data["sanctions"].unwarn(message.chat.id, data["actor"], user_id)
    if refused is not None:
        await _refuse(message, data, REFUSALS[refused])
        return
    await message.reply(t("unwarn-done", name=Markup(mention(user_id, name))))


async def warns(message: Message, command: CommandObject, **data: Any) -> None:
    t: Texts = data["group_t"]
    prepared = await _prepare(message, command, data, "warns-usage")
    if prepared is None:
        return
    user_id, name, _ = prepared
    text = await _warnings_text(t, message.chat.id, user_id, name, data)
    await brief(message, data["runtime"], text)


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
    message: Message,
    command: CommandObject,
    kind: str,
    data: dict[str, Any],
    *,
    timed: bool = False,
    delete: bool = False,
) -> None:
    """/mute and /ban; `timed`: the duration is required (/tmute, /tban); `delete`: the replied
    message goes too (/dmute, /dban)."""
    t: Texts = data["group_t"]
    variant = "t" if timed else "d" if delete else ""
    usage = f"{variant}{kind}-usage"  # mute-usage, tmute-usage, dmute-usage, …
    prepared = await _prepare(message, command, data, usage, in_reply=delete)
    if prepared is None:
        return
    user_id, name, rest = prepared
    parsed = parameters(rest, duration=True)
    if timed and (parsed is None or parsed[0] is None):
        await _refuse(message, data, usage)  # the usage gives the examples
        return
    if parsed is None:
        await _refuse(message, data, "sanction-bad-duration")
        return
    seconds, rule, reason = parsed
    service: SanctionService = data["sanctions"]
    until = await service.sanction(
        message.chat.id, data["actor"], user_id, kind, seconds, reason, rule
    )
    if isinstance(until, Refused):
        await _refuse(message, data, REFUSALS[until])
        return
    zone = await _zone(message.chat.id, data)
    text = t(
        f"{kind}-done",
        name=Markup(mention(user_id, name)),
        until=until_text(t, until, zone),
    )
    text += await _reason_lines(t, message.chat.id, reason, rule, data)
    if delete:
        text += await _delete_replied(message, user_id, data)
    await message.reply(text)


async def mute(message: Message, command: CommandObject, **data: Any) -> None:
    await _sanction(message, command, "mute", data)


async def tmute(message: Message, command: CommandObject, **data: Any) -> None:
    await _sanction(message, command, "mute", data, timed=True)


async def dmute(message: Message, command: CommandObject, **data: Any) -> None:
    await _sanction(message, command, "mute", data, delete=True)


async def ban(message: Message, command: CommandObject, **data: Any) -> None:
    await _sanction(message, command, "ban", data)


async def tban(message: Message, command: CommandObject, **data: Any) -> None:
    await _sanction(message, command, "ban", data, timed=True)


async def dban(message: Message, command: CommandObject, **data: Any) -> None:
    await _sanction(message, command, "ban", data, delete=True)


async def kick(message: Message, command: CommandObject, **data: Any) -> None:
    t: Texts = data["group_t"]
    prepared = await _prepare(message, command, data, "kick-usage")
    if prepared is None:
        return
    user_id, name, rest = prepared
    parsed = parameters(rest, duration=False)
    assert parsed is not None
    _, rule, reason = parsed
    service: SanctionService = data["sanctions"]
    refused = await service.kick(message.chat.id, data["actor"], user_id, reason, rule)
    if refused is not None:
        await _refuse(message, data, REFUSALS[refused])
        return
    text = t("kick-done", name=Markup(mention(user_id, name)))
    await message.reply(text + await _reason_lines(t, message.chat.id, reason, rule, data))


async def resetwarns(message: Message, command: CommandObject, **data: Any) -> None:
    t: Texts = data["group_t"]
    prepared = await _prepare(message, command, data, "resetwarns-usage")
    if prepared is None:
        return
    user_id, name, _ = prepared
    service: SanctionService = data["sanctions"]
    result = await service.reset_warnings(message.chat.id, data["actor"], user_id)
    if isinstance(result, Refused):
        if result is not Refused.NOTHING:
            await _refuse(message, data, REFUSALS[result])
            return
        text = t("resetwarns-none", name=Markup(mention(user_id, name)))
        await brief(message, data["runtime"], text)
        return
    await message.reply(t("resetwarns-done", name=Markup(mention(user_id, name)), count=result))


async def _lift(message: Message, command: CommandObject, kind: str, data: dict[str, Any]) -> None:
    t: Texts = data["group_t"]
    prepared = await _prepare(message, command, data, f"un{kind}-usage")
    if prepared is None:
        return
    user_id, name, _ = prepared
    refused = await data["sanctions"].lift(message.chat.id, data["actor"], user_id, kind)
    if refused is not None:
        await _refuse(message, data, REFUSALS[refused])
        return
    await message.reply(t(f"un{kind}-done", name=Markup(mention(user_id, name))))


async def unmute(message: Message, command: CommandObject, **data: Any) -> None:
    await _lift(message, command, "mute", data)


async def unban(message: Message, command: CommandObject, **data: Any) -> None:
    await _lift(message, command, "ban", data)


async def _remove(replied: Message) -> str | None:
    """Delete a member's message; the key of what went wrong, if anything did."""
    try:
        await replied.delete()
    except (TelegramBadRequest, TelegramForbiddenError) as error:
        text = error.message.lower()
        if "not found" in text:
            return None  # gone already (another moderator was quicker): as good as deleted
        if "rights" in text or not await _may_delete(replied):
            return "del-no-right"
        # Telegram says "can't be deleted" both without the right and after 48 hours.
        return "del-failed"
    return None


async def _may_delete(message: Message) -> bool:
    bot = message.bot
    assert bot is not None
    try:
        me = await bot.get_chat_member(message.chat.id, bot.id)
    except (TelegramBadRequest, TelegramForbiddenError):
        return False
    return me.status == "creator" or bool(getattr(me, "can_delete_messages", False))


async def _delete_replied(message: Message, author_id: int, data: dict[str, Any]) -> str:
    """After /dwarn, /dmute or /dban acted: the replied message goes; a line for the answer
    when it could not."""
    replied = real_reply(message)
    assert replied is not None
    failed = await _remove(replied)
    if failed is not None:
        return "\n" + data["group_t"](failed)
    await data["audit"].record(message.chat.id, data["actor"], "del", author_id)
    return ""


async def delete(message: Message, **data: Any) -> None:
    """/del in reply: the replied message goes (and the command with it)."""
    service: SanctionService = data["sanctions"]
    actor: Actor = data["actor"]
    if not await service.may_moderate(message.chat.id, actor):
        await _refuse(message, data, "not-allowed-moderators")
        return
    replied = real_reply(message)
    if replied is None:
        await _refuse(message, data, "del-usage")
        return
    if replied.sender_chat is not None and replied.sender_chat.id == message.chat.id:
        await _refuse(message, data, REFUSALS[Refused.PROTECTED])  # an anonymous admin's post
        return
    author = replied_author(message)
    if author is not None:
        refused = await service.check(message.chat.id, actor, author[0])
        if refused is not None and refused is not Refused.SELF:
            await _refuse(message, data, REFUSALS[refused])
            return
    failed = await _remove(replied)
    if failed is not None:
        await _refuse(message, data, failed)
        return
    await data["audit"].record(message.chat.id, actor, "del", author[0] if author else None)
    with suppress(TelegramBadRequest, TelegramForbiddenError):
        await message.delete()


async def mywarns(message: Message, **data: Any) -> None:
    """A member's own warnings and why: in private (the chosen community) or in the group."""
    assert message.from_user is not None
    if message.chat.type == "private":
        t: Texts = data["t"]
        community = await acting_for(
            message, message.from_user.id, t, data["community_service"], "pulse-choose-community"
        )
        if community is None:
            return
        chat_id = community.chat_id
    else:
        t = data["group_t"]
        chat_id = message.chat.id
    name = message.from_user.first_name
    text = await _warnings_text(t, chat_id, message.from_user.id, name, data)
    await brief(message, data["runtime"], text)
