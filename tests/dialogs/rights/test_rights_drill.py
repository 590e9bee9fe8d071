"""Drill households nobody had seen, worked out by hand from the domain rules, compared with the evaluator.

2025 ceilings (arrêté applicable from 1 April 2025, still applied after 1 April 2026, not collected): free 10 339 €
for one person × R861-3 coefficient (1; 1.5; 1.8; 2.1; then +0.4 each; a minor in shared custody half of their
rank's share), rounded down; × 1.35 with participation (L861-1 2°); × 1.113 overseas (D861-1). Participation per
person by age on 1 January of the year of the decision: 8 / 14 / 21 / 25 / 30 € (local scheme 2.80 / 4.90 / 7.30 /
8.70 / 10.50 €). RSA for the housing flat amount: 646.52 € from 1 April 2025, 651.69 € from 1 April 2026.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from dialogs.rights import evaluate
from dialogs.rights.answers import household
from dialogs.rights.outcome import Context
from dialogs.rights.resources import resources
from dialogs.rights.table import default_table

NOV = date(2026, 11, 30)
FRESH = date(2025, 10, 15)


def answers(**given: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "residence": "national",
        "in_france": "more",
        "household_size": 1,
        "territory": "metropole",
        "benefits": ["none"],
        "income_regular": "varies",
        "income_year": "0",
        "maintenance": False,
        "housing": "tenant",
        "cover": "none",
        "situations": ["none"],
    }
    return {**base, **given}


# (answers, day, expected C2S or AME: (right, status, band, participation, next year's participation), resources)
CASES: dict[str, tuple[dict[str, Any], date, tuple[str, str, str | None, str | None, str | None], str | None]] = {
    # Born 1981, alone, 12 000 €: 10 339 < 12 000 ≤ 13 957 → participation; 44 on 1 January 2026 and 45 in 2027: 14 €.
    "single_44": (answers(born="1981", income_year="12000"), NOV, ("c2s", "likely", "participation", "14", None), None),
    # Born 1996, turning 30: 29 on 1 January 2026 → 8 €, 30 on 1 January 2027 → 14 € (decision may fall in 2027).
    "turning_30_in_november": (
        answers(born="1996", income_year="12000"),
        NOV,
        ("c2s", "likely", "participation", "8", "14"),
        None,
    ),
    # Same person on 31 October: two months later is still 2026 (R861-16), one amount only.
    "turning_30_in_october": (
        answers(born="1996", income_year="12000"),
        date(2026, 10, 31),
        ("c2s", "likely", "participation", "8", None),
        None,
    ),
    # Born 1966, turning 60, checked 15 December: 21 € in 2026, 25 € in 2027.
    "turning_60_in_december": (
        answers(born="1966", income_year="12000"),
        date(2026, 12, 15),
        ("c2s", "likely", "participation", "21", "25"),
        None,
    ),
    # Couple both on AAH (1 000 € each), tenants with 300 € benefit: 24 000 − 2 × 68 × 12 = 22 368 €, + flat amount
    # 16 % × 651.69 × 1.5 × 12 = 1 876.87 € → 24 244.87 € > 20 936 € (15 508.5 × 1.35) → unlikely.
    "couple_both_on_aah": (
        answers(
            born="1991",
            household_size=2,
            couple=True,
            partner_born="1986",
            benefits=["aah", "housing"],
            income_regular="same",
            income_month="2000",
            aah_month="1000",
            partner_aah_month="1000",
            housing="tenant_benefit",
            housing_benefit="300",
        ),
        NOV,
        ("c2s", "unlikely", "none", None, None),
        "24244.87",
    ),
    # Couple + 4 children (16, 12, 8, 3): coefficient 2.9 → 29 983 / 40 477 €; 28 800 € + flat amount 16.5 % ×
    # 651.69 × 1.8 × 12 = 2 322.62 € = 31 122.62 € → participation 14 + 14 + 4 × 8 = 60 €.
    "family_of_six": (
        answers(
            born="1985",
            household_size=6,
            couple=True,
            partner_born="1988",
            shared_any=False,
            child_1_age=16,
            child_2_age=12,
            child_3_age=8,
            child_4_age=3,
            benefits=["family", "housing"],
            income_regular="same",
            income_month="2400",
            housing="tenant_benefit",
            housing_benefit="400",
        ),
        NOV,
        ("c2s", "likely", "participation", "60", None),
        "31122.62",
    ),
    # Single parent (1990), children 15 (full time, rank 2: +0.5) and 10 (shared custody, rank 3: +0.15):
    # 1.65 → 17 059 / 23 030 €; 18 000 € → participation 14 + 8 + 8 = 30 €.
    "single_parent_with_a_younger_child_in_shared_custody": (
        answers(
            born="1990",
            household_size=3,
            shared_any=True,
            child_1_age=15,
            child_1_shared=False,
            child_2_age=10,
            child_2_shared=True,
            income_year="18000",
        ),
        NOV,
        ("c2s", "likely", "participation", "30", None),
        None,
    ),
    # One child of 17 in shared custody: 1.25 → 12 923 / 17 447 €; 13 000 € → participation 14 + 8 = 22 €.
    "one_child_of_17_in_shared_custody": (
        answers(born="1980", household_size=2, shared_any=True, child_1_age=17, income_year="13000"),
        NOV,
        ("c2s", "likely", "participation", "22", None),
        None,
    ),
    # Student (permit, arrived 20 October 2026): no 3-month wait; 6 000 € + flat 12 % × 651.69 × 12 = 938.43 €.
    "student_newcomer": (
        answers(
            born="2006",
            residence="permit",
            in_france="less",
            arrived="2026-10-20",
            works=False,
            waivers=["student"],
            income_regular="same",
            income_month="500",
            housing="tenant_benefit",
            housing_benefit="200",
        ),
        NOV,
        ("c2s", "likely", "free", None, None),
        "6938.43",
    ),
    # Without a permit for years, housed free: 7 200 + 938.43 = 8 138.43 € ≤ 10 339 € → AME.
    "without_permit_housed_free": (
        answers(born="1988", residence="irregular", income_regular="same", income_month="600", housing="free"),
        NOV,
        ("ame", "likely", None, None, None),
        "8138.43",
    ),
    # A minor without a permit arrived 5 weeks ago: no 3-month condition for minors (L251-1).
    "minor_without_permit_just_arrived": (
        answers(born="2010", residence="irregular", in_france="less", arrived="2026-10-20", housing="free"),
        NOV,
        ("ame", "likely", None, None, None),
        "938.43",
    ),
    # An adult without a permit arrived 1 October 2026, over the ceiling: AME unlikely, not "from 1 January".
    "without_permit_newcomer_over_the_ceiling": (
        answers(born="1985", residence="irregular", in_france="less", arrived="2026-10-01", income_year="20000"),
        NOV,
        ("ame", "unlikely", None, None, None),
        "20000",
    ),
    # Alsace-Moselle couple, only the partner affiliated, child of 12: 21 (general, 55) + 7.30 (local, 53)
    # + 2.80 (child follows the affiliated parent) = 31.10 €; 21 600 € between 18 610 and 25 123 €.
    "alsace_moselle_partner_affiliated": (
        answers(
            born="1970",
            household_size=3,
            couple=True,
            partner_born="1972",
            shared_any=False,
            child_1_age=12,
            territory="alsace_moselle",
            local_scheme_couple="partner",
            income_regular="same",
            income_month="1800",
        ),
        date(2026, 6, 15),
        ("c2s", "likely", "participation", "31.10", None),
        None,
    ),
    # Alsace-Moselle couple both affiliated, born 1962 and 1957 (63 and 68): 8.70 + 8.70 = 17.40 €, same in 2027.
    "alsace_moselle_both_affiliated_in_december": (
        answers(
            born="1962",
            household_size=2,
            couple=True,
            partner_born="1957",
            territory="alsace_moselle",
            local_scheme_couple="both",
            income_year="18000",
        ),
        date(2026, 12, 1),
        ("c2s", "likely", "participation", "17.40", None),
        None,
    ),
    # Guadeloupe, born 1960 (65): 11 507 / 15 534 €; 12 000 € → 25 €, still 25 € at 66.
    "guadeloupe_65": (
        answers(born="1960", territory="overseas", income_year="12000"),
        NOV,
        ("c2s", "likely", "participation", "25", None),
        None,
    ),
    # Martinique, 4 people in October 2025: 10 339 × 2.1 × 1.113 = 24 165 €; 22 000 € → free.
    "martinique_four": (
        answers(
            born="1985",
            household_size=4,
            couple=True,
            partner_born="1986",
            shared_any=False,
            child_1_age=9,
            child_2_age=4,
            territory="overseas",
            income_year="22000",
        ),
        FRESH,
        ("c2s", "likely", "free", None, None),
        None,
    ),
    # Guyane without a permit, 11 000 € ≤ 11 507 € → AME.
    "guyane_without_permit": (
        answers(born="1985", residence="irregular", territory="overseas", income_year="11000"),
        NOV,
        ("ame", "likely", None, None, None),
        None,
    ),
    # La Réunion, RSA: free C2S opened automatically.
    "reunion_rsa": (
        answers(born="1985", territory="overseas", benefits=["rsa"]),
        NOV,
        ("c2s", "automatic", "free", None, None),
        None,
    ),
    # 31 March 2026: the 2025 ceiling is current (10 300 ≤ 10 339, free); 31 March 2025: 10 166 → participation.
    "before_1_april_2026": (
        answers(born="1985", income_year="10300"),
        date(2026, 3, 31),
        ("c2s", "likely", "free", None, None),
        None,
    ),
    "before_1_april_2025": (
        answers(born="1985", income_year="10200"),
        date(2025, 3, 31),
        ("c2s", "likely", "participation", "14", None),
        None,
    ),
    "on_1_april_2025": (
        answers(born="1985", income_year="10200"),
        date(2025, 4, 1),
        ("c2s", "likely", "free", None, None),
        None,
    ),
    # Owner still repaying a loan: no flat amount (R861-5) → 10 000 € free; owner without a loan: + 12 % × 646.52
    # × 12 = 930.99 € → 10 930.99 € → participation 14 €.
    "owner_with_a_loan": (
        answers(born="1985", income_year="10000", housing="owner_loan"),
        FRESH,
        ("c2s", "likely", "free", None, None),
        "10000",
    ),
    "owner_without_a_loan": (
        answers(born="1985", income_year="10000", housing="owner"),
        FRESH,
        ("c2s", "likely", "participation", "14", None),
        "10930.99",
    ),
    # ASI (300 €) + 700 €: automatic since 1 July 2024; by resources 12 000 − 588 = 11 412 € (not free) → 14 € (49).
    "asi_alone": (
        answers(born="1975", benefits=["asi"], income_regular="same", income_month="1000", asi_month="300"),
        FRESH,
        ("c2s", "automatic", "participation", "14", None),
        None,
    ),
    # AAH full rate alone: automatic from 1 July 2025, examined by resources the day before (12 396 − 816 = 11 580).
    "aah_alone_after_july_2025": (
        answers(
            born="1985",
            benefits=["aah"],
            aah_rate=True,
            income_regular="same",
            income_month="1033",
            aah_month="1033",
        ),
        date(2025, 8, 1),
        ("c2s", "automatic", "participation", "14", None),
        None,
    ),
    "aah_alone_before_july_2025": (
        answers(
            born="1985",
            benefits=["aah"],
            aah_rate=True,
            income_regular="same",
            income_month="1033",
            aah_month="1033",
        ),
        date(2025, 6, 30),
        ("c2s", "likely", "participation", "14", None),
        "11580",
    ),
    # ASPA alone who worked in the last 3 months: examined; 13 200 − 71 × 12 = 12 348 € → 30 € (70 on 1 January).
    "aspa_alone_who_worked": (
        answers(
            born="1955",
            benefits=["aspa"],
            aspa_activity=True,
            income_regular="same",
            income_month="1100",
            aspa_month="600",
        ),
        NOV,
        ("c2s", "likely", "participation", "30", None),
        "12348",
    ),
    # ASPA couple born 1956/1957, neither worked: automatic; 25 + 25 = 50 € in 2026, 30 + 25 = 55 € in 2027.
    "aspa_couple_turning_70": (
        answers(
            born="1956",
            household_size=2,
            couple=True,
            partner_born="1957",
            benefits=["aspa"],
            aspa_activity=False,
            aspa_partner_activity=False,
            income_regular="same",
            income_month="1650",
            aspa_month="1650",
            housing="owner",
        ),
        NOV,
        ("c2s", "automatic", "participation", "50", "55"),
        None,
    ),
    # Single parent + 7 children (the 7th's age not asked): 3.7 → 38 254 €; 36 000 € → free.
    "family_of_eight": (
        answers(
            born="1980",
            household_size=8,
            shared_any=False,
            child_1_age=20,
            child_2_age=18,
            child_3_age=15,
            child_4_age=12,
            child_5_age=10,
            child_6_age=7,
            income_year="36000",
        ),
        NOV,
        ("c2s", "likely", "free", None, None),
        None,
    ),
    # Housing benefit of 50 € a month caps the flat amount at 600 €: 10 600 € → participation.
    "small_housing_benefit": (
        answers(born="1985", income_year="10000", housing="tenant_benefit", housing_benefit="50"),
        FRESH,
        ("c2s", "likely", "participation", "14", None),
        "10600",
    ),
    # A minor asylum seeker alone, arrived 10 November 2026: covered at once (D160-2), no resources → free.
    "minor_asylum_seeker": (
        answers(born="2011", residence="asylum_seeker", in_france="less", arrived="2026-11-10"),
        NOV,
        ("c2s", "likely", "free", None, None),
        None,
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_evaluator_agrees_with_the_hand_worked_household(name: str) -> None:
    given, day, (right, status, band, amount, later), total = CASES[name]
    h = household(given)
    outcome = evaluate(h, day).get(right)
    assert outcome is not None, name
    assert outcome.status == status, (name, outcome.status)
    if band is not None:
        assert outcome.band == band, (name, outcome.band)
    assert outcome.participation == (Decimal(amount) if amount else None), (name, outcome.participation)
    assert outcome.participation_next_year == (Decimal(later) if later else None), name
    if total is not None:
        assert resources(h, Context(day, default_table())).total == Decimal(total), name


def test_asylum_seekers_and_mayotte_get_no_c2s_estimate() -> None:
    """An adult asylum seeker arrived 15 October 2026 waits until 16 January 2027, when the stay is of more than
    3 months (D160-2 since 2020), urgent care
    meanwhile; in Mayotte neither C2S nor AME apply."""
    waiting = evaluate(
        household(answers(born="1990", residence="asylum_seeker", in_france="less", arrived="2026-10-15")), NOV
    )
    assert [o.right for o in waiting.outcomes] == ["puma", "urgent_care"]
    assert waiting.outcomes[0].due == date(2027, 1, 16)
    mayotte = evaluate(household(answers(born="1985", territory="mayotte")), NOV)
    assert [o.right for o in mayotte.outcomes] == ["mayotte"]
