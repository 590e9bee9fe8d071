"""Issue 20: ORM objects made from Core rows, even as the very first use of the ORM in a process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import bindparam, select

from storage.db import Database
from storage.people import PEOPLE, SET_TURN, Identity, add_person, record_consent
from storage.rows import first_row, run_core
from storage.types import utcnow

TURN = select(PEOPLE.c.turn).where(PEOPLE.c.id == bindparam("person"))

FIRST_USE = """
import asyncio, sys
from datetime import UTC, datetime
from sqlalchemy import insert
from storage.db import Database
from storage.migrate import upgrade_engine
from storage.models import Person
from storage.people import Identity, find_person

async def main() -> None:
    db = Database(sys.argv[1])
    await upgrade_engine(db.engine)
    now = datetime.now(UTC)
    async with db.engine.begin() as connection:  # Core only: the ORM's mappers are not configured yet
        await connection.execute(insert(Person.__table__).values(
            telegram_id=7, language="fr", consent="accepted", consent_at=now, consent_version="v", turn=3,
            draft_notified=[], glossary_seen=[], created_at=now))
    async with db.unit_of_work() as session:
        person = await find_person(session, Identity(telegram_id=7))
        assert person is not None, "not found"
        assert person.turn == 3, person.turn
        assert not session.dirty, session.dirty
    await db.dispose()

asyncio.run(main())
"""


def test_a_person_read_before_any_other_use_of_the_orm(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    url = f"sqlite+aiosqlite:///{tmp_path / 'first.db'}"
    done = subprocess.run([sys.executable, "-c", FIRST_USE, url], cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


async def test_core_statements_see_and_undo_what_the_session_did(db: Database) -> None:
    """`first_row` and `run_core` go through the session's own transaction: its savepoints included."""
    async with db.unit_of_work() as session:
        person = add_person(session, Identity(telegram_id=8))
        record_consent(person, accepted=True, language="fr", version="v", at=utcnow())
        person.turn = 1
        await session.flush()
        assert await first_row(session, TURN, {"person": person.id}) == (1,)  # not committed yet, same transaction
        savepoint = await session.begin_nested()
        await run_core(session, SET_TURN, {"person": person.id, "turn": 5})
        assert await first_row(session, TURN, {"person": person.id}) == (5,)
        await savepoint.rollback()
        assert await first_row(session, TURN, {"person": person.id}) == (1,)
        assert await first_row(session, TURN, {"person": person.id + 1}) is None
