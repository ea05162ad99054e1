"""The meeting service's rules on their own: a real database (migrated), a recording notifier
and a recording timer planner instead of Telegram, and a clock that moves only when told.
Seats and the waitlist, who may change a meeting, and when its timers fall across DST."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.db import Database
from bot.repos.communities import CommunitiesRepo
from bot.repos.meetings import Meeting, MeetingsRepo, Occurrence, Rsvp
from bot.repos.settings import SettingsRepo
from bot.repos.users import UsersRepo
from bot.services.community_settings import CommunitySettings
from bot.services.meetings import Change, MeetingService, Outcome, Told, parse_local
from bot.services.permissions import Actor, Permissions, Role
from bot.timeutil import FakeClock

CHAT = -100123
HOST, MOD, ANN, BOB, CAT, DAN, STRANGER = 1, 2, 11, 12, 13, 14, 99
BERLIN = "Europe/Berlin"


class Roles(Permissions):
    """Roles as the test sets them: no Telegram admin list to ask."""

    def __init__(self, roles: dict[int, Role]) -> None:
        self.roles = roles

    async def role(self, chat_id: int, actor: Actor) -> Role:
        return self.roles.get(actor.user_id, Role.OUTSIDER)


@dataclass
class Recorder:
    """The notifier and the timer planner both: what the service said, in order."""

    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    timers: list[tuple[str, dict[str, Any], float]] = field(default_factory=list)

    def named(self, name: str) -> list[dict[str, Any]]:
        return [args for called, args in self.calls if called == name]

    def timer_times(self, kind: str) -> list[float]:
        return sorted(at for k, _, at in self.timers if k == kind)

    async def add_timer(
        self,
        kind: str,
        args: dict[str, Any],
        run_at: float,
        *,
        grace: int = 600,
        dedupe_key: str | None = None,
        user_id: int | None = None,
    ) -> int | None:
        self.timers.append((kind, args, run_at))
        return len(self.timers)

    async def announced(self, meeting: Meeting, occurrence: Occurrence) -> None:
        self.calls.append(("announced", {"occurrence": occurrence}))

    async def pin_announcement(self, chat_id: int, occurrence_id: int, message_id: int) -> None:
        self.calls.append(("pin", {"occurrence_id": occurrence_id}))

    async def answers_changed(self, occurrence_id: int) -> None:
        self.calls.append(("answers_changed", {"occurrence_id": occurrence_id}))

    async def answered(
        self, meeting: Meeting, occurrence: Occurrence, user_id: int, status: str
    ) -> None:
        self.calls.append(("answered", {"user_id": user_id, "status": status}))

    async def promoted_from_waitlist(
        self, meeting: Meeting, occurrence: Occurrence, user_id: int
    ) -> None:
        self.calls.append(("promoted", {"user_id": user_id}))

    async def changed(
        self,
        meeting: Meeting,
        occurrence: Occurrence,
        was: Occurrence,
        reason: str | None,
        told: list[Told],
    ) -> None:
        self.calls.append(("changed", {"occurrence": occurrence, "was": was, "told": told}))

    async def cancelled(
        self,
        meeting: Meeting,
        occurrences: list[Occurrence],
        change: Change,
        reason: str | None,
        told: list[Told],
    ) -> None:
        self.calls.append(
            ("cancelled", {"occurrences": occurrences, "change": change, "told": told})
        )

    async def reminder_due(
        self, meeting: Meeting, occurrence: Occurrence, minutes: int, late: bool, going: int
    ) -> None:
        self.calls.append(("reminder_due", {"minutes": minutes, "going": going}))

    async def personal_reminder_due(
        self, meeting: Meeting, occurrence: Occurrence, user_id: int, minutes: int, late: bool
    ) -> None:
        self.calls.append(("personal_reminder_due", {"user_id": user_id, "minutes": minutes}))

    async def brief_due(self, meeting: Meeting, occurrence: Occurrence, rsvps: list[Rsvp]) -> None:
        self.calls.append(("brief_due", {"rsvps": rsvps}))

    async def started(self, meeting: Meeting, occurrence: Occurrence, late: bool) -> None:
        self.calls.append(("started", {}))

    async def ended(self, meeting: Meeting, occurrence_id: int, asked: list[int]) -> None:
        self.calls.append(("ended", {"asked": asked}))

    async def note_left(
        self, meeting: Meeting, occurrence_id: int, user_id: int, score: int, note: str
    ) -> None:
        self.calls.append(("note_left", {"score": score, "note": note}))


@dataclass
class World:
    service: MeetingService
    told: Recorder
    clock: FakeClock
    db: Database


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    db = Database(str(tmp_path / "rules.db"))
    await db.connect()
    await db.migrate()
    clock = FakeClock(datetime(2026, 10, 19, 12, 0, tzinfo=UTC))
    communities, users = CommunitiesRepo(db, clock), UsersRepo(db, clock)
    await communities.upsert(CHAT, title="Opora", chat_type="supergroup", is_forum=False)
    await communities.set_timezone(CHAT, BERLIN)
    for user_id in (HOST, MOD, ANN, BOB, CAT, DAN, STRANGER):
        await users.ensure(user_id)
    roles = {user_id: Role.MEMBER for user_id in (HOST, ANN, BOB, CAT, DAN)}
    roles[MOD] = Role.MODERATOR
    recorder = Recorder()
    service = MeetingService(
        MeetingsRepo(db, clock),
        users,
        communities,
        CommunitySettings(SettingsRepo(db, clock), communities),
        Roles(roles),
        notifier=recorder,
        scheduler=recorder,
        default_timezone="Europe/Moscow",
    )
    yield World(service, recorder, clock, db)
    await db.close()


async def _meeting(world: World, **values: Any) -> tuple[Meeting, Occurrence]:
    meeting = await world.service.create(
        CHAT,
        HOST,
        {
            "title": "Tea",
            "kind": "meetup",
            "start_local": "2026-10-20 19:00",
            "duration_min": 90,
            **values,
        },
    )
    occurrence = await world.service.repo.last_occurrence(meeting.id)
    assert occurrence is not None
    return meeting, occurrence


def _ts(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp()


async def test_created_meeting_is_announced_once(world: World) -> None:
    _, occurrence = await _meeting(world)
    assert [c["occurrence"].id for c in world.told.named("announced")] == [occurrence.id]
    assert occurrence.starts_at == _ts("2026-10-20 17:00")  # 19:00 CEST


async def test_seats_fill_then_the_waitlist_moves_up_in_order(world: World) -> None:
    _, occurrence = await _meeting(world, capacity=2)
    service = world.service
    assert (await service.answer(occurrence.id, ANN, "going")).status == "going"
    assert (await service.answer(occurrence.id, BOB, "going")).status == "going"
    assert (await service.answer(occurrence.id, CAT, "going")).status == "waitlist"
    assert (await service.answer(occurrence.id, DAN, "going")).status == "waitlist"
    again = await service.answer(occurrence.id, CAT, "going")
    assert again.outcome is Outcome.SAME and again.status == "waitlist"
    assert world.told.named("answered")[-1] == {"user_id": DAN, "status": "waitlist"}

    assert (await service.answer(occurrence.id, ANN, "no")).status == "no"
    # The first in the queue gets the seat, and is told so; the next one still waits.
    assert world.told.named("promoted") == [{"user_id": CAT}]
    assert (await service.repo.rsvp(occurrence.id, CAT)).status == "going"  # type: ignore[union-attr]
    assert (await service.repo.rsvp(occurrence.id, DAN)).status == "waitlist"  # type: ignore[union-attr]
    assert await service.repo.seats_taken(occurrence.id) == 2


async def test_a_guest_needs_a_free_seat_and_dropping_one_promotes(world: World) -> None:
    _, occurrence = await _meeting(world, capacity=2, guests=1)
    service = world.service
    await service.answer(occurrence.id, ANN, "going")
    assert (await service.add_guest(occurrence.id, ANN)).guests == 1  # two seats: full
    assert (await service.answer(occurrence.id, BOB, "going")).status == "waitlist"
    refused = await service.add_guest(occurrence.id, BOB)
    assert refused.outcome is Outcome.SAME  # on the waitlist: a guest comes with a seat
    # Pressed again past the host's limit: back to no guests, and the seat goes to Bob.
    assert (await service.add_guest(occurrence.id, ANN)).guests == 0
    assert world.told.named("promoted") == [{"user_id": BOB}]


async def test_answers_close_at_the_cutoff(world: World) -> None:
    _, occurrence = await _meeting(world, cutoff_min=60)
    world.clock.advance(occurrence.starts_at - 3600 - world.clock.time())
    assert (await world.service.answer(occurrence.id, ANN, "going")).outcome is Outcome.CLOSED


async def test_members_outside_the_community_cannot_answer(world: World) -> None:
    _, occurrence = await _meeting(world)
    refused = await world.service.answer(occurrence.id, STRANGER, "going")
    assert refused.outcome is Outcome.NOT_ALLOWED
    assert world.told.named("answered") == []


async def test_only_the_host_or_a_moderator_may_cancel(world: World) -> None:
    _, occurrence = await _meeting(world)
    service = world.service
    await service.answer(occurrence.id, ANN, "going")
    await service.answer(occurrence.id, BOB, "no")
    assert await service.cancel(occurrence.id, ANN, whole=False) is Outcome.NOT_ALLOWED
    assert await service.cancel(occurrence.id, STRANGER, whole=False) is Outcome.NOT_ALLOWED
    assert world.told.named("cancelled") == []
    assert await service.cancel(occurrence.id, MOD, whole=False, reason=" ill  ") is Outcome.DONE
    cancelled = world.told.named("cancelled")
    assert len(cancelled) == 1 and cancelled[0]["change"] == "cancelled"
    # Everyone who answered but "no" is told, with the calendar's cancellation.
    assert [(p.user_id, p.calendar) for p in cancelled[0]["told"]] == [(ANN, True)]
    assert (await service.repo.occurrence(occurrence.id)).status == "cancelled"  # type: ignore[union-attr]
    assert (await service.repo.occurrence(occurrence.id)).change_reason == "ill"  # type: ignore[union-attr]
    # Twice is not possible: it is gone.
    assert await service.cancel(occurrence.id, HOST, whole=False) is Outcome.GONE


async def test_only_the_host_or_a_moderator_may_edit_and_seats_never_drop_below_going(
    world: World,
) -> None:
    meeting, occurrence = await _meeting(world, capacity=3)
    service = world.service
    await service.answer(occurrence.id, ANN, "going")
    await service.answer(occurrence.id, BOB, "going")
    assert await service.edit(meeting.id, ANN, {"title": "Mine"}) is Outcome.NOT_ALLOWED
    assert await service.edit(meeting.id, HOST, {"capacity": 1}) is Outcome.TOO_FEW
    assert (await service.repo.get(meeting.id)).capacity == 3  # type: ignore[union-attr]
    assert await service.edit(meeting.id, MOD, {"title": "Coffee"}) is Outcome.DONE
    edited = await service.repo.get(meeting.id)
    assert edited is not None and edited.title == "Coffee" and edited.revision == 1


async def test_more_seats_move_the_waitlist_up(world: World) -> None:
    meeting, occurrence = await _meeting(world, capacity=1)
    service = world.service
    await service.answer(occurrence.id, ANN, "going")
    await service.answer(occurrence.id, BOB, "going")
    assert world.told.named("promoted") == []
    assert await service.edit(meeting.id, HOST, {"capacity": 2}) is Outcome.DONE
    assert world.told.named("promoted") == [{"user_id": BOB}]


async def test_a_past_occurrence_cannot_be_moved(world: World) -> None:
    _, occurrence = await _meeting(world)
    world.clock.advance(occurrence.starts_at + 60 - world.clock.time())
    new = parse_local("2026-10-30 19:00")
    assert await world.service.reschedule(occurrence.id, HOST, new, whole=False) is Outcome.GONE


async def test_reminders_keep_the_wall_time_across_the_end_of_summer_time(world: World) -> None:
    """A weekly Tuesday 19:00 in Berlin: 17:00 UTC before 25 October 2026, 18:00 UTC after;
    each reminder falls its minutes before the occurrence's own instant."""
    meeting, first = await _meeting(world, recurrence="weekly", reminders="1440,60")
    told = world.told
    assert told.timer_times("meeting_remind") == [
        _ts("2026-10-19 17:00"),
        _ts("2026-10-20 16:00"),
    ]
    # The next one is made six days ahead on the local calendar: Wednesday 19:00 CEST.
    assert told.timer_times("meeting_next") == [_ts("2026-10-21 17:00")]
    told.timers.clear()
    world.clock.advance(_ts("2026-10-21 17:00") - world.clock.time())
    await world.service.next_due(meeting.id, "2026-10-27 19:00", meeting.start_local)
    second = await world.service.repo.last_occurrence(meeting.id)
    assert second is not None and second.id != first.id
    assert second.starts_at == _ts("2026-10-27 18:00")  # 19:00 CET
    assert told.timer_times("meeting_remind") == [
        _ts("2026-10-26 18:00"),
        _ts("2026-10-27 17:00"),
    ]
    assert told.timer_times("meeting_brief") == [_ts("2026-10-26 18:00")]
    assert told.timer_times("meeting_after") == [_ts("2026-10-27 19:30")]
    assert told.timer_times("meeting_next") == [_ts("2026-10-28 18:00")]
    assert [c["occurrence"].id for c in told.named("announced")] == [first.id, second.id]


async def test_a_moved_occurrence_plans_its_reminders_anew(world: World) -> None:
    _, occurrence = await _meeting(world, reminders="60")
    service = world.service
    await service.answer(occurrence.id, ANN, "going")
    assert await service.remind_me(occurrence.id, ANN, 120) is Outcome.DONE
    world.told.timers.clear()
    new = parse_local("2026-10-27 19:00")  # a week later, after the clocks went back
    assert await service.reschedule(occurrence.id, HOST, new, whole=False) is Outcome.DONE
    assert world.told.timer_times("meeting_remind") == [_ts("2026-10-27 17:00")]
    assert world.told.timer_times("meeting_personal") == [_ts("2026-10-27 16:00")]
    changed = world.told.named("changed")
    assert len(changed) == 1 and changed[0]["was"].local_start == "2026-10-20 19:00"
    assert [p.user_id for p in changed[0]["told"]] == [ANN]
    # A timer planned for the old instant now finds nothing to remind of.
    await service.remind(occurrence.id, int(_ts("2026-10-20 17:00")), 60, late=False)
    assert world.told.named("reminder_due") == []
    await service.remind(occurrence.id, int(_ts("2026-10-27 18:00")), 60, late=False)
    assert world.told.named("reminder_due") == [{"minutes": 60, "going": 1}]
    assert world.told.named("personal_reminder_due") == [{"user_id": ANN, "minutes": 60}]


async def test_a_failed_step_leaves_nothing_half_done(world: World) -> None:
    """The writes of a call and what it tells the views commit together or not at all."""
    _, occurrence = await _meeting(world, capacity=1)
    service = world.service
    await service.answer(occurrence.id, ANN, "going")
    await service.answer(occurrence.id, BOB, "going")

    async def broken(*args: Any) -> None:
        raise RuntimeError("the views failed")

    world.told.promoted_from_waitlist = broken  # type: ignore[method-assign]
    with pytest.raises(RuntimeError):
        await service.answer(occurrence.id, ANN, "no")
    assert (await service.repo.rsvp(occurrence.id, ANN)).status == "going"  # type: ignore[union-attr]
    assert (await service.repo.rsvp(occurrence.id, BOB)).status == "waitlist"  # type: ignore[union-attr]


async def test_an_edit_is_one_unit_of_work(world: World) -> None:
    """The new values and every upcoming announcement's refresh go together."""
    meeting, _ = await _meeting(world)

    async def broken(*args: Any) -> None:
        raise RuntimeError("the views failed")

    world.told.answers_changed = broken  # type: ignore[method-assign]
    with pytest.raises(RuntimeError):
        await world.service.edit(meeting.id, HOST, {"title": "Coffee"})
    kept = await world.service.repo.get(meeting.id)
    assert kept is not None and kept.title == "Tea" and kept.revision == 0
