"""Help requests: someone needs something concrete, someone else can give it. Asking (with
optional pre-moderation), the group post and its live status, offers of help, the author's
choice, a relayed conversation for anonymous requests, thanks, follow-ups, and matching
helpers by what they offer.

Anonymous requests: the author is stored for routing only. Nothing built for the group, a
helper, a relayed message or a log line reads the author's id, name or username."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import UTC, timedelta
from enum import Enum
from typing import TYPE_CHECKING, Any

from aiogram import Bot
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import HelpCB
from bot.i18n import Markup, Texts
from bot.keyboards import deep_link, flag_button
from bot.repos.communities import CommunitiesRepo, Community
from bot.repos.requests import HelpRequest, RequestsRepo, Response
from bot.repos.users import User, UsersRepo
from bot.scheduler import JobSpec
from bot.services.community_settings import (
    COMMUNITY_TIMEZONE,
    REQUESTS_BUMP_HOURS,
    REQUESTS_CATEGORY_NAMES,
    REQUESTS_DIGEST,
    REQUESTS_DIGEST_NEXT_AT,
    REQUESTS_HELPERS_TOLD,
    REQUESTS_MAX_OPEN,
    REQUESTS_PREMODERATION,
    TOPIC_REQUESTS,
    CommunitySettings,
)
from bot.services.permissions import Action, Actor, Permissions, Voice
from bot.texts import clip, format_day, mention
from bot.timeutil import from_timestamp, next_month_start, to_local

if TYPE_CHECKING:
    from bot.i18n import Translator
    from bot.scheduler import Scheduler
    from bot.services.sender import Sender

log = logging.getLogger(__name__)

CATEGORIES = ("career", "jobs", "legal", "money", "housing", "health", "skills", "other")
URGENCIES = ("today", "week", "whenever")
VISIBILITIES = ("public", "anonymous", "helpers")
TITLE_LIMIT = 120
DETAILS_LIMIT = 1500
NOTE_LIMIT = 300
RELAY_LIMIT = 2000
# What the relay copies to the other side (Message content types). The rest is refused: a
# location or a contact can tell who the person is, and a poll or a dice mean nothing there.
RELAYED_MEDIA = frozenset(
    {"photo", "document", "voice", "video", "audio", "video_note", "sticker", "animation"}
)
RELAY_ALBUM_KEY = "help-relay-album:"
DAY = 86400.0
ASK_AFTER = 3 * DAY  # "still needed?"
EXPIRE_AFTER = 14 * DAY
SILENT_AFTER = 3 * DAY  # an accepted helper with no word: asked how it goes
RELEASE_AFTER = 1 * DAY  # …and without an answer, the request is open again
POST_KEY = "help-post:"
BUMP_KEY = "help-bump:"
TIMER_GRACE = 30 * 86400  # a follow-up late after downtime still runs: each re-checks the state
EDIT_KEY = "help-edit:"


CATEGORY_NAME_LIMIT = 40
CUSTOM_CATEGORIES = 8  # a community may add up to this many of its own


@dataclass(frozen=True)
class Category:
    code: str  # a built-in code, or "x1", "x2", … for the community's own
    name: str | None  # the community's name for it; None: the built-in localized name

    @property
    def base(self) -> str:
        """The built-in category helpers choose in /offer: the community's own ones are
        offered to those who help with "other"."""
        return self.code if self.code in CATEGORIES else "other"

    def label(self, t: Texts) -> str:
        return self.name or t(f"help-cat-{self.code}")

    def tag(self, t: Texts) -> str:
        """A hashtag Telegram's search understands: letters, digits and _ only."""
        if not self.name:
            return t(f"help-tag-{self.code}")
        slug = "".join(c if c.isalnum() else "_" for c in self.name.lower()).strip("_")
        return "#" + ("_".join(part for part in slug.split("_") if part) or self.code)


@dataclass(frozen=True)
class Draft:
    category: str
    title: str
    details: str
    urgency: str
    visibility: str


class Outcome(Enum):
    DONE = "done"
    NOT_ALLOWED = "not_allowed"
    GONE = "gone"  # closed, resolved, deleted: the button is old
    TOO_MANY = "too_many"
    ALREADY = "already"
    SILENCED = "silenced"  # may not write in the group now, so the bot does not for them


@dataclass(frozen=True)
class RevealPreview:
    """What "Show who I am" would do: the helper who would see the author's first name."""

    title: str
    helper_name: str | None
    author_name: str | None


@dataclass(frozen=True)
class _Route:
    """A relayed message's way: to whom, the line that says who it is from, its buttons."""

    to: int
    head: str
    keyboard: InlineKeyboardMarkup


@dataclass(frozen=True)
class Submitted:
    outcome: Outcome
    request: HelpRequest | None = None
    reached: int = 1  # people or posts it reached (0: a helpers-only request nobody matched)


class HelpService:
    def __init__(
        self,
        repo: RequestsRepo,
        communities: CommunitiesRepo,
        users: UsersRepo,
        permissions: Permissions,
        settings: CommunitySettings,
        *,
        scheduler: Scheduler,
        sender: Sender,
        translator: Translator,
        bot: Bot,
        voice: Voice,
    ) -> None:
        self.repo = repo
        self.voice = voice
        self.communities = communities
        self.users = users
        self.permissions = permissions
        self.settings = settings
        self.scheduler = scheduler
        self.sender = sender
        self.translator = translator
        self.bot = bot
        sender.on_sent(POST_KEY, self._post_sent)
        sender.on_sent(BUMP_KEY, self._bump_sent)

    # --- who may ---

    async def may_use(self, chat_id: int, user_id: int) -> bool:
        """A member in good standing (a banned member can neither ask nor help)."""
        membership = await self.communities.membership(chat_id, user_id)
        if membership is None or not membership.active:
            return False
        return await self.permissions.may(chat_id, Actor(user_id), Action.USE)

    async def may_view(self, request: HelpRequest, user_id: int) -> bool:
        """The author and moderators see a request whatever its state; members see open ones,
        and one private to helpers only when they were offered it."""
        if request.status == "deleted":
            return False
        if request.author_id == user_id or await self.is_moderator(request.chat_id, user_id):
            return True
        if request.status not in ("open", "in_progress") or not await self.may_use(
            request.chat_id, user_id
        ):
            return False
        if request.visibility == "helpers":
            return await self.repo.was_told(request.id, user_id)
        return True

    async def is_moderator(self, chat_id: int, user_id: int) -> bool:
        return await self.permissions.may(chat_id, Actor(user_id), Action.MODERATE)

    # --- categories: built-in ones, renamed or added to by the community ---

    async def categories(self, chat_id: int) -> list[Category]:
        names: dict[str, str] = await self.settings.get(chat_id, REQUESTS_CATEGORY_NAMES)
        builtin = [Category(code, names.get(code)) for code in CATEGORIES if code != "other"]
        own = sorted(
            (Category(code, name) for code, name in names.items() if code not in CATEGORIES),
            key=lambda c: int(c.code[1:]),  # x2 before x10
        )
        return [*builtin, *own, Category("other", names.get("other"))]

    async def category(self, chat_id: int, code: str) -> Category:
        for category in await self.categories(chat_id):
            if category.code == code:
                return category
        return Category("other", None)  # a category since removed: shown as "other"

    async def name_category(
        self, chat_id: int, code: str | None, name: str | None, by: int
    ) -> bool:
        """Rename (code given), add (code None) or give back the built-in name (name None)."""
        names = dict(await self.settings.get(chat_id, REQUESTS_CATEGORY_NAMES))
        if code is None:
            own = [c for c in names if c not in CATEGORIES]
            if len(own) >= CUSTOM_CATEGORIES:
                return False
            code = f"x{max((int(c[1:]) for c in own), default=0) + 1}"
        if name is None:
            names.pop(code, None)
        else:
            names[code] = name
        await self.settings.set(chat_id, REQUESTS_CATEGORY_NAMES, names, by)
        return True

    # --- asking ---

    async def submit(self, author_id: int, chat_id: int, draft: Draft) -> Submitted:
        if not await self.may_use(chat_id, author_id):
            return Submitted(Outcome.NOT_ALLOWED)
        community = await self.communities.get(chat_id)
        if community is None or not community.active:
            return Submitted(Outcome.GONE)
        anonymous = draft.visibility == "anonymous"
        if await self.voice.silenced(chat_id, author_id, ask_telegram=not anonymous):
            return Submitted(Outcome.SILENCED)
        limit = await self.settings.get(chat_id, REQUESTS_MAX_OPEN)
        if await self.repo.open_count(chat_id, author_id) >= limit:
            return Submitted(Outcome.TOO_MANY)
        review = bool(await self.settings.get(chat_id, REQUESTS_PREMODERATION))
        request_id = await self.repo.create(
            chat_id,
            author_id,
            category=draft.category,
            title=draft.title,
            details=draft.details,
            urgency=draft.urgency,
            visibility=draft.visibility,
            language=community.language or self.translator.default_language,
            status="review" if review else "open",
        )
        request = await self.repo.get(request_id)
        assert request is not None
        reached = 1
        if review:
            await self._ask_moderators(request, community)
        else:
            reached = await self._publish(request, community)
        log.info("help request submitted", extra={"request_id": request_id, "review": review})
        return Submitted(Outcome.DONE, request, reached)

    async def _ask_moderators(self, request: HelpRequest, community: Community) -> None:
        for user_id in await self._moderators(community.chat_id):
            t = self.translator.texts_for(await self.users.get(user_id))
            keyboard = InlineKeyboardMarkup(
                inline_keyboard=[
                    [
                        _button(t("help-approve"), "approve", request.id),
                        _button(t("help-reject"), "reject", request.id),
                    ]
                ]
            )
            text = t("help-review", title=community.title) + "\n\n" + await self.card(t, request)
            await self.sender.enqueue(
                user_id,
                text,
                reply_markup=keyboard,
                dedupe_key=f"help-review:{request.id}:{user_id}",
            )

    async def _moderators(self, chat_id: int) -> list[int]:
        admins = await self.permissions.admins(chat_id)
        appointed = await self.communities.moderators(chat_id)
        people = [uid for uid in dict.fromkeys([*appointed, *admins]) if uid > 0]
        found = []
        for user_id in people:
            user = await self.users.get(user_id)
            if user is not None and user.blocked_at is None:
                found.append(user_id)
        return found

    async def approve(self, request_id: int, moderator_id: int) -> Outcome:
        request = await self.repo.get(request_id)
        if request is None:
            return Outcome.GONE
        if not await self.is_moderator(request.chat_id, moderator_id):
            return Outcome.NOT_ALLOWED
        if not await self.repo.set_status(request_id, "open", expect=("review",)):
            return Outcome.ALREADY
        community = await self.communities.get(request.chat_id)
        fresh = await self.repo.get(request_id)
        if community is None or fresh is None:
            return Outcome.GONE
        await self._publish(fresh, community)
        await self._tell_author(fresh, "help-approved")
        return Outcome.DONE

    async def reject(self, request_id: int, moderator_id: int, reason: str) -> Outcome:
        request = await self.repo.get(request_id)
        if request is None:
            return Outcome.GONE
        if not await self.is_moderator(request.chat_id, moderator_id):
            return Outcome.NOT_ALLOWED
        if not await self.repo.set_status(
            request_id, "rejected", reason=reason, expect=("review",)
        ):
            return Outcome.ALREADY
        await self._tell_author(request, "help-rejected", reason=reason)
        return Outcome.DONE

    async def _publish(self, request: HelpRequest, community: Community) -> int:
        """To the group (unless private to helpers), to the matching helpers, and the
        follow-ups planned."""
        if request.visibility != "helpers":
            t = self._group_texts(community)
            text, keyboard = await self.post(t, request)
            await self.sender.enqueue(
                community.chat_id,
                text,
                reply_markup=keyboard,
                thread_id=await self.topic(community.chat_id),
                dedupe_key=f"{POST_KEY}{request.id}:",
            )
        reached = 0 if request.visibility == "helpers" else 1
        if request.visibility == "helpers":
            reached += await self._tell_watchers(request)
        reached += await self.notify_helpers(request)
        await self._plan_followups(request)
        return reached

    async def _tell_watchers(self, request: HelpRequest) -> int:
        """A request private to helpers, to the moderators who asked to see those."""
        told = 0
        for user_id in await self.repo.watchers(request.chat_id):
            if user_id == request.author_id or not await self.is_moderator(
                request.chat_id, user_id
            ):
                continue
            t = self.translator.texts_for(await self.users.get(user_id))
            text, keyboard = await self.post(t, request)
            await self.sender.enqueue(
                user_id,
                t("help-watched") + "\n\n" + text,
                reply_markup=keyboard,
                dedupe_key=f"help-watch:{request.id}:{user_id}",
            )
            told += 1
        return told

    async def _post_sent(self, key: str, chat_id: int, message_id: int) -> None:
        request_id = int(key[len(POST_KEY) :].split(":")[0])
        await self.repo.set_post(request_id, message_id)
        # Offers or a status change while the post waited in the queue: it catches up now.
        request = await self.repo.get(request_id)
        if request is not None and (request.status != "open" or await self._offers(request_id)):
            await self.refresh_post(request_id)

    async def _bump_sent(self, key: str, chat_id: int, message_id: int) -> None:
        await self.repo.set_post(int(key[len(BUMP_KEY) :].split(":")[0]), message_id, bump=True)

    async def _offers(self, request_id: int) -> int:
        """Offers that still stand (not declined, given back or ended)."""
        return len(
            [
                r
                for r in await self.repo.responses(request_id)
                if r.status in ("offered", "accepted")
            ]
        )

    async def topic(self, chat_id: int) -> int | None:
        """The forum topic requests go to, when the community chose one."""
        return await self.settings.get(chat_id, TOPIC_REQUESTS)

    def _group_texts(self, community: Community) -> Texts:
        return self.translator.texts(community.language or self.translator.default_language)

    # --- what people see ---

    async def card(self, t: Texts, request: HelpRequest, offers: int = 0) -> str:
        """The request as text: hashtag, urgency, title, details, status. Never the author of
        an anonymous one."""
        category = await self.category(request.chat_id, request.category)
        lines = [
            t(
                "help-card-head",
                category=category.tag(t),
                urgency=t(f"help-urgency-{request.urgency}"),
            ),
            t("help-card-title", title=request.title),
        ]
        if request.details:
            lines.append(Markup(_escape(request.details)))
        lines.append("")
        lines.append(t(f"help-status-{request.status}"))
        if offers and request.status in ("open", "in_progress"):
            lines.append(t("help-offers-count", count=offers))
        return "\n".join(lines)

    async def post(self, t: Texts, request: HelpRequest) -> tuple[str, InlineKeyboardMarkup | None]:
        text = await self.card(t, request, await self._offers(request.id))
        if request.visibility == "public":
            author = await self.users.get(request.author_id) if request.author_id else None
            if author is not None:
                text += "\n" + t(
                    "help-card-author",
                    name=Markup(mention(author.id, author.first_name or t("someone"))),
                )
        if request.status not in ("open", "in_progress"):
            return text, None
        me = await self.bot.me()  # asked once, then remembered by aiogram
        if not me.username:
            return text, None
        link = deep_link(me.username, f"h{request.id}")
        share = f"https://t.me/share/url?url={link}"
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    InlineKeyboardButton(text=t("help-can-help"), url=link),
                    InlineKeyboardButton(text=t("help-share"), url=share),
                    flag_button(t, "rq", request.id),
                ]
            ]
        )
        return text, keyboard

    async def refresh_post(self, request_id: int) -> None:
        """The group post follows the request: status, offers count, buttons. Queued through
        the sender; an older pending edit of the same post is dropped for the newest."""
        request = await self.repo.get(request_id)
        if request is None or (request.post_message_id is None and request.bump_message_id is None):
            return
        community = await self.communities.get(request.chat_id)
        if community is None or not community.active:
            return
        t = self._group_texts(community)
        if request.status == "deleted":
            text, keyboard = t("help-post-deleted"), None
        else:
            text, keyboard = await self.post(t, request)
        prefix = f"{EDIT_KEY}{request.id}:"
        await self.sender.outbox.supersede(prefix)
        for message_id in (request.post_message_id, request.bump_message_id):
            if message_id is None:
                continue
            await self.sender.enqueue(
                request.chat_id,
                text,
                method="editMessageText",
                message_id=message_id,
                reply_markup=keyboard or InlineKeyboardMarkup(inline_keyboard=[]),
                dedupe_key=f"{prefix}{message_id}:{time.time_ns()}",
            )

    async def _tell_author(self, request: HelpRequest, key: str, **kw: Any) -> None:
        if request.author_id is None:
            return
        t = self.translator.texts_for(await self.users.get(request.author_id))
        await self.sender.enqueue(request.author_id, t(key, title=request.title, **kw), priority=-1)

    # --- helpers ---

    async def notify_helpers(self, request: HelpRequest, *, limit: int | None = None) -> int:
        """The members whose offers match, fairly and within their weekly availability."""
        if request.author_id is None:
            return 0
        count = (
            limit
            if limit is not None
            else await self.settings.get(request.chat_id, REQUESTS_HELPERS_TOLD)
        )
        if count <= 0:
            return 0
        category = await self.category(request.chat_id, request.category)
        chosen = await self.repo.matching_helpers(
            request.chat_id,
            category.base,
            request.language,
            request.author_id,
            limit=count,
            week_ago=self.repo.clock.time() - 7 * DAY,
        )
        fresh = await self.repo.record_notified(request.id, chosen)
        for user_id in fresh:
            t = self.translator.texts_for(await self.users.get(user_id))
            text, keyboard = await self.post(t, request)
            await self.sender.enqueue(
                user_id,
                t("help-matched") + "\n\n" + text,
                reply_markup=keyboard,
                dedupe_key=f"help-match:{request.id}:{user_id}",
            )
        return len(fresh)

    async def offer(self, request_id: int, helper_id: int, note: str) -> Outcome:
        request = await self.repo.get(request_id)
        if request is None or request.status not in ("open", "in_progress"):
            return Outcome.GONE
        if request.author_id == helper_id or not await self.may_use(request.chat_id, helper_id):
            return Outcome.NOT_ALLOWED
        response_id = await self.repo.add_response(request_id, helper_id, note)
        if response_id is None:
            return Outcome.ALREADY
        helper = await self.users.get(helper_id)
        if request.author_id is not None and helper is not None:
            t = self.translator.texts_for(await self.users.get(request.author_id))
            keyboard = InlineKeyboardMarkup(
                inline_keyboard=[
                    [
                        _button(t("help-accept"), "accept", response_id),
                        _button(t("help-decline"), "decline", response_id),
                    ]
                ]
            )
            text = t(
                "help-offer-received",
                title=request.title,
                name=helper.first_name or t("someone"),
                note=note,
                helped=(await self._helped(helper_id)),
            )
            await self.sender.enqueue(request.author_id, text, reply_markup=keyboard, priority=-1)
        await self.refresh_post(request_id)
        return Outcome.DONE

    async def _helped(self, user_id: int) -> int:
        profile = await self.repo.profile(user_id)
        return profile.helped if profile else 0

    async def _author_response(
        self, response_id: int, author_id: int
    ) -> tuple[HelpRequest, Response] | Outcome:
        response = await self.repo.response(response_id)
        request = await self.repo.get(response.request_id) if response else None
        if response is None or request is None:
            return Outcome.GONE
        if request.author_id != author_id:
            return Outcome.NOT_ALLOWED
        if request.status not in ("open", "in_progress"):
            return Outcome.GONE
        return request, response

    async def accept(self, response_id: int, author_id: int) -> Outcome:
        found = await self._author_response(response_id, author_id)
        if isinstance(found, Outcome):
            return found
        request, response = found
        helper = await self.users.get(response.helper_id) if response.helper_id else None
        author = await self.users.get(author_id)
        if helper is None or author is None:
            return Outcome.GONE
        if not await self.may_use(request.chat_id, helper.id):
            return Outcome.GONE  # the helper left the community or was banned since
        if not await self.repo.set_response_status(response_id, "accepted", expect=("offered",)):
            return Outcome.ALREADY
        await self.repo.set_status(request.id, "in_progress", expect=("open",))
        th = self.translator.texts_for(helper)
        ta = self.translator.texts_for(author)
        if request.anonymous:
            # A relayed conversation: each side sees only "the requester" / the helper's name.
            await self.sender.enqueue(
                helper.id,
                th("help-relay-start-helper", title=request.title),
                reply_markup=relay_keyboard(th, response_id, author_side=False),
                priority=-1,
            )
            await self.sender.enqueue(
                author.id,
                ta("help-relay-start-author", name=helper.first_name or ta("someone")),
                reply_markup=relay_keyboard(ta, response_id, author_side=True),
                priority=-1,
            )
        else:
            await self.sender.enqueue(
                helper.id,
                th(
                    "help-accepted-helper",
                    title=request.title,
                    name=Markup(mention(author.id, author.first_name or th("someone"))),
                ),
                priority=-1,
            )
            await self.sender.enqueue(
                author.id,
                ta(
                    "help-accepted-author",
                    name=Markup(mention(helper.id, helper.first_name or ta("someone"))),
                ),
                priority=-1,
            )
        await self._plan_silence(response_id)
        await self.refresh_post(request.id)
        return Outcome.DONE

    async def decline(self, response_id: int, author_id: int) -> Outcome:
        found = await self._author_response(response_id, author_id)
        if isinstance(found, Outcome):
            return found
        request, response = found
        if not await self.repo.set_response_status(response_id, "declined", expect=("offered",)):
            return Outcome.ALREADY
        if response.helper_id is not None:
            await self.repo.add_decline(author_id, response.helper_id)
            t = self.translator.texts_for(await self.users.get(response.helper_id))
            await self.sender.enqueue(
                response.helper_id, t("help-declined-helper", title=request.title), priority=-1
            )
        await self.refresh_post(request.id)
        return Outcome.DONE

    # --- relay (anonymous requests) ---

    async def relay_of(
        self, user_id: int, response_id: int
    ) -> tuple[HelpRequest, Response, bool] | None:
        """An active relayed conversation the person is part of: (request, response, author?)."""
        response = await self.repo.response(response_id)
        request = await self.repo.get(response.request_id) if response else None
        if response is None or request is None or response.status != "accepted":
            return None
        if not request.anonymous or request.status not in ("in_progress", "open"):
            return None
        if user_id == request.author_id:
            return request, response, True
        if user_id == response.helper_id:
            return request, response, False
        return None

    async def active_relays(self, user_id: int) -> list[int]:
        return await self.repo.relays_of(user_id)

    async def _route(self, user_id: int, response_id: int) -> _Route | Outcome:
        """Where a relayed message goes, with the framing the receiver sees: "the requester"
        for the author (never a name), the helper's first name for the helper."""
        found = await self.relay_of(user_id, response_id)
        if found is None:
            return Outcome.GONE
        request, response, from_author = found
        to = response.helper_id if from_author else request.author_id
        if to is None:
            return Outcome.GONE
        if response.helper_id is None or not await self.may_use(
            request.chat_id, response.helper_id
        ):
            await self.release(response_id, None, by_timer=True)  # the helper is gone
            return Outcome.GONE
        t = self.translator.texts_for(await self.users.get(to))
        if from_author:
            head = t("help-relay-from-author")
        else:
            sender_user = await self.users.get(user_id)
            head = t(
                "help-relay-from-helper",
                name=(sender_user.first_name if sender_user else None) or t("someone"),
            )
        keyboard = relay_keyboard(
            t, response_id, author_side=not from_author, revealed=response.revealed
        )
        return _Route(to, head, keyboard)

    async def _relayed(self, response_id: int) -> None:
        await self.repo.response_activity(response_id)
        await self._plan_silence(response_id)

    async def relay(self, user_id: int, response_id: int, text: str) -> Outcome:
        route = await self._route(user_id, response_id)
        if isinstance(route, Outcome):
            return route
        await self.sender.enqueue(
            route.to,
            route.head + "\n" + _escape(clip(text, RELAY_LIMIT)),
            reply_markup=route.keyboard,
            priority=-1,
        )
        await self._relayed(response_id)
        return Outcome.DONE

    async def relay_copy(
        self, user_id: int, response_id: int, message_id: int, album: str | None = None
    ) -> Outcome:
        """A photo, a file, a voice message… from the person's private chat, copied to the
        other side: copyMessage leaves no forward header and keeps the caption as written. The
        framing goes on a line just before. The parts of one album share that line:
        ALREADY for the parts after the first, so that the person is answered once too."""
        route = await self._route(user_id, response_id)
        if isinstance(route, Outcome):
            return route
        # Queued in this order, and the sender keeps one chat's messages in queue order.
        head = await self.sender.enqueue(
            route.to,
            route.head,
            priority=-1,
            dedupe_key=f"{RELAY_ALBUM_KEY}{response_id}:{album}" if album else None,
        )
        await self.sender.enqueue(
            route.to,
            method="copyMessage",
            from_chat_id=user_id,
            message_id=message_id,
            reply_markup=route.keyboard,
            priority=-1,
        )
        await self._relayed(response_id)
        return Outcome.DONE if head is not None else Outcome.ALREADY

    async def reveal_preview(self, response_id: int, author_id: int) -> RevealPreview | Outcome:
        """What naming oneself would show, and to whom: asked before anything is sent."""
        found = await self.relay_of(author_id, response_id)
        if found is None:
            return Outcome.GONE
        request, response, from_author = found
        if not from_author:
            return Outcome.NOT_ALLOWED
        if response.revealed:
            return Outcome.ALREADY
        author = await self.users.get(author_id)
        helper = await self.users.get(response.helper_id) if response.helper_id else None
        if author is None or helper is None:
            return Outcome.GONE
        return RevealPreview(request.title, helper.first_name, author.first_name)

    async def reveal(self, response_id: int, author_id: int) -> Outcome:
        """The author names themself to the helper, once: a second tap, two quick taps or a
        forged button find it done already and send nothing more."""
        found = await self.relay_of(author_id, response_id)
        if found is None or not found[2]:
            return Outcome.NOT_ALLOWED if found else Outcome.GONE
        request, response, _ = found
        author = await self.users.get(author_id)
        if author is None or response.helper_id is None:
            return Outcome.GONE
        if not await self.repo.reveal(response_id):
            return Outcome.ALREADY
        t = self.translator.texts_for(await self.users.get(response.helper_id))
        await self.sender.enqueue(
            response.helper_id,
            t(
                "help-revealed",
                title=request.title,
                name=Markup(mention(author.id, author.first_name or t("someone"))),
            ),
            priority=-1,
            dedupe_key=f"help-revealed:{response_id}",
        )
        return Outcome.DONE

    async def end_relay(self, response_id: int, user_id: int) -> Outcome:
        found = await self.relay_of(user_id, response_id)
        if found is None:
            return Outcome.GONE
        request, response, from_author = found
        if not await self.repo.set_response_status(response_id, "ended", expect=("accepted",)):
            return Outcome.ALREADY
        reopened = await self._reopen_if_nobody(request.id)
        if from_author:
            if response.helper_id is not None:
                t = self.translator.texts_for(await self.users.get(response.helper_id))
                await self.sender.enqueue(
                    response.helper_id, t("help-relay-ended", title=request.title), priority=-1
                )
        elif reopened:
            await self._tell_author_reopened(request, "help-relay-ended-reopened")
        else:  # another helper is still on it
            await self._tell_author(request, "help-relay-ended")
        if reopened:
            fresh = await self.repo.get(request.id)
            if fresh is not None:
                await self.notify_helpers(fresh)
        return Outcome.DONE

    async def _tell_author_reopened(self, request: HelpRequest, key: str) -> None:
        """A helper stepped back and the request is open again: the author hears what happens
        next and may close it right there."""
        if request.author_id is None:
            return
        t = self.translator.texts_for(await self.users.get(request.author_id))
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [_button(t("help-resolve"), "resolve", request.id)],
                [_button(t("help-withdraw"), "close", request.id)],
            ]
        )
        await self.sender.enqueue(
            request.author_id, t(key, title=request.title), reply_markup=keyboard, priority=-1
        )

    async def _reopen_if_nobody(self, request_id: int) -> bool:
        """Open again when no helper is on it any more; True when it was reopened now."""
        if any(r.status == "accepted" for r in await self.repo.responses(request_id)):
            return False
        if await self.repo.set_status(request_id, "open", expect=("in_progress",)):
            await self.refresh_post(request_id)
            return True
        return False

    # --- ending ---

    async def resolve(self, request_id: int, author_id: int) -> Outcome:
        request = await self.repo.get(request_id)
        if request is None:
            return Outcome.GONE
        if request.author_id != author_id:
            return Outcome.NOT_ALLOWED
        if not await self.repo.set_status(request_id, "resolved", expect=("open", "in_progress")):
            return Outcome.ALREADY
        for response in await self.repo.responses(request_id):
            if response.status in ("accepted", "ended") and response.helper_id is not None:
                await self.repo.count_helped(response.id, response.helper_id)
        await self.refresh_post(request_id)
        return Outcome.DONE

    async def helpers_of(self, request_id: int) -> list[User]:
        found = []
        for response in await self.repo.responses(request_id):
            if response.status in ("accepted", "ended") and response.helper_id is not None:
                user = await self.users.get(response.helper_id)
                if user is not None:
                    found.append(user)
        return found

    async def thank(self, request_id: int, author_id: int, public: bool) -> Outcome:
        """A thank-you to the helpers: privately, and in the group if the author wants."""
        request = await self.repo.get(request_id)
        if request is None or request.status != "resolved":
            return Outcome.GONE
        if request.author_id != author_id:
            return Outcome.NOT_ALLOWED
        helpers = await self.helpers_of(request_id)
        if not helpers:
            return Outcome.GONE
        for helper in helpers:
            t = self.translator.texts_for(helper)
            await self.sender.enqueue(
                helper.id,
                t("help-thanks-private", title=request.title),
                dedupe_key=f"help-thanks:{request_id}:{helper.id}",
            )
        if public:
            community = await self.communities.get(request.chat_id)
            if community is not None and community.active:
                t = self._group_texts(community)
                names = Markup(
                    ", ".join(mention(h.id, h.first_name or t("someone")) for h in helpers)
                )
                if request.anonymous:
                    text = t("help-thanks-public-anonymous", helpers=names, title=request.title)
                else:
                    author = await self.users.get(author_id)
                    who = Markup(
                        mention(author_id, (author.first_name if author else None) or t("someone"))
                    )
                    text = t("help-thanks-public", author=who, helpers=names, title=request.title)
                await self.sender.enqueue(
                    request.chat_id,
                    text,
                    thread_id=await self.topic(request.chat_id),
                    dedupe_key=f"help-thanks-post:{request_id}",
                )
        return Outcome.DONE

    async def close(self, request_id: int, user_id: int, *, reason: str | None = None) -> Outcome:
        """The author withdraws it, or a moderator closes it."""
        request = await self.repo.get(request_id)
        if request is None:
            return Outcome.GONE
        moderator = await self.is_moderator(request.chat_id, user_id)
        if request.author_id != user_id and not moderator:
            return Outcome.NOT_ALLOWED
        if not await self.repo.set_status(
            request_id, "closed", reason=reason, expect=("review", "open", "in_progress")
        ):
            return Outcome.ALREADY
        if request.author_id != user_id:
            await self._tell_author(request, "help-closed-by-moderator")
        await self.refresh_post(request_id)
        return Outcome.DONE

    async def reopen(self, request_id: int, user_id: int) -> Outcome:
        request = await self.repo.get(request_id)
        if request is None:
            return Outcome.GONE
        if not await self.is_moderator(request.chat_id, user_id):
            return Outcome.NOT_ALLOWED
        if not await self.repo.set_status(
            request_id, "open", expect=("closed", "expired", "resolved")
        ):
            return Outcome.ALREADY
        await self.repo.renew(request_id)
        fresh = await self.repo.get(request_id)
        community = await self.communities.get(request.chat_id)
        if fresh is None or community is None:
            return Outcome.GONE
        if fresh.post_message_id is None and fresh.visibility != "helpers":
            await self._publish(fresh, community)  # closed while in review: never posted yet
        else:
            await self._plan_followups(fresh)
            await self.refresh_post(request_id)
        return Outcome.DONE

    async def delete(self, request_id: int, user_id: int) -> Outcome:
        request = await self.repo.get(request_id)
        if request is None or request.status == "deleted":
            return Outcome.GONE
        if not await self.is_moderator(request.chat_id, user_id):
            return Outcome.NOT_ALLOWED
        await self.repo.set_status(request_id, "deleted")
        await self._take_down(request)
        return Outcome.DONE

    async def _take_down(self, request: HelpRequest) -> None:
        """The group post (and its reminder) goes. Not yet sent: never sent. Sent: replaced by
        a neutral line, then removed — the text goes even where Telegram no longer lets the bot
        delete a message (older than 48 h, without admin rights)."""
        await self.sender.outbox.supersede(f"{POST_KEY}{request.id}:")
        await self.sender.outbox.supersede(f"{BUMP_KEY}{request.id}:")
        await self.refresh_post(request.id)
        for message_id in (request.post_message_id, request.bump_message_id):
            if message_id is not None:
                await self.sender.enqueue(
                    request.chat_id,
                    method="deleteMessage",
                    message_id=message_id,
                    dedupe_key=f"help-delete:{request.id}:{message_id}",
                )

    async def forget_author(self, user_id: int) -> None:
        """Before /forget removes the person's requests: their group posts go too."""
        for request in await self.repo.of_author(user_id, limit=10_000):
            await self.repo.set_status(request.id, "deleted")
            await self._take_down(request)

    # --- follow-ups (timers in the database: a restart loses none) ---

    async def _plan_followups(self, request: HelpRequest) -> None:
        opened = request.opened_at or self.repo.clock.time()
        hours = await self.settings.get(request.chat_id, REQUESTS_BUMP_HOURS)
        stamp = int(opened)
        for kind, at in (
            ("help_bump", opened + hours * 3600),
            ("help_ask", opened + ASK_AFTER),
            ("help_expire", opened + EXPIRE_AFTER),
        ):
            await self.scheduler.add_timer(
                kind,
                {"request_id": request.id, "opened": stamp},
                at,
                grace=TIMER_GRACE,
                dedupe_key=f"{kind}:{request.id}:{stamp}",
            )

    async def _plan_silence(self, response_id: int) -> None:
        response = await self.repo.response(response_id)
        if response is None:
            return
        stamp = int(response.activity_at)
        await self.scheduler.add_timer(
            "help_silence",
            {"response_id": response_id, "activity": stamp},
            response.activity_at + SILENT_AFTER,
            grace=TIMER_GRACE,
            dedupe_key=f"help_silence:{response_id}:{stamp}",
        )

    async def followup(self, kind: str, request_id: int, opened: int) -> None:
        request = await self.repo.get(request_id)
        if request is None or int(request.opened_at or 0) != opened:
            return  # renewed or gone since: a newer timer covers it
        step = {"help_bump": self._bump, "help_ask": self._ask, "help_expire": self._expire}
        await step[kind](request, opened)

    async def _bump(self, request: HelpRequest, opened: int) -> None:
        """Nobody offered yet: once more to the group and to more matching helpers."""
        if request.status != "open" or request.bumped_at is not None:
            return
        if await self.repo.responses(request.id):
            return
        await self.repo.touch(request.id, "bumped_at")
        community = await self.communities.get(request.chat_id)
        if community is not None and community.active and request.visibility != "helpers":
            t = self._group_texts(community)
            text, keyboard = await self.post(t, request)
            await self.sender.enqueue(
                request.chat_id,
                t("help-bump") + "\n\n" + text,
                reply_markup=keyboard,
                thread_id=await self.topic(request.chat_id),
                dedupe_key=f"{BUMP_KEY}{request.id}:{opened}",
            )
        await self.notify_helpers(request)

    async def _ask(self, request: HelpRequest, opened: int) -> None:
        if request.status not in ("open", "in_progress") or request.author_id is None:
            return
        await self.repo.touch(request.id, "asked_at")
        t = self.translator.texts_for(await self.users.get(request.author_id))
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    _button(t("help-still-yes"), "renew", request.id),
                    _button(t("help-resolve"), "resolve", request.id),
                ],
                [_button(t("help-withdraw"), "close", request.id)],
            ]
        )
        await self.sender.enqueue(
            request.author_id,
            t("help-still-needed", title=request.title),
            reply_markup=keyboard,
            dedupe_key=f"help-ask:{request.id}:{opened}",
        )

    async def _expire(self, request: HelpRequest, opened: int) -> None:
        if await self.repo.set_status(request.id, "expired", expect=("open",)):
            await self._tell_author(request, "help-expired")
            await self.refresh_post(request.id)

    async def renew(self, request_id: int, author_id: int) -> Outcome:
        request = await self.repo.get(request_id)
        if request is None or request.status not in ("open", "in_progress"):
            return Outcome.GONE
        if request.author_id != author_id:
            return Outcome.NOT_ALLOWED
        await self.repo.renew(request_id)
        fresh = await self.repo.get(request_id)
        assert fresh is not None
        await self._plan_followups(fresh)
        return Outcome.DONE

    async def silence(self, response_id: int, activity: int) -> None:
        """An accepted helper with no word for SILENT_AFTER: asked how it goes; without an
        answer in RELEASE_AFTER the request is open again and offered anew."""
        response = await self.repo.response(response_id)
        if (
            response is None
            or response.status != "accepted"
            or int(response.activity_at) != activity
        ):
            return
        request = await self.repo.get(response.request_id)
        if request is None or request.status not in ("open", "in_progress"):
            return
        if response.nudged_at is None:
            await self.repo.response_nudged(response_id)
            if response.helper_id is not None:
                t = self.translator.texts_for(await self.users.get(response.helper_id))
                keyboard = InlineKeyboardMarkup(
                    inline_keyboard=[
                        [
                            _button(t("help-going-on"), "going", response_id),
                            _button(t("help-give-back"), "release", response_id),
                        ]
                    ]
                )
                await self.sender.enqueue(
                    response.helper_id,
                    t("help-how-goes", title=request.title),
                    reply_markup=keyboard,
                    dedupe_key=f"help-nudge:{response_id}:{activity}",
                )
            await self.scheduler.add_timer(
                "help_silence",
                {"response_id": response_id, "activity": activity},
                self.repo.clock.time() + RELEASE_AFTER,
                grace=TIMER_GRACE,
                dedupe_key=f"help_release:{response_id}:{activity}",
            )
            return
        await self.release(response_id, response.helper_id, by_timer=True)

    async def still_going(self, response_id: int, helper_id: int) -> Outcome:
        response = await self.repo.response(response_id)
        if response is None or response.status != "accepted":
            return Outcome.GONE
        if response.helper_id != helper_id:
            return Outcome.NOT_ALLOWED
        await self.repo.response_activity(response_id)
        await self._plan_silence(response_id)
        return Outcome.DONE

    async def release(
        self, response_id: int, helper_id: int | None, *, by_timer: bool = False
    ) -> Outcome:
        """The helper gives the request back (or went silent): open again, offered anew."""
        response = await self.repo.response(response_id)
        if response is None:
            return Outcome.GONE
        if not by_timer and response.helper_id != helper_id:
            return Outcome.NOT_ALLOWED
        request = await self.repo.get(response.request_id)
        if request is None or request.status not in ("open", "in_progress"):
            return Outcome.GONE  # resolved or closed meanwhile: nothing to give back
        if not await self.repo.set_response_status(response_id, "released", expect=("accepted",)):
            return Outcome.ALREADY
        if await self._reopen_if_nobody(request.id):
            await self._tell_author_reopened(request, "help-released")
        else:
            await self._tell_author(request, "help-released")
        fresh = await self.repo.get(request.id)
        if fresh is not None and fresh.status == "open":
            await self.notify_helpers(fresh)
        return Outcome.DONE


DIGEST_TIME = "10:00"  # on the 1st of the month, in the community's zone


class MonthlyDigest:
    """On the first of each month, a thank-you post in each community: how many requests were
    resolved and who helped. Planned from the database; a digest missed while the bot was down
    is still posted that day, and never twice."""

    def __init__(self, service: HelpService, default_timezone: str) -> None:
        self.service = service
        self.default_timezone = default_timezone
        service.settings.on_change(self._changed)

    async def _changed(self, chat_id: int, option: Any, value: Any) -> None:
        if option in (REQUESTS_DIGEST, COMMUNITY_TIMEZONE):  # its hour is the community's
            await self.plan(chat_id)

    async def plan(self, chat_id: int) -> float | None:
        service = self.service
        community = await service.communities.get(chat_id)
        next_at = None
        if (
            community is not None
            and community.active
            and await service.settings.get(chat_id, REQUESTS_DIGEST)
        ):
            zone = community.timezone or self.default_timezone
            next_at = next_month_start(
                from_timestamp(service.repo.clock.time()), zone, DIGEST_TIME
            ).timestamp()
        await service.settings.set(chat_id, REQUESTS_DIGEST_NEXT_AT, next_at, None)
        if next_at is None:
            service.scheduler.unschedule("help_digest", str(chat_id))
        else:
            service.scheduler.schedule(
                "help_digest", JobSpec(str(chat_id), self.send, next_at, {"chat_id": chat_id})
            )
        return next_at

    async def send(self, chat_id: int) -> bool:
        service = self.service
        next_at = await service.settings.get(chat_id, REQUESTS_DIGEST_NEXT_AT)
        community = await service.communities.get(chat_id)
        if next_at is None or community is None:
            return False
        now = service.repo.clock.time()
        if next_at > now + 1:
            service.scheduler.schedule(
                "help_digest", JobSpec(str(chat_id), self.send, next_at, {"chat_id": chat_id})
            )
            return False
        posted = False
        if now - next_at <= DAY and community.active:
            zone = community.timezone or self.default_timezone
            end = from_timestamp(next_at)
            local_end = to_local(end, zone)
            start_local = (local_end.replace(day=1) - timedelta(days=1)).replace(day=1)
            start = start_local.astimezone(UTC)
            resolved, helpers = await service.repo.month_of(chat_id, start.timestamp(), next_at)
            if resolved:
                t = service._group_texts(community)
                month = format_day(start_local.date(), t.lang, "LLLL")
                names = []
                for user_id, count in helpers:
                    user = await service.users.get(user_id)
                    if user is not None:
                        name = mention(user.id, user.first_name or t("someone"))
                        names.append(t("help-digest-helper", name=Markup(name), count=count))
                text = t("help-digest", month=month, count=resolved)
                if names:
                    text += "\n" + "\n".join(names)
                text += "\n\n" + t("help-digest-footer")
                await service.sender.enqueue(
                    chat_id,
                    text,
                    thread_id=await service.topic(chat_id),
                    dedupe_key=f"help-digest:{chat_id}:{int(next_at)}",
                )
                posted = True
        await self.plan(chat_id)
        return posted


async def digest_jobs(runtime: Any) -> list[Any]:
    """Job source: each community's next monthly digest, from the database (planned now for
    a community that has none yet, such as one from before digests existed)."""
    digest: MonthlyDigest = runtime.help_digest
    planned = await digest.service.settings.all_of(REQUESTS_DIGEST_NEXT_AT)
    specs = []
    for chat_id in await digest.service.communities.active_ids():
        at = planned.get(chat_id)
        if at is None:
            at = await digest.plan(chat_id)
        if at is not None:
            specs.append(JobSpec(str(chat_id), digest.send, float(at), {"chat_id": chat_id}))
    return specs


def _escape(text: str) -> str:
    from bot.texts import escape

    return escape(text)


def _button(text: str, action: str, item: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=HelpCB(action=action, id=item).pack())


def relay_keyboard(
    t: Texts, response_id: int, *, author_side: bool, revealed: bool = False
) -> InlineKeyboardMarkup:
    rows = [[_button(t("help-relay-reply"), "reply", response_id)]]
    if author_side and not revealed:
        rows.append([_button(t("help-reveal"), "reveal", response_id)])
    rows.append([_button(t("help-relay-end"), "end", response_id)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _followup(kind: str) -> Any:
    async def run(runtime: Any, args: dict[str, Any], lateness: float) -> None:
        await runtime.help.followup(kind, int(args["request_id"]), int(args["opened"]))

    return run


async def _silence_timer(runtime: Any, args: dict[str, Any], lateness: float) -> None:
    await runtime.help.silence(int(args["response_id"]), int(args["activity"]))
