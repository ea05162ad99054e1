"""Vacancies: a member shares one (typed field by field, or pasted whole and read), the group
gets a consistent card with hashtags first, within limits against noise and without
duplicates."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from aiogram import Bot
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import VacancyActCB
from bot.i18n import Markup, Texts
from bot.keyboards import deep_link, flag_button
from bot.repos.communities import CommunitiesRepo
from bot.repos.job_searches import JobSearch, JobSearchesRepo
from bot.repos.jobs_search import JobFilters, JobsSearch
from bot.repos.users import UsersRepo
from bot.repos.vacancies import VacanciesRepo, Vacancy
from bot.scheduler import Scheduler, TimerArgs
from bot.services.community_settings import (
    TOPIC_JOBS,
    VACANCIES_PER_DAY,
    VACANCIES_PREMODERATION,
    CommunitySettings,
)
from bot.services.permissions import Action, Actor, Permissions, Voice
from bot.services.vacancy_text import DESCRIPTION_LIMIT, Salary
from bot.texts import clip, escape, mention

if TYPE_CHECKING:
    from bot.i18n import Translator
    from bot.services.sender import Sender

log = logging.getLogger(__name__)

DEEP_LINK_REFERRAL = "rf"  # /start rf<vacancy id>: "Refer me" under a group card
DAY = 86400.0
DUPLICATE_WINDOW = 30 * DAY
DEFAULT_EXPIRY_DAYS = 30
ASK_BEFORE = 3 * DAY  # "still open?" this long before the end
TIMER_GRACE = 30 * 86400  # late after downtime is still right: each timer re-checks the state
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
    SILENCED = "silenced"  # may not write in the group now, so the bot does not for them
    GONE = "gone"  # closed or expired: the button is old
    ALREADY = "already"


class Saving(Enum):
    SAVED = "saved"
    REMOVED = "removed"  # it was saved: the same button takes it back
    GONE = "gone"
    NOT_ALLOWED = "not_allowed"


@dataclass(frozen=True)
class Submitted:
    outcome: Posted
    vacancy: Vacancy | None = None  # the new one, or the existing duplicate


class VacancyService:
    def __init__(
        self,
        repo: VacanciesRepo,
        communities: CommunitiesRepo,
        users: UsersRepo,
        permissions: Permissions,
        settings: CommunitySettings,
        *,
        sender: Sender,
        translator: Translator,
        scheduler: Scheduler,
        bot: Bot,
        voice: Voice,
    ) -> None:
        self.bot = bot
        self.voice = voice
        self.scheduler = scheduler
        self.search = JobsSearch(repo.db)
        self.searches = JobSearchesRepo(repo.db, repo.clock)
        self.repo = repo
        self.users = users
        self.communities = communities
        self.permissions = permissions
        self.settings = settings
        self.sender = sender
        self.translator = translator
        self._on_published: list[Callable[[Vacancy], Awaitable[None]]] = []
        # The seeker's profile card for a "Refer me" note, when they keep one (set by /cv).
        self.seeker_card: Callable[[Texts, int], Awaitable[str | None]] | None = None
        sender.on_sent(POST_KEY, self._post_sent)

    def on_published(self, listener: Callable[[Vacancy], Awaitable[None]]) -> None:
        """`listener(vacancy)` once a vacancy opens to its community (saved searches)."""
        self._on_published.append(listener)

    async def get(self, vacancy_id: int) -> Vacancy | None:
        """The vacancy as it is; who may see it is the caller's check."""
        return await self.repo.get(vacancy_id)

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
        if await self.voice.silenced(chat_id, author_id):
            return Submitted(Posted.SILENCED)
        now = self.repo.clock.time()
        existing = await self.repo.duplicate(
            chat_id, draft.link, draft.title, draft.company, now - DUPLICATE_WINDOW
        )
        if existing is not None:
            return Submitted(Posted.DUPLICATE, existing)
        limit = await self.settings.get(chat_id, VACANCIES_PER_DAY)
        if await self.repo.posted_since(author_id, chat_id, now - DAY) >= limit:
            return Submitted(Posted.TOO_MANY)
        review = bool(await self.settings.get(chat_id, VACANCIES_PREMODERATION))
        vacancy_id = await self.repo.create(
            chat_id,
            author_id,
            "review" if review else "open",
            draft.expiry_days * DAY,
            **_columns(draft),
        )
        vacancy = await self.repo.get(vacancy_id)
        assert vacancy is not None
        if review:
            await self._ask_moderators(vacancy)
            return Submitted(Posted.DONE, vacancy)
        await self._publish(vacancy)
        log.info("vacancy posted", extra={"vacancy_id": vacancy_id})
        return Submitted(Posted.DONE, vacancy)

    async def _publish(self, vacancy: Vacancy) -> None:
        chat_id, vacancy_id = vacancy.chat_id, vacancy.id
        community = await self.communities.get(chat_id)
        if community is None:
            return
        t = self.translator.texts(community.language or self.translator.default_language)
        await self.sender.enqueue(
            chat_id,
            self.card(t, vacancy),
            reply_markup=await self.buttons(t, vacancy),
            thread_id=await self.settings.get(chat_id, TOPIC_JOBS),
            dedupe_key=f"{POST_KEY}{vacancy_id}:",
        )
        await self._plan(vacancy)
        for listener in self._on_published:
            await listener(vacancy)

    # --- pre-moderation ---

    async def _ask_moderators(self, vacancy: Vacancy) -> None:
        admins = await self.permissions.admins(vacancy.chat_id)
        appointed = await self.communities.moderators(vacancy.chat_id)
        for user_id in dict.fromkeys([*appointed, *admins]):
            user = await self.users.get(user_id) if user_id > 0 else None
            if user is None or user.blocked_at is not None or user_id == vacancy.author_id:
                continue
            t = self.translator.texts_for(user)
            card = self.card(t, vacancy)
            version = hashlib.blake2s(card.encode(), digest_size=6).hexdigest()
            keyboard = InlineKeyboardMarkup(
                inline_keyboard=[
                    [_button(t("vac-approve"), "approve", vacancy.id)],
                    [
                        _button(t("vac-ask-changes"), "changes", vacancy.id),
                        _button(t("vac-reject"), "reject", vacancy.id),
                    ],
                ]
            )
            await self.sender.enqueue(
                user_id,
                t("vac-review") + "\n\n" + card,
                reply_markup=keyboard,
                # One request per version of the card: a resubmission within the same second
                # still reaches the moderators.
                dedupe_key=f"vac-review:{vacancy.id}:{int(vacancy.updated_at)}:{version}:{user_id}",
            )

    async def moderate(
        self, vacancy_id: int, moderator_id: int, decision: str, reason: str = ""
    ) -> Posted:
        """approve | reject | changes — a moderator of that community, asked again now."""
        vacancy = await self.repo.get(vacancy_id)
        if vacancy is None:
            return Posted.GONE
        if not await self.permissions.may(vacancy.chat_id, Actor(moderator_id), Action.MODERATE):
            return Posted.NOT_ALLOWED
        if vacancy.status != "review":
            return Posted.ALREADY
        if decision == "approve":
            if not await self.repo.set_status(vacancy_id, "open", expect=("review",)):
                return Posted.ALREADY
            fresh = await self.repo.get(vacancy_id)
            assert fresh is not None
            await self._publish(fresh)
            await self._tell_author(fresh, "vac-approved")
        elif decision == "reject":
            if not await self.repo.set_status(vacancy_id, "rejected", expect=("review",)):
                return Posted.ALREADY
            await self._tell_author(vacancy, "vac-rejected", reason=reason)
        else:
            await self._tell_author(vacancy, "vac-changes-asked", reason=reason)
        return Posted.DONE

    async def _tell_author(self, vacancy: Vacancy, key: str, **kw: str) -> None:
        if vacancy.author_id is None:
            return
        t = self.translator.texts_for(await self.users.get(vacancy.author_id))
        await self.sender.enqueue(vacancy.author_id, t(key, title=vacancy.title, **kw), priority=-1)

    # --- the author's vacancy over its life: edited in place, filled, extended, expired ---

    async def own(self, vacancy_id: int, user_id: int) -> Vacancy | Posted:
        """The vacancy, if this person may change it: its author or a moderator there."""
        vacancy = await self.repo.get(vacancy_id)
        if vacancy is None:
            return Posted.GONE
        if vacancy.author_id != user_id and not await self.permissions.may(
            vacancy.chat_id, Actor(user_id), Action.MODERATE
        ):
            return Posted.NOT_ALLOWED
        return vacancy

    async def update(self, vacancy_id: int, user_id: int, draft: VacancyDraft) -> Posted:
        found = await self.own(vacancy_id, user_id)
        if isinstance(found, Posted):
            return found
        if found.status not in ("open", "review"):
            return Posted.GONE
        await self.repo.update(vacancy_id, **_columns(draft))
        if found.status == "review":  # changed as the moderators asked: they look again
            fresh = await self.repo.get(vacancy_id)
            assert fresh is not None
            await self._ask_moderators(fresh)
        else:
            await self.refresh_post(vacancy_id)
        return Posted.DONE

    async def fill(self, vacancy_id: int, user_id: int) -> Posted:
        found = await self.own(vacancy_id, user_id)
        if isinstance(found, Posted):
            return found
        if not await self.repo.set_status(vacancy_id, "filled", expect=("open", "expired")):
            return Posted.ALREADY
        await self.refresh_post(vacancy_id)
        return Posted.DONE

    async def extend(
        self, vacancy_id: int, user_id: int, days: int = DEFAULT_EXPIRY_DAYS
    ) -> Posted:
        found = await self.own(vacancy_id, user_id)
        if isinstance(found, Posted):
            return found
        if found.status not in ("open", "expired"):
            return Posted.GONE
        await self.repo.extend(vacancy_id, self.repo.clock.time() + days * DAY)
        fresh = await self.repo.get(vacancy_id)
        assert fresh is not None
        await self._plan(fresh)
        await self.refresh_post(vacancy_id)
        return Posted.DONE

    async def buttons(
        self, t: Texts, vacancy: Vacancy, *, for_user: int | None = None
    ) -> InlineKeyboardMarkup | None:
        """The card's actions, one keyboard wherever the card is: "Refer me" (when the author
        can refer) and "Save". Under the group post "Save" is the same for everyone and 🚩
        reports the post; on a card in `for_user`'s private chat (/jobs, /saved, alerts)
        "Save" shows whether they saved it, and there is no 🚩 (a report is of a group post)."""
        if vacancy.status != "open":
            return None
        if for_user is None:
            row = [_button(t("vac-save"), "save", vacancy.id), flag_button(t, "vc", vacancy.id)]
        else:
            saved = await self.repo.is_saved(for_user, vacancy.id)
            row = [_button(t("vac-saved-button" if saved else "vac-save"), "save", vacancy.id)]
        me = await self.bot.me()
        if vacancy.can_refer and me.username and vacancy.author_id != for_user:
            link = deep_link(me.username, f"{DEEP_LINK_REFERRAL}{vacancy.id}")
            row.insert(0, InlineKeyboardButton(text=t("vac-refer-me"), url=link))
        return InlineKeyboardMarkup(inline_keyboard=[row])

    async def save(self, vacancy_id: int, user_id: int) -> Posted:
        vacancy = await self.repo.get(vacancy_id)
        if vacancy is None or vacancy.status != "open":
            return Posted.GONE
        if not await self.may_post(vacancy.chat_id, user_id):
            return Posted.NOT_ALLOWED
        return Posted.DONE if await self.repo.save_for(user_id, vacancy_id) else Posted.ALREADY

    async def toggle_save(self, vacancy_id: int, user_id: int) -> Saving:
        """ "Save" pressed: saved if it was not, taken back if it was. Taking back is always
        the person's own (even once the vacancy is closed); saving needs it open, in one of
        their communities."""
        if await self.unsave(vacancy_id, user_id):
            return Saving.REMOVED
        outcome = await self.save(vacancy_id, user_id)
        if outcome in (Posted.DONE, Posted.ALREADY):
            return Saving.SAVED
        return Saving.GONE if outcome is Posted.GONE else Saving.NOT_ALLOWED

    async def unsave(self, vacancy_id: int, user_id: int) -> bool:
        return await self.repo.unsave(user_id, vacancy_id)

    async def own_search(self, search_id: int, user_id: int) -> JobSearch | None:
        """The /jobs search behind a button, if it is this person's (buttons carry its id)."""
        search = await self.searches.get(search_id)
        return search if search is not None and search.user_id == user_id else None

    async def new_search(self, user_id: int, query: str) -> JobSearch:
        """A /jobs message's own search, kept for its buttons."""
        search = await self.searches.get(await self.searches.add(user_id, query))
        assert search is not None  # just added
        return search

    async def keep_search(self, search_id: int, filters: JobFilters, page: int) -> None:
        await self.searches.update(search_id, filters, page)

    async def found(
        self, search: JobSearch, *, offset: int, limit: int
    ) -> tuple[list[Vacancy], int]:
        """A page of what the search finds, and the total (see JobsSearch.search)."""
        return await self.search.search(
            search.user_id, search.query, search.filters, offset=offset, limit=limit
        )

    async def searchable(self, vacancy_id: int, user_id: int) -> Vacancy | None:
        """The vacancy, if a search could show it to this person: open, in one of their
        communities (a result's button carries only its id)."""
        vacancy = await self.repo.get(vacancy_id)
        if vacancy is None or vacancy.status != "open":
            return None
        return vacancy if await self.may_post(vacancy.chat_id, user_id) else None

    async def ask_referral(self, vacancy_id: int, user_id: int, note: str) -> Posted:
        """A private note to the author: who asks, and what they say. Once per vacancy."""
        vacancy = await self.repo.get(vacancy_id)
        if vacancy is None or vacancy.status != "open" or not vacancy.can_refer:
            return Posted.GONE
        if vacancy.author_id is None or vacancy.author_id == user_id:
            return Posted.NOT_ALLOWED
        if not await self.may_post(vacancy.chat_id, user_id):
            return Posted.NOT_ALLOWED
        if not await self.repo.add_referral(vacancy_id, user_id, note):
            return Posted.ALREADY
        seeker = await self.users.get(user_id)
        t = self.translator.texts_for(await self.users.get(vacancy.author_id))
        name = (seeker.first_name if seeker else None) or t("someone")
        text = t(
            "vac-referral-asked",
            name=Markup(mention(user_id, name)),
            title=vacancy.title,
            note=note,
        )
        profile = await self.seeker_card(t, user_id) if self.seeker_card else None
        if profile is not None:
            text += "\n\n" + t("vac-referral-profile") + "\n" + profile
        await self.sender.enqueue(vacancy.author_id, text, priority=-1)
        return Posted.DONE

    async def remove(self, vacancy_id: int, moderator_id: int) -> Posted:
        """A moderator takes a reported vacancy down: gone from the group, /jobs and alerts."""
        vacancy = await self.repo.get(vacancy_id)
        if vacancy is None:
            return Posted.GONE
        if not await self.permissions.may(vacancy.chat_id, Actor(moderator_id), Action.MODERATE):
            return Posted.NOT_ALLOWED
        await self.repo.set_status(
            vacancy_id, "removed", expect=("review", "open", "filled", "expired")
        )
        await self.sender.outbox.supersede(f"vac-edit:{vacancy_id}:")
        await self.sender.outbox.supersede(f"{POST_KEY}{vacancy_id}:")  # not sent yet: never
        if vacancy.post_message_id is not None:
            await self.sender.enqueue(
                vacancy.chat_id,
                method="deleteMessage",
                message_id=vacancy.post_message_id,
                dedupe_key=f"vac-delete:{vacancy_id}",
            )
        return Posted.DONE

    async def refresh_post(self, vacancy_id: int) -> None:
        """The group card follows the vacancy; an older pending edit is dropped for the newest."""
        vacancy = await self.repo.get(vacancy_id)
        community = await self.communities.get(vacancy.chat_id) if vacancy else None
        if vacancy is None or vacancy.post_message_id is None or community is None:
            return
        t = self.translator.texts(community.language or self.translator.default_language)
        prefix = f"vac-edit:{vacancy_id}:"
        await self.sender.outbox.supersede(prefix)
        keyboard = await self.buttons(t, vacancy)
        await self.sender.enqueue(
            vacancy.chat_id,
            self.card(t, vacancy),
            method="editMessageText",
            message_id=vacancy.post_message_id,
            reply_markup=keyboard or InlineKeyboardMarkup(inline_keyboard=[]),
            dedupe_key=f"{prefix}{time.time_ns()}",
        )

    async def _plan(self, vacancy: Vacancy) -> None:
        """ "Still open?" three days before the end, and the end itself: timers in the
        database, keyed by the expiry they belong to (an extension plans new ones)."""
        stamp = int(vacancy.expires_at)
        for kind, at in (
            ("vacancy_ask", vacancy.expires_at - ASK_BEFORE),
            ("vacancy_expire", vacancy.expires_at),
        ):
            await self.scheduler.add_timer(
                kind,
                {"vacancy_id": vacancy.id, "expires": stamp},
                at,
                grace=TIMER_GRACE,
                dedupe_key=f"{kind}:{vacancy.id}:{stamp}",
            )

    async def ask_due(self, args: TimerArgs, lateness: float) -> None:
        await self.due("vacancy_ask", int(args["vacancy_id"]), int(args["expires"]))

    async def expire_due(self, args: TimerArgs, lateness: float) -> None:
        await self.due("vacancy_expire", int(args["vacancy_id"]), int(args["expires"]))

    async def due(self, kind: str, vacancy_id: int, expires: int) -> None:
        vacancy = await self.repo.get(vacancy_id)
        if vacancy is None or vacancy.status != "open" or int(vacancy.expires_at) != expires:
            return  # extended, filled or gone since
        if kind == "vacancy_expire":
            if await self.repo.set_status(vacancy_id, "expired", expect=("open",)):
                await self.refresh_post(vacancy_id)
            return
        if vacancy.author_id is None:
            return
        t = self.translator.texts_for(await self.users.get(vacancy.author_id))
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    _button(t("vac-still-open"), "extend", vacancy_id),
                    _button(t("vac-filled"), "fill", vacancy_id),
                ]
            ]
        )
        await self.sender.enqueue(
            vacancy.author_id,
            t("vac-ask-still-open", title=vacancy.title),
            reply_markup=keyboard,
            dedupe_key=f"vac-ask:{vacancy_id}:{expires}",
        )

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
        status = getattr(vacancy, "status", "open")
        if status != "open":
            lines.append("")
            lines.append(t(f"vac-status-{status}"))
        return "\n".join(lines)


def _columns(draft: VacancyDraft) -> dict[str, object]:
    return {
        "title": draft.title,
        "company": draft.company,
        "location": draft.location,
        "city": draft.city,
        "employment": draft.employment,
        "level": draft.level,
        "salary_low": draft.salary.low if draft.salary else None,
        "salary_high": draft.salary.high if draft.salary else None,
        "currency": draft.salary.currency if draft.salary else None,
        "tags": " ".join(draft.tags),
        "description": draft.description,
        "link": draft.link,
        "can_refer": int(draft.can_refer),
    }


def _button(text: str, action: str, item: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=VacancyActCB(action=action, id=item).pack()
    )
