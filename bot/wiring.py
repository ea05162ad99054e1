"""The parts of the composition root, one feature area each: which repositories, services and
views make it and how they are connected. bot/app.py calls them in order (`build`); nothing
here touches Telegram yet.

Each part takes the runtime built so far and sets its own services on it; the views that
handlers also use are returned by name, for the dispatcher's handler data."""

from __future__ import annotations

from collections.abc import Awaitable
from enum import Enum
from functools import partial

from aiogram import Bot

from bot.config import Settings
from bot.db import Database
from bot.i18n import Translator
from bot.metrics import Metrics, TelegramWatch
from bot.middlewares.retry import ChatHolds, DirectReplyMiddleware
from bot.middlewares.tracking import TrackingMiddleware
from bot.repos.appeals import AppealsRepo
from bot.repos.audit import AuditRepo
from bot.repos.checkins import CheckinsRepo, SchedulesRepo
from bot.repos.communities import CommunitiesRepo
from bot.repos.cv import CvRepo
from bot.repos.intros import IntrosRepo
from bot.repos.job_alerts import JobAlertsRepo
from bot.repos.join_requests import JoinRequestsRepo
from bot.repos.meetings import MeetingsRepo
from bot.repos.mentoring import MentoringRepo
from bot.repos.newcomers import NewcomersRepo
from bot.repos.outbox import OutboxRepo
from bot.repos.reports import ReportsRepo
from bot.repos.requests import RequestsRepo
from bot.repos.sanctions import SanctionsRepo
from bot.repos.settings import SettingsRepo
from bot.repos.users import UsersRepo
from bot.repos.vacancies import VacanciesRepo
from bot.runtime import Runtime
from bot.scheduler import Scheduler
from bot.services.antiflood import Antiflood
from bot.services.appeals import AppealService
from bot.services.audit import AuditLog
from bot.services.backups import SOURCE as BACKUP_SOURCE
from bot.services.backups import NightlyBackups
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
from bot.services.permissions import Permissions, Voice
from bot.services.privacy import PrivacyService
from bot.services.reports import ReportService
from bot.services.requests import HelpService, MonthlyDigest
from bot.services.sanctions import SanctionService
from bot.services.sender import Sender
from bot.services.setup import GuidedSetup
from bot.services.sos import SosService
from bot.services.vacancies import VacancyService
from bot.services.welcome import WelcomeService
from bot.telegram import TelegramChatActions
from bot.timeutil import Clock
from bot.views.antiflood import FloodViews
from bot.views.appeals import AppealViews
from bot.views.checkins import CheckinViews
from bot.views.cleanup import RecentRefusals, delete_message
from bot.views.cv import CvViews
from bot.views.intro import IntroViews
from bot.views.job_alerts import JobAlertViews
from bot.views.join_requests import JoinRequestViews
from bot.views.meetings import MeetingViews
from bot.views.mentoring import MentoringViews
from bot.views.reports import ReportViews
from bot.views.requests import RequestViews
from bot.views.sanctions import SanctionViews
from bot.views.vacancies import VacancyViews
from bot.views.welcome import WelcomeViews

HandlerViews = dict[str, object]  # handler data name → a views object handlers render with


def core(
    settings: Settings,
    clock: Clock,
    db: Database,
    bot: Bot,
    replies: DirectReplyMiddleware,
    holds: ChatHolds,
    translator: Translator,
) -> Runtime:
    """What every feature stands on: people, communities, rights, settings, the audit log,
    the outbox's sender, the scheduler."""
    users = UsersRepo(db, clock)
    communities, outbox = CommunitiesRepo(db, clock), OutboxRepo(db, clock)
    permissions = Permissions(
        bot, communities, settings.owner_ids, settings.admin_cache_seconds, clock
    )
    audit = AuditLog(AuditRepo(db, clock), users)
    community_settings = CommunitySettings(SettingsRepo(db, clock), communities, audit)
    metrics = Metrics()
    # Registered after the direct replies' middleware, so inside it: it sees every real request.
    watch = TelegramWatch(metrics, clock)
    bot.session.middleware(watch)
    runtime = Runtime(
        settings=settings,
        clock=clock,
        db=db,
        bot=bot,
        translator=translator,
        users=users,
        communities=communities,
        outbox=outbox,
        permissions=permissions,
        community_service=CommunityService(
            bot, communities, users, outbox, permissions, community_settings, clock
        ),
        privacy=PrivacyService(db, users, outbox),
        sender=Sender(
            bot,
            db,
            rate=settings.sender_rate_per_second,
            group_per_minute=settings.sender_group_per_minute,
            chat_interval=settings.sender_chat_interval_seconds,
            holds=holds,
            max_attempts=settings.sender_max_attempts,
            clock=clock,
            metrics=metrics,
        ),
        metrics=metrics,
        telegram_watch=watch,
    )
    runtime.sender.on_migrate = runtime.community_service.migrate
    # A direct reply that meets Telegram's flood limit goes through the outbox instead, and
    # counts against the chat's pace like everything the sender sends.
    replies.fallback = runtime.sender.enqueue_call
    replies.on_sent = runtime.sender.limiter.reserve_chat
    runtime.replies = replies
    runtime.refusals = RecentRefusals(clock)
    runtime.tracking = TrackingMiddleware(users, communities)
    runtime.scheduler = Scheduler(db, clock, metrics)
    runtime.audit = audit
    runtime.community_settings = community_settings
    runtime.log_chat = LogChat(
        community_settings,
        communities,
        audit,
        bot=bot,
        sender=runtime.sender,
        translator=translator,
        default_timezone=settings.default_timezone,
    )
    runtime.community_service.on_moved(runtime.log_chat.moved)
    return runtime


def voice_of(runtime: Runtime) -> Voice:
    """Who may write in a group now: the bot posts for nobody who may not."""
    db, clock = runtime.db, runtime.clock
    return Voice(NewcomersRepo(db, clock), SanctionsRepo(db, clock), runtime.bot)


def checkins(runtime: Runtime, voice: Voice) -> None:
    """Personal check-ins and the community's pulse, and the guided setup that turns them on."""
    rt, db, clock, tz = runtime, runtime.db, runtime.clock, runtime.settings.default_timezone
    views = CheckinViews(rt.users, clock=clock, sender=rt.sender, translator=rt.translator)
    rt.checkins = CheckinService(
        CheckinsRepo(db, clock),
        SchedulesRepo(db, clock),
        rt.users,
        clock,
        tz,
        scheduler=rt.scheduler,
        notifier=views,
    )
    rt.scheduler.add_source("checkin", rt.checkins.reminder_jobs)
    rt.community_checkins = CommunityCheckins(
        rt.checkins,
        rt.community_settings,
        rt.communities,
        rt.users,
        rt.permissions,
        rt.community_service,
        voice,
        clock=clock,
        default_timezone=tz,
        scheduler=rt.scheduler,
        notifier=views,
    )
    rt.scheduler.add_source("checkin_summary", rt.community_checkins.summary_jobs)
    rt.guided_setup = GuidedSetup(
        rt.community_settings, rt.communities, rt.permissions, rt.community_checkins
    )


def help_requests(runtime: Runtime, voice: Voice) -> None:
    """Requests for help, offers, the relay, the monthly thank-you digest, and /sos."""
    rt = runtime
    views = RequestViews(rt.translator, rt.users, rt.community_settings, rt.sender, rt.bot)
    rt.help = HelpService(
        RequestsRepo(rt.db, rt.clock),
        rt.communities,
        rt.users,
        rt.permissions,
        rt.community_settings,
        scheduler=rt.scheduler,
        notifier=views,
        voice=voice,
        default_language=rt.translator.default_language,
    )
    views.follow_posts(rt.help.post_sent, rt.help.bump_sent)
    rt.help_digest = MonthlyDigest(rt.help, rt.settings.default_timezone)
    rt.community_service.on_changed(rt.help_digest.plan)
    rt.scheduler.add_source("help_digest", rt.help_digest.jobs)
    rt.sos = SosService(rt.community_service, rt.community_checkins, rt.help, rt.community_settings)


def careers(runtime: Runtime, voice: Voice) -> HandlerViews:
    """Vacancies, saved job searches and their alerts, job seekers' profiles."""
    rt, db, clock = runtime, runtime.db, runtime.clock
    vacancies_repo = VacanciesRepo(db, clock)
    vacancy_views = VacancyViews(
        vacancies_repo, rt.translator, rt.users, rt.community_settings, rt.sender, rt.bot
    )
    rt.vacancies = VacancyService(
        vacancies_repo,
        rt.communities,
        rt.users,
        rt.permissions,
        rt.community_settings,
        notifier=vacancy_views,
        scheduler=rt.scheduler,
        voice=voice,
    )
    vacancy_views.follow_posts(rt.vacancies.post_sent)
    rt.job_alerts = JobAlerts(
        JobAlertsRepo(db, clock),
        rt.users,
        rt.vacancies,
        default_timezone=rt.settings.default_timezone,
        scheduler=rt.scheduler,
        notifier=JobAlertViews(rt.translator, rt.sender, vacancy_views),
    )
    cv_views = CvViews(rt.translator, rt.users, rt.community_settings, rt.sender, rt.bot)
    rt.cv = CvService(
        CvRepo(db, clock),
        rt.users,
        rt.communities,
        vacancies_repo,
        rt.permissions,
        notifier=cv_views,
        voice=voice,
    )
    cv_views.follow_shares(rt.cv.share_sent)
    vacancy_views.seeker_profile = rt.cv.visible_profile
    return {"vacancy_views": vacancy_views}


def meetings(runtime: Runtime) -> HandlerViews:
    """Meetings and their series, and mentoring pairs."""
    rt, db, clock = runtime, runtime.db, runtime.clock
    rt.mentoring = MentoringService(
        MentoringRepo(db, clock),
        rt.users,
        rt.communities,
        scheduler=rt.scheduler,
        notifier=MentoringViews(rt.users, sender=rt.sender, translator=rt.translator),
    )
    meetings_repo = MeetingsRepo(db, clock)
    views = MeetingViews(
        meetings_repo,
        rt.users,
        rt.communities,
        rt.community_settings,
        bot=rt.bot,
        sender=rt.sender,
        translator=rt.translator,
    )
    rt.meetings = MeetingService(
        meetings_repo,
        rt.users,
        rt.communities,
        rt.community_settings,
        rt.permissions,
        notifier=views,
        scheduler=rt.scheduler,
        default_timezone=rt.settings.default_timezone,
    )
    views.on_posted(rt.meetings.announcement_posted)
    rt.meeting_views = views
    return {"meeting_views": views}


def moderation(runtime: Runtime) -> HandlerViews:
    """Sanctions, reports, appeals, antiflood and the moderators' tools."""
    rt, db, clock, tz = runtime, runtime.db, runtime.clock, runtime.settings.default_timezone
    actions = TelegramChatActions(rt.bot)
    sanction_views = SanctionViews(rt.community_settings)
    rt.sanctions = SanctionService(
        SanctionsRepo(db, clock),
        rt.permissions,
        rt.community_settings,
        rt.audit,
        actions,
        rt.community_service.confirm_member,
    )
    reports_repo = ReportsRepo(db, clock)
    report_views = ReportViews(
        reports_repo,
        rt.communities,
        rt.users,
        sanction_views,
        sender=rt.sender,
        translator=rt.translator,
        default_timezone=tz,
    )
    rt.reports = ReportService(
        reports_repo,
        rt.permissions,
        rt.communities,
        rt.users,
        rt.sanctions,
        rt.audit,
        rt.log_chat,
        actions=actions,
        notifier=report_views,
    )
    report_views.follow_copies(rt.reports.copy_sent)
    rt.appeals = AppealService(
        AppealsRepo(db, clock),
        rt.sanctions,
        rt.permissions,
        rt.communities,
        rt.users,
        rt.audit,
        notifier=AppealViews(
            rt.translator, rt.users, rt.communities, sanction_views, rt.sender, default_timezone=tz
        ),
    )
    rt.antiflood = Antiflood(
        rt.community_settings,
        rt.permissions,
        rt.sanctions,
        rt.communities,
        notifier=FloodViews(
            rt.communities, sender=rt.sender, translator=rt.translator, default_timezone=tz
        ),
    )
    rt.moderation_tools = ModerationTools(
        rt.permissions,
        rt.sanctions,
        rt.community_settings,
        rt.users,
        NewcomersRepo(db, clock),
        rt.audit,
        rt.community_service.confirm_member,
        bot=rt.bot,
        clock=clock,
    )
    return {"sanction_views": sanction_views, "report_views": report_views}


def newcomers(runtime: Runtime) -> HandlerViews:
    """The welcome (with its read-only start and rules), and join requests with a question."""
    rt, db, clock = runtime, runtime.db, runtime.clock
    actions = TelegramChatActions(rt.bot)
    join_requests = JoinRequestsRepo(db, clock)
    welcome_views = WelcomeViews(
        rt.community_settings, bot=rt.bot, sender=rt.sender, translator=rt.translator
    )
    rt.welcome = WelcomeService(
        NewcomersRepo(db, clock),
        rt.sanctions.repo,
        rt.communities,
        rt.community_settings,
        rt.audit,
        join_requests,
        rt.users,
        actions=actions,
        scheduler=rt.scheduler,
        notifier=welcome_views,
    )
    welcome_views.follow_welcomes(rt.welcome.welcome_sent)
    join_request_views = JoinRequestViews(
        join_requests,
        rt.communities,
        rt.users,
        rt.community_settings,
        rt.log_chat,
        bot=rt.bot,
        sender=rt.sender,
        translator=rt.translator,
    )
    rt.join_requests = JoinRequestService(
        join_requests,
        rt.communities,
        rt.users,
        rt.community_settings,
        rt.permissions,
        rt.audit,
        rt.log_chat,
        actions=actions,
        scheduler=rt.scheduler,
        notifier=join_request_views,
    )
    join_request_views.follow(rt.join_requests.prompt_sent, rt.join_requests.card_sent)
    return {"join_request_views": join_request_views}


def introductions(runtime: Runtime, voice: Voice) -> None:
    rt = runtime
    views = IntroViews(rt.users, sender=rt.sender, translator=rt.translator)
    rt.intros = IntroService(
        IntrosRepo(rt.db, rt.clock), rt.communities, rt.users, rt.permissions, voice, notifier=views
    )
    views.on_posted(rt.intros.card_sent)


async def _done(outcome: Awaitable[Enum]) -> bool:
    """A feature's outcome as "taken down": done, or gone already."""
    return (await outcome).value in ("done", "gone")


def connections(runtime: Runtime) -> None:
    """What crosses features: what /forget and the data export reach in each, and what
    "Delete" under a 🚩 report takes down."""
    rt, privacy = runtime, runtime.privacy
    privacy.on_forget(rt.tracking.forget)
    privacy.words_from(rt.help.repo.words_of)
    privacy.words_from(rt.vacancies.repo.words_of)
    privacy.words_from(rt.join_requests.repo.words_of)
    privacy.before_forget(rt.reports.repo.forget_posts_of)
    privacy.before_forget(rt.help.forget_author)
    privacy.before_forget(rt.join_requests.take_down)
    privacy.before_forget(rt.cv.take_down)
    privacy.before_forget(rt.intros.take_down)
    privacy.on_forget(rt.community_service.forget)
    privacy.on_forget(rt.antiflood.forget)
    privacy.on_forget(rt.reports.forget)
    rt.reports.post_removers.update(
        rq=lambda report, by: _done(rt.help.delete(report.post_id or 0, by)),
        vc=lambda report, by: _done(rt.vacancies.remove(report.post_id or 0, by)),
        **{"in": lambda report, by: rt.intros.remove(report.chat_id, report.author_id or 0)},
    )


def backups(runtime: Runtime) -> None:
    """Nightly copies of the database when BACKUP_DIR is set."""
    settings = runtime.settings
    if settings.backup_dir and settings.database_path != ":memory:":
        nightly = NightlyBackups(
            settings.database_path,
            settings.backup_dir,
            settings.backup_keep,
            clock=runtime.clock,
            timezone=settings.default_timezone,
            scheduler=runtime.scheduler,
        )
        runtime.scheduler.add_source(BACKUP_SOURCE, nightly.jobs)


def register_timers(runtime: Runtime) -> None:
    """What each kind of timer does: a bound method of the service it belongs to. Registered
    before the scheduler starts, since pending timers from before a restart run at start-up."""
    add = runtime.scheduler.add_timer_kind
    add("delete_message", partial(delete_message, runtime.sender))
    add("checkin_snooze", runtime.checkins.snoozed)
    add("vacancy_ask", runtime.vacancies.ask_due)
    add("vacancy_expire", runtime.vacancies.expire_due)
    add("job_alerts", runtime.job_alerts.alerts_due)
    add("job_digest", runtime.job_alerts.digest_due)
    add("mentor_checkin", runtime.mentoring.checkin_due)
    add("welcome_batch", runtime.welcome.greet_due)
    # These two ban, restrict or decline through Telegram: never while holding the database.
    add("gate_deadline", runtime.welcome.gate_due, calls_telegram=True)
    add("join_request_deadline", runtime.join_requests.deadline_due, calls_telegram=True)
    add("help_bump", runtime.help.bump_timer)
    add("help_ask", runtime.help.ask_timer)
    add("help_expire", runtime.help.expire_timer)
    add("help_silence", runtime.help.silence_timer)
    add("meeting_next", runtime.meetings.next_timer)
    add("meeting_remind", runtime.meetings.remind_timer)
    add("meeting_personal", runtime.meetings.personal_timer)
    add("meeting_brief", runtime.meetings.brief_timer)
    add("meeting_start", runtime.meetings.start_timer)
    add("meeting_refresh", runtime.meetings.refresh_timer)
    add("meeting_after", runtime.meetings.after_timer)
