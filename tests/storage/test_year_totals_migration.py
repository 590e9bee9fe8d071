"""Revision 0019 on SQLite and PostgreSQL: the yearly totals filled from the rows already there, as a rebuild would."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import insert, inspect, text
from sqlalchemy.engine import Connection

from dialogs.schema import Flow
from storage import year_totals
from storage.migrate import downgrade_engine, upgrade_engine
from storage.models import Base
from tests.support.db import fresh
from tests.support.postgres import PostgresServer
from tests.support.report_data import TABLES, chunks, generate
from tests.support.yearly import YEARS, figures, from_rows, tables


def _differences(connection: Connection) -> list[object]:
    return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_revision_0019_fills_the_totals_from_the_rows_and_goes_back(
    backend: str, tmp_path: Path, postgres: PostgresServer, flows: dict[str, Flow]
) -> None:
    database = await fresh(backend, tmp_path, postgres)
    try:
        await downgrade_engine(database.engine, "0018")
        data = generate([flows["hot_evaluation"]], meetings=60, seed=11)
        async with database.unit_of_work() as session:  # rows written before the revision
            for table, model in TABLES.items():
                for part in chunks(data.rows.get(table, []), 5000):
                    await session.execute(insert(model), list(part))
        await upgrade_engine(database.engine)
        async with database.engine.connect() as connection:
            assert await connection.run_sync(_differences) == []
            version = (await connection.execute(text("SELECT version_num FROM alembic_version"))).scalar_one()
        assert version >= "0019"
        filled = await tables(database)
        assert filled["year_meetings"] and filled["year_marks"] and filled["year_people"]
        async with database.read_only() as reader:
            for year in YEARS:
                assert await figures(reader, flows, year, data.starts[1]) == await from_rows(
                    reader, flows, year, data.starts[1]
                )
        async with database.unit_of_work() as session:
            await year_totals.rebuild(session)
        assert await tables(database) == filled

        await downgrade_engine(database.engine, "0018")
        async with database.engine.connect() as connection:
            gone = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
        assert not {"year_meetings", "year_marks", "year_sessions", "year_people", "year_counts", "year_flows"} & gone
        await upgrade_engine(database.engine)
        assert await tables(database) == filled
    finally:
        await database.dispose()
