"""Moderators' commands in the group: /warn, /unwarn, /warns, /resetwarns, /mute, /unmute, /ban,
/unban, /kick, /del — on the replied message's author or `@username` / id, with an optional
duration (30m, 2h, 3d, 1w; 30м, 2ч, 3д, 1н), a rule's number and a reason. /tmute and /tban are
/mute and /ban with the duration required; /dwarn, /dmute and /dban answer a message: its author
is sanctioned and the message deleted (as Rose's). /mywarns: a member's own warnings."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass

from aiogram import Router
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.config import Settings
from bot.filters import GROUPS, PRIVATE
from bot.i18n import Markup, Texts
from bot.repos.communities import CommunitiesRepo
from bot.repos.users import UsersRepo
from bot.runtime import Runtime
from bot.services.audit import AuditLog
from bot.services.communities import CommunityService
from bot.services.community_settings import COMMUNITY_RULES, CommunitySettings
from bot.services.permissions import Actor
from bot.services.sanctions import Refused, SanctionService, split_rule
from bot.texts import clip, escape, format_datetime, mention, rule_line
from bot.timeutil import from_timestamp, looks_like_duration, parse_duration
from bot.views.cleanup import brief
from bot.views.sanctions import SanctionViews, limit_text, until_text
from handlers.commands import SANCTIONS
from handlers.community import acting_for
from handlers.moderation import real_reply, replied_author, target_and_rest

REASON_LIMIT = 300


def router() -> Router:
    r = Router(name="sanctions")
    for name, run in COMMANDS.items():
        r.message.register(_order(run), Command(name), GROUPS)
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


@dataclass(frozen=True)
class Order:
    """A moderator's command in the group, and what carrying it out needs."""

    message: Message
    args: str | None  # what follows the command
    t: Texts  # the group's language: the whole group reads the answer
    actor: Actor
    runtime: Runtime
    users: UsersRepo
    communities: CommunitiesRepo
    settings: Settings
    sanctions: SanctionService
    community_settings: CommunitySettings
    audit: AuditLog
    views: SanctionViews

    @property
    def chat_id(self) -> int:
        return self.message.chat.id

    async def refuse(self, key: str) -> None:
        await brief(self.message, self.runtime, self.t(key), refusal=True)


Run = Callable[[Order], Awaitable[None]]


def _order(run: Run) -> Callable[..., Awaitable[None]]:
    """A command's handler: the dependencies every moderator's command uses, named once."""

    async def handle(
        message: Message,
        group_t: Texts,
        actor: Actor,
        runtime: Runtime,
        users: UsersRepo,
        communities: CommunitiesRepo,
        settings: Settings,
        sanctions: SanctionService,
        community_settings: CommunitySettings,
        audit: AuditLog,
        sanction_views: SanctionViews,
        command: CommandObject | None = None,
    ) -> None:
        args = command.args if command is not None else None
        order = Order(
            message,
            args,
            group_t,
            actor,
            runtime,
            users,
            communities,
            settings,
            sanctions,
            community_settings,
            audit,
            sanction_views,
        )
        await run(order)

    # Named as the command's own function in the error log.
    handle.__name__, handle.__qualname__ = run.__name__, run.__qualname__
    return handle


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


async def _rule_text(chat_id: int, rule: int | None, community_settings: CommunitySettings) -> str:
    if rule is None:
        return ""
    return rule_line(str(await community_settings.get(chat_id, COMMUNITY_RULES)), rule)


async def _reason_lines(o: Order, reason: str, rule: int | None) -> str:
    lines = await o.views.why_lines(o.t, o.chat_id, reason, rule)
    return "".join("\n" + line for line in lines)


async def _prepare(o: Order, usage: str, *, in_reply: bool = False) -> tuple[int, str, str] | None:
    """The target and the rest of the arguments, or a usage hint. `in_reply`: only the replied
    message's author (the command also deletes that message)."""
    if not await o.sanctions.may_moderate(o.chat_id, o.actor):
        await o.refuse("not-allowed-moderators")
        return None
    if in_reply and real_reply(o.message) is None:
        await o.refuse(usage)
        return None
    target, rest = await target_and_rest(o.message, o.args, o.users)
    if target is None:
        await o.refuse(usage)
        return None
    return target[0], target[1], rest


async def _warn(o: Order, *, delete: bool = False) -> None:
    t = o.t
    usage = "dwarn-usage" if delete else "warn-usage"
    prepared = await _prepare(o, usage, in_reply=delete)
    if prepared is None:
        return
    user_id, name, rest = prepared
    parsed = parameters(rest, duration=False)
    assert parsed is not None
    _, rule, reason = parsed
    result = await o.sanctions.warn(o.chat_id, o.actor, user_id, reason, rule)
    if isinstance(result, Refused):
        await o.refuse(REFUSALS[result])
        return
    who = Markup(mention(user_id, name))
    text = t("warn-given", name=who, count=result.count, limit=result.limit)
    text += await _reason_lines(o, reason, rule)
    if result.sanction is not None:
        text += "\n" + limit_text(t, who, result)
    if delete:
        text += await _delete_replied(o, user_id)
    await o.message.reply(text)


async def warn(o: Order) -> None:
    await _warn(o)


async def dwarn(o: Order) -> None:
    await _warn(o, delete=True)


async def unwarn(o: Order) -> None:
    prepared = await _prepare(o, "unwarn-usage")
    if prepared is None:
        return
    user_id, name, _ = prepared
    refused = await o.sanctions.unwarn(o.chat_id, o.actor, user_id)
    if refused is not None:
        await o.refuse(REFUSALS[refused])
        return
    await o.message.reply(o.t("unwarn-done", name=Markup(mention(user_id, name))))


async def warns(o: Order) -> None:
    prepared = await _prepare(o, "warns-usage")
    if prepared is None:
        return
    user_id, name, _ = prepared
    zone = await _zone(o.chat_id, o.communities, o.settings)
    text = await _warnings_text(
        o.t, o.chat_id, user_id, name, zone, o.sanctions, o.community_settings
    )
    await brief(o.message, o.runtime, text)


async def _warnings_text(
    t: Texts,
    chat_id: int,
    user_id: int,
    name: str,
    zone: str,
    sanctions: SanctionService,
    community_settings: CommunitySettings,
) -> str:
    found = await sanctions.warnings(chat_id, user_id)
    if not found:
        return t("warns-none", name=name)
    lines = [t("warns-title", name=name, count=len(found))]
    for number, warning in enumerate(found, 1):
        when = format_datetime(from_timestamp(warning.created_at), t.lang, zone, "d MMM")
        reason = warning.reason or t("warns-no-reason")
        cited = await _rule_text(chat_id, warning.rule, community_settings)
        line = t("warns-line", number=number, when=when, reason=reason)
        lines.append(line + ("\n    " + escape(clip(cited, 200)) if cited else ""))
    return "\n".join(lines)


async def _zone(chat_id: int, communities: CommunitiesRepo, settings: Settings) -> str:
    community = await communities.get(chat_id)
    return (community.timezone if community else None) or settings.default_timezone


async def _sanction(o: Order, kind: str, *, timed: bool = False, delete: bool = False) -> None:
    """/mute and /ban; `timed`: the duration is required (/tmute, /tban); `delete`: the replied
    message goes too (/dmute, /dban)."""
    t = o.t
    variant = "t" if timed else "d" if delete else ""
    usage = f"{variant}{kind}-usage"  # mute-usage, tmute-usage, dmute-usage, …
    prepared = await _prepare(o, usage, in_reply=delete)
    if prepared is None:
        return
    user_id, name, rest = prepared
    parsed = parameters(rest, duration=True)
    if timed and (parsed is None or parsed[0] is None):
        await o.refuse(usage)  # the usage gives the examples
        return
    if parsed is None:
        await o.refuse("sanction-bad-duration")
        return
    seconds, rule, reason = parsed
    until = await o.sanctions.sanction(o.chat_id, o.actor, user_id, kind, seconds, reason, rule)
    if isinstance(until, Refused):
        await o.refuse(REFUSALS[until])
        return
    zone = await _zone(o.chat_id, o.communities, o.settings)
    text = t(
        f"{kind}-done",
        name=Markup(mention(user_id, name)),
        until=until_text(t, until, zone),
    )
    text += await _reason_lines(o, reason, rule)
    if delete:
        text += await _delete_replied(o, user_id)
    await o.message.reply(text)


async def mute(o: Order) -> None:
    await _sanction(o, "mute")


async def tmute(o: Order) -> None:
    await _sanction(o, "mute", timed=True)


async def dmute(o: Order) -> None:
    await _sanction(o, "mute", delete=True)


async def ban(o: Order) -> None:
    await _sanction(o, "ban")


async def tban(o: Order) -> None:
    await _sanction(o, "ban", timed=True)


async def dban(o: Order) -> None:
    await _sanction(o, "ban", delete=True)


async def kick(o: Order) -> None:
    prepared = await _prepare(o, "kick-usage")
    if prepared is None:
        return
    user_id, name, rest = prepared
    parsed = parameters(rest, duration=False)
    assert parsed is not None
    _, rule, reason = parsed
    refused = await o.sanctions.kick(o.chat_id, o.actor, user_id, reason, rule)
    if refused is not None:
        await o.refuse(REFUSALS[refused])
        return
    text = o.t("kick-done", name=Markup(mention(user_id, name)))
    await o.message.reply(text + await _reason_lines(o, reason, rule))


async def resetwarns(o: Order) -> None:
    t = o.t
    prepared = await _prepare(o, "resetwarns-usage")
    if prepared is None:
        return
    user_id, name, _ = prepared
    result = await o.sanctions.reset_warnings(o.chat_id, o.actor, user_id)
    if isinstance(result, Refused):
        if result is not Refused.NOTHING:
            await o.refuse(REFUSALS[result])
            return
        text = t("resetwarns-none", name=Markup(mention(user_id, name)))
        await brief(o.message, o.runtime, text)
        return
    await o.message.reply(t("resetwarns-done", name=Markup(mention(user_id, name)), count=result))


async def _lift(o: Order, kind: str) -> None:
    prepared = await _prepare(o, f"un{kind}-usage")
    if prepared is None:
        return
    user_id, name, _ = prepared
    refused = await o.sanctions.lift(o.chat_id, o.actor, user_id, kind)
    if refused is not None:
        await o.refuse(REFUSALS[refused])
        return
    await o.message.reply(o.t(f"un{kind}-done", name=Markup(mention(user_id, name))))


async def unmute(o: Order) -> None:
    await _lift(o, "mute")


async def unban(o: Order) -> None:
    await _lift(o, "ban")


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


async def _delete_replied(o: Order, author_id: int) -> str:
    """After /dwarn, /dmute or /dban acted: the replied message goes; a line for the answer
    when it could not."""
    replied = real_reply(o.message)
    assert replied is not None
    failed = await _remove(replied)
    if failed is not None:
        return "\n" + o.t(failed)
    await o.audit.record(o.chat_id, o.actor, "del", author_id)
    return ""


async def delete(o: Order) -> None:
    """/del in reply: the replied message goes (and the command with it)."""
    message = o.message
    if not await o.sanctions.may_moderate(o.chat_id, o.actor):
        await o.refuse("not-allowed-moderators")
        return
    replied = real_reply(message)
    if replied is None:
        await o.refuse("del-usage")
        return
    if replied.sender_chat is not None and replied.sender_chat.id == message.chat.id:
        await o.refuse(REFUSALS[Refused.PROTECTED])  # an anonymous admin's post
        return
    author = replied_author(message)
    if author is not None:
        refused = await o.sanctions.check(o.chat_id, o.actor, author[0])
        if refused is not None and refused is not Refused.SELF:
            await o.refuse(REFUSALS[refused])
            return
    failed = await _remove(replied)
    if failed is not None:
        await o.refuse(failed)
        return
    await o.audit.record(o.chat_id, o.actor, "del", author[0] if author else None)
    with suppress(TelegramBadRequest, TelegramForbiddenError):
        await message.delete()


# The moderators' commands in the group, each by its function.
COMMANDS: dict[str, Run] = {
    "warn": warn,
    "dwarn": dwarn,
    "unwarn": unwarn,
    "warns": warns,
    "resetwarns": resetwarns,
    "mute": mute,
    "tmute": tmute,
    "dmute": dmute,
    "unmute": unmute,
    "ban": ban,
    "tban": tban,
    "dban": dban,
    "unban": unban,
    "kick": kick,
    "del": delete,
}


async def mywarns(
    message: Message,
    t: Texts,
    group_t: Texts,
    runtime: Runtime,
    communities: CommunitiesRepo,
    settings: Settings,
    sanctions: SanctionService,
    community_settings: CommunitySettings,
    community_service: CommunityService,
) -> None:
    """A member's own warnings and why: in private (the chosen community) or in the group."""
    assert message.from_user is not None
    if message.chat.type == "private":
        community = await acting_for(
            message, message.from_user.id, t, community_service, "pulse-choose-community"
        )
        if community is None:
            return
        chat_id = community.chat_id
    else:
        t = group_t
        chat_id = message.chat.id
    name = message.from_user.first_name
    zone = await _zone(chat_id, communities, settings)
    text = await _warnings_text(
        t, chat_id, message.from_user.id, name, zone, sanctions, community_settings
    )
    await brief(message, runtime, text)
