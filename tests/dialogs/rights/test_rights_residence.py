"""PUMa, AME and urgent care: residence, its waivers, minors, resources."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dialogs.i18n import translator
from dialogs.rights import Household, evaluate

TODAY = date(2026, 11, 22)
T = translator("fr")


def rights(h: Household) -> dict[str, str]:
    return {o.right: o.status for o in evaluate(h, TODAY).outcomes}


def test_long_time_residents_and_workers_are_covered() -> None:
    assert rights(Household(age=40))["puma"] == "covered"
    newcomer = Household(age=40, residence="permit", arrived=date(2026, 10, 1), works_in_france=True)
    assert rights(newcomer)["puma"] == "covered"


def test_a_newcomer_waits_three_months_unless_a_waiver_applies() -> None:
    h = Household(age=40, residence="permit", arrived=date(2026, 10, 1))
    report = evaluate(h, TODAY)
    puma = report.get("puma")
    assert puma is not None and puma.status == "not_yet"
    assert puma.due == date(2027, 1, 1)
    assert report.get("c2s") is None  # complementary cover comes after basic cover
    assert "à partir du 1 janvier 2027" in T(puma.reasons[0])
    for waived in (
        Household(age=40, residence="asylum", arrived=date(2026, 10, 1)),
        Household(age=20, residence="permit", arrived=date(2026, 10, 1), waivers=frozenset({"student"})),
        Household(age=40, residence="national", arrived=date(2026, 10, 1), benefits=frozenset({"housing"})),
    ):
        assert rights(waived)["puma"] == "covered", waived


def test_three_months_after_arrival_the_person_is_covered() -> None:
    assert rights(Household(age=40, residence="permit", arrived=date(2026, 8, 22)))["puma"] == "covered"
    assert rights(Household(age=40, residence="permit", arrived=date(2026, 8, 23)))["puma"] == "not_yet"


def test_ame_after_three_months_under_the_free_c2s_ceiling() -> None:
    under = Household(age=30, residence="irregular", resources=Decimal(10_339))
    assert rights(under) == {"ame": "likely"}
    over = Household(age=30, residence="irregular", resources=Decimal(10_340))
    assert rights(over) == {"ame": "unlikely", "urgent_care": "info"}


def test_before_three_months_only_urgent_care_except_for_minors() -> None:
    adult = Household(age=30, residence="irregular", arrived=date(2026, 10, 15))
    report = evaluate(adult, TODAY)
    ame = report.get("ame")
    assert ame is not None and (ame.status, ame.due) == ("not_yet", date(2027, 1, 15))
    urgent = report.get("urgent_care")
    assert urgent is not None
    assert "PASS" in T(urgent.steps[0])
    minor = Household(age=12, residence="irregular", arrived=date(2026, 10, 15))
    assert rights(minor)["ame"] == "likely"


def test_people_without_a_permit_get_no_puma_or_c2s_outcome() -> None:
    assert set(rights(Household(age=30, residence="irregular"))) == {"ame"}
