"""A survey invitation pressed while another questionnaire or survey is half answered: nothing lost or misfiled."""

from __future__ import annotations

from dialogs.schema import Flow
from storage.db import Database
from storage.models import Meeting, Registration, SurveyInvitation
from storage.people import Identity
from tests.conftest import make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.faire_lien.surveys.test_surveys import STAFF_ID, assistant_with_staff, held_meeting, people
from tests.support.db import rows

HOT_ANSWERS = ["press:😞", "press:1", "press:Non", "press:Passer", "press:0", "press:Passer"]


async def polled(flows: dict[str, Flow], db: Database, meetings: int) -> tuple[Talker, list[int]]:
    """One person present at `meetings` sessions, each polled; their hot-evaluation invitations, oldest first."""
    assistant = assistant_with_staff(flows)
    (talker,) = await people(assistant, db, 1)
    held = [await held_meeting(db, [talker], days_ago=8 - n) for n in range(meetings)]
    await make_staff(db, STAFF_ID)
    staff = Talker(assistant, db, who=Identity(telegram_id=STAFF_ID))
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await staff.do(step)
    for registration in await rows(db, Registration):
        await staff.do(f"raw:att:{registration.id}:present")
    for meeting_id in held:
        await staff.do(f"raw:poll:{meeting_id}")
    invitations = [i.id for i in await rows(db, SurveyInvitation) if i.flow_id == "hot_evaluation"]
    return talker, invitations


async def test_a_survey_does_not_replace_the_rights_check_in_progress(flows: dict[str, Flow], db: Database) -> None:
    talker, (invitation,) = await polled(flows, db, 1)
    for step in ["press:Bilan de mes droits", "press:Nationalité"]:
        await talker.do(step)
    assert "Depuis combien de temps vivez-vous en France" in talker.screen[0].text
    await talker.do(f"raw:sv:{invitation}")
    assert talker.screen[0].text.split("\n\n")[0] == (
        "Vous êtes en train de répondre à « Bilan de droits santé ». "
        "« Reprendre » garde vos réponses ; "
        "commencer « Votre avis sur la rencontre · Réunion C2S · 14 nov. » les efface."
    )
    assert talker.screen[0].labels() == [
        ["Reprendre « Bilan de droits santé »"],
        ["Commencer « Votre avis sur la rencont… »"],  # the survey named by its title: the session does not fit
    ]
    await talker.do("press:Reprendre")
    assert "Bilan de droits santé · question 2" in talker.screen[0].text  # the first answer is kept
    await talker.do(f"raw:sv:{invitation}")
    await talker.do("press:Commencer")
    assert "Votre avis sur la rencontre · question 1" in talker.screen[0].text


async def test_answers_go_to_the_invitation_they_were_given_for(flows: dict[str, Flow], db: Database) -> None:
    talker, (older, newer) = await polled(flows, db, 2)
    await talker.do(f"raw:sv:{older}")
    await talker.do("press:😀")
    await talker.do(f"raw:sv:{newer}")
    assert talker.screen[0].text.startswith(
        "Vous êtes en train de répondre à « Votre avis sur la rencontre · Réunion C2S · 14 nov. »"
    )
    await talker.do("press:Commencer")
    assert "Votre avis sur la rencontre · question 1" in talker.screen[0].text  # afresh, about the newer session
    for step in HOT_ANSWERS:
        await talker.do(step)
    assert talker.screen[0].text.startswith("🙏 Merci !")
    statuses = {i.id: i.status for i in await rows(db, SurveyInvitation) if i.id in (older, newer)}
    assert statuses == {older: "invited", newer: "answered"}  # the older session's results get none of these
    await talker.do(f"raw:sv:{older}")  # the older one can still be answered
    assert "Votre avis sur la rencontre · question 1" in talker.screen[0].text


async def test_two_surveys_of_the_same_kind_are_told_apart_by_their_sessions(
    flows: dict[str, Flow], db: Database
) -> None:
    talker, (older, newer) = await polled(flows, db, 2)
    async with db.unit_of_work() as session:
        invitation = await session.get(SurveyInvitation, newer)
        meeting = None if invitation is None else await session.get(Meeting, invitation.meeting_id)
        assert meeting is not None
        meeting.title = {"fr": "Atelier budget et démarches en ligne pour les familles"}
    await talker.do(f"raw:sv:{older}")
    await talker.do("press:😀")
    await talker.do(f"raw:sv:{newer}")
    labels = talker.screen[0].labels()
    assert labels == [["Reprendre « Réunion C2S · 14 nov. »"], ["Commencer « Atelier budget… · 15 nov. »"]]
    assert all(len(label) <= 40 for (label,) in labels)  # fits a phone button
    await talker.do("press:Reprendre")
    assert "Votre avis sur la rencontre · question 2" in talker.screen[0].text


async def test_the_hot_evaluation_and_the_impact_survey_of_one_session_are_told_apart(
    flows: dict[str, Flow], db: Database
) -> None:
    """Before: « … Commencer ce questionnaire-ci efface vos réponses en cours. » over « Reprendre « Réunion C2S · 14
    nov. » » and « Commencer « Réunion C2S · 14 nov. » »: both named by the session, nothing said of which
    answers each keeps or erases."""
    talker, (hot,) = await polled(flows, db, 1)
    (impact,) = [i.id for i in await rows(db, SurveyInvitation) if i.flow_id == "impact_3m"]
    await talker.do(f"raw:sv:{hot}")
    await talker.do("press:😀")
    await talker.do(f"raw:sv:{impact}")
    assert talker.screen[0].text.split("\n\n")[0] == (  # then the glossary's word on « C2S »
        "Vous êtes en train de répondre à « Votre avis sur la rencontre · Réunion C2S · 14 nov. ». "
        "« Reprendre » garde vos réponses ; commencer « Trois mois après · Réunion C2S · 14 nov. » les efface."
    )
    labels = talker.screen[0].labels()
    assert labels == [["Reprendre « Votre avis sur la rencont… »"], ["Commencer « Trois mois après · 14 nov. »"]]
    assert all(len(label) <= 40 for (label,) in labels)  # fits a phone button
    await talker.do("press:Reprendre")
    assert "Votre avis sur la rencontre · question 2" in talker.screen[0].text  # the first answer kept
    await talker.do(f"raw:sv:{impact}")
    await talker.do("press:Commencer")
    assert "Trois mois après · question 1" in talker.screen[0].text
