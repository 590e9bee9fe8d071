"""Two days before a meeting: "will you come?", with a button to say yes and one to cancel."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import Translator
from dialogs.reply import Reply
from dialogs.text import msg
from faire_lien import routes
from faire_lien.outbox.renderers.registration import fields, still_coming
from storage.models import OutboxMessage

CONFIRM = msg("⏰ Rappel : « {title} », {when}, {place}. Viendrez-vous ?", "reminder")


async def meeting_confirm(session: AsyncSession, message: OutboxMessage, t: Translator, now: datetime) -> Reply | None:
    """The reminder with "I'll come" and "I can't come"; None unless the person still holds a seat."""
    found = await still_coming(session, message, now)
    if found is None or found[0].status != "registered":
        return None
    registration, meeting = found
    rows = (
        (routes.COMING.button(t(msg("✅ Je viendrai", "reminder")), registration.id),),
        (routes.CANCEL.button(t(msg("✖ Je ne peux pas venir", "reminder")), registration.id, "ask"),),
    )
    return Reply(t(CONFIRM.bind(**fields(meeting, t))), rows)
