"""Broadcast a poll to 1 000 people through the real outbox sender, one worker on SQLite, against a rate-limited fake.

The fake server enforces 30 messages per second overall and answers 429 with retry_after beyond it,
like Telegram. Prints the achieved rate as a ratio of the limit (target ≥ 0.9), the messages lost
(target 0), and how many 429 answers were met and retried. Run: `.venv/bin/python bench/broadcast.py`.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from datetime import time as wall_time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select
from telegram.ext import ApplicationBuilder

from bot.budget import SharedBudget
from bot.outbox import drain
from bot.rate_limiter import BudgetRateLimiter
from bot.signing import Signer
from faire_lien.core.quiet import QuietHours
from storage.db import Database
from storage.migrate import upgrade_engine
from storage.models import OutboxMessage, Person
from storage.types import utcnow
from tests.support.fake_bot_api import FakeBotAPI

TOKEN = "123456:BENCH"  # noqa: S105 - a fake token for the fake server

SIGNER = Signer("test secret")

NEVER_QUIET = QuietHours(wall_time(0), wall_time(0))
"""The bench runs on the real clock, at any hour: no quiet hours."""

SEND_RATE_SHARE = 0.95
"""SEND_RATE as a share of the limit: the default 28.5 per second under Telegram's 30."""


async def fill(db: Database, api: FakeBotAPI, people: int) -> None:
    now = utcnow()
    async with db.unit_of_work() as session:
        persons = []
        for i in range(people):
            api.user(900_000 + i, language_code="fr")
            persons.append(
                Person(
                    telegram_id=900_000 + i, language="fr", consent="accepted", consent_at=now, consent_version="bench"
                )
            )
        session.add_all(persons)
        await session.flush()
        session.add_all(
            OutboxMessage(
                person_id=p.id,
                kind="renewal_reminder",
                payload={"cover": "c2s", "end": "2027-01-31"},
                due_at=now - timedelta(seconds=1),
                idempotency_key=f"bench:{p.id}",
                created_at=now,
            )
            for p in persons
        )


async def run(people: int, limit: float) -> None:
    with tempfile.TemporaryDirectory() as folder, FakeBotAPI(global_rate_limit=limit) as api:
        db = Database(f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}")
        await upgrade_engine(db.engine)
        await fill(db, api, people)
        budget = SharedBudget.open(db.url, SEND_RATE_SHARE * limit)
        app = (
            ApplicationBuilder()
            .token(TOKEN)
            .base_url(api.base_url)
            .base_file_url(api.base_file_url)
            .rate_limiter(BudgetRateLimiter(budget))
            .build()
        )
        await app.initialize()
        started = time.perf_counter()
        while True:
            await drain(app.bot, db, budget, utcnow, SIGNER, batch=int(limit * 4), quiet=NEVER_QUIET)
            async with db.unit_of_work() as session:
                left = await session.scalar(
                    select(func.count()).where(OutboxMessage.status.in_(("pending", "sending")))
                )
            if not left:
                break
            await asyncio.sleep(0.05)
        elapsed = time.perf_counter() - started
        await app.shutdown()
        async with db.unit_of_work() as session:
            failed = await session.scalar(select(func.count()).where(OutboxMessage.status.in_(("failed", "uncertain"))))
        await db.dispose()
        received = sum(len(api.messages(900_000 + i)) for i in range(people))
        print(f"{received} messages in {elapsed:.1f} s under a {limit:g} msg/s limit")
        print(f"ratio {received / elapsed / limit:.2f}")
        print(f"lost {people - received}")
        print(f"429 answered by the server: {api.rejected_429}; messages failed: {failed}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--limit", type=float, default=30.0)
    args = parser.parse_args()
    asyncio.run(run(args.people, args.limit))


if __name__ == "__main__":
    main()
