"""Every step kind against its JSON fixture: schema errors, buttons and tokens, typed input, answers as shown.

A fixture (`<kind>.json`, `nav.json` for the buttons under every question) gives a step, its hint, its
buttons as [label, token] rows, the diagram label, cases (`press:<token>` or `type:<text>` inputs typed in the
case's `language`, French unless told, then the answer stored and shown in that language, the refusal, the help
asked, or the buttons of the question asked again) and invalid variants of the step with the reason `faire-lien flows
check` prints.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import ValidationError

from dialogs import engine
from dialogs.events import Typed
from dialogs.i18n import translator
from dialogs.present import format_answer
from dialogs.schema import Flow, Step
from dialogs.steps import KINDS, TOKEN_PATTERN, KindName, decode, kind_of, nav
from dialogs.steps.nav import Help

FIXTURES = sorted(Path(__file__).parent.glob("*.json"))
TODAY = date(2026, 11, 22)
PREFIX = "f:7:"
FR = translator("fr")
STORED_IN_CHATS = r"o\d{1,2}|t\d{1,2}|yes|no|v\d{1,2}|done|skip|back|restart|huh|flag"
"""The tokens of buttons already sent: signed and kept in people's chats, they must keep working."""


def test_every_registered_kind_has_a_fixture() -> None:
    assert set(KINDS) <= {path.stem for path in FIXTURES}


def test_the_schema_accepts_exactly_the_registered_kinds() -> None:
    assert list(get_args(KindName)) == list(KINDS)
    assert all(name == kind.name for name, kind in KINDS.items())


def test_tokens_are_those_stored_in_chats() -> None:
    candidates = [f"{letter}{n}" for letter in "otvx" for n in ("0", "7", "12", "99", "100", "", "٣")]
    candidates += ["yes", "no", "done", "skip", "back", "restart", "huh", "flag", "oui", "Done", "o 1", "o1 "]
    for token in candidates:
        expected = re.fullmatch(STORED_IN_CHATS, token) is not None
        assert (re.fullmatch(TOKEN_PATTERN, token) is not None) == expected, token
    assert re.compile(TOKEN_PATTERN).groups == 0, "the route table numbers its own groups"


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_step_kind(path: Path) -> None:
    spec = json.loads(path.read_text(encoding="utf-8"))
    step = Step.model_validate(spec["step"])
    flow = Flow(id="fixture", version=1, title="Essai", steps=[step])
    first = engine.start(flow).outputs[0]
    assert isinstance(first, engine.Question)
    assert kind_of(step).hint(step, FR, TODAY) == spec["hint"]
    assert kind_of(step).describe(step) == spec["diagram"]
    assert _buttons(first, nav_only=path.stem == "nav") == spec["buttons"]
    for case in spec["cases"]:
        _play(flow, step, case, nav_only=path.stem == "nav")
    for variant in spec["invalid"]:
        with pytest.raises(ValidationError, match=re.escape(variant["error"])):
            Step.model_validate({**spec["step"], **variant["with"]})


def _buttons(question: engine.Question, *, nav_only: bool) -> list[list[list[str]]]:
    """Rows of [label, token]; every action is the prefix and a token the route table accepts."""
    rows = nav.rows if nav_only else kind_of(question.step).keyboard
    shown = []
    for row in rows(question, FR, PREFIX):
        assert all(b.action.startswith(PREFIX) for b in row)
        assert all(re.fullmatch(TOKEN_PATTERN, b.action.removeprefix(PREFIX)) for b in row)
        shown.append([[b.label, b.action.removeprefix(PREFIX)] for b in row])
    return shown


def _play(flow: Flow, step: Step, case: dict[str, Any], *, nav_only: bool) -> None:
    """Send the case's inputs one after the other and compare the last outcome."""
    outcome = engine.start(flow)
    t = translator(case.get("language", "fr"))
    reader = t.locale
    for item in case["do"]:
        how, _, value = item.partition(":")
        if how == "type":
            event: engine.Event | Help | None = Typed(value)
        else:
            assert re.fullmatch(TOKEN_PATTERN, value), value
            event = decode(step, value)
        if isinstance(event, Help):
            assert event.value == case["help"], case
            return
        state = outcome.state
        outcome = engine.stale(flow, state) if event is None else engine.advance(flow, state, event, TODAY, reader)
    last = outcome.outputs[-1]
    if "answer" in case:
        assert isinstance(last, engine.Finished), case
        assert last.answers[step.id] == case["answer"], case
        assert format_answer(flow, step, last.answers[step.id], t) == case["shown"], case
    elif "refused" in case:
        assert not outcome.changed, case
        notice = outcome.outputs[0]
        assert isinstance(notice, engine.Notice), case
        assert FR(notice.text) == case["refused"], case
    else:
        assert isinstance(last, engine.Question), case
        assert _buttons(last, nav_only=nav_only) == case["buttons"], case
