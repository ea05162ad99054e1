"""The bot's life in groups: added, promoted, removed, group → supergroup, members coming and
going."""

from __future__ import annotations

import logging
from contextlib import suppress

from aiogram import F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, ChatMemberUpdated, InlineKeyboardMarkup, Message

from bot.callbacks import GateCB
from bot.filters import GROUPS, PRIVATE, Inline, own_private_message
from bot.i18n import Texts, Translator
from bot.repos.users import UsersRepo
from bot.services.communities import BotChange, CommunityService, telegram_status
from bot.services.join_requests import JoinRequestService
from bot.services.sender import Sender
from bot.services.welcome import Gate, WelcomeService
from handlers import setup

log = logging.getLogger(__name__)


def router() -> Router:
    r = Router(name="groups")
    r.my_chat_member.register(bot_membership, GROUPS)
    r.my_chat_member.register(private_membership, PRIVATE)
    r.chat_member.register(member_changed)
    r.message.register(migrated_to, Inline(F.migrate_to_chat_id))
    r.message.register(migrated_from, Inline(F.migrate_from_chat_id))
    r.message.register(members_joined, Inline(F.new_chat_members))
    r.message.register(member_left, Inline(F.left_chat_member))
    r.callback_query.register(gate_pressed, GateCB.filter())
    return r


async def bot_membership(
    event: ChatMemberUpdated, community_service: CommunityService, translator: Translator
) -> None:
    chat = event.chat
    by = event.from_user
    change = await community_service.bot_status_changed(
        chat.id,
        title=chat.title or "",
        chat_type=chat.type,
        is_forum=bool(chat.is_forum),
        old=telegram_status(event.old_chat_member),
        new=telegram_status(event.new_chat_member),
        by_user_id=None if by.is_bot else by.id,
        by_language=None if by.is_bot else by.language_code,
    )
    community = await community_service.communities.get(chat.id)
    if community is None or change not in (BotChange.ADDED, BotChange.PROMOTED, BotChange.DEMOTED):
        return
    t = translator.texts(community.language or translator.default_language)
    bot = event.bot
    assert bot is not None
    username = (await bot.me()).username or ""
    if change is BotChange.ADDED:
        text, keyboard = setup.greeting(t, community, username)
    elif change is BotChange.PROMOTED:
        # Added as a member first: the setup is the next thing to do now.
        text = t("group-promoted")
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[[setup.setup_button(t, chat.id, username)]]
        )
    else:
        text, keyboard = t("group-demoted"), None
    try:
        await bot.send_message(chat.id, text, reply_markup=keyboard)
    except TelegramAPIError as exc:
        log.info("could not greet the group", extra={"chat_id": chat.id, "error": exc.message})


async def private_membership(event: ChatMemberUpdated, sender: Sender, users: UsersRepo) -> None:
    """A person blocked or unblocked the bot in private chat."""
    if telegram_status(event.new_chat_member) in ("kicked", "left"):
        await sender.chat_unreachable(event.chat.id, "blocked by the person")
    else:
        await users.set_blocked(event.chat.id, False)


async def member_changed(
    event: ChatMemberUpdated,
    community_service: CommunityService,
    welcome: WelcomeService,
    join_requests: JoinRequestService,
) -> None:
    member = event.new_chat_member.user
    if member.is_bot or event.chat.type not in ("group", "supergroup"):
        return
    old, new = telegram_status(event.old_chat_member), telegram_status(event.new_chat_member)
    await community_service.member_status_changed(event.chat.id, member.id, old, new)
    if old in ("left", "kicked") and new in ("member", "restricted"):
        await join_requests.member_joined(event.chat.id, member.id)
        await welcome.joined(event.chat.id, member.id, member.first_name)


async def migrated_to(message: Message, community_service: CommunityService) -> None:
    assert message.migrate_to_chat_id is not None
    await community_service.migrate(message.chat.id, message.migrate_to_chat_id)


async def migrated_from(message: Message, community_service: CommunityService) -> None:
    assert message.migrate_from_chat_id is not None
    await community_service.migrate(message.migrate_from_chat_id, message.chat.id)


async def members_joined(
    message: Message,
    community_service: CommunityService,
    welcome: WelcomeService,
    join_requests: JoinRequestService,
) -> None:
    # Service messages cover groups where the bot is not an admin (no chat_member updates then).
    for user in message.new_chat_members or []:
        if not user.is_bot:
            await community_service.communities.set_member_status(
                message.chat.id, user.id, "member"
            )
            await join_requests.member_joined(message.chat.id, user.id)
            await welcome.joined(message.chat.id, user.id, user.first_name)


async def member_left(message: Message, community_service: CommunityService) -> None:
    user = message.left_chat_member
    if user is not None and not user.is_bot:
        await community_service.communities.set_member_status(message.chat.id, user.id, "left")


async def gate_pressed(
    query: CallbackQuery,
    callback_data: GateCB,
    t: Texts,
    welcome: WelcomeService,
    community_service: CommunityService,
) -> None:
    """ "I accept the rules": only for the presser's own gate, whether under the welcome, the
    rules or the private notice. The answer is in the presser's language (a popup only they
    see), not the community's."""
    outcome = await welcome.accept(callback_data.chat_id, query.from_user.id)
    message = own_private_message(query)
    if outcome is Gate.PASSED and message is not None:
        # In their own chat the button has done its work; the message says so for good.
        await query.answer()
        with suppress(TelegramAPIError):
            await message.edit_reply_markup(reply_markup=None)
        community = await community_service.communities.get(callback_data.chat_id)
        title = community.title if community else ""
        await message.answer(t("welcome-accepted-here", title=title))
        return
    key = {
        Gate.PASSED: "welcome-accepted",
        Gate.LATE: "welcome-late",
        Gate.FAILED: "welcome-failed",
    }.get(outcome, "welcome-not-yours")
    await query.answer(t(key), show_alert=outcome is not Gate.PASSED)
