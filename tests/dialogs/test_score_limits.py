"""A grid's threshold and its orientations on the score are checked against the scores its points can give:
`flows check` (and start-up) refuse a contradiction with the scores it affects."""

from __future__ import annotations

from pathlib import Path

import pytest

from dialogs.loader import BUILTIN_GRIDS_DIR, check_flows
from dialogs.results import BUILDERS

GRID = """id: mygrid
version: 1
title: Ma grille
result: grid
steps:
  - {id: a, kind: yesno, text: "A ?", next: b}
  - {id: b, kind: choice, text: "B ?", options: [{id: x, label: X}, {id: y, label: Y}], next: end}
scoring:
  threshold: 2
  points: {a: {"yes": 2}, b: {x: 1}}
  orientations:
    - {id: high, when: {answer: score, gte: 2}, text: "Haut", offers: [callback]}
    - {id: low, text: "Bas"}
"""


def problems(tmp_path: Path, *change: str) -> list[str]:
    """The errors `flows check` prints for the grid above changed by (old, new) pairs, without the file name."""
    body = GRID
    for old, new in zip(change[::2], change[1::2], strict=True):
        assert old in body
        body = body.replace(old, new)
    path = tmp_path / "grid.yaml"
    path.write_text(body, encoding="utf-8")
    found = [str(e) for e in check_flows([tmp_path], BUILDERS)[1]]
    assert all(e.startswith(f"{path}: ") for e in found)
    return [e.removeprefix(f"{path}: ") for e in found]


@pytest.mark.parametrize(
    ("limit", "shown"),
    [
        (".inf", "inf is not a finite"),
        ("-.inf", "-inf is not a finite"),
        (".nan", "nan is not a finite"),
        ('"1e999"', "'1e999' is not a finite"),
        ("1e999", "'1e999' is not a finite"),
    ],
)
def test_a_limit_that_is_not_a_finite_number_is_refused(tmp_path: Path, limit: str, shown: str) -> None:
    """Before: `flows check` and start-up stopped on « cannot convert Infinity to integer »."""
    assert problems(tmp_path, "gte: 2}", f"gte: {limit}}}") == [
        f"scoring.orientations.high.when.gte: {shown} number: write the number to compare with, e.g. 30"
    ]


def test_the_built_in_grids_still_load() -> None:
    flows, errors = check_flows([BUILTIN_GRIDS_DIR], BUILDERS)
    assert errors == []
    assert flows["epices"].scoring is not None
    assert flows["epices"].scoring.threshold == 30


@pytest.mark.parametrize(
    "change",
    [
        (),
        ("gte: 2}", "gt: 1.99}"),  # the same limit once scores are rounded to 0.01
        ("gte: 2}", "gt: 2}", "threshold: 2", "threshold: 2"),  # « over 2 » is a threshold too
        ("  threshold: 2\n", ""),
        (
            "{id: high, when: {answer: score, gte: 2}",
            "{id: high, when: {all: [{answer: a, answered: true}, {answer: score, gte: 2}]}",
        ),
        ("{id: high, when: {answer: score, gte: 2}", "{id: high, when: {not: {answer: score, lt: 2}}"),
        (
            "    - {id: low",
            "    - {id: mid, when: {all: [{answer: score, gte: 1}, {answer: score, lt: 2}]}, text: M}\n    - {id: low",
        ),
    ],
)
def test_coherent_thresholds_and_orientations_are_accepted(tmp_path: Path, change: tuple[str, ...]) -> None:
    assert problems(tmp_path, *change) == []


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (
            ("threshold: 2", "threshold: 4"),
            "scoring.threshold: no score reaches 4: scores stay between 0.00 and 3.00",
        ),
        (
            ("threshold: 2", "threshold: -1"),
            "scoring.threshold: every score is over -1: scores stay between 0.00 and 3.00",
        ),
        (
            ("threshold: 2", "threshold: 1"),
            "scoring.threshold: 1 is not where an orientation changes (orientations change at 2.00): scores from 0.00 "
            "to 1.99 are oriented alike, under or over the threshold; give an orientation the limit "
            "(when: {answer: score, gte: 1}) or correct the threshold",
        ),
        (
            ("threshold: 2", "threshold: 1", "gte: 2}", "gte: 2.5}", "points: {a:", "decimals: 1\n  points: {a:"),
            "scoring.threshold: 1 is not where an orientation changes (orientations change at 2.5): scores from 0.0 "
            "to 2.4 are oriented alike",
        ),
        (
            ("{answer: score, gte: 2}", "{answer: a, equals: true}"),
            "scoring.threshold: 2 is not where an orientation changes (no orientation reads the score): scores from "
            "0.00 to 3.00 are oriented alike",
        ),
        (
            ("gte: 2}", "gte: 5}", "  threshold: 2\n", ""),
            "scoring.orientations.high: never chosen: no score meets its condition (scores stay between 0.00 and 3.00)",
        ),
        (
            ("    - {id: low", "    - {id: top, when: {answer: score, gte: 3}, text: T}\n    - {id: low"),
            "scoring.orientations.top: never chosen: its scores (3.00) already go to high, above it",
        ),
        (
            (
                "    - {id: low",
                "    - {id: mid, when: {all: [{answer: score, gte: 1}, {answer: score, lt: 2}]}, text: M}\n"
                "    - {id: rest, when: {not: {answer: score, lt: 1}}, text: R}\n    - {id: low",
            ),
            "scoring.orientations.rest: never chosen: its scores (1.00 to 3.00) already go to high, mid, above it",
        ),
    ],
)
def test_contradictions_are_refused_with_the_scores_they_affect(
    tmp_path: Path, change: tuple[str, ...], error: str
) -> None:
    found = problems(tmp_path, *change)
    assert len(found) == 1, found
    assert found[0].startswith(error), found


def test_a_threshold_out_of_reach_carries_what_the_console_translates(tmp_path: Path) -> None:
    """The console writes « Aucun score n'atteint le seuil (4) : les scores vont de 0.00 à 3.00 » from these."""
    (tmp_path / "grid.yaml").write_text(GRID.replace("threshold: 2", "threshold: 4"), encoding="utf-8")
    found = check_flows([tmp_path], BUILDERS)[1]
    assert [(e.code, e.params) for e in found] == [
        ("threshold_unreached", {"threshold": "4", "low": "0.00", "high": "3.00"})
    ]
