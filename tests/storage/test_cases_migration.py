"""Revision 0015: call-back requests become cases (a facilitator meeting or a call-back), and back."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from storage.db import Database
from storage.migrate import downgrade_engine, upgrade_engine

ROWS = """
INSERT INTO people (id, language, consent, consent_at, consent_version, turn, draft_notified, glossary_seen, created_at)
VALUES (1, 'ar', 'accepted', '2026-11-20 10:00:00', 'v', 0, '[]', '[]', '2026-11-20 10:00:00');
INSERT INTO responses (id, person_id, flow_id, flow_version, started_at, completed_at)
VALUES
  (1, 1, 'rights_check', 1, '2026-11-20 10:00:00', '2026-11-20 10:05:00'),
  (2, 1, 'callback', 1, '2026-11-20 10:05:00', '2026-11-20 10:06:00'),
  (3, 1, 'facilitator_meeting', 1, '2026-11-20 10:06:00', '2026-11-20 10:07:00');
INSERT INTO callback_requests (person_id, response_id, origin_response_id, status, created_at, handled_at, handled_by)
VALUES
  (1, 2, 1, 'open', '2026-11-20 10:06:00', NULL, NULL),
  (1, 3, NULL, 'cancelled', '2026-11-20 10:07:00', NULL, NULL)
"""


async def test_call_back_requests_become_cases_and_back(tmp_path: Path) -> None:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'old.db'}")
    try:
        await upgrade_engine(db.engine, "0014")
        async with db.engine.begin() as connection:
            for statement in ROWS.strip().split(";\n"):
                await connection.execute(text(statement))
        await upgrade_engine(db.engine)
        async with db.engine.connect() as connection:
            cases = (
                await connection.execute(
                    text("SELECT kind, language, status, outcome, response_id, origin_response_id, due_at FROM cases")
                )
            ).all()
        assert [tuple(c[:6]) for c in cases] == [
            ("callback", "ar", "new", None, 2, 1),
            ("facilitator", "ar", "closed", "withdrawn", 3, None),
        ]
        assert str(cases[0][6]).startswith("2026-11-22 10:06")  # two days to answer, as promised then
        await downgrade_engine(db.engine, "0014")
        async with db.engine.connect() as connection:
            requests = (await connection.execute(text("SELECT response_id, status FROM callback_requests"))).all()
        assert sorted(tuple(r) for r in requests) == [(2, "open"), (3, "cancelled")]
    finally:
        await db.dispose()
