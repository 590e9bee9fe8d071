"""Issue 20: ORM objects made from Core rows, even as the very first use of the ORM in a process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
