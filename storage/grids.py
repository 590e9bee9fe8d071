"""Repository functions for grid results: store one, count them for staff, read them with an audit row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.audit import record
from storage.grid_counts import Key, add, month_of
from storage.models import GridCount, GridResult
from storage.types import PARIS


async def add_result(
    session: AsyncSession,
    *,
    response_id: int,
    person_id: int,
    grid: tuple[str, int],
    score: Decimal,
    orientation: str,
    mediator_id: int | None,
    at: datetime,
) -> GridResult:
    """Keep the score and orientation of a finished grid, and count it in the statistics."""
    result = GridResult(
        response_id=response_id,
        person_id=person_id,
        grid_id=grid[0],
        grid_version=grid[1],
        score=score,
        orientation=orientation,
        answered_by="mediator" if mediator_id else "person",
        mediator_id=mediator_id,
        created_at=at,
    )
    session.add(result)
    await add(session, Key(grid[0], orientation, month_of(at)), person_id)
    return result


@dataclass(frozen=True)
class Count:
    """People per grid, orientation and month, exactly (staff read them in whole groups of 5: `faire_lien/grids`)."""

    grid_id: str
    orientation: str
    month: str
    people: int


async def counts(session: AsyncSession, since: datetime, until: datetime) -> list[Count]:
    """Distinct people per grid, orientation and Paris month from `since` to `until` (month starts, Paris time), read
    from the statistics kept as results come and go (`storage/grid_counts.py`). People who erased their data (/forget)
    are still counted there, anonymously: the counts read before and after a /forget are the same."""
    first, last = month_start(since), month_start(until)
    query = (
        select(GridCount.grid_id, GridCount.orientation, GridCount.month, GridCount.people + GridCount.erased)
        .where(GridCount.month >= first, GridCount.month < last)
        .order_by(GridCount.grid_id, GridCount.month, GridCount.orientation)
    )
    return [Count(*row) for row in (await session.execute(query)).all()]


def month_start(at: datetime) -> str:
    """ "YYYY-MM" of a Paris month start; ValueError for any other moment (the statistics are kept by month)."""
    local = at.astimezone(PARIS)
    if (local.day, local.hour, local.minute, local.second, local.microsecond) != (1, 0, 0, 0, 0):
        raise ValueError(f"{at} is not the start of a month in Paris")
    return month_of(local)


async def individual_results(
    session: AsyncSession,
    grid_id: str,
    actor: str,
    at: datetime,
    *,
    newest_first: bool = False,
    limit: int | None = None,
    offset: int = 0,
    via: str | None = None,
) -> list[GridResult]:
    """Each person's result for one grid (or one page of them), for staff; every result read leaves an audit row."""
    order = GridResult.created_at.desc() if newest_first else GridResult.created_at
    tie = GridResult.id.desc() if newest_first else GridResult.id
    query = select(GridResult).where(GridResult.grid_id == grid_id).order_by(order, tie).offset(offset).limit(limit)
    found = list((await session.execute(query)).scalars())
    for result in found:
        detail: dict[str, object] = {"grid": grid_id, "result": result.id}
        if via is not None:
            detail["via"] = via
        record(session, actor=actor, action="read_grid_result", at=at, person_id=result.person_id, detail=detail)
    return found


async def result_count(session: AsyncSession, grid_id: str) -> int:
    """How many results one grid has."""
    query = select(func.count()).select_from(GridResult).where(GridResult.grid_id == grid_id)
    return int((await session.execute(query)).scalar_one())
