"""Report queries for staff: the yearly indicators, which meetings a survey's results cover, sessions to come.

Counts only; hiding groups under 5 people is the caller's job (`faire_lien/surveys/`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from storage.facilitators import followed_by
from storage.models import Meeting, Registration, Response, SurveyInvitation


def _held(start: datetime, end: datetime, now: datetime) -> tuple[ColumnElement[bool], ...]:
    """Meetings not cancelled that started in [start, end) and are over."""
    return (Meeting.status == "scheduled", Meeting.starts_at >= start, Meeting.starts_at < end, Meeting.ends_at < now)


async def people_helped(session: AsyncSession, flow_ids: list[str], start: datetime, end: datetime) -> int:
    """Distinct people who finished one of these flows in [start, end)."""
    helped = await session.scalar(
        select(func.count(func.distinct(Response.person_id))).where(
            Response.flow_id.in_(flow_ids), Response.completed_at >= start, Response.completed_at < end
        )
    )
    return int(helped or 0)


async def people_met(session: AsyncSession, start: datetime, end: datetime, now: datetime) -> int:
    """Distinct people marked present at a meeting held in [start, end)."""
    present = await session.scalar(
        select(func.count(func.distinct(Registration.person_id)))
        .join(Meeting, Meeting.id == Registration.meeting_id)
        .where(*_held(start, end, now), Registration.attendance == "present")
    )
    return int(present or 0)


async def sessions_held(session: AsyncSession, start: datetime, end: datetime, now: datetime) -> list[tuple[str, int]]:
    """Meetings held in [start, end) per kind, by kind."""
    by_kind = await session.execute(
        select(Meeting.kind, func.count()).where(*_held(start, end, now)).group_by(Meeting.kind)
    )
    return sorted((str(kind), int(count)) for kind, count in by_kind.all())


async def attendance_marks(session: AsyncSession, start: datetime, end: datetime, now: datetime) -> dict[str, int]:
    """Registered people of meetings held in [start, end), per attendance mark (unmarked ones left out)."""
    marks = await session.execute(
        select(Registration.attendance, func.count())
        .join(Meeting, Meeting.id == Registration.meeting_id)
        .where(*_held(start, end, now), Registration.status == "registered", Registration.attendance.is_not(None))
        .group_by(Registration.attendance)
    )
    return {str(k): int(v) for k, v in marks.all()}


async def surveyed_meetings(session: AsyncSession, flow_id: str, start: datetime, end: datetime) -> list[int]:
    """Meetings that started in [start, end) with at least one invitation to this survey."""
    query = (
        select(SurveyInvitation.meeting_id)
        .where(SurveyInvitation.flow_id == flow_id)
        .join(Meeting, Meeting.id == SurveyInvitation.meeting_id)
        .where(Meeting.starts_at >= start, Meeting.starts_at < end)
        .distinct()
    )
    return list((await session.execute(query)).scalars().all())


async def meeting_ids(
    session: AsyncSession,
    *,
    meeting_id: int | None,
    kind: str | None,
    since: datetime | None,
    until: datetime | None,
    followed_by_staff: int | None = None,
) -> list[int]:
    """One meeting (when `meeting_id` is given) or every meeting of a kind, started in [since, until).

    With `followed_by_staff`, only the meetings that staff member is assigned to.
    """
    scope = Meeting.id == meeting_id if meeting_id else Meeting.kind == kind
    query = select(Meeting.id).where(scope)
    if followed_by_staff is not None:
        query = query.where(followed_by(followed_by_staff))
    if since:
        query = query.where(Meeting.starts_at >= since)
    if until:
        query = query.where(Meeting.starts_at < until)
    return list((await session.execute(query)).scalars())


@dataclass(frozen=True)
class SessionSeats:
    """A meeting with how many people wait for a seat."""

    meeting: Meeting
    waiting: int


async def sessions_to_come(
    session: AsyncSession, now: datetime, followed_by_staff: int | None = None
) -> list[SessionSeats]:
    """Every meeting not yet over (cancelled ones too), soonest first, with its waiting list's length.

    With `followed_by_staff`, only the sessions that staff member is assigned to.
    """
    return await _with_waiting(session, (Meeting.ends_at > now,), Meeting.starts_at, followed_by_staff)


async def sessions_over(
    session: AsyncSession, now: datetime, since: datetime, followed_by_staff: int | None = None
) -> list[SessionSeats]:
    """Meetings over that started after `since` (cancelled ones too), latest first, with their waiting lists."""
    over = (Meeting.ends_at <= now, Meeting.starts_at >= since)
    return await _with_waiting(session, over, Meeting.starts_at.desc(), followed_by_staff)


async def _with_waiting(
    session: AsyncSession,
    where: tuple[ColumnElement[bool], ...],
    order: ColumnElement[datetime] | InstrumentedAttribute[datetime],
    followed_by_staff: int | None,
) -> list[SessionSeats]:
    waiting = (
        select(Registration.meeting_id, func.count().label("n"))
        .where(Registration.status == "waiting")
        .group_by(Registration.meeting_id)
        .subquery()
    )
    query = select(Meeting, waiting.c.n).outerjoin(waiting, waiting.c.meeting_id == Meeting.id).where(*where)
    if followed_by_staff is not None:
        query = query.where(followed_by(followed_by_staff))
    rows = (await session.execute(query.order_by(order, Meeting.id))).all()
    return [SessionSeats(meeting, int(n or 0)) for meeting, n in rows]
