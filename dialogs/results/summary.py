"""The recap result: every answer given on the path, in order."""

from __future__ import annotations

from collections.abc import Mapping

from dialogs.results.blocks import AnswerLine, Block
from dialogs.schema import AnswerValue, Flow
from dialogs.text import msg


def summary(flow: Flow, answers: Mapping[str, AnswerValue]) -> list[Block]:
    """A title, then one line per answered question."""
    blocks: list[Block] = [msg("Récapitulatif de vos réponses :", "result")]
    blocks.extend(AnswerLine(flow, flow.step(step_id), value) for step_id, value in answers.items())
    return blocks
