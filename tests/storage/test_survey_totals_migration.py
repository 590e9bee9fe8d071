"""Revision 0020 on SQLite and PostgreSQL: the survey totals filled from the rows already there, the models' schema,
and back."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import insert, inspect, text
from sqlalchemy.engine import Connection

from dialogs.schema import Flow
from storage import survey_totals
from storage.migrate import downgrade_engine, upgrade_engine
from storage.models import Base
from tests.storage.test_survey_totals import kept_tables
from tests.support.db import fresh
from tests.support.postgres import PostgresServer
from tests.support.report_data import TABLES, chunks, generate

TOTALS = {"survey_sessions", "survey_months", "survey_month_answers", "survey_month_steps"}


def _differences(connection: Connection) -> list[object]:
    return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_revision_0020_fills_the_survey_totals_from_the_rows(
    backend: str, tmp_path: Path, postgres: PostgresServer, flows: dict[str, Flow]
) -> None:
    database = await fresh(backend, tmp_path, postgres)
    try:
        async with database.engine.connect() as connection:
            assert await connection.run_sync(_differences) == []
            assert (await connection.execute(text("SELECT version_num FROM alembic_version"))).scalar_one() >= "0020"
        await downgrade_engine(database.engine, "0019")
        async with database.engine.connect() as connection:
            assert not TOTALS & await connection.run_sync(_tables)
        data = generate([flows["hot_evaluation"], flows["impact_3m"]], meetings=40, seed=11)
        async with database.unit_of_work() as session:  # rows written before the totals existed
            for table, model in TABLES.items():
                for part in chunks(data.rows.get(table, []), 5000):
                    await session.execute(insert(model), list(part))
        await upgrade_engine(database.engine)
        async with database.read_only() as reader:
            shares = await survey_totals.computed(reader)
            sessions, *monthly = await kept_tables(reader)
        assert shares and sessions == shares
        assert tuple(monthly) == survey_totals.sums(shares)
        assert any(share.answers for share in shares.values()) and any(share.given for share in shares.values())
    finally:
        await database.dispose()
