"""`faire-lien webhook` with the send pacing lifted, for bench/throughput.py: how many updates a worker handles.

The bot paces its messages under Telegram's 30 per second (bot/app.py, `paced_limiter`), which would make
any worker's throughput 30 updates per second. Here the limiter lets everything through at once; all the
rest is the production webhook worker, started as `faire-lien webhook` starts it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from telegram.ext import AIORateLimiter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bot.app
from cli.main import main


def unpaced(_per_second: float) -> AIORateLimiter:
    """A rate limiter that never waits."""
    return AIORateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=0)


if __name__ == "__main__":
    bot.app.paced_limiter = unpaced
    sys.exit(main(["webhook"]))
