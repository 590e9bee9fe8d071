"""A yes/no question: « Oui » and « Non » buttons (tokens `yes`, `no`), true or false is stored."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from dialogs.events import Choose
from dialogs.reply import Button
from dialogs.steps.base import STALE, Refused, StepKind, answers_context
from dialogs.text import Msg, msg

if TYPE_CHECKING:
    from collections.abc import Sequence

    from dialogs.engine import Question
    from dialogs.events import Event
    from dialogs.i18n import Translator
    from dialogs.schema import AnswerValue, Flow, Step
    from dialogs.steps.base import Draft, Rows

# TRANSLATORS: button outside questionnaires; each yes/no question also has its own « Oui » and « Non » entries.
YES = msg("Oui", "button")
# TRANSLATORS: button outside questionnaires; each yes/no question also has its own « Oui » and « Non » entries.
NO = msg("Non", "button")
ANSWERS = ("yes", "no")


class YesNo(StepKind):
    """Yes or no."""

    name = "yesno"
    label = "yes / no"
    tokens = "|".join(ANSWERS)
    scored: ClassVar[bool] = True

    def press(self, step: Step, draft: tuple[str, ...], event: Event) -> AnswerValue | Refused | Draft:
        """True for « Oui », false for « Non »."""
        if isinstance(event, Choose) and event.value in ANSWERS:
            return event.value == "yes"
        return Refused(STALE)

    def event(self, step: Step, token: str) -> Event | None:
        """`yes` and `no` choose themselves."""
        return Choose(token) if token in ANSWERS else None

    def keyboard(self, q: Question, t: Translator, prefix: str) -> Rows:
        """« Oui » and « Non » side by side."""
        yes, no = answers(q.flow.context, q.step)
        return ((Button(t(yes), f"{prefix}yes"), Button(t(no), f"{prefix}no")),)

    def format(self, flow: Flow, step: Step, value: AnswerValue, t: Translator) -> str:
        """« Oui » or « Non »."""
        yes, no = answers(flow.context, step)
        return t(yes if value is True else no)

    def compare(self, step: Step, operator: str, values: Sequence[object]) -> str | None:
        """Conditions compare with true or false."""
        if any(not isinstance(v, bool) for v in values):
            return f"condition on yes/no step '{step.id}' must compare with true or false"
        return super().compare(step, operator, values)

    def answer_keys(self, step: Step) -> list[str]:
        """`yes` then `no`."""
        return list(ANSWERS)

    def key(self, value: AnswerValue) -> str:
        """`yes` for true, `no` otherwise."""
        return "yes" if value is True else "no"

    def legend(self, step: Step, key: str, t: Translator, context: str, *, words: bool = False) -> str:
        """« Oui » or « Non »."""
        yes, no = answers(context, step)
        return t(yes if key == "yes" else no)


YESNO = YesNo()


def answers(context: str, step: Step) -> tuple[Msg, Msg]:
    """« Oui » and « Non » of this question: translated per question, as a language may answer with the verb."""
    own = answers_context(context, step.id)
    return Msg(YES.msgid, own), Msg(NO.msgid, own)
