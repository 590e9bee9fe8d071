"""The reminder to ask for the renewal of one's C2S or AME before it ends."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import Translator
from dialogs.reply import Reply
from dialogs.rights.bodies import Named
from dialogs.rights.renewal import NAMES as COVER_NAMES
from dialogs.text import msg
from storage.models import OutboxMessage

RENEWAL_REMINDER = Named(
    msg(
        "⏰ Rappel : vos droits à {cover} prennent fin le {end}. C'est le moment de demander leur renouvellement "
        "sur votre compte ameli ou à votre CPAM.",
        "reminder",
    ),
    # TRANSLATORS: {body} is the health-insurance body, such as « votre CGSS » (translated on its own).
    msg(
        "⏰ Rappel : vos droits à {cover} prennent fin le {end}. C'est le moment de demander leur renouvellement "
        "sur votre compte ameli ou à {body}.",
        "reminder",
    ),
    # TRANSLATORS: {body} is the health-insurance body, such as « la Caisse de prévoyance sociale de Saint-Barthélemy ».
    msg(
        "⏰ Rappel : vos droits à {cover} prennent fin le {end}. C'est le moment de demander leur renouvellement "
        "à {body}.",
        "reminder",
    ),
)
"""The reminder names the body the rights check named: the payload carries the territory when it is not mainland
France (`dialogs.rights.bodies.BODIES`)."""


async def renewal_reminder(session: AsyncSession, message: OutboxMessage, t: Translator, now: datetime) -> Reply | None:
    """ "Your rights end on …: ask for their renewal now" at the person's caisse; None when the payload names no known
    cover."""
    cover = COVER_NAMES.get(str(message.payload.get("cover")))
    end = message.payload.get("end")
    if cover is None or not isinstance(end, str):
        return None
    said = RENEWAL_REMINDER.said_in(str(message.payload.get("territory", "")))
    return Reply(t(said.bind(cover=cover, end=date.fromisoformat(end))))
