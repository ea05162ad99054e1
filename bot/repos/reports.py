"""Reports of messages to a community's moderators."""

from __future__ import annotations

from dataclasses import dataclass, fields

from bot.db import Database
from bot.repos.personal import not_personal, register
from bot.timeutil import Clock

register("reports", "author_id", "delete", why="reports about the person's messages")
register("reports", "resolved_by", "anonymize", why="reports the person handled")
register("report_reporters", "user_id", "delete", why="the person's reports")
not_personal("reports", "chat_id", "a group's id")
not_personal("reports", "message_id", "a message's id in the group")
not_personal("report_reporters", "report_id", "a report's id")
not_personal("reports", "post_id", "a request's or a vacancy's id")
register("report_actions", "by_id", "anonymize", why="what the person did about reports")
register("report_copies", "chat_id", "delete", why="the person's copies of reports, to edit")
not_personal("report_actions", "report_id", "a report's id")
not_personal("report_copies", "report_id", "a report's id")
not_personal("report_copies", "message_id", "a message's id in a moderator's chat")


@dataclass(frozen=True)
class Report:
    id: int
    chat_id: int
    message_id: int
    author_id: int | None
    text: str
    status: str
    action: str | None
    resolved_by: int | None
    post_kind: str | None = None  # rq | vc | in: the bot's post of a member's item, via 🚩
    post_id: int | None = None


@dataclass(frozen=True)
class ReportStep:
    """One thing a moderator did about a report (del | warn | mute1h | mute1d | ban | close |
    dismiss)."""

    action: str
    by_id: int | None
    created_at: float


CLAIM_TIMEOUT = 120.0  # seconds an action may take before another moderator may act


class ReportsRepo:
    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.clock = clock or Clock()

    async def forget_posts_of(self, user_id: int) -> int:
        """/forget: reports about the person's own posts whose author the report never named
        (an anonymous request) quote the person's words; they go with the posts."""
        return await self.db.execute(
            "DELETE FROM reports WHERE (post_kind = 'rq' AND post_id IN"
            " (SELECT id FROM help_requests WHERE author_id = ?))"
            " OR (post_kind = 'vc' AND post_id IN (SELECT id FROM vacancies WHERE author_id = ?))",
            (user_id, user_id),
        )

    async def add(
        self,
        chat_id: int,
        message_id: int,
        author_id: int | None,
        text: str,
        reporter_id: int,
        reason: str,
        post: tuple[str, int | None] | None = None,
    ) -> tuple[Report, bool, int]:
        """(the report, whether it is new, how many reported it); the same message reported
        again is merged into one report, each person counted once."""
        now = self.clock.time()
        async with self.db.transaction():
            await self.db.execute(
                "INSERT INTO reports (chat_id, message_id, author_id, text, created_at,"
                " post_kind, post_id) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (chat_id, message_id) DO NOTHING",
                (chat_id, message_id, author_id, text, now, *(post or (None, None))),
            )
            row = await self.db.fetchone(
                "SELECT * FROM reports WHERE chat_id = ? AND message_id = ?", (chat_id, message_id)
            )
            assert row is not None
            report = Report(**{f.name: row[f.name] for f in fields(Report)})
            fresh = bool(
                await self.db.execute(
                    "INSERT INTO report_reporters (report_id, user_id, reason, created_at)"
                    " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (report.id, reporter_id, reason, now),
                )
            )
            count = int(
                await self.db.fetchval(
                    "SELECT COUNT(*) FROM report_reporters WHERE report_id = ?", (report.id,)
                )
            )
        return report, fresh, count

    async def get(self, report_id: int) -> Report | None:
        row = await self.db.fetchone("SELECT * FROM reports WHERE id = ?", (report_id,))
        return Report(**{f.name: row[f.name] for f in fields(Report)}) if row else None

    async def reasons(self, report_id: int) -> list[str]:
        rows = await self.db.fetchall(
            "SELECT reason FROM report_reporters WHERE report_id = ? AND reason != ''"
            " ORDER BY created_at",
            (report_id,),
        )
        return [r["reason"] for r in rows]

    async def claim(self, report_id: int) -> bool:
        """Only one moderator acts on a report: the first press claims it — unless that action
        never finished (a restart mid-way): then it is open again. `resolved_at` holds the
        claim's moment until the report is resolved."""
        now = self.clock.time()
        return bool(
            await self.db.execute(
                "UPDATE reports SET status = 'acting', resolved_at = ? WHERE id = ?"
                " AND (status = 'open' OR (status = 'acting' AND resolved_at < ?))",
                (now, report_id, now - CLAIM_TIMEOUT),
            )
        )

    async def steps(self, report_id: int) -> list[ReportStep]:
        rows = await self.db.fetchall(
            "SELECT action, by_id, created_at FROM report_actions WHERE report_id = ?"
            " ORDER BY created_at, rowid",
            (report_id,),
        )
        return [ReportStep(r["action"], r["by_id"], r["created_at"]) for r in rows]

    async def add_step(self, report_id: int, action: str, by: int | None) -> bool:
        """False when this step was taken already (each is taken once per report)."""
        return bool(
            await self.db.execute(
                "INSERT INTO report_actions (report_id, action, by_id, created_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (report_id, action, by, self.clock.time()),
            )
        )

    async def add_copy(self, report_id: int, chat_id: int, message_id: int) -> None:
        await self.db.execute(
            "INSERT INTO report_copies (report_id, chat_id, message_id) VALUES (?, ?, ?)"
            " ON CONFLICT (report_id, chat_id) DO UPDATE SET message_id = excluded.message_id",
            (report_id, chat_id, message_id),
        )

    async def copies(self, report_id: int) -> list[tuple[int, int]]:
        """(chat, message) of every copy of the report the bot sent."""
        rows = await self.db.fetchall(
            "SELECT chat_id, message_id FROM report_copies WHERE report_id = ? ORDER BY rowid",
            (report_id,),
        )
        return [(r["chat_id"], r["message_id"]) for r in rows]

    async def reopen(self, report_id: int) -> None:
        await self.db.execute(
            "UPDATE reports SET status = 'open', resolved_at = NULL WHERE id = ?"
            " AND status = 'acting'",
            (report_id,),
        )

    async def resolve(self, report_id: int, status: str, action: str, by: int) -> None:
        await self.db.execute(
            "UPDATE reports SET status = ?, action = ?, resolved_by = ?, resolved_at = ?"
            " WHERE id = ? AND status = 'acting'",
            (status, action, by, self.clock.time(), report_id),
        )
