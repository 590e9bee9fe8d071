"""Who of the household receives the AAH, the ASI or the ASPA, so that the card names the right person.

The chat asks which benefits "vous ou une personne de votre foyer" receive, then each person's AAH and ASI: the
person's own, the partner's, a young person's AAH. The ASPA is asked for the household as a whole: in a couple the
card cannot tell which of the two receives it, and says "you or your partner". Without any amount (a person living
alone, or amounts not asked) the person who ticked the benefit receives it when they live alone.
"""

from __future__ import annotations

from typing import Literal

from dialogs.rights.household import ZERO, Household

Who = Literal["you", "partner", "both", "household"]
"""The person, the partner, both of them, or someone of the household the answers do not single out."""


def receives(h: Household, benefit: str) -> Who:
    """Who receives `benefit` ("aah", "asi" or "aspa"), from the monthly amounts each person gave."""
    mine, theirs, young = ZERO, ZERO, False
    if benefit == "aah":
        mine, theirs, young = h.aah_month, h.partner_aah_month, any(d.aah_month for d in h.dependants)
    elif benefit == "asi":
        mine, theirs = h.asi_month, h.partner_asi_month
    theirs = theirs if h.couple else ZERO
    if mine and theirs:
        return "both"
    if mine:
        return "you"
    if theirs:
        return "partner"
    if not h.couple and not young and (benefit == "aspa" or not h.dependants):
        return "you"  # alone (dependants are too young for the ASPA): the person who ticked it
    return "household"
