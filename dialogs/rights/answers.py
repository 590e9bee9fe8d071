"""Turn the rights-check answers (stored under step ids) into the evaluator's household."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, get_args

from dialogs.rights.household import ZERO, Cover, Dependant, Household, Housing, Residence, Territory
from dialogs.schema import AnswerValue

TWELVE = Decimal(12)


def household(answers: Mapping[str, AnswerValue]) -> Household:
    """The household described by the answers; questions not asked take their neutral value."""
    size = max(_int(answers.get("household_size"), 1), 1)
    couple = answers.get("couple") is True and size >= 2
    children = size - 1 - int(couple)
    shared = min(_int(answers.get("shared_custody"), 0), children)
    resources = (
        _amount(answers.get("income_month")) * TWELVE
        if answers.get("income_regular") == "same"
        else _amount(answers.get("income_year"))
    )
    return Household(
        age=_int(answers.get("age"), 0),
        partner_age=_int(answers.get("partner_age"), 0) if couple else None,
        dependants=tuple(Dependant(shared_custody=i >= children - shared) for i in range(children)),
        territory=_choice(answers.get("territory"), Territory, "metropole"),
        residence=_choice(answers.get("residence"), Residence, "national"),
        arrived=_date(answers.get("arrived")) if answers.get("in_france") == "less" else None,
        works_in_france=answers.get("works") is True,
        benefits=_ticked(answers.get("benefits")),
        waivers=_ticked(answers.get("waivers")),
        aspa_no_activity=answers.get("aspa_activity") is False,
        aah_full_rate=answers.get("aah_rate") is True,
        resources=resources,
        maintenance_paid=_amount(answers.get("maintenance_month")) * TWELVE if answers.get("maintenance") else ZERO,
        aah_month=_amount(answers.get("aah_month")),
        asi_month=_amount(answers.get("asi_month")),
        aspa_month=_amount(answers.get("aspa_month")),
        housing=_choice(answers.get("housing"), Housing, "none"),
        housing_benefit_month=_amount(answers.get("housing_benefit")),
        cover=_choice(answers.get("cover"), Cover, "none"),
        cover_end=_date(answers.get("cover_end")),
        situations=_ticked(answers.get("situations")),
        sick_leave_since=_date(answers.get("sick_leave_since")),
    )


def _int(value: AnswerValue, default: int) -> int:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else default


def _amount(value: AnswerValue) -> Decimal:
    if isinstance(value, bool) or value is None or isinstance(value, list):
        return ZERO
    return Decimal(str(value))


def _date(value: AnswerValue) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


def _ticked(value: AnswerValue) -> frozenset[str]:
    return frozenset(value) - {"none"} if isinstance(value, list) else frozenset()


def _choice(value: AnswerValue, kind: object, default: str) -> Any:
    """The answer when it is one of the literal's values, else the default."""
    return value if isinstance(value, str) and value in get_args(kind) else default
