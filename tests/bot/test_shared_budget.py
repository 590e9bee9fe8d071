"""The send budget shared by workers: never more than the rate together, replies before the outbox, pauses for all."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.budget import Lane, SharedBudget, Slot
from storage.db import Database
from storage.send_budget import budget_engine
from tests.support.budget import T0, FakeClock, on_fake_clock
from tests.support.db import fresh
from tests.support.postgres import PostgresServer

RATE = 30.0
SECONDS = 2.0


@pytest.fixture(params=["sqlite", "postgresql"])
async def database(request: pytest.FixtureRequest, tmp_path: Path, postgres: PostgresServer) -> AsyncIterator[Database]:
    """A freshly migrated database on each backend."""
    opened = await fresh(request.param, tmp_path, postgres)
    yield opened
    await opened.dispose()


def workers(database: Database, count: int, rate: float, clock: FakeClock | None = None) -> list[SharedBudget]:
    """`count` workers' budgets, each with an engine of its own, as separate processes have."""
    if clock is None:
        return [SharedBudget.open(database.url, rate) for _ in range(count)]
    return [on_fake_clock(database.url, rate, clock) for _ in range(count)]


async def close(budgets: list[SharedBudget]) -> None:
    for budget in budgets:
        await budget.close()


async def test_three_workers_taking_slots_together_never_exceed_the_rate(database: Database) -> None:
    budgets = workers(database, 3, RATE)
    taken: list[Slot] = []
    end = time.monotonic() + SECONDS

    async def keep_sending(budget: SharedBudget, lane: Lane) -> None:
        while True:
            (slot,) = await budget.book(lane)
            if slot.starts > end:
                return
            await budget.wait_for(slot)
            taken.append(slot)

    try:
        await asyncio.gather(*(keep_sending(b, lane) for b in budgets for lane in ("reply", "outbox")))
    finally:
        await close(budgets)
    starts = sorted(slot.at for slot in taken)
    assert len(set(starts)) == len(starts), "two sends were given the same slot"
    assert min(b - a for a, b in itertools.pairwise(starts)) >= 1 / RATE - 1e-6
    assert 0 < len(taken) <= RATE * SECONDS + 1  # the rate over the time, plus the one slot a bucket holds
    assert {slot.lane for slot in taken} == {"reply", "outbox"}


async def test_when_both_lanes_wait_the_replies_go_first(database: Database) -> None:
    clock = FakeClock()
    outbox_worker, reply_worker = budgets = workers(database, 2, 10.0, clock)
    try:
        await reply_worker.pause(1.0)  # a 429: both lanes wait
        assert await outbox_worker.try_book("outbox") is None
        replies = [(await reply_worker.book("reply"))[0] for _ in range(3)]
        (poll,) = await outbox_worker.book("outbox")  # sleeps (by the fake clock) until the replies are out of the way
        (late_reply,) = await reply_worker.book("reply")
    finally:
        await close(budgets)
    assert [round(r.at - replies[0].at, 6) for r in replies] == [0.0, 0.1, 0.2]
    assert poll.at > replies[-1].at
    assert late_reply.at > poll.at  # once booked, the outbox's slot is its own


async def test_a_reply_waits_at_most_the_headroom_behind_the_outbox(database: Database) -> None:
    clock = FakeClock()
    (budget,) = workers(database, 1, 10.0, clock)
    try:
        booked = []
        while (booking := await budget.try_book("outbox")) is not None:
            booked.append(booking)
        (reply,) = await budget.book("reply")
    finally:
        await budget.close()
    # The first 5 ms ahead (LEAD, the database answering at once on the fake clock), then one per 0.1 s
    # while they start within the outbox's headroom of 0.2 s; the reply comes right after.
    assert [round(b.at - clock.now, 6) for b in booked] == [0.005, 0.105]
    assert reply.at - clock.now == pytest.approx(0.205, abs=1e-6)


async def test_a_reply_on_a_free_budget_starts_at_once_and_books_ahead_only_when_the_database_is_slow(
    database: Database,
) -> None:
    clock = FakeClock()
    (budget,) = workers(database, 1, 10.0, clock)
    try:
        (reply,) = await budget.book("reply")  # a person is waiting: no lead on a quick database
        clock.now += 1.0
        budget.shared.round_trip = 0.04  # answers slower than LATE allows: book twice a round trip ahead, at most 50 ms
        (slow_reply,) = await budget.book("reply")
    finally:
        await budget.close()
    assert reply.at == pytest.approx(T0, abs=1e-6)
    assert slow_reply.at == pytest.approx(T0 + 1.05, abs=1e-6)


def test_on_sqlite_a_booking_runs_on_the_event_loops_thread(tmp_path: Path) -> None:
    engine = budget_engine(f"sqlite+aiosqlite:///{tmp_path}/budget.db")
    assert engine.dialect.driver == "inline"  # not through aiosqlite's thread: a reply waited ~20 ms for it


async def test_a_pause_after_a_429_stops_every_worker(database: Database) -> None:
    clock = FakeClock()
    first, second, third = budgets = workers(database, 3, 30.0, clock)
    try:
        await first.pause(2.0)
        (second_reply,) = await second.book("reply")
        assert await third.try_book("outbox") is None
        (third_poll,) = await third.book("outbox")
    finally:
        await close(budgets)
    assert second_reply.at == pytest.approx(T0 + 2.0, abs=1e-6)
    assert third_poll.at > second_reply.at


async def test_a_worker_that_met_a_429_books_again_the_slots_it_was_waiting_for(database: Database) -> None:
    clock = FakeClock()
    (budget,) = workers(database, 1, 10.0, clock)
    try:
        (slot,) = await budget.book("reply")  # starts now
        await budget.pause(1.0)  # meanwhile another send of this worker met a 429
        await budget.wait_for(slot)
    finally:
        await budget.close()
    assert clock.now >= T0 + 1.0


async def test_on_postgresql_workers_hear_a_pause_at_once_and_hold_the_sends_they_had_booked(
    pg_db: Database,
) -> None:
    met, other = budgets = workers(pg_db, 2, RATE)
    try:
        for budget in budgets:
            await budget.initialize()
        (booked_before,) = await other.book("reply")
        before = time.monotonic()
        await met.pause(1.0)
        for _ in range(500):  # the announcement crosses the database
            if other.paused_until:
                break
            await asyncio.sleep(0.01)
        assert other.paused_until > 0
        await other.wait_for(booked_before)  # booked again, after the pause
    finally:
        await close(budgets)
    assert time.monotonic() - before >= 0.95
