"""The registration and meeting a reminder is about, and the fields every reminder text fills in."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import Translator
from faire_lien.sessions import texts
from storage.meetings import get_meeting, get_registration
from storage.models import Meeting, OutboxMessage, Registration


async def registration_of(session: AsyncSession, message: OutboxMessage) -> Registration | None:
    """The registration the message's payload names, if it still exists."""
    return await get_registration(session, int(message.payload.get("registration", 0)))


async def still_coming(
    session: AsyncSession, message: OutboxMessage, now: datetime
) -> tuple[Registration, Meeting] | None:
    """The registration (not cancelled) and its meeting (scheduled, not started yet); None otherwise."""
    registration = await registration_of(session, message)
    if registration is None or registration.status == "cancelled":
        return None
    meeting = await get_meeting(session, registration.meeting_id)
    if meeting is None or meeting.status != "scheduled" or meeting.starts_at <= now:
        return None
    return registration, meeting


def fields(meeting: Meeting, t: Translator) -> dict[str, str]:
    """The meeting's title, time and place in the reader's language."""
    return {"title": texts.title(meeting, t), "when": texts.when(meeting, t), "place": meeting.place}
