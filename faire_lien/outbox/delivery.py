"""Before and after a queued message goes out: who gets what, then sent, retried later, given up or uncertain.

The sender (`bot/outbox.py`) claims a message, calls `prepare` in one unit of work, sends outside
any transaction, then calls `settle` in another; this module never talks to Telegram.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import translator
from dialogs.reply import Reply
from faire_lien.cases.delivery import (
    STAFF_KINDS,
    delivered_after_all,
    entered_conversation,
    left_conversation,
    read_in_telegram,
    undelivered,
)
from faire_lien.cases.policy import CasePolicy
from faire_lien.core.quiet import DEFAULT_QUIET_HOURS, QuietHours
from faire_lien.jobs.offers import pass_on_unreachable_offer
from faire_lien.outbox import reasons
from faire_lien.outbox.registry import render
from storage.conversations import hide_question
from storage.meetings import start_offer_clock
from storage.models import OutboxMessage
from storage.outbox import claim_due, get_message
from storage.people import get_person, set_blocked_person
from storage.statuses import OutboxStatus
from storage.surveys import get_invitation

MAX_ATTEMPTS = 5
"""A message that could not go out this many times is given up (failed)."""


@dataclass(frozen=True)
class Ready:
    """A claimed message ready to go: the person's chat and the rendered text and buttons."""

    chat_id: int
    reply: Reply


@dataclass(frozen=True)
class Outcome:
    """What sending did: sent, again at `retry_at`, failed for good, or uncertain (may have arrived), and why.

    Only an error proving Telegram did not take the message may be "retry" (`bot/delivery_errors.py`):
    an uncertain message is never sent again automatically, so nobody gets a reminder twice.
    """

    status: Literal["sent", "retry", "failed", "uncertain"]
    retry_at: datetime | None = None
    reason: str | None = None
    blocked: bool = False
    """Telegram refused it because the person blocked the bot (403): recorded on the person."""


SENT = Outcome("sent")

BLOCKED = f"{reasons.BLOCKED}; not sent"
"""Why a message falling due while its person has the bot blocked was not sent."""


async def prepare(
    session: AsyncSession, message_id: int, now: datetime, quiet: QuietHours = DEFAULT_QUIET_HOURS
) -> Ready | None:
    """The message in the person's language; None (and the message cancelled) when it cannot or need not go (a seat
    offer to someone who blocked the bot goes to the next person, told as `announce_offer` says, in `quiet` hours)."""
    message = await get_message(session, message_id)
    assert message is not None
    person = await get_person(session, message.person_id)
    if person is None or person.telegram_id is None or not person.consented:
        message.status, message.last_error = "cancelled", "no Telegram chat or no consent"
        return None
    if person.blocked_at is not None:  # each send would be refused: nothing goes, an offer's seat moves on
        await _not_for_blocked(session, message, now, quiet)
        return None
    await _about_to_go(session, message, now)
    reply = await render(session, message, translator(person.language), now)
    if reply is None:
        message.status, message.last_error = "cancelled", "no longer applies"
        return None
    return Ready(person.telegram_id, reply)


async def _about_to_go(session: AsyncSession, message: OutboxMessage, now: datetime) -> None:
    """A seat offer's deadline counts from now, when it goes out (after a night of quiet hours, a retry); a staff
    message's answer goes to its case from now, so a person replying at once is not answered by the menu."""
    if message.kind == "seat_offered":
        await start_offer_clock(session, int(message.payload.get("registration", 0)), now)
    if message.kind == "case_message":
        await entered_conversation(session, message)


async def _not_for_blocked(session: AsyncSession, message: OutboxMessage, now: datetime, quiet: QuietHours) -> None:
    """A message to someone who blocked the bot: dropped; a staff member's message stays failed for staff to see
    (their typing goes to the bot again), a survey invitation too (the person unreachable); a seat offer's seat goes
    to the next person at once."""
    if message.kind == "case_message":
        message.status, message.last_error = "failed", BLOCKED
        await left_conversation(session, message)
        return
    if message.kind == "survey_invite":  # the facilitator sees them unreachable, as after a refused send
        message.status, message.last_error = "failed", BLOCKED
        await _invitation_status(session, message)
        return
    message.status, message.last_error = "cancelled", BLOCKED
    if message.kind == "seat_offered":
        await pass_on_unreachable_offer(session, int(message.payload.get("registration", 0)), now, quiet)


async def settle(
    session: AsyncSession, message_id: int, outcome: Outcome, now: datetime, cases: CasePolicy | None = None
) -> OutboxStatus:
    """Record what sending did and return the message's new status; a survey invitation follows it.

    A message that reached the chat (or may have) is now under the question of a questionnaire in progress: the
    questionnaire is paused (faire_lien/core/on_screen.py), so a reply typed to that message is not its answer.
    """
    message = await get_message(session, message_id)
    assert message is not None
    status = await _settled(session, message, outcome, now, cases or CasePolicy())
    if status in ("sent", "uncertain"):
        await hide_question(session, message.person_id, now)
    return status


async def _settled(
    session: AsyncSession, message: OutboxMessage, outcome: Outcome, now: datetime, cases: CasePolicy
) -> OutboxStatus:
    """Record what sending did on the message and the rows that follow it (a message given up: a case, due as
    `cases` promises); its new status."""
    if outcome.status == "retry" and outcome.retry_at is not None:
        _retry(message, outcome.retry_at, outcome.reason or "")
    elif outcome.status == "sent":
        message.status, message.sent_at = "sent", now
        await delivered_after_all(session, message, now)
    elif outcome.status == "uncertain":
        message.status, message.last_error = "uncertain", outcome.reason
    else:
        message.status, message.last_error = "failed", outcome.reason
    if outcome.blocked:
        await set_blocked_person(session, message.person_id, now)
    if message.kind == "seat_offered" and message.status == "failed":  # it will never reach them: no deadline wait
        await pass_on_unreachable_offer(session, int(message.payload.get("registration", 0)), now, cases.quiet)
    if message.kind == "survey_invite":
        await _invitation_status(session, message)
    if message.kind == "case_message" and message.status == "sent":
        await entered_conversation(session, message)
    elif message.kind == "case_message" and message.status == "failed":
        await left_conversation(session, message)  # it never reached them: their typing goes to the bot again
    elif message.kind == "case_reply" and message.status == "sent":
        await read_in_telegram(session, message, now)
    elif message.status == "failed" and message.kind not in STAFF_KINDS:
        await undelivered(session, message, now, cases)
    return message.status


def _retry(message: OutboxMessage, at: datetime, reason: str) -> None:
    """Due again at `at`, unless it already used its attempts."""
    if message.attempts >= MAX_ATTEMPTS:
        message.status, message.last_error = "failed", reason
        return
    message.status, message.due_at, message.last_error = "pending", at, reason


async def _invitation_status(session: AsyncSession, message: OutboxMessage) -> None:
    """Progress for the facilitator: invitation sent, or the person unreachable; an uncertain one stays invited."""
    invitation = await get_invitation(session, int(message.payload.get("invitation", 0)))
    if invitation is None or invitation.status == "answered":
        return
    if message.status == "sent":
        invitation.status = "sent"
    elif message.status == "failed":
        invitation.status = "unreachable"


async def shown_in_terminal(session: AsyncSession, person_id: int, now: datetime) -> list[Reply]:
    """A terminal user's due messages (reminders, seat offers, polls) as chat replies, each marked sent once shown.

    Quiet hours do not apply: the terminal shows them only when its user types.
    """
    person = await get_person(session, person_id)
    if person is None or person.terminal_user is None or not person.consented:
        return []
    replies: list[Reply] = []
    for message in await claim_due(session, now, person_id=person_id):
        await _about_to_go(session, message, now)
        reply = await render(session, message, translator(person.language), now)
        if reply is None:
            message.status, message.last_error = "cancelled", "no longer applies"
            continue
        await _settled(session, message, SENT, now, CasePolicy())  # shown above the replies: the question stays last
        replies.append(reply)
    return replies
