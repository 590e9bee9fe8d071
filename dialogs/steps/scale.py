"""What the emoji scale and the 0–10 scale share: a button per point (token `v<n>`), the point is stored."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from dialogs.events import Choose
from dialogs.steps.base import STALE, Refused, StepKind, number_in, numbered

if TYPE_CHECKING:
    from dialogs.events import Event
    from dialogs.schema import AnswerValue, Step
    from dialogs.steps.base import Draft


class Scale(StepKind):
    """Points on a scale, from the lowest to the highest."""

    points: ClassVar[range]
    tokens = numbered("v")

    def press(self, step: Step, draft: tuple[str, ...], event: Event) -> AnswerValue | Refused | Draft:
        """The point chosen, if it is on the scale."""
        if isinstance(event, Choose) and event.value.isdigit() and int(event.value) in self.points:
            return int(event.value)
        return Refused(STALE)

    def event(self, step: Step, token: str) -> Event | None:
        """`v7` chooses 7."""
        point = number_in(token, "v")
        return None if point is None else Choose(str(point))

    def answer_keys(self, step: Step) -> list[str]:
        """Every point, lowest first."""
        return [str(v) for v in self.points]
