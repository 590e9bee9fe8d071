"""Staff operations on sessions: publish, roster (audited), attendance, cancel and move with everyone told."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from faire_lien.core.roles import Staff
from faire_lien.sessions.service import (
    cancel_session,
    mark_attendance,
    move_session,
    publish,
    session_overview,
    session_roster,
    sessions_to_come,
)
from faire_lien.sessions.spec import MeetingSpec
from faire_lien.sessions.timing import PeopleWelcomedError, SessionOverError
from storage.db import Database
from storage.meetings import get_meeting, register
from storage.models import AuditEntry, OutboxMessage, SurveyInvitation
from tests.conftest import NOW
from tests.support.records import OPERATOR, a_meeting, a_person

MARIE = Staff("coordinator", None, "marie")


async def full_meeting(db: Database) -> tuple[int, list[int]]:
    """Two seats: two people registered, one waiting (the second person has no Telegram account)."""
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, NOW + timedelta(days=5), capacity=2)
        people = [(await a_person(session, telegram_id)).id for telegram_id in (81, None, 83)]
        registrations = []
        for person in people:
            booking = await register(session, meeting.id, person, NOW)
            assert booking.registration is not None
            registrations.append(booking.registration.id)
        return meeting.id, registrations


async def test_publish_and_list(db: Database) -> None:
    spec = MeetingSpec.model_validate(
        {
            "kind": "caregivers",
            "title": {"fr": "Aidants"},
            "start": "2026-12-01 14:00",
            "end": "16:00",
            "place": "CCAS",
            "address": "1 place du Marché, 86000 Poitiers",
            "capacity": 8,
        }
    )
    async with db.unit_of_work() as session:
        (meeting_id,) = await publish(session, [spec], MARIE, NOW)
    async with db.unit_of_work() as session:
        (listed,) = await sessions_to_come(session, MARIE, NOW)
    assert (listed.meeting.id, listed.meeting.created_by, listed.waiting) == (meeting_id, "marie", 0)


async def test_roster_is_audited_and_lists_people_in_order(db: Database) -> None:
    meeting_id, registrations = await full_meeting(db)
    async with db.unit_of_work() as session:
        assert await session_roster(session, meeting_id + 1, MARIE, NOW) is None
        roster = await session_roster(session, meeting_id, MARIE, NOW)
    assert roster is not None
    assert [(line.registration.id, line.registration.status, line.telegram_id) for line in roster.lines] == [
        (registrations[0], "registered", 81),
        (registrations[1], "registered", None),
        (registrations[2], "waiting", 83),
    ]
    assert roster.waiting == 1
    assert roster.attendance == {"present": 0, "absent": 0, "excused": 0, "unmarked": 2}
    async with db.unit_of_work() as session:
        (audit,) = (await session.execute(select(AuditEntry))).scalars().all()
    assert (audit.actor, audit.action, audit.detail) == ("marie", "read_roster", {"meeting": meeting_id})


async def test_attendance_is_audited_and_present_people_get_the_impact_survey(db: Database) -> None:
    meeting_id, registrations = await full_meeting(db)
    at_the_door = NOW + timedelta(days=5)  # the session starts
    async with db.unit_of_work() as session:
        assert await mark_attendance(session, registrations[2], "present", MARIE, at_the_door) is None  # waiting
        assert await mark_attendance(session, registrations[0], "present", MARIE, at_the_door) is not None
        assert await mark_attendance(session, registrations[1], "excused", MARIE, at_the_door) is not None
    async with db.unit_of_work() as session:
        audit = (await session.execute(select(AuditEntry).order_by(AuditEntry.id))).scalars().all()
        invitations = (await session.execute(select(SurveyInvitation))).scalars().all()
    assert [(a.actor, a.action, a.detail) for a in audit] == [
        ("marie", "mark_attendance", {"registration": registrations[0], "attendance": "present"}),
        ("marie", "mark_attendance", {"registration": registrations[1], "attendance": "excused"}),
    ]
    assert [(i.flow_id, i.meeting_id) for i in invitations] == [("impact_3m", meeting_id)]


async def test_cancel_tells_everyone_once(db: Database) -> None:
    meeting_id, _ = await full_meeting(db)
    async with db.unit_of_work() as session:
        assert await cancel_session(session, meeting_id, OPERATOR, NOW) == 3
        assert await cancel_session(session, meeting_id, OPERATOR, NOW) is None
    async with db.unit_of_work() as session:
        kinds = [m.kind for m in (await session.execute(select(OutboxMessage))).scalars()]
    assert kinds == ["meeting_cancelled"] * 3


async def test_a_session_over_is_neither_cancelled_nor_moved_and_nobody_is_told(db: Database) -> None:
    """Every door calls the service: the day after, a session held refuses to be cancelled or moved (its people are
    not told it was called off); during it, it still can be."""
    meeting_id, _ = await full_meeting(db)
    after = NOW + timedelta(days=6)
    async with db.unit_of_work() as session:
        with pytest.raises(SessionOverError) as over:
            await cancel_session(session, meeting_id, OPERATOR, after)
        with pytest.raises(SessionOverError):
            await move_session(session, meeting_id, "2026-12-10 14:00", "16:00", OPERATOR, after)
        meeting = await get_meeting(session, meeting_id)
        assert meeting is not None and meeting.status == "scheduled"
    assert (over.value.meeting_id, over.value.ended_at) == (meeting_id, NOW + timedelta(days=5, hours=2))
    async with db.unit_of_work() as session:
        kinds = [m.kind for m in (await session.execute(select(OutboxMessage))).scalars()]
        assert "meeting_cancelled" not in kinds and "meeting_moved" not in kinds
        assert await cancel_session(session, meeting_id, OPERATOR, NOW + timedelta(days=5, hours=1)) == 3  # under way


async def test_a_session_with_people_present_cannot_be_cancelled_nor_moved(db: Database) -> None:
    """Under way, once someone was marked present, the session is being held: cancelling or moving it is refused (the
    people who came are not told it was called off, their presence stays counted); a wrong mark corrected, it can.
    Checked in early, before the start, it still can be (tests/faire_lien/surveys/test_impact_cancelled_session.py)."""
    meeting_id, registrations = await full_meeting(db)
    early, during = NOW + timedelta(days=4, hours=23, minutes=30), NOW + timedelta(days=5, minutes=30)
    async with db.unit_of_work() as session:
        await mark_attendance(session, registrations[0], "present", OPERATOR, early)
        overview = await session_overview(session, meeting_id, OPERATOR)
        assert overview is not None and overview.present == 1
    async with db.unit_of_work() as session:
        with pytest.raises(PeopleWelcomedError) as held:
            await cancel_session(session, meeting_id, OPERATOR, during)
        with pytest.raises(PeopleWelcomedError):
            await move_session(session, meeting_id, "2026-12-10 14:00", "16:00", OPERATOR, during)
    assert (held.value.meeting_id, held.value.present) == (meeting_id, 1)
    async with db.unit_of_work() as session:
        meeting = await get_meeting(session, meeting_id)
        assert meeting is not None and meeting.status == "scheduled"
        kinds = [m.kind for m in (await session.execute(select(OutboxMessage))).scalars()]
        assert "meeting_cancelled" not in kinds and "meeting_moved" not in kinds
        actions = [a.action for a in (await session.execute(select(AuditEntry))).scalars()]
        assert "cancel_session" not in actions and "move_session" not in actions
    async with db.unit_of_work() as session:
        await mark_attendance(session, registrations[0], "absent", OPERATOR, during)
        assert await cancel_session(session, meeting_id, OPERATOR, during) == 3


async def test_move_checks_the_dates_then_reminds_and_tells(db: Database) -> None:
    meeting_id, _ = await full_meeting(db)
    async with db.unit_of_work() as session:
        with pytest.raises(ValidationError):
            await move_session(session, meeting_id, "2026-12-10 14:00", "13:00", OPERATOR, NOW)
        assert await move_session(session, meeting_id + 1, "2026-12-10 14:00", "16:00", OPERATOR, NOW) is None
        assert await move_session(session, meeting_id, "2026-12-10 14:00", "16:00", OPERATOR, NOW) == 3
        meeting = await get_meeting(session, meeting_id)
        assert meeting is not None and meeting.starts_at.isoformat() == "2026-12-10T13:00:00+00:00"
    async with db.unit_of_work() as session:
        kinds = sorted(m.kind for m in (await session.execute(select(OutboxMessage))).scalars())
    assert kinds == ["meeting_confirm"] * 2 + ["meeting_details"] * 2 + ["meeting_moved"] * 3
