"""Survey charts as inline SVG: diverging colour-blind-safe palette in scale order, full labels, legend, sums."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from dialogs.i18n import translator
from dialogs.schema import Flow
from faire_lien.surveys.results import summarize
from storage.surveys import SessionAnswers
from web.console.charts import (
    DIVERGING,
    OUTSIDE,
    QUALITATIVE,
    WIDTH,
    Segment,
    coloured,
    ink,
    is_scale,
    ordered,
    palette,
    stacked_bar,
    widths,
)
from web.console.survey_view import survey_view

SVG = "{http://www.w3.org/2000/svg}"
FACES = ["Très mal", "Plutôt mal", "Moyen", "Plutôt bien", "Très bien"]
EN_FACES = ["Very bad", "Quite bad", "Okay", "Quite good", "Very good"]


def parsed(chart: str) -> ET.Element:
    """The chart as XML: it must be well formed to be drawn."""
    return ET.fromstring(chart)


def faces(counts: list[int]) -> list[Segment]:
    total = sum(counts)
    return coloured([Segment(str(i + 1), FACES[i], n, f"{round(n * 100 / total)} %") for i, n in enumerate(counts)])


def test_a_five_point_scale_runs_red_to_blue_with_the_neutral_in_the_middle() -> None:
    colours = palette(["1", "2", "3", "4", "5"])
    assert colours == ["#ca0020", "#f4a582", "#f7f7f7", "#92c5de", "#0571b0"]  # ColorBrewer RdBu, 5 classes
    assert colours[2] == DIVERGING[5][2] == "#f7f7f7"
    assert palette(["1", "2", "3", "4"]) == list(DIVERGING[4])  # an even scale has no middle


def test_yes_partly_no_is_a_scale_from_no_to_yes_and_not_concerned_stays_outside() -> None:
    assert ordered(["yes", "partly", "no"]) == ["no", "partly", "yes"]
    assert palette(["no", "partly", "yes"]) == list(DIVERGING[3])
    assert ordered(["yes", "no", "not_concerned"]) == ["no", "yes", "not_concerned"]
    assert palette(["no", "yes", "not_concerned"]) == ["#ca0020", "#0571b0", OUTSIDE]
    assert palette(["no", "yes"]) == ["#ca0020", "#0571b0"]


def test_answers_that_are_not_a_scale_take_the_okabe_ito_palette() -> None:
    assert not is_scale(["bus", "car", "foot"])
    assert palette(["bus", "car", "foot"]) == list(QUALITATIVE[:3])
    assert not is_scale([str(n) for n in range(11)])  # 0–10 is shown as mean and median instead
    assert ordered(["bus", "car"]) == ["bus", "car"]


def test_text_on_a_segment_contrasts_with_its_colour() -> None:
    assert ink("#ca0020") == ink("#0571b0") == "#ffffff"
    assert ink("#f7f7f7") == ink("#f4a582") == ink("#92c5de") == "#000000"


@pytest.mark.parametrize("counts", [[1, 1, 1], [1, 2, 3, 4, 5, 6, 7], [0, 0, 5, 0, 0], [3, 0, 0, 0, 1], [7, 13]])
def test_widths_add_up_to_the_whole_bar(counts: list[int]) -> None:
    found = widths(counts)
    assert sum(found) == pytest.approx(WIDTH, abs=1e-9)
    assert all(w >= 0 for w in found)
    assert [w == 0 for w in found] == [c == 0 for c in counts]


def test_the_chart_names_every_answer_with_its_share_and_has_a_text_alternative() -> None:
    chart = stacked_bar("chart-hot-overall", "Dans l'ensemble", faces([0, 1, 1, 2, 6]))
    svg = parsed(chart)
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "chart-hot-overall-title chart-hot-overall-desc"
    title = svg.find(f"{SVG}title")
    desc = svg.find(f"{SVG}desc")
    assert title is not None and title.get("id") == "chart-hot-overall-title" and title.text == "Dans l'ensemble"
    assert desc is not None and desc.text is not None and "Très bien — 60 % (6)" in desc.text
    legend = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "legend"]
    assert legend == [
        "Très mal — 0 % (0)",
        "Plutôt mal — 10 % (1)",
        "Moyen — 10 % (1)",
        "Plutôt bien — 20 % (2)",
        "Très bien — 60 % (6)",
    ]
    segments = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "segment"]
    assert [r.get("data-key") for r in segments] == ["2", "3", "4", "5"]  # nobody said 1: no segment
    assert [r.get("fill") for r in segments] == ["#f4a582", "#f7f7f7", "#92c5de", "#0571b0"]
    assert sum(float(r.get("width", "0")) for r in segments) == pytest.approx(WIDTH)
    written = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") != "legend"]
    assert written == ["10 %", "10 %", "20 %", "60 %"]  # each segment wide enough carries its percentage


def test_a_narrow_segment_gives_its_share_in_the_legend_only() -> None:
    svg = parsed(stacked_bar("c", "Clarté", faces([1, 0, 0, 0, 99])))
    in_bar = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") != "legend"]
    assert in_bar == ["99 %"]
    assert "Très mal — 1 % (1)" in [t.text for t in svg.iter(f"{SVG}text")]


def test_labels_are_escaped() -> None:
    chart = stacked_bar("c", "<script>", [Segment("a", "Oui & <b>non</b>", 5, "100 %", "#0072b2")])
    assert "<script>" not in chart and "<b>" not in chart
    assert [t.text for t in parsed(chart).iter(f"{SVG}text")][-1] == "Oui & <b>non</b> — 100 % (5)"


def test_a_real_survey_gives_full_labels_in_the_console_language_and_shares_making_100(
    flows: dict[str, Flow],
) -> None:
    answers = [
        {"overall": 5, "clarity": "5", "useful": "yes", "invited": True, "recommend": 10},
        {"overall": 4, "clarity": "4", "useful": "partly", "invited": True, "recommend": 9},
        {"overall": 4, "clarity": "5", "useful": "yes", "invited": False, "recommend": 7},
        {"overall": 2, "clarity": "1", "useful": "no", "invited": True, "recommend": 3},
        {"overall": 5, "clarity": "3", "useful": "yes", "invited": True, "recommend": 10},
        {"overall": 3, "clarity": "4", "useful": "yes", "invited": False, "recommend": 8},
    ]
    report = summarize(flows["hot_evaluation"], [SessionAnswers(1, 7, answers)])
    for language, words in (("fr", ["Non", "En partie", "Oui"]), ("en", ["No", "Partly", "Yes"])):
        view = survey_view(report, translator(language))
        items = {i.step_id: i for i in view.items}
        useful = items["useful"]
        assert [a.label for a in useful.answers] == words
        assert useful.chart is not None and all(w in useful.chart for w in words)
        assert abs(sum(a.percent for a in useful.answers) - 100) <= Decimal("0.05") * len(useful.answers)
        clarity = items["clarity"]
        assert clarity.answers[0].label.startswith("1 —") and clarity.answers[-1].label.startswith("5 —")
        assert abs(sum(a.percent for a in clarity.answers) - 100) <= Decimal("0.05") * len(clarity.answers)
        recommend = items["recommend"]
        assert recommend.numeric and recommend.chart is None
        # The first 5 answers: the 6th waits for its group of 5.
        assert (recommend.mean, recommend.median, recommend.nps) == (Decimal("7.8"), Decimal("9.0"), 40)
    english = survey_view(report, translator("en"))
    overall = next(i for i in english.items if i.step_id == "overall")
    assert [a.label for a in overall.answers] == EN_FACES
