"""Revision 0012: reminders a crash cut while sending, given up as "failed" before it, become "uncertain"."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from storage.db import Database
from storage.migrate import downgrade_engine, upgrade_engine

ROWS = """
INSERT INTO people (id, language, consent, consent_at, consent_version, turn, draft_notified, created_at)
VALUES (1, 'fr', 'accepted', '2026-11-20 10:00:00', 'v', 0, '[]', '2026-11-20 10:00:00');
INSERT INTO outbox (person_id, kind, payload, due_at, idempotency_key, status, attempts, last_error, created_at)
VALUES
  (1, 'renewal_reminder', '{}', '2026-11-20 10:00:00', 'cut', 'failed', 1,
   'interrupted while sending; not resent to avoid a duplicate', '2026-11-20 10:00:00'),
  (1, 'renewal_reminder', '{}', '2026-11-20 10:00:00', 'blocked', 'failed', 1,
   'the person blocked the bot', '2026-11-20 10:00:00'),
  (1, 'renewal_reminder', '{}', '2026-11-20 10:00:00', 'sent', 'sent', 1, NULL, '2026-11-20 10:00:00')
"""


async def statuses(db: Database) -> dict[str, str]:
    async with db.engine.connect() as connection:
        found = await connection.execute(text("SELECT idempotency_key, status FROM outbox"))
        return {str(row[0]): str(row[1]) for row in found}


async def test_interrupted_messages_become_uncertain_and_back(tmp_path: Path) -> None:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'old.db'}")
    try:
        await upgrade_engine(db.engine, "0010")
        async with db.engine.begin() as connection:
            for statement in ROWS.strip().split(";\n"):
                await connection.execute(text(statement))
        await upgrade_engine(db.engine)
        assert await statuses(db) == {"cut": "uncertain", "blocked": "failed", "sent": "sent"}
        await upgrade_engine(db.engine, "0012")  # already there: nothing changes
        assert await statuses(db) == {"cut": "uncertain", "blocked": "failed", "sent": "sent"}
        await downgrade_engine(db.engine, "0010")
        assert await statuses(db) == {"cut": "failed", "blocked": "failed", "sent": "sent"}
    finally:
        await db.dispose()
