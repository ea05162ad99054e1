"""Inline keyboards shared by several handlers."""

from __future__ import annotations

from collections.abc import Callable

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import FlagCB, FlagKind, MenuCB, SosAction, SosCB
from bot.i18n import Texts

# The things people come for first, then their own settings; each button runs its command.
MENU_ROWS: tuple[tuple[str, ...], ...] = (
    ("checkin", "ask"),
    ("offer", "jobs"),
    ("meetings", "intro"),
    ("sos",),
    ("community", "lang"),
    ("timezone", "mydata"),
    ("help",),
)
MENU_ITEMS = tuple(item for row in MENU_ROWS for item in row)

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
            InlineKeyboardButton(text=t(f"menu-{item}"), callback_data=MenuCB(item=item).pack())
            for item in row
        ]
        for row in MENU_ROWS
    ]
    if bot_username:
        rows.append(
            [InlineKeyboardButton(text=t("menu-add-to-group"), url=add_to_group_link(bot_username))]
        )
    return InlineKeyboardMarkup(inline_keyboard=rows)


def sos_button(t: Texts) -> InlineKeyboardButton:
    """The "I need help now" button (/sos), under the screens of a hard moment."""
    return InlineKeyboardButton(
        text=t("sos-button"), callback_data=SosCB(action=SosAction.OPEN).pack()
    )


def with_sos(t: Texts, keyboard: InlineKeyboardMarkup | None = None) -> InlineKeyboardMarkup:
    """`keyboard` with the /sos button as its last row."""
    rows = list(keyboard.inline_keyboard) if keyboard is not None else []
    return InlineKeyboardMarkup(inline_keyboard=[*rows, [sos_button(t)]])


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


def flag_button(t: Texts, kind: FlagKind | str, item: int) -> InlineKeyboardButton:
    """🚩 under a member's post in the group: any member may report it to the moderators."""
    return InlineKeyboardButton(
        text=t("flag-button"), callback_data=FlagCB(kind=FlagKind(kind), id=item).pack()
    )
