"""The card names who receives the ASI, the AAH or the ASPA: the person, the partner, or both.

2025 ceilings (still applied on 30 November 2026, the 2026 ones not collected): a couple's free C2S ceiling is
10 339 × 1.5 = 15 508 € (rounded down), 20 936 € with participation (L861-1 2°). Participation by age on 1 January of
the year of the decision: 25 € from 60 to 69. ASI deduction 49 € a month per recipient, 86 € for a couple both on ASI
(43 € each); ASPA of a couple 110 € (instruction DSS/SD2A/2021/71).
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

NOV = date(2026, 11, 30)
NBSP = "\u00a0"
COUPLE: dict[str, Any] = {"born": "1960", "household_size": 2, "couple": True, "partner_born": "1962"}
GRANTED = "la C2S avec participation vous est accordée sans déclarer vos ressources."


def card(flows: dict[str, Flow], language: str = "fr", **given: Any) -> str:
    """The card the person reads on 30 November 2026, in their language."""
    return render_blocks(rights(flows["rights_check"], answers(**given), NOV).blocks, translator(language))


@pytest.mark.parametrize(
    ("mine", "theirs", "said"),
    [
        ("0", "850", f"• Votre conjoint·e reçoit l'ASI : {GRANTED}"),
        ("850", "850", f"• Vous et votre conjoint·e recevez l'ASI : {GRANTED}"),
        ("850", "0", f"• Vous recevez l'ASI : {GRANTED}"),
    ],
)
def test_the_asi_sentence_names_who_receives_it(flows: dict[str, Flow], mine: str, theirs: str, said: str) -> None:
    """Couple born 1960 and 1962, 18 000 € over 12 months, ASI (automatic C2S with participation since 1 July 2024).

    Partner alone on ASI: 18 000 − 12 × 49 = 17 412 € > 15 508 € (not free), the ASI opens C2S with participation.
    Both on ASI: 18 000 − 12 × 86 = 16 968 € > 15 508 €, same. Participation: 65 and 63 on 1 January 2026, 66 and 64
    in 2027 → 25 + 25 = 50 € a month either year. The card used to say "Vous recevez l'ASI" when only the partner did.
    """
    text = card(flows, **COUPLE, benefits=["asi"], income_year="18000", asi_month=mine, partner_asi_month=theirs)
    assert "🟢 C2S : attribuée sans examen de vos ressources" in text
    assert said in text
    assert f"• Participation estimée : 50{NBSP}€ par mois pour les 2 personnes du foyer" in text
    if mine == "0":
        assert "Vous recevez l'ASI" not in text
        english = card(flows, "en", **COUPLE, benefits=["asi"], income_year="18000", partner_asi_month=theirs)
        assert "Your partner receives ASI:" in english


def test_an_asi_received_by_a_young_person_of_a_single_parent_is_not_the_parents(flows: dict[str, Flow]) -> None:
    """Single parent born 1975 with a son of 22 on ASI (the parent typed 0 for their own ASI): someone of the household
    receives it, not the parent. Coefficient 1 + 0.5 → free ceiling 15 508 €; 14 000 − 12 × 49 = 13 412 € is under it:
    free C2S, and the card names the ASI next to the free result."""
    text = card(
        flows, born="1975", household_size=2, child_1_age=22, benefits=["asi"], income_year="14000", asi_month="0"
    )
    assert f"• Une personne de votre foyer reçoit l'ASI : {GRANTED}" in text
    assert "Vous recevez l'ASI" not in text


def test_an_aspa_couple_is_told_you_or_your_partner(flows: dict[str, Flow]) -> None:
    """Couple born 1955 and 1958, ASPA of 1 000 € a month for the household, neither worked in the last 3 months,
    18 000 € over 12 months: 18 000 − 12 × 110 = 16 680 € > 15 508 €, the ASPA opens C2S with participation. The chat
    asks the ASPA of the household, not whose it is: the card says "you or your partner", not "you"."""
    text = card(
        flows,
        born="1955",
        household_size=2,
        couple=True,
        partner_born="1958",
        benefits=["aspa"],
        aspa_activity=False,
        aspa_partner_activity=False,
        aspa_month="1000",
        income_year="18000",
    )
    assert f"• Vous ou votre conjoint·e recevez l'ASPA, sans activité depuis 3 mois : {GRANTED}" in text
    alone = card(flows, born="1955", benefits=["aspa"], aspa_activity=False, aspa_month="1000", income_year="12000")
    assert f"• Vous recevez l'ASPA sans activité depuis 3 mois : {GRANTED}" in alone


def test_a_newcomer_whose_partner_receives_the_aah_reads_who_receives_it(flows: dict[str, Flow]) -> None:
    """French couple back in France on 1 November 2026 (3 months' residence over on 2 February 2027), not working; the
    partner receives the AAH (1 033 € a month), the person none: the AAH waives the 3 months (D160-2), and the card
    says it is the partner's, not "vous recevez l'AAH"."""
    text = card(
        flows,
        **COUPLE,
        in_france="less",
        arrived="2026-11-01",
        works=False,
        benefits=["aah"],
        income_year="15000",
        aah_month="0",
        partner_aah_month="1033",
    )
    assert "• La condition de 3 mois de résidence ne s'applique pas à vous : votre conjoint·e reçoit l'AAH." in text
    assert "vous recevez l'AAH" not in text
