"""Issue 20: SQLite statements on the event loop's thread, never blocking it while another connection writes."""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from storage.db import Database
from storage.models import ProcessedUpdate
from tests.conftest import NOW


def database_file(db: Database) -> str:
    return db.url.split("///", 1)[1]


async def record(db: Database, update_id: int) -> None:
    async with db.unit_of_work() as session:
        session.add(ProcessedUpdate(update_id=update_id, at=NOW))


async def recorded(db: Database) -> int:
    async with db.unit_of_work() as session:
        return int(await session.scalar(select(func.count()).select_from(ProcessedUpdate)) or 0)


async def test_a_unit_of_work_waits_for_another_process_lock_without_blocking_the_loop(db: Database) -> None:
    with closing(sqlite3.connect(database_file(db), isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")  # another process writing
        writer = asyncio.create_task(record(db, 1))
        ticks = 0
        for _ in range(20):  # the loop keeps running while the unit of work waits in a worker thread
            await asyncio.sleep(0.01)
            ticks += 1
        assert not writer.done()
        other.execute("COMMIT")
        await asyncio.wait_for(writer, 10)
    assert ticks == 20
    assert await recorded(db) == 1


async def test_a_unit_of_work_cancelled_while_it_waits_leaves_its_connection_usable(db: Database) -> None:
    with closing(sqlite3.connect(database_file(db), isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        writer = asyncio.create_task(record(db, 1))
        await asyncio.sleep(0.1)
        writer.cancel()
        await asyncio.sleep(0.1)
        other.execute("COMMIT")  # the waiting thread gets the lock; the cancelled unit of work rolls back
        with pytest.raises(asyncio.CancelledError):
            await asyncio.wait_for(writer, 10)
    await record(db, 2)
    assert await recorded(db) == 1


async def test_a_unit_of_work_of_this_process_holding_the_lock_across_an_await_does_not_deadlock(
    db: Database,
) -> None:
    other = Database(db.url)  # a second engine on the same file, as a second worker in one process would be
    try:

        async def slow() -> None:
            async with db.unit_of_work() as session:
                session.add(ProcessedUpdate(update_id=1, at=NOW))
                await session.flush()
                await asyncio.sleep(0.2)  # still holding SQLite's write lock

        holder = asyncio.create_task(slow())
        await asyncio.sleep(0.05)
        await asyncio.wait_for(record(other, 2), 10)
        await holder
    finally:
        await other.dispose()
    assert await recorded(db) == 2


async def test_read_only_units_of_work_cannot_write_and_never_hold_back_a_writer(db: Database) -> None:
    await record(db, 1)
    async with db.read_only() as report:
        assert await report.scalar(select(func.count()).select_from(ProcessedUpdate)) == 1
        await asyncio.wait_for(record(db, 2), 5)  # the report's transaction is open: the writer goes on
        assert await report.scalar(select(func.count()).select_from(ProcessedUpdate)) == 1  # one snapshot
    assert await recorded(db) == 2
    with pytest.raises(OperationalError, match="readonly"):
        async with db.read_only() as report:
            await report.execute(text("DELETE FROM processed_updates"))


async def test_core_statements_on_a_connection_work_inline(db: Database) -> None:
    async with db.engine.connect() as connection:
        assert (await connection.execute(text("SELECT 41 + 1"))).scalar() == 42
        assert (await connection.exec_driver_sql("PRAGMA synchronous")).scalar() == 1  # NORMAL: test_log_sync.py
