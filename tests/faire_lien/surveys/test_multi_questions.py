"""A several-answers question in a survey staff wrote reads, per answer, the share of people who ticked it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from dialogs.i18n import translator
from dialogs.loader import load_flows
from dialogs.results import BUILDERS
from dialogs.schema import Flow
from faire_lien.surveys.present import report_text
from faire_lien.surveys.results import from_tally, quoted_steps, summarize
from storage.db import Database
from storage.reports import selected_meetings, survey_tally
from storage.surveys import SessionAnswers
from tests.conftest import NOW
from tests.support.surveys import surveyed_session
from web.console.survey_view import survey_view

STAFF_SURVEY = """id: mon_avis
version: 1
title: Mon avis
result: survey
steps:
  - id: liked
    kind: multi
    text: "Qu'avez-vous aimé ?"
    summary: "Aimé"
    optional: true
    options: [{id: talks, label: "Les échanges"}, {id: place, label: "Le lieu"}, {id: food, label: "Le café"}]
"""
ANSWERS = [["talks", "place"], ["talks"], ["talks"], ["place"], ["talks", "food"]]
LINE = "• Aimé (n = 5) : Les échanges 80 % · Le lieu 40 % · Le café 20 %"
"""Before: « Les échanges 0 % · Le lieu 0 % · Le café 0 % »: a list of ticked boxes counted as no answer."""


def staff_survey(tmp_path: Path) -> Flow:
    (tmp_path / "mon_avis.yaml").write_text(STAFF_SURVEY, encoding="utf-8")
    return load_flows([tmp_path], BUILDERS)["mon_avis"]


def test_ticked_boxes_are_counted_per_answer(tmp_path: Path) -> None:
    flow = staff_survey(tmp_path)
    report = summarize(flow, [SessionAnswers(1, 5, [{"liked": ticked} for ticked in ANSWERS])])
    assert LINE in report_text(report, "📊", translator("fr")).splitlines()


async def test_the_database_counts_them_alike(tmp_path: Path, db: Database) -> None:
    flow = staff_survey(tmp_path)
    async with db.unit_of_work() as session:
        meeting_id = await surveyed_session(
            session, NOW - timedelta(days=3), [{"liked": ticked} for ticked in ANSWERS], flow_id="mon_avis"
        )
    async with db.read_only() as reader:
        tally = await survey_tally(
            reader,
            "mon_avis",
            selected_meetings(meeting_id=meeting_id, kind=None, since=None, until=None),
            quoted_steps(flow),
        )
    assert LINE in report_text(from_tally(flow, tally), "📊", translator("fr")).splitlines()


def test_the_console_lists_them_in_a_table_without_a_bar_over_100_percent(tmp_path: Path) -> None:
    flow = staff_survey(tmp_path)
    report = summarize(flow, [SessionAnswers(1, 5, [{"liked": ticked} for ticked in ANSWERS])])
    (item,) = survey_view(report, translator("fr")).items
    assert [(a.label, a.count, a.share) for a in item.answers] == [
        ("Les échanges", 4, "80 %"),
        ("Le lieu", 2, "40 %"),
        ("Le café", 1, "20 %"),
    ]
    assert item.chart is None
