"""Staff operations on sessions, shared by the bot's /staff screens, the command line and the console.

Each returns plain data (or None when the session or registration is not there) and never a reply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy.ext.asyncio import AsyncSession

from faire_lien.sessions.reminders import announce_change, schedule_reminders
from faire_lien.sessions.spec import MeetingSpec
from faire_lien.surveys.invitations import schedule_impact
from storage.audit import record
from storage.meetings import (
    add_meetings,
    attendance_counts,
    cancel_meeting,
    get_meeting,
    get_registration,
    move_meeting,
    roster,
)
from storage.models import Meeting, Registration
from storage.people import telegram_ids
from storage.reports import SessionSeats
from storage.reports import sessions_to_come as to_come
from storage.statuses import Attendance


@dataclass(frozen=True)
class RosterLine:
    """One registration on the roster, with the person's Telegram id when they have one."""

    registration: Registration
    telegram_id: int | None


@dataclass(frozen=True)
class Roster:
    """Who registered (registered first, then the waiting list in order) and how attendance stands."""

    meeting: Meeting
    lines: list[RosterLine]
    attendance: dict[str, int]
    """present, absent, excused and unmarked among registered people."""

    @property
    def waiting(self) -> int:
        """How many people are on the waiting list."""
        return sum(line.registration.status == "waiting" for line in self.lines)


async def publish(session: AsyncSession, specs: list[MeetingSpec], created_by: str, now: datetime) -> list[int]:
    """Publish validated meetings; their numbers."""
    return await add_meetings(session, [spec.to_meeting(created_by, now) for spec in specs])


async def sessions_to_come(session: AsyncSession, now: datetime) -> list[SessionSeats]:
    """Every session not over yet (cancelled ones too), soonest first, with its waiting list's length."""
    return await to_come(session, now)


async def session_roster(session: AsyncSession, meeting_id: int, actor: str, now: datetime) -> Roster | None:
    """The roster of one session; reading it leaves an audit row (it is personal data)."""
    meeting = await get_meeting(session, meeting_id)
    if meeting is None:
        return None
    registrations = await roster(session, meeting.id)
    record(session, actor=actor, action="read_roster", at=now, detail={"meeting": meeting.id})
    counts = await attendance_counts(session, meeting.id)
    ids = await telegram_ids(session, sorted({r.person_id for r in registrations}))
    lines = [RosterLine(r, ids.get(r.person_id)) for r in registrations]
    return Roster(meeting, lines, counts)


async def mark_attendance(
    session: AsyncSession, registration_id: int, attendance: Attendance, actor: str, now: datetime
) -> Registration | None:
    """Mark a registered person present, absent or excused (audited); present schedules the impact survey."""
    registration = await get_registration(session, registration_id)
    if registration is None or registration.status != "registered":
        return None
    registration.attendance = attendance
    if attendance == "present":
        meeting = await get_meeting(session, registration.meeting_id)
        if meeting is not None:
            await schedule_impact(session, registration, meeting, now)
    record(
        session,
        actor=actor,
        action="mark_attendance",
        at=now,
        person_id=registration.person_id,
        detail={"registration": registration.id, "attendance": attendance},
    )
    return registration


async def cancel_session(session: AsyncSession, meeting_id: int, now: datetime) -> int | None:
    """Cancel a session: reminders dropped, everyone registered or waiting told; how many (None: nothing to cancel)."""
    meeting = await get_meeting(session, meeting_id)
    if meeting is None or meeting.status == "cancelled":
        return None
    affected = await cancel_meeting(session, meeting, now)
    for registration in affected:
        await announce_change(session, registration, "meeting_cancelled", now, meeting.starts_at)
    return len(affected)


async def move_session(
    session: AsyncSession, meeting_id: int, start: datetime | str, end: datetime | time | str, now: datetime
) -> int | None:
    """Move a session (Paris time): reminders follow, everyone is told; how many (None: nothing to move).

    Raises pydantic's `ValidationError` when the new times do not make a valid session.
    """
    meeting = await get_meeting(session, meeting_id)
    if meeting is None or meeting.status == "cancelled":
        return None
    spec = MeetingSpec.model_validate({**_spec_fields(meeting), "start": start, "end": end})
    assert isinstance(spec.end, datetime)
    affected = await move_meeting(session, meeting, spec.start, spec.end)
    for registration in affected:
        if registration.status == "registered":
            await schedule_reminders(session, registration, meeting, now)
        await announce_change(session, registration, "meeting_moved", now, meeting.starts_at)
    return len(affected)


def _spec_fields(meeting: Meeting) -> dict[str, object]:
    return {
        "kind": meeting.kind,
        "title": meeting.title,
        "place": meeting.place,
        "address": meeting.address,
        "capacity": meeting.capacity,
    }
