"""`faire-lien webhook` with the send pacing lifted, for bench/throughput.py: how many updates a worker handles.

The bot paces its messages by the send budget all workers share (bot/app.py, `BudgetRateLimiter`), which
would make the whole service's throughput SEND_RATE updates per second. Here the rate limiter lets
everything through at once and books nothing; all the rest is the production webhook worker, started as
`faire-lien webhook` starts it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from telegram.ext import AIORateLimiter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bot.app
from bot.budget import SharedBudget
from cli.main import main


class Unpaced(AIORateLimiter):
    """A rate limiter that never waits; it closes the budget's engine (the outbox's) as the real one does."""

    def __init__(self, budget: SharedBudget) -> None:
        super().__init__(overall_max_rate=0, group_max_rate=0, max_retries=0)
        self.budget = budget

    async def shutdown(self) -> None:
        await super().shutdown()
        await self.budget.close()


if __name__ == "__main__":
    bot.app.BudgetRateLimiter = Unpaced  # type: ignore[misc,assignment]
    sys.exit(main(["webhook"]))
