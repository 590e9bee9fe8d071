"""Check-ups by age, social-service offers, renewal reminders."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from dialogs.i18n import translator
from dialogs.present import render_blocks
from dialogs.results.rights import rights
from dialogs.rights import Household, evaluate
from dialogs.schema import Flow

TODAY = date(2026, 11, 22)


def right(h: Household, name: str) -> str | None:
    outcome = evaluate(h, TODAY).get(name)
    return outcome.status if outcome else None


@pytest.mark.parametrize(
    ("age", "checkup", "review"),
    [
        (15, None, None),
        (16, "likely", None),
        (18, "likely", "likely"),
        (25, "likely", "likely"),
        (26, "likely", None),
        (45, "likely", "likely"),
        (50, "likely", "likely"),
        (51, "likely", None),
        (65, "likely", "likely"),
        (70, "likely", "likely"),
        (76, "likely", None),
    ],
)
def test_health_checkup_from_16_and_prevention_review_by_age_band(
    age: int, checkup: str | None, review: str | None
) -> None:
    h = Household(age=age)
    assert right(h, "health_checkup") == checkup
    assert right(h, "prevention_review") == review


@pytest.mark.parametrize(
    ("born", "said"),
    [
        (1976, "Né·e en 1976, vous pouvez faire « Mon bilan prévention » (tranche 45–50 ans)."),  # 49 or 50
        # 44 or 45: maybe not in the band yet
        (1981, "Né·e en 1981, vous pouvez faire « Mon bilan prévention » (tranche 45–50 ans) à partir de vos 45 ans."),
        # 50 or 51: maybe out of it already
        (
            1975,
            "Né·e en 1975, vous pouvez faire « Mon bilan prévention » (tranche 45–50 ans) jusqu'à la veille de vos "
            "51 ans.",
        ),
        (1974, None),  # 51 or 52
        (1982, None),  # 44 at most this year
    ],
)
def test_with_the_year_of_birth_only_the_review_names_the_year_and_counts_the_whole_year(
    born: int, said: str | None
) -> None:
    """Born in 1976 and checked on 22 November 2026, a person is probably 50: the card no longer says "À 49 ans"
    (the age on 1 January, which the chat works out from the year). The band 45–50 is open to whoever is in it at
    some point of the year: 45 this year (born 1981) or still 50 before their birthday (born 1975). Those two may be
    outside it on the day of the check (44, or 51 already): the card says from which birthday, or until which one,
    rather than "vous pouvez faire" as if certain."""
    from dialogs.i18n import translator

    outcome = evaluate(Household(born=born), TODAY).get("prevention_review")
    assert (translator("fr")(outcome.reasons[0]) if outcome else None) == said


def test_sick_leave_over_90_days_gets_the_information_meeting() -> None:
    long = Household(age=40, situations=frozenset({"sick_leave"}), sick_leave_since=date(2026, 8, 1))
    outcome = evaluate(long, TODAY).get("social_sick_leave")
    assert outcome is not None and outcome.status == "likely" and "session" in outcome.offers
    short = Household(age=40, situations=frozenset({"sick_leave"}), sick_leave_since=date(2026, 10, 1))
    waiting = evaluate(short, TODAY).get("social_sick_leave")
    # 1 October is the leave's 1st day: 29 December its 90th, 30 December its 91st, more than 90 days.
    assert waiting is not None and (waiting.status, waiting.due) == ("not_yet", date(2026, 12, 30))


def test_each_situation_points_to_its_offer() -> None:
    situations = {"job_at_risk", "hospital_discharge", "caregiver", "serious_illness", "renounced_care"}
    report = evaluate(Household(age=60, situations=frozenset(situations)), TODAY)
    assert {o.right for o in report.outcomes} >= {f"social_{s}" for s in situations}


@pytest.mark.parametrize(
    ("end", "status", "due", "offers"),
    [
        (date(2026, 11, 1), "expired", None, ("callback",)),
        (date(2027, 1, 10), "renew", date(2027, 1, 10), ("callback",)),
        (date(2027, 5, 31), "info", date(2027, 3, 31), ("renewal",)),
    ],
)
def test_renewal_two_months_before_the_end(end: date, status: str, due: date | None, offers: tuple[str, ...]) -> None:
    h = Household(age=40, cover="c2s", cover_end=end, resources=Decimal(5_000))
    outcome = evaluate(h, TODAY).get("renewal")
    assert outcome is not None
    assert (outcome.status, outcome.due, outcome.offers) == (status, due, offers)


def test_a_cover_that_no_longer_fits_the_situation_is_not_renewed(flows: dict[str, Flow]) -> None:
    """AME is for people without a permit (CASF L251-1), C2S for people covered by PUMa (CSS L861-1, L160-1).

    Drill household: born 1985, now with a residence permit, alone, 5 000 € over 12 months, tenant, holding AME
    until 10 January 2027, checked on 30 November 2026. By hand: PUMa (resident for more than 3 months) and free
    C2S (5 000 € ≤ 10 339 €). The card said both "C2S gratuite : faites la demande" and "🟠 Renouvellement : à
    demander maintenant … Vos droits à l'AME", which the caisse would refuse. The same person without a permit
    holding C2S was told to renew the C2S next to "AME : droit probable". Both are now told to ask for the other
    cover before the end date, with no renewal reminder offered.
    """
    base = {
        "in_france": "more",
        "born": "1985",
        "household_size": 1,
        "territory": "metropole",
        "benefits": ["none"],
        "income_regular": "varies",
        "income_year": "5000",
        "maintenance": False,
        "housing": "tenant",
        "cover_end": "2027-01-10",
        "situations": ["none"],
    }
    day = date(2026, 11, 30)
    with_permit = rights(flows["rights_check"], {**base, "residence": "permit", "cover": "ame"}, day)
    text = render_blocks(with_permit.blocks, translator("fr"))
    assert "🟢 C2S gratuite : droit probable" in text
    assert "Renouvellement : à demander maintenant" not in text
    assert (
        "🟠 Fin de vos droits actuels : une autre couverture à demander\n"
        "• Vos droits à l'AME prennent fin le 10 janvier 2027.\n"
        "• L'AME est réservée aux personnes sans titre de séjour : dans votre situation, elle ne se renouvelle pas. "
        "Demandez la couverture indiquée plus haut.\n"
        "→ Faites cette demande avant le 10 janvier 2027 pour ne pas rester sans couverture."
    ) in text
    assert [b.kind for b in with_permit.offers] == ["session", "checkup", "callback"]
    without_permit = rights(flows["rights_check"], {**base, "residence": "irregular", "cover": "c2s"}, day)
    text = render_blocks(without_permit.blocks, translator("fr"))
    assert "🟢 AME (aide médicale de l'État) : droit probable" in text
    assert (
        "• La C2S demande d'être assuré·e par l'Assurance Maladie : sans titre de séjour, elle ne se renouvelle "
        in text
    )
    persian = render_blocks(without_permit.blocks, translator("fa"))
    assert "۱۰ ژانویه ۲۰۲۷" in persian and "C2S demande" not in persian
    kept = evaluate(Household(age=40, residence="irregular", cover="ame", cover_end=date(2027, 1, 10)), day)
    assert kept.get("renewal").status == "renew"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("benefit", "own"),
    [
        ("aah", {"aah_month": Decimal(1033)}),
        ("cej", {}),
        ("rsa", {}),
        ("ass", {"partner_age": None}),
    ],
)
def test_disabled_people_and_young_people_in_insertion_are_priority_for_the_checkup(
    benefit: str, own: dict[str, Any]
) -> None:
    """rights-rules.md (service-public F170): priority to "RSA or C2S recipients, young people in insertion schemes,
    jobseekers, disabled people".

    Drill household: a couple both on AAH (born 1991 and 1986), 24 244.87 € retained, over the 20 936 € C2S ceiling
    for two: no C2S, so only the AAH can make them priority. The card said the check-up was free but not that they
    were priority. (A young person on the contrat d'engagement jeune allowance is priority too; since 1 July 2026
    that allowance also opens C2S, which already made them priority.) The AAH and the ASS are the person's own: here
    the person receives the AAH, and lives alone on the ASS (test_rights_who_receives: when the partner receives it).
    """
    h = Household(
        **{"age": 35, "partner_age": 40, "benefits": frozenset({benefit}), "resources": Decimal(30_000), **own}
    )
    checkup = evaluate(h, date(2026, 11, 30)).get("health_checkup")
    assert checkup is not None
    assert "Vous faites partie des personnes prioritaires." in [translator("fr")(r) for r in checkup.reasons]
    plain = evaluate(Household(age=35, partner_age=40, resources=Decimal(30_000)), date(2026, 11, 30))
    assert len(plain.get("health_checkup").reasons) == 1  # type: ignore[union-attr]
