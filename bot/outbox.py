"""The outbox sender: every few seconds, send the due reminders, offers and polls, at most once each.

It uses what replies leave of the send budget all workers share (`bot/budget.py`, the outbox lane).

During quiet hours (QUIET_FROM–QUIET_UNTIL, `faire_lien/core/quiet.py`) only urgent messages go (a reply
to a person who wrote less than an hour ago); the rest stay pending and go, oldest due first, when quiet
hours end. The sender keeps its usual pace at night: each pass is a few small queries, and urgent replies
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
from typing import Any

from telegram import Bot
from telegram.error import TelegramError
from telegram.ext import ExtBot

from bot.budget import SharedBudget, Slot
from bot.delivery_errors import Failure, classify
from bot.metrics import SENDS
from bot.rate_limiter import OUTBOX, BudgetRateLimiter
from bot.render import markup, pieces
from bot.signing import Signer
from faire_lien.cases.policy import CasePolicy
from faire_lien.cases.service import release_orphans, remind_late, remind_unclaimed
from faire_lien.core.quiet import DEFAULT_QUIET_HOURS, QuietHours
from faire_lien.jobs.offers import pass_on_expired_offers
from faire_lien.outbox.delivery import SENT, Outcome, Ready, prepare, settle
from faire_lien.outbox.reasons import PARTLY
from storage.db import Database
from storage.outbox import claim_due

log = logging.getLogger(__name__)


async def drain(
    bot: Bot,
    db: Database,
    budget: SharedBudget,
    now: Callable[[], datetime],
    signer: Signer,
    batch: int = 30,
    *,
    quiet: QuietHours = DEFAULT_QUIET_HOURS,
    cases: CasePolicy | None = None,
) -> int:
    """Pass on expired offers, put back in the queue cases whose holder lost their role, remind coordinators of
    untaken cases and holders (then coordinators) of taken ones left unanswered, send what is due (at night:
    urgent only).

    Messages go with what replies leave of the send budget; returns how many went out.
    """
    async with db.unit_of_work() as session:
        await pass_on_expired_offers(session, now(), quiet)
        policy = cases or CasePolicy()
        await release_orphans(session, now(), policy)
        await remind_unclaimed(session, now())
        await remind_late(session, now(), policy)
    # A few messages at a time are claimed, rendered, then given the next slots of the outbox lane
    # (waiting while replies or a pause hold the budget), never more than 0.2 s ahead; the next few are
    # claimed only once these have their slots. So a crash leaves uncertain ("sending") only the handful
    # of messages waiting for their slot or in flight, never a whole batch; and each is ready to go
    # when its slot starts (rendered after booking, a slow render would miss it).
    sending: list[asyncio.Task[int]] = []
    while len(sending) < batch:
        wanted = min(batch - len(sending), AT_ONCE)
        async with db.unit_of_work() as session:
            at = now()
            claimed = [m.id for m in await claim_due(session, at, limit=wanted, urgent_only=quiet.is_quiet(at))]
        rendered = await asyncio.gather(*(_prepared(db, message_id, now, quiet) for message_id in claimed))
        ready = [(message_id, r) for message_id, r in zip(claimed, rendered, strict=True) if r is not None]
        slots: list[Slot] = []
        while len(slots) < len(ready):
            slots += await budget.book("outbox", len(ready) - len(slots))
        for slot, (message_id, message) in zip(slots, ready, strict=True):
            sending.append(
                asyncio.create_task(_send_one(bot, db, budget, slot, message_id, message, now, signer, policy))
            )
        if len(claimed) < wanted:
            break
    return sum(await asyncio.gather(*sending))


AT_ONCE = 3
"""Messages claimed, rendered and given slots in one go: fewer statements, and what a crash can leave uncertain."""


async def _prepared(db: Database, message_id: int, now: Callable[[], datetime], quiet: QuietHours) -> Ready | None:
    """The claimed message rendered in the person's language, in a transaction of its own; None when cancelled."""
    async with db.unit_of_work() as session:
        return await prepare(session, message_id, now(), quiet)


async def _send_one(
    bot: Bot,
    db: Database,
    budget: SharedBudget,
    slot: Slot,
    message_id: int,
    ready: Ready,
    now: Callable[[], datetime],
    signer: Signer,
    cases: CasePolicy,
) -> int:
    """Send at the slot, outside any transaction; record the result in one (a message given up: a case due as
    `cases` promises)."""
    chat_id, reply = ready.chat_id, ready.reply
    texts = pieces(reply.text)  # longer than one Telegram message (a case message stored before units were counted)
    slots = [slot]
    while len(slots) < len(texts):  # each further message its own slot of the outbox lane
        slots += await budget.book("outbox", len(texts) - len(slots))
    outcome: Outcome
    went = 0
    try:
        for text, each in zip(texts, slots, strict=True):
            await budget.wait_for(each)
            keyboard = markup(reply, signer, chat_id) if went == len(texts) - 1 else None  # under the last one
            await bot.send_message(chat_id, text, reply_markup=keyboard, **booked(bot))
            went += 1
        outcome = SENT
    except TelegramError as error:
        failure = classify(error)
        outcome = _outcome(failure, now()) if went == 0 else _partly(failure, went, len(texts))
        if failure.verdict == "rate_limited":  # every worker waits (the rate limiter did already, if any)
            await budget.pause((failure.wait or NOT_SENT_DELAY).total_seconds())
        log.warning("outbox message %s not sent (%s): %s", message_id, outcome.status, failure.reason)
    async with db.unit_of_work() as session:
        status = await settle(session, message_id, outcome, now(), cases)
    SENDS.labels(kind="outbox", result=_RESULTS.get(status, "failed")).inc()
    return 1 if status == "sent" else 0


def booked(bot: Bot) -> dict[str, Any]:
    """Tell the shared rate limiter, when the bot has it, that this message's slot is booked already."""
    if isinstance(bot, ExtBot) and isinstance(bot.rate_limiter, BudgetRateLimiter):
        return {"rate_limit_args": OUTBOX}
    return {}


NOT_SENT_DELAY = timedelta(seconds=30)
"""How long a message Telegram could not be reached for waits before the next try."""

_RESULTS: dict[str, str] = {"sent": "sent", "pending": "retried", "failed": "failed", "uncertain": "uncertain"}
"""The `SENDS` counter's result for each status a message ends a try in."""


def _partly(failure: Failure, went: int, total: int) -> Outcome:
    """A message sent in several parts of which the first `went` reached the chat: never sent again (the person would
    read those twice); staff see it uncertain, or failed when the person blocked the bot meanwhile."""
    if failure.blocked:
        return Outcome("failed", None, f"{failure.reason} ({went} of {total} parts sent before)", blocked=True)
    return Outcome("uncertain", None, f"{PARTLY} ({went} of {total} parts); {failure.reason}")


def _outcome(failure: Failure, now: datetime) -> Outcome:
    """Again later only when Telegram did not take it; failed when it refused it; otherwise uncertain."""
    if failure.verdict == "rate_limited":
        return Outcome("retry", now + (failure.wait or NOT_SENT_DELAY), failure.reason)
    if failure.verdict == "not_sent":
        return Outcome("retry", now + NOT_SENT_DELAY, failure.reason)
    if failure.verdict == "refused":
        return Outcome("failed", None, failure.reason, blocked=failure.blocked)
    return Outcome("uncertain", None, failure.reason)  # unknown, or a 5xx answer: it may have arrived
