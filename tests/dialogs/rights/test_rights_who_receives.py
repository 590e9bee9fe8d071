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


PRIORITY = "• Vous faites partie des personnes prioritaires."
SIXTIES: dict[str, Any] = {"born": "1960", "household_size": 2, "couple": True, "partner_born": "1962"}
MAY = date(2026, 5, 15)
"""Before 1 July 2026: neither the ASS nor the CEJ allowance opens C2S yet, so C2S cannot make the person priority."""


def priority(flows: dict[str, Flow], day: date, **given: Any) -> list[str]:
    """The card's lines about the check-up's priority people, read on `day`."""
    text = render_blocks(rights(flows["rights_check"], answers(**given), day).blocks, translator("fr"))
    assert "Examen de prévention en santé" in text
    return [line for line in text.splitlines() if "personnes prioritaires" in line]


@pytest.mark.parametrize(
    ("given", "day", "said"),
    [
        # Couple born 1960 and 1962, 40 000 € (far over the 20 936 € ceiling for two, whatever the AAH deduction):
        # no C2S. Only the partner receives the AAH (1 033 € a month, the person typed 0): the person is
        # not a disabled person receiving the AAH, the sentence is left out.
        (
            {
                **SIXTIES,
                "benefits": ["aah"],
                "aah_month": "0",
                "partner_aah_month": "1033",
            },
            NOV,
            None,
        ),
        # The same couple, the person receiving the AAH: priority.
        (
            {
                **SIXTIES,
                "benefits": ["aah"],
                "aah_month": "1033",
                "partner_aah_month": "0",
            },
            NOV,
            PRIORITY,
        ),
        # Parent born 1975 with a son of 19 on the CEJ, 15 May 2026 (the CEJ opens no C2S yet), 40 000 € over the
        # 20 936 € ceiling for two: the parent, 51 this year, cannot be on the CEJ: no sentence.
        ({"born": "1975", "household_size": 2, "child_1_age": 19, "benefits": ["cej"]}, MAY, None),
        # Couple born 2002 and 2004 on 15 May 2026, CEJ: either may receive it; the card says on which condition.
        (
            {"born": "2002", "household_size": 2, "couple": True, "partner_born": "2004", "benefits": ["cej"]},
            MAY,
            "• Si c'est vous qui recevez l'allocation du contrat d'engagement jeune, vous faites partie des personnes "
            "prioritaires.",
        ),
        # Single person born 2003 on the CEJ: the person receives it.
        ({"born": "2003", "benefits": ["cej"]}, MAY, PRIORITY),
        # Couple born 1980 and 1982, ASS (asked for the household, not per person): either may be the jobseeker.
        (
            {"born": "1980", "household_size": 2, "couple": True, "partner_born": "1982", "benefits": ["ass"]},
            MAY,
            "• Si c'est vous qui recevez l'ASS, vous faites partie des personnes prioritaires.",
        ),
        # Single person born 1980 on the ASS, no child: the person is the jobseeker.
        ({"born": "1980", "benefits": ["ass"]}, MAY, PRIORITY),
    ],
)
def test_the_checkup_priority_follows_who_receives_a_personal_benefit(
    flows: dict[str, Flow], given: dict[str, Any], day: date, said: str | None
) -> None:
    """rights-rules.md (service-public F170): priority to "RSA or C2S recipients, young people in insertion schemes,
    jobseekers, disabled people". The AAH, the ASS and the CEJ allowance are a person's own: the card used to say
    « Vous faites partie des personnes prioritaires. » when only the partner or a child received one of them."""
    assert priority(flows, day, **given, income_year="40000") == ([said] if said else [])
