"""« Pas concerné·e » answers stay out of a question's shares and of its n, and are counted apart, where said."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from dialogs.i18n import translator
from dialogs.schema import Flow
from faire_lien.surveys.present import report_text
from faire_lien.surveys.results import SurveyReport, counted_steps, from_tally, summarize
from storage.db import Database
from storage.reports import Months, selected_meetings, survey_tally, survey_tally_by_month
from storage.surveys import SessionAnswers
from tests.support.surveys import surveyed_session
from web.console.survey_view import answer_rows, survey_view

RIGHTS = "• Je connais mieux mes droits et mes obligations"
ALONE = "• Je me sens moins seul·e"
IMPACT = "impact_3m"
PARIS = ZoneInfo("Europe/Paris")


def ten_answers() -> list[dict[str, str]]:
    """Ten people: on « droits » 6 yes, 1 no, 3 not concerned; on « moins seul·e » 1 yes, 1 no, 8 not concerned."""
    rights = ["yes"] * 6 + ["no"] + ["not_concerned"] * 3
    alone = ["yes", "no"] + ["not_concerned"] * 8
    return [{"rights_known": r, "less_alone": a} for r, a in zip(rights, alone, strict=True)]


def test_shares_are_of_the_people_concerned_and_the_others_are_counted_apart(flows: dict[str, Flow]) -> None:
    """Before: « (n = 10) : Oui 60 % · Non 10 % · Pas concerné·e 30 % », while the yearly report read « oui : 85,7 %
    (n = 7) » for the same answers; and « moins seul·e » read « Oui 10 % · Non 10 % · Pas concerné·e 80 % »: two
    people's answers."""
    report = summarize(flows["impact_3m"], [SessionAnswers(1, 10, ten_answers())])
    lines = report_text(report, "📊", translator("fr")).splitlines()
    assert f"{RIGHTS} (n = 7) : Oui 85,7 % · Non 14,3 % — Pas concerné·e : 3, hors pourcentages" in lines
    assert f"{ALONE} : moins de 5 réponses" in lines
    english = report_text(report, "📊", translator("en")).splitlines()
    assert any(
        line.endswith("(n = 7): Yes 85.7% · No 14.3% — Does not apply to me: 3, not in the percentages")
        for line in english
    ), english


def test_the_console_table_counts_them_without_a_share(flows: dict[str, Flow]) -> None:
    report = summarize(flows["impact_3m"], [SessionAnswers(1, 10, ten_answers())])
    view = survey_view(report, translator("fr"))
    rows = answer_rows(view, "moins de 5")
    label = "Je connais mieux mes droits et mes obligations"
    assert [row[1:5] for row in rows if row[0] == label] == [
        ["Non", 1, Decimal("14.3"), 7],
        ["Oui", 6, Decimal("85.7"), 7],
        ["Pas concerné·e", 3, "", 7],
    ]
    (item,) = [i for i in view.items if i.label == label]
    assert [(a.label, a.count, a.share) for a in item.answers] == [
        ("Non", 1, "14,3 %"),
        ("Oui", 6, "85,7 %"),
        ("Pas concerné·e", 3, "hors pourcentages"),
    ]
    assert item.chart is not None and "Pas concerné·e" not in item.chart
    (alone,) = [i for i in view.items if i.label == "Je me sens moins seul·e"]
    assert alone.hidden


FEBRUARY = [{"steps_health": "no"}] * 5
MARCH = [{"steps_health": "yes"}, *[{"steps_health": "not_concerned"}] * 4]
"""One person concerned among 5 respondents: alone, their session hides the question."""


def health(report: SurveyReport) -> tuple[int, dict[str, int], int]:
    """The health question as results give it: people concerned, answers, people not concerned."""
    (item,) = [i for i in report.items if i.step.id == "steps_health"]
    return item.answered, item.counts, item.not_concerned


def test_a_session_with_fewer_than_5_people_concerned_adds_nothing_to_the_question(flows: dict[str, Flow]) -> None:
    """Before, February and March added up read « Oui 1, Non 5 » and February « Non 5 »: March's one person concerned
    said « Oui » about their health."""
    impact = flows["impact_3m"]
    both = summarize(impact, [SessionAnswers(1, 5, FEBRUARY), SessionAnswers(2, 5, MARCH)])
    alone = summarize(impact, [SessionAnswers(1, 5, FEBRUARY)])
    assert health(both) == health(alone) == (5, {"yes": 0, "no": 5}, 0)


async def test_the_database_counts_them_the_same(db: Database, flows: dict[str, Flow]) -> None:
    """The counts from the rows (one session, a facilitator's sessions) and from the monthly totals (a kind over
    months, the yearly report) leave March's question out as `summarize` does."""
    impact = flows["impact_3m"]
    async with db.unit_of_work() as session:
        february = await surveyed_session(session, datetime(2026, 2, 12, 14, tzinfo=PARIS), FEBRUARY, flow_id=IMPACT)
        await surveyed_session(session, datetime(2026, 3, 12, 14, tzinfo=PARIS), MARCH, flow_id=IMPACT)
    everything = selected_meetings(meeting_id=None, kind="info_meeting", since=None, until=None)
    months = Months(IMPACT, "info_meeting", "2026-02", "2026-03")
    async with db.read_only() as reader:
        rows = from_tally(impact, await survey_tally(reader, IMPACT, everything))
        one = from_tally(
            impact,
            await survey_tally(
                reader, IMPACT, selected_meetings(meeting_id=february, kind=None, since=None, until=None)
            ),
        )
        totals = from_tally(impact, await survey_tally_by_month(reader, months, counted_steps(impact)))
    assert health(rows) == health(one) == health(totals) == (5, {"yes": 0, "no": 5}, 0)
