"""Send budgets for tests: on a fake clock that only sleeping moves on, so pauses and waits cost no real time."""

from __future__ import annotations

import asyncio

from bot.budget import SharedBudget
from storage.send_budget import budget_engine

T0 = 1_800_000_000.0
"""Where fake clocks start, in seconds since 1970."""


class FakeClock:
    """The time every worker agrees on, moved on only by sleeping."""

    def __init__(self, now: float = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(0.0, seconds)
        await asyncio.sleep(0)


def on_fake_clock(url: str, rate: float, clock: FakeClock | None = None) -> SharedBudget:
    """A worker's budget on the database at `url`, with an engine of its own, timed by `clock` (a new one if None)."""
    timer = clock or FakeClock()
    return SharedBudget(budget_engine(url), rate, clock=timer, sleep=timer.sleep)
