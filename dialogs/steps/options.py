"""What choice and multi-choice steps share: options listed in the flow file, stored by id, named by label."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from dialogs.steps.base import StepKind, answers_context

if TYPE_CHECKING:
    from collections.abc import Sequence

    from dialogs.i18n import Translator
    from dialogs.schema import Step


class Options(StepKind):
    """A kind whose buttons are the step's own options."""

    lists_options: ClassVar[bool] = True
    scored: ClassVar[bool] = True

    def check(self, step: Step) -> None:
        """At least two options, each id once, no two with the same label (the buttons would look the same)."""
        if len(step.options) < 2:
            raise ValueError(f"a {step.kind} step needs at least 2 options")
        ids = step.option_ids()
        if len(set(ids)) != len(ids):
            raise ValueError("option ids must be unique")
        seen: dict[str, str] = {}
        for option in step.options:
            same = " ".join(option.label.split()).casefold()
            if same in seen:
                first = next(o for o in step.options if o.id == seen[same])
                raise ValueError(
                    f"options {first.id} and {option.id} have the same label « {first.label.strip()} »: "
                    "the person could not tell them apart"
                )
            seen[same] = option.id

    def describe(self, step: Step) -> str:
        """The kind and the option ids."""
        return f"{self.label}: " + ", ".join(step.option_ids())

    def compare(self, step: Step, operator: str, values: Sequence[object]) -> str | None:
        """Conditions compare with option ids."""
        return unknown_options(step, values) or super().compare(step, operator, values)

    def answer_keys(self, step: Step) -> list[str]:
        """The option ids, in the flow's order."""
        return step.option_ids()

    def legend(self, step: Step, key: str, t: Translator, context: str, *, words: bool = False) -> str:
        """The option's label."""
        option = next((o for o in step.options if o.id == key), None)
        return t(option.label, answers_context(context, step.id)) if option else key


def unknown_options(step: Step, values: Sequence[object]) -> str | None:
    """Why a condition's values are not all option ids of the step."""
    unknown = [v for v in values if v not in step.option_ids()]
    if unknown:
        return f"condition compares '{step.id}' with {unknown!r}, which is not one of its options {step.option_ids()}"
    return None
