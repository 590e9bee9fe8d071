"""`faire-lien report --year` refuses a year outside the service's life, reading nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from storage.db import Database
from storage.models import AuditEntry
from tests.support.cli import RunCli
from tests.support.db import rows
from tests.support.records import registered_on


async def test_a_year_outside_the_services_life_is_refused(db: Database, run_cli: RunCli, tmp_path: Path) -> None:
    """`report --year 1066` (or 99999, or 2024, before the year of the service's first registration) says there is
    no report for it and exits 1, writing no workbook and no audit row; before, it printed « faire-lien — indicateurs
    1066 » with empty figures, wrote the workbook and an audit row saying the year's report was read."""
    async with db.unit_of_work() as session:
        await registered_on(session, datetime(2025, 1, 6, 9, tzinfo=UTC))  # the service's first data
    for year in ("1066", "99999", "2024"):
        workbook = tmp_path / f"{year}.xlsx"
        refused = run_cli("report", "--year", year, "--xlsx", str(workbook), env={"DATABASE_URL": db.url})
        assert refused.code == 1, year
        said = f"no yearly report for {year}: the service's figures run from 2025 to 2026; nothing read\n"
        assert refused.stdout == said
        assert not workbook.exists()
    assert [a for a in await rows(db, AuditEntry) if a.action == "read_yearly_report"] == []
    assert (
        run_cli("report", "--year", "2025", env={"DATABASE_URL": db.url})
        .check()
        .startswith("faire-lien — indicateurs 2025")
    )


async def test_with_no_data_yet_only_this_years_report_opens(db: Database, run_cli: RunCli) -> None:
    refused = run_cli("report", "--year", "2025", env={"DATABASE_URL": db.url})
    assert refused.code == 1
    assert refused.stdout == "no yearly report for 2025: the service's figures run from 2026 to 2026; nothing read\n"
    assert run_cli("report", "--year", "2026", env={"DATABASE_URL": db.url}).check().startswith("faire-lien — indic")
