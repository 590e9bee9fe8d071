"""Repository functions for survey invitations: who is asked, what was sent, who answered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, cast, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Answer, Meeting, OutboxMessage, Registration, SurveyInvitation
from storage.outbox import cancel, note_on_sent, payload_of, schedule
from storage.survey_totals import refresh


async def get_invitation(session: AsyncSession, invitation_id: int) -> SurveyInvitation | None:
    """One survey invitation by number."""
    return await session.get(SurveyInvitation, invitation_id)


async def invite(
    session: AsyncSession, person_id: int, flow_id: str, meeting_id: int, due: datetime, now: datetime
) -> SurveyInvitation | None:
    """Invite once per person, survey and meeting; the invitation goes out through the outbox at `due`."""
    invitation = await _invite(session, person_id, flow_id, meeting_id, due, now)
    if invitation is not None:
        await refresh(session, meeting_id)  # the session's survey totals count one more invited
    return invitation


async def _invite(
    session: AsyncSession, person_id: int, flow_id: str, meeting_id: int, due: datetime, now: datetime
) -> SurveyInvitation | None:
    query = select(SurveyInvitation).where(
        SurveyInvitation.person_id == person_id,
        SurveyInvitation.flow_id == flow_id,
        SurveyInvitation.meeting_id == meeting_id,
    )
    if (await session.execute(query)).scalar_one_or_none() is not None:
        return None
    invitation = SurveyInvitation(person_id=person_id, flow_id=flow_id, meeting_id=meeting_id, created_at=now)
    session.add(invitation)
    await session.flush()
    message, _ = await schedule(
        session,
        person_id,
        kind="survey_invite",
        due_at=due,
        payload={"invitation": invitation.id},
        key=f"survey:{invitation.id}",
        now=now,
    )
    if message.status == "cancelled":  # no chat to send it to (someone a mediator registered)
        invitation.status = "unreachable"
    return invitation


async def still_invited_in_series(
    session: AsyncSession, person_id: int, flow_id: str, series: str, keep_meeting_id: int
) -> list[SurveyInvitation]:
    """The person's invitations to this survey, not sent yet, about other meetings of the series."""
    query = select(SurveyInvitation).where(
        SurveyInvitation.person_id == person_id,
        SurveyInvitation.flow_id == flow_id,
        SurveyInvitation.status == "invited",
        SurveyInvitation.meeting_id != keep_meeting_id,
        SurveyInvitation.meeting_id.in_(select(Meeting.id).where(Meeting.series == series)),
    )
    return list((await session.execute(query)).scalars().all())


async def unsent_about(session: AsyncSession, person_id: int, flow_id: str, meeting: Meeting) -> list[SurveyInvitation]:
    """The person's invitations to this survey, not sent yet, about this meeting or any meeting of its series."""
    about = (
        SurveyInvitation.meeting_id.in_(select(Meeting.id).where(Meeting.series == meeting.series))
        if meeting.series
        else SurveyInvitation.meeting_id == meeting.id
    )
    query = select(SurveyInvitation).where(
        SurveyInvitation.person_id == person_id,
        SurveyInvitation.flow_id == flow_id,
        SurveyInvitation.status == "invited",
        about,
    )
    return list((await session.execute(query)).scalars().all())


async def unsent_to_survey(
    session: AsyncSession, flow_id: str, meeting_id: int, series: str | None = None
) -> list[SurveyInvitation]:
    """Everyone's invitations to this survey about this meeting (or any meeting of `series`), not sent yet."""
    about = SurveyInvitation.meeting_id == meeting_id
    if series:
        about = about | SurveyInvitation.meeting_id.in_(select(Meeting.id).where(Meeting.series == series))
    query = select(SurveyInvitation).where(
        about,
        SurveyInvitation.flow_id == flow_id,
        SurveyInvitation.status == "invited",
    )
    return list((await session.execute(query)).scalars().all())


async def unsent_for_meeting(
    session: AsyncSession, person_id: int, meeting_id: int, but_flow: str
) -> list[SurveyInvitation]:
    """The person's invitations about this meeting, not sent yet, to any survey but `but_flow`."""
    query = select(SurveyInvitation).where(
        SurveyInvitation.person_id == person_id,
        SurveyInvitation.meeting_id == meeting_id,
        SurveyInvitation.flow_id != but_flow,
        SurveyInvitation.status == "invited",
    )
    return list((await session.execute(query)).scalars().all())


WITHDRAWN = "withdrawn_about"
"""Payload entry of an invitation's message whose invitation was taken back after it may have reached the person
(its delivery uncertain): the meeting the attendance was corrected for."""


async def withdraw(session: AsyncSession, invitation: SurveyInvitation, *, attendance_corrected: bool = False) -> None:
    """Take an invitation back before it is sent: its queued message is cancelled and the row goes; with
    `attendance_corrected`, a message that may have arrived anyway remembers why, for its Answer button."""
    key = f"survey:{invitation.id}"
    await cancel(session, invitation.person_id, key)
    if attendance_corrected:
        await note_on_sent(session, invitation.person_id, key, {WITHDRAWN: invitation.meeting_id})
    await session.delete(invitation)
    await refresh(session, invitation.meeting_id)  # one fewer invited in the session's survey totals


async def withdrawn_about(session: AsyncSession, person_id: int, invitation_id: int) -> int | None:
    """The meeting whose corrected attendance took this person's invitation back, None for any other reason."""
    payload = await payload_of(session, person_id, f"survey:{invitation_id}")
    found = None if payload is None else payload.get(WITHDRAWN)
    return found if isinstance(found, int) else None


async def invite_present(session: AsyncSession, meeting: Meeting, flow_id: str, now: datetime) -> int:
    """Invite everyone marked present at a meeting; returns how many new invitations were queued."""
    query = select(Registration.person_id).where(
        Registration.meeting_id == meeting.id, Registration.status == "registered", Registration.attendance == "present"
    )
    invited = 0
    for person_id in (await session.execute(query)).scalars().all():
        invited += await _invite(session, person_id, flow_id, meeting.id, now, now) is not None
    if invited:
        await refresh(session, meeting.id)  # the session's survey totals count the new invitations
    return invited


@dataclass(frozen=True)
class Progress:
    """How a survey about one meeting is going, for the facilitator."""

    invited: int
    sent: int
    """Delivered to the person's chat (answered ones included)."""
    unreachable: int
    answered: int
    waiting: int = 0
    """Still in the send queue: not delivered yet (due later, held by quiet hours, or being sent)."""
    uncertain: int = 0
    """Sent without knowing whether it arrived (the outbox's « uncertain »): staff check with the person."""


QUEUED: tuple[str, ...] = ("pending", "sending")
"""Outbox statuses of an invitation not delivered yet but still to go out."""
UNCERTAIN: tuple[str, ...] = ("uncertain",)
"""Outbox status of an invitation that may have been delivered: never sent again by itself."""


async def progress(session: AsyncSession, meeting_id: int, flow_id: str) -> Progress:
    """Invitations by status, answered ones counted as sent too; `waiting` those whose message is still queued,
    `uncertain` those whose message may have arrived (counted in neither)."""
    ours = (SurveyInvitation.meeting_id == meeting_id, SurveyInvitation.flow_id == flow_id)
    query = select(SurveyInvitation.status, func.count()).where(*ours).group_by(SurveyInvitation.status)
    by_status = {str(status): int(n) for status, n in (await session.execute(query)).all()}
    total = sum(by_status.values())
    answered = by_status.get("answered", 0)
    sent, unreachable = by_status.get("sent", 0) + answered, by_status.get("unreachable", 0)
    waiting, uncertain = await _in_outbox(session, QUEUED, *ours), await _in_outbox(session, UNCERTAIN, *ours)
    return Progress(total, sent, unreachable, answered, waiting, uncertain)


async def _in_outbox(session: AsyncSession, statuses: tuple[str, ...], *about: Any) -> int:
    """How many of these invitations, not known as sent, have their message in one of these outbox statuses."""
    key = literal("survey:", String) + cast(SurveyInvitation.id, String)
    query = (
        select(func.count())
        .select_from(SurveyInvitation)
        .join(OutboxMessage, OutboxMessage.idempotency_key == key)
        .where(*about, SurveyInvitation.status == "invited", OutboxMessage.status.in_(statuses))
    )
    return int((await session.execute(query)).scalar_one())


async def next_due(session: AsyncSession, meeting_id: int, flow_id: str) -> datetime | None:
    """When the first invitation to this survey about this meeting not sent yet is due to go out (None: none waits)."""
    waiting = select(SurveyInvitation.id).where(
        SurveyInvitation.meeting_id == meeting_id,
        SurveyInvitation.flow_id == flow_id,
        SurveyInvitation.status == "invited",
    )
    keys = [f"survey:{invitation_id}" for invitation_id in (await session.execute(waiting)).scalars()]
    if not keys:
        return None
    query = (
        select(OutboxMessage.due_at)
        .where(OutboxMessage.idempotency_key.in_(keys), OutboxMessage.status == "pending")
        .order_by(OutboxMessage.due_at)
        .limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none()


@dataclass(frozen=True)
class SessionAnswers:
    """One session's survey: how many were invited, and each respondent's answers by step id (no identity), in the
    order they answered."""

    meeting_id: int
    invited: int
    answers: list[dict[str, Any]]


async def answers_by_session(session: AsyncSession, flow_id: str, meeting_ids: list[int]) -> list[SessionAnswers]:
    """Each of these sessions with at least one invitation to this survey: its invited count and its respondents,
    in the order they answered."""
    ours = (
        SurveyInvitation.flow_id == flow_id,
        SurveyInvitation.meeting_id.in_(meeting_ids),
    )
    invited = await session.execute(
        select(SurveyInvitation.meeting_id, func.count()).where(*ours).group_by(SurveyInvitation.meeting_id)
    )
    answered = (*ours, SurveyInvitation.status == "answered", SurveyInvitation.response_id.is_not(None))
    respondents = await session.execute(
        select(SurveyInvitation.meeting_id, SurveyInvitation.response_id)
        .where(*answered)
        .order_by(SurveyInvitation.meeting_id, SurveyInvitation.answered_at.nulls_first(), SurveyInvitation.id)
    )
    by_response: dict[int, dict[str, Any]] = {}
    by_meeting: dict[int, list[dict[str, Any]]] = {}
    for meeting_id, response_id in ((m, r) for m, r in respondents.all() if r is not None):
        by_response[response_id] = {}
        by_meeting.setdefault(meeting_id, []).append(by_response[response_id])
    values = await session.execute(
        select(Answer.response_id, Answer.step_id, Answer.value)
        .join(SurveyInvitation, SurveyInvitation.response_id == Answer.response_id)
        .where(*answered)
    )
    for response_id, step_id, value in values.all():
        by_response[response_id][step_id] = value
    return [SessionAnswers(int(m), int(n), by_meeting.get(m, [])) for m, n in sorted(invited.all())]
