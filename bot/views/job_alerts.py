"""What a member sees of their saved searches (/subscribe): a search in one line, an alert
with the vacancy's card, and the morning digest. Queued through the sender (the outbox).

Implements bot.services.job_alerts.JobAlertNotifier."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import JobsCB
from bot.i18n import Texts, Translator
from bot.repos.jobs_search import JobFilters
from bot.repos.users import User
from bot.repos.vacancies import Vacancy
from bot.services.job_alerts import ALERT_KEEPS
from bot.services.sender import Sender
from bot.services.vacancy_text import Salary
from bot.texts import clip, escape
from bot.views.vacancies import VacancyViews, card

ALERT_KEY = "job-alert:"


def describe(t: Texts, query: str, filters: JobFilters) -> str:
    """A saved search in one line, for lists and alerts (escaped: the query is the person's)."""
    parts = [f"«{escape(query)}»" if query else t("subs-any-words")]
    if filters.remote:
        parts.append(t("jobs-remote"))
    if filters.level:
        parts.append(t(f"vac-level-{filters.level}"))
    if filters.employment:
        parts.append(t(f"vac-employment-{filters.employment}"))
    if filters.salary_from and filters.currency:
        parts.append(
            Salary(filters.salary_from, None, filters.currency).describe(t("vac-from"), "")
        )
    return " · ".join(parts)


class JobAlertViews:
    """Saved searches' notifier: render in the reader's language, queue for sending."""

    def __init__(self, translator: Translator, sender: Sender, vacancies: VacancyViews) -> None:
        self.translator = translator
        self.sender = sender
        self.vacancies = vacancies  # the card's own buttons: Save, Refer me

    async def vacancy_matched(self, user: User, vacancy: Vacancy, now: float) -> None:
        t = self.translator.texts_for(user)
        await self.sender.enqueue(
            user.id,
            t("subs-alert") + "\n\n" + card(t, vacancy),
            reply_markup=await self.vacancies.buttons(t, vacancy, for_user=user.id),
            dedupe_key=f"{ALERT_KEY}{vacancy.id}:{user.id}",
            expires_at=now + ALERT_KEEPS,
        )

    async def digest_ready(
        self, user: User, vacancies: Sequence[Vacancy], total: int, now: float
    ) -> None:
        """The morning's vacancies, each a button that opens its card."""
        t = self.translator.texts_for(user)
        rows = []
        for vacancy in vacancies:
            label = f"{vacancy.title} — {vacancy.company}"
            rows.append(
                [
                    InlineKeyboardButton(
                        text=clip(label, 60),
                        callback_data=JobsCB(action="open", value=vacancy.id).pack(),
                    )
                ]
            )
        text = t("subs-digest", count=total)
        if total > len(vacancies):
            text += "\n" + t("subs-digest-more", count=total - len(vacancies))
        await self.sender.enqueue(
            user.id,
            text,
            reply_markup=InlineKeyboardMarkup(inline_keyboard=rows),
            dedupe_key=f"job-digest:{user.id}:{int(now)}",
            expires_at=now + ALERT_KEEPS,
        )
