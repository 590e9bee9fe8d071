"""`faire-lien db rebuild-totals`: report totals that drifted from the rows are named, then computed again."""

from __future__ import annotations

from sqlalchemy import text

from dialogs.schema import Flow
from storage.db import Database
from storage.reports import Months, started_between, survey_tally, survey_tally_by_month
from storage.year_totals import year_bounds
from tests.support.cli import RunCli
from tests.support.report_data import generate, insert_all

HOT = "hot_evaluation"


async def _respondents(db: Database) -> tuple[int, int]:
    """Hot-evaluation respondents in 2026 as the totals give them, and as the rows give them."""
    async with db.read_only() as reader:
        kept = await survey_tally_by_month(reader, Months(HOT, None, "2026-01", "2026-12"), [])
        rows = await survey_tally(reader, HOT, started_between(*year_bounds(2026)))
    return kept.respondents, rows.respondents


async def test_drifted_totals_are_named_and_rebuilt(run_cli: RunCli, db: Database, flows: dict[str, Flow]) -> None:
    data = generate([flows[HOT], flows["impact_3m"]], meetings=30, seed=5)
    async with db.unit_of_work() as session:
        await insert_all(session, data.rows)
    kept, counted = await _respondents(db)
    assert kept == counted > 0

    async with db.unit_of_work() as session:  # a hand-made change in SQL, around the services
        await session.execute(text("UPDATE survey_months SET respondents = respondents + 7"))
        await session.execute(text("DELETE FROM year_sessions"))
    assert (await _respondents(db))[0] != counted

    done = run_cli("db", "rebuild-totals", env={"DATABASE_URL": db.url})
    assert done.code == 0, done.stderr
    assert "these tables differed from the rows: year_sessions, survey_months" in done.stdout
    assert await _respondents(db) == (counted, counted)

    again = run_cli("db", "rebuild-totals", env={"DATABASE_URL": db.url})
    assert "report totals rebuilt; they matched the rows" in again.check()
