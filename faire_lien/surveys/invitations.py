"""Surveys after meetings: schedule the impact survey, open a survey from its invitation, count it answered."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.reply import Reply
from dialogs.results.blocks import Card
from dialogs.rights.outcome import add_months
from dialogs.text import msg
from faire_lien import routes
from faire_lien.core.finish import Finish
from faire_lien.core.runner import FlowRunner
from faire_lien.core.screens import About, main_menu, unfinished
from faire_lien.core.turn import Turn
from faire_lien.sessions import texts
from storage.meetings import get_meeting, last_of_series, present_in_series
from storage.models import Meeting, Registration
from storage.survey_totals import refresh
from storage.surveys import (
    get_invitation,
    invite,
    still_invited_in_series,
    unsent_about,
    unsent_for_meeting,
    unsent_to_survey,
    withdraw,
    withdrawn_about,
)
from storage.types import PARIS

HOT = "hot_evaluation"
IMPACT = "impact_3m"
IMPACT_MONTHS = 3
ALREADY = msg("Vous avez déjà répondu à ce questionnaire. Merci !", "survey")
GONE = msg("Ce questionnaire n'est plus disponible. Merci quand même !", "survey")
WITHDRAWN = msg(
    "Ce questionnaire sur « {title} » a été retiré : la liste des présences à cette rencontre a été corrigée "
    "et vous n'y êtes plus noté·e présent·e. Merci quand même !",
    "survey",
)


async def schedule_impact(session: AsyncSession, registration: Registration, meeting: Meeting, now: datetime) -> None:
    """Three months after the end of the last meeting of the series (or of this meeting), on the Paris calendar and
    clock (31 January → 30 April, same time of day), ask what changed."""
    await _schedule_impact(session, registration.person_id, meeting, now)


async def _schedule_impact(session: AsyncSession, person_id: int, meeting: Meeting, now: datetime) -> None:
    last = meeting
    if meeting.series:
        last = await last_of_series(session, meeting.series) or meeting
        stale = await still_invited_in_series(session, person_id, IMPACT, meeting.series, last.id)
        for invitation in stale:  # the series grew: one survey, at its end
            await withdraw(session, invitation)
    end = last.ends_at.astimezone(PARIS)  # its Paris day and time: 18:30 stays 18:30 across a change of clocks
    due = datetime.combine(add_months(end.date(), IMPACT_MONTHS), end.time(), tzinfo=PARIS).astimezone(UTC)
    await invite(session, person_id, IMPACT, last.id, due, now)


async def withdraw_impact_of_cancelled(session: AsyncSession, meeting: Meeting, now: datetime) -> None:
    """A session cancelled before it was held: nobody is asked, three months later, what it changed for them
    (people checked in at the door before it was called off included); someone who came to another meeting of its
    series is asked three months after the series' new last meeting instead."""
    for invitation in await unsent_to_survey(session, IMPACT, meeting.id):
        person_id = invitation.person_id
        await withdraw(session, invitation)
        if meeting.series and await present_in_series(session, person_id, meeting.series):
            await _schedule_impact(session, person_id, meeting, now)


async def follow_moved(session: AsyncSession, meeting: Meeting, now: datetime) -> None:
    """A session moved: the impact surveys not sent yet about it, or about its series, go three months after the
    series' last meeting as it now stands (another one when this one moved past it or before it)."""
    for invitation in await unsent_to_survey(session, IMPACT, meeting.id, series=meeting.series):
        person_id = invitation.person_id
        await withdraw(session, invitation)
        await _schedule_impact(session, person_id, meeting, now)


async def withdraw_impact(session: AsyncSession, registration: Registration, meeting: Meeting) -> None:
    """No longer marked present (a mistake corrected): the impact survey not sent yet is taken back, unless the
    person came to another meeting of the series."""
    if meeting.series and await present_in_series(session, registration.person_id, meeting.series):
        return
    for invitation in await unsent_about(session, registration.person_id, IMPACT, meeting):
        await withdraw(session, invitation, attendance_corrected=True)


async def withdraw_poll(session: AsyncSession, registration: Registration, meeting: Meeting) -> None:
    """No longer marked present: the poll about this meeting still waiting to go out (quiet hours, a retry) is
    taken back; one already sent stays."""
    for invitation in await unsent_for_meeting(session, registration.person_id, meeting.id, IMPACT):
        await withdraw(session, invitation, attendance_corrected=True)


async def start_survey(
    runner: FlowRunner, turn: Turn, invitation_id: int, *, replace: str | None = None
) -> list[Reply]:
    """Open the survey of an invitation addressed to this person; with another questionnaire (or survey) half
    answered, ask first whether to resume it or start this one (`replace`: they chose to start it over the
    questionnaire `routes.set_aside` names so; another one in progress by now is asked about again, never erased
    unasked)."""
    invitation = await get_invitation(turn.session, invitation_id)
    if invitation is None or invitation.person_id != turn.person.id or invitation.flow_id not in runner.flows:
        return [main_menu(turn.t, prefix=await gone(turn, invitation_id))]
    if invitation.status == "answered":
        return [main_menu(turn.t, prefix=turn.t(ALREADY))]
    active = await runner.active(turn)
    if active is not None and active.invitation_id == invitation.id:
        return await runner.ask(turn, active, [])
    flow = runner.flows[invitation.flow_id]
    if active is not None and routes.set_aside(active) != replace:
        set_aside = routes.set_aside(active)
        return [
            unfinished(
                turn.t,
                runner.flows.get(active.flow_id),
                active,
                flow,
                lambda label: routes.SURVEY_NEW.button(label, invitation_id, set_aside),
                active_about=await about(turn, active.invitation_id),
                new_about=await about(turn, invitation.id),
            )
        ]
    return await runner.begin(turn, flow, active, [], invitation=invitation.id)


async def gone(turn: Turn, invitation_id: int) -> str:
    """Why a survey cannot be opened: taken back when the person's attendance was corrected (the meeting named), or
    no longer available."""
    meeting_id = await withdrawn_about(turn.session, turn.person.id, invitation_id)
    meeting = None if meeting_id is None else await get_meeting(turn.session, meeting_id)
    if meeting is None:
        return turn.t(GONE)
    return turn.t(WITHDRAWN.bind(title=texts.title(meeting, turn.t)))


async def about(turn: Turn, invitation_id: int | None) -> About | None:
    """The session a survey invitation is about, as its buttons name it (title, short date); None for no invitation."""
    invitation = None if invitation_id is None else await get_invitation(turn.session, invitation_id)
    meeting = None if invitation is None else await get_meeting(turn.session, invitation.meeting_id)
    if meeting is None:
        return None
    return texts.title(meeting, turn.t), turn.t.date(texts.local_time(meeting.starts_at).date(), "MMMd")


async def mark_answered(turn: Turn, finish: Finish, card: Card) -> Card:
    """Finisher of survey flows: the invitation now counts as answered (the answers carry no identity in results)."""
    if finish.invitation is None:
        return card
    invitation = await get_invitation(turn.session, finish.invitation)
    response = finish.response
    if invitation is not None and invitation.person_id == response.person_id:
        invitation.status, invitation.response_id, invitation.answered_at = "answered", response.id, turn.now
        await refresh(turn.session, invitation.meeting_id)  # the answers join the session's survey totals
    return card
