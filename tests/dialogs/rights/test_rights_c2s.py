"""C2S at every ceiling boundary: 1–6 persons, metropolitan and overseas, 2024 and 2025, one euro under/at/over."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dialogs.rights import Dependant, Household, evaluate
from dialogs.rights.household import Territory

# Published tables (rights-rules.md): sizes 1–4, then the amount per extra person; (free, with participation).
TABLES = {
    ("metropole", 2024): (
        {1: 10166, 2: 15249, 3: 18298, 4: 21348},
        4066,
        {1: 13724, 2: 20586, 3: 24703, 4: 28820},
        5490,
    ),
    ("metropole", 2025): (
        {1: 10339, 2: 15508, 3: 18609, 4: 21711},
        4135,
        {1: 13957, 2: 20936, 3: 25123, 4: 29311},
        5583,
    ),
    ("overseas", 2024): (
        {1: 11315, 2: 16972, 3: 20366, 4: 23760},
        4526,
        {1: 15275, 2: 22912, 3: 27494, 4: 32077},
        6110,
    ),
    ("overseas", 2025): (
        {1: 11507, 2: 17260, 3: 20713, 4: 24165},
        4602,
        {1: 15534, 2: 23302, 3: 27962, 4: 32623},
        6213,
    ),
}
DAYS = {2024: date(2024, 10, 15), 2025: date(2025, 10, 15)}


def published(table: dict[int, int], extra: int, size: int) -> int:
    return table[size] if size <= 4 else table[4] + (size - 4) * extra


def household(size: int, resources: int, territory: Territory, *, couple: bool) -> Household:
    partner = 40 if couple and size >= 2 else None
    children = size - 1 - (partner is not None)
    return Household(
        age=40,
        partner_age=partner,
        dependants=tuple(Dependant(age=20 - i) for i in range(children)),
        territory=territory,
        resources=Decimal(resources),
        housing="tenant",
    )


CASES = [
    (territory, year, size, couple)
    for (territory, year) in TABLES
    for size in range(1, 7)
    for couple in ((False, True) if size >= 2 else (False,))
]


@pytest.mark.parametrize(("territory", "year", "size", "couple"), CASES)
def test_band_one_euro_under_at_and_over_each_ceiling(territory: Territory, year: int, size: int, couple: bool) -> None:
    free_table, free_extra, part_table, part_extra = TABLES[(territory, year)]
    free = published(free_table, free_extra, size)
    with_part = published(part_table, part_extra, size)
    expected = {
        free - 1: "free",
        free: "free",
        free + 1: "participation",
        with_part - 1: "participation",
        with_part: "participation",
        with_part + 1: "none",
    }
    for resources, band in expected.items():
        outcome = evaluate(household(size, resources, territory, couple=couple), DAYS[year]).get("c2s")
        assert outcome is not None
        assert outcome.band == band, (territory, year, size, couple, resources)


def test_the_reasons_show_the_figures_compared() -> None:
    from dialogs.i18n import translator

    t = translator("fr")
    outcome = evaluate(household(1, 9600, "metropole", couple=False), DAYS[2025]).get("c2s")
    assert outcome is not None
    lines = [t(m) for m in outcome.reasons]
    assert "Votre foyer : 1 personne." in lines
    # CLDR French: U+202F groups thousands, U+00A0 before the euro sign.
    assert "9\u202f600\xa0€ est en dessous du plafond de la C2S gratuite pour votre foyer (10\u202f339\xa0€)." in lines


def test_a_child_in_shared_custody_counts_half() -> None:
    full = household(3, 0, "metropole", couple=False)
    shared = Household(age=40, dependants=(Dependant(12), Dependant(8, shared_custody=True)), resources=Decimal(17_000))
    from dialogs.rights.c2s import ceilings
    from dialogs.rights.outcome import Context
    from dialogs.rights.table import default_table

    ctx = Context(DAYS[2025], default_table())
    assert ceilings(full, ctx)[0] == 18609
    # 10 339 + (15 508 − 10 339) for the first child + ½ × (18 609 − 15 508) for the second.
    assert ceilings(shared, ctx)[0] == Decimal("17058.5")
    assert evaluate(shared, DAYS[2025]).get("c2s").band == "free"  # type: ignore[union-attr]


def test_maintenance_paid_is_deducted_and_housing_flat_amount_added() -> None:
    base = Household(age=40, resources=Decimal(11_000), housing="tenant")
    assert evaluate(base, DAYS[2025]).get("c2s").band == "participation"  # type: ignore[union-attr]
    paying = Household(age=40, resources=Decimal(11_000), maintenance_paid=Decimal(1_200), housing="tenant")
    assert evaluate(paying, DAYS[2025]).get("c2s").band == "free"  # type: ignore[union-attr]
    # Owner: 12 % of 12 × the RSA amount (646,52 € from 2025-04-01) = 930,99 € added.
    owner = Household(age=40, resources=Decimal(9_500), housing="owner")
    outcome = evaluate(owner, DAYS[2025]).get("c2s")
    assert outcome is not None and outcome.band == "participation"
    # Housing benefit: the flat amount is capped at the benefit received (12 × 50 € = 600 €).
    tenant = Household(age=40, resources=Decimal(9_700), housing="tenant_benefit", housing_benefit_month=Decimal(50))
    assert evaluate(tenant, DAYS[2025]).get("c2s").band == "free"  # type: ignore[union-attr]
