"""C2S participation per person by age band, metropolitan and Alsace-Moselle, and automatic attribution."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dialogs.rights import Dependant, Household, evaluate

DAY = date(2025, 10, 15)
IN_BAND = Decimal(12_000)  # between the free and the with-participation ceilings for one person in 2025


@pytest.mark.parametrize(
    ("age", "metropole", "alsace_moselle"),
    [
        (18, "8", "2.80"),
        (29, "8", "2.80"),
        (30, "14", "4.90"),
        (49, "14", "4.90"),
        (50, "21", "7.30"),
        (59, "21", "7.30"),
        (60, "25", "8.70"),
        (69, "25", "8.70"),
        (70, "30", "10.50"),
        (95, "30", "10.50"),
    ],
)
def test_participation_by_age_band(age: int, metropole: str, alsace_moselle: str) -> None:
    for territory, amount in (("metropole", metropole), ("alsace_moselle", alsace_moselle)):
        outcome = evaluate(Household(age=age, territory=territory, resources=IN_BAND), DAY).get("c2s")  # type: ignore[arg-type]
        assert outcome is not None and outcome.band == "participation"
        assert outcome.participation == Decimal(amount), (age, territory)


def test_household_participation_adds_every_member() -> None:
    h = Household(age=52, partner_age=31, dependants=(Dependant(17), Dependant(None)), resources=Decimal(25_000))
    outcome = evaluate(h, DAY).get("c2s")
    assert outcome is not None and outcome.band == "participation"
    assert outcome.participation == 21 + 14 + 8 + 8


@pytest.mark.parametrize(
    ("benefit", "extra", "day", "band"),
    [
        ("rsa", {}, date(2022, 1, 1), "free"),
        ("rsa", {}, DAY, "free"),
        ("aspa", {"aspa_no_activity": True}, date(2022, 4, 1), "participation"),
        ("asi", {}, date(2024, 7, 1), "participation"),
        ("aah", {"aah_full_rate": True}, date(2025, 7, 1), "participation"),
        ("ass", {}, date(2026, 7, 1), "participation"),
        ("cej", {}, date(2026, 7, 1), "participation"),
    ],
)
def test_automatic_attribution_from_its_date(benefit: str, extra: dict[str, bool], day: date, band: str) -> None:
    h = Household(age=40, benefits=frozenset({benefit}), resources=Decimal(50_000), **extra)  # type: ignore[arg-type]
    outcome = evaluate(h, day).get("c2s")
    assert outcome is not None
    assert (outcome.status, outcome.band) == ("automatic", band)


@pytest.mark.parametrize(
    ("benefit", "extra", "day"),
    [
        ("aspa", {"aspa_no_activity": False}, DAY),  # worked in the last 3 months
        ("asi", {}, date(2024, 6, 30)),  # the day before ASI opened it
        ("aah", {"aah_full_rate": True}, date(2025, 6, 30)),
        ("aah", {"aah_full_rate": False}, DAY),
        ("ass", {}, date(2026, 6, 30)),
    ],
)
def test_no_automatic_attribution_outside_its_conditions(benefit: str, extra: dict[str, bool], day: date) -> None:
    h = Household(age=40, benefits=frozenset({benefit}), resources=Decimal(50_000), **extra)  # type: ignore[arg-type]
    outcome = evaluate(h, day).get("c2s")
    assert outcome is not None
    assert (outcome.status, outcome.band) == ("unlikely", "none")


def test_aah_and_ass_are_automatic_only_for_people_living_alone() -> None:
    day = date(2026, 8, 1)
    for benefit, extra in (("aah", {"aah_full_rate": True}), ("ass", {})):
        alone = Household(age=40, benefits=frozenset({benefit}), resources=Decimal(50_000), **extra)  # type: ignore[arg-type]
        parent = Household(
            age=40,
            dependants=(Dependant(5),),
            benefits=frozenset({benefit}),
            resources=Decimal(50_000),
            **extra,  # type: ignore[arg-type]
        )
        assert evaluate(alone, day).get("c2s").status == "automatic"  # type: ignore[union-attr]
        assert evaluate(parent, day).get("c2s").status == "unlikely"  # type: ignore[union-attr]


def test_benefit_deductions_lower_the_counted_resources() -> None:
    h = Household(age=40, resources=Decimal(10_500), aah_month=Decimal(900), housing="tenant")
    outcome = evaluate(h, DAY).get("c2s")
    # 10 500 − 12 × 68 = 9 684 €, under the 10 339 € ceiling.
    assert outcome is not None and outcome.band == "free"
