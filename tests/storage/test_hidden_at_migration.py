"""Revision 0025: a questionnaire in progress keeps its answers and counts as on screen (typed text answers it)."""

from __future__ import annotations

import itertools
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import text

from storage.db import Database
from storage.migrate import downgrade_engine, upgrade_engine
from tests.support.postgres import PostgresServer

AT = "'2026-11-20 10:00:00+00'"
ROWS = f"""
INSERT INTO people (id, language, consent, consent_at, consent_version, turn, draft_notified, created_at)
VALUES (1, 'fr', 'accepted', {AT}, 'v', 3, '[]', {AT});
INSERT INTO conversations (person_id, flow_id, flow_version, step_id, answers, history, draft, started_at, updated_at)
VALUES (1, 'rights_check', 5, 'born', '{{"residence": "national", "in_france": "more"}}',
  '["residence", "in_france"]', '[]', {AT}, {AT})
"""
_names = itertools.count()


async def at_0024(backend: str, folder: Path, postgres: PostgresServer) -> Database:
    """A database of the schema before this revision, on "sqlite" or "postgresql"."""
    if backend == "sqlite":
        db = Database(f"sqlite+aiosqlite:///{folder / 'old.db'}")
    else:
        name = f"hidden{next(_names)}"
        admin = await asyncpg.connect(host="127.0.0.1", port=postgres.port, user="faire", database="postgres")
        await admin.execute(f'CREATE DATABASE "{name}"')
        await admin.close()
        db = Database(postgres.url.rsplit("/", 1)[0] + f"/{name}")
    await upgrade_engine(db.engine, "0024")
    return db


async def conversation(db: Database) -> dict[str, object]:
    async with db.engine.connect() as connection:
        return dict((await connection.execute(text("SELECT * FROM conversations"))).one()._mapping)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
async def test_a_conversation_in_progress_is_kept_and_its_question_counts_as_shown(
    backend: str, tmp_path: Path, postgres: PostgresServer
) -> None:
    db = await at_0024(backend, tmp_path, postgres)
    try:
        async with db.engine.begin() as connection:
            for statement in ROWS.strip().split(";\n"):
                await connection.execute(text(statement))
        await upgrade_engine(db.engine)
        upgraded = await conversation(db)
        assert upgraded["hidden_at"] is None and upgraded["step_id"] == "born"
        assert "in_france" in str(upgraded["answers"])
        async with db.engine.begin() as connection:
            await connection.execute(text(f"UPDATE conversations SET hidden_at = {AT}"))
        await downgrade_engine(db.engine, "0024")
        downgraded = await conversation(db)
        assert "hidden_at" not in downgraded and downgraded["step_id"] == "born"
    finally:
        await db.dispose()
