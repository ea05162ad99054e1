"""Meetings: /meet schedules one (or a series), the group answers under the announcement,
/meetings lists what is coming."""

from __future__ import annotations

from aiogram import Router

from handlers.meetings import answers, form, manage, settings


def router() -> Router:
    r = Router(name="meetings")
    r.include_routers(form.router(), answers.router(), manage.router(), settings.router())
    return r
