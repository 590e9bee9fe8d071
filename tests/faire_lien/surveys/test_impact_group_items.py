"""The impact survey's two items for groups only (surveys.md: after a hospital discharge; for people without a
complementary health cover, C2S/ACS) say whom they are for, with a « not concerned » button of their own; the answers
« not concerned » are counted apart in the results, never as a « no »."""

from __future__ import annotations

from dialogs.i18n import translator
from dialogs.schema import Flow
from faire_lien.surveys.present import report_text
from faire_lien.surveys.results import summarize
from storage.db import Database
from storage.models import SurveyInvitation
from storage.surveys import SessionAnswers
from tests.faire_lien.surveys.test_survey_in_progress import polled
from tests.support.db import rows

CALMER = (
    "Trois mois après · question 9\n"
    "Si vous êtes sorti·e de l'hôpital peu avant les rencontres : depuis, je vois ma situation plus sereinement."
)
COMPLEMENTARY = (
    "Trois mois après · question 10\n"
    "Si vous n'aviez pas de complémentaire santé, ou pouviez avoir la C2S : depuis les rencontres, j'ai fait des "
    "démarches pour une complémentaire santé."
)


async def test_each_group_item_says_whom_it_is_for(flows: dict[str, Flow], db: Database) -> None:
    """Before: « Depuis les rencontres : je vois ma situation plus sereinement. » and « … j'ai fait des démarches pour
    une complémentaire santé. », asked of everyone who came to a health check-up, with a bare « Pas concerné·e »."""
    talker, _ = await polled(flows, db, 1)
    (impact,) = [i.id for i in await rows(db, SurveyInvitation) if i.flow_id == "impact_3m"]
    await talker.do(f"raw:sv:{impact}")
    for _ in range(8):
        await talker.do("press:Oui")
    assert talker.screen[0].text == CALMER
    assert talker.screen[0].labels()[:3] == [["Oui"], ["Non"], ["Pas concerné·e : pas d'hôpital"]]
    await talker.do("press:Pas concerné·e : pas d'hôpital")
    assert talker.screen[0].text.split("\n\n")[0] == COMPLEMENTARY  # then the glossary's word on « C2S »
    assert talker.screen[0].labels()[:3] == [["Oui"], ["Non"], ["Pas concerné·e : déjà couvert·e"]]


def test_people_not_concerned_are_counted_apart(flows: dict[str, Flow]) -> None:
    """Ten answered: 3 yes and 2 no after a hospital discharge, 5 not concerned; the share is of the 5 concerned."""
    answers = [{"calmer": v} for v in ["yes"] * 3 + ["no"] * 2 + ["not_concerned"] * 5]
    report = summarize(flows["impact_3m"], [SessionAnswers(1, 10, answers)])
    lines = report_text(report, "📊", translator("fr")).splitlines()
    assert (
        "• Après une sortie d'hôpital : je vois ma situation plus sereinement (n = 5) : Oui 60 % · Non 40 % — "
        "Pas concerné·e : pas d'hôpital : 5, hors pourcentages"
    ) in lines
