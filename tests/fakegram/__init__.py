"""Fake Telegram Bot API server for driving a real aiogram Bot over real HTTP in tests."""

from ._model import Call
from ._world import png_bytes
from .server import FakeTelegram, skip_close_nap

__all__ = ["Call", "FakeTelegram", "png_bytes", "skip_close_nap"]
