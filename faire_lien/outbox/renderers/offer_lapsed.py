"""A freed seat was not taken in time: the time passed (or the bot could not reach the person and the seat went to
the next one), and the session's page to join its waiting list again."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.bidi import contained
from dialogs.i18n import Translator
from dialogs.reply import Reply
from faire_lien import routes
from faire_lien.core.screens import MENU_BUTTON
from faire_lien.outbox.renderers.registration import registration_of
from faire_lien.sessions import texts
from faire_lien.sessions.screens import OFFER_EXPIRED, OFFER_LOST, REGISTER
from storage.meetings import get_meeting
from storage.models import OutboxMessage


async def offer_lapsed(session: AsyncSession, message: OutboxMessage, t: Translator, now: datetime) -> Reply | None:
    """ "The time passed" with the session's card and Register button while it has not begun (else its title and
    date); None once the person registered again or the session is gone."""
    registration = await registration_of(session, message)
    if registration is None or registration.status != "cancelled":
        return None
    meeting = await get_meeting(session, registration.meeting_id)
    if meeting is None:
        return None
    lost = OFFER_LOST.bind(title=texts.title(meeting, t)) if registration.offer_lost_at is not None else None
    expired = t(lost or OFFER_EXPIRED)
    if meeting.status != "scheduled" or meeting.starts_at <= now:
        return Reply(f"{expired}\n\n📅 {contained(texts.title(meeting, t))} — {texts.when(meeting, t)}")
    rows = (
        (routes.REGISTER.button(t(REGISTER), meeting.id),),
        (routes.MENU.button(t(MENU_BUTTON), "main"),),
    )
    return Reply(f"{expired}\n\n{texts.details(meeting, t)}", rows)
