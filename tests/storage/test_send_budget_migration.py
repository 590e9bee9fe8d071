"""Revision 0018 on SQLite and PostgreSQL: the send budget row after 0017, the schema the models describe, and back."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from storage.migrate import downgrade_engine, upgrade_engine
from storage.models import Base
from tests.support.db import fresh
from tests.support.postgres import PostgresServer


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


def _differences(connection: Connection) -> list[object]:
    return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_revision_0018_adds_the_free_budget_after_0017_and_goes_back(
    backend: str, tmp_path: Path, postgres: PostgresServer
) -> None:
    database = await fresh(backend, tmp_path, postgres)
    try:
        async with database.engine.connect() as connection:
            assert await connection.run_sync(_differences) == []
            version = (await connection.execute(text("SELECT version_num FROM alembic_version"))).scalar_one()
            budget = (await connection.execute(text("SELECT name, next_at, paused_until FROM send_budget"))).all()
        assert version == "0020"  # the latest revision
        assert [tuple(row) for row in budget] == [("telegram", 0.0, 0.0)]

        await downgrade_engine(database.engine, "0017")
        async with database.engine.connect() as connection:
            tables = await connection.run_sync(_tables)
        assert "send_budget" not in tables
        assert {"cases", "grid_people"} <= tables  # 0015 to 0017 untouched

        await upgrade_engine(database.engine)
        async with database.engine.connect() as connection:
            budget = (await connection.execute(text("SELECT name FROM send_budget"))).all()
        assert [tuple(row) for row in budget] == [("telegram",)]
    finally:
        await database.dispose()
