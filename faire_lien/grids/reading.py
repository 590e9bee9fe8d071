"""What staff read of grid results, from the command line or the console: counts by month, and each result (audited).

Counts are shown as survey results are (`faire_lien/surveys/results.py`): in whole groups of 5 people, rounded
down, and a group of fewer than 5 people only as "fewer than 5". Someone who uses /forget stays counted,
anonymously (`storage/grid_counts.py`): a finished month's counts read before and after an erasure are the same,
so they do not tell which grid and orientation that person had.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from faire_lien.core.months import Month
from faire_lien.surveys.results import MIN_GROUP, whole_groups
from storage.db import Database
from storage.grids import counts, individual_results, result_count
from storage.models import GridResult
from storage.types import PARIS

EARLIEST = datetime(2000, 1, 1, tzinfo=PARIS)
"""Before any result: the start of an open period."""


def open_month(now: datetime) -> Month:
    """The month under way (Paris time), left out of the counts until it is over: a new result goes there, so reading
    the counts before and after someone's grid never shows that one result (their orientation); a month
    appears whole."""
    return Month.of(now.astimezone(PARIS))


class PeriodError(ValueError):
    """The first month of a period is after its last."""


@dataclass(frozen=True)
class Count:
    """People per grid, orientation and month as staff read them: in whole groups of 5, None under 5."""

    grid_id: str
    orientation: str
    month: str
    people: int | None


def shown(people: int) -> int | None:
    """A group's people in whole groups of 5 (7 reads 5), None for fewer than 5 (shown as "fewer than 5")."""
    return whole_groups(people) if people >= MIN_GROUP else None


async def period_counts(db: Database, first: Month | None, last: Month | None, now: datetime) -> list[Count]:
    """People per grid, orientation and month over whole months (Paris time), open ends meaning all, in whole groups
    of 5; groups under 5 hidden; the month under way left out (`open_month`).

    Read in `Database.read_only`, so counting never stalls the bot; the caller must not hold a unit of work.
    """
    if first is not None and last is not None and first > last:
        raise PeriodError(f"{first} is after {last}")
    since = first.start() if first is not None else EARLIEST
    until = min((last or open_month(now)).following().start(), open_month(now).start())
    async with db.read_only() as reader:
        found = await counts(reader, since, until)
    return [Count(c.grid_id, c.orientation, c.month, shown(c.people)) for c in found]


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


async def every_result(session: AsyncSession, grid_id: str, actor: str, now: datetime, *, via: str) -> list[GridResult]:
    """Every result of a grid, oldest first (the command line's list); one audit row per result shown."""
    return await individual_results(session, grid_id, actor, now, via=via)
