"""Revision 0021 on SQLite and PostgreSQL: answers already stored put in groups of 5 in the order they came, the
survey totals counted again from whole groups, and back to 0020's totals."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, text

from dialogs.schema import Flow
from storage import survey_totals
from storage.db import Database
from storage.migrate import downgrade_engine, upgrade_engine
from tests.storage.test_survey_totals import kept_tables
from tests.support.db import fresh
from tests.support.postgres import PostgresServer
from tests.support.report_data import STAMP, TABLES, chunks, generate

TOTALS = ("survey_sessions", "survey_months", "survey_month_answers", "survey_month_steps")


async def contents(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the four tables of totals, in a fixed order."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    async with database.engine.connect() as connection:
        for table in TOTALS:
            rows = (await connection.execute(text(f"SELECT * FROM {table}"))).all()
            found[table] = sorted(tuple(map(str, row)) for row in rows)
    return found


async def groups(database: Database) -> dict[tuple[str, int], list[int | None]]:
    """Each survey and session's answers, in the order they came, with their group."""
    async with database.engine.connect() as connection:
        rows = await connection.execute(
            text(
                "SELECT flow_id, meeting_id, answer_group FROM survey_invitations "
                "WHERE status = 'answered' AND response_id IS NOT NULL "
                "ORDER BY flow_id, meeting_id, answered_at, id"
            )
        )
        found: dict[tuple[str, int], list[int | None]] = {}
        for flow_id, meeting_id, group in rows.all():
            found.setdefault((flow_id, meeting_id), []).append(group)
    return found


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_revision_0021_groups_the_answers_and_counts_the_totals_again(
    backend: str, tmp_path: Path, postgres: PostgresServer, flows: dict[str, Flow]
) -> None:
    database = await fresh(backend, tmp_path, postgres)
    try:
        await downgrade_engine(database.engine, "0019")
        data = generate([flows["hot_evaluation"], flows["impact_3m"]], meetings=40, seed=12)
        late_first = [r for r in data.rows["survey_invitations"] if r["status"] == "answered"][:7]
        for n, row in enumerate(late_first):  # the first rows answered last: the order is the answers', not the ids'
            row["answered_at"] = STAMP + timedelta(minutes=10 - n)
        async with database.unit_of_work() as session:  # rows written before answers counted in groups
            for table, model in TABLES.items():
                for part in chunks(data.rows.get(table, []), 5000):
                    await session.execute(insert(model), list(part))
        await upgrade_engine(database.engine, "0020")  # totals of whole sessions of 5 respondents or more
        whole_sessions = await contents(database)
        await upgrade_engine(database.engine)
        found = await groups(database)
        assert found
        for answers in found.values():
            whole = len(answers) - len(answers) % 5
            assert answers == [n // 5 + 1 for n in range(whole)] + [None] * (len(answers) - whole)
        async with database.read_only() as reader:
            shares = await survey_totals.computed(reader)
            sessions, *monthly = await kept_tables(reader)
        assert shares and sessions == shares
        assert tuple(monthly) == survey_totals.sums(shares)
        assert any(0 < share.counted < share.respondents for share in shares.values())  # answers waiting
        await downgrade_engine(database.engine, "0020")
        assert await contents(database) == whole_sessions
    finally:
        await database.dispose()
