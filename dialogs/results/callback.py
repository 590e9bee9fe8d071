"""The call-back result: what was recorded, or that nothing was sent."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from dialogs.results.blocks import Card
from dialogs.schema import AnswerValue, Flow
from dialogs.text import msg

FACILITATOR_FLOWS = ("facilitator_meeting", "facilitator_meeting_on_behalf")
"""The facilitator's meeting, asked by the person or by a mediator for them: a case of kind "facilitator"."""


def callback(flow: Flow, answers: Mapping[str, AnswerValue], today: date) -> Card:
    """Confirm the request and how the person will be reached."""
    if answers.get("agree") is not True:
        return Card([msg("D'accord : aucune demande n'a été envoyée.", "callback")])
    if flow.id in FACILITATOR_FLOWS:
        how = msg("L'animatrice vous contactera pour convenir d'une rencontre individuelle.", "callback")
    elif answers.get("phone"):  # by phone (a mediator's request for someone has no other way)
        how = msg("Un travailleur social vous appellera au numéro indiqué.", "callback")
    else:
        how = msg("Un travailleur social vous écrira ici.", "callback")
    return Card([msg("✅ Votre demande de contact est enregistrée.", "callback"), how])
