"""A session cancelled before it was held: nobody is asked three months later what it changed for them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dialogs.i18n import translator
from dialogs.schema import Flow
from faire_lien.core.roles import Staff
from faire_lien.outbox.registry import render
from faire_lien.sessions.service import cancel_session
from storage.db import Database
from storage.models import Meeting, OutboxMessage, Registration
from tests.conftest import NOW
from tests.faire_lien.surveys.test_impact_corrected_attendance import staff_member
from tests.faire_lien.surveys.test_surveys import assistant_with_staff, held_meeting, people
from tests.support.db import rows

COORDINATOR = Staff("coordinator", None, "marie")


async def a_series_ending_next_week(
    flows: dict[str, Flow], db: Database, *, last_title: str | None = None
) -> tuple[int, int]:
    """A series of two meetings for one person: the first held 8 days ago (marked present), the last next week."""
    (talker,) = await people(assistant_with_staff(flows), db, 1)
    first = await held_meeting(db, [talker], series="aidants-2026", days_ago=8)
    last = await held_meeting(db, [talker], series="aidants-2026")
    async with db.unit_of_work() as session:
        meeting = await session.get(Meeting, last)
        assert meeting is not None
        meeting.starts_at, meeting.ends_at = NOW + timedelta(days=7), NOW + timedelta(days=7, hours=2)
        if last_title is not None:
            meeting.title = {"fr": last_title}
    staff = await staff_member(flows, db)
    (came,) = [r for r in await rows(db, Registration) if r.meeting_id == first]
    await staff.do(f"raw:att:{came.id}:present")
    return last


async def starting_soon(db: Database, meeting_id: int) -> None:
    """The session starts in 30 minutes: check-in at the door is open."""
    async with db.unit_of_work() as session:
        meeting = await session.get(Meeting, meeting_id)
        assert meeting is not None
        meeting.starts_at, meeting.ends_at = NOW + timedelta(minutes=30), NOW + timedelta(hours=2)


async def cancel(db: Database, meeting_id: int) -> None:
    async with db.unit_of_work() as session:
        assert await cancel_session(session, meeting_id, COORDINATOR, NOW) == 1


async def queued(db: Database) -> list[str]:
    """The kinds of the messages still waiting to go out."""
    return sorted(m.kind for m in await rows(db, OutboxMessage) if m.status == "pending")


async def test_someone_checked_in_before_the_session_was_called_off_gets_no_impact_survey(
    flows: dict[str, Flow], db: Database
) -> None:
    crowd = await people(assistant_with_staff(flows), db, 1)
    meeting_id = await held_meeting(db, crowd)
    await starting_soon(db, meeting_id)
    staff = await staff_member(flows, db)
    (registration,) = await rows(db, Registration)
    await staff.do(f"raw:att:{registration.id}:present")  # arrived early, checked in at the door
    assert await queued(db) == ["survey_invite"]
    await cancel(db, meeting_id)
    # before: « Il y a trois mois, vous avez participé à « Réunion C2S »… » queued for 22 February 2027 too
    assert await queued(db) == ["meeting_cancelled"]


async def test_the_last_meeting_of_a_series_cancelled_brings_the_survey_to_the_one_held(
    flows: dict[str, Flow], db: Database
) -> None:
    last = await a_series_ending_next_week(flows, db, last_title="Atelier aidants, dernière séance")
    await cancel(db, last)
    (survey,) = [m for m in await rows(db, OutboxMessage) if m.kind == "survey_invite" and m.status == "pending"]
    # before: due on 28 February 2027, three months after the cancelled session, and about it
    assert survey.due_at == datetime(2027, 2, 14, 12, 0, tzinfo=UTC)  # three months after the session held
    async with db.unit_of_work() as session:
        reply = await render(session, survey, translator("fr"), survey.due_at)
    assert reply is not None
    assert reply.text.startswith("Il y a trois mois, vous avez participé à « Réunion C2S ».")
