"""Report queries: yearly counts of people and sessions, survey scopes, sessions to come with their waiting lists."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import Database
from storage.models import Meeting, Person, Registration, Response, SurveyInvitation
from storage.reports import (
    attendance_marks,
    meeting_ids,
    people_helped,
    people_met,
    sessions_held,
    sessions_to_come,
    surveyed_meetings,
)
from tests.conftest import NOW

YEAR = (datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))


async def person(session: AsyncSession, telegram_id: int) -> int:
    row = Person(telegram_id=telegram_id, language="fr", consent="accepted", consent_at=NOW, consent_version="v")
    session.add(row)
    await session.flush()
    return row.id


async def meeting(session: AsyncSession, starts: datetime, kind: str = "info_meeting", **extra: Any) -> int:
    row = Meeting(
        kind=kind,
        title={"fr": "Réunion"},
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="CPAM",
        address="1 rue X, 86000 Poitiers",
        capacity=10,
        created_by="t",
        created_at=NOW,
        **extra,
    )
    session.add(row)
    await session.flush()
    return row.id


def registration(meeting_id: int, person_id: int, status: str, attendance: str | None = None) -> Registration:
    return Registration(
        meeting_id=meeting_id,
        person_id=person_id,
        status=status,
        attendance=attendance,
        created_at=NOW,
        updated_at=NOW,
    )


async def test_yearly_counts_of_people_sessions_and_attendance(db: Database) -> None:
    async with db.unit_of_work() as session:
        people = [await person(session, 100 + n) for n in range(4)]
        held = await meeting(session, NOW - timedelta(days=10))
        other_kind = await meeting(session, NOW - timedelta(days=9), kind="checkup")
        await meeting(session, NOW - timedelta(days=8), status="cancelled")
        await meeting(session, NOW + timedelta(days=3))  # not held yet
        await meeting(session, datetime(2025, 6, 1, tzinfo=UTC))  # another year
        session.add_all(
            [
                registration(held, people[0], "registered", "present"),
                registration(held, people[1], "registered", "absent"),
                registration(held, people[2], "registered"),
                registration(held, people[3], "cancelled", "present"),
                registration(other_kind, people[0], "registered", "present"),
            ]
        )
        for pid, flow, days in ((people[0], "rights_check", 5), (people[0], "rights_check", 4), (people[1], "x", 3)):
            at = NOW - timedelta(days=days)
            session.add(Response(person_id=pid, flow_id=flow, flow_version=1, started_at=at, completed_at=at))
        session.add(
            Response(
                person_id=people[2],
                flow_id="rights_check",
                flow_version=1,
                started_at=datetime(2025, 3, 1, tzinfo=UTC),
                completed_at=datetime(2025, 3, 1, tzinfo=UTC),
            )
        )
    async with db.unit_of_work() as session:
        assert await people_helped(session, ["rights_check"], *YEAR) == 1
        assert await people_met(session, *YEAR, NOW) == 2  # present at a held meeting, cancelled registration too
        assert await sessions_held(session, *YEAR, NOW) == [("checkup", 1), ("info_meeting", 1)]
        assert await attendance_marks(session, *YEAR, NOW) == {"present": 2, "absent": 1}


async def test_survey_scopes(db: Database) -> None:
    async with db.unit_of_work() as session:
        pid = await person(session, 7)
        first = await meeting(session, datetime(2026, 11, 2, 14, tzinfo=UTC))
        second = await meeting(session, datetime(2026, 11, 20, 14, tzinfo=UTC))
        checkup = await meeting(session, datetime(2026, 11, 10, 8, tzinfo=UTC), kind="checkup")
        for meeting_id in (first, checkup):
            session.add(
                SurveyInvitation(person_id=pid, flow_id="hot_evaluation", meeting_id=meeting_id, created_at=NOW)
            )
    async with db.unit_of_work() as session:
        surveyed = await surveyed_meetings(session, "hot_evaluation", *YEAR)
        assert sorted(surveyed) == sorted([first, checkup])
        assert await surveyed_meetings(session, "impact_3m", *YEAR) == []
        one = await meeting_ids(session, meeting_id=second, kind=None, since=None, until=None)
        assert one == [second]
        november = datetime(2026, 11, 1, tzinfo=UTC)
        kind = await meeting_ids(session, meeting_id=None, kind="info_meeting", since=november, until=None)
        assert sorted(kind) == sorted([first, second])
        early = await meeting_ids(
            session, meeting_id=None, kind="info_meeting", since=november, until=datetime(2026, 11, 15, tzinfo=UTC)
        )
        assert early == [first]


async def test_sessions_to_come_with_waiting_lists(db: Database) -> None:
    async with db.unit_of_work() as session:
        people = [await person(session, 300 + n) for n in range(3)]
        later = await meeting(session, NOW + timedelta(days=5))
        sooner = await meeting(session, NOW + timedelta(days=2), status="cancelled")
        await meeting(session, NOW - timedelta(days=2))  # over
        session.add_all(
            [
                registration(later, people[0], "registered"),
                registration(later, people[1], "waiting"),
                registration(later, people[2], "waiting"),
                registration(sooner, people[0], "cancelled"),
            ]
        )
    async with db.unit_of_work() as session:
        found = await sessions_to_come(session, NOW)
    assert [(s.meeting.id, s.meeting.status, s.waiting) for s in found] == [
        (sooner, "cancelled", 0),
        (later, "scheduled", 2),
    ]
