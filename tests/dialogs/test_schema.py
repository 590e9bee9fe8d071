"""A grid's fingerprint: what decides how it is answered and scored, and nothing people only read."""

from __future__ import annotations

from typing import Any

import pytest

from dialogs.loader import BUILTIN_DIRS, load_flows
from dialogs.results import BUILDERS
from dialogs.schema import Flow


@pytest.fixture(scope="module")
def gfst() -> Flow:
    return load_flows(BUILTIN_DIRS, BUILDERS)["gfst"]


def edited(flow: Flow, change: Any) -> Flow:
    raw = flow.model_dump(mode="json", exclude_none=True)
    change(raw["steps"][1])
    return Flow.model_validate(raw)


def test_wordings_leave_the_fingerprint_as_it_was(gfst: Flow) -> None:
    """A question reworded, a help text, a plainer wording, a recap label and an option's label changed in place: the
    fingerprint is the same, so a person half-way through the grid goes on with their answers."""

    def reword(step: dict[str, Any]) -> None:
        step["text"] = "Habitez-vous seul·e ?"
        step["help"] = "Sans personne d'autre chez vous."
        step["simple"] = "Vous vivez seul·e ?"
        step["summary"] = "Seul·e"
        step["options"][2]["label"] = "Je ne sais pas trop"

    assert edited(gfst, reword).fingerprint == gfst.fingerprint
    assert edited(gfst, reword).wording_fingerprint != gfst.wording_fingerprint


@pytest.mark.parametrize(
    "change",
    [
        lambda step: step["options"].pop(2),
        lambda step: step["options"][2].update(id="maybe"),
        lambda step: step.update(kind="yesno", options=[]),
        lambda step: step.update(optional=not step.get("optional", False)),
        lambda step: step.update(next="end"),
    ],
    ids=["option removed", "option id", "kind", "optional", "next"],
)
def test_what_answers_depend_on_changes_the_fingerprint(gfst: Flow, change: Any) -> None:
    """An option removed or renamed, another kind of question, an optional question made required (or the reverse)
    or another next question: answers given before may not mean the same, the grid starts again."""
    assert edited(gfst, change).fingerprint != gfst.fingerprint


def test_a_flow_without_scoring_has_no_fingerprint() -> None:
    """Only grids are fingerprinted: a flow without points goes on whatever its file says."""
    rights = load_flows(BUILTIN_DIRS, BUILDERS)["rights_check"]
    assert rights.fingerprint is None and rights.wording_fingerprint is None


def test_a_grid_read_back_from_its_own_dump_is_the_same_grid(gfst: Flow) -> None:
    """A grid written out and read back (its `not` conditions dumped as `not_`) loads as the same grid."""
    assert Flow.model_validate(gfst.model_dump(mode="json")) == gfst
