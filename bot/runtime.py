"""The parts of one running bot, as the composition root (bot/app.py) wires them."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any

from aiogram import Bot, Dispatcher

from bot.config import Settings
from bot.db import Database
from bot.i18n import Translator
from bot.inbox import Inbox
from bot.metrics import Metrics, TelegramWatch
from bot.middlewares.retry import DirectReplyMiddleware
from bot.middlewares.tracking import TrackingMiddleware
from bot.repos.communities import CommunitiesRepo
from bot.repos.outbox import OutboxRepo
from bot.repos.users import UsersRepo
from bot.scheduler import Scheduler
from bot.services.antiflood import Antiflood
from bot.services.appeals import AppealService
from bot.services.audit import AuditLog
from bot.services.checkin_community import CommunityCheckins
from bot.services.checkins import CheckinService
from bot.services.communities import CommunityService
from bot.services.community_settings import CommunitySettings
from bot.services.cv import CvService
from bot.services.intro import IntroService
from bot.services.job_alerts import JobAlerts
from bot.services.join_requests import JoinRequestService
from bot.services.log_chat import LogChat
from bot.services.meetings import MeetingService
from bot.services.mentoring import MentoringService
from bot.services.moderation_tools import ModerationTools
from bot.services.permissions import Permissions
from bot.services.privacy import PrivacyService
from bot.services.reports import ReportService
from bot.services.requests import HelpService, MonthlyDigest
from bot.services.sanctions import SanctionService
from bot.services.sender import Sender
from bot.services.setup import GuidedSetup
from bot.services.sos import SosService
from bot.services.vacancies import VacancyService
from bot.services.welcome import WelcomeService
from bot.timeutil import Clock
from bot.views.cleanup import RecentRefusals
from bot.views.meetings import MeetingViews


@dataclass
class Runtime:
    """Everything one running bot is made of; handlers get the parts through workflow_data.

    Built by bot/app.py (the composition root); this module imports no handler, so a handler
    may import it."""

    settings: Settings
    clock: Clock
    db: Database
    bot: Bot
    translator: Translator
    users: UsersRepo
    communities: CommunitiesRepo
    outbox: OutboxRepo
    permissions: Permissions
    community_service: CommunityService
    privacy: PrivacyService
    sender: Sender
    metrics: Metrics
    telegram_watch: TelegramWatch
    dispatcher: Dispatcher = field(init=False)
    inbox: Inbox = field(init=False)
    replies: DirectReplyMiddleware = field(init=False)
    scheduler: Scheduler = field(init=False)
    checkins: CheckinService = field(init=False)
    community_settings: CommunitySettings = field(init=False)
    community_checkins: CommunityCheckins = field(init=False)
    guided_setup: GuidedSetup = field(init=False)
    help: HelpService = field(init=False)
    help_digest: MonthlyDigest = field(init=False)
    sos: SosService = field(init=False)
    vacancies: VacancyService = field(init=False)
    job_alerts: JobAlerts = field(init=False)
    cv: CvService = field(init=False)
    mentoring: MentoringService = field(init=False)
    meetings: MeetingService = field(init=False)
    meeting_views: MeetingViews = field(init=False)
    audit: AuditLog = field(init=False)
    sanctions: SanctionService = field(init=False)
    reports: ReportService = field(init=False)
    welcome: WelcomeService = field(init=False)
    join_requests: JoinRequestService = field(init=False)
    intros: IntroService = field(init=False)
    appeals: AppealService = field(init=False)
    log_chat: LogChat = field(init=False)
    antiflood: Antiflood = field(init=False)
    moderation_tools: ModerationTools = field(init=False)
    tracking: TrackingMiddleware = field(init=False)
    refusals: RecentRefusals = field(init=False)
    _background: set[asyncio.Task[Any]] = field(default_factory=set)
    # Set once the scheduler and the sender run and polling (or the webhook) is about to start.
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    stopping: asyncio.Event = field(default_factory=asyncio.Event)

    def spawn(self, coro: Coroutine[Any, Any, Any], name: str) -> None:
        task = asyncio.create_task(coro, name=name)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    @property
    def background_busy(self) -> bool:
        return bool(self._background)

    def cancel_background(self) -> None:
        for task in list(self._background):
            task.cancel()

    def stop(self) -> None:
        """Stop taking updates (polling or the webhook); run() then shuts down gracefully."""
        self.stopping.set()
        self.inbox.stop()
