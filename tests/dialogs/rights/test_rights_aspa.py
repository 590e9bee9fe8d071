"""ASPA recipients: C2S without a resource check only if neither they nor their partner worked in the last 3 months."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from dialogs.engine import next_step
from dialogs.i18n import translator
from dialogs.present import render_blocks
from dialogs.results.rights import rights
from dialogs.rights import Household
from dialogs.rights.answers import household
from dialogs.rights.automatic import automatic
from dialogs.rights.outcome import Context
from dialogs.rights.table import default_table
from dialogs.schema import Flow

DAY = date(2025, 10, 15)
"""Every value used is current and verified on that day: no amber caution."""
PARTNER_WORKED = (
    "Votre conjoint·e a eu une activité professionnelle ces 3 derniers mois : l'ASPA ne vous donne donc pas la C2S "
    "sans examen de vos ressources. Votre droit se calcule sur les ressources du foyer."
)
COUPLE_ON_ASPA: dict[str, Any] = {
    "residence": "national",
    "in_france": "more",
    "born": "1950",
    "household_size": 2,
    "couple": True,
    "partner_born": "1962",
    "territory": "metropole",
    "benefits": ["aspa"],
    "aspa_activity": False,
    "income_regular": "same",
    "income_month": 2000,
    "maintenance": False,
    "aspa_month": 600,
    "housing": "tenant",
    "cover": "none",
    "situations": ["none"],
}


def card_text(flows: dict[str, Flow], answers: dict[str, Any], day: date = DAY) -> str:
    return render_blocks(rights(flows["rights_check"], answers, day).blocks, translator("fr"))


def test_an_aspa_recipient_whose_partner_worked_last_month_has_their_resources_examined(
    flows: dict[str, Flow],
) -> None:
    """A couple on the ASPA (600 € a month) whose partner took a job last month, checked on 15 October 2025.

    By hand: 2 000 € a month (ASPA and the partner's pay) × 12 = 24 000 €; minus the ASPA deduction for a couple,
    min(600, 110) × 12 = 1 320 €: 22 680 €. Two people, 2025 ceilings: free 15 508 €, with participation 20 936 €;
    22 680 € is over both, by 8 % (outside the 3 % margin of the unconfirmed couple deduction) → C2S unlikely.
    The presumption (C2S with participation, 30 € at 74 + 25 € at 62 = 55 € a month, whatever the resources) no
    longer applies since décret 2023-671: the partner worked in the last 3 months.
    """
    text = card_text(flows, {**COUPLE_ON_ASPA, "aspa_partner_activity": True})
    assert "⚪ C2S : peu probable avec ces ressources" in text
    assert f"• {PARTNER_WORKED}" in text
    assert (
        "• Ressources retenues : 22\u202f680\xa0€ (ressources déclarées sur 12 mois : 24\u202f000\xa0€, moins "
        "l'abattement sur l'AAH, l'ASI ou l'ASPA : 1\u202f320\xa0€)." in text
    )
    assert (
        "• 22\u202f680\xa0€ dépasse le plafond de la C2S avec participation pour votre foyer (20\u202f936\xa0€)."
        in text
    )
    assert "sans examen de vos ressources\n" not in text and "attribuée sans examen" not in text


def test_the_same_couple_keeps_the_presumption_when_the_partner_did_not_work(flows: dict[str, Flow]) -> None:
    """Same couple, neither worked: C2S with participation without a resource check, 30 € + 25 € = 55 € a month."""
    text = card_text(flows, {**COUPLE_ON_ASPA, "aspa_partner_activity": False})
    assert "🟢 C2S : attribuée sans examen de vos ressources" in text
    assert "• Participation estimée : 55\xa0€ par mois pour les 2 personnes du foyer (selon l'âge de chacun)." in text
    assert PARTNER_WORKED not in text


@pytest.mark.parametrize(
    ("day", "partner_worked", "presumed"),
    [
        (date(2023, 7, 28), True, True),  # the day before décret 2023-671 came into force
        (date(2023, 7, 29), True, False),
        (date(2023, 7, 29), False, True),
        (date(2023, 7, 29), None, True),  # not asked (a household described before the question existed)
    ],
)
def test_the_partner_counts_from_29_july_2023(day: date, partner_worked: bool | None, presumed: bool) -> None:
    """The décret was published on 28 July 2023 and came into force the next day (no ceilings before 2024 here)."""
    h = Household(
        age=74,
        partner_age=62,
        benefits=frozenset({"aspa"}),
        aspa_no_activity=True,
        aspa_partner_no_activity=None if partner_worked is None else not partner_worked,
        resources=Decimal(50_000),
    )
    granted = automatic(h, Context(day, default_table()))
    assert granted == (("aspa", "participation") if presumed else None)


def test_a_recipient_who_worked_is_told_why_too(flows: dict[str, Flow]) -> None:
    text = card_text(flows, {**COUPLE_ON_ASPA, "aspa_activity": True})
    assert (
        "• Vous avez eu une activité professionnelle ces 3 derniers mois : l'ASPA ne vous donne donc pas la C2S sans "
        "examen de vos ressources. Votre droit se calcule sur les ressources du foyer." in text
    )
    assert PARTNER_WORKED not in text


def test_the_answers_say_whether_the_partner_worked() -> None:
    assert household({**COUPLE_ON_ASPA, "aspa_partner_activity": True}).aspa_partner_no_activity is False
    assert household({**COUPLE_ON_ASPA, "aspa_partner_activity": False}).aspa_partner_no_activity is True
    assert household(COUPLE_ON_ASPA).aspa_partner_no_activity is None
    single = {**COUPLE_ON_ASPA, "household_size": 1, "couple": False, "aspa_partner_activity": True}
    assert household(single).aspa_partner_no_activity is None


def test_the_partner_is_asked_only_in_a_couple_where_the_recipient_did_not_work(flows: dict[str, Flow]) -> None:
    step = flows["rights_check"].step("aspa_activity")
    couple = {"couple": True, "household_size": 2, "benefits": ["aspa"], "aspa_activity": False}
    assert next_step(step, couple) == "aspa_partner_activity"
    assert next_step(step, {**couple, "aspa_activity": True}) == "income_regular"
    assert next_step(step, {"household_size": 1, "benefits": ["aspa"], "aspa_activity": False}) == "income_regular"
