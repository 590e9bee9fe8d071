"""Question flags are counted per flow, step and language; the audit log reads newest first."""

from __future__ import annotations

from datetime import timedelta

from storage.audit import latest, record
from storage.db import Database
from storage.flags import FlagCount, add_flag, flag_counts
from tests.conftest import NOW


async def test_flags_counted_most_flagged_first(db: Database) -> None:
    async with db.unit_of_work() as session:
        for step, language in (("age", "fr"), ("income", "fr"), ("income", "fr"), ("income", "ar")):
            add_flag(session, flow_id="rights_check", step_id=step, language=language, at=NOW)
    async with db.unit_of_work() as session:
        counts = await flag_counts(session)
    assert counts[0] == FlagCount("rights_check", "income", "fr", 2)
    assert sorted(counts[1:], key=lambda c: c.language) == [
        FlagCount("rights_check", "income", "ar", 1),
        FlagCount("rights_check", "age", "fr", 1),
    ]


async def test_latest_audit_entries_newest_first(db: Database) -> None:
    async with db.unit_of_work() as session:
        record(session, actor="a", action="read_roster", at=NOW - timedelta(hours=1))
        record(session, actor="b", action="read_roster", at=NOW)
        record(session, actor="c", action="mark_attendance", at=NOW)  # same instant: the last written first
    async with db.unit_of_work() as session:
        assert [e.actor for e in await latest(session, 10)] == ["c", "b", "a"]
        assert [e.actor for e in await latest(session, 2)] == ["c", "b"]
