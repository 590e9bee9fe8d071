"""The day before a meeting: where it is, with a map link (and how to prepare for a check-up)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import Translator
from dialogs.present import INFO
from dialogs.reply import Reply
from dialogs.text import msg
from faire_lien.outbox.renderers.registration import fields, still_coming
from faire_lien.sessions import texts
from storage.models import OutboxMessage

DETAILS = msg("📍 C'est demain : « {title} », {when}.\n{place}, {address}\n🗺 {link}", "reminder")


async def meeting_details(session: AsyncSession, message: OutboxMessage, t: Translator, now: datetime) -> Reply | None:
    """Time, place, address and map link; None unless the person still holds a seat."""
    found = await still_coming(session, message, now)
    if found is None or found[0].status != "registered":
        return None
    meeting = found[1]
    text = t(DETAILS.bind(address=meeting.address, link=texts.map_link(meeting), **fields(meeting, t)))
    if meeting.kind == "checkup":
        text += "\n\n" + t.line(INFO, texts.CHECKUP_PREPARATION)
    return Reply(text)
