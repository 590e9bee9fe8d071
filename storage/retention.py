"""Retention: answers and results older than the retention period are detached from the person.

Each person's old data moves to a new anonymous stub (no Telegram id, no name, no consent text), so
aggregates keep their counts (distinct people, answers, attendance) while nothing old can be traced
back to anyone. Old call-back requests and finished outbox messages are deleted.

Retention keeps every count: it deletes no answer, result or registration a report counts, it moves them, and the
totals follow the move (`moving` of `storage/grid_counts.py` and `storage/year_totals.py`, the meetings' `refresh`),
so the grid statistics, the yearly report of a past year and survey results (invitations move with their answers
and groups) read the same before and after a purge. It needs no count of erased people: those are kept for
/forget (`storage/personal_data.py: forget_person`), which deletes rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.audit import record
from storage.cases import purge_cases
from storage.db import checkpoint_after_commit
from storage.grid_counts import moving
from storage.models import (
    Answer,
    Case,
    GridResult,
    Meeting,
    OutboxMessage,
    Person,
    Registration,
    Response,
    SurveyInvitation,
)
from storage.year_totals import meetings_of, refresh
from storage.year_totals import moving as moving_helped

ANONYMOUS = "anonymous"
MIN_RETENTION_MONTHS = 1
"""The shortest retention period accepted: a shorter one would reach answers just given and sessions to come."""


@dataclass(frozen=True)
class Purged:
    """How much was anonymised or deleted."""

    people: int
    responses: int
    registrations: int
    deleted: int


async def purge(session: AsyncSession, cutoff: datetime, now: datetime) -> Purged:
    """Anonymise everything recorded before `cutoff` (run daily by the bot, or `faire-lien purge`).

    A cutoff later than `now` is refused (ValueError): nothing given today is ever anonymised, and a
    registration moves only when its session is over, whatever the cutoff.
    """
    if cutoff > now:
        raise ValueError("the retention cutoff must be in the past")
    old_responses = select(Response.person_id).where(Response.completed_at < cutoff)
    old_meetings = select(Meeting.id).where(Meeting.ends_at < cutoff, Meeting.ends_at < now)
    old_registrations = select(Registration.person_id).where(Registration.meeting_id.in_(old_meetings))
    owners = set((await session.execute(old_responses.union(old_registrations))).scalars().all())
    stubs = select(Person.id).where(Person.consent == ANONYMOUS, Person.id.in_(owners))
    anonymous = set((await session.execute(stubs)).scalars().all())
    moved_responses = moved_registrations = 0
    meetings: set[int] = set()
    for owner in sorted(owners - anonymous):
        stub = Person(
            telegram_id=None,
            terminal_user=None,
            language="fr",
            consent=ANONYMOUS,
            consent_at=now,
            consent_version="-",
            created_at=now,
        )
        session.add(stub)
        await session.flush()
        responses = select(Response.id).where(Response.person_id == owner, Response.completed_at < cutoff)
        moved_responses += _count(
            await session.execute(
                update(Answer).where(Answer.response_id.in_(responses)).values(person_id=stub.id, given_by=None)
            )
        )
        await moving(session, GridResult.response_id.in_(responses), stub.id)  # the statistics' people change too
        await moving_helped(session, Response.id.in_(responses), stub.id)  # and the yearly report's
        await session.execute(
            update(GridResult).where(GridResult.response_id.in_(responses)).values(person_id=stub.id, mediator_id=None)
        )
        await session.execute(
            update(SurveyInvitation)
            .where(SurveyInvitation.person_id == owner, SurveyInvitation.meeting_id.in_(old_meetings))
            .values(person_id=stub.id)
        )
        mine = (Registration.person_id == owner, Registration.meeting_id.in_(old_meetings))
        meetings.update(await meetings_of(session, and_(*mine)))
        moved_registrations += _count(
            await session.execute(
                update(Registration)
                .where(Registration.person_id == owner, Registration.meeting_id.in_(old_meetings))
                .values(person_id=stub.id)
            )
        )
        await session.execute(  # a recent case must not lead back to answers now anonymous
            update(Case).where(Case.origin_response_id.in_(responses)).values(origin_response_id=None)
        )
        await session.execute(
            update(Response)
            .where(Response.person_id == owner, Response.completed_at < cutoff)
            .values(person_id=stub.id)
        )
    await refresh(session, meetings)  # the yearly report's people met change with the registrations moved
    deleted = await purge_cases(session, cutoff)
    deleted += _count(
        await session.execute(
            delete(OutboxMessage).where(OutboxMessage.created_at < cutoff, OutboxMessage.status != "pending")
        )
    )
    result = Purged(len(owners - anonymous), moved_responses, moved_registrations, deleted)
    checkpoint_after_commit(session)  # deleted requests and messages must not stay in SQLite's write-ahead log
    record(
        session,
        actor="retention",
        action="purge",
        at=now,
        detail={"before": cutoff.isoformat(), "people": result.people, "deleted": deleted},
    )
    return result


def _count(result: object) -> int:
    """Rows an UPDATE or DELETE touched."""
    return int(getattr(result, "rowcount", 0) or 0)
