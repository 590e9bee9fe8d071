"""A session's results page and exports move only by whole groups of 5 answers: from the 6th to the 9th answer they
show what they showed at 5, and the page says how many answers were received and for how many results are shown."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import select

from dialogs.schema import Flow
from storage.models import AuditEntry
from tests.conftest import NOW, assign_staff, make_staff
from tests.support.records import a_meeting
from tests.support.surveys import one_more_respondent, surveyed_session
from tests.web.console.conftest import Desk
from tests.web.console.results_scene import ANSWERS, COORDINATOR, FACILITATOR_A, answered_session, paris
from tests.web.console.test_console_results import survey_part

LATE: list[dict[str, Any]] = [
    {"overall": 1, "clarity": "1", "useful": "no", "invited": False, "recommend": 0, "comment": "Moi seule, de Loudun"},
    {"overall": 2, "clarity": "2", "useful": "no", "invited": False, "recommend": 2},
    {"overall": 2, "clarity": "2", "useful": "no", "invited": False, "recommend": 2},
    {"overall": 2, "clarity": "2", "useful": "no", "invited": False, "recommend": 2},
    {"overall": 2, "clarity": "2", "useful": "no", "invited": False, "recommend": 2},
]
"""The 6th to 10th answers, unlike the first five."""
IMPACT = "impact_3m"


def results_shown(page: str) -> str:
    """The results a page shows: the counts of people invited and answering (in whole groups of 5), every question's
    figures, chart and table, and the comments."""
    return survey_part(page)


async def test_the_6th_to_9th_answers_show_nothing_until_the_10th(desk: Desk, flows: dict[str, Flow]) -> None:
    hot = flows["hot_evaluation"]
    await make_staff(desk.db, FACILITATOR_A, "facilitator")
    signed = await desk.sign_in(FACILITATOR_A, "facilitator")
    async with desk.db.unit_of_work() as session:
        meeting = await a_meeting(session, NOW - timedelta(days=3), capacity=20)
        meeting_id = meeting.id
    await assign_staff(desk.db, FACILITATOR_A, meeting_id)
    page_path, csv_path = f"/sessions/{meeting_id}/results", f"/sessions/{meeting_id}/results.csv?survey=hot_evaluation"
    pages: dict[int, str] = {}
    exports: dict[int, bytes] = {}
    for n, answers in enumerate([*ANSWERS[:5], *LATE], start=1):
        async with desk.db.unit_of_work() as session:
            await one_more_respondent(session, meeting_id, hot, answers)
        page = await signed.get(page_path)
        assert page.status_code == 200
        pages[n] = page.text
        exports[n] = (await signed.get(csv_path)).content
    assert "Moins de 5 répondants : le détail est masqué" in pages[4]
    at_five = pages[5]
    assert "réponses reçues" not in at_five and "5 réponses · moyenne : 4</p>" in at_five
    assert "« <bdi>Très clair, merci</bdi> »" in at_five
    for n in range(6, 10):
        assert results_shown(pages[n]) == results_shown(at_five), n  # the same figures, charts, tables and comments
        assert (
            "Personnes invitées : 5 · répondants : 5 · taux de réponse : 100 % (arrondi par groupes de 5)" in pages[n]
        )  # not one more
        assert "réponses reçues" not in pages[n]
        assert "Loudun" not in pages[n]
        assert exports[n] == exports[5]
    at_ten = pages[10]
    assert results_shown(at_ten) != results_shown(at_five) and "réponses reçues" not in at_ten
    assert "10 réponses · moyenne : 2,9" in at_ten and "« <bdi>Moi seule, de Loudun</bdi> »" in at_ten
    assert exports[10] != exports[5]
    async with desk.db.unit_of_work() as session:
        audit = (await session.execute(select(AuditEntry.action, AuditEntry.detail).order_by(AuditEntry.id))).all()
    reads = [detail for action, detail in audit if action == "read_survey_results"]
    exported = [action for action, _ in audit if action.startswith("export")]
    assert len(reads) == 10 * 2  # a page view once, an export once: all audited
    assert exported == ["export_survey_nothing"] * 4 + ["export_survey_results"] * 6  # no file under 5 respondents


async def test_the_workbook_and_the_english_page_say_how_many_answers_count(desk: Desk) -> None:
    meeting_id = await answered_session(desk.db, followed_by=None)  # 6 respondents: 5 counted
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    workbook = await signed.get(f"/sessions/{meeting_id}/results.xlsx?survey=hot_evaluation")
    summary = {r[0]: r[1] for r in load_workbook(io.BytesIO(workbook.content))["Synthèse"].iter_rows(values_only=True)}
    assert "Répondants" not in summary and summary["Réponses comptées dans les résultats (par groupes de 5)"] == 5
    english = await signed.post("/language", {"language": "en", "back": "/"})
    assert english.status_code == 303
    page = await signed.get(f"/sessions/{meeting_id}/results")
    assert "People invited: 5 · respondents: 5 · response rate: 100%" in page.text
    assert "6 answers received" not in page.text


HEALTH = "J'ai fait des démarches pour mes soins ou ma santé"
"""An impact question with « Pas concerné·e »: its shares are of the people concerned."""


def health_rows(csv: str) -> list[str]:
    """The lines of a results CSV about the health question."""
    return [line for line in csv.splitlines() if line.startswith(HEALTH)]


async def test_two_periods_subtracted_never_give_the_answer_of_fewer_than_5_people_concerned(desk: Desk) -> None:
    """February: 5 people say « Non ». March: 5 respondents, one « Oui » and 4 « Pas concerné·e »: alone, March hides
    the question (1 person concerned). Before, February–March read « Oui 1, Non 5, Pas concerné·e 4 » and February
    « Non 5 »: the difference gave that one person's « Oui » about their health."""
    async with desk.db.unit_of_work() as session:
        await surveyed_session(session, paris(2026, 2, 12, 14), [{"steps_health": "no"}] * 5, flow_id=IMPACT)
        march = [{"steps_health": "yes"}, *[{"steps_health": "not_concerned"}] * 4]
        await surveyed_session(session, paris(2026, 3, 12, 14), march, flow_id=IMPACT)
    signed = await desk.sign_in(COORDINATOR, "coordinator")
    read = {}
    for last in ("2026-02", "2026-03"):
        query = {"survey": IMPACT, "kind": "info_meeting", "from": "2026-02", "to": last}
        export = await signed.get("/results.csv", params=query)
        assert export.status_code == 200
        read[last] = health_rows(export.content.decode("utf-8-sig"))
    assert read["2026-02"] == [f"{HEALTH};Non;5;100,0;5;;;", f"{HEALTH};Oui;0;0,0;5;;;"]
    assert read["2026-03"] == read["2026-02"]
