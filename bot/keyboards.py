"""Inline keyboards shared by several handlers."""

from __future__ import annotations

from collections.abc import Callable

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import FlagCB, MenuCB
from bot.i18n import Texts

MENU_ITEMS = ("community", "lang", "timezone", "mydata", "help")

# The admin rights the bot needs in a group, as the "add to a group" link asks for them (and as
# setMyDefaultAdministratorRights offers them): deleting spam, muting, pinning, approving joins.
ADMIN_RIGHTS = ("delete_messages", "restrict_members", "pin_messages", "invite_users")
ADD_TO_GROUP_PAYLOAD = "setup"  # the /start@bot parameter the group gets with the link


def add_to_group_link(bot_username: str) -> str:
    """Telegram's "add to a group" dialog, the bot proposed as an admin with ADMIN_RIGHTS."""
    rights = "+".join(ADMIN_RIGHTS)
    return f"https://t.me/{bot_username}?startgroup={ADD_TO_GROUP_PAYLOAD}&admin={rights}"


def main_menu(t: Texts, bot_username: str | None = None) -> InlineKeyboardMarkup:
    """The private menu; with the bot's username, also "Add to a group"."""
    rows = [
        [
            InlineKeyboardButton(
                text=t("menu-community"), callback_data=MenuCB(item="community").pack()
            )
        ],
        [
            InlineKeyboardButton(text=t("menu-lang"), callback_data=MenuCB(item="lang").pack()),
            InlineKeyboardButton(
                text=t("menu-timezone"), callback_data=MenuCB(item="timezone").pack()
            ),
        ],
        [
            InlineKeyboardButton(text=t("menu-mydata"), callback_data=MenuCB(item="mydata").pack()),
            InlineKeyboardButton(text=t("menu-help"), callback_data=MenuCB(item="help").pack()),
        ],
    ]
    if bot_username:
        rows.append(
            [InlineKeyboardButton(text=t("menu-add-to-group"), url=add_to_group_link(bot_username))]
        )
    return InlineKeyboardMarkup(inline_keyboard=rows)


PAGE_SIZE = 8


def pager_row(
    t: Texts, page: int, total: int, make: Callable[[int], str]
) -> list[InlineKeyboardButton]:
    """‹ 2/5 › under a long list; `make(page)` packs the callback data of a page."""
    pages = max(1, -(-total // PAGE_SIZE))
    if pages == 1:
        return []
    row = []
    if page > 0:
        row.append(InlineKeyboardButton(text=t("page-prev"), callback_data=make(page - 1)))
    row.append(
        InlineKeyboardButton(
            text=t("page-position", page=page + 1, pages=pages), callback_data=make(page)
        )
    )
    if page < pages - 1:
        row.append(InlineKeyboardButton(text=t("page-next"), callback_data=make(page + 1)))
    return row


def deep_link(bot_username: str, payload: str) -> str:
    return f"https://t.me/{bot_username}?start={payload}"


def open_private(t: Texts, bot_username: str, payload: str) -> InlineKeyboardMarkup:
    """A button that takes a person from the group to a private chat with the bot."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t("group-open-private"), url=deep_link(bot_username, payload)
                )
            ]
        ]
    )


async def update_menu(message: Message, text: str, keyboard: InlineKeyboardMarkup | None) -> None:
    """Show a menu in place of the message it was pressed under. Pressing a button that
    leaves the menu as it was is fine: Telegram's "message is not modified" is not an error."""
    try:
        await message.edit_text(text, reply_markup=keyboard)
    except TelegramBadRequest as error:
        if "message is not modified" not in error.message:
            raise


def flag_button(t: Texts, kind: str, item: int) -> InlineKeyboardButton:
    """🚩 under a member's post in the group: any member may report it to the moderators."""
    return InlineKeyboardButton(
        text=t("flag-button"), callback_data=FlagCB(kind=kind, id=item).pack()
    )
