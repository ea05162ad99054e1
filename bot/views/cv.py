"""What people see of job seekers' profiles: the card (hashtags first, as on a vacancy card),
the card shared to a group with its "Contact" deep link, the note to an owner someone wants to
talk to, and taking shared cards down. Queued through the sender (the outbox).

Implements bot.services.cv.CvNotifier."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiogram import Bot
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Markup, Texts, Translator
from bot.keyboards import deep_link
from bot.repos.communities import Community
from bot.repos.cv import Profile
from bot.repos.users import User, UsersRepo
from bot.services.community_settings import TOPIC_JOBS, CommunitySettings
from bot.services.sender import Sender
from bot.texts import escape, mention

SHARE_KEY = "cv-post:"
DEEP_LINK_CONTACT = "ct"  # /start ct<share id>: "Contact" under a shared profile

Posted = Callable[[int, int], Awaitable[None]]  # (share id, message id)


def card(t: Texts, profile: Profile, name: str | None = None) -> str:
    """Hashtags first, as on a vacancy card, so Telegram's hashtag search finds both."""
    head = [
        t("cv-tag"),
        t(f"vac-tag-level-{profile.level}"),
        t(f"vac-tag-location-{profile.location}"),
        *profile.skills.split(),
    ]
    lines = [" ".join(dict.fromkeys(head))]
    if name is not None:
        lines.append(t("cv-card-name", name=Markup(name), role=profile.role))
    else:
        lines.append(t("cv-card-role", role=profile.role))
    where = t(f"vac-location-{profile.location}")
    if profile.city:
        where += ", " + escape(profile.city)
    lines.append(t("cv-card-facts", level=t(f"vac-level-{profile.level}"), where=Markup(where)))
    if profile.languages:
        lines.append(t("cv-card-languages", languages=profile.languages))
    if profile.about:
        lines += ["", escape(profile.about)]
    if profile.links:
        lines.append("")
        lines += [t("cv-card-link", link=link) for link in profile.links.split("\n")]
    return "\n".join(lines)


class CvViews:
    """The /cv feature's notifier: render in the reader's language, queue for sending."""

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

    def follow_shares(self, posted: Posted) -> None:
        """Once a shared card is sent, its id goes back to the service (to take it down)."""

        async def on_share(key: str, chat_id: int, message_id: int) -> None:
            await posted(int(key[len(SHARE_KEY) :].split(":")[0]), message_id)

        self.sender.on_sent(SHARE_KEY, on_share)

    async def profile_shared(
        self, profile: Profile, owner: User | None, community: Community, share_id: int
    ) -> None:
        """The card in the group, named, with "Contact" (a deep link into the private chat)."""
        t = self.translator.texts(community.language or self.translator.default_language)
        name = mention(profile.user_id, (owner.first_name if owner else None) or t("someone"))
        # Asked at start-up (app.wait_for_telegram) and remembered by aiogram: no call here.
        me = await self.bot.me()
        keyboard = None
        if me.username:
            link = deep_link(me.username, f"{DEEP_LINK_CONTACT}{share_id}")
            keyboard = InlineKeyboardMarkup(
                inline_keyboard=[[InlineKeyboardButton(text=t("cv-contact"), url=link)]]
            )
        await self.sender.enqueue(
            community.chat_id,
            card(t, profile, name),
            reply_markup=keyboard,
            thread_id=await self.settings.get(community.chat_id, TOPIC_JOBS),
            dedupe_key=f"{SHARE_KEY}{share_id}:",
        )

    async def contact_asked(self, owner: User, profile: Profile, seeker_id: int) -> None:
        """The owner hears who wants to talk, and decides whether to write."""
        seeker = await self.users.get(seeker_id)
        t = self.translator.texts_for(owner)
        who = mention(seeker_id, (seeker.first_name if seeker else None) or t("someone"))
        await self.sender.enqueue(
            owner.id, t("cv-contact-asked", name=Markup(who), role=profile.role), priority=-1
        )

    async def share_taken_down(self, share_id: int, chat_id: int, message_id: int | None) -> None:
        # A card still waiting in the queue must not go out after the person said no.
        await self.sender.outbox.supersede(f"{SHARE_KEY}{share_id}:")
        if message_id is None:
            return
        await self.sender.enqueue(
            chat_id,
            method="deleteMessage",
            message_id=message_id,
            dedupe_key=f"cv-delete:{chat_id}:{message_id}",
        )
