"""Repository functions for who follows which session: the facilitators assigned to each one."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import delete, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from storage.models import Meeting, MeetingFacilitator, Registration, StaffMember
from storage.statuses import StaffRole


def followed_by(staff_id: int) -> ColumnElement[bool]:
    """A condition on `Meeting`: the sessions this staff member is assigned to."""
    return exists().where(MeetingFacilitator.meeting_id == Meeting.id, MeetingFacilitator.staff_id == staff_id)


async def follows(session: AsyncSession, meeting_id: int, staff_id: int) -> bool:
    """Whether this staff member is assigned to this session."""
    found = await session.get(MeetingFacilitator, (meeting_id, staff_id))
    return found is not None


async def assign(session: AsyncSession, meeting_id: int, staff_id: int, by: str, now: datetime) -> bool:
    """Assign a staff member to a session; False when they already were."""
    if await follows(session, meeting_id, staff_id):
        return False
    session.add(MeetingFacilitator(meeting_id=meeting_id, staff_id=staff_id, assigned_by=by, assigned_at=now))
    await session.flush()
    return True


async def unassign(session: AsyncSession, meeting_id: int, staff_id: int) -> bool:
    """Take a staff member off a session; False when they were not on it."""
    done = await session.execute(
        delete(MeetingFacilitator).where(
            MeetingFacilitator.meeting_id == meeting_id, MeetingFacilitator.staff_id == staff_id
        )
    )
    return bool(getattr(done, "rowcount", 0))


async def facilitators_of(session: AsyncSession, meeting_id: int) -> list[StaffMember]:
    """The active staff members assigned to a session, in the order they were assigned."""
    query = (
        select(StaffMember)
        .join(MeetingFacilitator, MeetingFacilitator.staff_id == StaffMember.id)
        .where(MeetingFacilitator.meeting_id == meeting_id, StaffMember.revoked_at.is_(None))
        .order_by(MeetingFacilitator.assigned_at, StaffMember.telegram_id)
    )
    return list((await session.execute(query)).scalars())


async def following_person(session: AsyncSession, person_id: int, roles: Collection[StaffRole]) -> set[int]:
    """The active staff members of these roles assigned to a session this person is registered in (or offered a
    seat, or was present at); a cancelled session or registration does not count."""
    query = (
        select(StaffMember.id)
        .join(MeetingFacilitator, MeetingFacilitator.staff_id == StaffMember.id)
        .join(Meeting, Meeting.id == MeetingFacilitator.meeting_id)
        .join(Registration, Registration.meeting_id == Meeting.id)
        .where(
            Registration.person_id == person_id,
            or_(Registration.status.in_(("registered", "offered")), Registration.attendance == "present"),
            Meeting.status == "scheduled",
            StaffMember.revoked_at.is_(None),
            StaffMember.role.in_(tuple(roles)),
        )
        .distinct()
    )
    return {int(staff_id) for (staff_id,) in (await session.execute(query)).all()}
