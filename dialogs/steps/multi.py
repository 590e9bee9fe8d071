"""Several answers among the step's options: tick boxes (token `t<n>`) then « Valider » (`done`); a list is stored."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from dialogs.events import Done, Toggle
from dialogs.reply import Button
from dialogs.steps.base import STALE, Draft, Refused, answers_context, number_in, numbered
from dialogs.steps.options import Options, unknown_options
from dialogs.text import msg

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import date

    from dialogs.engine import Question
    from dialogs.events import Event
    from dialogs.i18n import Translator
    from dialogs.schema import AnswerValue, Flow, Step
    from dialogs.steps.base import Rows

DONE = msg("✔ Valider", "button")
CONFIRM = "done"
"""Token of the « Valider » button."""
NONE_TICKED = msg("Cochez au moins une réponse, puis appuyez sur « Valider ».", "engine")


class Multi(Options):
    """A multiple choice."""

    name = "multi"
    label = "several choices"
    tokens = f"{numbered('t')}|{CONFIRM}"
    repeats_answer: ClassVar[bool] = False
    several: ClassVar[bool] = True

    def press(self, step: Step, draft: tuple[str, ...], event: Event) -> AnswerValue | Refused | Draft:
        """A tick changes the boxes shown; « Valider » stores the ticked options."""
        if isinstance(event, Toggle) and event.option in step.option_ids():
            ticked = set(draft) ^ {event.option}
            if event.option in ticked:  # an exclusive box (« aucune ») unticks the others; another box unticks it
                alone = {o.id for o in step.options if o.exclusive} & {event.option}
                ticked = alone or ticked - {o.id for o in step.options if o.exclusive}
            return Draft(tuple(o for o in step.option_ids() if o in ticked))
        if isinstance(event, Done):
            return list(draft) if draft else Refused(NONE_TICKED)
        return Refused(STALE)

    def refuse_fields(self, step: Step) -> None:
        """`exclusive` and `ticked_when` belong to multi-choice options."""
        if any(o.exclusive or o.ticked_when is not None for o in step.options):
            raise ValueError("exclusive and ticked_when apply to the options of multi steps only")

    def event(self, step: Step, token: str) -> Event | None:
        """`t3` ticks or unticks the fourth option, `done` confirms."""
        if token == CONFIRM:
            return Done()
        index = number_in(token, "t")
        if index is None or index >= len(step.options):
            return None
        return Toggle(step.options[index].id)

    def keyboard(self, q: Question, t: Translator, prefix: str) -> Rows:
        """One box per row, ☑ when ticked, then « Valider »."""
        context = answers_context(q.flow.context, q.step.id)
        rows = [
            (Button(f"{'☑' if o.id in q.draft else '☐'} {t(o.label, context)}", f"{prefix}t{i}"),)
            for i, o in enumerate(q.step.options)
        ]
        return (*rows, (Button(t(DONE), f"{prefix}{CONFIRM}"),))

    def keys(self, value: AnswerValue) -> list[str]:
        """Each ticked option, once."""
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]

    def hint(self, step: Step, t: Translator, today: date) -> str | None:
        """How to tick and confirm."""
        return t(msg("Cochez une ou plusieurs réponses, puis appuyez sur « Valider ».", "engine"))

    def format(self, flow: Flow, step: Step, value: AnswerValue, t: Translator) -> str:
        """The ticked options' labels, in the flow's order."""
        if not isinstance(value, list):
            return str(value)
        context = answers_context(flow.context, step.id)
        return ", ".join(t(o.label, context) for o in step.options if o.id in value)

    def compare(self, step: Step, operator: str, values: Sequence[object]) -> str | None:
        """Conditions compare with option ids; `contains` applies."""
        return unknown_options(step, values)


MULTI = Multi()


def preset(step: Step, answers: Mapping[str, AnswerValue]) -> tuple[str, ...]:
    """The boxes ticked when the question first shows: options whose `ticked_when` holds (already known)."""
    return tuple(o.id for o in step.options if o.ticked_when is not None and o.ticked_when.holds(answers))
