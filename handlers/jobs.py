"""/jobs [query]: search the open vacancies of my communities, with filters (remote, level,
type, salary from) and pages; each result opens the full card with its actions. Each /jobs
message keeps its own search (bot/repos/job_searches.py): its buttons carry that search's id,
so pressing under an older message acts on the older search."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import JobsCB, JobSearchCB
from bot.filters import PRIVATE, pressed_privately
from bot.i18n import Texts
from bot.keyboards import PAGE_SIZE, pager_row, update_menu
from bot.repos.job_searches import JobSearch
from bot.repos.jobs_search import COUNT_CAP, JobFilters
from bot.services.job_alerts import JobAlerts
from bot.services.vacancies import VacancyService
from bot.services.vacancy_text import EMPLOYMENT, LEVELS, Salary
from bot.texts import clip
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
    r.callback_query.register(pressed, JobSearchCB.filter())
    r.callback_query.register(opened, JobsCB.filter())
    return r


def _button(text: str, search: JobSearch, action: str, value: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=JobSearchCB(id=search.id, action=action, value=value).pack()
    )


async def render(
    search: JobSearch, t: Texts, service: VacancyService
) -> tuple[str, InlineKeyboardMarkup]:
    filters, page = search.filters, max(0, search.page)
    found, total = await service.search.search(
        search.user_id, search.query, filters, offset=page * PAGE_SIZE, limit=PAGE_SIZE
    )
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
        t, page, total, lambda p: JobSearchCB(id=search.id, action="page", value=p).pack()
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
            _button(("✓ " if filters.remote else "") + t("jobs-remote"), search, "remote"),
            _button(t("jobs-level", value=level), search, "level"),
        ]
    )
    rows.append(
        [
            _button(t("jobs-type", value=kind), search, "type"),
            _button(t("jobs-salary", value=salary_text), search, "salary"),
        ]
    )
    rows.append([_button(t("jobs-subscribe"), search, "subscribe")])
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
    search_id = await vacancy_service.searches.add(message.from_user.id, query)
    search = await vacancy_service.searches.get(search_id)
    assert search is not None
    text, keyboard = await render(search, t, vacancy_service)
    await message.answer(text, reply_markup=keyboard)


def _cycle(options: tuple[Any, ...], current: Any) -> Any:
    """None (any) → the first → … → the last → None."""
    index = options.index(current) if current in options else -1
    return options[index + 1] if index + 1 < len(options) else None


def changed(filters: JobFilters, action: str) -> JobFilters | None:
    """The filters after one press of a filter button; None for an unknown action."""
    if action == "remote":
        return replace(filters, remote=not filters.remote)
    if action == "level":
        return replace(filters, level=_cycle(LEVELS, filters.level))
    if action == "type":
        return replace(filters, employment=_cycle(EMPLOYMENT, filters.employment))
    if action == "salary":
        current = (filters.salary_from, filters.currency)
        salary = _cycle(SALARIES, current if current in SALARIES else None)
        return replace(
            filters,
            salary_from=salary[0] if salary else None,
            currency=salary[1] if salary else None,
        )
    return None


async def pressed(query: CallbackQuery, callback_data: JobSearchCB, **data: Any) -> None:
    t: Texts = data["t"]
    service: VacancyService = data["vacancy_service"]
    alerts: JobAlerts = data["job_alerts"]
    message = await pressed_privately(query, t)
    if message is None:
        return
    user_id = query.from_user.id
    search = await service.own_search(callback_data.id, user_id)
    if search is None:  # someone else's id, or a search too old to be kept
        await query.answer(t("jobs-outdated"), show_alert=True)
        return
    action = callback_data.action
    if action == "subscribe":
        text = await subscribe(user_id, search.query, search.filters, t, alerts)
        await query.answer()
        await message.answer(text)
        return
    if action == "page":
        filters, page = search.filters, max(0, callback_data.value)
    else:
        found = changed(search.filters, action)
        if found is None:
            await query.answer(t("button-outdated"), show_alert=True)
            return
        filters, page = found, 0
    await service.searches.update(search.id, filters, page)
    await query.answer()
    text, keyboard = await render(replace(search, filters=filters, page=page), t, service)
    await update_menu(message, text, keyboard)


async def opened(query: CallbackQuery, callback_data: JobsCB, **data: Any) -> None:
    """A result of /jobs or of a morning digest: the card, with Save and Refer me."""
    t: Texts = data["t"]
    service: VacancyService = data["vacancy_service"]
    message = await pressed_privately(query, t)
    if message is None:
        return
    if callback_data.action != "open":  # a filter button of a /jobs message from before
        await query.answer(t("jobs-outdated"), show_alert=True)
        return
    user_id = query.from_user.id
    vacancy = await service.repo.get(callback_data.value)
    # Only what the search could show: open, in one of the presser's communities.
    if (
        vacancy is None
        or vacancy.status != "open"
        or not await service.may_post(vacancy.chat_id, user_id)
    ):
        await query.answer(t("vac-gone"), show_alert=True)
        return
    await query.answer()
    await show_card(message, user_id, vacancy, t, service)
