"""The staff publishing result: a recap of what was published."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from dialogs.results.blocks import AnswerLine, Block, Card
from dialogs.schema import AnswerValue, Flow
from dialogs.text import msg


def publish(flow: Flow, answers: Mapping[str, AnswerValue], today: date) -> Card:
    """What the meeting looks like now it is published."""
    blocks: list[Block] = [msg("✅ Rencontre publiée : les personnes peuvent s'inscrire.", "staff")]
    blocks.extend(AnswerLine(flow, flow.step(step_id), value) for step_id, value in answers.items())
    return Card(blocks)
