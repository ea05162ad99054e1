"""What a community is and who leads it: /about (the mission), /rules, /team, and for
moderators /setmission, /setrules and /modlog (the audit log). In the group they answer there;
in private they are about the community the person acts for (/community). The rules shown to a
newcomer still read-only carry "I accept the rules"."""

from __future__ import annotations

from dataclasses import dataclass

from aiogram import Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandObject
from aiogram.types import (
    CallbackQuery,
    ChatMemberAdministrator,
    ChatMemberOwner,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from bot.callbacks import ModlogCB
from bot.config import Settings
from bot.filters import own_private_message
from bot.i18n import Markup, Texts
from bot.keyboards import PAGE_SIZE, pager_row, update_menu
from bot.repos.communities import CommunitiesRepo, Community
from bot.repos.users import UsersRepo
from bot.runtime import Runtime
from bot.services.audit import FILTERS, AuditLog
from bot.services.communities import CommunityService
from bot.services.community_settings import (
    COMMUNITY_MISSION,
    COMMUNITY_RULES,
    MISSION_LIMIT,
    RULES_LIMIT,
    CommunitySettings,
    Option,
)
from bot.services.permissions import Action, Actor, Permissions
from bot.services.welcome import WelcomeService
from bot.texts import clip, mention, numbered, utf16_len
from bot.views.cleanup import brief
from bot.views.welcome import DEEP_LINK_RULES, accept_keyboard
from handlers import intro
from handlers.community import acting_for
from handlers.deeplinks import DeepLinks, LinkContext, sender_id

MODLOG_PAGE = PAGE_SIZE  # pager_row counts pages of this size


def router() -> Router:
    r = Router(name="leadership")
    r.message.register(about, Command("about"))
    r.message.register(rules, Command("rules"))
    r.message.register(team, Command("team"))
    r.message.register(set_mission, Command("setmission"))
    r.message.register(set_rules, Command("setrules"))
    r.message.register(modlog, Command("modlog"))
    r.callback_query.register(modlog_page, ModlogCB.filter())
    return r


async def _community(
    message: Message,
    t: Texts,
    group_t: Texts,
    community_service: CommunityService,
    community: Community | None,
) -> tuple[Community, Texts] | None:
    """The community meant and the texts to answer in: the group's own in a group (`community`,
    the group's), the person's chosen one in private."""
    if message.chat.type == "private":
        chosen = await acting_for(
            message, message.chat.id, t, community_service, "pulse-choose-community"
        )
        if chosen is None:
            return None
        return chosen, t
    return (community, group_t) if community is not None else None


async def about(
    message: Message,
    t: Texts,
    group_t: Texts,
    community_service: CommunityService,
    community_settings: CommunitySettings,
    community: Community | None = None,
) -> None:
    found = await _community(message, t, group_t, community_service, community)
    if found is None:
        return
    community, t = found
    mission = await community_settings.get(community.chat_id, COMMUNITY_MISSION)
    if not mission:
        await message.answer(t("about-empty", title=community.title))
        return
    await message.answer(t("about-text", title=community.title, mission=mission))


def register_links(links: DeepLinks) -> None:
    links.add(DEEP_LINK_RULES, rules_link)


async def rules_link(message: Message, chat_id: int, context: LinkContext) -> bool:
    """ "Rules" under the welcome: that group's rules, then an invitation to introduce oneself;
    the menu when the person is not in that group."""
    runtime, t = context.runtime, context.t
    community_service = runtime.community_service
    if await community_service.select(sender_id(message), chat_id) is None:
        return False
    await rules(
        message,
        t,
        context.update_data["group_t"],
        community_service,
        runtime.community_settings,
        runtime.welcome,
        context.update_data.get("community"),
    )
    text, keyboard = intro.invitation(t, chat_id)
    await message.answer(text, reply_markup=keyboard)
    return True


async def rules(
    message: Message,
    t: Texts,
    group_t: Texts,
    community_service: CommunityService,
    community_settings: CommunitySettings,
    welcome: WelcomeService,
    community: Community | None = None,
) -> None:
    found = await _community(message, t, group_t, community_service, community)
    if found is None:
        return
    community, t = found
    await show_rules(message, community, t, community_settings, welcome)


async def show_rules(
    message: Message,
    community: Community,
    t: Texts,
    settings: CommunitySettings,
    welcome: WelcomeService,
) -> None:
    """The rules, with "I accept the rules" for a newcomer still read-only there: in private
    for the person themself, in the group while anyone is (the button works only for them)."""
    text = await settings.get(community.chat_id, COMMUNITY_RULES)
    if text:
        shown = t("rules-text", title=community.title, rules=numbered(text))
    else:
        shown = t("rules-empty", title=community.title)
    if message.chat.type == "private":
        held = await welcome.held(community.chat_id, message.chat.id)
    else:
        held = await welcome.anyone_held(community.chat_id)
    keyboard = accept_keyboard(t, community.chat_id) if held else None
    await message.answer(shown, reply_markup=keyboard)


async def team(
    message: Message,
    t: Texts,
    group_t: Texts,
    users: UsersRepo,
    communities: CommunitiesRepo,
    permissions: Permissions,
    community_service: CommunityService,
    community: Community | None = None,
) -> None:
    """Whom to turn to: admins, appointed moderators and listeners, for everyone to see."""
    found = await _community(message, t, group_t, community_service, community)
    if found is None:
        return
    community, t = found
    chat_id = community.chat_id

    async def names(ids: list[int]) -> str:
        shown = []
        for user_id in ids:
            user = await users.get(user_id)
            name = (user.first_name if user else None) or t("someone")
            shown.append(mention(user_id, clip(name, 40)))
        return ", ".join(shown) if shown else t("team-nobody")

    try:
        # Admins who chose to stay anonymous are not named.
        members = await message.bot.get_chat_administrators(chat_id)  # type: ignore[union-attr]
        admins = [
            m.user.id
            for m in members
            # Telegram lists only owners and administrators here; the type allows any member.
            if isinstance(m, ChatMemberOwner | ChatMemberAdministrator)
            and not m.user.is_bot
            and not m.is_anonymous
        ]
    except TelegramAPIError:
        admins = sorted(await permissions.admins(chat_id))
    moderators = [m for m in await communities.moderators(chat_id) if m not in admins]
    listeners = await communities.listeners(chat_id)
    lines = [
        t("team-title", title=community.title),
        t("team-admins", names=Markup(await names(admins))),
        t("team-moderators", names=Markup(await names(moderators))),
        t("team-listeners", names=Markup(await names(listeners))),
        "",
        t("team-hint"),
    ]
    await message.answer("\n".join(lines))


@dataclass(frozen=True)
class TextCommand:
    """/setmission or /setrules: the setting it writes, its limit, its texts' prefix."""

    option: Option
    limit: int
    action: str


async def _set_text(
    message: Message,
    command: CommandObject,
    what: TextCommand,
    t: Texts,
    group_t: Texts,
    actor: Actor,
    permissions: Permissions,
    community_service: CommunityService,
    community_settings: CommunitySettings,
    community: Community | None,
) -> None:
    """/setmission and /setrules: the text after the command, or the replied message's; only
    moderators; the change goes to the audit log."""
    found = await _community(message, t, group_t, community_service, community)
    if found is None:
        return
    community, t = found
    option, limit, action = what.option, what.limit, what.action
    if not await permissions.may(community.chat_id, actor, Action.MODERATE):
        await message.answer(t("not-allowed-moderators"))
        return
    replied = message.reply_to_message
    text = (command.args or "").strip() or (
        (replied.text or replied.caption or "").strip() if replied is not None else ""
    )
    if not text:
        await message.answer(t(f"{action}-usage"))
        return
    if utf16_len(text) > limit:
        await message.answer(t("help-too-long", length=utf16_len(text), limit=limit))
        return
    await community_settings.set(community.chat_id, option, text, actor)
    await message.answer(t(f"{action}-saved"))


MISSION = TextCommand(COMMUNITY_MISSION, MISSION_LIMIT, "mission")
RULES = TextCommand(COMMUNITY_RULES, RULES_LIMIT, "setrules")


async def set_mission(
    message: Message,
    command: CommandObject,
    t: Texts,
    group_t: Texts,
    actor: Actor,
    permissions: Permissions,
    community_service: CommunityService,
    community_settings: CommunitySettings,
    community: Community | None = None,
) -> None:
    await _set_text(
        message,
        command,
        MISSION,
        t,
        group_t,
        actor,
        permissions,
        community_service,
        community_settings,
        community,
    )


async def set_rules(
    message: Message,
    command: CommandObject,
    t: Texts,
    group_t: Texts,
    actor: Actor,
    permissions: Permissions,
    community_service: CommunityService,
    community_settings: CommunitySettings,
    community: Community | None = None,
) -> None:
    await _set_text(
        message,
        command,
        RULES,
        t,
        group_t,
        actor,
        permissions,
        community_service,
        community_settings,
        community,
    )


async def render_modlog(
    t: Texts, community: Community, page: int, kind: str, audit: AuditLog, settings: Settings
) -> tuple[str, InlineKeyboardMarkup]:
    kind = kind if kind in FILTERS else ""
    entries, total = await audit.page(community.chat_id, page, MODLOG_PAGE, kind)
    zone = community.timezone or settings.default_timezone
    if entries:
        lines = [t("modlog-title", title=community.title, count=total)]
        if kind:
            lines[0] += " · " + t(f"modlog-filter-{kind}")
        lines += [await audit.describe(entry, t, zone) for entry in entries]
        text = "\n".join(lines)
    else:
        text = t("modlog-empty", title=community.title)

    def callback(page: int, kind: str = kind) -> str:
        return ModlogCB(chat_id=community.chat_id, page=page, kind=kind).pack()

    rows = []
    row = pager_row(t, page, total, callback)
    if row:
        rows.append(row)
    filters = [
        InlineKeyboardButton(
            text=("• " if name == kind else "") + t(f"modlog-filter-{name}"),
            callback_data=callback(0, "" if name == kind else name),
        )
        for name in FILTERS
    ]
    rows += [filters[:2], filters[2:]]
    return text, InlineKeyboardMarkup(inline_keyboard=rows)


async def modlog(
    message: Message,
    t: Texts,
    group_t: Texts,
    actor: Actor,
    permissions: Permissions,
    runtime: Runtime,
    settings: Settings,
    audit: AuditLog,
    community_service: CommunityService,
) -> None:
    """The audit log, for moderators, in private (it names people)."""
    if message.chat.type != "private":
        await brief(message, runtime, group_t("modlog-private-only"))
        return
    found = await _community(message, t, group_t, community_service, None)
    if found is None:
        return
    community, t = found
    if not await permissions.may(community.chat_id, actor, Action.MODERATE):
        await message.answer(t("not-allowed-moderators"))
        return
    text, keyboard = await render_modlog(t, community, 0, "", audit, settings)
    await message.answer(text, reply_markup=keyboard)


async def modlog_page(
    query: CallbackQuery,
    callback_data: ModlogCB,
    t: Texts,
    communities: CommunitiesRepo,
    permissions: Permissions,
    settings: Settings,
    audit: AuditLog,
) -> None:
    message = own_private_message(query)
    community = await communities.get(callback_data.chat_id)
    actor = Actor(query.from_user.id)
    if (
        message is None
        or community is None
        or not await permissions.may(community.chat_id, actor, Action.MODERATE)
    ):
        await query.answer(t("not-allowed-moderators"), show_alert=True)
        return
    await query.answer()
    page = max(0, callback_data.page)
    text, keyboard = await render_modlog(t, community, page, callback_data.kind, audit, settings)
    await update_menu(message, text, keyboard)
