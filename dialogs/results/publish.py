"""The staff publishing result: a recap of what was published."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from dialogs.results.blocks import AnswerLine, Block, Card
from dialogs.schema import AnswerValue, Flow, Step
from dialogs.text import Msg, msg

# TRANSLATORS: what a skipped optional question of the publishing conversation reads in its recap: no minimum number
# of registrations.
NONE = msg("aucun", "staff")


def publish(flow: Flow, answers: Mapping[str, AnswerValue], today: date) -> Card:
    """What the meeting looks like now it is published."""
    blocks: list[Block] = [msg("✅ Rencontre publiée : les personnes peuvent s'inscrire.", "staff")]
    blocks.extend(_line(flow, flow.step(step_id), value) for step_id, value in answers.items())
    return Card(blocks)


def _line(flow: Flow, step: Step, value: AnswerValue) -> Block:
    """« • Minimum d'inscrits : 10 »; a question skipped (the only optional one: no minimum) reads « aucun », not
    « (sans réponse) »."""
    if value is not None:
        return AnswerLine(flow, step, value)
    label = Msg(step.summary or step.text, flow.context)
    return msg("• {label} : {value}", "result", label=label, value=NONE)
