"""Check-ins in a community: moderators turn them on and suggest a schedule, members join (never
silently), the anonymous pulse, the weekly summary for moderators who subscribed, the way to the
community's listeners, and — only with the member's consent — a notice after hard days.

The rules only: who joins, who is told, when. What people see (the invitation, the notices, the
summary, good news in the group) and its delivery through the outbox is bot/views/checkins.py,
told through `CommunityCheckinNotifier`."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol

from bot.repos.checkins import CareRepo, PulseRepo
from bot.repos.communities import CommunitiesRepo, Community
from bot.repos.users import User, UsersRepo
from bot.scheduler import JobSpec, Scheduler
from bot.services.checkins import LOW_MOOD, MOODS, CheckinService, schedule_days
from bot.services.community_settings import (
    CHECKINS_CRISIS_TEXT,
    CHECKINS_DEFAULT_KIND,
    CHECKINS_DEFAULT_TIME,
    CHECKINS_DEFAULT_WEEKDAY,
    CHECKINS_ENABLED,
    CHECKINS_SUMMARY_NEXT_AT,
    CHECKINS_SUMMARY_TIME,
    CHECKINS_SUMMARY_WEEKDAY,
    COMMUNITY_TIMEZONE,
    CommunitySettings,
    Option,
)
from bot.services.permissions import Action, Actor, Permissions, Voice
from bot.texts import clip
from bot.timeutil import Clock, from_timestamp, next_local_occurrence, to_local

if TYPE_CHECKING:
    from bot.services.communities import CommunityService

log = logging.getLogger(__name__)

K_ANONYMITY = 3  # fewer distinct people in a window: nothing is shown
HARD_DAYS = 3  # hard days in a row before listeners are told (with consent)
SUMMARY_GRACE = 6 * 3600  # a summary missed while the bot was down is still worth sending
GOOD_NEWS_LIMIT = 1000


class Shared(Enum):
    POSTED = "posted"
    ALREADY = "already"  # one good-news post a day
    NOT_ALLOWED = "not_allowed"  # not (or no longer) able to write in the group


@dataclass(frozen=True)
class Defaults:
    kind: str  # off | daily | weekdays | weekly
    weekday: int
    local_time: str


@dataclass(frozen=True)
class Pulse:
    days: int
    people: int
    answers: int
    average: float | None
    previous_average: float | None
    distribution: tuple[int, ...]  # answers per mood 1..5
    low_share: float  # share of answers at or below LOW_MOOD

    @property
    def shown(self) -> bool:
        return self.people >= K_ANONYMITY


async def community_pulse(repo: PulseRepo, community_id: int, today: date, days: int) -> Pulse:
    """The community's anonymous mood over the last `days` days, with the window before it
    for the trend. Callers show it only when `shown` (k-anonymity)."""
    first = today - timedelta(days=days - 1)
    current = await repo.moods(community_id, first, today)
    before = await repo.moods(community_id, first - timedelta(days=days), first - timedelta(days=1))
    moods = [m for _, m in current]
    previous = [m for _, m in before]
    return Pulse(
        days=days,
        people=len({p for p, _ in current}),
        answers=len(moods),
        average=sum(moods) / len(moods) if moods else None,
        previous_average=(
            sum(previous) / len(previous) if len({p for p, _ in before}) >= K_ANONYMITY else None
        ),
        distribution=tuple(moods.count(m) for m in MOODS),
        low_share=sum(1 for m in moods if m <= LOW_MOOD) / len(moods) if moods else 0.0,
    )


class CommunityCheckinNotifier(Protocol):
    """What the service tells the group, listeners and moderators, named for what happened;
    the views decide how it reads and queue it (inside the caller's transaction: the outbox
    is a table)."""

    async def invited(self, community: Community, suggested: Defaults, bot_username: str) -> None:
        """The invitation to join, in the group."""
        ...

    async def hard_days(
        self, member: User, community: Community, first: date, days: int, recipients: list[User]
    ) -> None:
        """The member, who consented, had `days` hard days in a row since `first`."""
        ...

    async def good_news(self, community: Community, author: User | None, text: str) -> None:
        """Good news for the group; `author` None: posted anonymously."""
        ...

    async def weekly_summary(
        self, community: Community, week: Pulse, user_id: int, due_at: float
    ) -> None:
        """The week's pulse, to one subscribed moderator."""
        ...


class CommunityCheckins:
    def __init__(
        self,
        checkins: CheckinService,
        settings: CommunitySettings,
        communities: CommunitiesRepo,
        users: UsersRepo,
        permissions: Permissions,
        community_service: CommunityService,
        voice: Voice,
        *,
        clock: Clock,
        default_timezone: str,
        scheduler: Scheduler,
        notifier: CommunityCheckinNotifier,
    ) -> None:
        self.checkins = checkins
        self.settings = settings
        self.communities = communities
        self.users = users
        self.permissions = permissions
        self.community_service = community_service
        self.voice = voice
        self.care = CareRepo(communities.db, communities.clock)
        self.pulse_repo = PulseRepo(communities.db)
        self.clock = clock
        self.default_timezone = default_timezone
        self.scheduler = scheduler
        self.notifier = notifier
        settings.on_change(self._setting_changed)
        community_service.on_changed(self.plan_summary)  # back, or moved to a supergroup id
        community_service.on_settled(self.attach_today)

    # --- turning check-ins on, and the community's suggested schedule ---

    async def enabled(self, chat_id: int) -> bool:
        return bool(await self.settings.get(chat_id, CHECKINS_ENABLED))

    async def offered(self, user_id: int) -> Community | None:
        """The community the person acts for, if it has check-ins on (joined or not)."""

        community = await self.community_service.selected(user_id)
        if community is not None and await self.enabled(community.chat_id):
            return community
        return None

    async def current(self, user_id: int) -> Community | None:
        """The community whose check-ins the person joined: their check-ins count, anonymously,
        in its pulse, and its listeners and group are theirs to turn to."""
        community = await self.offered(user_id)
        if community is not None and await self.care.is_member(user_id, community.chat_id):
            return community
        return None

    async def joined(self, user_id: int, chat_id: int) -> bool:
        return await self.care.is_member(user_id, chat_id)

    async def defaults(self, chat_id: int) -> Defaults:
        values = await self.settings.values(chat_id)
        return Defaults(
            values[CHECKINS_DEFAULT_KIND.key],
            values[CHECKINS_DEFAULT_WEEKDAY.key],
            values[CHECKINS_DEFAULT_TIME.key],
        )

    async def join(self, user_id: int, chat_id: int, *, suggested_schedule: bool) -> bool:
        """The member opted in (their own press, never a moderator's switch); with the
        community's suggested schedule if they chose it. False: check-ins are off there."""
        async with self.communities.db.transaction():
            if not await self.enabled(chat_id):
                return False
            await self.care.set_member(user_id, chat_id, True)
            await self.attach_today(user_id, chat_id)
            suggested = await self.defaults(chat_id)
            if suggested_schedule and suggested.kind != "off":
                await self.checkins.set_schedule(
                    user_id, suggested.kind, suggested.weekday, suggested.local_time
                )
            return True

    async def attach_today(self, user_id: int, chat_id: int) -> bool:
        """Today's check-in, made before the person's community was known to us (a member who
        never wrote in the group) or before they joined its check-ins, counts in its pulse
        once both are so — the same day, never an older one."""
        if not await self.enabled(chat_id) or not await self.care.is_member(user_id, chat_id):
            return False
        today = await self.checkins.today(user_id)
        return await self.checkins.checkins.attach(user_id, today, chat_id)

    async def leave(self, user_id: int, chat_id: int) -> None:
        """Out of the community's check-ins: no longer counted, nobody told after hard days.
        The person's own check-ins and reminders stay theirs."""
        async with self.communities.db.transaction():
            await self.care.set_member(user_id, chat_id, False)
            await self.care.set_check_on(user_id, chat_id, False)

    async def invite(self, community: Community, bot_username: str) -> None:
        """An invitation in the group; each member joins privately, nobody is enrolled."""
        await self.notifier.invited(community, await self.defaults(community.chat_id), bot_username)

    # --- the way to help ---

    async def listeners(self, chat_id: int) -> list[User]:
        found = []
        for user_id in await self.communities.listeners(chat_id):
            user = await self.users.get(user_id)
            if user is not None:
                found.append(user)
        return found

    async def listening_moderators(self, chat_id: int) -> list[User]:
        """Who is told after hard days (with the member's consent): moderators who also
        volunteered as listeners, their rights asked again now."""
        return [
            u
            for u in await self.listeners(chat_id)
            if await self.permissions.may(chat_id, Actor(u.id), Action.MODERATE)
        ]

    async def crisis_text(self, chat_id: int | None) -> str | None:
        """The community's own crisis resources, or None: the built-in list in the locales."""
        if chat_id is None:
            return None
        return str(await self.settings.get(chat_id, CHECKINS_CRISIS_TEXT)) or None

    async def set_check_on(self, user_id: int, chat_id: int, on: bool) -> None:
        await self.care.set_check_on(user_id, chat_id, on)

    async def check_on(self, user_id: int, chat_id: int) -> bool:
        return await self.care.check_on(user_id, chat_id)

    async def after_checkin(self, user_id: int, chat_id: int | None) -> int:
        """With the member's consent, tell the community's listening moderators after
        HARD_DAYS hard days in a row — once per run. Returns how many were told."""
        if chat_id is None or not await self.care.check_on(user_id, chat_id):
            return 0
        today = await self.checkins.today(user_id)
        recent = await self.checkins.checkins.between(
            user_id, today - timedelta(days=HARD_DAYS * 10), today
        )
        by_day = {c.local_date: c.mood for c in recent}
        first, day = None, today
        while by_day.get(day, LOW_MOOD + 1) <= LOW_MOOD:
            first, day = day, day - timedelta(days=1)
        if first is None or (today - first).days + 1 < HARD_DAYS:
            return 0
        # Their rights are asked of Telegram: before the transaction.
        recipients = [u for u in await self.listening_moderators(chat_id) if u.id != user_id]
        if not recipients:
            return 0
        # The alert and its notices together: never recorded as told while nobody was.
        async with self.communities.db.transaction():
            if not await self.care.record_alert(user_id, chat_id, first):
                return 0
            member = await self.users.get(user_id)
            community = await self.communities.get(chat_id)
            if member is None or community is None:
                return 0
            await self.notifier.hard_days(
                member, community, first, (today - first).days + 1, recipients
            )
        log.info("check-on notice queued", extra={"recipients": len(recipients)})
        return len(recipients)

    async def may_share(self, user_id: int) -> Community | None:
        """Good news may go to the group from today's check-in with the best mood and the
        "good news" tag, in a community whose check-ins the member joined — checked here, not
        trusted from the button."""
        community = await self.current(user_id)
        today = await self.checkins.existing(user_id)
        if community is None or today is None:
            return None
        if today.mood != max(MOODS) or "good_news" not in today.tags:
            return None
        return community

    async def share(self, user_id: int, chat_id: int, text: str, anonymous: bool) -> Shared:
        """Good news the member wrote and confirmed, to the group: once a day, and only if
        they may write there now (a muted member cannot post through the bot)."""
        community = await self.communities.get(chat_id)
        if community is None or not community.active:
            return Shared.NOT_ALLOWED
        if await self.voice.silenced(chat_id, user_id):
            return Shared.NOT_ALLOWED
        author = None if anonymous else await self.users.get(user_id)
        day = await self.checkins.today(user_id)
        # Once a day, marked on the member's own check-in: the group's queued post carries no
        # trace of who wrote it.
        async with self.communities.db.transaction():
            if not await self.checkins.checkins.mark_shared(user_id, day):
                return Shared.ALREADY
            await self.notifier.good_news(community, author, clip(text, GOOD_NEWS_LIMIT))
        return Shared.POSTED

    # --- the pulse and the weekly summary ---

    async def zone(self, community: Community) -> str:
        return community.timezone or self.default_timezone

    async def pulse(self, community: Community, days: int) -> Pulse:
        """The community's pulse over `days` days ending today in the community's zone."""
        today = to_local(self.clock.now(), await self.zone(community)).date()
        return await community_pulse(self.pulse_repo, community.chat_id, today, days)

    async def set_subscribed(self, chat_id: int, user_id: int, on: bool) -> None:
        await self.care.set_subscribed(chat_id, user_id, on)

    async def subscribed(self, chat_id: int, user_id: int) -> bool:
        return user_id in await self.care.subscribers(chat_id)

    async def plan_summary(self, chat_id: int) -> float | None:
        """The next weekly summary at the chosen weekday and time in the community's zone."""
        community = await self.communities.get(chat_id)
        next_at = None
        if community is not None and community.active and await self.enabled(chat_id):
            values = await self.settings.values(chat_id)
            next_at = next_local_occurrence(
                self.clock.now(),
                await self.zone(community),
                values[CHECKINS_SUMMARY_TIME.key],
                schedule_days("weekly", values[CHECKINS_SUMMARY_WEEKDAY.key]),
            ).timestamp()
        await self.settings.set(chat_id, CHECKINS_SUMMARY_NEXT_AT, next_at, None)
        self._schedule_summary(chat_id, next_at)
        return next_at

    def _schedule_summary(self, chat_id: int, next_at: float | None) -> None:
        if next_at is None:
            self.scheduler.unschedule("checkin_summary", str(chat_id))
        else:
            self.scheduler.schedule(
                "checkin_summary",
                JobSpec(str(chat_id), self.send_summary, next_at, {"chat_id": chat_id}),
            )

    async def summary_jobs(self) -> list[JobSpec]:
        """Job source: every community's next weekly summary, from the database."""
        specs = []
        for chat_id in await self.settings.chats_with(CHECKINS_ENABLED, True):
            next_at = await self.settings.get(chat_id, CHECKINS_SUMMARY_NEXT_AT)
            if next_at is not None:
                specs.append(
                    JobSpec(str(chat_id), self.send_summary, float(next_at), {"chat_id": chat_id})
                )
        return specs

    async def _setting_changed(self, chat_id: int, option: Option, value: Any) -> None:
        if option in (
            CHECKINS_ENABLED,
            CHECKINS_SUMMARY_WEEKDAY,
            CHECKINS_SUMMARY_TIME,
            COMMUNITY_TIMEZONE,  # the summary's hour is the community's
        ):
            await self.plan_summary(chat_id)

    async def send_summary(self, chat_id: int) -> int:
        """Due: the week's participation and pulse to each subscribed moderator (re-checked),
        then the next one is planned. Returns how many were queued."""
        next_at = await self.settings.get(chat_id, CHECKINS_SUMMARY_NEXT_AT)
        community = await self.communities.get(chat_id)
        if next_at is None or community is None:
            return 0
        now = self.clock.time()
        if next_at > now + 1:
            self._schedule_summary(chat_id, next_at)  # fired early (the clock moved back)
            return 0
        queued = 0
        if now - next_at <= SUMMARY_GRACE and community.active and await self.enabled(chat_id):
            week = await self.pulse(community, 7)
            for user_id in await self.care.subscribers(chat_id):
                if not await self.permissions.may(chat_id, Actor(user_id), Action.MODERATE):
                    continue  # no longer a moderator: no longer told
                await self.notifier.weekly_summary(community, week, user_id, next_at)
                queued += 1
        following = next_local_occurrence(
            from_timestamp(max(now, next_at)),
            await self.zone(community),
            await self.settings.get(chat_id, CHECKINS_SUMMARY_TIME),
            schedule_days("weekly", await self.settings.get(chat_id, CHECKINS_SUMMARY_WEEKDAY)),
        ).timestamp()
        await self.settings.set(chat_id, CHECKINS_SUMMARY_NEXT_AT, following, None)
        self._schedule_summary(chat_id, following)
        return queued
