"""What people see of vacancies: the card (hashtags first), its buttons wherever it is, the
group post and its edits, the moderators' review, the notes to the author. Each is rendered in
its reader's language and queued through the sender (the outbox), so a call made inside the
service's work commits with it.

Implements bot.services.vacancies.VacancyNotifier."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Awaitable, Callable, Sequence

from aiogram import Bot
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import VacancyActAction, VacancyActCB
from bot.i18n import Markup, Texts, Translator
from bot.keyboards import deep_link, flag_button
from bot.repos.communities import Community
from bot.repos.cv import Profile
from bot.repos.users import User, UsersRepo
from bot.repos.vacancies import VacanciesRepo, Vacancy
from bot.services.community_settings import TOPIC_JOBS, CommunitySettings
from bot.services.sender import Sender
from bot.services.vacancies import VacancyDraft
from bot.services.vacancy_text import DESCRIPTION_LIMIT, Salary
from bot.texts import clip, escape, mention
from bot.views import cv as cv_views

DEEP_LINK_REFERRAL = "rf"  # /start rf<vacancy id>: "Refer me" under a group card
POST_KEY = "vac-post:"
EDIT_KEY = "vac-edit:"

Posted = Callable[[int, int], Awaitable[None]]  # (vacancy id, message id)


def act_button(text: str, action: VacancyActAction, item: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=VacancyActCB(action=action, id=item).pack()
    )


def card(t: Texts, vacancy: Vacancy | VacancyDraft) -> str:
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


def review_keyboard(t: Texts, vacancy_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [act_button(t("vac-approve"), VacancyActAction.APPROVE, vacancy_id)],
            [
                act_button(t("vac-ask-changes"), VacancyActAction.CHANGES, vacancy_id),
                act_button(t("vac-reject"), VacancyActAction.REJECT, vacancy_id),
            ],
        ]
    )


def own_keyboard(t: Texts, vacancy: Vacancy) -> InlineKeyboardMarkup | None:
    """Under the author's own card (/myvacancies): what they may do with it now."""
    rows = []
    if vacancy.status in ("open", "review"):
        rows.append([act_button(t("vac-edit-vacancy"), VacancyActAction.EDIT, vacancy.id)])
    if vacancy.status in ("open", "expired"):
        rows.append(
            [
                act_button(t("vac-filled"), VacancyActAction.FILL, vacancy.id),
                act_button(t("vac-extend"), VacancyActAction.EXTEND, vacancy.id),
            ]
        )
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


def mine_keyboard(t: Texts, mine: Sequence[Vacancy]) -> InlineKeyboardMarkup:
    """/myvacancies: one button per vacancy, its status first."""
    rows = [
        [
            act_button(
                f"{t(f'vac-status-short-{v.status}')} {v.title} — {v.company}"[:60],
                VacancyActAction.VIEW,
                v.id,
            )
        ]
        for v in mine
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def saved_list(t: Texts, found: Sequence[Vacancy]) -> tuple[str, InlineKeyboardMarkup | None]:
    """/saved: each vacancy to open, and to remove from the list."""
    if not found:
        return t("vac-saved-empty"), None
    lines = [t("vac-saved-title", count=len(found))]
    rows = []
    for number, vacancy in enumerate(found, 1):
        lines.append(f"{number}. {escape(clip(f'{vacancy.title} — {vacancy.company}', 120))}")
        label = clip(f"{number}. {vacancy.title}", 40)
        rows.append(
            [
                act_button(label, VacancyActAction.VIEW, vacancy.id),
                act_button(t("vac-unsave"), VacancyActAction.DROP, vacancy.id),
            ]
        )
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)


class VacancyViews:
    """The vacancies feature's notifier: render in the reader's language, queue for sending."""

    def __init__(
        self,
        repo: VacanciesRepo,
        translator: Translator,
        users: UsersRepo,
        settings: CommunitySettings,
        sender: Sender,
        bot: Bot,
    ) -> None:
        self.repo = repo  # read only: whether a reader saved the vacancy their card shows
        self.translator = translator
        self.users = users
        self.settings = settings
        self.sender = sender
        self.bot = bot
        # The seeker's profile for a "Refer me" note, when they keep one others may see
        # (set by /cv: bot.services.cv.CvService.visible_profile).
        self.seeker_profile: Callable[[int], Awaitable[Profile | None]] | None = None

    def follow_posts(self, posted: Posted) -> None:
        """Once a group post is sent, its id goes back to the service (to edit it later)."""

        async def on_post(key: str, chat_id: int, message_id: int) -> None:
            await posted(int(key[len(POST_KEY) :].split(":")[0]), message_id)

        self.sender.on_sent(POST_KEY, on_post)

    def _group_texts(self, community: Community) -> Texts:
        return self.translator.texts(community.language or self.translator.default_language)

    async def buttons(
        self, t: Texts, vacancy: Vacancy, *, for_user: int | None = None
    ) -> InlineKeyboardMarkup | None:
        """The card's actions, one keyboard wherever the card is: "Refer me" (when the author
        can refer) and "Save". Under the group post "Save" is the same for everyone and 🚩
        reports the post; on a card in `for_user`'s private chat (/jobs, /saved, alerts)
        "Save" shows whether they saved it, and there is no 🚩 (a report is of a group post)."""
        if vacancy.status != "open":
            return None
        save = VacancyActAction.SAVE
        if for_user is None:
            row = [act_button(t("vac-save"), save, vacancy.id), flag_button(t, "vc", vacancy.id)]
        else:
            saved = await self.repo.is_saved(for_user, vacancy.id)
            row = [act_button(t("vac-saved-button" if saved else "vac-save"), save, vacancy.id)]
        # Asked at start-up (app.wait_for_telegram) and remembered by aiogram: no call here.
        me = await self.bot.me()
        if vacancy.can_refer and me.username and vacancy.author_id != for_user:
            link = deep_link(me.username, f"{DEEP_LINK_REFERRAL}{vacancy.id}")
            row.insert(0, InlineKeyboardButton(text=t("vac-refer-me"), url=link))
        return InlineKeyboardMarkup(inline_keyboard=[row])

    # --- the group post ---

    async def vacancy_published(self, vacancy: Vacancy, community: Community) -> None:
        t = self._group_texts(community)
        await self.sender.enqueue(
            vacancy.chat_id,
            card(t, vacancy),
            reply_markup=await self.buttons(t, vacancy),
            thread_id=await self.settings.get(vacancy.chat_id, TOPIC_JOBS),
            dedupe_key=f"{POST_KEY}{vacancy.id}:",
        )

    async def post_changed(self, vacancy: Vacancy, community: Community) -> None:
        """The group card follows the vacancy; an older pending edit is dropped for the newest."""
        if vacancy.post_message_id is None:
            return
        t = self._group_texts(community)
        prefix = f"{EDIT_KEY}{vacancy.id}:"
        await self.sender.outbox.supersede(prefix)
        keyboard = await self.buttons(t, vacancy)
        await self.sender.enqueue(
            vacancy.chat_id,
            card(t, vacancy),
            method="editMessageText",
            message_id=vacancy.post_message_id,
            reply_markup=keyboard or InlineKeyboardMarkup(inline_keyboard=[]),
            dedupe_key=f"{prefix}{time.time_ns()}",
        )

    async def post_removed(self, vacancy: Vacancy) -> None:
        """Taken down by a moderator: not yet sent, never sent; sent, deleted."""
        await self.sender.outbox.supersede(f"{EDIT_KEY}{vacancy.id}:")
        await self.sender.outbox.supersede(f"{POST_KEY}{vacancy.id}:")
        if vacancy.post_message_id is not None:
            await self.sender.enqueue(
                vacancy.chat_id,
                method="deleteMessage",
                message_id=vacancy.post_message_id,
                dedupe_key=f"vac-delete:{vacancy.id}",
            )

    # --- moderators ---

    async def review_requested(self, vacancy: Vacancy, moderators: Sequence[User]) -> None:
        for moderator in moderators:
            t = self.translator.texts_for(moderator)
            text = card(t, vacancy)
            version = hashlib.blake2s(text.encode(), digest_size=6).hexdigest()
            await self.sender.enqueue(
                moderator.id,
                t("vac-review") + "\n\n" + text,
                reply_markup=review_keyboard(t, vacancy.id),
                # One request per version of the card: a resubmission within the same second
                # still reaches the moderators.
                dedupe_key=(
                    f"vac-review:{vacancy.id}:{int(vacancy.updated_at)}:{version}:{moderator.id}"
                ),
            )

    # --- the author ---

    async def _tell_author(self, vacancy: Vacancy, key: str, **kw: str) -> None:
        if vacancy.author_id is None:
            return
        t = self.translator.texts_for(await self.users.get(vacancy.author_id))
        await self.sender.enqueue(vacancy.author_id, t(key, title=vacancy.title, **kw), priority=-1)

    async def vacancy_approved(self, vacancy: Vacancy) -> None:
        await self._tell_author(vacancy, "vac-approved")

    async def vacancy_rejected(self, vacancy: Vacancy, reason: str) -> None:
        await self._tell_author(vacancy, "vac-rejected", reason=reason)

    async def changes_asked(self, vacancy: Vacancy, reason: str) -> None:
        await self._tell_author(vacancy, "vac-changes-asked", reason=reason)

    async def still_open_asked(self, vacancy: Vacancy, expires: int) -> None:
        if vacancy.author_id is None:
            return
        t = self.translator.texts_for(await self.users.get(vacancy.author_id))
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    act_button(t("vac-still-open"), VacancyActAction.EXTEND, vacancy.id),
                    act_button(t("vac-filled"), VacancyActAction.FILL, vacancy.id),
                ]
            ]
        )
        await self.sender.enqueue(
            vacancy.author_id,
            t("vac-ask-still-open", title=vacancy.title),
            reply_markup=keyboard,
            dedupe_key=f"vac-ask:{vacancy.id}:{expires}",
        )

    async def referral_asked(self, vacancy: Vacancy, seeker_id: int, note: str) -> None:
        """A private note to the author: who asks, what they say, and their profile when they
        keep one others may see."""
        if vacancy.author_id is None:
            return
        seeker = await self.users.get(seeker_id)
        t = self.translator.texts_for(await self.users.get(vacancy.author_id))
        name = (seeker.first_name if seeker else None) or t("someone")
        text = t(
            "vac-referral-asked",
            name=Markup(mention(seeker_id, name)),
            title=vacancy.title,
            note=note,
        )
        profile = await self.seeker_profile(seeker_id) if self.seeker_profile else None
        if profile is not None:
            text += "\n\n" + t("vac-referral-profile") + "\n" + cv_views.card(t, profile)
        await self.sender.enqueue(vacancy.author_id, text, priority=-1)
