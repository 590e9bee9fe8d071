"""What a seat just taken sets off: the reminders, or the date confirmed to everyone once the group is complete."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from faire_lien.sessions.reminders import announce_change, schedule_reminders
from storage.meetings import confirm_if_enough, roster
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
