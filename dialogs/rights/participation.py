"""The monthly C2S participation: one amount per member by age on 1 January, lower in the local scheme.

CSS L861-1 2° and L861-11: C2S with participation costs each member a monthly amount set by their age on
1 January of the year of the decision (8 € up to 29, 14 € 30–49, 21 € 50–59, 25 € 60–69, 30 € from 70).
"Par dérogation, pour les assurés relevant du régime local d'Alsace-Moselle", lower amounts apply: to each
member who belongs to the local scheme (CSS L325-1: by their job or pension there, or attached to such an
insured), wherever they live; the other members of the same household pay the general amounts.
"""

from __future__ import annotations

from decimal import Decimal

from dialogs.rights.household import ZERO, Household
from dialogs.rights.members import Member, members
from dialogs.rights.outcome import Context
from dialogs.text import Money, Msg, plural

GENERAL, LOCAL = "c2s_participation", "c2s_participation_alsace_moselle"


def participation(h: Household, ctx: Context) -> Decimal:
    """Monthly participation of the household: one amount per member by age band and scheme."""
    return sum((_amount(p, ctx) for p in members(h, ctx)), ZERO)


def _amount(p: Member, ctx: Context) -> Decimal:
    limits, oldest = _bands(ctx.mapping(LOCAL if p.local else GENERAL))
    return next((v for limit, v in limits if p.age <= limit), oldest)


Bands = tuple[tuple[tuple[int, Decimal], ...], Decimal]
_PARSED: dict[int, tuple[dict[str, Decimal | str], Bands]] = {}


def _bands(bands: dict[str, Decimal | str]) -> Bands:
    """(upper age, amount) in increasing age, and the amount past the last band; parsed once per table value."""
    found = _PARSED.get(id(bands))
    if found is None or found[0] is not bands:
        limits = tuple(sorted((int(k), Decimal(v)) for k, v in bands.items() if k != "max"))
        found = _PARSED[id(bands)] = (bands, (limits, Decimal(bands["max"])))
    return found[1]


def participation_lines(h: Household, ctx: Context, amount: Decimal) -> tuple[Msg, ...]:
    """ "Estimated participation: 30 € a month for the 3 people of the household", and who pays the local rate."""
    people = members(h, ctx)
    line = plural(
        "Participation estimée : {amount} par mois pour {n} personne (selon l'âge de chacun).",
        "Participation estimée : {amount} par mois pour les {n} personnes du foyer (selon l'âge de chacun).",
        len(people),
        "rights",
        amount=Money(amount),
    )
    local = sum(1 for p in people if p.local)
    if not local:
        return (line,)
    if local == len(people):
        return line, plural(
            "Tarif réduit du régime local d'Alsace-Moselle pour {n} personne.",
            "Tarif réduit du régime local d'Alsace-Moselle pour les {n} personnes du foyer.",
            local,
            "rights",
        )
    return line, plural(
        "Tarif réduit du régime local d'Alsace-Moselle pour {n} personne du foyer, affiliée ou rattachée à ce "
        "régime ; tarif général pour les autres.",
        "Tarif réduit du régime local d'Alsace-Moselle pour {n} personnes du foyer, affiliées ou rattachées à ce "
        "régime ; tarif général pour les autres.",
        local,
        "rights",
    )
