"""A person blocks the bot, or unblocks it: recorded, so nothing is sent in vain and an offered seat moves on.

While the bot is blocked, reminders, polls and offers falling due are not sent (`faire_lien/outbox/delivery.py`),
and a seat offered to the person goes to the next one waiting at once instead of at the offer's deadline.
Unblocking, or writing again, clears the mark: what falls due afterwards goes out as usual, and what fell due
meanwhile and is still to come is sent then, once (`faire_lien/outbox/resume.py`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from faire_lien.core.quiet import DEFAULT_QUIET_HOURS, QuietHours
from faire_lien.jobs.offers import pass_on_unreachable_offer
from faire_lien.outbox.resume import resume_after_block
from storage.meetings import offers_held_by
from storage.models import Person
from storage.people import set_blocked


async def bot_blocked(
    session: AsyncSession, telegram_id: int, now: datetime, quiet: QuietHours = DEFAULT_QUIET_HOURS
) -> None:
    """The person blocked the bot: marked, and any seat offered to them goes to the next person waiting."""
    person = await set_blocked(session, telegram_id, now)
    if person is None:
        return
    for registration_id in await offers_held_by(session, person.id):
        await pass_on_unreachable_offer(session, registration_id, now, quiet)


async def bot_unblocked(session: AsyncSession, telegram_id: int, now: datetime) -> None:
    """The person unblocked the bot: messages falling due go out again, and what they missed that is still to come."""
    person = await set_blocked(session, telegram_id, None)
    if person is not None:
        await resume_after_block(session, person.id, now)


async def wrote_again(session: AsyncSession, person: Person, now: datetime) -> None:
    """Someone recorded as having blocked the bot writes to it (the unblocking update may have been lost): unblocked."""
    if person.blocked_at is not None:
        person.blocked_at = None
        await resume_after_block(session, person.id, now)
