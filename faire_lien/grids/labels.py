"""The words staff read for a grid's orientation, in the reader's language: never its id.

An orientation's `label` in the grid file (« pas de besoin repéré »: a phrase standing alone, without the word
"orientation", which the staff note and the command line put before it), translated with the grid's texts. A grid
written without labels still reads as words: the orientation's place in the grid and what it offers
(« n° 2 (propose : examen de santé, bilan de droits) »), « non concluante » when it concludes nothing — the id
alone, or with its underscores as spaces, is the author's shorthand, often English, never checked for meaning. A
result whose orientation (or grid) has since been removed reads « retirée de la grille (support) »: the stored id
is all that is left of it.
"""

from __future__ import annotations

from dialogs.schema import Flow
from dialogs.scoring import GridOffer, Orientation
from dialogs.text import Msg, msg

OFFERED: dict[GridOffer, Msg] = {
    "checkup": msg("examen de santé", "staff"),
    "rights": msg("bilan de droits", "staff"),
    "callback": msg("rappel", "staff"),
    "facilitator": msg("rencontre avec l'animatrice", "staff"),
}
"""What an orientation offers, as staff name it."""
NUMBERED = msg("n° {number}", "staff")
UNCONCLUDED = msg("{orientation}, non concluante", "staff")
PROPOSES = msg("{orientation} (propose : {offers})", "staff")
NOTHING = msg("{orientation} (sans proposition)", "staff")
REMOVED = msg("retirée de la grille ({orientation})", "staff")
LIST = msg("{first}, {second}", "staff")


def orientation_label(flow: Flow | None, orientation_id: str) -> Msg:
    """What staff read for a stored orientation of this grid: its label, else its number and offers."""
    found = flow.scoring.numbered(orientation_id) if flow is not None and flow.scoring is not None else None
    if flow is None or found is None:
        return REMOVED.bind(orientation=orientation_id)
    number, orientation = found
    if orientation.label is not None:
        return Msg(orientation.label, flow.context)
    return _described(number, orientation)


def _described(number: int, orientation: Orientation) -> Msg:
    """ "n° 2, non concluante (propose : rappel)": for a grid written without labels."""
    named = NUMBERED.bind(number=number)
    if not orientation.concluded:
        named = UNCONCLUDED.bind(orientation=named)
    if not orientation.offers:
        return NOTHING.bind(orientation=named)
    offers = OFFERED[orientation.offers[0]]
    for offer in orientation.offers[1:]:
        offers = LIST.bind(first=offers, second=OFFERED[offer])
    return PROPOSES.bind(orientation=named, offers=offers)
