"""Whom a queued message is about, as staff may read it: a booking code or a case reference, never a database number."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.text import Msg, msg, reference
from storage.meetings import get_registration
from storage.models import OutboxMessage

SOMEONE = msg("une personne", "staff")
BOOKING = msg("réservation {code}", "staff")
CASE = msg("demande n° {number}", "staff")


async def concerns(session: AsyncSession, message: OutboxMessage) -> Msg:
    """The booking code of the registration the message is about (as the door shows it), else the number of its
    case (as the inbox shows it), else "une personne"."""
    registration_id = message.payload.get("registration")
    registration = await get_registration(session, int(registration_id)) if registration_id else None
    if registration is not None and registration.code:
        return BOOKING.bind(code=registration.code)
    case_id = message.payload.get("case")
    if case_id:
        return CASE.bind(number=reference(int(case_id)))
    return SOMEONE
