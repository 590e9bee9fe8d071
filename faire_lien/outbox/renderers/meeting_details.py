"""The day before a meeting: where it is, with a map link (and how to prepare for a check-up).

It says "today", "tomorrow" or "in N days" from the day it actually goes out (quiet hours, a retry, staff
sending it again), on the Paris calendar.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import Translator
from dialogs.present import INFO
from dialogs.reply import Reply
from dialogs.text import Msg, msg, plural
from faire_lien.outbox.renderers.registration import fields, still_coming
from faire_lien.sessions import texts
from storage.models import Meeting, OutboxMessage

DETAILS = msg("📍 C'est demain : « {title} », {when}.\n{place}, {address}\n🗺 {link}", "reminder")
TODAY = msg("📍 C'est aujourd'hui : « {title} », {when}.\n{place}, {address}\n🗺 {link}", "reminder")


async def meeting_details(session: AsyncSession, message: OutboxMessage, t: Translator, now: datetime) -> Reply | None:
    """Time, place, address and map link; None unless the person still holds a seat."""
    found = await still_coming(session, message, now)
    if found is None or found[0].status != "registered":
        return None
    meeting = found[1]
    text = t(_lead(meeting, now).bind(address=meeting.address, link=texts.map_link(meeting), **fields(meeting, t)))
    if meeting.kind == "checkup":
        text += "\n\n" + t.line(INFO, texts.CHECKUP_PREPARATION)
    return Reply(text)


def _lead(meeting: Meeting, now: datetime) -> Msg:
    """ "Today", "tomorrow" or "in N days", as seen on the day the message goes out."""
    days = (texts.local_time(meeting.starts_at).date() - texts.local_time(now).date()).days
    if days <= 0:
        return TODAY
    if days == 1:
        return DETAILS
    return plural(
        "📍 C'est dans {n} jour : « {title} », {when}.\n{place}, {address}\n🗺 {link}",
        "📍 C'est dans {n} jours : « {title} », {when}.\n{place}, {address}\n🗺 {link}",
        days,
        "reminder",
    )
