"""Third drill: households nobody had tried, worked out by hand, read on the card as the person reads it.

2025 ceilings (applicable from 1 April 2025, still applied after 1 April 2026, the 2026 ones not collected): free
10 339 € for one person × the R861-3 coefficient, rounded down; × 1.35 with participation (L861-1 2°). Participation
per person by age on 1 January of the year of the decision: 8 € up to 29, 14 € 30–49, 21 € 50–59, 25 € 60–69, 30 €
from 70. The chat asks the year of birth only: someone born on 1 January is already a year older on 1 January than
the others born that year.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dialogs.i18n import translator
from dialogs.present import render_blocks
from dialogs.results.rights import rights
from dialogs.schema import Flow

NBSP, NNBSP = "\u00a0", "\u202f"
BASE: dict[str, Any] = {
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


def card(flows: dict[str, Flow], day: date, language: str = "fr", **given: Any) -> str:
    """The card the person reads, in their language."""
    c = rights(flows["rights_check"], {**BASE, **given}, day)
    return render_blocks(c.blocks, translator(language))


def test_someone_born_on_1_january_at_a_band_boundary_reads_the_other_amount(flows: dict[str, Flow]) -> None:
    """Born in 1996, alone, 12 000 € on 15 June 2026 (between 10 339 € and 13 957 €): C2S with participation.

    Born any day of 1996 but 1 January: 29 on 1 January 2026 → 8 € a month. Born on 1 January 1996 (the date many
    people whose day of birth is unknown carry): already 30 that day → 14 €. The chat asks the year only: the card
    gives both, rather than 8 € as certain.
    """
    text = card(flows, date(2026, 6, 15), born="1996", income_year="12000")
    assert f"• Participation estimée : 8{NBSP}€ par mois pour 1 personne (selon l'âge de chacun)." in text
    assert (
        f"• Si vous êtes né·e un 1er janvier, vous avez un an de plus au 1er janvier que les autres personnes nées la "
        f"même année : pour une décision prise en 2026, la participation mensuelle serait de 14{NBSP}€." in text
    )
    english = card(flows, date(2026, 6, 15), "en", born="1996", income_year="12000")
    assert "If you were born on 1 January" in english or "If you were born on January 1" in english


def test_a_couple_born_on_1_january_next_year_boundary(flows: dict[str, Flow]) -> None:
    """A couple born 1957 and 1977, 18 000 € on 30 November 2026 (between 15 508 € and 20 936 €).

    Decision in 2026: 68 → 25 € and 48 → 14 € = 39 €; in 2027 (R861-16: two months, from 1 November): 69 → 25 € and
    49 → 14 € = 39 €, one amount. Born on 1 January 1957 the person is 70 on 1 January 2027 (30 €), and born on
    1 January 1977 the partner is 50 that day (21 €): up to 51 € for a decision in 2027; in 2026, 69 and 49: still
    39 €, no line for 2026.
    """
    text = card(
        flows,
        date(2026, 11, 30),
        born="1957",
        household_size=2,
        couple=True,
        partner_born="1977",
        income_year="18000",
    )
    assert f"• Participation estimée : 39{NBSP}€ par mois pour les 2 personnes du foyer" in text
    assert (
        "• Si vous ou votre conjoint·e êtes né·e un 1er janvier, l'âge au 1er janvier compte un an de plus que pour "
        "les autres personnes nées la même année : pour une décision prise en 2027, la participation mensuelle "
        f"pourrait aller jusqu'à 51{NBSP}€." in text
    )
    assert "pour une décision prise en 2026" not in text


def test_no_line_for_someone_whose_band_does_not_change(flows: dict[str, Flow]) -> None:
    """Born 1985, 15 June 2026: 40 on 1 January 2026, 41 if born on 1 January → 14 € either way."""
    text = card(flows, date(2026, 6, 15), born="1985", income_year="12000")
    assert "1er janvier" not in text.split("🟢 C2S")[1].split("🩺")[0]


REVALUED = (
    "🟠 Les plafonds et les montants utilisés pour ce calcul changent le 1er avril 2025 : ce résultat vaut pour une "
    "demande faite avant cette date ; pour une demande faite après, il peut être un peu différent."
)


def test_in_march_the_card_says_the_ceilings_change_on_1_april(flows: dict[str, Flow]) -> None:
    """Checked on 20 March 2025, alone, born 1985, 10 200 € over 12 months.

    Until 31 March 2025 the free ceiling is 10 166 € (arrêté of 26 March 2024): 10 200 € is 0.3 % over it, under
    13 724 € → C2S with participation, 14 € (39 on 1 January 2025). From 1 April 2025 it is 10 339 € and 10 200 € gives
    free C2S: a request made in a fortnight would not cost 14 € a month. The card used to say "droit probable" for the
    participation without a word about 1 April; it now says the ceilings change that day and marks the result amber.
    """
    text = card(flows, date(2025, 3, 20), born="1985", income_year="10200")
    assert REVALUED in text
    assert "🟠 C2S avec participation : droit possible, à confirmer" in text
    assert "🟢 C2S avec participation : droit probable" not in text
    english = card(flows, date(2025, 3, 20), "en", born="1985", income_year="10200")
    revalued = "🟠 The ceilings and amounts used for this calculation change on April 1, 2025: this result holds for"
    assert revalued in english


def test_in_march_far_from_the_ceiling_the_result_stays_green_with_the_date(flows: dict[str, Flow]) -> None:
    """20 March 2025, 5 000 €: free C2S whatever the ceiling of 1 April (5 000 € is half of 10 166 €)."""
    text = card(flows, date(2025, 3, 20), born="1985", income_year="5000")
    assert REVALUED in text
    assert "🟢 C2S gratuite : droit probable" in text


def test_in_february_nothing_about_april_yet(flows: dict[str, Flow]) -> None:
    """28 February 2025: more than a month before 1 April (the request is most likely made before)."""
    text = card(flows, date(2025, 2, 28), born="1985", income_year="10200")
    assert "changent le" not in text
    assert "🟢 C2S avec participation : droit probable" in text


CGSS = (
    "En Guadeloupe, en Guyane, en Martinique et à La Réunion, la caisse d'assurance maladie est la CGSS (caisse "
    "générale de sécurité sociale) : là où ce bilan parle de la CPAM, adressez-vous à votre CGSS."
)


def test_overseas_the_card_names_the_cgss_where_it_says_cpam(flows: dict[str, Flow]) -> None:
    """Guadeloupe, alone, born 1985, 9 000 € on 30 November 2026: 9 000 € ≤ 11 507 € (10 339 × 1.113, D861-1) → free.

    The card sends the person to "votre CPAM" several times; in the overseas departments health insurance is run
    by a caisse générale de sécurité sociale (CSS L752-1), and a person looking for a CPAM in Pointe-à-Pitre finds
    none. The card now says once which body to ask. In mainland France nothing changes.
    """
    text = card(flows, date(2026, 11, 30), born="1985", territory="overseas", income_year="9000")
    assert "🟢 C2S gratuite : droit probable" in text
    assert f"(11{NNBSP}507{NBSP}€)" in text
    assert CGSS in text
    spanish = card(flows, date(2026, 11, 30), "es", born="1985", territory="overseas", income_year="9000")
    assert "CGSS (caja general de seguridad social)" in spanish
    mainland = card(flows, date(2026, 11, 30), born="1985", income_year="9000")
    assert "CGSS" not in mainland


def test_resources_equal_to_a_ceiling_are_not_said_to_be_under_it(flows: dict[str, Flow]) -> None:
    """Alone, 30 November 2026: resources of exactly 10 339 € (free ceiling, L861-1 1°: « inférieures ou égales ») and
    exactly 13 957 € (10 339 × 1.35 rounded down, L861-1 2°); without a permit, exactly 10 339 € for AME (L251-1).

    Each is within the right, but the card used to write « 10 339 € est en dessous du plafond … (10 339 €) », a
    sentence the person can see is false; it now says the amount equals the ceiling and does not exceed it.
    """
    free = card(flows, date(2026, 11, 30), born="1985", income_year="10339")
    ceiling = f"10{NNBSP}339{NBSP}€"
    equal = f"• {ceiling} est égal au plafond de la C2S gratuite pour votre foyer ({ceiling}) : il ne le dépasse pas."
    assert equal in free
    assert "en dessous" not in free
    top = card(flows, date(2026, 11, 30), born="1985", income_year="13957")
    assert (
        f"• 13{NNBSP}957{NBSP}€ dépasse le plafond de la C2S gratuite (10{NNBSP}339{NBSP}€) et est égal à celui de la "
        f"C2S avec participation (13{NNBSP}957{NBSP}€) : il ne le dépasse pas." in top
    )
    ame = card(flows, date(2026, 11, 30), born="1985", residence="irregular", income_year=None, income_year_ame="10339")
    assert f"• 10{NNBSP}339{NBSP}€ est égal au plafond de l'AME pour votre foyer (10{NNBSP}339{NBSP}€) : " in ame
    english = card(flows, date(2026, 11, 30), "en", born="1985", income_year="10339")
    assert "€10,339 is equal to the free C2S limit for your household (€10,339): it does not exceed it." in english
