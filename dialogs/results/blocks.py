"""Pieces of a result card, formatted later in the person's language."""

from __future__ import annotations

from dataclasses import dataclass

from dialogs.schema import AnswerValue, Flow, Step
from dialogs.text import Msg


@dataclass(frozen=True)
class AnswerLine:
    """One "label: answer" line of a recap."""

    flow: Flow
    step: Step
    value: AnswerValue


Block = Msg | AnswerLine
