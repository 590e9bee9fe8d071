"""Revision 0033 on SQLite and PostgreSQL: grid statistics kept by UTC month are counted again by Paris month."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert, select, text

from dialogs.schema import Flow
from storage.db import Database
from storage.migrate import downgrade_engine, upgrade_engine
from storage.models import GridCount
from storage.types import PARIS
from tests.support.db import fresh
from tests.support.postgres import PostgresServer
from tests.support.report_data import TABLES, chunks, generate

UTC_COUNTS = (
    "INSERT INTO grid_people (grid_id, orientation, month, person_id, results) "
    "SELECT grid_id, orientation, {month}, person_id, count(*) FROM grid_results "
    "GROUP BY grid_id, orientation, {month}, person_id",
    "INSERT INTO grid_counts (grid_id, orientation, month, people, erased) "
    "SELECT grid_id, orientation, month, count(*), 0 FROM grid_people GROUP BY grid_id, orientation, month",
)
UTC_MONTH = {"sqlite": "substr(created_at, 1, 7)", "postgresql": "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM')"}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_revision_0033_counts_grids_by_paris_month_and_goes_back(
    backend: str, tmp_path: Path, postgres: PostgresServer, flows: dict[str, Flow]
) -> None:
    database = await fresh(backend, tmp_path, postgres)
    try:
        await downgrade_engine(database.engine, "0030")
        data = generate([flows["hot_evaluation"]], meetings=60, seed=12)
        edges = [datetime(2026, 1, 31, 23, 30, tzinfo=UTC), datetime(2026, 9, 30, 22, 30, tzinfo=UTC)]
        for n, at in enumerate(edges):  # 00:30 on 1 February and on 1 October in Paris
            data.rows["grid_results"][n]["created_at"] = at
            grid, orientation, _, person = data.grid_results[n]
            data.grid_results[n] = (grid, orientation, at, person)
        async with database.unit_of_work() as session:  # results and their UTC statistics, as before the revision
            for table, model in TABLES.items():
                for part in chunks(data.rows.get(table, []), 5000):
                    await session.execute(insert(model), list(part))
            for statement in UTC_COUNTS:
                await session.execute(text(statement.format(month=UTC_MONTH[backend])))
            await session.execute(insert(GridCount).values(grid_id="gfst", orientation="x", month="2026-05", people=0))
            await session.execute(text("UPDATE grid_counts SET erased = 3 WHERE grid_id = 'gfst'"))
        utc = await kept(database)
        await upgrade_engine(database.engine)
        expected: dict[tuple[str, str, str], set[int]] = defaultdict(set)
        for grid, orientation, at, person in data.grid_results:
            expected[grid, orientation, at.astimezone(PARIS).strftime("%Y-%m")].add(person)
        paris = {key: (len(people), 0) for key, people in expected.items()} | {("gfst", "x", "2026-05"): (0, 3)}
        assert await kept(database) == paris
        assert paris != utc  # two results were in the last hours of a month, UTC
        await downgrade_engine(database.engine, "0030")
        assert await kept(database) == utc
    finally:
        await database.dispose()


async def kept(database: Database) -> dict[tuple[str, str, str], tuple[int, int]]:
    """People and people erased per grid, orientation and month, as kept."""
    async with database.unit_of_work() as session:
        found = await session.execute(
            select(GridCount.grid_id, GridCount.orientation, GridCount.month, GridCount.people, GridCount.erased)
        )
        return {(g, o, m): (p, e) for g, o, m, p, e in found.all()}
