"""/jobs [query]: search the open vacancies of my communities, with filters (remote, level,
type, salary from) and pages; each result opens the full card with its actions. Each /jobs
message keeps its own search (bot/repos/job_searches.py): its buttons carry that search's id,
so pressing under an older message acts on the older search."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import JobsCB, JobSearchAction, JobSearchCB
from bot.filters import PRIVATE, pressed_privately
from bot.i18n import Texts
from bot.keyboards import PAGE_SIZE, pager_row, update_menu
from bot.repos.job_searches import JobSearch
from bot.repos.jobs_search import COUNT_CAP, JobFilters
from bot.services.job_alerts import JobAlerts
from bot.services.vacancies import VacancyService
from bot.services.vacancy_text import EMPLOYMENT, LEVELS, Salary
from bot.texts import clip
from bot.views.vacancies import VacancyViews
from handlers.subscriptions import subscribe
from handlers.vacancies import show_card

QUERY_LIMIT = 100
# "Salary from" presets, cycled by one button: (amount, currency).
SALARIES: tuple[tuple[int, str], ...] = (
    (100_000, "RUB"),
    (200_000, "RUB"),
    (300_000, "RUB"),
    (2_000, "USD"),
    (4_000, "USD"),
)


def router() -> Router:
    r = Router(name="jobs")
    r.message.register(jobs_command, Command("jobs"), PRIVATE)
    r.callback_query.register(subscribe_pressed, JobSearchCB.filter(F.action == JSA.SUBSCRIBE))
    r.callback_query.register(paged, JobSearchCB.filter(F.action == JSA.PAGE))
    r.callback_query.register(filtered, JobSearchCB.filter(F.action.in_(FILTERS)))
    r.callback_query.register(opened, JobsCB.filter(F.action == "open"))
    r.callback_query.register(old_filter, JobsCB.filter())
    return r


JSA = JobSearchAction


def _button(
    text: str, search: JobSearch, action: JobSearchAction, value: int = 0
) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=JobSearchCB(id=search.id, action=action, value=value).pack()
    )


async def render(
    search: JobSearch, t: Texts, service: VacancyService
) -> tuple[str, InlineKeyboardMarkup]:
    filters, page = search.filters, max(0, search.page)
    found, total = await service.found(search, offset=page * PAGE_SIZE, limit=PAGE_SIZE)
    rows = []
    for vacancy in found:
        label = f"{vacancy.title} — {vacancy.company}"
        if vacancy.currency:
            salary = Salary(vacancy.salary_low, vacancy.salary_high, vacancy.currency)
            label += " · " + salary.describe(t("vac-from"), t("vac-to"))
        rows.append(
            [
                InlineKeyboardButton(
                    text=clip(label, 60),
                    callback_data=JobsCB(action="open", value=vacancy.id).pack(),
                )
            ]
        )
    pager = pager_row(
        t, page, total, lambda p: JobSearchCB(id=search.id, action=JSA.PAGE, value=p).pack()
    )
    if pager:
        rows.append(pager)
    level = t(f"vac-level-{filters.level}") if filters.level else t("jobs-any")
    kind = t(f"vac-employment-{filters.employment}") if filters.employment else t("jobs-any")
    salary_text = (
        Salary(filters.salary_from, None, filters.currency or "").describe(t("vac-from"), "")
        if filters.salary_from
        else t("jobs-any")
    )
    rows.append(
        [
            _button(("✓ " if filters.remote else "") + t("jobs-remote"), search, JSA.REMOTE),
            _button(t("jobs-level", value=level), search, JSA.LEVEL),
        ]
    )
    rows.append(
        [
            _button(t("jobs-type", value=kind), search, JSA.TYPE),
            _button(t("jobs-salary", value=salary_text), search, JSA.SALARY),
        ]
    )
    rows.append([_button(t("jobs-subscribe"), search, JSA.SUBSCRIBE)])
    query = search.query
    if total > COUNT_CAP:
        head = t("jobs-found-many", count=COUNT_CAP, query=query or "…")
    elif total:
        head = t("jobs-found", count=total, query=query) if query else t("jobs-all", count=total)
    else:
        head = t("jobs-none")
    return head, InlineKeyboardMarkup(inline_keyboard=rows)


async def jobs_command(
    message: Message, command: CommandObject, t: Texts, vacancy_service: VacancyService
) -> None:
    assert message.from_user is not None
    query = " ".join((command.args or "").split())[:QUERY_LIMIT]
    search = await vacancy_service.new_search(message.from_user.id, query)
    text, keyboard = await render(search, t, vacancy_service)
    await message.answer(text, reply_markup=keyboard)


def _cycle(options: tuple[Any, ...], current: Any) -> Any:
    """None (any) → the first → … → the last → None."""
    index = options.index(current) if current in options else -1
    return options[index + 1] if index + 1 < len(options) else None


def _salary(filters: JobFilters) -> JobFilters:
    current = (filters.salary_from, filters.currency)
    salary = _cycle(SALARIES, current if current in SALARIES else None)
    return replace(
        filters,
        salary_from=salary[0] if salary else None,
        currency=salary[1] if salary else None,
    )


# What one press of a filter button does to the filters.
FILTERS: dict[JobSearchAction, Callable[[JobFilters], JobFilters]] = {
    JSA.REMOTE: lambda f: replace(f, remote=not f.remote),
    JSA.LEVEL: lambda f: replace(f, level=_cycle(LEVELS, f.level)),
    JSA.TYPE: lambda f: replace(f, employment=_cycle(EMPLOYMENT, f.employment)),
    JSA.SALARY: _salary,
}


async def _own_search(
    query: CallbackQuery, callback_data: JobSearchCB, t: Texts, service: VacancyService
) -> tuple[Message, JobSearch] | None:
    """The private message pressed under and its search, if that search is the presser's."""
    message = await pressed_privately(query, t)
    if message is None:
        return None
    search = await service.own_search(callback_data.id, query.from_user.id)
    if search is None:  # someone else's id, or a search too old to be kept
        await query.answer(t("jobs-outdated"), show_alert=True)
        return None
    return message, search


async def _show(
    query: CallbackQuery,
    message: Message,
    search: JobSearch,
    t: Texts,
    service: VacancyService,
) -> None:
    """The search, changed, is kept for the message's buttons and shown in its place."""
    await service.keep_search(search.id, search.filters, search.page)
    await query.answer()
    await update_menu(message, *await render(search, t, service))


async def subscribe_pressed(
    query: CallbackQuery,
    callback_data: JobSearchCB,
    t: Texts,
    vacancy_service: VacancyService,
    job_alerts: JobAlerts,
) -> None:
    if (found := await _own_search(query, callback_data, t, vacancy_service)) is None:
        return
    message, search = found
    text = await subscribe(query.from_user.id, search.query, search.filters, t, job_alerts)
    await query.answer()
    await message.answer(text)


async def paged(
    query: CallbackQuery, callback_data: JobSearchCB, t: Texts, vacancy_service: VacancyService
) -> None:
    if (found := await _own_search(query, callback_data, t, vacancy_service)) is None:
        return
    message, search = found
    page = max(0, callback_data.value)
    await _show(query, message, replace(search, page=page), t, vacancy_service)


async def filtered(
    query: CallbackQuery, callback_data: JobSearchCB, t: Texts, vacancy_service: VacancyService
) -> None:
    """A filter button: the filter changes and the results start again from the first page."""
    if (found := await _own_search(query, callback_data, t, vacancy_service)) is None:
        return
    message, search = found
    filters = FILTERS[callback_data.action](search.filters)
    await _show(query, message, replace(search, filters=filters, page=0), t, vacancy_service)


async def opened(
    query: CallbackQuery,
    callback_data: JobsCB,
    t: Texts,
    vacancy_service: VacancyService,
    vacancy_views: VacancyViews,
) -> None:
    """A result of /jobs or of a morning digest: the card, with Save and Refer me."""
    message = await pressed_privately(query, t)
    if message is None:
        return
    user_id = query.from_user.id
    # Only what the search could show: open, in one of the presser's communities.
    vacancy = await vacancy_service.searchable(callback_data.value, user_id)
    if vacancy is None:
        await query.answer(t("vac-gone"), show_alert=True)
        return
    await query.answer()
    await show_card(message, user_id, vacancy, t, vacancy_views)


async def old_filter(query: CallbackQuery, t: Texts) -> None:
    """A filter button of a /jobs message from before each message kept its own search."""
    if await pressed_privately(query, t) is not None:
        await query.answer(t("jobs-outdated"), show_alert=True)
