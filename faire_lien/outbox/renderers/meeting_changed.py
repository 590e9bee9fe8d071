"""Staff changed a meeting: cancelled, confirmed (enough people registered), moved to another date or place (to
someone offered a freed seat: until when it is still theirs; to someone waiting: that they stay on the waiting
list)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import Translator
from dialogs.reply import Button, Reply
from dialogs.text import msg
from faire_lien import routes
from faire_lien.core.screens import MENU_BUTTON, TALK
from faire_lien.outbox.renderers.registration import fields, registration_of
from faire_lien.outbox.renderers.seat_offered import deadline_text, offer_buttons
from faire_lien.sessions.screens import OTHER_DATES
from storage.meetings import get_meeting, waiting_position
from storage.models import Meeting, OutboxMessage

CHANGED = {
    "meeting_cancelled": msg(
        "❌ « {title} », prévue {when}, est annulée. Vous pouvez regarder les autres dates, ou demander à parler à un "
        "travailleur social.",
        "reminder",
    ),
    "meeting_confirmed": msg(
        "✅ C'est confirmé, assez de personnes sont inscrites : « {title} » aura lieu {when}, {place}.", "reminder"
    ),
    "meeting_moved": msg("🔁 « {title} » change de date : {when}, {place}. Votre inscription est gardée.", "reminder"),
    "meeting_relocated": msg(
        "📍 « {title} » ({when}) change de lieu : {place}, {address}. Votre inscription est gardée.", "reminder"
    ),
}
STILL_WAITING = {
    # TRANSLATORS: {rank} is the person's place on the waiting list (1, 2, 3…).
    "meeting_moved": msg(
        "🔁 « {title} » change de date : {when}, {place}. Vous restez n° {rank} sur la liste d'attente : si une place "
        "se libère, je vous préviens.",
        "reminder",
    ),
    # TRANSLATORS: {rank} is the person's place on the waiting list (1, 2, 3…).
    "meeting_relocated": msg(
        "📍 « {title} » ({when}) change de lieu : {place}, {address}. Vous restez n° {rank} sur la liste d'attente : "
        "si une place se libère, je vous préviens.",
        "reminder",
    ),
}
"""A move told to someone on the waiting list: they hold no registration to keep, only their place in the line."""
STILL_OFFERED = {
    "meeting_moved": msg(
        "🔁 « {title} » change de date : {when}, {place}. La place libérée vous est toujours proposée, jusqu'au "
        "{deadline} : la prenez-vous ?",
        "reminder",
    ),
    "meeting_relocated": msg(
        "📍 « {title} » ({when}) change de lieu : {place}, {address}. La place libérée vous est toujours proposée, "
        "jusqu'au {deadline} : la prenez-vous ?",
        "reminder",
    ),
}
"""A move told to someone offered a freed seat who has not taken it yet: the (new) deadline and the buttons."""


async def meeting_changed(session: AsyncSession, message: OutboxMessage, t: Translator, now: datetime) -> Reply | None:
    """What changed, with the meeting's (new) date; a move or confirmation is dropped once the meeting is off; a move
    tells someone waiting their number on the list; a cancellation comes with the ways forward (`ways_forward`)."""
    registration = await registration_of(session, message)
    text = CHANGED.get(message.kind)
    if registration is None or text is None:
        return None
    meeting = await get_meeting(session, registration.meeting_id)
    if meeting is None:
        return None
    if message.kind != "meeting_cancelled" and (registration.status == "cancelled" or meeting.status == "cancelled"):
        return None
    offer = STILL_OFFERED.get(message.kind)
    if offer is not None and registration.status == "offered" and registration.offered_until is not None:
        if registration.offered_until <= now:
            return None  # the offer lapses: its own notice follows, with the session's new date
        deadline = deadline_text(registration, t)
        return Reply(
            t(offer.bind(**fields(meeting, t), address=meeting.address, deadline=deadline)),
            offer_buttons(registration, t),
        )
    waiting = STILL_WAITING.get(message.kind)
    if waiting is not None and registration.status == "waiting":
        rank = await waiting_position(session, registration)
        return Reply(t(waiting.bind(**fields(meeting, t), address=meeting.address, rank=rank)))
    said = t(text.bind(**fields(meeting, t), address=meeting.address))
    if message.kind == "meeting_cancelled":
        return Reply(said, ways_forward(meeting, t))
    return Reply(said)


def ways_forward(meeting: Meeting, t: Translator) -> tuple[tuple[Button, ...], ...]:
    """Under a cancellation, not a dead end: the other dates of its kind, asking to talk to a social worker (the
    call-back request of the main menu), the menu."""
    return (
        (routes.SESSION_KIND.button(t(OTHER_DATES), meeting.kind),),
        (routes.MENU.button(t(TALK), "person"),),
        (routes.MENU.button(t(MENU_BUTTON), "main"),),
    )
