"""Vacancies: a member shares one (typed field by field, or pasted whole and read), the group
gets a consistent card with hashtags first, within limits against noise and without
duplicates."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from bot.i18n import Markup, Texts
from bot.repos.communities import CommunitiesRepo
from bot.repos.vacancies import VacanciesRepo, Vacancy
from bot.services.community_settings import TOPIC_JOBS, VACANCIES_PER_DAY, CommunitySettings
from bot.services.permissions import Action, Actor, Permissions
from bot.services.vacancy_text import Salary
from bot.texts import clip, escape

if TYPE_CHECKING:
    from bot.i18n import Translator
    from bot.services.sender import Sender

log = logging.getLogger(__name__)

DAY = 86400.0
DUPLICATE_WINDOW = 30 * DAY
DEFAULT_EXPIRY_DAYS = 30
DESCRIPTION_LIMIT = 2000
TITLE_LIMIT = 120
COMPANY_LIMIT = 80
CITY_LIMIT = 60
POST_KEY = "vac-post:"


@dataclass(frozen=True)
class VacancyDraft:
    title: str
    company: str
    location: str
    city: str
    employment: str
    level: str
    salary: Salary | None
    tags: tuple[str, ...]
    description: str
    link: str
    can_refer: bool
    expiry_days: int = DEFAULT_EXPIRY_DAYS


class Posted(Enum):
    DONE = "done"
    NOT_ALLOWED = "not_allowed"
    TOO_MANY = "too_many"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class Submitted:
    outcome: Posted
    vacancy: Vacancy | None = None  # the new one, or the existing duplicate


class VacancyService:
    def __init__(
        self,
        repo: VacanciesRepo,
        communities: CommunitiesRepo,
        permissions: Permissions,
        settings: CommunitySettings,
        *,
        sender: Sender,
        translator: Translator,
    ) -> None:
        self.repo = repo
        self.communities = communities
        self.permissions = permissions
        self.settings = settings
        self.sender = sender
        self.translator = translator
        sender.on_sent(POST_KEY, self._post_sent)

    async def may_post(self, chat_id: int, user_id: int) -> bool:
        membership = await self.communities.membership(chat_id, user_id)
        if membership is None or not membership.active:
            return False
        return await self.permissions.may(chat_id, Actor(user_id), Action.USE)

    async def submit(self, author_id: int, chat_id: int, draft: VacancyDraft) -> Submitted:
        if not await self.may_post(chat_id, author_id):
            return Submitted(Posted.NOT_ALLOWED)
        community = await self.communities.get(chat_id)
        if community is None or not community.active:
            return Submitted(Posted.NOT_ALLOWED)
        now = self.repo.clock.time()
        existing = await self.repo.duplicate(
            chat_id, draft.link, draft.title, draft.company, now - DUPLICATE_WINDOW
        )
        if existing is not None:
            return Submitted(Posted.DUPLICATE, existing)
        limit = await self.settings.get(chat_id, VACANCIES_PER_DAY)
        if await self.repo.posted_since(author_id, chat_id, now - DAY) >= limit:
            return Submitted(Posted.TOO_MANY)
        vacancy_id = await self.repo.create(
            chat_id,
            author_id,
            "open",
            draft.expiry_days * DAY,
            title=draft.title,
            company=draft.company,
            location=draft.location,
            city=draft.city,
            employment=draft.employment,
            level=draft.level,
            salary_low=draft.salary.low if draft.salary else None,
            salary_high=draft.salary.high if draft.salary else None,
            currency=draft.salary.currency if draft.salary else None,
            tags=" ".join(draft.tags),
            description=draft.description,
            link=draft.link,
            can_refer=int(draft.can_refer),
        )
        vacancy = await self.repo.get(vacancy_id)
        assert vacancy is not None
        t = self.translator.texts(community.language or self.translator.default_language)
        await self.sender.enqueue(
            chat_id,
            self.card(t, vacancy),
            thread_id=await self.settings.get(chat_id, TOPIC_JOBS),
            dedupe_key=f"{POST_KEY}{vacancy_id}:",
        )
        log.info("vacancy posted", extra={"vacancy_id": vacancy_id})
        return Submitted(Posted.DONE, vacancy)

    async def _post_sent(self, key: str, chat_id: int, message_id: int) -> None:
        await self.repo.set_post(int(key[len(POST_KEY) :].split(":")[0]), message_id)

    def card(self, t: Texts, vacancy: Vacancy | VacancyDraft) -> str:
        """Hashtags first (Telegram's own hashtag search finds them), then the facts."""
        if isinstance(vacancy, Vacancy):
            salary = (
                Salary(vacancy.salary_low, vacancy.salary_high, vacancy.currency)
                if vacancy.currency
                else None
            )
            tags = tuple(vacancy.tags.split())
        else:
            salary, tags = vacancy.salary, vacancy.tags
        head = [
            t(f"vac-tag-level-{vacancy.level}"),
            t(f"vac-tag-location-{vacancy.location}"),
            t(f"vac-tag-employment-{vacancy.employment}"),
            *tags,
        ]
        lines = [
            " ".join(dict.fromkeys(head)),
            t("vac-card-title", title=vacancy.title, company=vacancy.company),
        ]
        where = t(f"vac-location-{vacancy.location}")
        if vacancy.city:
            where += ", " + escape(vacancy.city)
        lines.append(
            t(
                "vac-card-facts",
                where=Markup(where),
                employment=t(f"vac-employment-{vacancy.employment}"),
                level=t(f"vac-level-{vacancy.level}"),
            )
        )
        if salary is not None:
            lines.append(t("vac-card-salary", salary=salary.describe(t("vac-from"), t("vac-to"))))
        if vacancy.description:
            lines.append("")
            lines.append(escape(clip(vacancy.description, DESCRIPTION_LIMIT)))
        lines.append("")
        lines.append(t("vac-card-link", link=vacancy.link))
        if vacancy.can_refer:
            lines.append(t("vac-card-refer"))
        return "\n".join(lines)
