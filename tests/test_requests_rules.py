"""The rules of help requests, without Telegram: HelpService over a real migrated SQLite
database, telling a recording notifier what happened. Who may offer, accept, close, reopen;
the open-request limit; when follow-ups fall due; one transaction per action; and an
anonymous author who never reaches what the group or helpers are shown."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest

from bot.db import Database
from bot.repos.communities import CommunitiesRepo
from bot.repos.newcomers import NewcomersRepo
from bot.repos.requests import RequestsRepo
from bot.repos.sanctions import SanctionsRepo
from bot.repos.settings import SettingsRepo
from bot.repos.users import UsersRepo
from bot.services.community_settings import REQUESTS_MAX_OPEN, CommunitySettings
from bot.services.permissions import Permissions, Voice
from bot.services.requests import (
    ASK_AFTER,
    DAY,
    EXPIRE_AFTER,
    Draft,
    HelpService,
    Outcome,
    RequestNotifier,
    Shown,
)
from bot.timeutil import FakeClock

GROUP = -100500
AUTHOR = 1001
HELPER = 1002
MEMBER = 1003
MODERATOR = 1004
OUTSIDER = 1005
AUTHOR_NAME = "Zinaida"

# What reaches the group, or people other than the author (helpers, moderators).
GROUP_FACING = {
    "request_posted",
    "request_bumped",
    "post_changed",
    "post_taken_down",
    "review_requested",
    "shown_to_watchers",
    "helpers_matched",
    "helpers_thanked",
}


class RecordingNotifier:
    """Every call, in order, with its arguments; nothing rendered, nothing sent."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        self.fail_on: str | None = None

    def __getattr__(self, name: str) -> Any:
        async def record(*args: Any, **kwargs: Any) -> bool:
            if name == self.fail_on:
                raise RuntimeError(f"{name} failed")
            self.calls.append((name, args, kwargs))
            return True

        return record

    def names(self) -> list[str]:
        return [name for name, _, _ in self.calls]

    def of(self, name: str) -> list[tuple[Any, ...]]:
        return [args for called, args, _ in self.calls if called == name]


class RecordingScheduler:
    def __init__(self) -> None:
        self.timers: list[tuple[str, dict[str, Any], float]] = []

    async def add_timer(
        self, kind: str, args: dict[str, Any], run_at: float, **_: Any
    ) -> int | None:
        self.timers.append((kind, args, run_at))
        return len(self.timers)

    def due(self, kind: str) -> list[tuple[dict[str, Any], float]]:
        return [(args, at) for k, args, at in self.timers if k == kind]


class NoTelegram:
    """Stands in for the Bot where rights and member status are asked: nobody is a Telegram
    admin, everybody may write."""

    async def get_chat_administrators(self, chat_id: int) -> list[Any]:
        return []

    async def get_chat_member(self, chat_id: int, user_id: int) -> Any:
        return SimpleNamespace(status="member")


@dataclasses.dataclass
class World:
    db: Database
    clock: FakeClock
    service: HelpService
    notifier: RecordingNotifier
    scheduler: RecordingScheduler
    repo: RequestsRepo
    settings: CommunitySettings
    communities: CommunitiesRepo


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    db = Database(str(tmp_path / "bot.db"))
    await db.connect()
    await db.migrate()
    clock = FakeClock(1_760_000_000)
    communities = CommunitiesRepo(db, clock)
    users = UsersRepo(db, clock)
    await communities.upsert(GROUP, title="Opora", chat_type="supergroup", is_forum=False)
    await communities.activate(GROUP, bot_status="administrator", added_by=None)
    for uid, name in (
        (AUTHOR, AUTHOR_NAME),
        (HELPER, "Helga"),
        (MEMBER, "Mark"),
        (MODERATOR, "Mona"),
        (OUTSIDER, "Otto"),
    ):
        await users.upsert_seen(uid, name, None, "en")
        if uid != OUTSIDER:
            await communities.set_member_status(GROUP, uid, "member")
    await communities.add_moderator(GROUP, MODERATOR, None)
    bot = cast(Any, NoTelegram())
    settings = CommunitySettings(SettingsRepo(db, clock), communities)
    repo = RequestsRepo(db, clock)
    notifier = RecordingNotifier()
    scheduler = RecordingScheduler()
    service = HelpService(
        repo,
        communities,
        users,
        Permissions(bot, communities, frozenset()),
        settings,
        scheduler=cast(Any, scheduler),
        notifier=cast(RequestNotifier, notifier),
        voice=Voice(NewcomersRepo(db, clock), SanctionsRepo(db, clock), bot),
        default_language="en",
    )
    yield World(db, clock, service, notifier, scheduler, repo, settings, communities)
    await db.close()


def draft(title: str = "Review my CV", visibility: str = "public") -> Draft:
    return Draft("career", title, "Two pages", "week", visibility)


async def asked(world: World, visibility: str = "public", title: str = "Review my CV") -> int:
    submitted = await world.service.submit(AUTHOR, GROUP, draft(title, visibility))
    assert submitted.outcome is Outcome.DONE and submitted.request is not None
    return submitted.request.id


async def offered(world: World, request_id: int) -> int:
    assert await world.service.offer(request_id, HELPER, "I can") is Outcome.DONE
    (response,) = [r for r in await world.repo.responses(request_id) if r.helper_id == HELPER]
    return response.id


async def test_only_a_member_may_ask_and_a_request_is_posted(world: World) -> None:
    refused = await world.service.submit(OUTSIDER, GROUP, draft())
    assert refused.outcome is Outcome.NOT_ALLOWED
    assert world.notifier.calls == []

    request_id = await asked(world)
    (posted,) = world.notifier.of("request_posted")
    shown: Shown = posted[0]
    assert shown.request.id == request_id and shown.request.status == "open"
    assert shown.author is not None and shown.author.id == AUTHOR  # public: named


async def test_open_request_limit(world: World) -> None:
    await world.settings.set(GROUP, REQUESTS_MAX_OPEN, 2, None)
    first = await asked(world, title="One")
    await asked(world, title="Two")
    third = await world.service.submit(AUTHOR, GROUP, draft("Three"))
    assert third.outcome is Outcome.TOO_MANY and third.request is None
    assert len(await world.repo.of_author(AUTHOR)) == 2  # nothing half-made

    # Another member has their own allowance; one closed frees a place for the author.
    assert (await world.service.submit(MEMBER, GROUP, draft("Mine"))).outcome is Outcome.DONE
    assert await world.service.close(first, AUTHOR) is Outcome.DONE
    assert (await world.service.submit(AUTHOR, GROUP, draft("Three"))).outcome is Outcome.DONE


async def test_who_may_offer_and_choose(world: World) -> None:
    request_id = await asked(world)
    assert await world.service.offer(request_id, AUTHOR, "me") is Outcome.NOT_ALLOWED
    assert await world.service.offer(request_id, OUTSIDER, "me") is Outcome.NOT_ALLOWED
    response_id = await offered(world, request_id)
    assert await world.service.offer(request_id, HELPER, "again") is Outcome.ALREADY
    (notice,) = world.notifier.of("helper_offered")
    assert notice[0].id == request_id and notice[1] == response_id and notice[2].id == HELPER

    # Only the author chooses; a second press changes nothing.
    assert await world.service.accept(response_id, MEMBER) is Outcome.NOT_ALLOWED
    assert await world.service.accept(response_id, HELPER) is Outcome.NOT_ALLOWED
    assert await world.service.accept(response_id, AUTHOR) is Outcome.DONE
    assert await world.service.accept(response_id, AUTHOR) is Outcome.ALREADY
    assert len(world.notifier.of("author_accepted")) == 1
    request = await world.repo.get(request_id)
    assert request is not None and request.status == "in_progress"


async def test_who_may_close_reopen_and_delete(world: World) -> None:
    request_id = await asked(world)
    assert await world.service.close(request_id, MEMBER) is Outcome.NOT_ALLOWED
    assert await world.service.close(request_id, AUTHOR) is Outcome.DONE
    assert world.notifier.of("request_closed_by_moderator") == []  # the author did it
    assert await world.service.close(request_id, AUTHOR) is Outcome.ALREADY

    # Reopening is for moderators, even for the author.
    assert await world.service.reopen(request_id, AUTHOR) is Outcome.NOT_ALLOWED
    assert await world.service.reopen(request_id, MODERATOR) is Outcome.DONE
    request = await world.repo.get(request_id)
    assert request is not None and request.status == "open"

    assert await world.service.close(request_id, MODERATOR) is Outcome.DONE
    (told,) = world.notifier.of("request_closed_by_moderator")
    assert told[0].author_id == AUTHOR  # the author's own notice may know them

    assert await world.service.delete(request_id, AUTHOR) is Outcome.NOT_ALLOWED
    assert await world.service.delete(request_id, MODERATOR) is Outcome.DONE
    assert await world.service.delete(request_id, MODERATOR) is Outcome.GONE


async def test_only_the_author_resolves_and_thanks(world: World) -> None:
    request_id = await asked(world)
    response_id = await offered(world, request_id)
    assert await world.service.accept(response_id, AUTHOR) is Outcome.DONE
    assert await world.service.resolve(request_id, HELPER) is Outcome.NOT_ALLOWED
    assert await world.service.resolve(request_id, AUTHOR) is Outcome.DONE
    assert await world.service.thank(request_id, HELPER, public=True) is Outcome.NOT_ALLOWED
    assert await world.service.thank(request_id, AUTHOR, public=True) is Outcome.DONE
    (thanks,) = world.notifier.of("helpers_thanked")
    assert [h.id for h in thanks[1]] == [HELPER] and thanks[2].chat_id == GROUP
    profile = await world.repo.profile(HELPER)
    assert profile is not None and profile.helped == 1


async def test_followups_fall_due_on_time_and_a_renewal_restarts_them(world: World) -> None:
    request_id = await asked(world)
    opened = int(world.clock.time())
    ((bump_args, bump_at),) = world.scheduler.due("help_bump")
    assert bump_args == {"request_id": request_id, "opened": opened}
    assert bump_at == opened + 24 * 3600  # the community's default
    assert world.scheduler.due("help_ask") == [(bump_args, opened + ASK_AFTER)]
    assert world.scheduler.due("help_expire") == [(bump_args, opened + EXPIRE_AFTER)]

    world.clock.advance(DAY)
    await world.service.followup("help_bump", request_id, opened)
    await world.service.followup("help_bump", request_id, opened)  # a re-run: once only
    assert len(world.notifier.of("request_bumped")) == 1

    world.clock.advance(2 * DAY)
    await world.service.followup("help_ask", request_id, opened)
    assert len(world.notifier.of("still_needed_asked")) == 1

    # "Still needed": the clock starts again, and the old timers find nothing to do.
    assert await world.service.renew(request_id, HELPER) is Outcome.NOT_ALLOWED
    assert await world.service.renew(request_id, AUTHOR) is Outcome.DONE
    renewed = int(world.clock.time())
    assert world.scheduler.due("help_expire")[-1] == (
        {"request_id": request_id, "opened": renewed},
        renewed + EXPIRE_AFTER,
    )
    await world.service.followup("help_expire", request_id, opened)
    request = await world.repo.get(request_id)
    assert request is not None and request.status == "open"

    world.clock.advance(EXPIRE_AFTER)
    await world.service.followup("help_expire", request_id, renewed)
    request = await world.repo.get(request_id)
    assert request is not None and request.status == "expired"
    assert len(world.notifier.of("request_expired")) == 1


async def test_a_silent_helper_is_asked_then_the_request_opens_again(world: World) -> None:
    request_id = await asked(world)
    response_id = await offered(world, request_id)
    assert await world.service.accept(response_id, AUTHOR) is Outcome.DONE
    ((args, at),) = world.scheduler.due("help_silence")
    response = await world.repo.response(response_id)
    assert response is not None and at == response.activity_at + 3 * DAY

    await world.service.silence(response_id, args["activity"])
    assert len(world.notifier.of("helper_nudged")) == 1
    assert world.scheduler.due("help_silence")[-1][1] == world.clock.time() + DAY

    await world.service.silence(response_id, args["activity"])  # no answer: given back
    ((_, reopened),) = world.notifier.of("helper_stepped_back")
    assert reopened is True
    fresh = await world.repo.get(request_id)
    assert fresh is not None and fresh.status == "open"


async def test_a_failure_while_telling_people_leaves_nothing_half_made(world: World) -> None:
    world.notifier.fail_on = "request_posted"
    with pytest.raises(RuntimeError):
        await world.service.submit(AUTHOR, GROUP, draft())
    assert await world.repo.of_author(AUTHOR) == []
    assert world.scheduler.timers == []


def _mentions_author(value: Any) -> bool:
    """The author's id or name anywhere in what a call carries."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value == AUTHOR
    if isinstance(value, str):
        return AUTHOR_NAME in value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return any(_mentions_author(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, list | tuple | set | frozenset):
        return any(_mentions_author(item) for item in value)
    if isinstance(value, dict):
        return any(_mentions_author(item) for item in value.values())
    return False


@pytest.mark.parametrize("visibility", ["anonymous", "helpers"])
async def test_an_anonymous_author_never_reaches_group_facing_calls(
    world: World, visibility: str
) -> None:
    await world.service.repo.put_profile(
        HELPER, categories=("career",), skills="", per_week=5, languages=(), paused=False
    )
    await world.service.repo.set_watcher(GROUP, MODERATOR, True)
    request_id = await asked(world, visibility)
    opened = int(world.clock.time())
    response_id = await offered(world, request_id)
    world.clock.advance(DAY)
    await world.service.followup("help_bump", request_id, opened)
    assert await world.service.accept(response_id, AUTHOR) is Outcome.DONE
    assert await world.service.resolve(request_id, AUTHOR) is Outcome.DONE
    assert await world.service.thank(request_id, AUTHOR, public=True) is Outcome.DONE
    assert await world.service.delete(request_id, MODERATOR) is Outcome.DONE

    facing = [(name, args) for name, args, _ in world.notifier.calls if name in GROUP_FACING]
    assert {name for name, _ in facing} >= {"helpers_matched", "helpers_thanked"}
    if visibility == "helpers":
        assert "shown_to_watchers" in {name for name, _ in facing}
    for name, args in facing:
        if visibility == "helpers" and name == "helpers_thanked":
            continue  # not anonymous: the thanks names the author, as the author chose
        assert not _mentions_author(args), name
