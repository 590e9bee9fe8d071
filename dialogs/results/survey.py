"""The end of a survey: thanks, nothing else (answers are reported only in groups)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from dialogs.results.blocks import Card
from dialogs.schema import AnswerValue, Flow
from dialogs.text import msg


def survey(flow: Flow, answers: Mapping[str, AnswerValue], today: date) -> Card:
    """Thank the person; their answers are read only together with others'."""
    return Card([msg("🙏 Merci ! Vos réponses nous aident à améliorer les rencontres.", "survey")])
