"""Grid statistics kept up to date as results come and go: people per grid, orientation and Paris month.

Counting distinct people over every grid result grows with the results (0.6 s at 100 000 on SQLite); the
statistics read a few rows instead (grids × orientations × months). Two tables, written in the unit of
work that adds, erases or moves a result:

- `grid_people`: per grid, orientation, month and person, how many results the person has there;
- `grid_counts`: per grid, orientation and month, how many `grid_people` rows there are (`people`), and how many
  people who were there erased their data since (`erased`). Staff read both added up (`storage/grids.py: counts`).

A person who erases their data (/forget, `forgetting`) stays counted, anonymously: their `grid_people` rows (the
link between them and a group) are deleted and each of their groups moves one from `people` to `erased`, so the
statistics read before and after a /forget are the same and do not tell which group the person was in. Results
taken out for any other reason (none today but retention, which moves them to an anonymous person, `moving`) would
leave the counts (`remove`).

Every change is one atomic statement returning the new value (INSERT … ON CONFLICT DO UPDATE SET results =
results + k … RETURNING; UPDATE … SET results = results - k … RETURNING), never a read then a write: two
writers on PostgreSQL queue on the row and each sees the other's change, so the counts cannot drift. A
person's row that appears adds one person to its group; one that empties is deleted and removes one.
`rebuild` recomputes both tables from the results (after a bulk load; migration 0017 does the same) and keeps
the `erased` counts, which no row can give again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, String, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from storage.models import GridCount, GridPerson, GridResult
from storage.types import PARIS


@dataclass(frozen=True)
class Key:
    """A person's place in the statistics: grid, orientation, month of the service ("YYYY-MM", Paris time)."""

    grid_id: str
    orientation: str
    month: str


class paris_month(FunctionElement[str]):  # noqa: N801 - named like the SQL functions it stands for
    """The Paris month of a UTC timestamp column as "YYYY-MM" (23:30 UTC on 31 January is February's)."""

    type = String()
    inherit_cache = True


@compiles(paris_month)
def _paris_month(element: paris_month, compiler: SQLCompiler, **kw: Any) -> str:
    """SQLite keeps UTC timestamps as text and knows no time zone. Paris is UTC+2 from the last Sunday of March to
    the last Sunday of October, so when each month from April to October starts, and UTC+1 when each month from
    November to March starts: a moment belongs to the month it reaches two hours later when that month is April to
    October, else to the month it reaches one hour later (the two differ only in the hour before a month starts)."""
    at = compiler.process(element.clauses, **kw)
    summer = f"strftime('%Y-%m', {at}, '+2 hours')"
    winter = f"strftime('%Y-%m', {at}, '+1 hours')"
    return f"CASE WHEN substr({summer}, 6, 2) BETWEEN '04' AND '10' THEN {summer} ELSE {winter} END"


@compiles(paris_month, "postgresql")
def _paris_month_postgresql(element: paris_month, compiler: SQLCompiler, **kw: Any) -> str:
    """PostgreSQL knows the time zone."""
    return f"to_char({compiler.process(element.clauses, **kw)} AT TIME ZONE 'Europe/Paris', 'YYYY-MM')"


def month_of(at: datetime) -> str:
    """The Paris month of a moment, as the statistics and `paris_month` write it."""
    return at.astimezone(PARIS).strftime("%Y-%m")


def _upsert(session: AsyncSession, model: Any, values: dict[str, Any], column: str, by: int) -> Any:
    """INSERT the row, or add `by` to `column` when it is there; returns the new value."""
    dialect = sqlite if session.get_bind().dialect.name == "sqlite" else postgresql
    statement = dialect.insert(model).values(**values, **{column: by})
    keys = list(values)
    target = getattr(model, column)
    return statement.on_conflict_do_update(index_elements=keys, set_={column: target + by}).returning(target)


async def add(session: AsyncSession, key: Key, person_id: int, results: int = 1) -> None:
    """Count `results` more results of this person in this group (one more person if they had none there)."""
    where = {"grid_id": key.grid_id, "orientation": key.orientation, "month": key.month}
    now = await session.scalar(_upsert(session, GridPerson, {**where, "person_id": person_id}, "results", results))
    if now == results:  # the row was just made: this person is new to the group
        await session.execute(_upsert(session, GridCount, where, "people", 1))


async def remove(session: AsyncSession, key: Key, person_id: int, results: int) -> None:
    """Count `results` fewer results of this person in this group (one person fewer when none is left)."""
    mine = (*_key(GridPerson, key), GridPerson.person_id == person_id)
    left = await session.scalar(
        update(GridPerson).where(*mine).values(results=GridPerson.results - results).returning(GridPerson.results)
    )
    if left is None or left > 0:
        return
    await session.execute(delete(GridPerson).where(*mine, GridPerson.results <= 0))
    await session.execute(update(GridCount).where(*_key(GridCount, key)).values(people=GridCount.people - 1))


def _key(model: type[GridPerson] | type[GridCount], key: Key) -> tuple[ColumnElement[bool], ...]:
    return (model.grid_id == key.grid_id, model.orientation == key.orientation, model.month == key.month)


def _results_of(where: ColumnElement[bool]) -> Select[str, str, str, int, int]:
    """Grid results matching `where`, per group and person, with how many there are."""
    month = paris_month(GridResult.created_at)
    return (
        select(GridResult.grid_id, GridResult.orientation, month, GridResult.person_id, func.count())
        .where(where)
        .group_by(GridResult.grid_id, GridResult.orientation, month, GridResult.person_id)
    )


async def forgetting(session: AsyncSession, person_id: int) -> None:
    """A person erases their data: their rows here go, and each group they were in counts them as erased instead."""
    gone = await session.execute(
        delete(GridPerson)
        .where(GridPerson.person_id == person_id)
        .returning(GridPerson.grid_id, GridPerson.orientation, GridPerson.month)
        .execution_options(synchronize_session=False)
    )
    for grid_id, orientation, month in sorted(gone.all()):
        key = Key(grid_id, orientation, month)
        moved = {"people": GridCount.people - 1, "erased": GridCount.erased + 1}
        await session.execute(update(GridCount).where(*_key(GridCount, key)).values(**moved))


async def moving(session: AsyncSession, where: ColumnElement[bool], to_person: int) -> None:
    """The results matching `where` are about to belong to `to_person` (retention): their people change."""
    for grid_id, orientation, month, person_id, n in (await session.execute(_results_of(where))).all():
        key = Key(grid_id, orientation, month)
        await remove(session, key, person_id, n)
        await add(session, key, to_person, n)


async def rebuild(session: AsyncSession) -> None:
    """Both tables computed again from every grid result (after a bulk load of results); people erased stay counted."""
    await session.execute(delete(GridPerson))
    await session.execute(delete(GridCount).where(GridCount.erased == 0))
    await session.execute(update(GridCount).values(people=0))
    per_person = _results_of(GridResult.id.is_not(None))
    columns = ["grid_id", "orientation", "month", "person_id", "results"]
    await session.execute(insert(GridPerson).from_select(columns, per_person))
    groups = select(GridPerson.grid_id, GridPerson.orientation, GridPerson.month, func.count()).group_by(
        GridPerson.grid_id, GridPerson.orientation, GridPerson.month
    )
    rows = (await session.execute(groups)).all()
    found = [{"grid_id": g, "orientation": o, "month": m, "people": n} for g, o, m, n in rows]
    if found:
        dialect = sqlite if session.get_bind().dialect.name == "sqlite" else postgresql
        statement = dialect.insert(GridCount)
        keys = ["grid_id", "orientation", "month"]
        await session.execute(
            statement.on_conflict_do_update(index_elements=keys, set_={"people": statement.excluded.people}), found
        )
