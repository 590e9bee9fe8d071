"""The outbox sender: every few seconds, send the due reminders, offers and polls, once each."""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Callable
from datetime import datetime, timedelta

from aiolimiter import AsyncLimiter
from telegram import Bot
from telegram.error import Forbidden, RetryAfter, TelegramError
from telegram.warnings import PTBDeprecationWarning

from bot.render import markup
from bot.signing import Signer
from faire_lien.jobs.offers import pass_on_expired_offers
from faire_lien.outbox.delivery import SENT, Outcome, prepare, settle
from storage.db import Database
from storage.outbox import claim_due

log = logging.getLogger(__name__)


async def drain(
    bot: Bot, db: Database, now: Callable[[], datetime], signer: Signer, batch: int = 30, rate: float = 30.0
) -> int:
    """Pass on expired seat offers, then send what is due; returns how many messages went out."""
    async with db.unit_of_work() as session:
        await pass_on_expired_offers(session, now())
    # One message is claimed only when its turn to go out has come, so a crash can leave at most the
    # few messages in flight at that instant uncertain ("sending"), never a whole claimed batch.
    # The bot's own rate limiter (AIORateLimiter in bot/app.py) still guards replies sent meanwhile.
    pace = AsyncLimiter(1, 1 / rate)
    sending: list[asyncio.Task[int]] = []
    for _ in range(batch):
        await pace.acquire()
        async with db.unit_of_work() as session:
            claimed = [m.id for m in await claim_due(session, now(), limit=1)]
        if not claimed:
            break
        sending.append(asyncio.create_task(_send_one(bot, db, claimed[0], now, signer)))
    return sum(await asyncio.gather(*sending))


async def _send_one(bot: Bot, db: Database, message_id: int, now: Callable[[], datetime], signer: Signer) -> int:
    """Render in one transaction, send outside any transaction, record the result in another."""
    async with db.unit_of_work() as session:
        ready = await prepare(session, message_id, now())
    if ready is None:
        return 0
    chat_id, reply = ready.chat_id, ready.reply
    outcome: Outcome
    try:
        await bot.send_message(chat_id, reply.text, reply_markup=markup(reply, signer, chat_id))
        outcome = SENT
    except RetryAfter as error:
        outcome = Outcome("retry", now() + _wait(error), "rate limited")
    except Forbidden:
        outcome = Outcome("failed", None, "the person blocked the bot")
    except TelegramError as error:
        log.warning("outbox message %s not sent: %s", message_id, type(error).__name__)
        outcome = Outcome("retry", now() + timedelta(seconds=30), type(error).__name__)
    async with db.unit_of_work() as session:
        await settle(session, message_id, outcome, now())
    return 1 if outcome.status == "sent" else 0


def _wait(error: RetryAfter) -> timedelta:
    """Telegram's retry_after (seconds today, a timedelta in a future python-telegram-bot)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value if isinstance(value, timedelta) else timedelta(seconds=value)
