"""The NPS staff read is % promoters − % detractors rounded half up, as every other share of the results."""

from __future__ import annotations

from dialogs.i18n import translator
from dialogs.schema import Flow
from faire_lien.surveys.present import report_text
from faire_lien.surveys.results import summarize
from storage.surveys import SessionAnswers


def nps_line(flow: Flow, scores: list[int]) -> str:
    """The recommendation line of one session of 10 respondents, two of whom skipped the question."""
    answers = [{"recommend": s} for s in scores] + [{"overall": 5}] * (10 - len(scores))
    text = report_text(summarize(flow, [SessionAnswers(1, 10, answers)]), "📊", translator("fr"))
    (line,) = [line for line in text.splitlines() if line.startswith("• Recommandation")]
    return line


def test_a_half_point_nps_rounds_up_like_the_shares_shown(flows: dict[str, Flow]) -> None:
    """12,5 % promoters and no detractor read NPS +13 (before: +12, while 37,5 % read +38)."""
    flow = flows["hot_evaluation"]
    one_promoter = nps_line(flow, [9] + [8] * 7)
    assert "9 12,5 %" in one_promoter and one_promoter.endswith("; NPS +13")
    assert nps_line(flow, [9] * 3 + [8] * 5).endswith("; NPS +38")
    assert nps_line(flow, [6] + [8] * 7).endswith("; NPS -13")  # 12,5 % detractors: rounded away from zero too
    assert nps_line(flow, [10] * 4 + [0] * 4).endswith("; NPS +0")
