"""The last meeting of a series moved: the impact survey still comes three months after the series' end."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dialogs.schema import Flow
from faire_lien.sessions.service import move_session
from storage.db import Database
from storage.models import Meeting, OutboxMessage, Registration, SurveyInvitation
from tests.conftest import NOW
from tests.faire_lien.surveys.test_impact_cancelled_session import COORDINATOR
from tests.faire_lien.surveys.test_impact_corrected_attendance import staff_member
from tests.faire_lien.surveys.test_surveys import assistant_with_staff, held_meeting, people
from tests.support.db import rows


async def test_the_series_last_meeting_moved_a_month_later_moves_the_impact_survey(
    flows: dict[str, Flow], db: Database
) -> None:
    (talker,) = await people(assistant_with_staff(flows), db, 1)
    first = await held_meeting(db, [talker], series="aidants-2026", days_ago=8)
    last = await held_meeting(db, [talker], series="aidants-2026")
    async with db.unit_of_work() as session:
        meeting = await session.get(Meeting, last)
        assert meeting is not None
        meeting.starts_at, meeting.ends_at = NOW + timedelta(days=7), NOW + timedelta(days=7, hours=2)
    staff = await staff_member(flows, db)
    (came,) = [r for r in await rows(db, Registration) if r.meeting_id == first]
    await staff.do(f"raw:att:{came.id}:present")
    start = datetime(2026, 12, 29, 13, 0, tzinfo=UTC)  # 14:00 in Paris, five weeks later
    async with db.unit_of_work() as session:
        await move_session(session, last, start, start + timedelta(hours=2), COORDINATOR, NOW)
    (survey,) = [m for m in await rows(db, OutboxMessage) if m.kind == "survey_invite" and m.status == "pending"]
    # before: 28 February 2027, three months after the day the last meeting was first planned, two after it is held
    assert survey.due_at == datetime(2027, 3, 29, 14, 0, tzinfo=UTC)  # 16:00 in Paris (summer time), as it ends
    (invitation,) = await rows(db, SurveyInvitation)
    assert invitation.meeting_id == last
