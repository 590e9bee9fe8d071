"""The retention purge, for the command line and the bot's daily job."""

from __future__ import annotations

from datetime import timedelta

from dialogs.rights.outcome import add_months
from storage.db import Database
from storage.retention import MIN_RETENTION_MONTHS, Purged, purge
from storage.types import utcnow
from storage.updates import forget_old


async def run_purge(url: str, months: int, db: Database | None = None) -> Purged:
    """Run one purge in its own unit of work; anything under one month is refused (ValueError)."""
    if months < MIN_RETENTION_MONTHS:
        raise ValueError(f"retention of {months} months: at least {MIN_RETENTION_MONTHS} is required")
    own = db is None
    database = db or Database(url)
    try:
        now = utcnow()
        back = add_months(now.date(), -months)
        cutoff = now.replace(year=back.year, month=back.month, day=back.day)
        async with database.unit_of_work() as session:
            await forget_old(session, now - timedelta(days=2))
            return await purge(session, cutoff, now)
    finally:
        if own:
            await database.dispose()
