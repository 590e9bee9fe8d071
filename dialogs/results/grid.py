"""A grid's result for the person: a respectful orientation and what they can do now (never the score)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from dialogs.results.blocks import Card, OfferButton
from dialogs.schema import AnswerValue, Flow
from dialogs.text import Msg, msg

OFFER_LABELS = {
    # TRANSLATORS: button: at most 40 characters, what a phone shows.
    "checkup": msg("🩺 Réserver l'examen de santé gratuit", "grid"),
    "rights": msg("🩺 Faire le bilan de mes droits santé", "grid"),
    # TRANSLATORS: button: at most 40 characters, what a phone shows.
    "callback": msg("📞 Parler à un travailleur social", "grid"),
    "facilitator": msg("🤝 Rencontrer l'animatrice", "grid"),
}


def grid(flow: Flow, answers: Mapping[str, AnswerValue], today: date) -> Card:
    """The orientation chosen by the grid's rules, with its offers as buttons."""
    assert flow.scoring is not None, "the loader requires scoring for a grid"
    score = flow.scoring.score(answers)
    orientation = flow.scoring.orientation(answers, score)
    blocks: list[Msg] = [
        msg("📝 {title}", "grid", title=Msg(flow.title, flow.context)),
        Msg(orientation.text, flow.context),
    ]
    offers = tuple(OfferButton(kind, OFFER_LABELS[kind]) for kind in orientation.offers)
    return Card(list(blocks), offers)
