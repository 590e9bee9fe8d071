"""The recap result: every answer given on the path, in order."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from dialogs.results.blocks import AnswerLine, Block, Card
from dialogs.schema import AnswerValue, Flow
from dialogs.text import msg


def summary(flow: Flow, answers: Mapping[str, AnswerValue], today: date) -> Card:
    """A title, then one line per answered question."""
    blocks: list[Block] = [msg("Récapitulatif de vos réponses :", "result")]
    blocks.extend(AnswerLine(flow, flow.step(step_id), value) for step_id, value in answers.items())
    return Card(blocks)
