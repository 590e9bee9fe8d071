"""A child in shared custody and the C2S participation: the amount is kept, the card says to confirm it.

R861-3 halves a minor in shared custody's share of the ceiling; no source gathered for this project (rights-rules.md,
the rule table's texts: L861-1 2°, R861-3, service-public F10027) says their monthly participation is halved too. The
whole amount stays counted, the person reads a plain sentence asking to confirm that child's participation with the
caisse, and staff see the value listed as one to confirm.

Checked on 15 May 2025: the 2025 ceilings are current and every value used is confirmed (no amber caution of its own).
Single parent born 1988 with a child of 8 in shared custody: coefficient 1 + 0.5 × 0.5 = 1.25 → free ceiling
10 339 × 1.25 = 12 923 € (rounded down), with participation 10 339 × 1.25 × 1.35 = 17 447 €. 15 000 € over 12 months
is between the two: C2S with participation, 14 € (36 on 1 January 2025) + 8 € (the child) = 22 € a month, the child
counted in full. A decision in July at the latest: 2025 only.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dialogs.i18n import translator
from dialogs.present import render_blocks
from dialogs.results.blocks import Card
from dialogs.results.rights import rights
from dialogs.schema import Flow
from tests.dialogs.rights.test_rights_drill import answers

DAY = date(2025, 5, 15)
NBSP = "\u00a0"
PARENT: dict[str, Any] = {"born": "1988", "household_size": 2, "shared_any": True, "child_1_age": 8}
TO_CONFIRM = "• La participation comptée pour 1 enfant en garde alternée est à confirmer avec votre caisse."


def card(flows: dict[str, Flow], **given: Any) -> Card:
    return rights(flows["rights_check"], answers(**given), DAY)


def test_the_shared_custody_childs_participation_is_to_confirm_with_the_caisse(flows: dict[str, Flow]) -> None:
    """The card used to give 22 € as certain, with nothing for staff to check; it keeps 22 € and says, without an
    amber mark, that the child's part is to be confirmed; staff read the rule as a value to confirm."""
    c = card(flows, **PARENT, income_year="15000")
    text = render_blocks(c.blocks, translator("fr"))
    assert "• Votre foyer : 2 personnes (dont 1 enfant en garde alternée, compté pour moitié)." in text
    assert "🟢 C2S avec participation : droit probable" in text
    assert f"• Participation estimée : 22{NBSP}€ par mois pour les 2 personnes du foyer" in text
    assert TO_CONFIRM in text
    assert "🟠" not in text
    assert "Pour les professionnels" not in text
    staff = render_blocks(c.for_staff().blocks, translator("fr"))
    assert "🔒 Pour les professionnels" in staff
    assert (
        "Valeur à confirmer : Part de la participation C2S comptée pour un enfant mineur en résidence alternée "
        "(Aucune source consultée ne réduit la participation d'un enfant en résidence alternée" in staff
    )
    english = render_blocks(c.blocks, translator("en"))
    assert "The contribution counted for 1 child in shared custody is to be confirmed with your health" in english


def test_no_sentence_without_shared_custody_or_without_a_participation(flows: dict[str, Flow]) -> None:
    """The same parent with the child living with them full time (1.5 → 15 508 € free: 15 000 € is free C2S), or in
    shared custody with 9 000 € (free C2S, under 12 923 €): no participation, nothing to confirm."""
    for given in ({**PARENT, "shared_any": False}, {**PARENT, "income_year": "9000"}):
        c = card(flows, **{"income_year": "15000", **given})
        text = render_blocks(c.for_staff().blocks, translator("fr"))
        assert "🟢 C2S gratuite : droit probable" in text
        assert "garde alternée est à confirmer" not in text
        assert "Part de la participation C2S" not in text
