"""The navigation row under a question (« Passer », « ◀ Retour », « ↺ Recommencer ») shows every label whole on a
phone, in every language, alone or in a mediated conversation."""

from __future__ import annotations

import re

import pytest

from dialogs.bilingual import Bilingual
from dialogs.engine import Question
from dialogs.i18n import Translator, available_languages, translator
from dialogs.schema import Flow, Step
from dialogs.steps import nav

MARKS = re.compile("[\u200e\u200f\u2066-\u2069]")
OPTIONAL = Step(id="comment", kind="text", text="Un commentaire ?", optional=True)
REQUIRED = Step(id="age", kind="number", text="Âge ?", min=0, max=120)


def nav_rows(t: Translator, step: Step = OPTIONAL) -> list[list[str]]:
    """The labels of the navigation rows of a question asked after another (Back shown), 🤔's row left out."""
    question = Question(Flow(id="fixture", version=1, title="Essai", steps=[step]), step, 2, can_back=True)
    *rows, huh = nav.rows(question, t, "f:1:")
    assert [b.action for b in huh] == ["f:1:huh"]
    return [[b.label for b in row] for row in rows]


def whole_on_a_phone(row: list[str]) -> bool:
    """A phone's row is about 40 characters wide, shared equally by its buttons, each losing about 4 to its edges."""
    shown = [len(MARKS.sub("", label)) for label in row]
    return all(width <= 40 // len(row) for width in shown) and sum(shown) + 4 * len(row) <= 40


@pytest.mark.parametrize("language", available_languages())
def test_no_navigation_label_is_cut_in_any_language(language: str) -> None:
    for t in (translator(language), Bilingual(language)):
        for step in (OPTIONAL, REQUIRED):
            rows = nav_rows(t, step)
            assert all(whole_on_a_phone(row) for row in rows), rows
            assert [label for row in rows for label in row][-2:] == [t(nav.BACK), t(nav.RESTART)]  # none left out


def test_the_three_buttons_share_a_row_where_they_fit() -> None:
    assert nav_rows(translator("fr")) == [["Passer", "◀ Retour", "↺ Recommencer"]]
    assert nav_rows(translator("en")) == [["Skip", "◀ Back", "↺ Start over"]]


@pytest.mark.parametrize(
    ("language", "skip"),
    [("es", "Saltar"), ("ro", "Săriți peste"), ("ru", "Пропустить"), ("uk", "Пропустити"), ("ar", "\u200fتخطي")],
)
def test_skip_goes_above_where_three_would_be_cut(language: str, skip: str) -> None:
    """« ↺ Empezar de nuevo » was cut beside « Saltar » and « ◀ Volver »: « Saltar » now has a row of its own."""
    t = translator(language)
    assert nav_rows(t) == [[skip], [t(nav.BACK), t(nav.RESTART)]]


def test_back_and_restart_stay_side_by_side_in_every_language() -> None:
    for language in available_languages():
        t = translator(language)
        assert nav_rows(t, REQUIRED) == [[t(nav.BACK), t(nav.RESTART)]], language


def test_a_mediated_row_too_long_for_two_gives_each_label_its_row() -> None:
    assert nav_rows(Bilingual("es"), REQUIRED) == [["◀ Volver · ◀ Retour"], ["↺ Empezar de nuevo · ↺ Recommencer"]]
