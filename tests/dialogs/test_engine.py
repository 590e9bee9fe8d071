"""The pure engine: every input kind, branching, back, restart, skip, refusals leave state unchanged."""

from __future__ import annotations

from datetime import date

import pytest
from babel import Locale

from dialogs import engine
from dialogs.engine import Back, Choose, Done, Finished, Notice, Question, Restart, Skip, State, Toggle, Typed
from dialogs.schema import Flow

TODAY = date(2026, 11, 22)
FRENCH = Locale("fr")


@pytest.fixture
def flow(flows: dict[str, Flow]) -> Flow:
    return flows["all_kinds"]


def run(flow: Flow, *events: engine.Event) -> engine.Outcome:
    outcome = engine.start(flow)
    for event in events:
        outcome = engine.advance(flow, outcome.state, event, TODAY, FRENCH)
    return outcome


def asked(outcome: engine.Outcome) -> str:
    question = outcome.outputs[-1]
    assert isinstance(question, Question)
    return question.step.id


def test_every_kind_to_the_end_stores_typed_values(flow: Flow) -> None:
    outcome = run(
        flow,
        Choose("a"),
        Choose("yes"),
        Toggle("x"),
        Toggle("z"),
        Done(),
        Typed("1 200,50"),
        Typed("25/03/2024"),
        Choose("4"),
        Choose("9"),
        Typed("  très   bien "),
    )
    finished = outcome.outputs[-1]
    assert isinstance(finished, Finished)
    assert finished.answers == {
        "pick": "a",
        "yes_no": True,
        "many": ["x", "z"],
        "amount": "1200.5",
        "when": "2024-03-25",
        "mood": 4,
        "score": 9,
        "comment": "très bien",
    }
    assert outcome.state.step is None


def test_branch_skips_a_step(flow: Flow) -> None:
    outcome = run(flow, Choose("b"))
    assert asked(outcome) == "many"


def test_condition_with_all_and_contains_takes_default_branch(flow: Flow) -> None:
    outcome = run(flow, Choose("b"), Toggle("y"), Done(), Typed("3"), Typed("01/01/2020"), Choose("3"), Choose("10"))
    finished = outcome.outputs[-1]
    assert isinstance(finished, Finished)
    assert "comment" not in finished.answers


def test_back_returns_to_previous_step_and_keeps_the_answer(flow: Flow) -> None:
    outcome = run(flow, Choose("a"), Choose("no"), Back())
    question = outcome.outputs[-1]
    assert isinstance(question, Question)
    assert question.step.id == "yes_no"
    assert question.current is False
    assert question.can_back


def test_back_then_other_branch_drops_the_abandoned_answer(flow: Flow) -> None:
    outcome = run(flow, Choose("a"), Choose("yes"), Back(), Back(), Choose("b"))
    assert asked(outcome) == "many"
    assert engine.path_answers(outcome.state) == {"pick": "b"}


def test_back_on_first_question_explains(flow: Flow) -> None:
    outcome = run(flow, Back())
    assert isinstance(outcome.outputs[0], Notice)
    assert not outcome.changed


def test_restart_forgets_answers(flow: Flow) -> None:
    outcome = run(flow, Choose("a"), Choose("yes"), Restart())
    assert outcome.state == State("all_kinds", 2, "pick")


def test_multi_needs_at_least_one_tick(flow: Flow) -> None:
    outcome = run(flow, Choose("b"), Toggle("x"), Toggle("x"), Done())
    assert not outcome.changed
    assert isinstance(outcome.outputs[0], Notice)
    assert asked(outcome) == "many"


@pytest.mark.parametrize("text", ["12 ans", "douze", "1e9", "", "9" * 4000, "-5", "10001", "0x10", "1,2,3"])
def test_bad_numbers_are_refused_without_changing_state(flow: Flow, text: str) -> None:
    before = run(flow, Choose("b"), Toggle("x"), Done())
    after = engine.advance(flow, before.state, Typed(text), TODAY, FRENCH)
    assert after.state == before.state
    assert not after.changed
    assert isinstance(after.outputs[0], Notice)
    assert asked(after) == "amount"


@pytest.mark.parametrize("text", ["31/02/2024", "hier", "25/12/2030", "1/1/1800", "2024-13-01"])
def test_bad_dates_are_refused(flow: Flow, text: str) -> None:
    before = run(flow, Choose("b"), Toggle("x"), Done(), Typed("5"))
    after = engine.advance(flow, before.state, Typed(text), TODAY, FRENCH)
    assert after.state == before.state
    assert isinstance(after.outputs[0], Notice)


def test_text_where_buttons_expected_is_refused(flow: Flow) -> None:
    outcome = run(flow, Typed("A"))
    assert not outcome.changed
    assert isinstance(outcome.outputs[0], Notice)
    assert asked(outcome) == "pick"


@pytest.mark.parametrize("event", [Choose("c"), Choose("6"), Toggle("x"), Done(), Skip()])
def test_forged_button_values_are_refused(flow: Flow, event: engine.Event) -> None:
    outcome = run(flow, event)
    assert not outcome.changed
    assert asked(outcome) == "pick"


def test_optional_step_can_be_skipped(flow: Flow) -> None:
    outcome = run(
        flow, Choose("b"), Toggle("x"), Done(), Typed("5"), Typed("2024-01-02"), Choose("5"), Choose("9"), Skip()
    )
    finished = outcome.outputs[-1]
    assert isinstance(finished, Finished)
    assert finished.answers["comment"] is None


def test_too_long_text_is_refused(flow: Flow) -> None:
    before = run(flow, Choose("b"), Toggle("x"), Done(), Typed("5"), Typed("2024-01-02"), Choose("5"), Choose("9"))
    after = engine.advance(flow, before.state, Typed("x" * 51), TODAY, FRENCH)
    assert not after.changed
