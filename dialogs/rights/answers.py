"""Turn the rights-check answers (stored under step ids) into the evaluator's household."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, get_args

from dialogs.rights.household import ZERO, Cover, Dependant, Household, Housing, Pension, Residence, Territory
from dialogs.schema import AnswerValue

TWELVE = Decimal(12)
LEGACY = {"asylum": "asylum_seeker"}
"""Answers of flow version 2, whose one option covered asylum seekers and refugees alike."""
TERRITORIES, RESIDENCES = frozenset(get_args(Territory)), frozenset(get_args(Residence))
HOUSINGS, COVERS = frozenset(get_args(Housing)), frozenset(get_args(Cover))
PENSIONS = frozenset(get_args(Pension))
"""The values of each literal, worked out once (`get_args` is slow and the chat builds a household per card)."""
YEARLY = ("income_year", "income_year_ame")
"""The C2S yearly income question (R861-8 period) and, since flow version 5, the AME one (the last 12 months)."""
CUT_SITUATIONS = frozenset({"unemployed", "ass", "sick_leave", "training"})
"""The situations of `activity_situation` whose pay from work R861-8 cuts by 30 % (not `training_ended`, flow version
7, whose training pay is left out instead)."""
LOCAL_SCHEME_COUPLE = frozenset({"me", "partner", "both", "none"})
"""Who of a couple is affiliated to the Alsace-Moselle local scheme (options of `local_scheme_couple`)."""


def household(answers: Mapping[str, AnswerValue]) -> Household:
    """The household described by the answers; questions not asked take their neutral value."""
    size = max(_int(answers.get("household_size"), 1), 1)
    couple = answers.get("couple") is True and size >= 2
    children = size - 1 - int(couple)
    resources = (
        _amount(answers.get("income_month")) * TWELVE
        if answers.get("income_regular") == "same"
        else _amount(_yearly(answers))
    )
    residence = answers.get("residence")
    partner_age, partner_born = _optional_int(answers.get("partner_age")), _year(answers.get("partner_born"))
    if couple and partner_age is None and partner_born is None:
        partner_age = 0  # a partner whose age was not asked
    local, partner_local = _local_scheme(answers, couple)
    benefits, housing = _housing(answers)
    return Household(
        age=_optional_int(answers.get("age")),
        born=_year(answers.get("born")),
        partner_age=partner_age if couple else None,
        partner_born=partner_born if couple else None,
        dependants=_dependants(answers, children),
        territory=_choice(answers.get("territory"), TERRITORIES, "metropole"),
        local_scheme=local,
        partner_local_scheme=partner_local,
        residence=_choice(LEGACY.get(str(residence), residence), RESIDENCES, "national"),
        arrived=_date(answers.get("arrived")) if answers.get("in_france") == "less" else None,
        irregular_since=_date(answers.get("permit_end")) if residence == "irregular" else None,
        works_in_france=answers.get("works") is True,
        pension=_choice(answers.get("pension"), PENSIONS, None) if answers.get("in_france") == "less" else None,
        benefits=benefits,
        waivers=_ticked(answers.get("waivers")),
        aspa_no_activity=answers.get("aspa_activity") is False,
        aspa_partner_no_activity=_not(answers.get("aspa_partner_activity")) if couple else None,
        aah_full_rate=answers.get("aah_rate") is True,
        resources=resources,
        activity_cut_income=_amount(answers.get("activity_cut_income"))
        if CUT_SITUATIONS & _ticked(answers.get("activity_situation"))
        else ZERO,
        training_pay_ended=_amount(answers.get("training_pay_ended"))
        if "training_ended" in _ticked(answers.get("activity_situation"))
        else ZERO,
        maintenance_paid=_amount(answers.get("maintenance_month")) * TWELVE if answers.get("maintenance") else ZERO,
        aah_month=_amount(answers.get("aah_month")),
        partner_aah_month=_amount(answers.get("partner_aah_month")) if couple else ZERO,
        asi_month=_amount(answers.get("asi_month")),
        partner_asi_month=_amount(answers.get("partner_asi_month")) if couple else ZERO,
        aspa_month=_amount(answers.get("aspa_month")),
        housing=housing,
        housing_benefit_month=_amount(answers.get("housing_benefit")),
        cover=_choice(answers.get("cover"), COVERS, "none"),
        cover_end=_date(answers.get("cover_end")),
        situations=_ticked(answers.get("situations")),
        sick_leave_since=_date(answers.get("sick_leave_since")),
    )


def _housing(answers: Mapping[str, AnswerValue]) -> tuple[frozenset[str], Any]:
    """The benefits and the home, after the person said which of two contradictory answers is right.

    `housing_check` (flow version 5) follows "Aide au logement" ticked among the benefits and a home without one:
    `benefit` makes the home a tenancy with housing benefit, `no_benefit` removes the benefit. `benefit_check`
    follows the reverse (a tenant with housing benefit who did not tick it): `benefit` adds the benefit,
    `no_benefit` makes the home a tenancy without one.
    """
    benefits, housing = _ticked(answers.get("benefits")), _choice(answers.get("housing"), HOUSINGS, "none")
    check, reverse = answers.get("housing_check"), answers.get("benefit_check")
    if check == "benefit":
        housing = "tenant_benefit"
    elif check == "no_benefit":
        benefits -= {"housing"}
    if reverse == "benefit":
        benefits |= {"housing"}
    elif reverse == "no_benefit":
        housing = "tenant"
    return benefits, housing


def _yearly(answers: Mapping[str, AnswerValue]) -> AnswerValue:
    """The yearly income: the AME question for people without a permit (flow version 5), else the C2S one."""
    first, other = ("income_year_ame", "income_year") if answers.get("residence") == "irregular" else YEARLY
    found = answers.get(first)
    return found if found is not None else answers.get(other)


def _local_scheme(answers: Mapping[str, AnswerValue], couple: bool) -> tuple[bool, bool | None]:
    """Who of the couple is affiliated to the Alsace-Moselle local scheme (the person, the partner).

    A couple answers once for both (`local_scheme_couple`); answers of version 3, one yes/no for the household
    (`local_scheme`), leave the partner unsaid: the partner then follows the person, as before.
    """
    who = answers.get("local_scheme_couple")
    if couple and who in LOCAL_SCHEME_COUPLE:
        return who in ("me", "both"), who in ("partner", "both")
    return answers.get("local_scheme") is True, None


def _dependants(answers: Mapping[str, AnswerValue], children: int) -> tuple[Dependant, ...]:
    """Each child's age and custody as answered (the chat asks the 6 eldest; younger ones rank after them).

    With a single child, "a child in shared custody" is that child.
    """
    alone_shared = children == 1 and answers.get("shared_any") is True
    found = [
        Dependant(
            age=_optional_int(answers.get(f"child_{k}_age")),
            shared_custody=alone_shared or answers.get(f"child_{k}_shared") is True,
        )
        for k in range(1, children + 1)
    ]
    young_aah = _amount(answers.get("young_aah_month"))
    if young_aah and found:
        eldest = max(range(len(found)), key=lambda i: found[i].age or 0)
        found[eldest] = Dependant(found[eldest].age, found[eldest].shared_custody, young_aah)
    return tuple(found)


def _int(value: AnswerValue, default: int) -> int:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else default


def _optional_int(value: AnswerValue) -> int | None:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _year(value: AnswerValue) -> int | None:
    """A year of birth typed as 4 digits (or given as a number through the API)."""
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return _optional_int(value)


def _amount(value: AnswerValue) -> Decimal:
    """An amount in euros; a negative, non-numeric or infinite one (never accepted by the chat) counts as 0."""
    if isinstance(value, bool) or value is None or isinstance(value, list):
        return ZERO
    try:
        amount = Decimal(str(value))
    except ArithmeticError:
        return ZERO
    return amount if amount.is_finite() and amount > ZERO else ZERO


def _not(value: AnswerValue) -> bool | None:
    """The opposite of a yes/no answer; None when it was not asked."""
    return not value if isinstance(value, bool) else None


def _date(value: AnswerValue) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


def _ticked(value: AnswerValue) -> frozenset[str]:
    return frozenset(value) - {"none"} if isinstance(value, list) else frozenset()


def _choice(value: object, allowed: frozenset[str], default: str | None) -> Any:
    """The answer when it is one of the literal's values, else the default."""
    return value if isinstance(value, str) and value in allowed else default
