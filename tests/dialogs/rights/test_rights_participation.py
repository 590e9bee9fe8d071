"""C2S participation per person by age on 1 January, the local scheme, and automatic attribution."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from dialogs.engine import next_step
from dialogs.i18n import translator
from dialogs.present import render_blocks
from dialogs.results.rights import rights
from dialogs.rights import Dependant, Household, evaluate
from dialogs.rights.answers import household
from dialogs.rights.table import RULES_FILE, parse_table
from dialogs.schema import Flow

DAY = date(2025, 10, 15)
IN_BAND = Decimal(12_000)  # between the free and the with-participation ceilings for one person in 2025


@pytest.mark.parametrize(
    ("age", "general", "local"),
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
def test_participation_by_age_band(age: int, general: str, local: str) -> None:
    for local_scheme, amount in ((False, general), (True, local)):
        h = Household(age=age, territory="alsace_moselle", local_scheme=local_scheme, resources=IN_BAND)
        outcome = evaluate(h, DAY).get("c2s")
        assert outcome is not None and outcome.band == "participation"
        assert outcome.participation == Decimal(amount), (age, local_scheme)


def test_the_local_scheme_follows_affiliation_not_the_address() -> None:
    """A 40-year-old living in Moselle but not affiliated pays 14 €; one affiliated living in Paris 4,90 €."""
    living_there = Household(age=40, territory="alsace_moselle", resources=IN_BAND)
    affiliated_elsewhere = Household(age=40, territory="metropole", local_scheme=True, resources=IN_BAND)
    assert evaluate(living_there, DAY).get("c2s").participation == 14  # type: ignore[union-attr]
    assert evaluate(affiliated_elsewhere, DAY).get("c2s").participation == Decimal("4.90")  # type: ignore[union-attr]


COUPLE_IN_MOSELLE: dict[str, Any] = {
    "residence": "national",
    "in_france": "more",
    "born": "1980",
    "household_size": 3,
    "couple": True,
    "partner_born": "1968",
    "shared_any": False,
    "child_1_age": 10,
    "territory": "alsace_moselle",
    "benefits": ["none"],
    "income_regular": "varies",
    "income_year": "22000",
    "maintenance": False,
    "housing": "tenant",
    "cover": "none",
    "situations": ["none"],
}
"""A couple and a child of 10 in Moselle, checked on 15 October 2025: 22 000 € for 3 people is over the free
ceiling (10 339 × 1.8 = 18 610 €) and under the one with participation (× 1.35 = 25 123 €)."""


def test_in_a_couple_only_the_affiliated_partner_and_the_child_pay_the_local_rate(flows: dict[str, Flow]) -> None:
    """The person (born 1980, 44 on 1 January 2025) works in Strasbourg: local scheme; the partner (born 1968, 56)
    works in Nancy: general scheme; the child follows the affiliated parent.

    By hand: 4,90 € (local, 30–49) + 21 € (general, 50–59) + 2,80 € (local, up to 29) = 28,70 € a month. With one
    answer for the household the card said 4,90 + 7,30 + 2,80 = 15 € (all local) or 14 + 21 + 8 = 43 € (none).
    """
    card = rights(flows["rights_check"], {**COUPLE_IN_MOSELLE, "local_scheme_couple": "me"}, DAY)
    text = render_blocks(card.blocks, translator("fr"))
    assert "🟢 C2S avec participation : droit probable" in text
    assert (
        "• Participation estimée : 28,70\xa0€ par mois pour les 3 personnes du foyer (selon l'âge de chacun)." in text
    )
    assert (
        "• Tarif réduit du régime local d'Alsace-Moselle pour 2 personnes du foyer, affiliées ou rattachées à ce "
        "régime ; tarif général pour les autres." in text
    )


@pytest.mark.parametrize(
    ("who", "amount"),
    [
        ("me", Decimal("28.70")),  # 4,90 local + 21 general + 2,80 local
        ("partner", Decimal("24.10")),  # 14 general + 7,30 local + 2,80 local
        ("both", Decimal("15.00")),  # 4,90 + 7,30 + 2,80
        ("none", Decimal(43)),  # 14 + 21 + 8
    ],
)
def test_who_of_the_couple_is_affiliated(who: str, amount: Decimal) -> None:
    outcome = evaluate(household({**COUPLE_IN_MOSELLE, "local_scheme_couple": who}), DAY).get("c2s")
    assert outcome is not None and outcome.band == "participation"
    assert outcome.participation == amount


def test_a_household_described_with_one_answer_keeps_it_for_the_partner() -> None:
    """Version 3 answers (one yes/no) and callers that do not say the partner's: the partner follows the person."""
    legacy = household({**COUPLE_IN_MOSELLE, "local_scheme": True})
    assert (legacy.local_scheme, legacy.partner_local_scheme, legacy.partner_local) == (True, None, True)
    assert evaluate(legacy, DAY).get("c2s").participation == Decimal("15.00")  # type: ignore[union-attr]
    split = Household(age=44, partner_age=56, local_scheme=True, partner_local_scheme=False, resources=Decimal(18_000))
    assert evaluate(split, DAY).get("c2s").participation == Decimal("25.90")  # type: ignore[union-attr] # 4,90 + 21


def test_the_local_scheme_is_asked_of_a_couple_once_for_both(flows: dict[str, Flow]) -> None:
    step = flows["rights_check"].step("territory")
    base = {"residence": "national", "territory": "alsace_moselle"}
    assert next_step(step, {**base, "couple": True, "household_size": 3}) == "local_scheme_couple"
    assert next_step(step, {**base, "household_size": 1}) == "local_scheme"
    assert next_step(step, {**base, "territory": "metropole", "household_size": 1}) == "benefits"


def test_the_age_counts_on_1_january_of_the_year_from_the_year_of_birth() -> None:
    """Born in 1996, checked on 22 November 2026: 29 on 1 January 2026 (30 later in the year) → 8 €, not 14 €.

    One person, 2026, 12 000 € of resources: over the free ceiling 10 339 € (2025 values, still applied),
    under 13 957 € → C2S with participation; the person was 30 when the chat asked their age in November.
    """
    day = date(2026, 11, 22)
    outcome = evaluate(Household(born=1996, resources=IN_BAND), day).get("c2s")
    assert outcome is not None and (outcome.band, outcome.participation) == ("participation", Decimal(8))
    assert evaluate(Household(born=1995, resources=IN_BAND), day).get("c2s").participation == 14  # type: ignore[union-attr]
    assert Household(born=1996).age_on(day) == 29


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


def test_a_presumption_with_participation_never_makes_someone_pay_whose_resources_give_free_c2s() -> None:
    """ASS, living alone, 6 600 € a year, checked on 15 July 2026 (the ASS presumption applies from 1 July 2026).

    By hand: one person, free-C2S ceiling 10 339 € (the values of 1 April 2025, the latest known); resources
    6 600 € (a tenant without housing benefit: no flat housing amount), under the ceiling: free C2S (CSS L861-1 1°).
    The presumption (LFSS 2024 art. 45) only spares the resource check for C2S *with* participation (14 € a month
    at 40): the card used to say so, and the person would have paid 168 € a year for what is free to them.
    """
    from dialogs.i18n import translator

    t = translator("fr")
    h = Household(born=1985, benefits=frozenset({"ass"}), resources=Decimal(6_600), housing="tenant")
    outcome = evaluate(h, date(2026, 7, 15)).get("c2s")
    assert outcome is not None
    assert (outcome.status, outcome.band, outcome.participation) == ("likely", "free", None)
    said = [t(m) for m in outcome.reasons]
    assert "6\u202f600\xa0€ est en dessous du plafond de la C2S gratuite pour votre foyer (10\u202f339\xa0€)." in said
    assert said[-1] == (
        "Mais avec les ressources que vous avez indiquées, la C2S est gratuite : déclarez-les dans votre demande "
        "pour ne rien payer."
    )
    above = Household(born=1985, benefits=frozenset({"ass"}), resources=Decimal(12_000), housing="tenant")
    presumed = evaluate(above, date(2026, 7, 15)).get("c2s")
    assert presumed is not None and (presumed.status, presumed.band) == ("automatic", "participation")
    assert presumed.participation == 14


BORN_1996 = {
    "residence": "national",
    "in_france": "more",
    "born": "1996",
    "household_size": 1,
    "territory": "metropole",
    "benefits": ["none"],
    "income_regular": "varies",
    "income_year": "12000",
    "maintenance": False,
    "housing": "tenant",
    "cover": "none",
    "situations": ["none"],
}
"""Born in 1996: 29 on 1 January 2026 (8 € a month), 30 on 1 January 2027 (14 €). 12 000 € alone is between the
free ceiling (10 339 €, the 2025 values still applied in 2026) and the one with participation (13 957 €)."""


def _card(flows: dict[str, Flow], answers: dict[str, Any], day: date) -> str:
    return render_blocks(rights(flows["rights_check"], answers, day).blocks, translator("fr"))


def test_in_december_the_card_gives_the_amount_of_a_decision_in_january_too(flows: dict[str, Flow]) -> None:
    """Checked on 15 December 2026: the caisse has 2 months to decide (CSS R861-16), so until 15 February 2027.

    By hand: a decision in 2026 counts the age on 1 January 2026, 29 → 8 €; one in 2027 the age on 1 January
    2027, 30 → 14 €. The card used to say 8 € only: the person would have paid 6 € a month more than announced.
    """
    text = _card(flows, BORN_1996, date(2026, 12, 15))
    assert "🟢 C2S avec participation : droit probable" in text
    assert (
        "• Participation estimée pour 1 personne : 8\xa0€ par mois si la décision est prise en 2026, 14\xa0€ par "
        "mois si elle est prise en 2027." in text
    )
    assert (
        "• La caisse a jusqu'à 2 mois pour décider : si vous faites la demande maintenant, la décision peut être "
        "prise en 2027. Or la participation dépend de l'âge au 1er janvier de l'année de la décision, et vous passez "
        "dans la tranche d'âge suivante le 1er janvier 2027." in text
    )
    assert "Participation estimée : 8" not in text


def test_in_october_the_decision_falls_this_year_and_the_card_is_unchanged(flows: dict[str, Flow]) -> None:
    """Checked on 15 October 2026: decided by 15 December 2026 at the latest, with the age on 1 January 2026: 8 €.

    Only someone born on 1 January 1996, already 30 that day, would pay 14 €: the card says so on its own line.
    """
    text = _card(flows, BORN_1996, date(2026, 10, 15))
    assert "• Participation estimée : 8\xa0€ par mois (selon votre âge)." in text
    assert "2027" not in text
    assert [line for line in text.splitlines() if "14\xa0€" in line] == [
        "• Si vous êtes né·e un 1er janvier, vous avez un an de plus au 1er janvier que les autres personnes nées la "
        "même année : pour une décision prise en 2026, la participation mensuelle serait de 14\xa0€."
    ]


@pytest.mark.parametrize(
    ("day", "next_year"),
    [
        (date(2026, 10, 31), None),  # + 2 months = 31 December 2026: still this year
        (date(2026, 11, 1), Decimal(14)),  # + 2 months = 1 January 2027
        (date(2026, 12, 31), Decimal(14)),
    ],
)
def test_the_window_opens_two_months_before_1_january(day: date, next_year: Decimal | None) -> None:
    outcome = evaluate(household(BORN_1996), day).get("c2s")
    assert outcome is not None and (outcome.participation, outcome.participation_next_year) == (8, next_year)


def test_no_second_amount_when_nobody_changes_band(flows: dict[str, Flow]) -> None:
    """Born in 1990: 35 on 1 January 2026, 36 on 1 January 2027, both 14 €: one amount, as before."""
    text = _card(flows, {**BORN_1996, "born": "1990"}, date(2026, 12, 15))
    assert "• Participation estimée : 14\xa0€ par mois (selon votre âge)." in text
    assert "2027" not in text


def test_a_couple_where_one_changes_band(flows: dict[str, Flow]) -> None:
    """Born 1996 and 1980, 18 000 € for 2 (between 15 508 € and 20 936 €), checked on 15 December 2026.

    By hand: 2026 → 8 € (29) + 14 € (45) = 22 €; 2027 → 14 € (30) + 14 € (46) = 28 €.
    """
    answers = {**BORN_1996, "household_size": 2, "couple": True, "partner_born": "1980", "income_year": "18000"}
    text = _card(flows, answers, date(2026, 12, 15))
    assert (
        "• Participation estimée pour les 2 personnes du foyer : 22\xa0€ par mois si la décision est prise en 2026, "
        "28\xa0€ par mois si elle est prise en 2027." in text
    )
    assert "et 1 personne du foyer passe dans la tranche d'âge suivante le 1er janvier 2027." in text


def test_new_amounts_on_1_january_are_announced_too() -> None:
    """A table whose general amounts rise on 1 January 2027 (a made-up revaluation: 8 € → 9 € up to 29).

    Born in 1990 (35, then 36: 14 € both years, no band change): 14 € in 2026, 15 € (the new 30–49 amount) in 2027.
    """
    text = RULES_FILE.read_text(encoding="utf-8").replace(
        '      value: {"29": 8, "49": 14, "59": 21, "69": 25, "max": 30}\n',
        '      value: {"29": 8, "49": 14, "59": 21, "69": 25, "max": 30}\n'
        "      source: CSS L861-1 2°\n"
        "      href: https://www.service-public.fr/particuliers/vosdroits/F10027\n"
        "    - since: 2027-01-01\n"
        '      value: {"29": 9, "49": 15, "59": 22, "69": 26, "max": 31}\n',
        1,
    )
    table = parse_table(text)
    outcome = evaluate(Household(born=1990, resources=Decimal(12_000)), date(2026, 12, 15), table).get("c2s")
    assert outcome is not None and (outcome.participation, outcome.participation_next_year) == (14, 15)
    said = [translator("fr")(m) for m in outcome.reasons]
    assert (
        "La caisse a jusqu'à 2 mois pour décider : si vous faites la demande maintenant, la décision peut être prise "
        "en 2027, et les montants de la participation changent le 1er janvier 2027." in said
    )


def test_a_benefit_that_opens_c2s_with_participation_gives_both_amounts_too() -> None:
    """ASI, born in 1956: 69 on 1 January 2026 (25 €), 70 on 1 January 2027 (30 €), checked on 20 November 2026."""
    h = Household(born=1956, benefits=frozenset({"asi"}), asi_month=Decimal(800), resources=Decimal(13_000))
    outcome = evaluate(h, date(2026, 11, 20)).get("c2s")
    assert outcome is not None and outcome.status == "automatic"
    assert (outcome.participation, outcome.participation_next_year) == (25, 30)
