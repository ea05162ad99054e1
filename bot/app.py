"""The composition root: settings → database → bot → dispatcher → scheduler → run."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
import sqlite3
from contextlib import suppress
from functools import partial
from pathlib import Path

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.fsm.storage.base import BaseEventIsolation
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiohttp import web

from bot import wiring
from bot.backup import migrate_with_backup
from bot.config import Settings
from bot.db import MIGRATIONS_DIR, Database, require_migrations
from bot.health import add_routes
from bot.i18n import LOCALES_DIR, I18nMiddleware, Translator, check_texts
from bot.inbox import ArmMiddleware, Inbox
from bot.logs import setup_logging
from bot.middlewares.antiflood import AntifloodMiddleware
from bot.middlewares.errors import HandlerNameMiddleware
from bot.middlewares.features import FeatureGate
from bot.middlewares.retry import ChatHolds, DirectReplyMiddleware
from bot.middlewares.throttling import ThrottlingMiddleware
from bot.repos.fsm import SQLiteStorage
from bot.repos.updates import UpdatesRepo
from bot.runtime import Runtime
from bot.timeutil import Clock
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
        _, copy = await migrate_with_backup(db, settings.backup_dir)
        if copy is not None:
            log.info("database copied before migrating", extra={"backup": str(copy)})
    except BaseException:
        await db.close()
        raise
    holds = ChatHolds()  # Telegram's retry_after per chat, for direct replies and the sender
    replies = DirectReplyMiddleware(holds, clock=clock)
    bot = make_bot(settings, replies)
    translator = Translator(settings.default_language, strict=strict_texts)
    runtime = wiring.core(settings, clock, db, bot, replies, holds, translator)
    voice = wiring.voice_of(runtime)
    wiring.checkins(runtime, voice)
    wiring.help_requests(runtime, voice)
    views = wiring.careers(runtime, voice)
    views |= wiring.meetings(runtime)
    views |= wiring.moderation(runtime)
    views |= wiring.newcomers(runtime)
    wiring.introductions(runtime, voice)
    wiring.connections(runtime)
    wiring.register_timers(runtime)
    wiring.backups(runtime)
    runtime.dispatcher = dispatcher(runtime, views, events_isolation)
    return runtime


def dispatcher(
    runtime: Runtime,
    views: wiring.HandlerViews,
    events_isolation: BaseEventIsolation | None = None,
) -> Dispatcher:
    """The routers behind the middlewares, with every part in the handlers' data."""
    db, clock, bot, translator = runtime.db, runtime.clock, runtime.bot, runtime.translator
    settings = runtime.settings
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
        metrics=runtime.metrics,
    )
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
        users=runtime.users,
        communities=runtime.communities,
        permissions=runtime.permissions,
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
        **views,
    )
    dp.startup.register(_on_startup)
    dp.shutdown.register(_on_shutdown)
    return dp


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
    http: web.AppRunner | None = None
    try:
        if runtime.settings.run_mode == "polling":
            # Before Telegram is reached: a Telegram unreachable at start-up shows there.
            http = await _serve_http(runtime)
        if not await wait_for_telegram(runtime):
            return
        if runtime.settings.run_mode == "webhook":
            await _run_webhook(runtime)
        else:
            await _run_polling(runtime)
    finally:
        if http is not None:
            await http.cleanup()
        for sig in signals:
            with suppress(NotImplementedError):
                loop.remove_signal_handler(sig)
        await runtime.bot.session.close()
        await runtime.db.close()


async def _serve_http(runtime: Runtime) -> web.AppRunner | None:
    """/healthz and /metrics on HTTP_HOST:HTTP_PORT (polling mode; None when no port is set)."""
    settings = runtime.settings
    if settings.http_port is None:
        return None
    app = web.Application()
    add_routes(app, runtime)
    runner = web.AppRunner(app, handle_signals=False, access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, settings.http_host, settings.http_port).start()
    except BaseException:
        await runner.cleanup()
        raise
    log.info("health and metrics listening", extra={"port": settings.http_port})
    return runner


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
    add_routes(app, runtime)  # /healthz and /metrics on the webhook's own server
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
        if settings.http_port is not None and settings.http_port != settings.webhook_port:
            # The same server also on the operator's address (health checks, scraping).
            await web.TCPSite(runner, settings.http_host, settings.http_port).start()
        log.info("webhook listening", extra={"port": settings.webhook_port})
        await runtime.inbox.resume()
        await runtime.stopping.wait()
    finally:
        await runner.cleanup()


def check_resources(migrations: Path = MIGRATIONS_DIR, locales: Path = LOCALES_DIR) -> None:
    """The package's own files are whole: its migrations and every key in every language.
    Raises ResourcesMissing (start-up maps it to exit 2)."""
    require_migrations(migrations)
    check_texts(locales)


async def _amain(settings: Settings) -> None:
    runtime = await build(settings)
    await run(runtime)


def serve(settings: Settings) -> None:
    """Run the bot until stopped; what stops it at start-up propagates (bot/cli.py says it)."""
    setup_logging(settings.log_level, [settings.token], settings.log_format)
    with suppress(KeyboardInterrupt):
        check_resources()
        asyncio.run(_amain(settings))


def main() -> None:
    # The `opora` command: the bot is its default subcommand.
    from bot.cli import main as cli_main

    cli_main()
