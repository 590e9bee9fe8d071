"""The bot unblocked: what fell due while it was blocked, and still lies ahead, is queued again, once.

A message falling due while the person had the bot blocked was cancelled, or refused with a 403 (`delivery.py`).
When they unblock the bot or write to it again, the latest such message about each thing (a registration's
reminder, a renewal, a survey invitation) goes out again, due now (quiet hours apply), if what it is about is
still to come: a session not begun, a renewal date not passed, a survey not answered. A newer message about the
same thing (a reminder queued again after a move) wins; a message for staff is not sent again. A seat offered
meanwhile went to the next person: they are told so, once, while the session has not begun, and may register again.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from faire_lien.outbox import reasons
from faire_lien.outbox.renderers.registration import registration_of, still_coming
from faire_lien.sessions.reminders import announce_lost
from storage.meetings import lost_offers
from storage.models import OutboxMessage
from storage.outbox import messages_of
from storage.statuses import OutboxKind
from storage.surveys import get_invitation
from storage.types import PARIS

REMINDERS: frozenset[OutboxKind] = frozenset({"meeting_confirm", "meeting_details"})
CHANGES: frozenset[OutboxKind] = frozenset({"meeting_confirmed", "meeting_moved", "meeting_relocated"})
RESUMED: frozenset[OutboxKind] = REMINDERS | CHANGES | {"meeting_cancelled", "renewal_reminder", "survey_invite"}
"""Kinds sent again after a block; a seat offer went to the next person (told apart), staff messages stay for staff."""


async def resume_after_block(session: AsyncSession, person_id: int, now: datetime) -> int:
    """Queue again, due now, what the person missed while the bot was blocked and still lies ahead, and tell them of
    a seat offered that went on; how many queued."""
    latest: dict[tuple[str, object], OutboxMessage] = {}
    for message in await messages_of(session, person_id):
        latest[_about(message)] = message
    resumed = 0
    for message in latest.values():
        if _missed(message) and await _still_ahead(session, message, now):
            message.status, message.due_at, message.attempts, message.last_error = "pending", now, 0, None
            await _invited_again(session, message)
            resumed += 1
    for registration, _meeting in await lost_offers(session, person_id, now):
        resumed += await announce_lost(session, registration, now)
    return resumed


def _about(message: OutboxMessage) -> tuple[str, object]:
    """What the message is about: its kind and registration or invitation (else its key)."""
    payload = message.payload
    return message.kind, payload.get("registration") or payload.get("invitation") or message.idempotency_key


def _missed(message: OutboxMessage) -> bool:
    """Cancelled or refused because the person had blocked the bot."""
    return (
        message.kind in RESUMED
        and message.status in ("cancelled", "failed")
        and (message.last_error or "").startswith(reasons.BLOCKED)
    )


async def _still_ahead(session: AsyncSession, message: OutboxMessage, now: datetime) -> bool:
    """Whether what the message is about is still to come."""
    if message.kind == "renewal_reminder":
        end = message.payload.get("end")
        return isinstance(end, str) and end > now.astimezone(PARIS).date().isoformat()
    if message.kind == "survey_invite":
        invitation = await get_invitation(session, int(message.payload.get("invitation", 0)))
        return invitation is not None and invitation.status != "answered"
    if message.kind == "meeting_cancelled":  # the person might still come on the day
        when = message.payload.get("when")
        registration = await registration_of(session, message)
        return registration is not None and isinstance(when, str) and datetime.fromisoformat(when) > now
    found = await still_coming(session, message, now)
    return found is not None and (message.kind not in REMINDERS or found[0].status == "registered")


async def _invited_again(session: AsyncSession, message: OutboxMessage) -> None:
    """A survey invitation queued again is no longer unreachable for the facilitator."""
    if message.kind != "survey_invite":
        return
    invitation = await get_invitation(session, int(message.payload.get("invitation", 0)))
    if invitation is not None and invitation.status == "unreachable":
        invitation.status = "invited"
