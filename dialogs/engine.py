"""The pure conversation engine: (flow, state, event) → new state and outputs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from babel import Locale

from dialogs.events import Back as Back  # the engine's input, re-exported (`engine.Typed(text)`)
from dialogs.events import Choose as Choose
from dialogs.events import Done as Done
from dialogs.events import Event as Event
from dialogs.events import Restart as Restart
from dialogs.events import Skip as Skip
from dialogs.events import Toggle as Toggle
from dialogs.events import Typed as Typed
from dialogs.schema import END, AnswerValue, Flow, Step
from dialogs.steps import kind_of
from dialogs.steps.base import MAX_TYPED, STALE, Draft, Refused, too_long
from dialogs.steps.multi import preset
from dialogs.steps.number import over_total
from dialogs.text import Msg, msg


@dataclass(frozen=True)
class State:
    """Where a person is in a flow; `step` is None once the flow is finished."""

    flow_id: str
    flow_version: int
    step: str | None
    answers: Mapping[str, Any] = field(default_factory=dict)
    history: tuple[str, ...] = ()
    draft: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    """Ask the current step; `current` is the answer already given when coming back."""

    flow: Flow
    step: Step
    number: int
    can_back: bool
    draft: tuple[str, ...] = ()
    current: AnswerValue = None


@dataclass(frozen=True)
class Notice:
    """A short message shown before the question (an error or an explanation)."""

    text: Msg


@dataclass(frozen=True)
class Finished:
    """The flow reached its end; `answers` are those of the path taken, in order."""

    flow: Flow
    answers: dict[str, AnswerValue]


Output = Question | Notice | Finished


@dataclass(frozen=True)
class Outcome:
    """The new state, what to show, and whether anything changed."""

    state: State
    outputs: list[Output]
    changed: bool


def start(flow: Flow) -> Outcome:
    """Begin a flow at its first step."""
    state = State(flow.id, flow.version, flow.first_step)
    return Outcome(state, [question(flow, state)], True)


def question(flow: Flow, state: State) -> Question:
    """The question for the state's current step."""
    assert state.step is not None
    step = flow.step(state.step)
    return Question(flow, step, len(state.history) + 1, bool(state.history), state.draft, state.answers.get(step.id))


def path_answers(state: State) -> dict[str, AnswerValue]:
    """Answers on the path actually taken (steps left by going back are ignored)."""
    path = [*state.history, *([state.step] if state.step else [])]
    return {s: state.answers[s] for s in path if s in state.answers}


def advance(flow: Flow, state: State, event: Event, today: date, reader: Locale) -> Outcome:
    """Apply one event; bad input leaves the state unchanged and explains why.

    `reader` is the language the person answers in (a mediator typing for them too): it reads typed amounts.
    """
    if state.step is None:
        return Outcome(state, [], False)
    step = flow.step(state.step)
    if isinstance(event, Restart):
        return start(flow)
    if isinstance(event, Back):
        if not state.history:
            return _refuse(flow, state, msg("Vous êtes déjà à la première question.", "engine"))
        back = _arrive(flow, state, state.history[-1], state.history[:-1])
        return Outcome(back, [question(flow, back)], True)
    value = _value_of(step, state, event, today, flow.context, reader)
    if isinstance(value, Refused):
        return _refuse(flow, state, value.reason)
    if isinstance(value, Draft):
        new = replace(state, draft=value.ticked)
        return Outcome(new, [question(flow, new)], True)
    return _answer(flow, state, step, value)


def _value_of(
    step: Step, state: State, event: Event, today: date, context: str, reader: Locale
) -> AnswerValue | Refused | Draft:
    """The step's kind reads a typed text or a button; skipping is the same for every kind."""
    if isinstance(event, Skip):
        return None if step.optional else Refused(STALE)
    if isinstance(event, Typed):
        value = too_long(event.text, MAX_TYPED) or kind_of(step).parse(step, event.text, today, context, reader)
        if isinstance(value, Refused) or not step.at_most:
            return value
        return over_total(step, value, path_answers(state), context) or value  # part of an earlier total
    return kind_of(step).press(step, state.draft, event)


def _answer(flow: Flow, state: State, step: Step, value: AnswerValue) -> Outcome:
    answers = {**state.answers, step.id: value}
    answered = replace(state, answers=answers, draft=())
    target = next_step(step, path_answers(answered))
    if target == END:
        done = replace(answered, step=None, history=(*state.history, step.id))
        return Outcome(done, [Finished(flow, path_answers(done))], True)
    moved = _arrive(flow, answered, target, (*state.history, step.id))
    return Outcome(moved, [question(flow, moved)], True)


def _arrive(flow: Flow, state: State, step_id: str, history: tuple[str, ...]) -> State:
    """The state at `step_id`; a multi-choice step shows the boxes ticked in its earlier answer, else those known."""
    prior = state.answers.get(step_id)
    moved = replace(state, step=step_id, history=history, draft=())
    if isinstance(prior, list):
        return replace(moved, draft=tuple(prior))
    step = flow.step(step_id)
    known = any(o.ticked_when is not None for o in step.options)
    return replace(moved, draft=preset(step, path_answers(moved))) if known else moved


def next_step(step: Step, answers: Mapping[str, AnswerValue]) -> str:
    """The target of the first branch whose condition holds."""
    if isinstance(step.next, str):
        return step.next
    for branch in step.next:
        if branch.when is None or branch.when.holds(answers):
            return branch.goto
    return END


def _refuse(flow: Flow, state: State, reason: Msg) -> Outcome:
    return Outcome(state, [Notice(reason), question(flow, state)], False)


def stale(flow: Flow, state: State) -> Outcome:
    """A button from an old message: explain and ask the current question again."""
    return _refuse(flow, state, STALE)
