"""Who belongs to the C2S household and in which order they count: one definition for every rule.

CSS R861-2: the household is the applicant, their spouse, partner or PACS partner, and the people
they support who are under 25 on the day of the request. R861-3: each person after the first raises
the ceiling by a share that depends on their rank — the partner first, then the dependants by
decreasing age — and a minor in shared custody counts for half of it. The same members are counted
for the size shown, the ceilings, the housing flat amount, the benefit deductions and the participation.

Each member also says whether they belong to the Alsace-Moselle local scheme (CSS L325-1), which lowers
their own participation: an adult as answered; a dependant when an adult of the household belongs to it,
because the local scheme covers the affiliated insured's ayants droit ("enfants jusqu'à 24 ans et conjoint
à leur charge", regime-local.fr) and a child can be attached to either parent.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, NamedTuple

from dialogs.rights.household import ZERO, Dependant, Household
from dialogs.rights.outcome import Context

Role = Literal["applicant", "partner", "dependant"]
ONE = Decimal(1)


class Member(NamedTuple):
    """One person of the C2S household, in rank order (a named tuple: built for every check, immutable, cheap)."""

    role: Role
    age: int
    """Adults: age on 1 January of the year of the check; dependants: age on the day (0 when unknown)."""
    half: bool = False
    """A minor in shared custody: half of their rank's share of the ceiling (R861-3)."""
    aah_month: Decimal = ZERO
    asi_month: Decimal = ZERO
    local: bool = False
    """Belongs to the Alsace-Moselle local scheme: pays its lower participation."""


def members(h: Household, ctx: Context) -> tuple[Member, ...]:
    """The applicant, the partner, then the dependants under 25, eldest first (computed once per household)."""
    key = "members"  # with the household it was worked out for: `ctx` may serve another
    found = ctx.memo.get(key)
    if found is not None and found[0] is h:
        return found[1]  # type: ignore[no-any-return]
    people = _members(h, ctx)
    ctx.memo[key] = (h, people)
    return people


def _members(h: Household, ctx: Context) -> tuple[Member, ...]:
    local = h.local_scheme
    people = [Member("applicant", h.age_on(ctx.today), False, h.aah_month, h.asi_month, local)]
    partner_age = h.partner_age_on(ctx.today)
    if partner_age is not None:
        partner = Member("partner", partner_age, False, h.partner_aah_month, h.partner_asi_month, h.partner_local)
        people.append(partner)
        local = local or partner.local
    limit = int(ctx.number("c2s_dependant_age_limit"))
    under = [d for d in h.dependants if d.age is None or d.age < limit]
    if any(d.shared_custody for d in under):
        minor = int(ctx.number("c2s_shared_custody_age_limit"))
        people.extend([_dependant(d, minor, local) for d in _eldest_first(under)])
    else:
        people.extend([Member("dependant", d.age or 0, False, d.aah_month, ZERO, local) for d in _eldest_first(under)])
    return tuple(people)


def _dependant(d: Dependant, minor: int, local: bool) -> Member:
    half = d.shared_custody and (d.age is None or d.age < minor)
    return Member("dependant", d.age or 0, half, d.aah_month, local=local)


def _eldest_first(dependants: list[Dependant]) -> list[Dependant]:
    """Known ages in decreasing order, then unknown ages in the order given (R861-3 ranks by age)."""
    known = sorted((d for d in dependants if d.age is not None), key=lambda d: -(d.age or 0))
    return [*known, *(d for d in dependants if d.age is None)]


def coefficient(people: tuple[Member, ...], ctx: Context) -> Decimal:
    """1 for the first person plus each next person's share by rank, halved for a minor in shared custody."""
    shares = ctx.mapping("c2s_household_coefficients")
    total = ONE
    for rank, person in enumerate(people[1:], start=2):
        share = Decimal(shares[str(rank)] if rank <= 4 else shares["extra"])
        total += share * Decimal(shares["shared_custody"]) if person.half else share
    return total


def shared(people: tuple[Member, ...]) -> int:
    """How many members count for half."""
    return sum(1 for p in people if p.half)
