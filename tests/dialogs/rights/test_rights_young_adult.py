"""A young adult alone is told the result holds only outside their parents' household (CSS R861-2).

Dependants under 25 living with the applicant or on their tax return belong to the applicant's C2S household: a
20-year-old student living with her parents is not « C2S gratuite : droit probable » on her own 4 000 €, as the card
said. The chat does not ask it; the card says so in the C2S section, amber. Checked on 22 November 2026: born 2006,
alone, 4 000 € over 12 months, housed free (flat amount 651.69 × 12 % × 12 = 938.43 €): 4 938.43 € ≤ 10 339 €.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bench.answers import answers_of
from dialogs.i18n import translator
from dialogs.present import render_blocks
from dialogs.results.rights import rights
from dialogs.rights.household import Dependant, Household
from dialogs.schema import Flow

DAY = date(2026, 11, 22)
LINE = (
    "• Vous avez moins de 25 ans : si vous vivez chez vos parents, si vous êtes sur leur déclaration d'impôts ou s'ils "
    "vous versent une pension alimentaire qu'ils déduisent de leurs impôts, la C2S se demande avec eux, pour tout leur "
    "foyer et avec leurs ressources. Ce résultat ne vaut alors pas pour vous : faites ce bilan pour le foyer de vos "
    "parents."
)


def card(flows: dict[str, Flow], h: Household, language: str = "fr") -> str:
    """The card the person reads after answering the chat's questions as this household."""
    return render_blocks(rights(flows["rights_check"], answers_of(h, DAY), DAY).blocks, translator(language))


def student(born: int, **more: object) -> Household:
    """Alone, 4 000 € over 12 months, housed free; the chat is given the year of birth (`age` is the age on 1 January
    of the year of the check, which `answers_of` turns back into that year)."""
    return Household(age=DAY.year - born - 1, resources=Decimal(4000), housing="free", **more)  # type: ignore[arg-type]


def test_a_student_of_20_is_told_the_result_holds_only_apart_from_her_parents(flows: dict[str, Flow]) -> None:
    text = card(flows, student(2006))
    assert "🟠 C2S gratuite : droit possible, à confirmer" in text and "🟢 C2S gratuite" not in text, text
    assert LINE in text
    assert "proches d'un plafond" not in text  # the figures are not in doubt: no caution about them
    english = card(flows, student(2006), "en")
    assert "You are under 25: if you live with your parents" in english


def test_the_line_is_said_from_18_to_24_only(flows: dict[str, Flow]) -> None:
    """Born 2008 (17 or 18 this year) to 2002 (23 or 24): said; born 2001 (24 or 25) and 1990: not."""
    for born in (2008, 2004, 2002):
        assert LINE in card(flows, student(born)), born
    for born in (2001, 1990):
        text = card(flows, student(born))
        assert LINE not in text and "🟢 C2S gratuite : droit probable" in text, born


def test_a_young_couple_or_a_young_parent_is_a_household_of_their_own(flows: dict[str, Flow]) -> None:
    assert LINE not in card(flows, student(2004, partner_age=21))
    assert LINE not in card(flows, student(2004, dependants=(Dependant(age=1),)))


def test_a_young_adult_over_the_ceilings_is_told_too_but_stays_grey(flows: dict[str, Flow]) -> None:
    """30 000 € is over both ceilings: the same condition, the grey title unchanged."""
    text = card(flows, Household(age=21, resources=Decimal(30000), housing="tenant"))
    assert "C2S : peu probable" in text and LINE in text, text
