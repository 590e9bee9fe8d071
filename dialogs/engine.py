"""The pure conversation engine: (flow, state, event) → new state and outputs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from dialogs.inputs import MAX_TYPED, Refused, parse_date, parse_number, parse_text, too_long
from dialogs.schema import END, AnswerValue, Flow, Step
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
class Choose:
    """A button answer: an option id, "yes"/"no", or a scale value as text."""

    value: str


@dataclass(frozen=True)
class Typed:
    """Free text typed by the person."""

    text: str


@dataclass(frozen=True)
class Toggle:
    """Tick or untick one option of a multi-choice step."""

    option: str


@dataclass(frozen=True)
class Done:
    """Confirm the ticked options of a multi-choice step."""


@dataclass(frozen=True)
class Skip:
    """Leave an optional question unanswered."""


@dataclass(frozen=True)
class Back:
    """Go back one step."""


@dataclass(frozen=True)
class Restart:
    """Start the flow again from its first step, forgetting answers."""


Event = Choose | Typed | Toggle | Done | Skip | Back | Restart


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


def advance(flow: Flow, state: State, event: Event, today: date) -> Outcome:
    """Apply one event; bad input leaves the state unchanged and explains why."""
    if state.step is None:
        return Outcome(state, [], False)
    step = flow.step(state.step)
    if isinstance(event, Restart):
        return start(flow)
    if isinstance(event, Back):
        if not state.history:
            return _refuse(flow, state, msg("Vous êtes déjà à la première question.", "engine"))
        back = _arrive(state, state.history[-1], state.history[:-1])
        return Outcome(back, [question(flow, back)], True)
    value = _value_of(step, state, event, today, flow.context)
    if isinstance(value, Refused):
        return _refuse(flow, state, value.reason)
    if isinstance(value, _Redraw):
        new = replace(state, draft=value.draft)
        return Outcome(new, [question(flow, new)], True)
    return _answer(flow, state, step, value)


@dataclass(frozen=True)
class _Redraw:
    draft: tuple[str, ...]


_STALE = msg("Ce bouton n'est plus valide. Voici la question en cours.", "engine")
_USE_BUTTONS = msg("Merci de répondre avec les boutons sous la question.", "engine")


def _value_of(step: Step, state: State, event: Event, today: date, context: str) -> AnswerValue | Refused | _Redraw:
    if isinstance(event, Skip):
        return None if step.optional else Refused(_STALE)
    if isinstance(event, Typed):
        return _typed(step, event.text, today, context)
    if step.kind == "multi":
        return _multi(step, state, event)
    if not isinstance(event, Choose):
        return Refused(_STALE)
    return _chosen(step, event.value)


def _typed(step: Step, text: str, today: date, context: str) -> AnswerValue | Refused:
    if refused := too_long(text, MAX_TYPED):
        return refused
    if step.kind == "number":
        return parse_number(step, text)
    if step.kind == "date":
        return parse_date(step, text, today)
    if step.kind == "text":
        return parse_text(step, text, context)
    return Refused(_USE_BUTTONS)


def _multi(step: Step, state: State, event: Event) -> AnswerValue | Refused | _Redraw:
    if isinstance(event, Toggle) and event.option in step.option_ids():
        ticked = set(state.draft) ^ {event.option}
        return _Redraw(tuple(o for o in step.option_ids() if o in ticked))
    if isinstance(event, Done):
        if not state.draft:
            return Refused(msg("Cochez au moins une réponse, puis appuyez sur « Valider ».", "engine"))
        return list(state.draft)
    return Refused(_STALE)


def _chosen(step: Step, value: str) -> AnswerValue | Refused:
    if step.kind == "choice" and value in step.option_ids():
        return value
    if step.kind == "yesno" and value in ("yes", "no"):
        return value == "yes"
    scale = {"emoji5": range(1, 6), "scale10": range(11)}.get(step.kind)
    if scale is not None and value.isdigit() and int(value) in scale:
        return int(value)
    return Refused(_STALE)


def _answer(flow: Flow, state: State, step: Step, value: AnswerValue) -> Outcome:
    answers = {**state.answers, step.id: value}
    answered = replace(state, answers=answers, draft=())
    target = next_step(step, path_answers(answered))
    if target == END:
        done = replace(answered, step=None, history=(*state.history, step.id))
        return Outcome(done, [Finished(flow, path_answers(done))], True)
    moved = _arrive(answered, target, (*state.history, step.id))
    return Outcome(moved, [question(flow, moved)], True)


def _arrive(state: State, step_id: str, history: tuple[str, ...]) -> State:
    """The state at `step_id`; a multi-choice step shows the boxes ticked in its earlier answer."""
    prior = state.answers.get(step_id)
    return replace(state, step=step_id, history=history, draft=tuple(prior) if isinstance(prior, list) else ())


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
    return _refuse(flow, state, _STALE)
