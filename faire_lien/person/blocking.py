"""A person blocks the bot, or unblocks it: recorded, so nothing is sent in vain and an offered seat moves on.

While the bot is blocked, reminders, polls and offers falling due are not sent (`faire_lien/outbox/delivery.py`),
and a seat offered to the person goes to the next one waiting at once instead of at the offer's deadline.
Unblocking clears the mark: what falls due afterwards goes out as usual.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from faire_lien.jobs.offers import pass_on_unreachable_offer
from storage.meetings import offers_held_by
from storage.people import set_blocked


async def bot_blocked(session: AsyncSession, telegram_id: int, now: datetime) -> None:
    """The person blocked the bot: marked, and any seat offered to them goes to the next person waiting."""
    person = await set_blocked(session, telegram_id, now)
    if person is None:
        return
    for registration_id in await offers_held_by(session, person.id):
        await pass_on_unreachable_offer(session, registration_id, now)


async def bot_unblocked(session: AsyncSession, telegram_id: int) -> None:
    """The person unblocked the bot (or wrote to it again): messages falling due go out again."""
    await set_blocked(session, telegram_id, None)
