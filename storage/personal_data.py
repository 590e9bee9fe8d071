"""A person's data: everything stored about them (for /mydata), and erasing it (for /forget)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.audit import record
from storage.cases import CARDS, cards_added, erase_for_person
from storage.db import checkpoint_after_commit
from storage.grid_counts import forgetting
from storage.meetings import cancel
from storage.models import (
    Answer,
    Case,
    CaseMessage,
    Conversation,
    GridResult,
    Meeting,
    OutboxMessage,
    Person,
    Registration,
    Response,
    StaffMember,
    SurveyInvitation,
)
from storage.people import Identity
from storage.survey_totals import forgetting as forgetting_surveys
from storage.survey_totals import meetings_of_person, refresh_many
from storage.updates import forget_whose
from storage.year_totals import forgetting as forgetting_year
from storage.year_totals import meetings_of, refresh


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


async def export_person(session: AsyncSession, person: Person) -> dict[str, Any]:
    """Everything stored about one person, as plain JSON-ready data."""
    pid = person.id
    responses = (await session.execute(select(Response).where(Response.person_id == pid))).scalars().all()
    answers = (await session.execute(select(Answer).where(Answer.person_id == pid))).scalars().all()
    flow_of = {r.id: r.flow_id for r in responses}
    by_response: dict[int, dict[str, Any]] = {}
    for answer in answers:
        by_response.setdefault(answer.response_id, {})[answer.step_id] = answer.value
    conversation = (await session.execute(select(Conversation).where(Conversation.person_id == pid))).scalar()
    registrations = (
        await session.execute(
            select(Registration, Meeting)
            .join(Meeting, Meeting.id == Registration.meeting_id)
            .where(Registration.person_id == pid)
        )
    ).all()
    grids = (await session.execute(select(GridResult).where(GridResult.person_id == pid))).scalars().all()
    cases = (await session.execute(select(Case).where(Case.person_id == pid).order_by(Case.id))).scalars().all()
    lines = (
        (
            await session.execute(
                select(CaseMessage)
                .join(Case, Case.id == CaseMessage.case_id)
                .where(Case.person_id == pid)
                .order_by(CaseMessage.at, CaseMessage.id)
            )
        )
        .scalars()
        .all()
    )
    pending = (
        (
            await session.execute(
                select(OutboxMessage).where(OutboxMessage.person_id == pid, OutboxMessage.status == "pending")
            )
        )
        .scalars()
        .all()
    )
    return {
        "person": {
            "telegram_id": person.telegram_id,
            "language": person.language,
            "consent": person.consent,
            "consent_at": _when(person.consent_at),
            "consent_text_version": person.consent_version,
            "created_at": _when(person.created_at),
        },
        "questionnaire_in_progress": None
        if conversation is None
        else {"flow": conversation.flow_id, "step": conversation.step_id, "answers": conversation.answers},
        "finished_questionnaires": [
            {
                "flow": r.flow_id,
                "version": r.flow_version,
                "completed_at": _when(r.completed_at),
                "answers": by_response.get(r.id, {}),
            }
            for r in responses
        ],
        "grid_results": [
            {"grid": g.grid_id, "score": str(g.score), "orientation": g.orientation, "at": _when(g.created_at)}
            for g in grids
        ],
        "registrations": [
            {
                "session": dict(m.title),  # every language staff wrote it in: the reader's is chosen above
                "starts_at": _when(m.starts_at),
                "status": r.status,
                "attendance": r.attendance,
            }
            for r, m in registrations
        ],
        "requests_to_staff": [
            {
                "kind": c.kind,
                "status": c.status,
                "outcome": c.outcome,
                "at": _when(c.created_at),
                "answer_promised_by": _when(c.due_at),
                "closed_at": _when(c.closed_at),
                "shared": {key: value for key, value in c.context.items() if key != CARDS},
                "questionnaires_added": [
                    {"flow": flow_of[response_id], "at": _when(at)}
                    for response_id, at in cards_added(c)
                    if response_id in flow_of  # not those made anonymous since
                ],
                "conversation": [
                    {"from": line.author, "at": _when(line.at), "text": line.text}
                    for line in lines
                    if line.case_id == c.id
                ],
            }
            for c in cases
        ],
        "scheduled_messages": [{"kind": m.kind, "due_at": _when(m.due_at)} for m in pending],
    }


async def forget_person(
    session: AsyncSession, person: Person, now: datetime, *, survey_steps: Mapping[str, Collection[str]]
) -> list[Registration]:
    """Erase a person: seats released first (the next person waiting is offered theirs), then every row.

    Returns the registrations of other people just offered one of the seats, for the caller to tell them.
    `survey_steps`: per survey, the questions whose answers are counted per value (no free comment): the
    person's answers to those stay counted, anonymously, in their session's results.

    On SQLite the deleted rows are overwritten with zeros (`secure_delete`) and, once committed, the
    write-ahead log is checkpointed and truncated, so the erased text is in none of the database files.

    What stays: counts already inside anonymous aggregates (seats taken by others, other people's
    answers), the person counted as erased in the grid statistics, the yearly report's figures and the survey
    results they were part of (the figures staff read do not move: `forgetting` of `storage/grid_counts.py`,
    `storage/year_totals.py` and `storage/survey_totals.py`; their free comments go), audit rows, which lose
    their link to the person, and the ids of updates already handled, which lose whose they were.
    """
    active = (
        (
            await session.execute(
                select(Registration).where(
                    Registration.person_id == person.id, Registration.status.in_(("registered", "offered", "waiting"))
                )
            )
        )
        .scalars()
        .all()
    )
    await forgetting_year(session, person.id, now)  # the yearly report keeps counting them, as erased: first
    offered = [await cancel(session, registration, now) for registration in active]
    await session.execute(update(Answer).where(Answer.given_by == person.id).values(given_by=None))
    await session.execute(update(GridResult).where(GridResult.mediator_id == person.id).values(mediator_id=None))
    responses = select(Response.id).where(Response.person_id == person.id)
    surveyed = await meetings_of_person(session, person.id, responses)
    surveyed += await forgetting_surveys(session, person.id, survey_steps)  # their invitations and answers, counted
    await session.execute(delete(SurveyInvitation).where(SurveyInvitation.person_id == person.id))
    await session.execute(delete(OutboxMessage).where(OutboxMessage.person_id == person.id))
    meetings = await meetings_of(session, Registration.person_id == person.id)
    await session.execute(delete(Registration).where(Registration.person_id == person.id))
    await refresh(session, meetings)  # no mark left to take out: `forgetting_year` made them the erased ones
    await erase_for_person(session, person.id)
    await forgetting(session, person.id)  # the grid statistics keep counting them, as erased: nothing moves
    await session.execute(delete(GridResult).where(GridResult.person_id == person.id))
    await session.execute(delete(Answer).where(Answer.person_id == person.id))
    await session.execute(delete(Response).where(Response.person_id == person.id))
    await session.execute(delete(Conversation).where(Conversation.person_id == person.id))
    await forget_whose(session, Identity(person.telegram_id, person.terminal_user))  # the update ids stay, no one's
    if person.telegram_id is not None:  # a staff member's Telegram first name goes too (kept again if they act)
        staff_row = StaffMember.telegram_id == person.telegram_id
        await session.execute(update(StaffMember).where(staff_row).values(telegram_name=None))
    record(session, actor="person", action="forget", at=now, detail={})
    await session.delete(person)
    await session.flush()
    await refresh_many(session, surveyed)  # the erased invitations and answers leave the survey totals
    checkpoint_after_commit(session)  # the erased text must not stay in SQLite's write-ahead log
    return [registration for registration in offered if registration is not None]
