"""A number question in a survey staff wrote reads as its answers' spread and mean, like a 0–10 scale."""

from __future__ import annotations

from pathlib import Path

from dialogs.i18n import translator
from dialogs.loader import load_flows
from dialogs.results import BUILDERS
from faire_lien.surveys.present import report_text
from faire_lien.surveys.results import summarize
from storage.surveys import SessionAnswers

STAFF_SURVEY = """id: mon_avis
version: 1
title: Mon avis
result: survey
steps:
  - id: times
    kind: number
    text: "Combien de fois êtes-vous venu·e ?"
    summary: "Venues"
    min: 0
    max: 20
    optional: true
"""


def test_a_number_question_reads_its_spread_and_mean(tmp_path: Path) -> None:
    """Before: « • Venues (n = 5) : », and nothing after."""
    (tmp_path / "mon_avis.yaml").write_text(STAFF_SURVEY, encoding="utf-8")
    flow = load_flows([tmp_path], BUILDERS)["mon_avis"]
    answers = [{"times": n} for n in (3, 5, 5, 0, 20)]
    lines = report_text(summarize(flow, [SessionAnswers(1, 5, answers)]), "📊", translator("fr")).splitlines()
    assert "• Venues (n = 5) : 0 20 % · 3 20 % · 5 40 % · 20 20 % ; moyenne 6,6" in lines


def test_a_number_reads_as_the_readers_language_writes_it(tmp_path: Path) -> None:
    """Before: « 2.5 20 % » in French."""
    (tmp_path / "mon_avis.yaml").write_text(
        STAFF_SURVEY.replace("    optional: true", "    optional: true\n    decimals: true")
    )
    flow = load_flows([tmp_path], BUILDERS)["mon_avis"]
    answers = [{"times": n} for n in ("2.5", 3, 3, 3, 3)]
    lines = report_text(summarize(flow, [SessionAnswers(1, 5, answers)]), "📊", translator("fr")).splitlines()
    assert "• Venues (n = 5) : 2,5 20 % · 3 80 % ; moyenne 2,9" in lines
