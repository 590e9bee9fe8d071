"""Who belongs to the C2S household, ranks by age, per-recipient deductions (issue 18, defects 3, 5 and 7)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dialogs.i18n import translator
from dialogs.rights import Dependant, Household, evaluate
from dialogs.rights.ceilings import ceilings
from dialogs.rights.members import members
from dialogs.rights.outcome import Context
from dialogs.rights.resources import resources
from dialogs.rights.table import default_table

DAY_2025 = date(2025, 10, 15)
DAY_2024 = date(2024, 5, 15)
"""Before ASI opened C2S without a resource check (2024-07-01), so the ASI deduction decides the band."""


def ctx(day: date = DAY_2025) -> Context:
    return Context(day, default_table())


def band(h: Household, day: date = DAY_2025) -> tuple[str | None, Decimal | None]:
    outcome = evaluate(h, day).get("c2s")
    assert outcome is not None
    return outcome.band, outcome.participation


def test_a_couple_both_on_aah_gets_two_deductions() -> None:
    """2025, couple aged 40 and 45, each 930 € of AAH a month, nothing else, tenant without housing benefit.

    Declared 2 × 930 × 12 = 22 320 €. One deduction per recipient: 22 320 − 2 × 68 × 12 = 22 320 − 1 632
    = 20 688 € ≤ 20 936 € (couple, with participation) → C2S with participation, 14 + 14 = 28 € a month.
    With one deduction for the household the tool said 22 320 − 816 = 21 504 € > 20 936 € → C2S unlikely.
    """
    h = Household(
        age=40,
        partner_age=45,
        benefits=frozenset({"aah"}),
        resources=Decimal(22_320),
        aah_month=Decimal(930),
        partner_aah_month=Decimal(930),
    )
    assert resources(h, ctx()).deduction == Decimal(1632)
    assert band(h) == ("participation", Decimal(28))


def test_aah_for_one_partner_and_asi_for_the_other_keeps_both_deductions() -> None:
    """May 2024, couple aged 50 and 55: AAH 1 000 € (applicant), ASI 800 € (partner), nothing else.

    Declared (1 000 + 800) × 12 = 21 600 €. AAH deduction 68 × 12 = 816, ASI deduction at the single rate
    (only one partner receives ASI) 49 × 12 = 588: 21 600 − 816 − 588 = 20 196 € ≤ 20 586 € → C2S with
    participation, 21 + 21 = 42 €. The tool dropped the ASI deduction: 20 784 € > 20 586 € → unlikely.
    """
    h = Household(
        age=50,
        partner_age=55,
        resources=Decimal(21_600),
        aah_month=Decimal(1000),
        partner_asi_month=Decimal(800),
    )
    assert resources(h, ctx(DAY_2024)).deduction == Decimal(816 + 588)
    assert band(h, DAY_2024) == ("participation", Decimal(42))


def test_the_asi_couple_rate_applies_only_when_both_partners_receive_it() -> None:
    """May 2024, couple: only the partner receives ASI (800 €): 49 € deducted, not the couple's 86 €.

    Declared 21 400 €: 21 400 − 49 × 12 = 20 812 € > 20 586 € → unlikely (the couple rate gave 21 400 − 1 032
    = 20 368 € → "with participation"). When both receive ASI, 86 € in all (43 € each): 21 400 − 1 032.
    """
    one = Household(age=50, partner_age=55, resources=Decimal(21_400), partner_asi_month=Decimal(800))
    both = Household(
        age=50, partner_age=55, resources=Decimal(21_400), asi_month=Decimal(400), partner_asi_month=Decimal(400)
    )
    assert resources(one, ctx(DAY_2024)).deduction == Decimal(588)
    assert resources(both, ctx(DAY_2024)).deduction == Decimal(1032)
    assert band(one, DAY_2024) == ("none", None)
    assert band(both, DAY_2024)[0] == "participation"


def test_a_dependants_aah_is_deducted_too() -> None:
    """A 22-year-old on AAH (600 €) living with a parent: 68 € a month deducted for each of them."""
    h = Household(
        age=50, aah_month=Decimal(900), dependants=(Dependant(22, aah_month=Decimal(600)),), resources=Decimal(18_000)
    )
    assert resources(h, ctx()).deduction == Decimal(2 * 68 * 12)


def test_a_shared_custody_child_takes_the_rank_of_their_age() -> None:
    """2025, a single parent (40) with a child of 14 in shared custody and a child of 8 living full time.

    R861-3 ranks children by age: the 14-year-old is the 2nd person (+50 %, halved: +25 %), the 8-year-old
    the 3rd (+30 %): 10 339 × 1.55 = 16 025.45 → 16 025 €; with participation × 1.35 → 21 634 €.
    Ranked last whatever their age (what the chat did without ages): 10 339 × (1 + 0.5 + 0.15) = 17 059 €,
    about 1 000 € higher. With 16 500 €: C2S with participation, 14 + 8 + 8 = 30 € a month, not free C2S.
    """
    h = Household(age=40, dependants=(Dependant(14, shared_custody=True), Dependant(8)), resources=Decimal(16_500))
    assert ceilings(h, ctx()) == (16025, 21634)
    assert band(h) == ("participation", Decimal(30))
    wrong_order = Household(age=40, dependants=(Dependant(8), Dependant(14, shared_custody=True)))
    assert ceilings(wrong_order, ctx()) == (16025, 21634)  # the order given does not matter, the ages do


def test_only_minors_in_shared_custody_count_half() -> None:
    """R861-3 halves the share of minors in shared custody; a 19-year-old counts whole."""
    h = Household(age=45, dependants=(Dependant(19, shared_custody=True),))
    assert ceilings(h, ctx())[0] == 15508  # 10 339 × 1.5 = 15 508.5


def test_a_dependant_of_25_or_more_is_left_out_everywhere() -> None:
    """A 26-year-old given as a dependant is not in the C2S household (R861-2: under 25).

    2025, owner without loan, parent 40 with a 26-year-old and a 10-year-old, 15 000 € declared.
    Members: the parent and the 10-year-old, 2 people: ceiling 10 339 × 1.5 = 15 508 €; housing flat
    amount for 2: 12 × 646,52 × 1.5 × 14 % = 1 629,23 €, so 16 629,23 € → C2S with participation,
    14 + 8 = 22 € a month. The tool compared with the ceiling for 2 but counted 3 people elsewhere: the
    3-person flat amount 12 × 646,52 × 1.8 × 14 % = 1 955,08 €, "3 people" on the card, 14 + 8 + 8 = 30 €.
    """
    h = Household(age=40, dependants=(Dependant(26), Dependant(10)), resources=Decimal(15_000), housing="owner")
    c = ctx()
    assert [m.role for m in members(h, c)] == ["applicant", "dependant"]
    assert resources(h, c).housing == Decimal("1629.23")
    assert band(h) == ("participation", Decimal(22))
    outcome = evaluate(h, DAY_2025).get("c2s")
    assert outcome is not None
    assert translator("fr")(outcome.reasons[0]) == "Votre foyer : 2 personnes."


def test_unknown_ages_rank_after_known_ones_in_the_order_given() -> None:
    people = members(Household(age=30, dependants=(Dependant(None), Dependant(5), Dependant(12))), ctx())
    assert [p.age for p in people] == [30, 12, 5, 0]
