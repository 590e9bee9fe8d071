"""The outbox sender: every few seconds, send the due reminders, offers and polls, at most once each.

During quiet hours (QUIET_FROM–QUIET_UNTIL, `faire_lien/core/quiet.py`) only urgent messages go (a reply
to a person who wrote less than an hour ago); the rest stay pending and go, oldest due first, when quiet
hours end. The sender keeps its usual pace at night: each pass is two small queries, and urgent replies
must not wait.

A message is sent again only when the error proves Telegram did not take it (429, connection
refused, a 4xx is final); when the outcome is unknown (no answer, connection cut, a 5xx) it becomes
"uncertain" for staff, never resent blindly. The table is in `bot/delivery_errors.py`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from aiolimiter import AsyncLimiter
from telegram import Bot
from telegram.error import TelegramError

from bot.delivery_errors import Failure, classify
from bot.metrics import SENDS
from bot.render import markup
from bot.signing import Signer
from faire_lien.cases.service import remind_unclaimed
from faire_lien.core.quiet import DEFAULT_QUIET_HOURS, QuietHours
from faire_lien.jobs.offers import pass_on_expired_offers
from faire_lien.outbox.delivery import SENT, Outcome, prepare, settle
from storage.db import Database
from storage.outbox import claim_due

log = logging.getLogger(__name__)


async def drain(
    bot: Bot,
    db: Database,
    now: Callable[[], datetime],
    signer: Signer,
    batch: int = 30,
    rate: float = 30.0,
    *,
    quiet: QuietHours = DEFAULT_QUIET_HOURS,
) -> int:
    """Pass on expired offers, remind coordinators of untaken cases, send what is due (at night: urgent only)."""
    async with db.unit_of_work() as session:
        await pass_on_expired_offers(session, now())
        await remind_unclaimed(session, now())
    # One message is claimed only when its turn to go out has come, so a crash can leave at most the
    # few messages in flight at that instant uncertain ("sending"), never a whole claimed batch.
    # The bot's own rate limiter (AIORateLimiter in bot/app.py) still guards replies sent meanwhile.
    pace = AsyncLimiter(1, 1 / rate)
    sending: list[asyncio.Task[int]] = []
    for _ in range(batch):
        await pace.acquire()
        async with db.unit_of_work() as session:
            at = now()
            claimed = [m.id for m in await claim_due(session, at, limit=1, urgent_only=quiet.is_quiet(at))]
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
    except TelegramError as error:
        failure = classify(error)
        outcome = _outcome(failure, now())
        log.warning("outbox message %s not sent (%s): %s", message_id, outcome.status, failure.reason)
    async with db.unit_of_work() as session:
        status = await settle(session, message_id, outcome, now())
    SENDS.labels(kind="outbox", result=_RESULTS.get(status, "failed")).inc()
    return 1 if status == "sent" else 0


NOT_SENT_DELAY = timedelta(seconds=30)
"""How long a message Telegram could not be reached for waits before the next try."""

_RESULTS: dict[str, str] = {"sent": "sent", "pending": "retried", "failed": "failed", "uncertain": "uncertain"}
"""The `SENDS` counter's result for each status a message ends a try in."""


def _outcome(failure: Failure, now: datetime) -> Outcome:
    """Again later only when Telegram did not take it; failed when it refused it; otherwise uncertain."""
    if failure.verdict == "rate_limited":
        return Outcome("retry", now + (failure.wait or NOT_SENT_DELAY), failure.reason)
    if failure.verdict == "not_sent":
        return Outcome("retry", now + NOT_SENT_DELAY, failure.reason)
    if failure.verdict == "refused":
        return Outcome("failed", None, failure.reason)
    return Outcome("uncertain", None, failure.reason)  # unknown, or a 5xx answer: it may have arrived
