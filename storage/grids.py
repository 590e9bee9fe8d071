"""Repository functions for grid results: store one, count them for staff, read them with an audit row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import String, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from storage.audit import record
from storage.models import GridResult

SMALL_GROUP = 5
"""Aggregates never show a group of fewer people than this."""


def add_result(
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
    """Keep the score and orientation of a finished grid."""
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
    return result


class utc_month(FunctionElement[str]):  # noqa: N801 - named like the SQL functions it stands for
    """The month of a UTC timestamp column as "YYYY-MM", in UTC whatever the connection's time zone."""

    type = String()
    inherit_cache = True


@compiles(utc_month)
def _utc_month(element: utc_month, compiler: SQLCompiler, **kw: Any) -> str:
    """SQLite keeps UTC timestamps as "YYYY-MM-DD HH:MM:SS…" text."""
    return f"substr({compiler.process(element.clauses, **kw)}, 1, 7)"


@compiles(utc_month, "postgresql")
def _utc_month_postgresql(element: utc_month, compiler: SQLCompiler, **kw: Any) -> str:
    """PostgreSQL writes a timestamptz in the session's time zone unless told UTC."""
    return f"to_char({compiler.process(element.clauses, **kw)} AT TIME ZONE 'UTC', 'YYYY-MM')"


@dataclass(frozen=True)
class Count:
    """People per grid, orientation and month; `people` is None when the group is too small to show."""

    grid_id: str
    orientation: str
    month: str
    people: int | None


async def counts(session: AsyncSession, since: datetime, until: datetime) -> list[Count]:
    """Distinct people per grid, orientation and month; groups under 5 are hidden."""
    month = utc_month(GridResult.created_at)
    query = (
        select(GridResult.grid_id, GridResult.orientation, month, func.count(func.distinct(GridResult.person_id)))
        .where(GridResult.created_at >= since, GridResult.created_at < until)
        .group_by(GridResult.grid_id, GridResult.orientation, month)
        .order_by(GridResult.grid_id, month, GridResult.orientation)
    )
    return [
        Count(grid, orientation, str(period), n if n >= SMALL_GROUP else None)
        for grid, orientation, period, n in (await session.execute(query)).all()
    ]


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
