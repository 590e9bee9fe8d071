"""The rate limiter on the shared budget, against the fake Bot API: a slot per message, a 429 pauses all workers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select
from telegram.error import RetryAfter
from telegram.ext import Application, ApplicationBuilder, ExtBot

from bot.budget import SharedBudget
from bot.rate_limiter import OUTBOX, BudgetRateLimiter
from storage.db import Database
from storage.models import SendBudget
from tests.bot.conftest import TOKEN
from tests.support.fake_bot_api import FakeBotAPI

Bots = list[ExtBot]  # type: ignore[type-arg]


@pytest.fixture
async def bots(api: FakeBotAPI, pg_db: Database) -> AsyncIterator[Bots]:
    """Two workers' bots, as `bot/app.py` builds them, each with its own connection to the shared budget."""
    apps: list[Application] = [  # type: ignore[type-arg]
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(api.base_url)
        .base_file_url(api.base_file_url)
        .rate_limiter(BudgetRateLimiter(SharedBudget.open(pg_db.url, 30)))
        .build()
        for _ in range(2)
    ]
    for app in apps:
        await app.initialize()
    yield [app.bot for app in apps]
    for app in apps:
        await app.shutdown()


async def next_at(db: Database) -> float:
    async with db.unit_of_work() as session:
        found = await session.scalar(select(SendBudget.next_at))
    assert found is not None
    return found


async def test_a_reply_books_a_slot_an_outbox_message_uses_its_own_and_a_button_answer_none(
    api: FakeBotAPI, pg_db: Database, bots: Bots
) -> None:
    api.user(41)
    bot = bots[0]
    before = await next_at(pg_db)
    await bot.send_message(41, "reply")
    after_reply = await next_at(pg_db)
    assert after_reply > before
    await bot.send_message(41, "reminder", rate_limit_args=OUTBOX)  # drain booked its slot before claiming it
    await bot.get_me()
    assert await next_at(pg_db) == after_reply
    assert [m.text for m in api.messages(41)] == ["reply", "reminder"]


async def paused_until(db: Database) -> float:
    async with db.unit_of_work() as session:
        found = await session.scalar(select(SendBudget.paused_until))
    assert found is not None
    return found


async def test_a_429_met_by_one_worker_pauses_the_other(api: FakeBotAPI, pg_db: Database, bots: Bots) -> None:
    api.user(42)
    api.user(43)
    api.fail_next("sendMessage", 429, "Too Many Requests: retry after 2", retry_after=2)
    first, second = bots
    retrying = asyncio.create_task(first.send_message(42, "to 42"))
    for _ in range(1000):  # until the first worker has met the 429 and stored the pause
        if await paused_until(pg_db):
            break
        await asyncio.sleep(0.01)
    await second.send_message(43, "to 43")  # booked after the 429: its slot starts after the pause
    await retrying
    (refused, *accepted) = api.calls_of("sendMessage")
    assert refused.status == 429
    assert [call.status for call in accepted] == [200, 200]
    assert all(call.at >= refused.at + 2.0 for call in accepted)
    assert [m.text for m in api.messages(42)] == ["to 42"]
    assert [m.text for m in api.messages(43)] == ["to 43"]


async def test_after_three_retries_the_429_reaches_the_caller(api: FakeBotAPI, bots: Bots) -> None:
    api.user(44)
    for _ in range(4):
        api.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    with pytest.raises(RetryAfter):
        await bots[0].send_message(44, "never")
    assert [call.status for call in api.calls_of("sendMessage")] == [429] * 4
    assert api.messages(44) == []


async def test_when_the_database_cannot_be_reached_messages_still_go_paced_by_this_worker_alone(
    caplog: pytest.LogCaptureFixture,
) -> None:
    unreachable = "postgresql+asyncpg://nobody@127.0.0.1:1/nothing"  # port 1: connection refused
    limiter = BudgetRateLimiter(SharedBudget.open(unreachable, 30))
    sent: list[str] = []
    pauses = iter([RetryAfter(0)])

    async def send(text: str) -> bool:
        error = next(pauses, None)
        if error is not None:
            raise error
        sent.append(text)
        return True

    try:
        for text in ("first", "second"):
            result = await limiter.process_request(send, (text,), {}, "sendMessage", {"chat_id": 41}, None)
            assert result is True
    finally:
        await limiter.shutdown()
    assert sent == ["first", "second"]
    said = [record.getMessage() for record in caplog.records]
    assert any("this worker paces its messages alone" in line for line in said)
    assert any("only this worker waits after a 429" in line for line in said)
