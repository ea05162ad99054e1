"""Nightly backups into BACKUP_DIR, the newest BACKUP_KEEP kept. Planned from the copies
themselves (their names carry their time), so a restart neither repeats a night's copy nor
forgets one missed while the bot was down: that one is made at start-up, as is the first copy
into an empty folder (the operator who just set BACKUP_DIR sees it work)."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from pathlib import Path

from bot.backup import BackupError, copy_database, nightly_copies, nightly_path, prune
from bot.scheduler import JobSpec, Scheduler
from bot.timeutil import Clock, from_timestamp, to_local

log = logging.getLogger(__name__)

SOURCE = "backup"
NIGHTLY_HOUR = 3  # local time of DEFAULT_TIMEZONE: the quietest hour of most groups
RETRY_AFTER = 3600.0  # a failed copy (disk full, folder gone) is tried again an hour later


class NightlyBackups:
    def __init__(
        self,
        database: str,
        directory: str,
        keep: int,
        *,
        clock: Clock,
        timezone: str,
        scheduler: Scheduler,
    ) -> None:
        self.database = Path(database)
        self.directory = Path(directory)
        self.keep = keep
        self.clock = clock
        self.timezone = timezone
        self.scheduler = scheduler

    def next_at(self) -> float:
        """The night after the newest copy; now, when there is none yet."""
        copies = nightly_copies(self.directory)
        if not copies:
            return self.clock.time()
        local = to_local(from_timestamp(copies[-1][0]), self.timezone)
        night = local.replace(hour=NIGHTLY_HOUR, minute=0, second=0, microsecond=0)
        if night <= local:
            night += timedelta(days=1)
        return night.timestamp()

    async def jobs(self) -> list[JobSpec]:
        return [JobSpec("nightly", self.run, self.next_at())]

    async def run(self) -> None:
        now = self.clock.time()
        next_at = self.next_at()
        if next_at <= now + 1:
            try:
                copy = await asyncio.to_thread(
                    copy_database, self.database, nightly_path(self.directory, now)
                )
                removed = await asyncio.to_thread(prune, self.directory, self.keep)
                log.info(
                    "nightly backup written", extra={"backup": str(copy), "removed": len(removed)}
                )
                next_at = self.next_at()
            except BackupError as exc:
                log.error("nightly backup failed", extra={"error": str(exc)})
                next_at = now + RETRY_AFTER
        self.scheduler.schedule(SOURCE, JobSpec("nightly", self.run, next_at))
