"""Check-ins: the daily question, reminders, the community's pulse and the person's history."""

from __future__ import annotations

from aiogram import Router

from handlers.checkins import flow, history, pulse, reminders, settings


def router() -> Router:
    r = Router(name="checkins")
    r.include_routers(
        flow.router(), reminders.router(), pulse.router(), history.router(), settings.router()
    )
    return r
