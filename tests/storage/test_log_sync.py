"""A commit that wrote is on disk before anyone is told it is done: the SQLite log synced off the event loop."""

from __future__ import annotations

import asyncio
import os

import pytest
from sqlalchemy import func, select

from storage.db import Database, Syncs
from storage.models import ProcessedUpdate
from tests.conftest import NOW
from tests.support.held_syncs import HeldSyncs


def log_of(db: Database) -> str:
    """The database's write-ahead log, as /proc names it."""
    return os.path.realpath(db.url.split("///", 1)[1] + "-wal")


async def record(db: Database, update_id: int, syncs: Syncs | None = None) -> None:
    async with db.unit_of_work(syncs) as session:
        session.add(ProcessedUpdate(update_id=update_id, at=NOW))


async def test_a_unit_of_work_that_wrote_returns_once_the_log_is_on_disk(db: Database, syncs_seen: HeldSyncs) -> None:
    await record(db, 1)
    assert syncs_seen.synced == [log_of(db)]

    async with db.unit_of_work() as session:  # a read changes nothing: nothing to sync
        assert await session.scalar(select(func.count()).select_from(ProcessedUpdate)) == 1
    assert len(syncs_seen.synced) == 1


async def test_connections_leave_the_sync_to_the_unit_of_work(db: Database) -> None:
    async with db.engine.connect() as connection:
        assert (await connection.exec_driver_sql("PRAGMA synchronous")).scalar() == 1  # NORMAL, synced by us
        assert (await connection.exec_driver_sql("PRAGMA journal_mode")).scalar() == "wal"


async def test_a_rolled_back_unit_of_work_is_not_synced(db: Database, syncs_seen: HeldSyncs) -> None:
    async def failing() -> None:
        async with db.unit_of_work() as session:
            session.add(ProcessedUpdate(update_id=2, at=NOW))
            await session.flush()
            raise RuntimeError("the handler failed")

    with pytest.raises(RuntimeError):
        await failing()
    assert syncs_seen.synced == []


async def test_with_syncs_the_work_goes_on_while_the_log_is_synced(db: Database, syncs_seen: HeldSyncs) -> None:
    """The bot's case: the next question is sent during the sync; the update is confirmed only after it."""
    syncs_seen.hold()
    syncs = Syncs()
    await asyncio.wait_for(record(db, 3, syncs), 5)  # returns while the disk still holds the sync
    waiting = asyncio.create_task(syncs.wait())
    await asyncio.sleep(0.05)
    assert not waiting.done() and syncs_seen.synced == []
    syncs_seen.release()
    await asyncio.wait_for(waiting, 5)
    assert syncs_seen.synced == [log_of(db)]


async def test_without_syncs_the_loop_serves_others_during_the_sync(db: Database, syncs_seen: HeldSyncs) -> None:
    syncs_seen.hold()
    writer = asyncio.create_task(record(db, 4))
    ticks = 0
    for _ in range(10):  # the sync runs in a worker thread: the loop keeps ticking
        await asyncio.sleep(0.01)
        ticks += 1
    assert ticks == 10 and not writer.done()
    syncs_seen.release()
    await asyncio.wait_for(writer, 5)
    assert len(syncs_seen.synced) == 1
