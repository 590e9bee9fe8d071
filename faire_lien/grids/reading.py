"""What staff read of grid results, from the command line or the console: counts by month, and each result (audited)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from faire_lien.core.months import Month
from storage.db import Database
from storage.grids import Count, counts, individual_results, result_count
from storage.models import GridResult

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
"""Before any result: the start of an open period."""


def open_month(now: datetime) -> Month:
    """The month under way (UTC), left out of the counts until it is over: a new result goes there, so reading the
    counts before and after someone's grid never shows that one result (their orientation); a month appears whole."""
    return Month.of(now.astimezone(UTC))


class PeriodError(ValueError):
    """The first month of a period is after its last."""


async def period_counts(db: Database, first: Month | None, last: Month | None, now: datetime) -> list[Count]:
    """People per grid, orientation and month over whole (UTC) months, open ends meaning all; groups under 5 hidden;
    the month under way left out (`open_month`).

    Read in `Database.read_only`, so counting never stalls the bot; the caller must not hold a unit of work.
    """
    if first is not None and last is not None and first > last:
        raise PeriodError(f"{first} is after {last}")
    since = first.start_utc() if first is not None else EARLIEST
    until = min((last or open_month(now)).following().start_utc(), open_month(now).start_utc())
    async with db.read_only() as reader:
        return await counts(reader, since, until)


@dataclass(frozen=True)
class ResultPage:
    """One page of a grid's results, newest first: its number (from 1), and how many results there are in all."""

    results: list[GridResult]
    number: int
    total: int


async def result_page(
    session: AsyncSession, grid_id: str, actor: str, now: datetime, *, number: int, size: int, via: str
) -> ResultPage:
    """Page `number` of a grid's results (the last one when there are fewer); one audit row per result shown."""
    total = await result_count(session, grid_id)
    number = max(1, min(number, -(-total // size)))
    shown = await individual_results(
        session, grid_id, actor, now, newest_first=True, limit=size, offset=(number - 1) * size, via=via
    )
    return ResultPage(shown, number, total)
