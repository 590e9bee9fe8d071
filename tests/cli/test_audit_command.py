"""`faire-lien audit`: the latest audit rows, one a line."""

from __future__ import annotations

from storage.audit import record
from storage.db import Database
from tests.conftest import NOW
from tests.support.cli import RunCli


async def test_an_operator_name_with_an_override_cannot_reorder_its_audit_line(db: Database, run_cli: RunCli) -> None:
    """An operator name typed with an open U+202E (`--staff`) is printed between FSI and PDI, the override closed
    right after it: the action and its detail keep their order; a plain name is printed as it was."""
    async with db.unit_of_work() as session:
        record(session, actor="console:\u202eroot", action="read_yearly_report", at=NOW, detail={"year": 2026})
        record(session, actor="console:alice", action="read_roster", at=NOW, detail={"meeting": 12})
    lines = run_cli("audit", env={"DATABASE_URL": db.url}).stdout.splitlines()
    assert "2026-11-22 10:00:00 console:alice read_roster {'meeting': 12}" in lines
    assert "2026-11-22 10:00:00 \u2068console:\u202eroot\u202c\u2069 read_yearly_report {'year': 2026}" in lines
