"""Seat offers past their deadline go to the next person waiting, who is told, as is the person who let it go (run
before each outbox pass); someone whose offer never reached them (blocked bot, chat not found) is not told it lapsed.

An offer that cannot reach its person (they blocked the bot, Telegram refused it for good) does not wait for its
deadline: the seat goes to the next person at once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from faire_lien.core.quiet import DEFAULT_QUIET_HOURS, QuietHours
from faire_lien.sessions.reminders import announce_lapsed, announce_offer
from storage.meetings import expire_offers, get_meeting, withdraw_offer
from storage.outbox import offer_never_went_out


async def pass_on_expired_offers(session: AsyncSession, now: datetime, quiet: QuietHours = DEFAULT_QUIET_HOURS) -> int:
    """Expire the offers not taken in time, tell each person the time passed and announce each freed seat to the
    next person; how many offered."""
    offered_again = 0
    for expired, offered in await expire_offers(session, now):
        if not await offer_never_went_out(session, expired.id):
            await announce_lapsed(session, expired, now)
        if offered is not None:
            meeting = await get_meeting(session, expired.meeting_id)
            if meeting is not None:
                await announce_offer(session, offered, meeting, now, quiet)
                offered_again += 1
    return offered_again


async def pass_on_unreachable_offer(
    session: AsyncSession, registration_id: int, now: datetime, quiet: QuietHours = DEFAULT_QUIET_HOURS
) -> bool:
    """The seat offered through this registration goes to the next person waiting now, who is told; the person it
    could not reach is not. True when someone else was offered it."""
    moved = await withdraw_offer(session, registration_id, now)
    if moved is None:
        return False
    withdrawn, offered = moved
    if offered is None:
        return False
    meeting = await get_meeting(session, withdrawn.meeting_id)
    if meeting is None:
        return False
    await announce_offer(session, offered, meeting, now, quiet)
    return True
