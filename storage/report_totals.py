"""Every report total computed again from the rows, saying which tables had drifted: the operator's check and repair.

The grid statistics, the yearly report and survey results read totals kept at write time
(`storage/grid_counts.py`, `storage/year_totals.py`, `storage/survey_totals.py`). Rows written around the
services (a bulk import, a hand-made fix in SQL) or a flow whose category changed leave them behind the rows;
`faire-lien db rebuild-totals` calls `rebuild_all`, which rebuilds them in one unit of work and names the tables
whose contents were not what the rows give.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import Table, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage import grid_counts, survey_totals, year_totals
from storage.models import (
    GridCount,
    GridPerson,
    SurveyMonth,
    SurveyMonthAnswer,
    SurveyMonthStep,
    SurveySession,
    YearCount,
    YearFlow,
    YearMark,
    YearMeeting,
    YearPerson,
    YearSession,
)

TOTALS: tuple[Any, ...] = (
    GridPerson,
    GridCount,
    YearFlow,
    YearPerson,
    YearCount,
    YearMeeting,
    YearMark,
    YearSession,
    SurveySession,
    SurveyMonth,
    SurveyMonthAnswer,
    SurveyMonthStep,
)
"""The tables of totals kept at write time, in the order they are checked."""


EMPTIED = {GridCount.__tablename__: ("people", "erased"), YearCount.__tablename__: ("people",)}
"""Tables whose groups stay as a row counting 0 when their last person leaves: such rows count for nothing (a
group whose people erased their data still counts them, `erased`)."""


async def _contents(session: AsyncSession, table: Table) -> list[tuple[Any, ...]]:
    """A table's rows that count for something, in primary-key order."""
    query = select(table).order_by(*table.primary_key.columns)
    if table.name in EMPTIED:
        query = query.where(or_(*(table.c[column] != 0 for column in EMPTIED[table.name])))
    return [tuple(row) for row in (await session.execute(query)).all()]


async def rebuild_all(session: AsyncSession, helped_flows: Collection[str]) -> list[str]:
    """Rebuild every total from the rows; the names of the tables whose contents changed (none: they were right).

    `helped_flows` are the flows whose finished responses count among the people helped individually.
    """
    tables = [model.__table__ for model in TOTALS]
    before = [await _contents(session, table) for table in tables]
    await grid_counts.rebuild(session)
    await year_totals.rebuild(session, helped_flows)
    await survey_totals.rebuild(session)
    await session.flush()
    return [table.name for table, old in zip(tables, before, strict=True) if await _contents(session, table) != old]
