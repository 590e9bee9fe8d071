"""The yearly report's four figures read from the totals and counted from the rows, and every row of the totals."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.schema import Flow
from faire_lien.core.finish import helps_individually
from faire_lien.core.months import Month
from storage import reports, year_totals
from storage.db import Database
from storage.models import YearCount, YearFlow, YearMark, YearMeeting, YearPerson, YearSession

YEARS = (2025, 2026, 2027)
TABLES = (YearMeeting, YearMark, YearSession, YearPerson, YearCount, YearFlow)


async def figures(session: AsyncSession, flows: dict[str, Flow], year: int, now: datetime) -> tuple[Any, ...]:
    """The four figures as the yearly report reads them."""
    found = await year_totals.figures(session, [f.id for f in flows.values() if helps_individually(f)], year, now)
    return (found.helped, found.met, found.sessions, found.marks)


async def from_rows(session: AsyncSession, flows: dict[str, Flow], year: int, now: datetime) -> tuple[Any, ...]:
    """The same four counted from the rows (the queries the report ran before the totals), plus the people who
    erased their data since, whom no row gives any more (`erased`)."""
    helped = [f.id for f in flows.values() if helps_individually(f)]
    start, end = Month(year, 1).start(), Month(year + 1, 1).start()
    assert (start, end) == year_totals.year_bounds(year)
    gone = await erased(session, year, now)
    marks = Counter(await reports.attendance_marks(session, start, end, now))
    marks.update(gone["marks"])
    return (
        await reports.people_helped(session, helped, start, end) + gone[year_totals.HELPED],
        await reports.people_met(session, start, end, now) + gone[year_totals.MET],
        await reports.sessions_held(session, start, end, now),
        {mark: n for mark, n in marks.items() if n},
    )


async def erased(session: AsyncSession, year: int, now: datetime) -> dict[str, Any]:
    """People of the year's figures who erased their data, and their marks at the meetings held by `now`."""
    counts = await session.execute(select(YearCount.what, YearCount.erased).where(YearCount.year == year))
    found: dict[str, Any] = {year_totals.HELPED: 0, year_totals.MET: 0}
    found.update({str(what): int(n) for what, n in counts.all()})
    erased_marks = (YearMeeting.erased_present, YearMeeting.erased_absent, YearMeeting.erased_excused)
    over = (YearMeeting.year == year, YearMeeting.ends_at < now)
    held = await session.execute(select(*erased_marks, YearMeeting.erased_met).where(*over))
    marks: Counter[str] = Counter()
    for *row, met in held.all():
        marks.update(dict(zip(year_totals.MARKS, row, strict=True)))
        found[year_totals.MET] += met
    found["marks"] = marks
    return found


async def tables(database: Database) -> dict[str, set[tuple[Any, ...]]]:
    """Every row of the totals (rows counting zero left out)."""
    found: dict[str, set[tuple[Any, ...]]] = {}
    async with database.read_only() as reader:
        for model in TABLES:
            columns = list(model.__table__.columns)
            rows = (await reader.execute(select(*columns))).all()
            found[model.__tablename__] = {
                tuple(r) for r in rows if not (model is YearCount and r.people == 0 and r.erased == 0)
            }
    return found
