"""The outbox sender: every few seconds, send the due reminders, offers and polls, once each."""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Callable
from datetime import datetime, timedelta

from aiolimiter import AsyncLimiter
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Bot
from telegram.error import Forbidden, RetryAfter, TelegramError
from telegram.warnings import PTBDeprecationWarning

from bot.render import markup
from bot.signing import Signer
from dialogs.i18n import translator
from faire_lien.sessions.reminders import announce_offer, render
from storage.db import Database
from storage.meetings import expire_offers
from storage.models import Meeting, OutboxMessage, Person, SurveyInvitation
from storage.outbox import claim_due

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


async def drain(
    bot: Bot, db: Database, now: Callable[[], datetime], signer: Signer, batch: int = 30, rate: float = 30.0
) -> int:
    """Pass on expired seat offers, then send what is due; returns how many messages went out."""
    async with db.unit_of_work() as session:
        for expired, offered in await expire_offers(session, now()):
            if offered is not None:
                meeting = await session.get(Meeting, expired.meeting_id)
                if meeting is not None:
                    await announce_offer(session, offered, meeting, now())
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
        message = await session.get(OutboxMessage, message_id)
        assert message is not None
        person = await session.get(Person, message.person_id)
        if person is None or person.telegram_id is None or not person.consented:
            message.status, message.last_error = "cancelled", "no Telegram chat or no consent"
            return 0
        reply = await render(session, message, translator(person.language), now())
        if reply is None:
            message.status, message.last_error = "cancelled", "no longer applies"
            return 0
        chat_id = person.telegram_id
    outcome: tuple[str, datetime | None, str | None]
    try:
        await bot.send_message(chat_id, reply.text, reply_markup=markup(reply, signer, chat_id))
        outcome = ("sent", None, None)
    except RetryAfter as error:
        outcome = ("retry", now() + _wait(error), "rate limited")
    except Forbidden:
        outcome = ("failed", None, "the person blocked the bot")
    except TelegramError as error:
        log.warning("outbox message %s not sent: %s", message_id, type(error).__name__)
        outcome = ("retry", now() + timedelta(seconds=30), type(error).__name__)
    async with db.unit_of_work() as session:
        message = await session.get(OutboxMessage, message_id)
        assert message is not None
        status, at, reason = outcome
        if status == "retry" and at is not None:
            _retry(message, at, reason or "")
        elif status == "sent":
            message.status, message.sent_at = "sent", now()
        else:
            message.status, message.last_error = "failed", reason
        if message.kind == "survey_invite":
            await _invitation_status(session, message)
    return 1 if outcome[0] == "sent" else 0


async def _invitation_status(session: AsyncSession, message: OutboxMessage) -> None:
    """Progress for the facilitator: invitation sent, or the person unreachable (blocked the bot)."""
    invitation = await session.get(SurveyInvitation, int(message.payload.get("invitation", 0)))
    if invitation is None or invitation.status == "answered":
        return
    if message.status == "sent":
        invitation.status = "sent"
    elif message.status == "failed":
        invitation.status = "unreachable"


def _wait(error: RetryAfter) -> timedelta:
    """Telegram's retry_after (seconds today, a timedelta in a future python-telegram-bot)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value if isinstance(value, timedelta) else timedelta(seconds=value)


def _retry(message: OutboxMessage, at: datetime, reason: str) -> None:
    if message.attempts >= MAX_ATTEMPTS:
        message.status, message.last_error = "failed", reason
        return
    message.status, message.due_at, message.last_error = "pending", at, reason
