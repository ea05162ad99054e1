"""Help requests and offers: asking, helping, lists, the helper profile."""

from __future__ import annotations

from aiogram import Router

from handlers.requests import ask, helping, lists, offer, settings


def router() -> Router:
    r = Router(name="requests")
    r.include_routers(
        ask.router(), helping.router(), lists.router(), offer.router(), settings.router()
    )
    return r


def relay_router() -> Router:
    return helping.relay_router()
