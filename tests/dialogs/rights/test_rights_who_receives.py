"""The card says who receives the CEJ allowance, and the check-up priority follows who receives a personal benefit.

Day of the check: 30 November 2026. The CEJ allowance opens C2S with participation without a resource check since
1 July 2026 (LFSS 2024 art. 45). The CEJ is signed from 16 to 25 years old (29 with a disability recognition) and
lasts up to 18 months (rule `cej_ages`): on 30 November 2026 someone born in 1994 or before (30 on 31 December 2024 at
the latest, 18 months later is 30 June 2026) or in 2011 or after (15 at most) cannot be receiving it.

2025 ceilings (still applied on 30 November 2026): a household of 2 (coefficient 1.5) has a free C2S ceiling of
15 508 €, 20 936 € with participation. Participation per person by age on 1 January of the year of the decision:
8 € up to 29, 14 € from 30 to 49, 21 € from 50 to 59.
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
YOU_CEJ = (
    "• Vous recevez l'allocation du contrat d'engagement jeune : la C2S avec participation vous est accordée sans "
    "déclarer vos ressources."
)
SOMEONE_CEJ = (
    "• Une personne de votre foyer reçoit l'allocation du contrat d'engagement jeune : la C2S avec participation peut "
    "être accordée sans déclarer les ressources. Votre caisse vous dira qui du foyer elle couvre."
)


def card(flows: dict[str, Flow], language: str = "fr", **given: Any) -> str:
    """The card the person reads on 30 November 2026, in their language."""
    return render_blocks(rights(flows["rights_check"], answers(**given), NOV).blocks, translator(language))


@pytest.mark.parametrize(
    ("given", "participation"),
    [
        # Single parent born 1975 (50 on 1 January 2026: 21 €) with a son of 19 (8 €): the parent cannot be on the
        # CEJ, the son can. 18 000 € > 15 508 €: not free by resources; the CEJ opens C2S with participation,
        # 21 + 8 = 29 € a month.
        ({"born": "1975", "household_size": 2, "child_1_age": 19}, "29"),
        # Couple born 1980 (45: 14 €) and 2003 (22: 8 €): only the partner can be on the CEJ. 14 + 8 = 22 €.
        ({"born": "1980", "household_size": 2, "couple": True, "partner_born": "2003"}, "22"),
        # Couple born 2002 and 2004, both of CEJ age: the answers do not say which of them receives it. 8 + 8 = 16 €.
        ({"born": "2002", "household_size": 2, "couple": True, "partner_born": "2004"}, "16"),
    ],
)
def test_the_cej_sentence_does_not_say_you_when_someone_else_may_receive_it(
    flows: dict[str, Flow], given: dict[str, Any], participation: str
) -> None:
    """The card used to say « Vous recevez l'allocation du contrat d'engagement jeune » to a parent of 51 whose son
    receives it. Nothing read for this project says whether the attribution covers the recipient alone or the whole
    C2S household: the card keeps the figures and says the caisse will tell whom it covers."""
    text = card(flows, **given, benefits=["cej"], income_year="18000")
    assert "🟢 C2S : attribuée sans examen de vos ressources" in text
    assert SOMEONE_CEJ in text
    assert "Vous recevez l'allocation du contrat d'engagement jeune" not in text
    assert f"• Participation estimée : {participation}{NBSP}€ par mois pour les 2 personnes du foyer" in text
    english = card(flows, "en", **given, benefits=["cej"], income_year="18000")
    assert "• Someone in your household receives the Youth Engagement Contract allowance:" in english
    assert "You receive the Youth Engagement Contract allowance" not in english


@pytest.mark.parametrize(
    "given",
    [
        {"born": "2003"},  # alone, 22 on 1 January 2026
        {"born": "2002", "household_size": 2, "child_1_age": 3},  # a young parent: a child of 3 is not on the CEJ
        {"born": "2001", "household_size": 2, "couple": True, "partner_born": "1970"},  # the partner is 56
    ],
)
def test_the_cej_sentence_says_you_when_only_the_person_can_receive_it(
    flows: dict[str, Flow], given: dict[str, Any]
) -> None:
    """Only the person answering is of CEJ age: the card keeps « Vous recevez … vous est accordée »."""
    text = card(flows, **given, benefits=["cej"], income_year="18000")
    assert YOU_CEJ in text
    assert "Une personne de votre foyer reçoit l'allocation" not in text
