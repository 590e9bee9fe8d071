"""The last meeting of a series moved: the impact survey still comes three months after the series' end."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dialogs.schema import Flow
from faire_lien.sessions.service import move_session
from storage.db import Database
from storage.models import OutboxMessage, SurveyInvitation
from tests.conftest import NOW
from tests.faire_lien.surveys.test_impact_cancelled_session import COORDINATOR, a_series_ending_next_week
from tests.support.db import rows


async def test_the_series_last_meeting_moved_a_month_later_moves_the_impact_survey(
    flows: dict[str, Flow], db: Database
) -> None:
    last = await a_series_ending_next_week(flows, db)
    start = datetime(2026, 12, 29, 13, 0, tzinfo=UTC)  # 14:00 in Paris, five weeks later
    async with db.unit_of_work() as session:
        await move_session(session, last, start, start + timedelta(hours=2), COORDINATOR, NOW)
    (survey,) = [m for m in await rows(db, OutboxMessage) if m.kind == "survey_invite" and m.status == "pending"]
    # before: 28 February 2027, three months after the day the last meeting was first planned, two after it is held
    assert survey.due_at == datetime(2027, 3, 29, 14, 0, tzinfo=UTC)  # 16:00 in Paris (summer time), as it ends
    (invitation,) = await rows(db, SurveyInvitation)
    assert invitation.meeting_id == last
