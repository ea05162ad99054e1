"""Inline keyboards shared by several handlers."""

from __future__ import annotations

from collections.abc import Callable

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import MenuCB
from bot.i18n import Texts

MENU_ITEMS = ("community", "lang", "timezone", "mydata", "help")


def main_menu(t: Texts) -> InlineKeyboardMarkup:
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
