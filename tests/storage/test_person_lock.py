"""Issue 20: on PostgreSQL, recording an update takes the person's lock in the same statement."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import event

from storage.db import Database
from storage.people import Identity
from storage.updates import first_time
from tests.conftest import NOW

ANNE, BRUNO = Identity(telegram_id=101), Identity(telegram_id=102)


async def test_a_second_update_of_the_same_person_waits_for_the_first_to_commit(pg_db: Database) -> None:
    sent: list[str] = []
    event.listen(pg_db.engine.sync_engine, "before_cursor_execute", lambda *a: sent.append(a[2]))
    released = asyncio.Event()

    async def first() -> None:
        async with pg_db.unit_of_work() as session:
            assert await first_time(session, 1, NOW, ANNE)
            await released.wait()

    holder = asyncio.create_task(first())
    await asyncio.sleep(0.2)
    assert len(sent) == 1 and "pg_advisory_xact_lock" in sent[0]  # one round trip for the lock and the record

    async def second(update_id: int, who: Identity) -> bool:
        async with pg_db.unit_of_work() as session:
            return await first_time(session, update_id, NOW, who)

    other_person = await asyncio.wait_for(second(2, BRUNO), 5)  # someone else is not held back
    same_person = asyncio.create_task(second(3, ANNE))
    await asyncio.sleep(0.3)
    assert other_person and not same_person.done()  # waits for Anne's first update
    released.set()
    await holder
    assert await asyncio.wait_for(same_person, 5)
    assert not await second(1, ANNE)  # delivered again: already handled


async def test_a_pooled_connection_is_not_pinged_before_each_unit_of_work(pg_db: Database) -> None:
    await pg_db.engine.dispose()
    queries: list[str] = []

    def log_queries(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.driver_connection.add_query_logger(lambda logged: queries.append(logged.query))

    event.listen(pg_db.engine.sync_engine, "connect", log_queries)
    for update_id in (1, 2):
        queries.clear()
        async with pg_db.unit_of_work() as session:
            await first_time(session, update_id, NOW, ANNE)
    # asyncpg logs the queries sent as text (not the prepared statement): a ping would add `BEGIN; ; ROLLBACK;`.
    assert queries == ["BEGIN;", "COMMIT;"]
