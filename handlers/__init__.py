"""The ordered list of routers: one per feature; the fallback router goes last."""

from __future__ import annotations

from aiogram import Router

from handlers import (
    appeals,
    checkins,
    community,
    cv,
    errors,
    fallback,
    general_settings,
    groups,
    help,
    intro,
    jobs,
    join_requests,
    leadership,
    meetings,
    mentoring,
    moderation,
    moderation_settings,
    moderation_tools,
    privacy,
    reports,
    requests,
    sanctions,
    settings,
    setup,
    sos,
    start,
    subscriptions,
    talents,
    vacancies,
)
from handlers.checkins import reminders
from handlers.deeplinks import DeepLinks
from handlers.meetings import answers, form
from handlers.requests import ask, helping

# The features that open from a /start deep link, each registering its own prefixes.
LINKED = (
    start,
    fallback,
    sos,
    answers,
    form,
    reminders,
    ask,
    helping,
    cv,
    vacancies,
    leadership,
    intro,
    setup,
    settings,
)


def deep_links() -> DeepLinks:
    links = DeepLinks()
    for feature in LINKED:
        feature.register_links(links)
    return links


def routers() -> list[Router]:
    # Fresh routers every call: aiogram routers attach to one dispatcher only.
    return [
        errors.router(),
        groups.router(),
        start.router(deep_links()),
        help.router(),
        sos.router(),
        settings.router(),
        setup.router(),
        checkins.router(),
        requests.router(),
        vacancies.router(),
        jobs.router(),
        subscriptions.router(),
        cv.router(),
        talents.router(),
        mentoring.router(),
        meetings.router(),
        leadership.router(),
        intro.router(),
        community.router(),
        privacy.router(),
        moderation.router(),
        moderation_settings.router(),
        general_settings.router(),
        sanctions.router(),
        reports.router(),
        appeals.router(),
        join_requests.router(),
        moderation_tools.router(),  # "@admin" in any group message: after the commands
        requests.relay_router(),  # plain text outside forms: a relayed conversation, if any
        fallback.router(),
    ]
