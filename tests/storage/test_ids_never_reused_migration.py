"""Revision 0024: on SQLite a row never takes the number of one deleted, even one deleted before the upgrade."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from storage.db import Database
from storage.migrate import downgrade_engine, upgrade_engine

AT = "'2026-11-20 10:00:00'"
ROWS = f"""
INSERT INTO people (id, language, consent, consent_at, consent_version, turn, draft_notified, created_at)
VALUES (1, 'fr', 'accepted', {AT}, 'v', 0, '[]', {AT}), (2, 'fr', 'accepted', {AT}, 'v', 0, '[]', {AT});
INSERT INTO meetings (id, kind, title, description, starts_at, ends_at, place, address, access_notes, capacity,
  languages, status, taken, waiting_seq, created_by, created_at)
VALUES (1, 'info_meeting', '{{}}', '{{}}', {AT}, {AT}, 'CPAM', '1 rue X', '', 10, '[]', 'published', 0, 0, 't', {AT});
INSERT INTO survey_invitations (id, person_id, flow_id, meeting_id, status, created_at)
VALUES (1, 1, 'impact_3m', 1, 'invited', {AT});
INSERT INTO outbox (person_id, kind, payload, due_at, idempotency_key, status, attempts, created_at)
VALUES (2, 'survey_invite', '{{"invitation": 3}}', {AT}, 'survey:3', 'cancelled', 0, {AT}),
  (1, 'survey_invite', '{{"invitation": 1}}', {AT}, 'survey:1', 'pending', 0, {AT})
"""
"""Invitation 3 was taken back before the upgrade: its row is gone, its cancelled message kept."""


async def invite(db: Database) -> int:
    """The number a new invitation gets."""
    async with db.engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO survey_invitations (person_id, flow_id, meeting_id, status, created_at) "
                f"VALUES (2, 'hot_evaluation', 1, 'invited', {AT})"
            )
        )
        return int((await connection.execute(text("SELECT max(id) FROM survey_invitations"))).scalar_one())


async def count(db: Database, table: str) -> int:
    async with db.engine.connect() as connection:
        return int((await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())


async def test_numbers_named_by_kept_messages_and_deleted_rows_are_not_given_again(tmp_path: Path) -> None:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'old.db'}")
    try:
        await upgrade_engine(db.engine, "0022")
        async with db.engine.begin() as connection:
            for statement in ROWS.strip().split(";\n"):
                await connection.execute(text(statement))
        await upgrade_engine(db.engine)
        assert [await count(db, t) for t in ("people", "meetings", "survey_invitations", "outbox")] == [2, 1, 1, 2]
        async with db.engine.connect() as connection:  # every row still points at an existing one
            assert (await connection.execute(text("PRAGMA foreign_key_check"))).all() == []
        assert await invite(db) == 4  # not 3: the kept message `survey:3` would have carried it
        async with db.engine.begin() as connection:
            await connection.execute(text("DELETE FROM survey_invitations WHERE id = 4"))  # taken back
        assert await invite(db) == 5
        await downgrade_engine(db.engine, "0022")
        assert [await count(db, t) for t in ("people", "meetings", "survey_invitations", "outbox")] == [2, 1, 2, 2]
    finally:
        await db.dispose()
