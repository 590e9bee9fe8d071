"""Which renderer writes each kind of queued message."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import Translator
from dialogs.reply import Reply
from faire_lien.outbox.renderers.cases import case_closed, case_message, case_notice, case_reply
from faire_lien.outbox.renderers.meeting_changed import meeting_changed
from faire_lien.outbox.renderers.meeting_confirm import meeting_confirm
from faire_lien.outbox.renderers.meeting_details import meeting_details
from faire_lien.outbox.renderers.offer_lapsed import offer_lapsed
from faire_lien.outbox.renderers.renewal_reminder import renewal_reminder
from faire_lien.outbox.renderers.seat_offered import seat_offered
from faire_lien.outbox.renderers.survey_invite import survey_invite
from storage.models import OutboxMessage
from storage.statuses import OutboxKind

Renderer = Callable[[AsyncSession, OutboxMessage, Translator, datetime], Awaitable[Reply | None]]
"""(session, message, the person's translator, now) → the message to send, or None when it no longer applies."""

RENDERERS: dict[OutboxKind, Renderer] = {
    "renewal_reminder": renewal_reminder,
    "meeting_confirm": meeting_confirm,
    "meeting_details": meeting_details,
    "seat_offered": seat_offered,
    "offer_lapsed": offer_lapsed,
    "offer_lost": offer_lapsed,  # the same notice, saying the seat went on while the bot could not reach them
    "meeting_cancelled": meeting_changed,
    "meeting_confirmed": meeting_changed,
    "meeting_moved": meeting_changed,
    "meeting_relocated": meeting_changed,
    "survey_invite": survey_invite,
    "case_notice": case_notice,
    "case_message": case_message,
    "case_reply": case_reply,
    "case_closed": case_closed,
}


async def render(session: AsyncSession, message: OutboxMessage, t: Translator, now: datetime) -> Reply | None:
    """The text and buttons of a queued message in the person's language; None when it no longer applies."""
    renderer = RENDERERS.get(message.kind)
    return None if renderer is None else await renderer(session, message, t, now)
