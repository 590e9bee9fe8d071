"""Surveys after meetings: invite the people present, schedule the impact survey, answer from the invitation."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import Translator
from dialogs.reply import Button, Reply
from dialogs.results.blocks import Card
from dialogs.rights.outcome import add_months
from dialogs.text import msg
from faire_lien.core.finish import Finish
from faire_lien.core.runner import FlowRunner
from faire_lien.core.screens import main_menu
from faire_lien.core.turn import Turn
from faire_lien.sessions import texts
from storage.models import Meeting, Registration, SurveyInvitation
from storage.outbox import cancel
from storage.surveys import invite

HOT = "hot_evaluation"
IMPACT = "impact_3m"
IMPACT_MONTHS = 3
INVITE_TEXT = {
    HOT: msg("Merci d'être venu·e à « {title} » ({day}). Deux minutes pour nous donner votre avis ?", "survey"),
    IMPACT: msg(
        "Il y a trois mois, vous avez participé à « {title} ». Qu'est-ce qui a changé pour vous depuis ? "
        "Deux minutes suffisent.",
        "survey",
    ),
}
OTHER_SURVEY = msg("Après « {title} » ({day}) : deux minutes pour répondre à un questionnaire ?", "survey")
ALREADY = msg("Vous avez déjà répondu à ce questionnaire. Merci !", "survey")
GONE = msg("Ce questionnaire n'est plus disponible. Merci quand même !", "survey")


async def schedule_impact(session: AsyncSession, registration: Registration, meeting: Meeting, now: datetime) -> None:
    """Three months after the last meeting of the series (or of this meeting), ask what changed."""
    last = meeting
    if meeting.series:
        query = (
            select(Meeting)
            .where(Meeting.series == meeting.series, Meeting.status == "scheduled")
            .order_by(Meeting.ends_at.desc())
            .limit(1)
        )
        last = (await session.execute(query)).scalar_one_or_none() or meeting
        earlier = select(SurveyInvitation).where(
            SurveyInvitation.person_id == registration.person_id,
            SurveyInvitation.flow_id == IMPACT,
            SurveyInvitation.status == "invited",
            SurveyInvitation.meeting_id != last.id,
            SurveyInvitation.meeting_id.in_(select(Meeting.id).where(Meeting.series == meeting.series)),
        )
        for stale in (await session.execute(earlier)).scalars().all():  # the series grew: one survey, at its end
            await cancel(session, registration.person_id, f"survey:{stale.id}")
            await session.delete(stale)
    end = last.ends_at
    due = datetime.combine(add_months(end.date(), IMPACT_MONTHS), end.timetz())
    await invite(session, registration.person_id, IMPACT, last.id, due, now)


async def invitation_reply(session: AsyncSession, payload: dict[str, Any], t: Translator) -> Reply | None:
    """The invitation message with its Answer button; None when it no longer applies."""
    invitation = await session.get(SurveyInvitation, int(payload.get("invitation", 0)))
    if invitation is None or invitation.status == "answered":
        return None
    meeting = await session.get(Meeting, invitation.meeting_id)
    text = INVITE_TEXT.get(invitation.flow_id, OTHER_SURVEY)  # staff-defined surveys get a neutral invitation
    if meeting is None:
        return None
    day = t.format(texts.local_time(meeting.starts_at).date())
    body = t(msg(text.msgid, "survey", title=texts.title(meeting, t), day=day))
    return Reply(body, ((Button(t(msg("✍️ Répondre", "survey")), f"sv:{invitation.id}"),),))


async def start_survey(runner: FlowRunner, turn: Turn, invitation_id: int) -> list[Reply]:
    """Open the survey of an invitation addressed to this person."""
    invitation = await turn.session.get(SurveyInvitation, invitation_id)
    if invitation is None or invitation.person_id != turn.person.id or invitation.flow_id not in runner.flows:
        return [main_menu(turn.t, prefix=turn.t(GONE))]
    if invitation.status == "answered":
        return [main_menu(turn.t, prefix=turn.t(ALREADY))]
    active = await runner.active(turn)
    if active is not None and active.invitation_id == invitation.id:
        return await runner.ask(turn, active, [])
    flow = runner.flows[invitation.flow_id]
    return await runner.begin(turn, flow, active, [], invitation=invitation.id)


async def mark_answered(turn: Turn, finish: Finish, card: Card) -> Card:
    """Finisher of survey flows: the invitation now counts as answered (the answers carry no identity in results)."""
    if finish.invitation is None:
        return card
    invitation = await turn.session.get(SurveyInvitation, finish.invitation)
    response = finish.response
    if invitation is not None and invitation.person_id == response.person_id:
        invitation.status, invitation.response_id, invitation.answered_at = "answered", response.id, turn.now
    return card
