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

import pytest

from dialogs.i18n import translator
from dialogs.present import render_blocks
from dialogs.results.rights import rights
from dialogs.schema import Flow
from tests.dialogs.rights.test_rights_drill import answers

NBSP, NNBSP = "\u00a0", "\u202f"


def card(flows: dict[str, Flow], day: date, language: str = "fr", **given: Any) -> str:
    """The card the person reads, in their language."""
    c = rights(flows["rights_check"], answers(**given), day)
    return render_blocks(c.blocks, translator(language))


def test_someone_born_on_1_january_at_a_band_boundary_reads_the_other_amount(flows: dict[str, Flow]) -> None:
    """Born in 1996, alone, 12 000 € on 15 June 2026 (between 10 339 € and 13 957 €): C2S with participation.

    Born any day of 1996 but 1 January: 29 on 1 January 2026 → 8 € a month. Born on 1 January 1996 (the date many
    people whose day of birth is unknown carry): already 30 that day → 14 €. The chat asks the year only: the card
    gives both, rather than 8 € as certain.
    """
    text = card(flows, date(2026, 6, 15), born="1996", income_year="12000")
    assert f"• Participation estimée : 8{NBSP}€ par mois (selon votre âge)." in text
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


CGSS = "→ Faites la demande sur votre compte ameli (rubrique « Mes démarches ») ou à l'accueil de votre CGSS."


def test_overseas_the_card_names_the_cgss_where_it_says_cpam(flows: dict[str, Flow]) -> None:
    """Guadeloupe, alone, born 1985, 9 000 € on 30 November 2026: 9 000 € ≤ 11 507 € (10 339 × 1.113, D861-1) → free.

    The card sends the person to "votre CPAM" several times; in the overseas departments health insurance is run
    by a caisse générale de sécurité sociale (CSS L752-1), and a person looking for a CPAM in Pointe-à-Pitre finds
    none. The card said once to read « CPAM » as « CGSS »; its steps now name the CGSS themselves
    (test_rights_bodies.py), and the word is explained once. In mainland France nothing changes.
    """
    text = card(flows, date(2026, 11, 30), born="1985", territory="overseas", income_year="9000")
    assert "🟢 C2S gratuite : droit probable" in text
    assert f"(11{NNBSP}507{NBSP}€)" in text
    assert CGSS in text
    assert "CPAM" not in text
    spanish = card(flows, date(2026, 11, 30), "es", born="1985", territory="overseas", income_year="9000")
    assert "en la oficina de atención de su CGSS" in spanish
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


NOV = date(2026, 11, 30)
RIGHT: dict[str, tuple[dict[str, Any], date, list[str]]] = {
    # Single parent born 1988: children 19 (full time) and 15 (shared custody). R861-3 by decreasing age: +0.5, then
    # +0.3 halved = 0.15 → 1.65 → 17 059 / 23 030 €; 20 000 € → participation 14 + 8 + 8 = 30 € (38 in 2027: same).
    "single_parent_19_full_time_15_shared": (
        {
            "born": "1988",
            "household_size": 3,
            "shared_any": True,
            "child_1_age": 19,
            "child_2_age": 15,
            "child_2_shared": True,
            "income_year": "20000",
        },
        NOV,
        [
            "• Votre foyer : 3 personnes (dont 1 enfant en garde alternée, compté pour moitié).",
            f"(17{NNBSP}059{NBSP}€) mais reste sous celui de la C2S avec participation (23{NNBSP}030{NBSP}€).",
            f"• Participation estimée : 30{NBSP}€ par mois pour les 3 personnes du foyer",
        ],
    ),
    # Couple born 1975/1977, a 24-year-old on AAH (1 033 €) and a 17-year-old in shared custody: 1 + 0.5 + 0.3 +
    # 0.15 = 1.95 → 20 161 / 27 217 €; 30 000 − 12 × 68 = 29 184 € > 27 217 € → unlikely.
    "couple_young_adult_on_aah_and_shared_17": (
        {
            "born": "1975",
            "household_size": 4,
            "couple": True,
            "partner_born": "1977",
            "shared_any": True,
            "child_1_age": 24,
            "child_2_age": 17,
            "child_2_shared": True,
            "benefits": ["aah"],
            "income_regular": "same",
            "income_month": "2500",
            "aah_month": "0",
            "partner_aah_month": "0",
            "young_aah_month": "1033",
        },
        NOV,
        [
            "⚪ C2S : peu probable avec ces ressources",
            f"moins l'abattement sur l'AAH, l'ASI ou l'ASPA : 816{NBSP}€",
            f"(27{NNBSP}217{NBSP}€)",
        ],
    ),
    # Couple, one on AAH (900 €), the partner on ASI (300 €) with a pension: by resources 22 800 − 816 − 588 =
    # 21 396 € > 20 936 €; the ASI opens C2S with participation without a resource check (since 1 July 2024):
    # 55 and 57 on 1 January → 21 + 21 = 42 €.
    "couple_aah_and_asi": (
        {
            "born": "1970",
            "household_size": 2,
            "couple": True,
            "partner_born": "1968",
            "benefits": ["aah", "asi"],
            "income_regular": "same",
            "income_month": "1900",
            "aah_month": "900",
            "partner_aah_month": "0",
            "asi_month": "0",
            "partner_asi_month": "300",
        },
        NOV,
        ["🟢 C2S : attribuée sans examen de vos ressources", f"42{NBSP}€ par mois pour les 2 personnes du foyer"],
    ),
    # 1 November 2026, born 1956 and 1996: 69 → 25 € and 29 → 8 € = 33 € in 2026; 70 → 30 € and 30 → 14 € = 44 €
    # in 2027 (decision within two months, R861-16).
    "couple_both_changing_band_on_1_november": (
        {"born": "1956", "household_size": 2, "couple": True, "partner_born": "1996", "income_year": "18000"},
        date(2026, 11, 1),
        [
            f"33{NBSP}€ par mois si la décision est prise en 2026, 44{NBSP}€ par mois si elle est prise en 2027.",
            "2 personnes du foyer passent dans la tranche d'âge suivante le 1er janvier 2027.",
        ],
    ),
    # Couple + 4 (22, 16, 12, 2), housing benefit 100 €/month: flat amount 16.5 % × 651.69 × 1.8 × 12 = 2 322.62 €
    # capped at 1 200 €; 2.9 → 29 983 / 40 477 €; 31 200 € → participation 14 + 14 + 4 × 8 = 60 €.
    "family_of_six_flat_amount_capped": (
        {
            "born": "1980",
            "household_size": 6,
            "couple": True,
            "partner_born": "1982",
            "shared_any": False,
            "child_1_age": 22,
            "child_2_age": 16,
            "child_3_age": 12,
            "child_4_age": 2,
            "benefits": ["family", "housing"],
            "housing": "tenant_benefit",
            "housing_benefit": "100",
            "income_year": "30000",
        },
        NOV,
        [f"plus le forfait logement : 1{NNBSP}200{NBSP}€", f"60{NBSP}€ par mois pour les 6 personnes du foyer"],
    ),
    # Owners without a loan, 6 people: flat amount 14 % × 651.69 × 1.8 × 12 = 1 970.71 €; 29 970.71 € ≤ 29 983 €,
    # 0.04 % under a ceiling applied after its revaluation date → amber.
    "owners_of_six_just_under": (
        {
            "born": "1980",
            "household_size": 6,
            "couple": True,
            "partner_born": "1982",
            "shared_any": False,
            "child_1_age": 20,
            "child_2_age": 16,
            "child_3_age": 12,
            "child_4_age": 2,
            "housing": "owner",
            "income_year": "28000",
        },
        NOV,
        ["🟠 C2S gratuite : droit possible, à confirmer", f"29{NNBSP}970,71{NBSP}€"],
    ),
    # Couple + 10 children (6 ages asked, 4 younger not asked): 1 + 0.5 + 0.3 + 0.3 + 8 × 0.4 = 5.3 → 54 796 €.
    "household_of_twelve": (
        {
            "born": "1975",
            "household_size": 12,
            "couple": True,
            "partner_born": "1977",
            "shared_any": False,
            "child_1_age": 24,
            "child_2_age": 22,
            "child_3_age": 20,
            "child_4_age": 18,
            "child_5_age": 16,
            "child_6_age": 14,
            "income_year": "40000",
        },
        NOV,
        ["🟢 C2S gratuite : droit probable", "• Votre foyer : 12 personnes.", f"(54{NNBSP}796{NBSP}€)"],
    ),
    # Partner born 1927 (98 on 1 January 2026), person born 1950 (75): 30 + 30 = 60 €.
    "partner_aged_99": (
        {"born": "1950", "household_size": 2, "couple": True, "partner_born": "1927", "income_year": "17000"},
        NOV,
        [f"• Participation estimée : 60{NBSP}€ par mois pour les 2 personnes du foyer"],
    ),
    # 1 200,50 € a month → 14 406 € > 13 957 €, 3.2 % over: outside the 3 % margin → grey.
    "income_with_cents": (
        {"born": "1985", "income_regular": "same", "income_month": 1200.5},
        NOV,
        ["⚪ C2S : peu probable avec ces ressources", f"14{NNBSP}406{NBSP}€"],
    ),
    # Saint-Martin, 11 000 € ≤ 11 507 € (overseas rules, to be confirmed) → free, with the sentence saying so.
    "saint_martin": (
        {"born": "1985", "territory": "saint_martin", "income_year": "11000"},
        NOV,
        ["🟢 C2S gratuite : droit probable", "À Saint-Martin et à Saint-Barthélemy, nous appliquons les plafonds"],
    ),
    # AME holder now with a permit: AME is not renewed; ask for the cover above before 15 March 2027.
    "ame_holder_now_with_a_permit": (
        {"residence": "permit", "born": "1985", "income_year": "9000", "cover": "ame", "cover_end": "2027-03-15"},
        NOV,
        [
            "🟠 Fin de vos droits actuels : une autre couverture à demander",
            "→ Faites cette demande avant le 15 mars 2027 pour ne pas rester sans couverture.",
        ],
    ),
    # C2S ended yesterday.
    "c2s_ended_yesterday": (
        {"born": "1985", "income_year": "9000", "cover": "c2s", "cover_end": "2026-11-29"},
        NOV,
        ["🔴 Renouvellement : vos droits sont terminés", "• Vos droits à la C2S ont pris fin le 29 novembre 2026."],
    ),
}


@pytest.mark.parametrize("name", list(RIGHT))
def test_drill_households_the_card_already_got_right(flows: dict[str, Flow], name: str) -> None:
    given, day, lines = RIGHT[name]
    text = card(flows, day, **given)
    for line in lines:
        assert line in text, (name, line)


def test_in_march_staff_read_which_values_change_on_1_april(flows: dict[str, Flow]) -> None:
    """The mediator's view of the 20 March 2025 card (10 200 €, amber): the staff block used to say only "resources
    close to a ceiling computed with these values" without naming any value; it now names the ceiling applied, in
    force since 1 April 2024, that changes on 1 April 2025 (a tenant without benefit: no RSA-based flat amount used)."""
    c = rights(flows["rights_check"], answers(born="1985", income_year="10200"), date(2025, 3, 20))
    staff = render_blocks(c.for_staff().blocks, translator("fr"))
    assert (
        "• Plafond annuel de la C2S gratuite pour une personne seule, métropole (€) : les valeurs en vigueur depuis le "
        "1er avril 2024 ont été appliquées ; elles changent le 1er avril 2025 : pour une demande faite à partir de "
        "cette date, vérifiez le résultat avec le nouveau barème." in staff
    )
    assert "Montant forfaitaire mensuel du RSA" not in staff
    english = render_blocks(c.for_staff().blocks, translator("en"))
    assert "they change on April 1, 2025" in english
    person = render_blocks(c.blocks, translator("fr"))
    assert "nouveau barème" not in person
