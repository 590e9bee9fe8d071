"""Who of the household receives the AAH, the ASI, the ASPA, the ASS or the CEJ allowance, so that the card names the
right person (and makes the person priority for the check-up only for their own benefits).

The chat asks which benefits "vous ou une personne de votre foyer" receive, then each person's AAH and ASI: the
person's own, the partner's, a young person's AAH. The ASPA is asked for the household as a whole: in a couple the
card cannot tell which of the two receives it, and says "you or your partner". Without any amount (a person living
alone, or amounts not asked) the person who ticked the benefit receives it when they live alone.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from dialogs.rights.household import ADULT, ZERO, Household
from dialogs.rights.outcome import Context, add_months

PERSONAL = frozenset({"aah", "ass", "cej"})
"""Benefits of one person that make them a priority public of the check-up (the RSA is the household's)."""
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
    if not h.couple and not young and (benefit == "aspa" or not h.dependants or (benefit == "ass" and _minors(h))):
        return "you"  # alone (dependants too young for the ASPA, minors for the ASS): the person who ticked it
    return "household"


def personal(h: Household, ctx: Context) -> tuple[frozenset[str], frozenset[str]]:
    """The person's own benefits (AAH, ASS, CEJ allowance): those they receive, and those they may receive.

    "May": ticked for the household, and the answers do not say whose it is (the person can be the one). A benefit
    only the partner or someone else can receive is in neither.
    """
    sure: set[str] = set()
    maybe: set[str] = set()
    for benefit in PERSONAL & h.benefits:
        who = receives_cej(h, ctx) if benefit == "cej" else receives(h, benefit)
        if who in ("you", "both"):
            sure.add(benefit)
        elif who == "household" and (benefit != "cej" or _person_may_cej(h, ctx)):
            maybe.add(benefit)
    return frozenset(sure), frozenset(maybe)


def _minors(h: Household) -> bool:
    """Whether every dependant is a minor of known age (too young to have worked the years the ASS asks)."""
    return all(d.age is not None and d.age < ADULT for d in h.dependants)


def receives_cej(h: Household, ctx: Context) -> Who:
    """ "you" when only the person can be of the CEJ's age; "household" when someone else may receive the allowance."""
    if not ctx.in_force("cej_ages"):
        return "household" if h.couple or h.dependants else "you"
    partner = None if h.partner_born is None and not h.partner_age else h.partner_age  # 0: an age not asked
    others = [_years(partner, h.partner_born, ctx.today)] if h.couple else []
    others.extend(_years(d.age, None, ctx.today) for d in h.dependants)
    ages = ctx.mapping("cej_ages")
    if _person_may_cej(h, ctx) and not any(_may_receive(years, ages, ctx.today) for years in others):
        return "you"
    return "household"


def _person_may_cej(h: Household, ctx: Context) -> bool:
    """Whether the person answering can be of the CEJ's age (yes when the rule or the age is unknown)."""
    if not ctx.in_force("cej_ages"):
        return True
    return _may_receive(_years(h.age, h.born, ctx.today), ctx.mapping("cej_ages"), ctx.today)


def _years(age: int | None, born: int | None, day: date) -> tuple[int, ...]:
    """The years someone may be born in: the year given, or the two an age allows (on 1 January or on `day`, the
    same two); () when unknown."""
    if born is not None:
        return (born,)
    return () if age is None else (day.year - age - 1, day.year - age)


def _may_receive(years: tuple[int, ...], ages: dict[str, Decimal | str], day: date) -> bool:
    """Whether someone born in one of `years` may be on the CEJ on `day`: 16 by then, and signed before turning 30
    no longer ago than its longest duration. Unknown years: they may."""
    first, last, months = int(ages["from"]), int(ages["until_disabled"]), int(ages["months"])
    return not years or any(
        date(year + first, 1, 1) <= day < add_months(date(year + last + 1, 12, 31), months) for year in years
    )
