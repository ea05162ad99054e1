"""Inline keyboards shared by several handlers."""

from __future__ import annotations

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
