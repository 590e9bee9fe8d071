"""Grids as data: the EPICES scorer against hand-computed values, orientations of each grid, broken grid files."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest

from dialogs.engine import next_step
from dialogs.loader import check_flows
from dialogs.results import BUILDERS
from dialogs.schema import Flow

# The published coefficients (Sass et al., BEH 2006 n°14), applied to "oui" answers.
EPICES = {
    "q1": 10.06,
    "q2": -11.83,
    "q3": -8.28,
    "q4": -8.28,
    "q5": 14.80,
    "q6": -6.51,
    "q7": -7.10,
    "q8": -7.10,
    "q9": -9.47,
    "q10": -9.47,
    "q11": -7.10,
}
SIX = ("lives_alone", "weight_loss", "tired", "moving", "memory", "walking")
PROTECTIVE = {"q1": False, "q2": True, "q3": True, "q4": True, "q5": False, **{f"q{i}": True for i in range(6, 12)}}


def by_hand(answers: dict[str, bool]) -> Decimal:
    total = 75.14 + sum(coef for q, coef in EPICES.items() if answers[q])
    return Decimal(str(round(total + 1e-9, 2))).quantize(Decimal("0.01"))


def test_epices_all_protective_answers_score_zero(flows: dict[str, Flow]) -> None:
    scoring = flows["epices"].scoring
    assert scoring is not None
    assert scoring.score(PROTECTIVE) == Decimal("0.00")


def test_epices_published_100_case(flows: dict[str, Flow]) -> None:
    scoring = flows["epices"].scoring
    assert scoring is not None
    only_q1_q5 = {q: q in ("q1", "q5") for q in EPICES}
    assert scoring.score(only_q1_q5) == Decimal("100.00")


def test_epices_50_random_answer_sets_match_the_hand_formula(flows: dict[str, Flow]) -> None:
    scoring = flows["epices"].scoring
    assert scoring is not None
    rng = random.Random(2026)
    for _ in range(50):
        answers = {q: rng.random() < 0.5 for q in EPICES}
        score = scoring.score(answers)
        assert score == by_hand(answers), answers
        expected = "support" if score >= 30 else "no_need"
        assert scoring.orientation(answers, score).id == expected
        assert Decimal(0) <= score <= Decimal(100)


# The published quintiles are half-open, lower bound included: Q1 [0 ; 7,10[, Q2 [7,10 ; 16,56[, Q3 [16,56 ; 30,17[,
# Q4 [30,17 ; 48,53[, Q5 [48,53 ; 100]: a score on a cut-off belongs to the higher quintile. Each edge, and just under.
EDGES = [
    ("0", 1), ("7.09", 1), ("7.10", 2), ("16.55", 2), ("16.56", 3), ("30.16", 3), ("30.17", 4), ("48.52", 4),
    ("48.53", 5), ("100", 5),
]  # fmt: skip


@pytest.mark.parametrize(("score", "quintile"), EDGES)
def test_epices_quintiles_for_staff(flows: dict[str, Flow], score: str, quintile: int) -> None:
    scoring = flows["epices"].scoring
    assert scoring is not None
    assert scoring.quintile(Decimal(score)) == quintile


def test_epices_threshold_30_offers_checkup_rights_and_callback(flows: dict[str, Flow]) -> None:
    scoring = flows["epices"].scoring
    assert scoring is not None
    assert scoring.orientation(PROTECTIVE, Decimal("30.00")).offers == ["checkup", "rights", "callback"]
    assert scoring.orientation(PROTECTIVE, Decimal("29.99")).id == "no_need"


def test_renoncement_orients_to_the_health_support_mission(flows: dict[str, Flow]) -> None:
    scoring = flows["renoncement"].scoring
    assert scoring is not None
    assert scoring.orientation({"renounced": True}, Decimal(0)).offers == ["callback", "rights"]
    assert scoring.orientation({"renounced": False}, Decimal(0)).id == "no_renouncing"


@pytest.mark.parametrize(
    ("answers", "orientation"),
    [
        ({"over_65": False}, "not_concerned"),
        (
            {
                "over_65": True,
                **dict.fromkeys(("lives_alone", "weight_loss", "tired", "moving", "memory", "walking"), "no"),
            },
            "no_sign",
        ),
        ({"over_65": True, "tired": "yes", "accepts": True}, "assessment"),
        ({"over_65": True, "memory": "yes", "accepts": False}, "talk_to_doctor"),
        ({"over_65": True, "walking": "yes", "seems_frail": "no"}, "talk_to_doctor"),
        # « Je ne sais pas » is no « Non »: without a « Oui », only the professional can conclude.
        (
            {"over_65": True, **dict.fromkeys(SIX, "unknown"), "seems_frail": "unknown", "accepts": False},
            "not_concluded",
        ),
        ({"over_65": True, **dict.fromkeys(SIX, "no"), "memory": "unknown", "accepts": False}, "not_concluded"),
        # No usable answer: the professional's impression alone concludes nothing (asked after a "oui" in the grid).
        ({"over_65": True, **dict.fromkeys(SIX, "unknown"), "seems_frail": "no"}, "not_concluded"),
        ({"over_65": True, **dict.fromkeys(SIX, "no"), "memory": "unknown", "seems_frail": "no"}, "no_sign"),
        ({"over_65": True, **dict.fromkeys(SIX, "unknown"), "seems_frail": "yes", "accepts": True}, "assessment"),
    ],
)
def test_gfst_orientations(flows: dict[str, Flow], answers: dict[str, object], orientation: str) -> None:
    scoring = flows["gfst"].scoring
    assert scoring is not None
    assert scoring.orientation(answers, scoring.score(answers)).id == orientation  # type: ignore[arg-type]


def test_a_dont_know_leads_the_gfst_to_the_professionals_impression(flows: dict[str, Flow]) -> None:
    walking = flows["gfst"].step("walking")
    assert next_step(walking, {"over_65": True, **dict.fromkeys(SIX[:-1], "no"), "walking": "unknown"}) == "seems_frail"
    assert next_step(walking, {"over_65": True, **dict.fromkeys(SIX, "no")}) == "end"


@pytest.mark.parametrize(
    ("grid", "answers"),
    [
        ("epices", {k: v for k, v in PROTECTIVE.items() if k != "q5"}),
        ("faire_lien", {"alone": True, "daily": True, "wish": True, "confidential": True}),
        ("renoncement", {}),
    ],
)
def test_a_grid_left_unanswered_concludes_nothing(
    flows: dict[str, Flow], grid: str, answers: dict[str, object]
) -> None:
    scoring = flows[grid].scoring
    assert scoring is not None
    found = scoring.orientation(answers, scoring.score(answers))  # type: ignore[arg-type]
    assert (found.id, found.concluded, found.offers) == ("not_concluded", False, ["callback"])
    assert not scoring.concluded("not_concluded") and scoring.concluded("gone_since")


def test_answered_grids_still_conclude(flows: dict[str, Flow]) -> None:
    epices = flows["epices"].scoring
    assert epices is not None
    assert epices.orientation(PROTECTIVE, epices.score(PROTECTIVE)).id == "no_need"


def test_faire_lien_offers_an_individual_meeting_before_any_group(flows: dict[str, Flow]) -> None:
    scoring = flows["faire_lien"].scoring
    assert scoring is not None
    need = {"illness": True, "alone": True, "daily": False, "wish": True, "confidential": True, "available": False}
    result = scoring.orientation(need, scoring.score(need))
    assert (result.id, result.offers) == ("individual_meeting", ["facilitator"])
    assert scoring.orientation({**need, "wish": False}, Decimal(0)).id == "talk_first"


GOOD = """id: mygrid
version: 1
category: screening
title: Ma grille
result: grid
steps:
  - {id: a, kind: yesno, text: "A ?", next: b}
  - {id: b, kind: choice, text: "B ?", options: [{id: x, label: X}, {id: y, label: Y}], next: end}
scoring:
  points: {a: {"yes": 2}, b: {x: 1}}
  orientations:
    - {id: high, when: {answer: score, gte: 2}, text: "Haut", offers: [callback]}
    - {id: low, text: "Bas"}
"""


@pytest.mark.parametrize(
    ("change", "error"),  # change: pairs of (old, new) in the good grid
    [
        (('a: {"yes": 2}', 'zz: {"yes": 2}'), "scoring.points: unknown step 'zz'"),
        (("b: {x: 1}", "b: {z: 1}"), "scoring.points.b: ['z'] is not an answer of this step"),
        (
            ("{id: a, kind: yesno,", "{id: a, kind: scale10,", 'a: {"yes": 2}', 'a: {"10": 2}'),
            "scoring.points.a: a scale10 step gives no points (yes/no, choice and multi steps do); "
            "an orientation's 'when' can read its answer instead",
        ),
        (('    - {id: low, text: "Bas"}\n', ""), "the last orientation must have no 'when'"),
        (("{answer: score, gte: 2}", "{answer: nope, gte: 2}"), "condition refers to unknown step 'nope'"),
        (("offers: [callback]", "offers: [coffee]"), "offers.0: Input should be"),
        (("result: grid", "result: summary"), "a flow with 'scoring' must use 'result: grid'"),
        (
            ('text: "A ?", next: b}', 'text: "A ?", optional: true, next: b}'),
            "",  # one scored question left that cannot be skipped: nothing to say
        ),
        (
            (
                'text: "A ?", next: b}',
                'text: "A ?", optional: true, next: b}',
                "options: [{id: x",
                "optional: true, options: [{id: x",
            ),
            "every question with points can be skipped: add an orientation with 'concluded: false' for answers left "
            "out (when: {answer: a, answered: false}), or a skipped grid reads as a result",
        ),
        (
            ("  points: {a", "  quintiles: [1, 2]\n  points: {a"),
            "quintiles: give the 4 cut-offs between 5 groups (got 2), or none",
        ),
        (
            ("  points: {a", "  decimals: 3\n  points: {a"),
            "scoring.decimals: at most 2: results keep a score with 2 decimals",
        ),
        (
            ('a: {"yes": 2}', 'a: {"yes": 999999.5, "no": -5}'),
            "scoring: a score could reach 1000000.5, beyond the ±999999.99 results keep",
        ),
        (
            ("  points: {a", "  constant: -1000000\n  points: {a"),
            "scoring: a score could reach -1000000, beyond the ±999999.99 results keep",
        ),
        (
            ("{id: y, label: Y}", "{id: y, label: ' x '}"),
            "step b: options x and y have the same label « X »: the person could not tell them apart",
        ),
        (
            ("{answer: score, gte: 2}", "{answer: score, gte: true}"),
            "scoring.orientations.high.when.gte: true (yes/no in YAML) is not a number: write the number to compare "
            "with, e.g. 30",
        ),
        (
            ("{answer: score, gte: 2}", "{any: [{answer: a, answered: false}, {answer: score, gt: yes}]}"),
            "scoring.orientations.high.when.any.1.gt: true (yes/no in YAML) is not a number",
        ),
        (
            ("{answer: score, gte: 2}", '{answer: score, lt: "abc"}'),
            "scoring.orientations.high.when.lt: 'abc' is not a number: write the number to compare with, e.g. 30",
        ),
    ],
)
def test_grid_file_errors_are_clear(tmp_path: Path, change: tuple[str, ...], error: str) -> None:
    (tmp_path / "ok.yaml").write_text(GOOD, encoding="utf-8")
    assert check_flows([tmp_path], BUILDERS)[1] == []
    changed = GOOD
    for old, new in zip(change[::2], change[1::2], strict=True):
        changed = changed.replace(old, new)
    (tmp_path / "ok.yaml").write_text(changed, encoding="utf-8")
    errors = [str(e) for e in check_flows([tmp_path], BUILDERS)[1]]
    if not error:
        assert errors == []
        return
    assert any(error in e for e in errors), errors
    assert len(errors) == 1, errors  # the one problem, not also a broken `all`, `any` and `not`
    assert all(e.startswith(str(tmp_path / "ok.yaml")) for e in errors)


def test_yes_and_no_written_unquoted_are_the_answers_they_name(tmp_path: Path) -> None:
    """YAML reads `yes:` and `no:` as true and false; before: « scoring.points.a.1.[key]: Input should be a valid
    string », the grid refused."""
    unquoted = GOOD.replace('a: {"yes": 2}', "a: {yes: 2, no: -1}").replace(
        "options: [{id: x, label: X}, {id: y, label: Y}]", "options: [{id: yes, label: X}, {id: no, label: Y}]"
    )
    (tmp_path / "ok.yaml").write_text(unquoted.replace("b: {x: 1}", "b: {yes: 1}"), encoding="utf-8")
    flows, errors = check_flows([tmp_path], BUILDERS)
    assert [str(e) for e in errors] == []
    grid = flows["mygrid"]
    assert grid.step("b").option_ids() == ["yes", "no"]
    scoring = grid.scoring
    assert scoring is not None
    assert scoring.score({"a": True, "b": "yes"}) == Decimal(3)
    assert scoring.score({"a": False, "b": "no"}) == Decimal(-1)
