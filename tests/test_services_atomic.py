"""One transaction per action, service by service, without Telegram: each service over a real
migrated SQLite database, telling a recording notifier that fails on purpose. A failure while
telling people (the outbox is a table: it commits with the change) must leave nothing
half-made: no row, no planned timer."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, cast

import pytest

from bot.db import Database
from bot.repos.appeals import AppealsRepo
from bot.repos.audit import AuditRepo
from bot.repos.communities import CommunitiesRepo
from bot.repos.cv import FIELDS, CvRepo
from bot.repos.intros import IntrosRepo
from bot.repos.job_alerts import JobAlertsRepo
from bot.repos.jobs_search import JobFilters
from bot.repos.join_requests import JoinRequestsRepo
from bot.repos.newcomers import NewcomersRepo
from bot.repos.reports import ReportsRepo
from bot.repos.sanctions import SanctionsRepo
from bot.repos.settings import SettingsRepo
from bot.repos.timers import TimersRepo
from bot.repos.users import UsersRepo
from bot.repos.vacancies import VacanciesRepo
from bot.services.appeals import AppealNotifier, AppealService
from bot.services.audit import AuditLog
from bot.services.community_settings import VACANCIES_PREMODERATION, CommunitySettings
from bot.services.cv import CvNotifier, CvOutcome, CvService
from bot.services.intro import IntroNotifier, IntroOutcome, IntroService
from bot.services.job_alerts import JobAlertNotifier, JobAlerts
from bot.services.join_requests import JoinRequestNotifier, JoinRequestService
from bot.services.permissions import Actor, Permissions, Voice
from bot.services.reports import Reported, ReportNotifier, ReportService
from bot.services.sanctions import SanctionService
from bot.services.vacancies import Posted, VacancyDraft, VacancyNotifier, VacancyService
from bot.services.welcome import WelcomeNotifier, WelcomeService
from bot.timeutil import FakeClock
from tests.test_requests_rules import NoTelegram, RecordingNotifier

GROUP = -100500
OTHER_GROUP = -100600
AUTHOR = 1001
MEMBER = 1002
MODERATOR = 1003
OUTSIDER = 1004


class FailingLater(RecordingNotifier):
    """Fails on the `nth` call of `fail_on` (from 1), so the calls before it have happened."""

    def __init__(self, nth: int) -> None:
        super().__init__()
        self.nth = nth
        self.seen = 0

    def __getattr__(self, name: str) -> Any:
        record = super().__getattr__(name)
        if name != self.fail_on:
            return record

        async def counted(*args: Any, **kwargs: Any) -> bool:
            self.seen += 1
            if self.seen >= self.nth:
                raise RuntimeError(f"{name} failed")
            self.calls.append((name, args, kwargs))
            return True

        return counted


class StoredScheduler:
    """Timers kept where the real scheduler keeps them (the timers table), so a rolled-back
    transaction takes its timers back too; nothing runs them."""

    def __init__(self, db: Database, clock: FakeClock) -> None:
        self.store = TimersRepo(db, clock)

    async def add_timer(
        self, kind: str, args: dict[str, Any], run_at: float, **options: Any
    ) -> int | None:
        return await self.store.add(kind, args, run_at, **options)

    async def planned(self) -> list[tuple[str, dict[str, Any]]]:
        return [(t.kind, t.args) for t in await self.store.pending()]


class World:
    def __init__(self, db: Database, clock: FakeClock) -> None:
        self.db = db
        self.clock = clock
        self.communities = CommunitiesRepo(db, clock)
        self.users = UsersRepo(db, clock)
        self.settings = CommunitySettings(SettingsRepo(db, clock), self.communities)
        self.bot = cast(Any, NoTelegram())
        self.permissions = Permissions(self.bot, self.communities, frozenset())
        self.voice = Voice(NewcomersRepo(db, clock), SanctionsRepo(db, clock), self.bot)
        self.notifier = RecordingNotifier()
        self.scheduler = StoredScheduler(db, clock)


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    db = Database(str(tmp_path / "bot.db"))
    await db.connect()
    await db.migrate()
    world = World(db, FakeClock(1_760_000_000))
    await world.communities.upsert(GROUP, title="Opora", chat_type="supergroup", is_forum=False)
    await world.communities.activate(GROUP, bot_status="administrator", added_by=None)
    await world.communities.upsert(OTHER_GROUP, title="Two", chat_type="supergroup", is_forum=False)
    await world.communities.activate(OTHER_GROUP, bot_status="administrator", added_by=None)
    for uid, name in ((AUTHOR, "Ada"), (MEMBER, "Mark"), (MODERATOR, "Mona")):
        await world.users.upsert_seen(uid, name, None, "en")
        await world.communities.set_member_status(GROUP, uid, "member")
        await world.communities.set_member_status(OTHER_GROUP, uid, "member")
    await world.communities.add_moderator(GROUP, MODERATOR, None)
    yield world
    await db.close()


# --- vacancies ---


def vacancy_service(world: World) -> tuple[VacancyService, VacanciesRepo]:
    repo = VacanciesRepo(world.db, world.clock)
    service = VacancyService(
        repo,
        world.communities,
        world.users,
        world.permissions,
        world.settings,
        notifier=cast(VacancyNotifier, world.notifier),
        scheduler=cast(Any, world.scheduler),
        voice=world.voice,
    )
    return service, repo


def vacancy_draft(title: str = "Python developer") -> VacancyDraft:
    return VacancyDraft(
        title=title,
        company="Acme",
        location="remote",
        city="",
        employment="full",
        level="middle",
        salary=None,
        tags=("python",),
        description="Build things",
        link="https://example.org/job",
        can_refer=True,
    )


async def test_a_vacancy_whose_post_fails_is_not_left_behind(world: World) -> None:
    service, repo = vacancy_service(world)
    published: list[int] = []

    async def listener(vacancy: Any) -> None:
        published.append(vacancy.id)

    service.on_published(listener)
    world.notifier.fail_on = "vacancy_published"
    with pytest.raises(RuntimeError):
        await service.submit(AUTHOR, GROUP, vacancy_draft())
    assert await repo.of_author(AUTHOR) == []
    assert await world.scheduler.planned() == [] and published == []


async def test_a_vacancy_whose_review_cannot_be_asked_is_not_left_behind(world: World) -> None:
    service, repo = vacancy_service(world)
    await world.settings.set(GROUP, VACANCIES_PREMODERATION, True, None)
    world.notifier.fail_on = "review_requested"
    with pytest.raises(RuntimeError):
        await service.submit(AUTHOR, GROUP, vacancy_draft())
    assert await repo.of_author(AUTHOR) == []


async def test_an_approval_that_cannot_be_told_stays_in_review(world: World) -> None:
    service, repo = vacancy_service(world)
    await world.settings.set(GROUP, VACANCIES_PREMODERATION, True, None)
    submitted = await service.submit(AUTHOR, GROUP, vacancy_draft())
    assert submitted.vacancy is not None
    world.notifier.fail_on = "vacancy_approved"
    with pytest.raises(RuntimeError):
        await service.moderate(submitted.vacancy.id, MODERATOR, "approve")
    fresh = await repo.get(submitted.vacancy.id)
    assert fresh is not None and fresh.status == "review"
    assert await world.scheduler.planned() == []
    world.notifier.fail_on = None
    assert await service.moderate(submitted.vacancy.id, MODERATOR, "approve") is Posted.DONE


async def test_an_extension_whose_card_cannot_change_keeps_the_old_end(world: World) -> None:
    service, repo = vacancy_service(world)
    submitted = await service.submit(AUTHOR, GROUP, vacancy_draft())
    assert submitted.vacancy is not None
    vacancy_id = submitted.vacancy.id
    await service.post_sent(vacancy_id, 77)
    before = await repo.get(vacancy_id)
    assert before is not None
    timers = await world.scheduler.planned()
    world.clock.advance(86400)
    world.notifier.fail_on = "post_changed"
    with pytest.raises(RuntimeError):
        await service.extend(vacancy_id, AUTHOR)
    after = await repo.get(vacancy_id)
    assert after is not None and after.expires_at == before.expires_at
    with pytest.raises(RuntimeError):
        await service.fill(vacancy_id, AUTHOR)
    after = await repo.get(vacancy_id)
    assert after is not None and after.status == "open"
    assert await world.scheduler.planned() == timers


# --- CV profiles ---


PROFILE = dict.fromkeys(FIELDS, "") | {"role": "Tester", "skills": "pytest", "about": "Hi"}


def cv_service(world: World) -> tuple[CvService, CvRepo]:
    repo = CvRepo(world.db, world.clock)
    service = CvService(
        repo,
        world.users,
        world.communities,
        VacanciesRepo(world.db, world.clock),
        world.permissions,
        notifier=cast(CvNotifier, world.notifier),
        voice=world.voice,
    )
    return service, repo


async def test_a_profile_share_that_cannot_be_posted_is_not_counted(world: World) -> None:
    service, repo = cv_service(world)
    await service.save(AUTHOR, "community", PROFILE)
    world.notifier.fail_on = "profile_shared"
    with pytest.raises(RuntimeError):
        await service.share(AUTHOR, GROUP)
    assert await repo.last_share(AUTHOR, GROUP) is None  # not "too soon" next time
    world.notifier.fail_on = None
    assert (await service.share(AUTHOR, GROUP)).outcome is CvOutcome.DONE


async def test_a_contact_the_owner_cannot_be_told_of_may_be_asked_again(world: World) -> None:
    service, _ = cv_service(world)
    await service.save(AUTHOR, "community", PROFILE)
    await service.share(AUTHOR, GROUP)
    (shared,) = world.notifier.of("profile_shared")
    share_id = shared[3]
    world.notifier.fail_on = "contact_asked"
    with pytest.raises(RuntimeError):
        await service.contact_by_share(share_id, MEMBER)
    world.notifier.fail_on = None
    assert (await service.contact_by_share(share_id, MEMBER))[0] is CvOutcome.DONE


# --- job alerts ---


def job_alerts(world: World, notifier: RecordingNotifier) -> tuple[JobAlerts, JobAlertsRepo]:
    vacancies, _ = vacancy_service(world)
    repo = JobAlertsRepo(world.db, world.clock)
    alerts = JobAlerts(
        repo,
        world.users,
        vacancies,
        default_timezone="UTC",
        scheduler=cast(Any, world.scheduler),
        notifier=cast(JobAlertNotifier, notifier),
    )
    return alerts, repo


async def test_matches_not_told_are_not_marked_told(world: World) -> None:
    notifier = FailingLater(nth=2)
    alerts, _ = job_alerts(world, notifier)
    for uid in (MEMBER, MODERATOR):
        await alerts.subscribe(uid, "python", JobFilters())
    submitted = await alerts.vacancies.submit(AUTHOR, GROUP, vacancy_draft())
    assert submitted.vacancy is not None
    notifier.fail_on = "vacancy_matched"
    with pytest.raises(RuntimeError):
        await alerts.notify(submitted.vacancy.id)  # the first told, the second fails
    notifier.fail_on = None
    assert await alerts.notify(submitted.vacancy.id) == 2  # the batch runs again, whole


async def test_a_digest_that_cannot_be_sent_keeps_its_vacancies(world: World) -> None:
    alerts, repo = job_alerts(world, world.notifier)
    submitted = await alerts.vacancies.submit(AUTHOR, GROUP, vacancy_draft())
    assert submitted.vacancy is not None
    assert await repo.record(MEMBER, submitted.vacancy.id, pending=True)
    world.notifier.fail_on = "digest_ready"
    with pytest.raises(RuntimeError):
        await alerts.digest(MEMBER)
    world.notifier.fail_on = None
    await alerts.digest(MEMBER)
    ((_, vacancies, total, _),) = world.notifier.of("digest_ready")
    assert [v.id for v in vacancies] == [submitted.vacancy.id] and total == 1


# --- introductions ---


async def test_cards_taken_down_before_forget_come_down_together(world: World) -> None:
    notifier = FailingLater(nth=2)
    repo = IntrosRepo(world.db, world.clock)
    service = IntroService(
        repo,
        world.communities,
        world.users,
        world.permissions,
        world.voice,
        notifier=cast(IntroNotifier, notifier),
    )
    answers = {"brings": "curiosity", "offers": "code review", "needs": "a job"}
    for chat_id in (GROUP, OTHER_GROUP):
        assert await service.save(chat_id, AUTHOR, answers, post=True) is IntroOutcome.POSTED
    notifier.fail_on = "card_taken_down"
    with pytest.raises(RuntimeError):
        await service.take_down(AUTHOR)
    for chat_id in (GROUP, OTHER_GROUP):  # both still up: the next try takes both down
        intro = await repo.get(chat_id, AUTHOR)
        assert intro is not None and intro.posted_at is not None


# --- reports ---


class NoLogChat:
    async def chat_of(self, chat_id: int) -> int | None:
        return None


async def test_a_report_the_moderators_cannot_be_told_of_may_be_made_again(world: World) -> None:
    service = ReportService(
        ReportsRepo(world.db, world.clock),
        world.permissions,
        world.communities,
        world.users,
        cast(Any, None),  # no sanction is taken here
        AuditLog(AuditRepo(world.db, world.clock), world.users),
        cast(Any, NoLogChat()),
        actions=cast(Any, None),
        notifier=cast(ReportNotifier, world.notifier),
    )
    world.notifier.fail_on = "report_filed"
    with pytest.raises(RuntimeError):
        await service.report(GROUP, MEMBER, 42, AUTHOR, "buy now", "spam")
    assert await world.db.fetchall("SELECT id FROM reports") == []
    world.notifier.fail_on = None
    assert await service.report(GROUP, MEMBER, 42, AUTHOR, "buy now", "spam") is Reported.DONE
    assert len(world.notifier.of("report_filed")) == 1


# --- sanctions ---


async def test_a_warning_the_member_cannot_be_told_of_is_not_kept(world: World) -> None:
    audit = AuditLog(AuditRepo(world.db, world.clock), world.users)
    sanctions = SanctionService(
        SanctionsRepo(world.db, world.clock),
        world.permissions,
        world.settings,
        audit,
        cast(Any, None),  # a warning under the limit asks Telegram nothing
        cast(Any, None),
    )

    async def notice_fails(case: Any) -> None:
        raise RuntimeError("notice failed")

    sanctions.observers.append(notice_fails)
    with pytest.raises(RuntimeError):
        await sanctions.warn(GROUP, Actor(MODERATOR), AUTHOR, "rude", None)
    assert await sanctions.warnings(GROUP, AUTHOR) == []
    assert await world.db.fetchall("SELECT id FROM audit_log") == []


# --- appeals ---


async def test_an_appeal_nobody_could_be_asked_about_may_be_sent_again(world: World) -> None:
    await world.communities.add_moderator(GROUP, MEMBER, None)  # decides: not the one who warned
    audit = AuditLog(AuditRepo(world.db, world.clock), world.users)
    sanctions = SanctionService(
        SanctionsRepo(world.db, world.clock),
        world.permissions,
        world.settings,
        audit,
        cast(Any, None),
        cast(Any, None),
    )
    appeals = AppealService(
        AppealsRepo(world.db, world.clock),
        sanctions,
        world.permissions,
        world.communities,
        world.users,
        audit,
        notifier=cast(AppealNotifier, world.notifier),
    )
    warning_id = await sanctions.repo.warn(GROUP, AUTHOR, MODERATOR, "rude", None, 86400)
    world.notifier.fail_on = "appeal_asked"
    with pytest.raises(RuntimeError):
        await appeals.submit(AUTHOR, "warn", warning_id, "I was not rude")
    assert await appeals.can_appeal(AUTHOR, "warn", warning_id) == "ok"
    assert await world.db.fetchall("SELECT id FROM audit_log") == []
    world.notifier.fail_on = None
    assert await appeals.submit(AUTHOR, "warn", warning_id, "I was not rude") == "ok"


# --- welcome ---


async def test_newcomers_not_greeted_wait_for_the_next_welcome(world: World) -> None:
    newcomers = NewcomersRepo(world.db, world.clock)
    welcome = WelcomeService(
        newcomers,
        SanctionsRepo(world.db, world.clock),
        world.communities,
        world.settings,
        AuditLog(AuditRepo(world.db, world.clock), world.users),
        JoinRequestsRepo(world.db, world.clock),
        world.users,
        actions=cast(Any, None),  # greeting asks Telegram nothing
        scheduler=cast(Any, world.scheduler),
        notifier=cast(WelcomeNotifier, world.notifier),
    )
    assert await newcomers.joined(GROUP, AUTHOR, "Ada", None)
    world.notifier.fail_on = "newcomers_greeted"
    with pytest.raises(RuntimeError):
        await welcome.greet(GROUP)
    world.notifier.fail_on = None
    await welcome.greet(GROUP)
    ((_, people, _, _),) = world.notifier.of("newcomers_greeted")
    assert [uid for uid, _, _ in people] == [AUTHOR]


# --- join requests ---


async def test_a_request_closed_by_joining_stays_open_until_its_cards_are_told(
    world: World,
) -> None:
    repo = JoinRequestsRepo(world.db, world.clock)
    service = JoinRequestService(
        repo,
        world.communities,
        world.users,
        world.settings,
        world.permissions,
        AuditLog(AuditRepo(world.db, world.clock), world.users),
        cast(Any, NoLogChat()),
        actions=cast(Any, None),  # joining elsewhere asks Telegram nothing
        scheduler=cast(Any, world.scheduler),
        notifier=cast(JoinRequestNotifier, world.notifier),
    )
    request, _ = await repo.add(GROUP, OUTSIDER, OUTSIDER, "Otto", None, world.clock.time() + 600)
    world.notifier.fail_on = "request_settled"
    with pytest.raises(RuntimeError):
        await service.member_joined(GROUP, OUTSIDER)
    still = await repo.get(request.id)
    assert still is not None and still.open
    world.notifier.fail_on = None
    await service.member_joined(GROUP, OUTSIDER)
    closed = await repo.get(request.id)
    assert closed is not None and closed.status == "joined"
    assert len(world.notifier.of("request_settled")) == 1


async def test_a_sanction_by_the_warning_limit_spends_the_warnings_with_its_record(
    world: World,
) -> None:
    class Muting:
        async def mute(self, chat_id: int, user_id: int, until: int | None) -> None:
            return None

    sanctions = SanctionService(
        SanctionsRepo(world.db, world.clock),
        world.permissions,
        world.settings,
        AuditLog(AuditRepo(world.db, world.clock), world.users),
        cast(Any, Muting()),
        cast(Any, None),
    )
    for _ in range(2):
        await sanctions.warn(GROUP, Actor(MODERATOR), AUTHOR, "rude", None)

    async def spending_fails(chat_id: int, user_id: int) -> None:
        raise RuntimeError("clearing failed")

    sanctions.repo.clear_warnings = spending_fails  # type: ignore[method-assign]
    with pytest.raises(RuntimeError):
        await sanctions.warn(GROUP, Actor(MODERATOR), AUTHOR, "rude", None)  # the limit: 3
    # Neither half stands: no mute on record with its warnings still in force.
    assert await sanctions.repo.active(GROUP, AUTHOR, "mute") is None
    assert len(await sanctions.warnings(GROUP, AUTHOR)) == 3
