"""A seat was freed for the first person waiting: take it before the deadline, or let it go."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import Translator
from dialogs.reply import Button, Reply
from dialogs.text import msg
from faire_lien import routes
from faire_lien.outbox.renderers.registration import fields, still_coming
from faire_lien.sessions import texts
from storage.models import OutboxMessage, Registration

OFFER = msg(
    "🎉 Une place s'est libérée pour « {title} », {when}. Elle vous est réservée jusqu'au {deadline} : "
    "la prenez-vous ?",
    "reminder",
)


async def seat_offered(session: AsyncSession, message: OutboxMessage, t: Translator, now: datetime) -> Reply | None:
    """The offer with its deadline and two buttons; None once the offer is taken, passed on or cancelled."""
    found = await still_coming(session, message, now)
    if found is None:
        return None
    registration, meeting = found
    if registration.status != "offered" or not registration.offered_until:
        return None
    text = OFFER.bind(deadline=deadline_text(registration, t), **fields(meeting, t))
    return Reply(t(text), offer_buttons(registration, t))


def deadline_text(registration: Registration, t: Translator) -> str:
    """Until when the seat is kept for the person, in Paris time, written in their language and digits."""
    assert registration.offered_until is not None
    deadline = texts.local_time(registration.offered_until)
    return f"{t.format(deadline.date())} {t.time(deadline)}"


def offer_buttons(registration: Registration, t: Translator) -> tuple[tuple[Button, ...], ...]:
    """Take the offered seat, or let it go."""
    return (
        (routes.TAKE_SEAT.button(t(msg("✅ Je prends la place", "reminder")), registration.id),),
        (routes.CANCEL.button(t(msg("✖ Je ne peux pas", "reminder")), registration.id, "yes"),),
    )
