"""/requests (open requests of my community, by category, paginated), /myrequests (mine, with
their status) and /offers (moderators: who offers what, and where nobody does)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import HelpAction, HelpCB, RequestsPageCB
from bot.filters import PRIVATE, own_private_message
from bot.i18n import Texts
from bot.keyboards import PAGE_SIZE, pager_row, update_menu, with_sos
from bot.services.communities import CommunityService
from bot.services.permissions import Action, Actor, Permissions
from bot.services.requests import CATEGORIES, HelpService
from bot.texts import clip
from bot.views.requests import category_tag
from handlers.community import acting_for


def router() -> Router:
    r = Router(name="requests-lists")
    r.message.register(open_requests, Command("requests"), PRIVATE)
    r.message.register(my_requests, Command("myrequests"), PRIVATE)
    r.message.register(offers, Command("offers"), PRIVATE)
    r.callback_query.register(turn_page, RequestsPageCB.filter())
    return r


async def _community_id(
    message: Message, user_id: int, t: Texts, community_service: CommunityService
) -> int | None:
    community = await acting_for(message, user_id, t, community_service)
    return community.chat_id if community else None


async def render_page(
    chat_id: int, category: int, page: int, t: Texts, service: HelpService
) -> tuple[str, InlineKeyboardMarkup]:
    categories = await service.categories(chat_id)
    code = categories[category].code if 0 <= category < len(categories) else None
    found, total = await service.open_page(chat_id, code, page * PAGE_SIZE, PAGE_SIZE)
    tags = {c.code: category_tag(t, c) for c in categories}
    rows = [
        [
            InlineKeyboardButton(
                text=clip(f"{tags.get(r.category, '#')} {r.title}", 60),
                callback_data=HelpCB(action=HelpAction.VIEW, id=r.id).pack(),
            )
        ]
        for r in found
    ]
    filters = [
        InlineKeyboardButton(
            text=("✓ " if i == category else "") + category_tag(t, c),
            callback_data=RequestsPageCB(category=i, page=0).pack(),
        )
        for i, c in enumerate(categories)
    ]
    rows += [filters[i : i + 4] for i in range(0, len(filters), 4)]
    if category >= 0:
        rows.append(
            [
                InlineKeyboardButton(
                    text=t("help-all-categories"),
                    callback_data=RequestsPageCB(category=-1, page=0).pack(),
                )
            ]
        )
    pager = pager_row(t, page, total, lambda p: RequestsPageCB(category=category, page=p).pack())
    if pager:
        rows.append(pager)
    text = t("help-list-title", count=total) if total else t("help-list-empty")
    return text, with_sos(t, InlineKeyboardMarkup(inline_keyboard=rows))


async def open_requests(
    message: Message, t: Texts, community_service: CommunityService, help_service: HelpService
) -> None:
    assert message.from_user is not None
    chat_id = await _community_id(message, message.from_user.id, t, community_service)
    if chat_id is None:
        return
    text, keyboard = await render_page(chat_id, -1, 0, t, help_service)
    await message.answer(text, reply_markup=keyboard)


async def turn_page(
    query: CallbackQuery,
    callback_data: RequestsPageCB,
    t: Texts,
    community_service: CommunityService,
    help_service: HelpService,
) -> None:
    message = own_private_message(query)
    # The list is always of the presser's own community: forged data shows nothing more.
    community = await community_service.selected(query.from_user.id)
    chat_id = community.chat_id if community is not None else None
    if message is None or chat_id is None:
        await query.answer(t("not-allowed"), show_alert=True)
        return
    await query.answer()
    page = max(0, callback_data.page)
    text, keyboard = await render_page(chat_id, callback_data.category, page, t, help_service)
    await update_menu(message, text, keyboard)


async def my_requests(message: Message, t: Texts, help_service: HelpService) -> None:
    assert message.from_user is not None
    mine = await help_service.of_author(message.from_user.id, limit=20)
    if not mine:
        await message.answer(t("help-mine-empty"), reply_markup=with_sos(t))
        return
    rows = [
        [
            InlineKeyboardButton(
                text=clip(f"{t(f'help-status-short-{r.status}')} · {r.title}", 60),
                callback_data=HelpCB(action=HelpAction.VIEW, id=r.id).pack(),
            )
        ]
        for r in mine
    ]
    await message.answer(
        t("help-mine-title", count=len(mine)),
        reply_markup=with_sos(t, InlineKeyboardMarkup(inline_keyboard=rows)),
    )


async def offers(
    message: Message,
    t: Texts,
    community_service: CommunityService,
    help_service: HelpService,
    permissions: Permissions,
) -> None:
    assert message.from_user is not None
    chat_id = await _community_id(message, message.from_user.id, t, community_service)
    if chat_id is None:
        return
    if not await permissions.may(chat_id, Actor(message.from_user.id), Action.MODERATE):
        await message.answer(t("not-allowed-moderators"))
        return
    profiles = [p for p in await help_service.offers_in(chat_id) if p.offers]
    lines = [t("help-offers-title", count=len(profiles))]
    for code in CATEGORIES:
        count = sum(1 for p in profiles if code in p.categories)
        key = "help-offers-line" if count else "help-offers-gap"
        lines.append(t(key, category=t(f"help-cat-{code}"), count=count))
    await message.answer("\n".join(lines))
