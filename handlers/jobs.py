"""/jobs [query]: search the open vacancies of my communities, with filters (remote, level,
type, salary from) and pages; each result opens the full card. The query and filters live in
the person's form data, so buttons carry only small numbers."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import JobsCB
from bot.filters import PRIVATE, pressed_privately
from bot.i18n import Texts
from bot.keyboards import PAGE_SIZE, pager_row, update_menu
from bot.repos.jobs_search import COUNT_CAP, JobFilters
from bot.services.job_alerts import JobAlerts
from bot.services.vacancies import VacancyService
from bot.services.vacancy_text import EMPLOYMENT, LEVELS, Salary
from bot.texts import clip
from handlers.subscriptions import subscribe

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
    r.callback_query.register(pressed, JobsCB.filter())
    return r


def _button(text: str, action: str, value: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=JobsCB(action=action, value=value).pack())


def filters_of(search: dict[str, Any]) -> JobFilters:
    level, kind, salary = search.get("level", -1), search.get("type", -1), search.get("salary", -1)
    return JobFilters(
        remote=bool(search.get("remote")),
        level=LEVELS[level] if 0 <= level < len(LEVELS) else None,
        employment=EMPLOYMENT[kind] if 0 <= kind < len(EMPLOYMENT) else None,
        salary_from=SALARIES[salary][0] if 0 <= salary < len(SALARIES) else None,
        currency=SALARIES[salary][1] if 0 <= salary < len(SALARIES) else None,
    )


async def render(
    user_id: int, search: dict[str, Any], t: Texts, service: VacancyService
) -> tuple[str, InlineKeyboardMarkup]:
    filters = filters_of(search)
    page = max(0, int(search.get("page", 0)))
    found, total = await service.search.search(
        user_id, search.get("q", ""), filters, offset=page * PAGE_SIZE, limit=PAGE_SIZE
    )
    rows = []
    for vacancy in found:
        label = f"{vacancy.title} — {vacancy.company}"
        if vacancy.currency:
            salary = Salary(vacancy.salary_low, vacancy.salary_high, vacancy.currency)
            label += " · " + salary.describe(t("vac-from"), t("vac-to"))
        rows.append([_button(clip(label, 60), "open", vacancy.id)])
    pager = pager_row(t, page, total, lambda p: JobsCB(action="page", value=p).pack())
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
            _button(("✓ " if filters.remote else "") + t("jobs-remote"), "remote"),
            _button(t("jobs-level", value=level), "level"),
        ]
    )
    rows.append(
        [
            _button(t("jobs-type", value=kind), "type"),
            _button(t("jobs-salary", value=salary_text), "salary"),
        ]
    )
    rows.append([_button(t("jobs-subscribe"), "subscribe")])
    query = search.get("q", "")
    if total > COUNT_CAP:
        head = t("jobs-found-many", count=COUNT_CAP, query=query or "…")
    elif total:
        head = t("jobs-found", count=total, query=query) if query else t("jobs-all", count=total)
    else:
        head = t("jobs-none")
    return head, InlineKeyboardMarkup(inline_keyboard=rows)


async def jobs_command(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    t: Texts,
    vacancy_service: VacancyService,
) -> None:
    assert message.from_user is not None
    query = " ".join((command.args or "").split())[:QUERY_LIMIT]
    search = {"q": query, "page": 0}
    await state.update_data(jobs=search)
    text, keyboard = await render(message.from_user.id, search, t, vacancy_service)
    await message.answer(text, reply_markup=keyboard)


def _cycle(value: int, size: int) -> int:
    """-1 (any) → 0 → … → size-1 → -1."""
    return value + 1 if value + 1 < size else -1


async def pressed(query: CallbackQuery, callback_data: JobsCB, **data: Any) -> None:
    t: Texts = data["t"]
    state: FSMContext = data["state"]
    service: VacancyService = data["vacancy_service"]
    alerts: JobAlerts = data["job_alerts"]
    message = await pressed_privately(query, t)
    if message is None:
        return
    user_id = query.from_user.id
    if callback_data.action == "open":
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
        await message.answer(service.card(t, vacancy))
        return
    search = dict((await state.get_data()).get("jobs") or {"q": "", "page": 0})
    action = callback_data.action
    if action == "remote":
        search["remote"] = not search.get("remote")
    elif action == "level":
        search["level"] = _cycle(search.get("level", -1), len(LEVELS))
    elif action == "type":
        search["type"] = _cycle(search.get("type", -1), len(EMPLOYMENT))
    elif action == "salary":
        search["salary"] = _cycle(search.get("salary", -1), len(SALARIES))
    elif action == "subscribe":
        text = await subscribe(user_id, search.get("q", ""), filters_of(search), t, alerts)
        await query.answer()
        await message.answer(text)
        return
    elif action != "page":
        await query.answer(t("button-outdated"), show_alert=True)
        return
    search["page"] = max(0, callback_data.value) if action == "page" else 0
    await state.update_data(jobs=search)
    await query.answer()
    text, keyboard = await render(user_id, search, t, service)
    await update_menu(message, text, keyboard)
