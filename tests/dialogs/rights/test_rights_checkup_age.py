"""The free health check-up from 16 (CSS L321-3, service-public F170) and Mon bilan prévention's age bands, when the
chat knows only the year of birth.

Checked on 22 November 2026. Born in 2010: 15 or 16 that day (16 on their 2026 birthday). Born in 2009: 16 or 17,
certainly 16. Born in 2011: 14 or 15, not 16 before 2027. Mon bilan prévention: 18–25, 45–50, 60–65, 70–75 (bounds
included): born in 2008, 17 or 18; born in 2000, 25 or 26; born in 2001, 24 or 25 (in the band either way).
"""

from __future__ import annotations

from datetime import date

import pytest

from dialogs.i18n import translator
from dialogs.present import render_blocks
from dialogs.results.rights import rights
from dialogs.schema import Flow
from tests.dialogs.rights.test_rights_drill import answers

DAY = date(2026, 11, 22)
CHECKUP = "🩺 Examen de prévention en santé gratuit"
FREE_FROM_16 = "• L'examen de prévention en santé est gratuit pour les assurés à partir de 16 ans."
TURNING_16 = "• Vous avez 16 ans cette année : vous pouvez faire cet examen à partir de vos 16 ans."


def card(flows: dict[str, Flow], born: str, language: str = "fr") -> tuple[str, list[str]]:
    """The card a person born in `born`, alone, without resources, reads on 22 November 2026, and its buttons."""
    c = rights(flows["rights_check"], answers(born=born), DAY)
    return render_blocks(c.blocks, translator(language)), [b.kind for b in c.offers]


def test_someone_turning_16_this_year_is_offered_the_checkup_from_their_birthday(flows: dict[str, Flow]) -> None:
    """Born in 2010: 15 on 1 January 2026, 16 on their birthday in 2026 — maybe already, maybe in December. The card
    used to leave the check-up out (it counted the age on 1 January, 15); it now offers it "from your 16th birthday",
    without a date (the day of birth is unknown), with the booking button."""
    text, offers = card(flows, "2010")
    assert CHECKUP in text
    assert FREE_FROM_16 in text
    assert TURNING_16 in text
    assert "checkup" in offers
    english, _ = card(flows, "2010", "en")
    assert "You turn 16 this year: you can have this check-up from the age of 16." in english


@pytest.mark.parametrize(("born", "offered"), [("2009", True), ("2011", False)])
def test_certainly_16_is_offered_as_before_and_younger_is_not(flows: dict[str, Flow], born: str, offered: bool) -> None:
    """Born in 2009 (16 or 17): offered, without the birthday sentence. Born in 2011 (at most 15 in 2026): not."""
    text, offers = card(flows, born)
    assert (CHECKUP in text) is offered
    assert ("checkup" in offers) is offered
    assert TURNING_16 not in text


@pytest.mark.parametrize(
    ("born", "said"),
    [
        (
            "2008",
            "• Né·e en 2008, vous pouvez faire « Mon bilan prévention » (tranche 18–25 ans) à partir de vos 18 ans.",
        ),
        (
            "2000",
            "• Né·e en 2000, vous pouvez faire « Mon bilan prévention » (tranche 18–25 ans) jusqu'à la veille de vos "
            "26 ans.",
        ),
        ("2001", "• Né·e en 2001, vous pouvez faire « Mon bilan prévention » (tranche 18–25 ans)."),
    ],
)
def test_the_review_says_from_or_until_which_birthday_at_the_edges_of_a_band(
    flows: dict[str, Flow], born: str, said: str
) -> None:
    """Born in 2008: 17 or 18 → from their 18th birthday. Born in 2000: 25 or 26 → until the day before their 26th.
    Born in 2001: 24 or 25, in the band all year → as before."""
    text, _ = card(flows, born)
    assert said in text
