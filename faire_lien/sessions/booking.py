"""What a seat just taken sets off (the reminders, or the date confirmed to everyone once the group is complete), a
free seat taken from the waiting list, and what giving a registration up does: refused once the person was welcomed
at the door, else the seat goes on."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from faire_lien.core.quiet import DEFAULT_QUIET_HOURS, QuietHours
from faire_lien.sessions.reminders import announce_change, announce_offer, schedule_reminders
from storage.meetings import cancel, confirm_if_enough, roster, take_free_seat
from storage.models import Meeting, Registration

Settled = Literal["registered", "confirmed", "gathering"]
"""A seat with its reminders; the seat that completed a group (its date confirmed now); or interest noted."""


async def settle(session: AsyncSession, meeting: Meeting, registration: Registration, now: datetime) -> Settled:
    """Reminders for a registration that holds a seat; a session waiting for enough people is confirmed to everyone
    registered when this registration completes the group, and otherwise waits (no reminder yet)."""
    if meeting.min_size is None or meeting.confirmed_at is not None:
        await schedule_reminders(session, registration, meeting, now)
        return "registered"
    if not await confirm_if_enough(session, meeting, now):
        return "gathering"
    for other in await roster(session, meeting.id):
        if other.status != "registered":
            continue
        await schedule_reminders(session, other, meeting, now)
        if other.id != registration.id:
            await announce_change(session, other, "meeting_confirmed", now, meeting.starts_at)
    return "confirmed"


def seat_free(meeting: Meeting) -> bool:
    """Whether a seat is free: someone waiting may take it (a seat freed in the last hour is offered to nobody)."""
    return meeting.taken < meeting.capacity


async def take_free(
    session: AsyncSession, meeting: Meeting, registration: Registration, now: datetime
) -> Settled | None:
    """Someone waiting takes a free seat, first come first served, with its reminders; None: it went meanwhile."""
    if not await take_free_seat(session, meeting, registration, now):
        return None
    return await settle(session, meeting, registration, now)


class WelcomedError(Exception):
    """The person was marked present at the door: their registration is no longer theirs to cancel (staff may correct
    the mark first), or their seat would be offered to someone else while they sit in it."""

    def __init__(self, registration_id: int) -> None:
        super().__init__(f"registration {registration_id}: marked present")
        self.registration_id = registration_id


def cancellable(registration: Registration) -> bool:
    """Whether the person may still cancel this registration themself: not once marked present."""
    return registration.attendance != "present"


async def give_up(
    session: AsyncSession,
    registration: Registration,
    meeting: Meeting,
    now: datetime,
    quiet: QuietHours = DEFAULT_QUIET_HOURS,
) -> None:
    """The person cancels their registration: reminders go, a seat they held is offered to the first person waiting.

    Raises `WelcomedError` when they were marked present: nothing changes.
    """
    if not cancellable(registration):
        raise WelcomedError(registration.id)
    offered = await cancel(session, registration, now)
    if offered is not None:
        await announce_offer(session, offered, meeting, now, quiet)
