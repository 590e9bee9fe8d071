"""The chat's answers, stored under step ids, become the evaluator's household."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dialogs.rights import Dependant
from dialogs.rights.answers import household


def test_years_of_birth_children_ages_and_custody() -> None:
    h = household(
        {
            "born": 1980,
            "household_size": 5,
            "couple": True,
            "partner_born": 1982,
            "shared_any": True,
            "child_1_age": 15,
            "child_1_shared": False,
            "child_2_age": 11,
            "child_2_shared": True,
            "child_3_age": 19,
        }
    )
    assert (h.born, h.partner_born, h.couple) == (1980, 1982, True)
    assert h.dependants == (Dependant(15), Dependant(11, shared_custody=True), Dependant(19))
    assert h.age_on(date(2026, 5, 1)) == 45 and h.partner_age_on(date(2026, 5, 1)) == 43


def test_a_single_child_in_shared_custody_is_not_asked_twice() -> None:
    h = household({"born": 1990, "household_size": 2, "couple": False, "shared_any": True, "child_1_age": 6})
    assert h.dependants == (Dependant(6, shared_custody=True),)


def test_children_beyond_the_six_asked_have_no_age() -> None:
    answers = {"household_size": 8, "couple": False, **{f"child_{k}_age": 20 - k for k in range(1, 7)}}
    assert [d.age for d in household(answers).dependants] == [19, 18, 17, 16, 15, 14, None]


def test_benefits_per_person_local_scheme_housing_and_residence() -> None:
    h = household(
        {
            "residence": "asylum_seeker",
            "household_size": 3,
            "couple": True,
            "child_1_age": 22,
            "territory": "alsace_moselle",
            "local_scheme": True,
            "aah_month": "900",
            "partner_aah_month": "930.50",
            "young_aah_month": "600",
            "asi_month": 0,
            "partner_asi_month": "800",
            "housing": "owner_loan",
        }
    )
    assert (h.residence, h.territory, h.local_scheme, h.housing) == (
        "asylum_seeker",
        "alsace_moselle",
        True,
        "owner_loan",
    )
    assert (h.aah_month, h.partner_aah_month, h.asi_month, h.partner_asi_month) == (
        Decimal(900),
        Decimal("930.50"),
        Decimal(0),
        Decimal(800),
    )
    assert h.dependants == (Dependant(22, aah_month=Decimal(600)),)


def test_answers_of_the_previous_version_still_read() -> None:
    """Version 2 asked today's age and had one option for asylum seekers and refugees (read as asylum seeker)."""
    h = household({"residence": "asylum", "age": 40, "household_size": 2, "couple": True, "partner_age": 38})
    assert (h.residence, h.age, h.partner_age, h.dependants) == ("asylum_seeker", 40, 38, ())


def test_negative_or_absurd_amounts_count_as_nothing() -> None:
    """The chat refuses them, but stored or programmatic answers may hold them. A tenant declaring 15 000 € with a
    housing benefit of -500 € a month got a flat amount of 12 × -500 = -6 000 €, hence 9 000 € compared and a
    "free C2S" card (2025 ceiling 10 339 €); with the benefit taken as 0 the flat amount is
    min(12 × 12 % × 646.52, 0) = 0 and 15 000 € is above the 13 957 € participation ceiling (L861-1, R861-7)."""
    from dialogs.rights import evaluate

    answers = {"born": 1985, "housing": "tenant_benefit", "housing_benefit": "-500", "income_year": "15000"}
    h = household(answers)
    assert h.housing_benefit_month == 0
    c2s = evaluate(h, date(2025, 10, 15)).get("c2s")
    assert c2s is not None and c2s.band == "none"
    odd = household({"income_year": "NaN", "maintenance": True, "maintenance_month": "-Infinity", "aah_month": "abc"})
    assert (odd.resources, odd.maintenance_paid, odd.aah_month) == (0, 0, 0)
