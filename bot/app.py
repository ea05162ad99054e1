"""The composition root: settings → database → bot → dispatcher → scheduler → run."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
import sqlite3
import sys
from collections.abc import Awaitable
from contextlib import suppress
from enum import Enum
from functools import partial

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.fsm.storage.base import BaseEventIsolation
from aiogram.fsm.storage.memory import SimpleEventIsolation

from bot.config import ConfigError, Settings, load_settings
from bot.db import Database, DatabaseInUse, DatabaseUnavailable, MigrationError
from bot.i18n import I18nMiddleware, Translator
from bot.inbox import ArmMiddleware, Inbox
from bot.logs import setup_logging
from bot.middlewares.antiflood import AntifloodMiddleware
from bot.middlewares.errors import HandlerNameMiddleware
from bot.middlewares.features import FeatureGate
from bot.middlewares.retry import ChatHolds, DirectReplyMiddleware
from bot.middlewares.throttling import ThrottlingMiddleware
from bot.middlewares.tracking import TrackingMiddleware
from bot.repos.appeals import AppealsRepo
from bot.repos.audit import AuditRepo
from bot.repos.checkins import CheckinsRepo, SchedulesRepo
from bot.repos.communities import CommunitiesRepo
from bot.repos.cv import CvRepo
from bot.repos.fsm import SQLiteStorage
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
from bot.repos.updates import UpdatesRepo
from bot.repos.users import UsersRepo
from bot.repos.vacancies import VacanciesRepo
from bot.runtime import Runtime
from bot.scheduler import Scheduler
from bot.services.antiflood import Antiflood
from bot.services.appeals import AppealService
from bot.services.audit import AuditLog
from bot.services.checkin_community import CommunityCheckins
from bot.services.checkins import CheckinService
from bot.services.cleanup import RecentRefusals, delete_message
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
from bot.timeutil import Clock
from bot.views.meetings import MeetingViews
from bot.views.requests import RequestViews
from handlers import routers
from handlers.commands import command_sets, default_admin_rights, descriptions
from handlers.sos import first_aid

log = logging.getLogger("bot")

# chat_member updates are only delivered when asked for by name; join requests are named too, so
# a group that approves new members is never left unchecked by a change in the handlers.
ALWAYS_ALLOWED_UPDATES = (
    "message",
    "callback_query",
    "my_chat_member",
    "chat_member",
    "chat_join_request",
)


async def _done(outcome: Awaitable[Enum]) -> bool:
    """A feature's outcome as "taken down": done, or gone already."""
    return (await outcome).value in ("done", "gone")


def make_bot(settings: Settings, replies: DirectReplyMiddleware | None = None) -> Bot:
    session = (
        AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
        if settings.telegram_api_url
        else AiohttpSession()
    )
    session.middleware(replies or DirectReplyMiddleware(ChatHolds()))
    return Bot(
        settings.token,
        session=session,
        # A reply still goes out when the person deleted their message meanwhile.
        default=DefaultBotProperties(
            parse_mode="HTML", link_preview_is_disabled=True, allow_sending_without_reply=True
        ),
    )


async def build(
    settings: Settings,
    *,
    clock: Clock | None = None,
    strict_texts: bool = False,
    events_isolation: BaseEventIsolation | None = None,
) -> Runtime:
    """Open the database (migrating it) and wire every part; nothing touches Telegram yet."""
    clock = clock or Clock()
    db = Database(settings.database_path)
    await db.connect()
    try:
        await db.migrate()
    except BaseException:
        await db.close()
        raise
    holds = ChatHolds()  # Telegram's retry_after per chat, for direct replies and the sender
    replies = DirectReplyMiddleware(holds, clock=clock)
    bot = make_bot(settings, replies)
    translator = Translator(settings.default_language, strict=strict_texts)
    users = UsersRepo(db, clock)
    communities, outbox = CommunitiesRepo(db, clock), OutboxRepo(db, clock)
    permissions = Permissions(
        bot, communities, settings.owner_ids, settings.admin_cache_seconds, clock
    )
    audit = AuditLog(AuditRepo(db, clock), users)
    community_settings = CommunitySettings(SettingsRepo(db, clock), communities, audit)
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
        ),
    )
    runtime.sender.on_migrate = runtime.community_service.migrate
    replies.fallback = runtime.sender.enqueue_call
    replies.on_sent = runtime.sender.limiter.reserve_chat
    runtime.replies = replies
    runtime.refusals = RecentRefusals(clock)
    runtime.scheduler = Scheduler(db, clock)
    runtime.checkins = CheckinService(
        CheckinsRepo(db, clock),
        SchedulesRepo(db, clock),
        users,
        clock,
        settings.default_timezone,
        scheduler=runtime.scheduler,
        sender=runtime.sender,
        translator=translator,
    )
    runtime.scheduler.add_source("checkin", runtime.checkins.reminder_jobs)
    runtime.audit = audit
    runtime.community_settings = community_settings
    runtime.log_chat = LogChat(
        runtime.community_settings,
        communities,
        runtime.audit,
        bot=bot,
        sender=runtime.sender,
        translator=translator,
        default_timezone=settings.default_timezone,
    )
    runtime.community_service.on_moved(runtime.log_chat.moved)
    # Who may write in a group now: the bot posts for nobody who may not.
    voice = Voice(NewcomersRepo(db, clock), SanctionsRepo(db, clock), bot)
    runtime.community_checkins = CommunityCheckins(
        runtime.checkins,
        runtime.community_settings,
        communities,
        users,
        permissions,
        runtime.community_service,
        voice,
        clock=clock,
        default_timezone=settings.default_timezone,
        scheduler=runtime.scheduler,
        sender=runtime.sender,
        translator=translator,
    )
    runtime.scheduler.add_source("checkin_summary", runtime.community_checkins.summary_jobs)
    runtime.guided_setup = GuidedSetup(
        community_settings, communities, permissions, runtime.community_checkins
    )
    help_views = RequestViews(translator, users, runtime.community_settings, runtime.sender, bot)
    runtime.help = HelpService(
        RequestsRepo(db, clock),
        communities,
        users,
        permissions,
        runtime.community_settings,
        scheduler=runtime.scheduler,
        notifier=help_views,
        voice=voice,
        default_language=translator.default_language,
    )
    help_views.follow_posts(runtime.help.post_sent, runtime.help.bump_sent)
    runtime.vacancies = VacancyService(
        VacanciesRepo(db, clock),
        communities,
        users,
        permissions,
        runtime.community_settings,
        sender=runtime.sender,
        translator=translator,
        scheduler=runtime.scheduler,
        bot=bot,
        voice=voice,
    )
    runtime.job_alerts = JobAlerts(
        JobAlertsRepo(db, clock),
        users,
        runtime.vacancies,
        default_timezone=settings.default_timezone,
        scheduler=runtime.scheduler,
        sender=runtime.sender,
        translator=translator,
    )
    runtime.cv = CvService(
        CvRepo(db, clock),
        users,
        communities,
        runtime.vacancies.repo,
        permissions,
        runtime.community_settings,
        sender=runtime.sender,
        translator=translator,
        bot=bot,
        voice=voice,
    )
    runtime.vacancies.seeker_card = runtime.cv.card_for
    runtime.mentoring = MentoringService(
        MentoringRepo(db, clock),
        users,
        communities,
        scheduler=runtime.scheduler,
        sender=runtime.sender,
        translator=translator,
    )
    meetings_repo = MeetingsRepo(db, clock)
    meeting_views = MeetingViews(
        meetings_repo,
        users,
        communities,
        runtime.community_settings,
        bot=bot,
        sender=runtime.sender,
        translator=translator,
    )
    runtime.meetings = MeetingService(
        meetings_repo,
        users,
        communities,
        runtime.community_settings,
        permissions,
        notifier=meeting_views,
        scheduler=runtime.scheduler,
        default_timezone=settings.default_timezone,
    )
    meeting_views.on_posted(runtime.meetings.announcement_posted)
    runtime.sanctions = SanctionService(
        SanctionsRepo(db, clock),
        permissions,
        runtime.community_settings,
        runtime.audit,
        bot,
        runtime.community_service.confirm_member,
    )
    runtime.reports = ReportService(
        ReportsRepo(db, clock),
        permissions,
        communities,
        users,
        runtime.sanctions,
        runtime.audit,
        runtime.log_chat,
        bot=bot,
        sender=runtime.sender,
        translator=translator,
        default_timezone=settings.default_timezone,
    )
    join_requests = JoinRequestsRepo(db, clock)
    runtime.welcome = WelcomeService(
        NewcomersRepo(db, clock),
        runtime.sanctions.repo,
        communities,
        runtime.community_settings,
        runtime.audit,
        join_requests,
        users,
        bot=bot,
        scheduler=runtime.scheduler,
        sender=runtime.sender,
        translator=translator,
    )
    runtime.join_requests = JoinRequestService(
        join_requests,
        communities,
        users,
        runtime.community_settings,
        permissions,
        runtime.audit,
        runtime.log_chat,
        bot=bot,
        scheduler=runtime.scheduler,
        sender=runtime.sender,
        translator=translator,
    )
    runtime.appeals = AppealService(
        AppealsRepo(db, clock),
        runtime.sanctions,
        permissions,
        communities,
        users,
        runtime.audit,
        sender=runtime.sender,
        translator=translator,
        default_timezone=settings.default_timezone,
    )
    runtime.antiflood = Antiflood(
        runtime.community_settings,
        permissions,
        runtime.sanctions,
        communities,
        sender=runtime.sender,
        translator=translator,
        default_timezone=settings.default_timezone,
    )
    runtime.moderation_tools = ModerationTools(
        permissions,
        runtime.sanctions,
        runtime.community_settings,
        users,
        runtime.welcome.repo,
        runtime.audit,
        runtime.community_service.confirm_member,
        bot=bot,
        clock=clock,
    )
    runtime.privacy.words_from(runtime.help.repo.words_of)
    runtime.privacy.words_from(runtime.vacancies.repo.words_of)
    runtime.privacy.before_forget(runtime.reports.repo.forget_posts_of)
    runtime.privacy.before_forget(runtime.help.forget_author)
    runtime.privacy.words_from(join_requests.words_of)
    runtime.privacy.before_forget(runtime.join_requests.take_down)
    runtime.intros = IntroService(
        IntrosRepo(db, clock),
        communities,
        users,
        permissions,
        voice,
        sender=runtime.sender,
        translator=translator,
    )
    runtime.privacy.before_forget(runtime.cv.take_down)
    runtime.privacy.before_forget(runtime.intros.take_down)
    # "Delete" under a 🚩 report takes the reported item down, not only its message.
    runtime.reports.post_removers.update(
        rq=lambda report, by: _done(runtime.help.delete(report.post_id or 0, by)),
        vc=lambda report, by: _done(runtime.vacancies.remove(report.post_id or 0, by)),
        **{"in": lambda report, by: runtime.intros.remove(report.chat_id, report.author_id or 0)},
    )
    runtime.sos = SosService(
        runtime.community_service,
        runtime.community_checkins,
        runtime.help,
        runtime.community_settings,
    )
    runtime.help_digest = MonthlyDigest(runtime.help, settings.default_timezone)
    runtime.community_service.on_changed(runtime.help_digest.plan)
    runtime.scheduler.add_source("help_digest", runtime.help_digest.jobs)
    _register_timers(runtime)

    dp = Dispatcher(
        storage=SQLiteStorage(db, clock),
        events_isolation=events_isolation or SimpleEventIsolation(),
    )
    runtime.inbox = Inbox(
        UpdatesRepo(db),
        dp,
        bot,
        translator,
        clock,
        first_aid=partial(first_aid, bot=bot, translator=translator),
    )
    runtime.tracking = TrackingMiddleware(users, communities)
    runtime.privacy.on_forget(runtime.tracking.forget)
    runtime.privacy.on_forget(runtime.community_service.forget)
    runtime.privacy.on_forget(runtime.antiflood.forget)
    runtime.privacy.on_forget(runtime.reports.forget)
    dp.update.outer_middleware(runtime.tracking)
    dp.update.outer_middleware(I18nMiddleware(translator))
    # Before the throttling: a flooder's messages all count, even those it drops.
    dp.update.outer_middleware(AntifloodMiddleware(runtime.antiflood))
    dp.update.outer_middleware(
        ThrottlingMiddleware(
            settings.throttle_updates, settings.throttle_window_seconds, clock=clock
        )
    )
    # After the update-level middlewares: it needs the texts and the community.
    dp.message.outer_middleware(FeatureGate())
    for observer in (
        "message",
        "edited_message",
        "callback_query",
        "my_chat_member",
        "chat_member",
        "chat_join_request",
    ):
        dp.observers[observer].middleware(HandlerNameMiddleware())
        dp.observers[observer].middleware(ArmMiddleware())
    dp.include_routers(*routers())
    dp.workflow_data.update(
        runtime=runtime,
        settings=settings,
        users=users,
        communities=communities,
        permissions=permissions,
        community_service=runtime.community_service,
        privacy=runtime.privacy,
        sender=runtime.sender,
        scheduler=runtime.scheduler,
        checkin_service=runtime.checkins,
        community_settings=runtime.community_settings,
        community_checkins=runtime.community_checkins,
        guided_setup=runtime.guided_setup,
        help_service=runtime.help,
        sos_service=runtime.sos,
        vacancy_service=runtime.vacancies,
        job_alerts=runtime.job_alerts,
        cv_service=runtime.cv,
        mentoring=runtime.mentoring,
        meetings=runtime.meetings,
        meeting_views=meeting_views,
        audit=runtime.audit,
        sanctions=runtime.sanctions,
        reports=runtime.reports,
        welcome=runtime.welcome,
        join_requests=runtime.join_requests,
        intros=runtime.intros,
        appeals=runtime.appeals,
        log_chat=runtime.log_chat,
        antiflood=runtime.antiflood,
        moderation_tools=runtime.moderation_tools,
    )
    dp.startup.register(_on_startup)
    dp.shutdown.register(_on_shutdown)
    runtime.dispatcher = dp
    return runtime


def _register_timers(runtime: Runtime) -> None:
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


async def _on_startup(runtime: Runtime) -> None:
    # aiogram leaves ~200k long-lived objects from import; keeping them out of the collector's
    # generations spares every full collection (100+ ms pauses under load) from walking them.
    gc.freeze()
    await runtime.scheduler.start()
    runtime.sender.start()
    # Commands are a nicety: set them in the background so polling starts at once.
    runtime.spawn(set_commands(runtime), "set-commands")
    log.info("bot started", extra={"schema": await runtime.db.schema_version()})
    runtime.ready.set()


async def _on_shutdown(runtime: Runtime) -> None:
    # One budget for everything: handlers first, then the sends in flight.
    loop = asyncio.get_running_loop()
    deadline = loop.time() + runtime.settings.shutdown_timeout_seconds - 0.5
    if not await runtime.inbox.wait_idle(max(0.1, (deadline - loop.time()) * 0.7)):
        log.warning(
            "stopping with updates still in flight", extra={"count": runtime.inbox.in_flight}
        )
    await runtime.scheduler.stop(timeout=max(0.1, (deadline - loop.time()) * 0.5))
    await runtime.sender.stop(timeout=max(0.1, deadline - loop.time()))
    runtime.cancel_background()


async def set_commands(runtime: Runtime) -> None:
    from aiogram.exceptions import TelegramAPIError

    try:
        for scope, language, commands in command_sets(runtime.translator):
            await runtime.bot.set_my_commands(commands, scope=scope, language_code=language)
    except (TelegramAPIError, OSError, TimeoutError) as exc:
        log.warning("could not set the command menu", extra={"error": str(exc)[:200]})
    await set_profile(runtime)


async def set_profile(runtime: Runtime) -> None:
    """What people see of the bot before they start it (in its profile, in search, in a shared
    link) and the rights Telegram proposes when a group's admin adds it. A nicety like the
    commands: a failure is logged, the bot runs on."""
    from aiogram.exceptions import TelegramAPIError

    bot = runtime.bot
    try:
        for language, description, short in descriptions(runtime.translator):
            await bot.set_my_description(description, language_code=language)
            await bot.set_my_short_description(short, language_code=language)
    except (TelegramAPIError, OSError, TimeoutError) as exc:
        log.warning("could not set the bot's description", extra={"error": str(exc)[:200]})
    try:
        await bot.set_my_default_administrator_rights(default_admin_rights(), for_channels=False)
    except (TelegramAPIError, OSError, TimeoutError) as exc:
        log.warning("could not set the default admin rights", extra={"error": str(exc)[:200]})


def allowed_updates(dp: Dispatcher) -> list[str]:
    return sorted(set(dp.resolve_used_update_types()) | set(ALWAYS_ALLOWED_UPDATES))


class TokenRejected(Exception):
    """Telegram answered 401 to getMe: the token is wrong or revoked."""


async def wait_for_telegram(runtime: Runtime) -> bool:
    """getMe until Telegram answers (it may be down when we start); False if stopped meanwhile."""
    from aiogram.exceptions import (
        TelegramNetworkError,
        TelegramServerError,
        TelegramUnauthorizedError,
    )

    delay = 1.0
    while not runtime.stopping.is_set():
        try:
            await runtime.bot.me()
            return True
        except TelegramUnauthorizedError:
            raise TokenRejected from None
        except (TelegramNetworkError, TelegramServerError, TimeoutError, OSError) as exc:
            log.warning(
                "Telegram is unreachable, retrying",
                extra={"retry_in": delay, "error": type(exc).__name__},
            )
            with suppress(TimeoutError):
                await asyncio.wait_for(runtime.stopping.wait(), delay)
            delay = min(delay * 2, 30.0)
    return False


async def run(runtime: Runtime, *, handle_signals: bool = True) -> None:
    """Run until stopped (SIGTERM/SIGINT or runtime.stop()), then close everything."""
    loop = asyncio.get_running_loop()
    signals = (signal.SIGTERM, signal.SIGINT) if handle_signals else ()
    for sig in signals:
        # Not on every platform's event loop (Windows): there Ctrl+C still ends the process.
        with suppress(NotImplementedError):
            loop.add_signal_handler(sig, runtime.stop)
    try:
        if not await wait_for_telegram(runtime):
            return
        if runtime.settings.run_mode == "webhook":
            await _run_webhook(runtime)
        else:
            await _run_polling(runtime)
    finally:
        for sig in signals:
            with suppress(NotImplementedError):
                loop.remove_signal_handler(sig)
        await runtime.bot.session.close()
        await runtime.db.close()


async def _run_polling(runtime: Runtime) -> None:
    """Our own long polling (not aiogram's): updates are stored in the inbox before the next
    getUpdates confirms them to Telegram."""
    dp, bot = runtime.dispatcher, runtime.bot
    # A webhook left over from an earlier deployment would make getUpdates fail; keep whatever
    # Telegram holds for us (drop nothing).
    await bot.delete_webhook(drop_pending_updates=False)
    workflow = {"dispatcher": dp, "bots": [bot], **dp.workflow_data}
    await dp.emit_startup(bot=bot, **workflow)
    try:
        if not runtime.stopping.is_set():
            await runtime.inbox.poll(allowed_updates(dp), polling_timeout=30)
    finally:
        await dp.emit_shutdown(bot=bot, **workflow)


async def _run_webhook(runtime: Runtime) -> None:
    import hmac

    from aiogram.types import Update
    from aiogram.webhook.aiohttp_server import setup_application
    from aiohttp import web
    from pydantic import ValidationError
    from yarl import URL

    settings = runtime.settings
    assert settings.webhook_url and settings.webhook_secret
    secret = settings.webhook_secret.get_secret_value()

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return web.Response(status=401)
        try:
            update = Update.model_validate(await request.json(), context={"bot": runtime.bot})
        except (ValueError, ValidationError):
            return web.Response(status=400)
        try:
            await runtime.inbox.accept([update])
        except (sqlite3.Error, OSError) as exc:
            # Not stored: Telegram gets an error and sends the update again later. The person
            # hears it once (and one asking for /sos gets the crisis lines).
            runtime.inbox.alarm(exc)
            await runtime.inbox.tell_unavailable([update])
            return web.Response(status=503)
        return web.Response(status=200)

    app = web.Application()
    app.router.add_post(URL(settings.webhook_url).path or "/", receive)
    setup_application(app, runtime.dispatcher, bot=runtime.bot)
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()
    try:
        await runtime.bot.set_webhook(
            settings.webhook_url,
            secret_token=secret,
            allowed_updates=allowed_updates(runtime.dispatcher),
            drop_pending_updates=False,
        )
        await web.TCPSite(runner, settings.webhook_host, settings.webhook_port).start()
        log.info("webhook listening", extra={"port": settings.webhook_port})
        await runtime.inbox.resume()
        await runtime.stopping.wait()
    finally:
        await runner.cleanup()


async def _amain(settings: Settings) -> None:
    runtime = await build(settings)
    await run(runtime)


def main() -> None:
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"opora: configuration error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    setup_logging(settings.log_level, [settings.token])
    try:
        asyncio.run(_amain(settings))
    except MigrationError as exc:
        print(f"opora: cannot start: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
    except DatabaseInUse as exc:
        print(f"opora: cannot start: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    except DatabaseUnavailable as exc:
        print(f"opora: configuration error: DATABASE_URL: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    except TokenRejected:
        print("opora: configuration error: BOT_TOKEN was rejected by Telegram", file=sys.stderr)
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        pass
