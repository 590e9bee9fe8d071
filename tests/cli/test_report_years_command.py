"""`faire-lien report --year` refuses a year outside the service's life, reading nothing."""

from __future__ import annotations

from pathlib import Path

from storage.db import Database
from storage.models import AuditEntry
from tests.support.cli import RunCli
from tests.support.db import rows


async def test_a_year_outside_the_services_life_is_refused(db: Database, run_cli: RunCli, tmp_path: Path) -> None:
    """`report --year 1066` (or 99999, or 2023, before the first year of figures) says there is no report for it
    and exits 1, writing no workbook and no audit row; before, it printed « faire-lien — indicateurs 1066 » with
    empty figures, wrote the workbook and an audit row saying the year's report was read."""
    for year in ("1066", "99999", "2023"):
        workbook = tmp_path / f"{year}.xlsx"
        refused = run_cli("report", "--year", year, "--xlsx", str(workbook), env={"DATABASE_URL": db.url})
        assert refused.code == 1, year
        assert refused.stdout.startswith(f"no yearly report for {year}: the service's figures run from 2024 to ")
        assert not workbook.exists()
    assert [a for a in await rows(db, AuditEntry) if a.action == "read_yearly_report"] == []
    assert (
        run_cli("report", "--year", "2025", env={"DATABASE_URL": db.url})
        .check()
        .startswith("faire-lien — indicateurs 2025")
    )
