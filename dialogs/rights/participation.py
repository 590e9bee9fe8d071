"""The monthly C2S participation: one amount per member by age on 1 January, lower in the local scheme.

CSS L861-1 2°: C2S with participation costs each member a monthly amount set by their age on 1 January
of the year of the decision (8 € up to 29, 14 € 30–49, 21 € 50–59, 25 € 60–69, 30 € from 70).
People affiliated to the Alsace-Moselle local scheme pay the lower local amounts, wherever they live.
"""

from __future__ import annotations

from decimal import Decimal

from dialogs.rights.household import ZERO, Household
from dialogs.rights.members import members
from dialogs.rights.outcome import Context
from dialogs.text import Money, Msg, plural


def participation(h: Household, ctx: Context) -> Decimal:
    """Monthly participation of the household: one amount per member by age band."""
    name = "c2s_participation_alsace_moselle" if h.local_scheme else "c2s_participation"
    limits, oldest = _bands(ctx.mapping(name))
    return sum((next((v for limit, v in limits if p.age <= limit), oldest) for p in members(h, ctx)), ZERO)


Bands = tuple[tuple[tuple[int, Decimal], ...], Decimal]
_PARSED: dict[int, tuple[dict[str, Decimal | str], Bands]] = {}


def _bands(bands: dict[str, Decimal | str]) -> Bands:
    """(upper age, amount) in increasing age, and the amount past the last band; parsed once per table value."""
    found = _PARSED.get(id(bands))
    if found is None or found[0] is not bands:
        limits = tuple(sorted((int(k), Decimal(v)) for k, v in bands.items() if k != "max"))
        found = _PARSED[id(bands)] = (bands, (limits, Decimal(bands["max"])))
    return found[1]


def participation_line(h: Household, ctx: Context, amount: Decimal) -> Msg:
    """ "Estimated participation: 30 € a month for the 3 people of the household"."""
    return plural(
        "Participation estimée : {amount} par mois pour {n} personne (selon l'âge de chacun).",
        "Participation estimée : {amount} par mois pour les {n} personnes du foyer (selon l'âge de chacun).",
        len(members(h, ctx)),
        "rights",
        amount=Money(amount),
    )
