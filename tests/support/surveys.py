"""Survey rows for results tests: a held session whose people were invited to a survey and answered it."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import translator
from dialogs.results.blocks import Card
from dialogs.schema import Flow
from faire_lien.core.finish import Finish
from faire_lien.core.turn import Turn
from faire_lien.surveys.invitations import mark_answered
from storage.db import Database
from storage.models import Answer, Response, SurveyInvitation
from storage.people import Identity, find_person
from storage.survey_totals import refresh
from storage.surveys import invite
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


async def one_more_respondent(session: AsyncSession, meeting_id: int, flow: Flow, answers: dict[str, Any]) -> None:
    """Someone else is invited to the session's survey and answers it, recorded by the survey's finisher."""
    person = await a_person(session, next(TELEGRAM_IDS))
    invitation = await invite(session, person.id, flow.id, meeting_id, NOW, NOW)
    assert invitation is not None
    response = Response(person_id=person.id, flow_id=flow.id, flow_version=1, started_at=NOW, completed_at=NOW)
    session.add(response)
    await session.flush()
    session.add_all(
        Answer(response_id=response.id, person_id=person.id, flow_id=flow.id, flow_version=1, step_id=s, value=v)
        for s, v in answers.items()
    )
    await session.flush()
    card = Card([])
    finish = Finish(flow, response, answers, None, invitation.id, card)
    await mark_answered(Turn(session, person, translator("fr"), NOW), finish, card)


async def invited_yesterday(db: Database, who: Identity) -> int:
    """Invite someone who talks to the bot to the satisfaction poll of a session held yesterday: the invitation's id
    (pressing `sv:<id>` opens the poll)."""
    async with db.unit_of_work() as session:
        person = await find_person(session, who)
        assert person is not None
        meeting = await a_meeting(session, NOW - timedelta(days=1))
        invitation = SurveyInvitation(person_id=person.id, flow_id=HOT, meeting_id=meeting.id, created_at=NOW)
        session.add(invitation)
        await session.flush()
        return invitation.id
