"""Fourth drill: households at the edges nobody had tried, worked out by hand, read on the card as the person reads it.

2025 ceilings (from 1 April 2025; still applied after 1 April 2026, the 2026 ones not collected): free 10 339 € for
one person × the R861-3 coefficient, rounded down; AME has the same ceiling (CASF L251-1). « Inférieures ou égales »:
resources equal to a ceiling are within it, and the card says they equal it, never that they are under it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

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


def test_a_newcomer_without_permit_whose_resources_equal_the_ceiling_is_not_told_they_are_under_it(
    flows: dict[str, Flow],
) -> None:
    """A mother without a permit, born 1995, arrived on 25 September 2025 with her son of 5; 15 508 € over 12 months.

    On 15 October 2025 she waits for her 3 months (AME from 26 December 2025), her son does not (CASF L251-1). Two
    people: 10 339 × 1.5 = 15 508.5 → 15 508 €, equal to her resources: within the ceiling (« inférieures ou
    égales »), so the son can have AME now — and the card says the amount equals the ceiling (before: « 15 508 € est
    en dessous du plafond … (15 508 €) »).
    """
    given = {
        "residence": "irregular",
        "in_france": "less",
        "arrived": "2025-09-25",
        "born": "1995",
        "household_size": 2,
        "couple": False,
        "shared_any": False,
        "child_1_age": 5,
        "income_year_ame": "15508",
    }
    text = card(flows, date(2025, 10, 15), **given)
    amount = f"15{NNBSP}508{NBSP}€"
    assert (
        f"• Vos enfants de moins de 18 ans n'ont pas à attendre : {amount} est égal au plafond de l'AME pour votre "
        f"foyer ({amount}) : il ne le dépasse pas, ils peuvent l'avoir dès maintenant." in text
    )
    assert "est en dessous du plafond" not in text
    under = card(flows, date(2025, 10, 15), **{**given, "income_year_ame": "15507"})
    assert f"15{NNBSP}507{NBSP}€ est en dessous du plafond de l'AME pour votre foyer ({amount})" in under
    english = card(flows, date(2025, 10, 15), "en", **given)
    assert "is equal to the AME limit for your household" in english and "is below the AME limit" not in english
    persian = card(flows, date(2025, 10, 15), "fa", **given)
    assert "برابر با سقف درآمد AME" in persian and "کمتر از سقف درآمد AME" not in persian
