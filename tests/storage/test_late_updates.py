"""Whose each handled update was: the person's query says when a later update of theirs was handled first."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from storage.db import Database
from storage.models import ProcessedUpdate
from storage.people import Identity, add_person, find_person, find_person_at, record_consent
from storage.personal_data import forget_person
from storage.updates import first_time
from tests.conftest import NOW

ANNE, BRUNO = Identity(telegram_id=201), Identity(telegram_id=202)


async def people(database: Database) -> None:
    """Anne and Bruno, who agreed to storage."""
    async with database.unit_of_work() as session:
        for who in (ANNE, BRUNO):
            record_consent(add_person(session, who), accepted=True, language="fr", version="1", at=NOW)


async def late(database: Database, update_id: int, who: Identity = ANNE) -> bool:
    """Record the update as a worker does, then read the person: whether it arrived after a later one of theirs."""
    async with database.unit_of_work() as session:
        await first_time(session, update_id, NOW, who)
        return (await find_person_at(session, who, update_id))[1]


async def test_only_the_same_persons_higher_update_makes_one_late(database: Database) -> None:
    await people(database)
    assert not await late(database, 10)
    assert not await late(database, 20, BRUNO)  # someone else's later update
    assert not await late(database, 12)
    assert await late(database, 11)  # Anne's 12 was handled first
    assert not await late(database, 13)


async def test_the_update_waiting_for_the_lock_sees_the_later_one_its_holder_committed(pg_db: Database) -> None:
    """On PostgreSQL the recording statement waits for the lock with a snapshot taken before; the person's query,
    the next statement, sees what the holder committed meanwhile."""
    await people(pg_db)
    released = asyncio.Event()

    async def holder() -> None:
        async with pg_db.unit_of_work() as session:
            assert await first_time(session, 31, NOW, ANNE)
            await released.wait()

    holding = asyncio.create_task(holder())
    await asyncio.sleep(0.2)
    waiting = asyncio.create_task(late(pg_db, 30))
    await asyncio.sleep(0.3)
    assert not waiting.done()
    released.set()
    await holding
    assert await asyncio.wait_for(waiting, 5)


async def test_forget_keeps_the_update_ids_but_not_whose_they_were(database: Database) -> None:
    await people(database)
    for update_id in (40, 41):
        await late(database, update_id)
    await late(database, 42, BRUNO)
    async with database.unit_of_work() as session:
        anne = await find_person(session, ANNE)
        assert anne is not None
        await forget_person(session, anne, NOW, survey_steps={})
    async with database.unit_of_work() as session:
        rows = (await session.execute(select(ProcessedUpdate.update_id, ProcessedUpdate.person_key))).all()
        assert sorted(rows) == [(40, None), (41, None), (42, BRUNO.telegram_id)]
        assert not await first_time(session, 41, NOW, ANNE)  # delivered again: still handled once
