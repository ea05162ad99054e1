"""What people see of help requests: the card, the group post and its buttons, the notices to
the author, helpers and moderators, the relayed conversation's framing, the monthly digest.
Each is rendered in its reader's language and queued through the sender (the outbox), so a
call made inside the service's transaction commits with it.

Implements bot.services.requests.RequestNotifier. The group, helpers and moderators get a
`Shown` request, which has no author id: only a public one carries its author, to be named."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import date

from aiogram import Bot
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import HelpAction, HelpCB
from bot.i18n import Markup, Texts, Translator
from bot.keyboards import deep_link, flag_button
from bot.repos.communities import Community
from bot.repos.requests import HelpRequest, Response
from bot.repos.users import User, UsersRepo
from bot.services.community_settings import TOPIC_REQUESTS, CommunitySettings
from bot.services.requests import RELAY_LIMIT, Category, Relay, RevealPreview, Shown
from bot.services.sender import Sender
from bot.texts import clip, escape, format_day, mention

POST_KEY = "help-post:"
BUMP_KEY = "help-bump:"
EDIT_KEY = "help-edit:"
RELAY_ALBUM_KEY = "help-relay-album:"
DEEP_LINK_HELP = "h"  # "I can help": /start h<id> (handlers/requests/helping.py)

Rendered = tuple[str, InlineKeyboardMarkup | None]
Render = Callable[[Texts], Rendered]
Posted = Callable[[int, int], Awaitable[None]]  # (request id, message id)


def button(text: str, action: HelpAction | str, item: int, value: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=text, callback_data=HelpCB(action=HelpAction(action), id=item, value=value).pack()
    )


def say(key: str, **kw: object) -> Render:
    """A plain notice: one text, no buttons."""
    return lambda t: (t(key, **kw), None)


def category_label(t: Texts, category: Category) -> str:
    """The community's name for it, else the built-in localized one."""
    return category.name or t(f"help-cat-{category.code}")


def category_tag(t: Texts, category: Category) -> str:
    """A hashtag Telegram's search understands: letters, digits and _ only."""
    if not category.name:
        return t(f"help-tag-{category.code}")
    slug = "".join(c if c.isalnum() else "_" for c in category.name.lower()).strip("_")
    return "#" + ("_".join(part for part in slug.split("_") if part) or category.code)


def card(t: Texts, request: HelpRequest, category: Category, offers: int = 0) -> str:
    """The request as text: hashtag, urgency, title, details, status. Never its author."""
    lines = [
        t(
            "help-card-head",
            category=category_tag(t, category),
            urgency=t(f"help-urgency-{request.urgency}"),
        ),
        t("help-card-title", title=request.title),
    ]
    if request.details:
        lines.append(Markup(escape(request.details)))
    lines.append("")
    lines.append(t(f"help-status-{request.status}"))
    if offers and request.status in ("open", "in_progress"):
        lines.append(t("help-offers-count", count=offers))
    return "\n".join(lines)


def post(t: Texts, shown: Shown, username: str | None) -> Rendered:
    """The card as others see it, the author named when public, and while it is open: "I can
    help" (a deep link into the private chat), share, and 🚩."""
    request = shown.request
    text = card(t, request, shown.category, shown.offers)
    if shown.author is not None:
        name = mention(shown.author.id, shown.author.first_name or t("someone"))
        text += "\n" + t("help-card-author", name=Markup(name))
    if request.status not in ("open", "in_progress") or not username:
        return text, None
    link = deep_link(username, f"{DEEP_LINK_HELP}{request.id}")
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


def headed(head: str, rendered: Rendered) -> Rendered:
    return head + "\n\n" + rendered[0], rendered[1]


def relay_keyboard(
    t: Texts, response_id: int, *, author_side: bool, revealed: bool = False
) -> InlineKeyboardMarkup:
    rows = [[button(t("help-relay-reply"), "reply", response_id)]]
    if author_side and not revealed:
        rows.append([button(t("help-reveal"), "reveal", response_id)])
    rows.append([button(t("help-relay-end"), "end", response_id)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def actions_keyboard(
    t: Texts, request: HelpRequest, *, author: bool, moderator: bool
) -> InlineKeyboardMarkup | None:
    """Under a request's card in private: what this person may do with it."""
    rows = []
    live = request.status in ("open", "in_progress")
    if author:
        if live:
            rows.append([button(t("help-resolve"), "resolve", request.id)])
            rows.append([button(t("help-withdraw"), "close", request.id)])
    elif live:
        rows.append([button(t("help-can-help"), "offer", request.id)])
    if moderator:
        moderation = []
        if request.status in ("review", "open", "in_progress"):
            moderation.append(button(t("help-mod-close"), "close", request.id))
        if request.status in ("closed", "expired", "resolved"):
            moderation.append(button(t("help-mod-reopen"), "reopen", request.id))
        moderation.append(button(t("help-mod-delete"), "delete", request.id))
        rows.append(moderation)
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


def reveal_question(t: Texts, preview: RevealPreview) -> str:
    return t(
        "help-reveal-confirm",
        helper=preview.helper_name or t("someone"),
        name=preview.author_name or t("someone"),
        title=preview.title,
    )


def reveal_keyboard(t: Texts, response_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(t("help-reveal-yes"), "reveal_yes", response_id)],
            [button(t("help-reveal-no"), "reveal_no", response_id)],
        ]
    )


def thanks_keyboard(t: Texts, request_id: int) -> InlineKeyboardMarkup:
    """After resolving: thank the helpers in the group too, or only privately."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(t("help-thank-public"), "thank", request_id, 1)],
            [button(t("help-thank-private"), "thank", request_id, 0)],
        ]
    )


def _keyboard(*rows: list[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=list(rows))


class RequestViews:
    """The requests feature's notifier: render in the reader's language, queue for sending."""

    def __init__(
        self,
        translator: Translator,
        users: UsersRepo,
        settings: CommunitySettings,
        sender: Sender,
        bot: Bot,
    ) -> None:
        self.translator = translator
        self.users = users
        self.settings = settings
        self.sender = sender
        self.bot = bot

    def follow_posts(self, posted: Posted, bumped: Posted) -> None:
        """Once a group post (or its reminder) is sent, its id goes back to the service."""

        async def on_post(key: str, chat_id: int, message_id: int) -> None:
            await posted(_request_id(key, POST_KEY), message_id)

        async def on_bump(key: str, chat_id: int, message_id: int) -> None:
            await bumped(_request_id(key, BUMP_KEY), message_id)

        self.sender.on_sent(POST_KEY, on_post)
        self.sender.on_sent(BUMP_KEY, on_bump)

    # --- the one way out: a reader's texts, a rendering, the queue ---

    async def _to_person(
        self,
        user_id: int,
        render: Render,
        *,
        priority: int = 0,
        dedupe_key: str | None = None,
    ) -> int | None:
        t = self.translator.texts_for(await self.users.get(user_id))
        text, keyboard = render(t)
        return await self.sender.enqueue(
            user_id, text, reply_markup=keyboard, priority=priority, dedupe_key=dedupe_key
        )

    def _group_texts(self, community: Community) -> Texts:
        return self.translator.texts(community.language or self.translator.default_language)

    async def _to_group(self, community: Community, render: Render, *, dedupe_key: str) -> None:
        text, keyboard = render(self._group_texts(community))
        await self.sender.enqueue(
            community.chat_id,
            text,
            reply_markup=keyboard,
            thread_id=await self.settings.get(community.chat_id, TOPIC_REQUESTS),
            dedupe_key=dedupe_key,
        )

    async def _username(self) -> str | None:
        # Asked at start-up (app.wait_for_telegram) and remembered by aiogram: no call here.
        return (await self.bot.me()).username

    # --- the group and the people a request is offered to ---

    async def request_posted(self, shown: Shown, community: Community) -> None:
        username = await self._username()
        await self._to_group(
            community,
            lambda t: post(t, shown, username),
            dedupe_key=f"{POST_KEY}{shown.request.id}:",
        )

    async def request_bumped(self, shown: Shown, community: Community, opened: int) -> None:
        username = await self._username()
        await self._to_group(
            community,
            lambda t: headed(t("help-bump"), post(t, shown, username)),
            dedupe_key=f"{BUMP_KEY}{shown.request.id}:{opened}",
        )

    async def post_changed(self, shown: Shown, community: Community) -> None:
        """The group post follows the request: status, offers count, buttons."""
        t = self._group_texts(community)
        if shown.request.status == "deleted":
            text, keyboard = t("help-post-deleted"), None
        else:
            text, keyboard = post(t, shown, await self._username())
        await self._edit_posts(shown.request, text, keyboard)

    async def _edit_posts(
        self, request: HelpRequest, text: str, keyboard: InlineKeyboardMarkup | None
    ) -> None:
        """An older pending edit of the same post is dropped for the newest."""
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

    async def post_taken_down(self, request: HelpRequest, community: Community | None) -> None:
        """Not yet sent: never sent. Sent: replaced by a neutral line, then removed — the text
        goes even where Telegram no longer lets the bot delete a message (older than 48 h,
        without admin rights)."""
        await self.sender.outbox.supersede(f"{POST_KEY}{request.id}:")
        await self.sender.outbox.supersede(f"{BUMP_KEY}{request.id}:")
        if community is not None:
            t = self._group_texts(community)
            await self._edit_posts(request, t("help-post-deleted"), None)
        for message_id in (request.post_message_id, request.bump_message_id):
            if message_id is not None:
                await self.sender.enqueue(
                    request.chat_id,
                    method="deleteMessage",
                    message_id=message_id,
                    dedupe_key=f"help-delete:{request.id}:{message_id}",
                )

    async def review_requested(
        self, shown: Shown, community: Community, moderators: Sequence[int]
    ) -> None:
        request = shown.request

        def render(t: Texts) -> Rendered:
            text = t("help-review", title=community.title) + "\n\n"
            keyboard = _keyboard(
                [
                    button(t("help-approve"), "approve", request.id),
                    button(t("help-reject"), "reject", request.id),
                ]
            )
            return text + card(t, request, shown.category), keyboard

        for user_id in moderators:
            await self._to_person(user_id, render, dedupe_key=f"help-review:{request.id}:{user_id}")

    async def shown_to_watchers(self, shown: Shown, watchers: Sequence[int]) -> None:
        """A request private to helpers, to the moderators who asked to see those."""
        username = await self._username()
        for user_id in watchers:
            await self._to_person(
                user_id,
                lambda t: headed(t("help-watched"), post(t, shown, username)),
                dedupe_key=f"help-watch:{shown.request.id}:{user_id}",
            )

    async def helpers_matched(self, shown: Shown, helpers: Sequence[int]) -> None:
        username = await self._username()
        for user_id in helpers:
            await self._to_person(
                user_id,
                lambda t: headed(t("help-matched"), post(t, shown, username)),
                dedupe_key=f"help-match:{shown.request.id}:{user_id}",
            )

    async def helpers_thanked(
        self, shown: Shown, helpers: Sequence[User], community: Community | None
    ) -> None:
        request = shown.request
        for helper in helpers:
            await self._to_person(
                helper.id,
                say("help-thanks-private", title=request.title),
                dedupe_key=f"help-thanks:{request.id}:{helper.id}",
            )
        if community is None:
            return

        def render(t: Texts) -> Rendered:
            names = Markup(", ".join(mention(h.id, h.first_name or t("someone")) for h in helpers))
            if request.anonymous:
                return t("help-thanks-public-anonymous", helpers=names, title=request.title), None
            author = shown.author
            who = (
                Markup(mention(author.id, author.first_name or t("someone")))
                if author is not None
                else t("someone")
            )
            return t("help-thanks-public", author=who, helpers=names, title=request.title), None

        await self._to_group(community, render, dedupe_key=f"help-thanks-post:{request.id}")

    async def monthly_digest(
        self,
        community: Community,
        month: date,
        resolved: int,
        helpers: Sequence[tuple[User, int]],
        next_at: float,
    ) -> None:
        def render(t: Texts) -> Rendered:
            names = [
                t(
                    "help-digest-helper",
                    name=Markup(mention(user.id, user.first_name or t("someone"))),
                    count=count,
                )
                for user, count in helpers
            ]
            text = t("help-digest", month=format_day(month, t.lang, "LLLL"), count=resolved)
            if names:
                text += "\n" + "\n".join(names)
            return text + "\n\n" + t("help-digest-footer"), None

        await self._to_group(
            community, render, dedupe_key=f"help-digest:{community.chat_id}:{int(next_at)}"
        )

    # --- the author ---

    async def _tell_author(self, request: HelpRequest, render: Render) -> None:
        if request.author_id is not None:
            await self._to_person(request.author_id, render, priority=-1)

    async def request_approved(self, request: HelpRequest) -> None:
        await self._tell_author(request, say("help-approved", title=request.title))

    async def request_rejected(self, request: HelpRequest, reason: str) -> None:
        await self._tell_author(request, say("help-rejected", title=request.title, reason=reason))

    async def request_expired(self, request: HelpRequest) -> None:
        await self._tell_author(request, say("help-expired", title=request.title))

    async def request_closed_by_moderator(self, request: HelpRequest) -> None:
        await self._tell_author(request, say("help-closed-by-moderator", title=request.title))

    async def still_needed_asked(self, request: HelpRequest, opened: int) -> None:
        if request.author_id is None:
            return

        def render(t: Texts) -> Rendered:
            keyboard = _keyboard(
                [
                    button(t("help-still-yes"), "renew", request.id),
                    button(t("help-resolve"), "resolve", request.id),
                ],
                [button(t("help-withdraw"), "close", request.id)],
            )
            return t("help-still-needed", title=request.title), keyboard

        await self._to_person(
            request.author_id, render, dedupe_key=f"help-ask:{request.id}:{opened}"
        )

    async def helper_offered(
        self, request: HelpRequest, response_id: int, helper: User, note: str, helped: int
    ) -> None:
        def render(t: Texts) -> Rendered:
            keyboard = _keyboard(
                [
                    button(t("help-accept"), "accept", response_id),
                    button(t("help-decline"), "decline", response_id),
                ]
            )
            text = t(
                "help-offer-received",
                title=request.title,
                name=helper.first_name or t("someone"),
                note=note,
                helped=helped,
            )
            return text, keyboard

        await self._tell_author(request, render)

    def _reopened(self, key: str, request: HelpRequest) -> Render:
        """A helper stepped back and the request is open again: the author hears what happens
        next and may close it right there."""

        def render(t: Texts) -> Rendered:
            keyboard = _keyboard(
                [button(t("help-resolve"), "resolve", request.id)],
                [button(t("help-withdraw"), "close", request.id)],
            )
            return t(key, title=request.title), keyboard

        return render

    async def helper_stepped_back(self, request: HelpRequest, reopened: bool) -> None:
        if reopened:
            await self._tell_author(request, self._reopened("help-released", request))
        else:
            await self._tell_author(request, say("help-released", title=request.title))

    # --- the helper, and both sides of a conversation ---

    async def author_accepted(
        self, request: HelpRequest, response_id: int, helper: User, author: User
    ) -> None:
        if request.anonymous:
            # A relayed conversation: each side sees only "the requester" / the helper's name.
            await self._to_person(
                helper.id,
                lambda t: (
                    t("help-relay-start-helper", title=request.title),
                    relay_keyboard(t, response_id, author_side=False),
                ),
                priority=-1,
            )
            await self._to_person(
                author.id,
                lambda t: (
                    t("help-relay-start-author", name=helper.first_name or t("someone")),
                    relay_keyboard(t, response_id, author_side=True),
                ),
                priority=-1,
            )
            return
        await self._to_person(
            helper.id,
            lambda t: (
                t(
                    "help-accepted-helper",
                    title=request.title,
                    name=Markup(mention(author.id, author.first_name or t("someone"))),
                ),
                None,
            ),
            priority=-1,
        )
        await self._to_person(
            author.id,
            lambda t: (
                t(
                    "help-accepted-author",
                    name=Markup(mention(helper.id, helper.first_name or t("someone"))),
                ),
                None,
            ),
            priority=-1,
        )

    async def author_declined(self, request: HelpRequest, helper_id: int) -> None:
        await self._to_person(
            helper_id, say("help-declined-helper", title=request.title), priority=-1
        )

    async def helper_nudged(
        self, request: HelpRequest, response_id: int, helper_id: int, activity: int
    ) -> None:
        def render(t: Texts) -> Rendered:
            keyboard = _keyboard(
                [
                    button(t("help-going-on"), "going", response_id),
                    button(t("help-give-back"), "release", response_id),
                ]
            )
            return t("help-how-goes", title=request.title), keyboard

        await self._to_person(helper_id, render, dedupe_key=f"help-nudge:{response_id}:{activity}")

    async def author_revealed(
        self, request: HelpRequest, response_id: int, helper_id: int, author: User
    ) -> None:
        await self._to_person(
            helper_id,
            lambda t: (
                t(
                    "help-revealed",
                    title=request.title,
                    name=Markup(mention(author.id, author.first_name or t("someone"))),
                ),
                None,
            ),
            priority=-1,
            dedupe_key=f"help-revealed:{response_id}",
        )

    async def relay_ended(
        self, request: HelpRequest, response: Response, *, by_author: bool, reopened: bool
    ) -> None:
        if by_author:
            if response.helper_id is not None:
                await self._to_person(
                    response.helper_id,
                    say("help-relay-ended", title=request.title),
                    priority=-1,
                )
        elif reopened:
            await self._tell_author(request, self._reopened("help-relay-ended-reopened", request))
        else:  # another helper is still on it
            await self._tell_author(request, say("help-relay-ended", title=request.title))

    async def _relay_head(self, relay: Relay) -> Render:
        """The line the receiver sees over a relayed message: "the requester" for the author
        (never a name), the helper's first name for the helper; and the conversation's
        buttons."""
        sender = None if relay.from_author else await self.users.get(relay.from_id)

        def render(t: Texts) -> Rendered:
            if relay.from_author:
                head = t("help-relay-from-author")
            else:
                name = (sender.first_name if sender else None) or t("someone")
                head = t("help-relay-from-helper", name=name)
            keyboard = relay_keyboard(
                t, relay.response_id, author_side=not relay.from_author, revealed=relay.revealed
            )
            return head, keyboard

        return render

    async def relayed_text(self, relay: Relay, text: str) -> None:
        head = await self._relay_head(relay)

        def render(t: Texts) -> Rendered:
            line, keyboard = head(t)
            return line + "\n" + escape(clip(text, RELAY_LIMIT)), keyboard

        await self._to_person(relay.to, render, priority=-1)

    async def relayed_copy(self, relay: Relay, message_id: int, album: str | None) -> bool:
        """copyMessage leaves no forward header and keeps the caption as written; the framing
        goes on a line just before (the sender keeps one chat's messages in queue order)."""
        head = await self._relay_head(relay)
        t = self.translator.texts_for(await self.users.get(relay.to))
        line, keyboard = head(t)
        first = await self.sender.enqueue(
            relay.to,
            line,
            priority=-1,
            dedupe_key=f"{RELAY_ALBUM_KEY}{relay.response_id}:{album}" if album else None,
        )
        await self.sender.enqueue(
            relay.to,
            method="copyMessage",
            from_chat_id=relay.from_id,
            message_id=message_id,
            reply_markup=keyboard,
            priority=-1,
        )
        return first is not None


def _request_id(key: str, prefix: str) -> int:
    return int(key[len(prefix) :].split(":")[0])
