"""Finishing a survey thanks the person once: the survey's own « 🙏 Merci ! », then the menu without another one."""

from __future__ import annotations

from dialogs.schema import Flow
from storage.db import Database
from storage.models import Registration, SurveyInvitation
from storage.people import Identity
from tests.conftest import assign_staff, make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.faire_lien.surveys.test_survey_in_progress import HOT_ANSWERS, polled
from tests.faire_lien.surveys.test_surveys import STAFF_ID, assistant_with_staff, held_meeting, people
from tests.support.db import rows

SURVEY_THANKS = "🙏 Merci ! Vos réponses nous aident à améliorer les rencontres."


def thanks_on(talker: Talker) -> list[str]:
    """Every message of the screen that says « Merci »."""
    return [reply.text for reply in talker.screen if "Merci" in reply.text]


async def test_a_finished_satisfaction_survey_thanks_once(flows: dict[str, Flow], db: Database) -> None:
    talker, (invitation,) = await polled(flows, db, 1)
    await talker.do(f"raw:sv:{invitation}")
    for step in HOT_ANSWERS:
        await talker.do(step)
    assert thanks_on(talker) == [SURVEY_THANKS]
    assert talker.screen[-1].text == "Que voulez-vous faire ?"  # the menu, without « Merci ! Vos réponses… »
    assert ["🩺 Bilan de mes droits santé"] in talker.screen[-1].labels()


async def test_a_finished_impact_survey_thanks_once(flows: dict[str, Flow], db: Database) -> None:
    assistant = assistant_with_staff(flows)
    (talker,) = await people(assistant, db, 1)
    meeting_id = await held_meeting(db, [talker], days_ago=1)
    await make_staff(db, STAFF_ID, "facilitator")
    await assign_staff(db, STAFF_ID, meeting_id)
    staff = Talker(assistant, db, who=Identity(telegram_id=STAFF_ID))
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await staff.do(step)
    (registration,) = await rows(db, Registration)
    await staff.do(f"raw:att:{registration.id}:present")
    (invitation,) = [i for i in await rows(db, SurveyInvitation) if i.flow_id == "impact_3m"]
    await talker.do(f"raw:sv:{invitation.id}")
    assert "Trois mois après · question 1" in talker.screen[0].text
    for _ in range(30):
        if not any("Passer" in str(reply.labels()) for reply in talker.screen):
            break
        await talker.do("press:Passer")
    assert thanks_on(talker) == [SURVEY_THANKS]
    assert talker.screen[-1].text == "Que voulez-vous faire ?"


async def test_a_finished_rights_check_still_says_its_answers_are_saved(flows: dict[str, Flow], db: Database) -> None:
    """Only surveys thank on their card: other questionnaires keep « Merci ! Vos réponses sont enregistrées. »."""
    assistant = assistant_with_staff(flows)
    (talker,) = await people(assistant, db, 1)
    await talker.do("press:📝 Questionnaire de repérage")
    for _ in range(60):
        if talker.screen[-1].text.startswith("Merci ! Vos réponses sont enregistrées."):
            break
        labels = [label for reply in talker.screen for row in reply.labels() for label in row]
        await talker.do(f"press:{labels[0]}")
    assert talker.screen[-1].text.startswith("Merci ! Vos réponses sont enregistrées.")
