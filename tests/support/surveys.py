"""Survey rows for results tests: a held session whose people were invited to a survey and answered it."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Answer, Response, SurveyInvitation
from storage.survey_totals import refresh
from tests.conftest import NOW
from tests.support.records import a_meeting, a_person

TELEGRAM_IDS = itertools.count(50_000)
HOT = "hot_evaluation"


async def surveyed_session(
    session: AsyncSession,
    starts: datetime,
    answers: Sequence[dict[str, Any]],
    *,
    invited: int | None = None,
    flow_id: str = HOT,
    kind: str = "info_meeting",
) -> int:
    """A session held at `starts`: one answered invitation per answer set, then unanswered ones up to `invited`."""
    meeting = await a_meeting(session, starts, kind=kind, capacity=max(len(answers), invited or 0, 1))
    for n in range(max(invited or 0, len(answers))):
        person = await a_person(session, next(TELEGRAM_IDS))
        invitation = SurveyInvitation(person_id=person.id, flow_id=flow_id, meeting_id=meeting.id, created_at=NOW)
        session.add(invitation)
        if n < len(answers):
            done = starts + timedelta(hours=3)
            response = Response(
                person_id=person.id, flow_id=flow_id, flow_version=1, started_at=done, completed_at=done
            )
            session.add(response)
            await session.flush()
            for step_id, value in answers[n].items():
                session.add(
                    Answer(
                        response_id=response.id,
                        person_id=person.id,
                        flow_id=flow_id,
                        flow_version=1,
                        step_id=step_id,
                        value=value,
                    )
                )
            invitation.status, invitation.response_id, invitation.answered_at = "answered", response.id, done
    await refresh(session, meeting.id)  # rows added directly: the survey totals follow as the services keep them
    return meeting.id
