"""One answer among the step's options: a button per option (token `o<n>`), the option id is stored."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dialogs.events import Choose
from dialogs.reply import Button
from dialogs.steps.base import STALE, Refused, answers_context, number_in, numbered
from dialogs.steps.options import Options

if TYPE_CHECKING:
    from dialogs.engine import Question
    from dialogs.events import Event
    from dialogs.i18n import Translator
    from dialogs.schema import AnswerValue, Flow, Step
    from dialogs.steps.base import Draft, Rows


class Choice(Options):
    """A single choice."""

    name = "choice"
    label = "one choice"
    tokens = numbered("o")

    def press(self, step: Step, draft: tuple[str, ...], event: Event) -> AnswerValue | Refused | Draft:
        """The option chosen, if it is one of the step's."""
        if isinstance(event, Choose) and event.value in step.option_ids():
            return event.value
        return Refused(STALE)

    def event(self, step: Step, token: str) -> Event | None:
        """`o3` chooses the fourth option."""
        index = number_in(token, "o")
        if index is None or index >= len(step.options):
            return None
        return Choose(step.options[index].id)

    def keyboard(self, q: Question, t: Translator, prefix: str) -> Rows:
        """One option per row."""
        context = answers_context(q.flow.context, q.step.id)
        return tuple((Button(t(o.label, context), f"{prefix}o{i}"),) for i, o in enumerate(q.step.options))

    def format(self, flow: Flow, step: Step, value: AnswerValue, t: Translator) -> str:
        """The option's label."""
        context = answers_context(flow.context, step.id)
        return next((t(o.label, context) for o in step.options if o.id == value), str(value))


CHOICE = Choice()
