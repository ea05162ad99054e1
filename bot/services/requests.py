"""Help requests: someone needs something concrete, someone else can give it. Asking (with
optional pre-moderation), the group post and its live status, offers of help, the author's
choice, a relayed conversation for anonymous requests, thanks, follow-ups, and matching
helpers by what they offer.

The rules only: who may act, state changes, timers. What people see (cards, keyboards, deep
links) and its delivery through the outbox is bot/views/requests.py, told what happened through
`RequestNotifier`. Each public method that changes state does its writes in one transaction;
whatever may ask Telegram (rights, a member's status) is asked before it opens.

Anonymous requests: the author is stored for routing only. Nothing built for the group, a
helper, a relayed message or a log line reads the author's id, name or username: what the
notifier gets for them is a `Shown` request, which carries no author id at all."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, timedelta
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol

from bot.repos.communities import CommunitiesRepo, Community
from bot.repos.requests import HelperProfile, HelpRequest, RequestsRepo, Response
from bot.repos.users import User, UsersRepo
from bot.scheduler import JobSpec, TimerArgs
from bot.services.community_settings import (
    COMMUNITY_TIMEZONE,
    REQUESTS_BUMP_HOURS,
    REQUESTS_CATEGORY_NAMES,
    REQUESTS_DIGEST,
    REQUESTS_DIGEST_NEXT_AT,
    REQUESTS_HELPERS_TOLD,
    REQUESTS_MAX_OPEN,
    REQUESTS_PREMODERATION,
    CommunitySettings,
)
from bot.services.permissions import Action, Actor, Permissions, Voice
from bot.timeutil import from_timestamp, next_month_start, to_local

if TYPE_CHECKING:
    from bot.scheduler import Scheduler

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
DAY = 86400.0
ASK_AFTER = 3 * DAY  # "still needed?"
EXPIRE_AFTER = 14 * DAY
SILENT_AFTER = 3 * DAY  # an accepted helper with no word: asked how it goes
RELEASE_AFTER = 1 * DAY  # …and without an answer, the request is open again
TIMER_GRACE = 30 * 86400  # a follow-up late after downtime still runs: each re-checks the state


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
class Submitted:
    outcome: Outcome
    request: HelpRequest | None = None
    reached: int = 1  # people or posts it reached (0: a helpers-only request nobody matched)


@dataclass(frozen=True)
class Shown:
    """A request as others see it (the group, helpers, moderators): its author id is always
    None here; `author` is given only where the request names its author."""

    request: HelpRequest
    category: Category
    offers: int = 0  # offers that still stand
    author: User | None = None


@dataclass(frozen=True)
class Relay:
    """One relayed message's way: from whom to whom, in which conversation."""

    to: int
    from_id: int
    response_id: int
    from_author: bool  # the receiver sees "the requester", never a name
    revealed: bool  # the author already named themself to this helper


class RequestNotifier(Protocol):
    """What the service tells people, named for what happened; the views decide how it looks
    and queue it (inside the caller's transaction: the outbox is a table)."""

    # --- the group and the people a request is offered to ---
    async def request_posted(self, shown: Shown, community: Community) -> None: ...
    async def request_bumped(self, shown: Shown, community: Community, opened: int) -> None: ...
    async def post_changed(self, shown: Shown, community: Community) -> None: ...
    async def post_taken_down(self, request: HelpRequest, community: Community | None) -> None: ...
    async def review_requested(
        self, shown: Shown, community: Community, moderators: Sequence[int]
    ) -> None: ...
    async def shown_to_watchers(self, shown: Shown, watchers: Sequence[int]) -> None: ...
    async def helpers_matched(self, shown: Shown, helpers: Sequence[int]) -> None: ...
    async def helpers_thanked(
        self, shown: Shown, helpers: Sequence[User], community: Community | None
    ) -> None: ...
    async def monthly_digest(
        self,
        community: Community,
        month: date,
        resolved: int,
        helpers: Sequence[tuple[User, int]],
        next_at: float,
    ) -> None: ...

    # --- the author ---
    async def request_approved(self, request: HelpRequest) -> None: ...
    async def request_rejected(self, request: HelpRequest, reason: str) -> None: ...
    async def request_expired(self, request: HelpRequest) -> None: ...
    async def request_closed_by_moderator(self, request: HelpRequest) -> None: ...
    async def still_needed_asked(self, request: HelpRequest, opened: int) -> None: ...
    async def helper_offered(
        self, request: HelpRequest, response_id: int, helper: User, note: str, helped: int
    ) -> None: ...
    async def helper_stepped_back(self, request: HelpRequest, reopened: bool) -> None: ...

    # --- the helper, and both sides of a conversation ---
    async def author_accepted(
        self, request: HelpRequest, response_id: int, helper: User, author: User
    ) -> None: ...
    async def author_declined(self, request: HelpRequest, helper_id: int) -> None: ...
    async def helper_nudged(
        self, request: HelpRequest, response_id: int, helper_id: int, activity: int
    ) -> None: ...
    async def author_revealed(
        self, request: HelpRequest, response_id: int, helper_id: int, author: User
    ) -> None: ...
    async def relay_ended(
        self, request: HelpRequest, response: Response, *, by_author: bool, reopened: bool
    ) -> None: ...
    async def relayed_text(self, relay: Relay, text: str) -> None: ...
    async def relayed_copy(self, relay: Relay, message_id: int, album: str | None) -> bool:
        """False for a later part of an album whose framing line went with the first part."""
        ...


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
        notifier: RequestNotifier,
        voice: Voice,
        default_language: str,
    ) -> None:
        self.repo = repo
        self.voice = voice
        self.communities = communities
        self.users = users
        self.permissions = permissions
        self.settings = settings
        self.scheduler = scheduler
        self.notifier = notifier
        self.default_language = default_language

    # --- who may ---

    async def get(self, request_id: int) -> HelpRequest | None:
        """The request as it is; who may see it is the caller's check (`may_view`)."""
        return await self.repo.get(request_id)

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

    # --- reading, for what handlers show (who may see it is theirs to ask first) ---

    async def offers_made(self, request_id: int) -> int:
        """Offers of help on a request but the declined ones: the count its card shows."""
        return sum(1 for r in await self.repo.responses(request_id) if r.status != "declined")

    async def open_page(
        self, chat_id: int, category: str | None, offset: int, limit: int
    ) -> tuple[list[HelpRequest], int]:
        """A page of the requests open in the group (not the helpers-only ones), and how many
        there are."""
        return await self.repo.open_in(chat_id, category, offset, limit)

    async def of_author(self, author_id: int, limit: int) -> list[HelpRequest]:
        return await self.repo.of_author(author_id, limit=limit)

    async def offers_in(self, chat_id: int) -> list[HelperProfile]:
        return await self.repo.offers_in(chat_id)

    async def is_watching(self, chat_id: int, user_id: int) -> bool:
        return user_id in await self.repo.watchers(chat_id)

    async def profile(self, user_id: int) -> HelperProfile | None:
        return await self.repo.profile(user_id)

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

    async def shown(self, request: HelpRequest, *, author: User | None = None) -> Shown:
        """The request for other eyes: without its author's id; named only when public."""
        if author is None and request.visibility == "public" and request.author_id is not None:
            author = await self.users.get(request.author_id)
        return Shown(
            replace(request, author_id=None),
            await self.category(request.chat_id, request.category),
            await self.repo.live_offers(request.id),
            author,
        )

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
        review = bool(await self.settings.get(chat_id, REQUESTS_PREMODERATION))
        # Who hears of it may mean asking Telegram for the admins: before the transaction.
        moderators = await self._moderators(chat_id) if review else []
        watchers = (
            await self._watching(chat_id, author_id)
            if draft.visibility == "helpers" and not review
            else []
        )
        async with self.repo.db.transaction():
            # Counted in the transaction that adds one: two quick posts cannot both pass.
            limit = await self.settings.get(chat_id, REQUESTS_MAX_OPEN)
            if await self.repo.open_count(chat_id, author_id) >= limit:
                return Submitted(Outcome.TOO_MANY)
            request_id = await self.repo.create(
                chat_id,
                author_id,
                category=draft.category,
                title=draft.title,
                details=draft.details,
                urgency=draft.urgency,
                visibility=draft.visibility,
                language=community.language or self.default_language,
                status="review" if review else "open",
            )
            request = await self.repo.get(request_id)
            assert request is not None
            reached = 1
            if review:
                await self.notifier.review_requested(
                    await self.shown(request), community, moderators
                )
            else:
                reached = await self._publish(request, community, watchers)
        log.info("help request submitted", extra={"request_id": request_id, "review": review})
        return Submitted(Outcome.DONE, request, reached)

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

    async def _watching(self, chat_id: int, author_id: int | None) -> list[int]:
        """The moderators who asked to see requests private to helpers (not the author)."""
        return [
            user_id
            for user_id in await self.repo.watchers(chat_id)
            if user_id != author_id and await self.is_moderator(chat_id, user_id)
        ]

    async def approve(self, request_id: int, moderator_id: int) -> Outcome:
        request = await self.repo.get(request_id)
        if request is None:
            return Outcome.GONE
        if not await self.is_moderator(request.chat_id, moderator_id):
            return Outcome.NOT_ALLOWED
        watchers = (
            await self._watching(request.chat_id, request.author_id)
            if request.visibility == "helpers"
            else []
        )
        community = await self.communities.get(request.chat_id)
        async with self.repo.db.transaction():
            if not await self.repo.set_status(request_id, "open", expect=("review",)):
                return Outcome.ALREADY
            fresh = await self.repo.get(request_id)
            if community is None or fresh is None:
                return Outcome.GONE
            await self._publish(fresh, community, watchers)
            await self.notifier.request_approved(fresh)
        return Outcome.DONE

    async def reject(self, request_id: int, moderator_id: int, reason: str) -> Outcome:
        request = await self.repo.get(request_id)
        if request is None:
            return Outcome.GONE
        if not await self.is_moderator(request.chat_id, moderator_id):
            return Outcome.NOT_ALLOWED
        async with self.repo.db.transaction():
            if not await self.repo.set_status(
                request_id, "rejected", reason=reason, expect=("review",)
            ):
                return Outcome.ALREADY
            await self.notifier.request_rejected(request, reason)
        return Outcome.DONE

    async def _publish(
        self, request: HelpRequest, community: Community, watchers: Sequence[int]
    ) -> int:
        """To the group (or, when private to helpers, to the moderators watching those), to
        the matching helpers, and the follow-ups planned."""
        shown = await self.shown(request)
        if request.visibility == "helpers":
            await self.notifier.shown_to_watchers(shown, watchers)
            reached = len(watchers)
        else:
            await self.notifier.request_posted(shown, community)
            reached = 1
        reached += await self.notify_helpers(request)
        await self._plan_followups(request)
        return reached

    async def post_sent(self, request_id: int, message_id: int) -> None:
        """The group post went out: its id is kept to edit it later."""
        async with self.repo.db.transaction():
            await self.repo.set_post(request_id, message_id)
            # Offers or a status change while the post waited in the queue: it catches up now.
            request = await self.repo.get(request_id)
            if request is not None and (
                request.status != "open" or await self.repo.live_offers(request_id)
            ):
                await self.refresh_post(request_id)

    async def bump_sent(self, request_id: int, message_id: int) -> None:
        await self.repo.set_post(request_id, message_id, bump=True)

    async def refresh_post(self, request_id: int) -> None:
        """The group post follows the request: status, offers count, buttons."""
        request = await self.repo.get(request_id)
        if request is None or (request.post_message_id is None and request.bump_message_id is None):
            return
        community = await self.communities.get(request.chat_id)
        if community is None or not community.active:
            return
        await self.notifier.post_changed(await self.shown(request), community)

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
        if fresh:
            await self.notifier.helpers_matched(await self.shown(request), fresh)
        return len(fresh)

    async def offer(self, request_id: int, helper_id: int, note: str) -> Outcome:
        request = await self.repo.get(request_id)
        if request is None or request.status not in ("open", "in_progress"):
            return Outcome.GONE
        if request.author_id == helper_id or not await self.may_use(request.chat_id, helper_id):
            return Outcome.NOT_ALLOWED
        helper = await self.users.get(helper_id)
        async with self.repo.db.transaction():
            response_id = await self.repo.add_response(request_id, helper_id, note)
            if response_id is None:
                return Outcome.ALREADY
            if request.author_id is not None and helper is not None:
                await self.notifier.helper_offered(
                    request, response_id, helper, note, await self._helped(helper_id)
                )
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
        async with self.repo.db.transaction():
            if not await self.repo.set_response_status(
                response_id, "accepted", expect=("offered",)
            ):
                return Outcome.ALREADY
            await self.repo.set_status(request.id, "in_progress", expect=("open",))
            await self.notifier.author_accepted(request, response_id, helper, author)
            await self._plan_silence(response_id)
            await self.refresh_post(request.id)
        return Outcome.DONE

    async def decline(self, response_id: int, author_id: int) -> Outcome:
        found = await self._author_response(response_id, author_id)
        if isinstance(found, Outcome):
            return found
        request, response = found
        async with self.repo.db.transaction():
            if not await self.repo.set_response_status(
                response_id, "declined", expect=("offered",)
            ):
                return Outcome.ALREADY
            if response.helper_id is not None:
                await self.repo.add_decline(author_id, response.helper_id)
                await self.notifier.author_declined(request, response.helper_id)
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

    async def _route(self, user_id: int, response_id: int) -> Relay | Outcome:
        """Where a relayed message goes; a helper who is no longer a member ends it."""
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
        return Relay(to, user_id, response_id, from_author, response.revealed)

    async def _relayed(self, response_id: int) -> None:
        await self.repo.response_activity(response_id)
        await self._plan_silence(response_id)

    async def relay(self, user_id: int, response_id: int, text: str) -> Outcome:
        route = await self._route(user_id, response_id)
        if isinstance(route, Outcome):
            return route
        async with self.repo.db.transaction():
            await self.notifier.relayed_text(route, text)
            await self._relayed(response_id)
        return Outcome.DONE

    async def relay_copy(
        self, user_id: int, response_id: int, message_id: int, album: str | None = None
    ) -> Outcome:
        """A photo, a file, a voice message… from the person's private chat, copied to the
        other side. The parts of one album share one framing line: ALREADY for the parts after
        the first, so that the person is answered once too."""
        route = await self._route(user_id, response_id)
        if isinstance(route, Outcome):
            return route
        async with self.repo.db.transaction():
            first = await self.notifier.relayed_copy(route, message_id, album)
            await self._relayed(response_id)
        return Outcome.DONE if first else Outcome.ALREADY

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
        async with self.repo.db.transaction():
            if not await self.repo.reveal(response_id):
                return Outcome.ALREADY
            await self.notifier.author_revealed(request, response_id, response.helper_id, author)
        return Outcome.DONE

    async def end_relay(self, response_id: int, user_id: int) -> Outcome:
        found = await self.relay_of(user_id, response_id)
        if found is None:
            return Outcome.GONE
        request, response, from_author = found
        async with self.repo.db.transaction():
            if not await self.repo.set_response_status(response_id, "ended", expect=("accepted",)):
                return Outcome.ALREADY
            reopened = await self._reopen_if_nobody(request.id)
            await self.notifier.relay_ended(
                request, response, by_author=from_author, reopened=reopened
            )
            if reopened:
                fresh = await self.repo.get(request.id)
                if fresh is not None:
                    await self.notify_helpers(fresh)
        return Outcome.DONE

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
        async with self.repo.db.transaction():
            if not await self.repo.set_status(
                request_id, "resolved", expect=("open", "in_progress")
            ):
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
        community = await self.communities.get(request.chat_id) if public else None
        # The thanks names the author unless the request was anonymous.
        author = None if request.anonymous else await self.users.get(author_id)
        async with self.repo.db.transaction():
            await self.notifier.helpers_thanked(
                await self.shown(request, author=author),
                helpers,
                community if community is not None and community.active else None,
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
        async with self.repo.db.transaction():
            if not await self.repo.set_status(
                request_id, "closed", reason=reason, expect=("review", "open", "in_progress")
            ):
                return Outcome.ALREADY
            if request.author_id != user_id:
                await self.notifier.request_closed_by_moderator(request)
            await self.refresh_post(request_id)
        return Outcome.DONE

    async def reopen(self, request_id: int, user_id: int) -> Outcome:
        request = await self.repo.get(request_id)
        if request is None:
            return Outcome.GONE
        if not await self.is_moderator(request.chat_id, user_id):
            return Outcome.NOT_ALLOWED
        community = await self.communities.get(request.chat_id)
        async with self.repo.db.transaction():
            if not await self.repo.set_status(
                request_id, "open", expect=("closed", "expired", "resolved")
            ):
                return Outcome.ALREADY
            await self.repo.renew(request_id)
            fresh = await self.repo.get(request_id)
            if fresh is None or community is None:
                return Outcome.GONE
            if fresh.post_message_id is None and fresh.visibility != "helpers":
                # Closed while in review: never posted yet (no watchers: it is not private).
                await self._publish(fresh, community, [])
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
        async with self.repo.db.transaction():
            await self.repo.set_status(request_id, "deleted")
            await self._take_down(request)
        return Outcome.DONE

    async def _take_down(self, request: HelpRequest) -> None:
        community = await self.communities.get(request.chat_id)
        await self.notifier.post_taken_down(
            replace(request, author_id=None),
            community if community is not None and community.active else None,
        )

    async def forget_author(self, user_id: int) -> None:
        """Before /forget removes the person's requests: their group posts go too."""
        async with self.repo.db.transaction():
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
        async with self.repo.db.transaction():
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
            await self.notifier.request_bumped(await self.shown(request), community, opened)
        await self.notify_helpers(request)

    async def _ask(self, request: HelpRequest, opened: int) -> None:
        if request.status not in ("open", "in_progress") or request.author_id is None:
            return
        await self.repo.touch(request.id, "asked_at")
        await self.notifier.still_needed_asked(request, opened)

    async def _expire(self, request: HelpRequest, opened: int) -> None:
        if await self.repo.set_status(request.id, "expired", expect=("open",)):
            await self.notifier.request_expired(request)
            await self.refresh_post(request.id)

    async def renew(self, request_id: int, author_id: int) -> Outcome:
        request = await self.repo.get(request_id)
        if request is None or request.status not in ("open", "in_progress"):
            return Outcome.GONE
        if request.author_id != author_id:
            return Outcome.NOT_ALLOWED
        async with self.repo.db.transaction():
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
        if response.nudged_at is not None:
            await self.release(response_id, response.helper_id, by_timer=True)
            return
        async with self.repo.db.transaction():
            await self.repo.response_nudged(response_id)
            if response.helper_id is not None:
                await self.notifier.helper_nudged(
                    request, response_id, response.helper_id, activity
                )
            await self.scheduler.add_timer(
                "help_silence",
                {"response_id": response_id, "activity": activity},
                self.repo.clock.time() + RELEASE_AFTER,
                grace=TIMER_GRACE,
                dedupe_key=f"help_release:{response_id}:{activity}",
            )

    async def still_going(self, response_id: int, helper_id: int) -> Outcome:
        response = await self.repo.response(response_id)
        if response is None or response.status != "accepted":
            return Outcome.GONE
        if response.helper_id != helper_id:
            return Outcome.NOT_ALLOWED
        async with self.repo.db.transaction():
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
        async with self.repo.db.transaction():
            if not await self.repo.set_response_status(
                response_id, "released", expect=("accepted",)
            ):
                return Outcome.ALREADY
            reopened = await self._reopen_if_nobody(request.id)
            await self.notifier.helper_stepped_back(request, reopened)
            fresh = await self.repo.get(request.id)
            if fresh is not None and fresh.status == "open":
                await self.notify_helpers(fresh)
        return Outcome.DONE

    async def set_watching(self, chat_id: int, user_id: int, on: bool) -> None:
        """A moderator's choice to hear of every new request in the community."""
        await self.repo.set_watcher(chat_id, user_id, on)

    async def save_profile(self, profile: HelperProfile) -> None:
        """What a person offers: categories, skills, hours, languages, a pause."""
        await self.repo.put_profile(
            profile.user_id,
            categories=profile.categories,
            skills=profile.skills,
            per_week=profile.per_week,
            languages=profile.languages,
            paused=profile.paused,
        )

    # --- what each kind of help-request timer does (registered in the composition root) ---

    async def bump_timer(self, args: TimerArgs, lateness: float) -> None:
        await self.followup("help_bump", int(args["request_id"]), int(args["opened"]))

    async def ask_timer(self, args: TimerArgs, lateness: float) -> None:
        await self.followup("help_ask", int(args["request_id"]), int(args["opened"]))

    async def expire_timer(self, args: TimerArgs, lateness: float) -> None:
        await self.followup("help_expire", int(args["request_id"]), int(args["opened"]))

    async def silence_timer(self, args: TimerArgs, lateness: float) -> None:
        await self.silence(int(args["response_id"]), int(args["activity"]))


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
        # The post and the next month's date are kept together: a restart repeats neither.
        async with service.repo.db.transaction():
            posted = False
            if now - next_at <= DAY and community.active:
                zone = community.timezone or self.default_timezone
                end = from_timestamp(next_at)
                local_end = to_local(end, zone)
                start_local = (local_end.replace(day=1) - timedelta(days=1)).replace(day=1)
                start = start_local.astimezone(UTC)
                resolved, helpers = await service.repo.month_of(chat_id, start.timestamp(), next_at)
                if resolved:
                    people = []
                    for user_id, count in helpers:
                        user = await service.users.get(user_id)
                        if user is not None:
                            people.append((user, count))
                    await service.notifier.monthly_digest(
                        community, start_local.date(), resolved, people, next_at
                    )
                    posted = True
            await self.plan(chat_id)
        return posted

    async def jobs(self) -> list[JobSpec]:
        """Job source: each community's next monthly digest, from the database (planned now for
        a community that has none yet, such as one from before digests existed)."""
        planned = await self.service.settings.all_of(REQUESTS_DIGEST_NEXT_AT)
        specs = []
        for chat_id in await self.service.communities.active_ids():
            at = planned.get(chat_id)
            if at is None:
                at = await self.plan(chat_id)
            if at is not None:
                specs.append(JobSpec(str(chat_id), self.send, float(at), {"chat_id": chat_id}))
        return specs
