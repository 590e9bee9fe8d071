"""When the service's data begins (the yearly report's first year), on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from faire_lien.surveys.years import report_years
from storage.db import Database
from storage.models import YearCount
from storage.reports import first_year
from tests.conftest import NOW
from tests.support.records import a_meeting, registered_on


async def test_the_earliest_registration_or_session_is_the_start(database: Database) -> None:
    async with database.read_only() as reader:
        assert await first_year(reader) is None
        assert await report_years(reader, NOW) == [2026]
    async with database.unit_of_work() as session:
        await a_meeting(session, NOW + timedelta(days=3))
        await registered_on(session, datetime(2025, 4, 1, 8, tzinfo=UTC))
    async with database.read_only() as reader:
        assert await first_year(reader) == 2025
        assert await report_years(reader, NOW) == [2026, 2025]
    async with database.unit_of_work() as session:
        await a_meeting(session, datetime(2023, 12, 31, 23, 30, tzinfo=UTC))  # 1 January 2024 in Paris
    async with database.read_only() as reader:
        assert await report_years(reader, NOW) == [2026, 2025, 2024]


async def test_a_year_whose_rows_the_purge_erased_keeps_its_report(database: Database) -> None:
    """The registrations of 2022 erased by the retention purge, its yearly totals kept: 2022 is still offered."""
    async with database.unit_of_work() as session:
        await registered_on(session, datetime(2025, 4, 1, 8, tzinfo=UTC))
        session.add(YearCount(year=2022, what="helped", people=7))
    async with database.read_only() as reader:
        assert await first_year(reader) == 2022
        assert await report_years(reader, NOW) == [2026, 2025, 2024, 2023, 2022]
