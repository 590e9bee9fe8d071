"""One send budget for every worker, in two lanes: a person who just wrote is answered before reminders and polls.

Every message to Telegram first books a slot of the budget shared through the database
(`storage/send_budget.py` explains why one atomic statement per send is enough, and what a dead worker
costs), then waits until the slot starts by the database's clock as this worker reads it
(`bot/shared_clock.py`). Replies book the next slot, however far; the outbox books only
a slot starting within `headroom` seconds, otherwise it waits and asks again. So when both wait, replies
go first, and a reply never waits behind more than `headroom` seconds of reminders and polls.

A 429 from Telegram pauses the whole budget for its `retry_after` (every worker's next bookings start
after it, and on PostgreSQL every worker hears of it at once); sends already waiting for a slot inside
the pause book again, and so does a send whose worker wakes too late for its slot (`LATE`).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.metrics import SEND_REBOOKED, SEND_WAIT
from bot.shared_clock import SharedClock
from storage.send_budget import Booking, book, budget_engine, ensure, free_in, listen_for_pauses, pause

Lane = Literal["reply", "outbox"]
"""Who a send is for: a person who just wrote (first), or the outbox (what is left)."""

HEADROOM = 0.2
"""Seconds ahead the outbox may book a slot: the longest a new reply waits behind reminders and polls."""

LEAD = (0.005, 0.05)
"""Seconds ahead the outbox's soonest slot is booked, twice a round trip to the database within these bounds:
the booking's answer reaches the worker before its slot starts, however loaded the database. A reply's slot
starts when the database reads its clock (a person is waiting): its answer arrives half a round trip later,
well within `LATE` while a round trip takes less than `LATE`; past that, replies book ahead as the outbox does."""

LATE = 0.03
"""Seconds a send may start after its slot; later (a stalled worker), it books another slot instead.

Slots are times: a worker waking late would send right before the next worker's slot, and a stalled
one would send its whole backlog at once. Bounded lateness keeps any second's count under the limit:
30 slots at SEND_RATE 28.5 span 1.053 s, so sends at most 30 ms late leave 23 ms for the journey to
Telegram to vary before 31 could fall within one second.
"""

REBOOKINGS = 3
"""Slots a send books again at most before it goes anyway (a worker so overloaded it always wakes late)."""

Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class Slot:
    """A booked send slot: its lane, when it starts by this worker's clock (`starts`) and the database's (`at`)."""

    lane: Lane
    starts: float
    at: float


class SharedBudget:
    """This worker's side of the budget: books slots in the shared row and waits for them."""

    def __init__(
        self,
        engine: AsyncEngine,
        rate: float,
        *,
        headroom: float = HEADROOM,
        lead: tuple[float, float] = LEAD,
        clock: Callable[[], float] | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        """`clock` (tests): the time every worker agrees on, in seconds; by default the database's clock."""
        self.engine = engine
        self.interval = 1 / rate
        assert lead[1] <= headroom, "the outbox must be able to book the soonest slot"
        self.headroom = headroom
        self.lead = lead
        self.clock = clock
        self.local = clock or time.monotonic
        self.shared = SharedClock(self.local)
        self.sleep = sleep
        self.paused_until = 0.0
        """When the last pause this worker met or heard of ends, by `self.local`."""
        self.listening: AsyncConnection | None = None
        """On PostgreSQL, once initialized, the connection on which other workers' pauses are heard."""
        self.hears: Callable[[], bool] = lambda: False

    @classmethod
    def open(cls, url: str, rate: float) -> SharedBudget:
        """The budget of the database at `url`, `rate` sends per second for the whole service."""
        return cls(budget_engine(url), rate)

    async def initialize(self) -> None:
        """Make sure the shared row exists; on PostgreSQL, listen for the pauses other workers announce."""
        async with self.engine.begin() as connection:
            await ensure(connection)
        await self.listen()

    async def listen(self) -> None:
        """Hear other workers' pauses, on a connection of its own (PostgreSQL; nothing to hear on SQLite)."""
        connection = await self.engine.connect()
        hears = await listen_for_pauses(connection, self._heard)
        if hears is None:
            await connection.close()
            return
        await self._stop_listening()
        self.listening, self.hears = connection, hears

    async def _stop_listening(self) -> None:
        """Close the listening connection, never back to the pool with its listener (it may be dead already)."""
        if self.listening is not None:
            with contextlib.suppress(SQLAlchemyError, OSError):
                await self.listening.invalidate()
                await self.listening.close()
            self.listening = None

    def _heard(self, seconds: float) -> None:
        """Another worker met a 429: this worker's sends wait too, even those already booked."""
        self.paused_until = max(self.paused_until, self.local() + seconds)

    async def close(self) -> None:
        """Close the budget's connections."""
        await self._stop_listening()
        await self.engine.dispose()

    async def take(self, lane: Lane) -> None:
        """Wait for this send's turn."""
        (slot,) = await self.book(lane)
        await self.wait_for(slot)

    async def book(self, lane: Lane, count: int = 1) -> list[Slot]:
        """Book slots in this lane, one statement when free; the outbox waits until they start within the headroom.

        The outbox books up to `count` slots at once, as many as fit in the headroom; a reply books one.
        """
        fits = int((self.headroom - self.lead[1]) / self.interval) + 1  # the outbox's slots that fit in its headroom
        count = 1 if lane == "reply" else max(1, min(count, fits))
        if self.listening is not None and not self.hears():  # the database dropped it (a restart)
            await self.listen()
        started = self.local()
        while True:
            sent = self.local()
            booking = await self.try_book(lane, count)
            if booking is not None:
                self.shared.observe(sent, self.local(), booking.at - booking.wait)
                first = self.shared.to_local(booking.at)
                SEND_WAIT.labels(lane=lane).observe(max(0.0, first - started))
                steps = [n * self.interval for n in range(count)]
                return [Slot(lane, first + step, booking.at + step) for step in steps]
            async with self.engine.begin() as connection:
                retry_in = await free_in(connection, self.interval, self.headroom, count=count, now=self._now())
            await self.sleep(max(retry_in, self.interval / 4))

    async def try_book(self, lane: Lane, count: int = 1) -> Booking | None:
        """One try at booking `count` slots; None when the outbox must wait (or the row was missing)."""
        within = self.headroom if lane == "outbox" else None
        async with self.engine.begin() as connection:
            booking = await book(
                connection, self.interval, count=count, lead=self._lead(lane), within=within, now=self._now()
            )
            if booking is None and within is None:
                await ensure(connection)
        return booking

    def _lead(self, lane: Lane) -> float:
        """How far ahead of the database's clock this booking's first slot may start (see `LEAD`)."""
        trip = self.shared.round_trip
        if lane == "reply" and trip < LATE:
            return 0.0
        return min(max(2 * trip, self.lead[0]), self.lead[1])

    async def wait_for(self, slot: Slot) -> None:
        """Sleep until the slot starts; book another inside a pause after a 429, or when this worker woke too late."""
        late = 0
        while True:
            wait = slot.starts - self.local()
            if wait > 0:
                await self.sleep(wait)
            if self.local() < self.paused_until:
                SEND_REBOOKED.labels(reason="paused").inc()
                (slot,) = await self.book(slot.lane)
            elif self.local() - slot.starts > LATE and late < REBOOKINGS:
                late += 1
                SEND_REBOOKED.labels(reason="late").inc()
                (slot,) = await self.book(slot.lane)
            else:
                return

    async def pause(self, seconds: float) -> None:
        """Telegram answered 429: no worker starts a send for `seconds`."""
        self.paused_until = max(self.paused_until, self.local() + seconds)
        async with self.engine.begin() as connection:
            await pause(connection, seconds, now=self._now())

    def _now(self) -> float | None:
        """The shared clock when tests give one; None lets the database use its own."""
        return self.clock() if self.clock is not None else None
