"""The invitation to answer a survey after a meeting, with its Answer button."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import Translator
from dialogs.reply import Reply
from dialogs.text import msg
from faire_lien import routes
from faire_lien.sessions import texts
from faire_lien.surveys.invitations import HOT, IMPACT
from storage.meetings import get_meeting
from storage.models import OutboxMessage
from storage.surveys import get_invitation

INVITE_TEXT = {
    HOT: msg("Merci d'être venu·e à « {title} » ({day}). Deux minutes pour nous donner votre avis ?", "survey"),
    IMPACT: msg(
        "Il y a trois mois, vous avez participé à « {title} ». Qu'est-ce qui a changé pour vous depuis ? "
        "Deux minutes suffisent.",
        "survey",
    ),
}
OTHER_SURVEY = msg("Après « {title} » ({day}) : deux minutes pour répondre à un questionnaire ?", "survey")


async def survey_invite(session: AsyncSession, message: OutboxMessage, t: Translator, now: datetime) -> Reply | None:
    """The invitation about the meeting it follows; None once answered or when the meeting is gone."""
    invitation = await get_invitation(session, int(message.payload.get("invitation", 0)))
    if invitation is None or invitation.status == "answered":
        return None
    meeting = await get_meeting(session, invitation.meeting_id)
    text = INVITE_TEXT.get(invitation.flow_id, OTHER_SURVEY)  # staff-defined surveys get a neutral invitation
    if meeting is None:
        return None
    day = t.format(texts.local_time(meeting.starts_at).date())
    body = t(text.bind(title=texts.title(meeting, t), day=day))
    return Reply(body, ((routes.SURVEY.button(t(msg("✍️ Répondre", "survey")), invitation.id),),))
