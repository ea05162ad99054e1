"""Job seekers' profiles (/cv): kept privately, found by those who hire in the person's
communities (/talents) as far as the person allows, shared to a group at most once a week with
a "Contact" button, and attached to a "Refer me" note.

The rules only; the card, the group post with its "Contact" deep link and the notes people
get, with their delivery through the outbox, are bot/views/cv.py, told through `CvNotifier`."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from bot.repos.communities import CommunitiesRepo, Community
from bot.repos.cv import CvRepo, Profile
from bot.repos.users import User, UsersRepo
from bot.repos.vacancies import VacanciesRepo
from bot.services.permissions import Action, Actor, Permissions, Voice
from bot.texts import clip, starts_words, words

log = logging.getLogger(__name__)

WEEK = 7 * 86400.0
ROLE_LIMIT = 80
ABOUT_LIMIT = 700
LANGUAGES_LIMIT = 80
SKILLS_LIMIT = 300
LINKS_LIMIT = 3


class CvOutcome(Enum):
    DONE = "done"
    NO_PROFILE = "no_profile"
    NOT_ALLOWED = "not_allowed"
    TOO_SOON = "too_soon"
    ALREADY = "already"
    GONE = "gone"
    SILENCED = "silenced"  # may not write in the group now, so the bot does not for them


@dataclass(frozen=True)
class Shared:
    outcome: CvOutcome
    next_at: float | None = None  # when sharing to that group is possible again


class CvNotifier(Protocol):
    """What the service tells people, named for what happened; the views decide how it looks
    and queue it."""

    async def profile_shared(
        self, profile: Profile, owner: User | None, community: Community, share_id: int
    ) -> None: ...
    async def contact_asked(self, owner: User, profile: Profile, seeker_id: int) -> None: ...
    async def share_taken_down(
        self, share_id: int, chat_id: int, message_id: int | None
    ) -> None: ...


class CvService:
    def __init__(
        self,
        repo: CvRepo,
        users: UsersRepo,
        communities: CommunitiesRepo,
        vacancies: VacanciesRepo,
        permissions: Permissions,
        *,
        notifier: CvNotifier,
        voice: Voice,
    ) -> None:
        self.repo = repo
        self.voice = voice
        self.users = users
        self.communities = communities
        self.vacancies = vacancies
        self.permissions = permissions
        self.notifier = notifier

    async def profile(self, user_id: int) -> Profile | None:
        return await self.repo.get(user_id)

    async def save(self, user_id: int, visibility: str, fields: dict[str, str]) -> None:
        """The profile as the person confirmed it in the preview."""
        await self.repo.save(user_id, visibility, **fields)

    async def set_visibility(self, user_id: int, visibility: str) -> Profile | None:
        """Who may find the profile now; the profile as it stands after."""
        await self.repo.set_visibility(user_id, visibility)
        return await self.repo.get(user_id)

    async def visible_profile(self, user_id: int) -> Profile | None:
        """The person's profile for someone in the community to see, unless they have none
        or keep it to moderators or to themselves."""
        profile = await self.repo.get(user_id)
        if profile is None or profile.visibility != "community":
            return None
        return profile

    async def fill_about(self, user_id: int, about: str) -> bool:
        """ "About" written elsewhere (an introduction) goes into the profile only where it
        says nothing yet: what the person wrote for their CV is never overwritten."""
        return await self.repo.fill_about(user_id, clip(about.strip(), ABOUT_LIMIT))

    # --- sharing to the group, and "Contact" ---

    async def share(self, user_id: int, chat_id: int) -> Shared:
        profile = await self.repo.get(user_id)
        if profile is None:
            return Shared(CvOutcome.NO_PROFILE)
        membership = await self.communities.membership(chat_id, user_id)
        community = await self.communities.get(chat_id)
        if membership is None or not membership.active or community is None:
            return Shared(CvOutcome.NOT_ALLOWED)
        if not await self.permissions.may(chat_id, Actor(user_id), Action.USE):
            return Shared(CvOutcome.NOT_ALLOWED)
        if await self.voice.silenced(chat_id, user_id):
            return Shared(CvOutcome.SILENCED)
        async with self.repo.db.transaction():
            # Checked in the transaction that adds one: two quick shares cannot both pass.
            last = await self.repo.last_share(user_id, chat_id)
            now = self.repo.clock.time()
            if last is not None and now - last < WEEK:
                return Shared(CvOutcome.TOO_SOON, last + WEEK)
            share_id = await self.repo.add_share(user_id, chat_id)
            owner = await self.users.get(user_id)
            await self.notifier.profile_shared(profile, owner, community, share_id)
        log.info("profile shared", extra={"share_id": share_id})
        return Shared(CvOutcome.DONE)

    async def share_sent(self, share_id: int, message_id: int) -> None:
        """The shared card went out: its id, to take it down later."""
        await self.repo.set_share_message(share_id, message_id)

    async def contact_by_share(self, share_id: int, user_id: int) -> tuple[CvOutcome, str]:
        """ "Contact" under a shared profile: (outcome, the owner's first name)."""
        found = await self.repo.share(share_id)
        if found is None:
            return CvOutcome.GONE, ""
        owner_id, chat_id = found
        membership = await self.communities.membership(chat_id, user_id)
        if membership is None or not membership.active:
            return CvOutcome.NOT_ALLOWED, ""
        return await self._contact(owner_id, user_id, shared=True)

    async def contact_found(self, owner_id: int, user_id: int) -> tuple[CvOutcome, str]:
        """ "Contact" under a profile found with /talents: only one the presser may see."""
        if not any(p.user_id == owner_id for p in await self.talents(user_id, "", None)):
            return CvOutcome.NOT_ALLOWED, ""
        return await self._contact(owner_id, user_id)

    async def _contact(
        self, owner_id: int, user_id: int, *, shared: bool = False
    ) -> tuple[CvOutcome, str]:
        """The owner is told who wants to talk, and decides whether to write: nobody gets
        another person's contact without them knowing. A card the owner shared themselves
        answers even when the profile is hidden from /talents."""
        profile = await self.repo.get(owner_id)
        owner = await self.users.get(owner_id)
        hidden = profile is not None and profile.visibility == "hidden" and not shared
        if profile is None or hidden or owner is None:
            return CvOutcome.GONE, ""
        name = owner.first_name or ""
        if owner_id == user_id:
            return CvOutcome.NOT_ALLOWED, name
        async with self.repo.db.transaction():
            if not await self.repo.add_contact(owner_id, user_id):
                return CvOutcome.ALREADY, name
            await self.notifier.contact_asked(owner, profile, user_id)
        return CvOutcome.DONE, name

    # --- /talents ---

    async def search_chats(self, user_id: int) -> dict[int, bool]:
        """The communities where this person may look for talents: {chat_id: is moderator}.
        Moderators may; so may members who shared a vacancy there."""
        allowed: dict[int, bool] = {}
        for community in await self.communities.of_user(user_id):
            chat_id = community.chat_id
            moderator = await self.permissions.may(chat_id, Actor(user_id), Action.MODERATE)
            if moderator or await self.vacancies.has_shared(chat_id, user_id):
                allowed[chat_id] = moderator
        return allowed

    async def talents(self, user_id: int, query: str, level: str | None) -> list[Profile]:
        """Open-to-work profiles this person may see, whose role or skills start with every
        word of the query, at the level asked; freshest first."""
        chats = await self.search_chats(user_id)
        asked = words(query)
        found: dict[int, Profile] = {}
        for chat_id, profile in await self.repo.open_to_work(list(chats)):
            if profile.user_id == user_id or profile.user_id in found:
                continue
            if profile.visibility == "moderators" and not chats[chat_id]:
                continue
            if level and profile.level != level:
                continue
            if starts_words(asked, f"{profile.role} {profile.skills}"):
                found[profile.user_id] = profile
        return list(found.values())

    async def first_name(self, user_id: int) -> str | None:
        """The name a found profile is shown with."""
        user = await self.users.get(user_id)
        return user.first_name if user else None

    # --- leaving ---

    async def take_down(self, user_id: int) -> None:
        """The person's shared cards leave the groups (before /forget, or when they delete
        the profile)."""
        async with self.repo.db.transaction():
            for share_id, chat_id, message_id in await self.repo.shares_of(user_id):
                await self.notifier.share_taken_down(share_id, chat_id, message_id)

    async def delete(self, user_id: int) -> None:
        async with self.repo.db.transaction():  # the cards come down with the profile, or neither
            await self.take_down(user_id)
            await self.repo.delete(user_id)
