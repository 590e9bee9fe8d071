"""Revision 0035 on SQLite and PostgreSQL: survey totals kept while 4 « Pas concerné·e » and 1 person concerned made a
question count are corrected to what the rows give now."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import insert

from dialogs.schema import Flow
from storage import survey_totals
from storage.migrate import downgrade_engine, upgrade_engine
from tests.storage.test_survey_totals import kept_tables
from tests.support.db import fresh
from tests.support.postgres import PostgresServer
from tests.support.report_data import TABLES, chunks, generate


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_revision_0035_takes_questions_under_5_people_concerned_out_of_the_totals(
    backend: str, tmp_path: Path, postgres: PostgresServer, flows: dict[str, Flow], monkeypatch: pytest.MonkeyPatch
) -> None:
    database = await fresh(backend, tmp_path, postgres)
    try:
        await downgrade_engine(database.engine, "0034")
        data = generate([flows["impact_3m"]], meetings=40, seed=35)
        async with database.unit_of_work() as session:
            for table, model in TABLES.items():
                for part in chunks(data.rows.get(table, []), 5000):
                    await session.execute(insert(model), list(part))
        with monkeypatch.context() as before:  # the totals as kept until now: « Pas concerné·e » counted in the 5
            before.setattr(survey_totals, "NOT_CONCERNED_STORED", "not a stored value")
            async with database.unit_of_work() as session:
                await survey_totals.rebuild(session)
        async with database.read_only() as reader:
            assert (await kept_tables(reader))[0] != await survey_totals.computed(reader)  # some share was wrong
        await upgrade_engine(database.engine)
        async with database.read_only() as reader:
            shares = await survey_totals.computed(reader)
            sessions, *monthly = await kept_tables(reader)
        assert sessions == shares
        assert tuple(monthly) == survey_totals.sums(shares)
    finally:
        await database.dispose()
