"""The outbox on a third-party Bot API emulator: its error pages and odd answers, as staff and the person see them."""

from __future__ import annotations

from sqlalchemy import select
from telegram import Bot
from telegram.ext import ApplicationBuilder

from bot.budget import SharedBudget
from bot.outbox import drain
from bot.rate_limiter import BudgetRateLimiter
from faire_lien.outbox.reasons import NO_ANSWER
from storage.db import Database
from storage.models import OutboxMessage
from tests.bot.conftest import TOKEN
from tests.bot.test_outbox import SEND_RATE, SIGNER, add_person, queue_renewal
from tests.conftest import NOW
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.fake_bot_api.model import RawAnswer

ERROR_PAGE = RawAnswer(404, b"<html><body>Cannot POST /bot" + TOKEN.encode() + b"/sendMessage</body></html>")
"""A small web framework's 404 page, quoting the request's path: the token with it."""


async def test_an_error_page_quoting_the_token_never_reaches_the_staff_reason(
    db: Database, api: FakeBotAPI, telegram: Bot, budget: SharedBudget
) -> None:
    person = await add_person(db, api, 70801)
    await queue_renewal(db, person, NOW, "page")
    api.quirk_next("sendMessage", answer=ERROR_PAGE)
    assert await drain(telegram, db, budget, lambda: NOW, SIGNER) == 0
    async with db.unit_of_work() as session:
        (message,) = (await session.execute(select(OutboxMessage))).scalars()
    assert message.status == "failed"
    assert message.last_error is not None
    assert "Not Found (404) (an answer that is not JSON)" in message.last_error
    assert TOKEN.split(":")[1] not in message.last_error


async def test_a_reminder_answered_without_a_message_id_is_sent_not_left_sending(db: Database, api: FakeBotAPI) -> None:
    person = await add_person(db, api, 70802)
    await queue_renewal(db, person, NOW, "no-id")
    api.quirk_next("sendMessage", change=lambda message: {key: v for key, v in message.items() if key != "message_id"})
    assert await drain_as_the_bot(db, api) == 1
    message = await the_message(db)
    assert message.status == "sent"
    assert len(api.messages(70802)) == 1


async def test_a_reminder_answered_with_no_result_is_uncertain_not_left_sending(db: Database, api: FakeBotAPI) -> None:
    person = await add_person(db, api, 70803)
    await queue_renewal(db, person, NOW, "no-result")
    api.quirk_next("sendMessage", answer=RawAnswer(200, b'{"ok":false}', "application/json"))
    assert await drain_as_the_bot(db, api) == 0
    message = await the_message(db)
    assert message.status == "uncertain"  # never sent again blindly, no case opened: staff may check and retry
    assert message.last_error == f"{NO_ANSWER}: its answer had no result (KeyError)"


async def drain_as_the_bot(db: Database, api: FakeBotAPI) -> int:
    """One outbox pass through the bot's own Application (its rate limiter reads every answer)."""
    budget = SharedBudget.open(db.url, SEND_RATE)
    app = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(api.base_url)
        .base_file_url(api.base_file_url)
        .rate_limiter(BudgetRateLimiter(budget))
        .build()
    )
    await app.initialize()
    try:
        return await drain(app.bot, db, budget, lambda: NOW, SIGNER)
    finally:
        await app.shutdown()


async def the_message(db: Database) -> OutboxMessage:
    """The one outbox message."""
    async with db.unit_of_work() as session:
        (message,) = (await session.execute(select(OutboxMessage))).scalars()
        return message
