"""The send budget's statements on SQLite and PostgreSQL, with the clock given: slots, the outbox's limit, pauses."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.models import SendBudget
from storage.send_budget import Booking, book, budget_engine, ensure, free_in, pause
from tests.support.db import fresh
from tests.support.postgres import PostgresServer

INTERVAL = 0.1
T0 = 1_800_000_000.0


def slot(at: float, wait: float) -> Booking:
    """A booking as expected, to a microsecond (sums of floats)."""
    return Booking(pytest.approx(at, abs=1e-6), pytest.approx(wait, abs=1e-6))


@pytest.fixture(params=["sqlite", "postgresql"])
async def connection(
    request: pytest.FixtureRequest, tmp_path: Path, postgres: PostgresServer
) -> AsyncIterator[AsyncConnection]:
    """A connection of the budget's own engine, on a freshly migrated database."""
    database = await fresh(request.param, tmp_path, postgres)
    engine = budget_engine(database.url)
    async with engine.connect() as opened:
        yield opened
    await engine.dispose()
    await database.dispose()


async def test_the_migration_leaves_every_slot_free(connection: AsyncConnection) -> None:
    assert (await connection.execute(select(SendBudget.next_at, SendBudget.paused_until))).all() == [(0.0, 0.0)]
    assert await book(connection, INTERVAL, now=T0) == slot(T0, 0.0)


async def test_slots_follow_each_other_one_interval_apart_and_never_earlier_than_now(
    connection: AsyncConnection,
) -> None:
    booked = [await book(connection, INTERVAL, now=T0) for _ in range(3)]
    assert booked == [slot(T0, 0.0), slot(T0 + 0.1, 0.1), slot(T0 + 0.2, 0.2)]
    # An idle budget saves nothing up: after a quiet minute the next slot is now, then one interval later.
    assert await book(connection, INTERVAL, now=T0 + 60) == slot(T0 + 60, 0.0)
    assert await book(connection, INTERVAL, now=T0 + 60) == slot(T0 + 60.1, 0.1)


async def test_the_outbox_books_only_a_slot_starting_within_its_headroom(connection: AsyncConnection) -> None:
    taken = [await book(connection, INTERVAL, within=0.25, now=T0) for _ in range(4)]
    assert taken == [slot(T0, 0.0), slot(T0 + 0.1, 0.1), slot(T0 + 0.2, 0.2), None]
    # The next free slot is T0 + 0.3: the outbox may book it at T0 + 0.05.
    assert await free_in(connection, INTERVAL, 0.25, now=T0) == pytest.approx(0.05, abs=1e-6)
    # A reply books the next slot however far it is.
    assert await book(connection, INTERVAL, now=T0) == slot(T0 + 0.3, 0.3)


async def test_the_outbox_books_a_few_slots_at_once_when_the_last_fits(connection: AsyncConnection) -> None:
    assert await book(connection, INTERVAL, count=3, within=0.25, now=T0) == slot(T0, 0.0)  # T0, +0.1, +0.2
    assert await book(connection, INTERVAL, count=2, within=0.35, now=T0) is None  # +0.3, +0.4: too far
    assert await free_in(connection, INTERVAL, 0.35, count=2, now=T0) == pytest.approx(0.05, abs=1e-6)
    assert await book(connection, INTERVAL, count=2, within=0.35, now=T0 + 0.05) == slot(T0 + 0.3, 0.25)
    assert await book(connection, INTERVAL, now=T0 + 0.05) == slot(T0 + 0.5, 0.45)


async def test_a_pause_moves_every_slot_after_it_and_never_shortens(connection: AsyncConnection) -> None:
    await pause(connection, 2.0, now=T0)
    await pause(connection, 1.0, now=T0)  # a shorter retry_after met later does not shorten the pause
    assert await book(connection, INTERVAL, within=0.25, now=T0) is None
    assert await free_in(connection, INTERVAL, 0.25, now=T0) == pytest.approx(1.75, abs=1e-6)
    assert await book(connection, INTERVAL, now=T0 + 0.5) == slot(T0 + 2.0, 1.5)
    assert await book(connection, INTERVAL, within=0.25, now=T0 + 2.0) == slot(T0 + 2.1, 0.1)


async def test_by_the_database_clock_the_next_slot_starts_now(connection: AsyncConnection) -> None:
    first = await book(connection, INTERVAL)
    second = await book(connection, INTERVAL)
    assert first is not None and second is not None
    assert first.wait <= 0.001
    assert second.at == pytest.approx(first.at + INTERVAL)


async def test_a_deleted_row_is_made_again(connection: AsyncConnection) -> None:
    await connection.execute(delete(SendBudget))
    assert await book(connection, INTERVAL, now=T0) is None
    await ensure(connection)
    await ensure(connection)
    assert await book(connection, INTERVAL, now=T0) == slot(T0, 0.0)
