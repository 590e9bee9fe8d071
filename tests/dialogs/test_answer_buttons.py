"""Every answer button of a flow, grid or survey fits a phone in every language, its whole choice readable."""

from __future__ import annotations

import pytest

from dialogs.bilingual import BUTTON
from dialogs.engine import Question
from dialogs.i18n import SOURCE_LANGUAGE, available_languages, translator
from dialogs.loader import BUILTIN_DIRS, load_flows
from dialogs.results import BUILDERS
from dialogs.steps import kind_of

LANGUAGES = sorted({SOURCE_LANGUAGE, *available_languages()})
FLOWS = load_flows(list(BUILTIN_DIRS), BUILDERS)
ASKED = [(flow, step) for flow in FLOWS.values() for step in flow.steps if step.options or step.kind == "yesno"]


def answer_labels(language: str) -> dict[str, str]:
    """Each answer button as the person sees it (a multi-choice box included), named by flow, step and place."""
    t = translator(language)
    labels: dict[str, str] = {}
    for flow, step in ASKED:
        rows = kind_of(step).keyboard(Question(flow, step, 1, can_back=True), t, "f:1:")
        answers = rows[:-1] if step.kind == "multi" else rows  # a multi-choice's last row is « Valider »
        for place, button in enumerate(b for row in answers for b in row):
            labels[f"{flow.id}/{step.id}/{place}"] = button.label
    return labels


def test_every_question_with_options_is_seen() -> None:
    flows = {flow.id for flow, _ in ASKED}
    assert {"rights_check", "gfst", "epices", "hot_evaluation", "impact_3m"} <= flows
    assert len(answer_labels(SOURCE_LANGUAGE)) > 100


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_answer_button_fits_a_phone(language: str) -> None:
    labels = answer_labels(language)
    too_long = {where: label for where, label in labels.items() if len(label) > BUTTON}
    assert too_long == {}
