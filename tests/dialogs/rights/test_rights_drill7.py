"""Seventh drill: pensioners who do not wait the PUMa's 3 months, worked by hand on 22 November 2026.

CSS L160-3: someone living abroad without a job, with an old-age, survivor's or invalidity pension of a French basic
scheme, has their care covered during stays in France; outside the EU/EEA/Switzerland only with 15 years insured in
France (loi n° 2018-1203, art. 52), unless an agreement says otherwise. Règlement (CE) n° 883/2004, art. 24: a pension
of another European state brings the S1 form, registered with the CPAM on arrival. Arrived on 15 October 2026 (less than
3 months), the 3 months would end on 16 January 2027 (`after_months`).
"""

from __future__ import annotations

from datetime import date

from dialogs.rights.evaluate import evaluate
from dialogs.rights.household import Household
from dialogs.schema import Flow
from tests.dialogs.rights.test_rights_drill5 import DAY, card, plain

STAY = {"residence": "national", "in_france": "less", "arrived": "2026-10-15", "works": False, "born": "1955"}
"""French, born 1955, arrived on 15 October 2026 for a stay, not working, alone, no income declared in France."""


def test_a_french_pensioner_living_in_europe_is_covered_during_the_stay(flows: dict[str, Flow]) -> None:
    """A French pension, living in Spain: L160-3 covers the stay, no 3 months, and no C2S (she does not live here).

    Before: « 🟡 Couverture de base (PUMa) : pas encore » from 16 January 2027, and the PASS meanwhile.
    """
    text = card(flows, DAY, **STAY, pension="french_europe")
    assert (
        "🟢 Couverture de base (PUMa) : vous devriez être couvert·e\n"
        "• La condition de 3 mois de résidence ne s'applique pas à vous : vous vivez dans un autre pays d'Europe avec "
        "une pension française, qui couvre vos soins pendant vos séjours en France.\n"
        "→ Pendant vos séjours, présentez votre carte Vitale." in text
    ), text
    assert "pas encore" not in text and "C2S gratuite" not in text and "16 janvier 2027" not in text
    english = card(flows, DAY, "en", **STAY, pension="french_15")
    assert "you have a French pension and at least 15 years of insurance in France" in english, english
    assert "pas encore" not in english and "Vous" not in english


def test_under_15_years_outside_europe_still_waits_and_says_why(flows: dict[str, Flow]) -> None:
    """Outside Europe with less than 15 years: the 3 months stay, with the line saying why the pension does not help."""
    text = card(flows, DAY, **STAY, pension="french_under_15")
    assert "🟡 Couverture de base (PUMa) : pas encore" in text and "soit à partir du 16 janvier 2027" in text
    assert (
        "• Vous vivez hors d'Europe avec une pension française de moins de 15 ans d'assurance en France : depuis "
        "2019, vos soins pendant un séjour en France ne sont pris en charge que si la convention de sécurité sociale "
        "entre la France et votre pays le prévoit" in text
    ), text
    persian = plain(card(flows, DAY, "fa", **STAY, pension="french_under_15"))
    assert "کمتر از ۱۵ سال" in persian and "Vous vivez" not in persian, persian


def test_a_european_pension_registers_with_the_s1_form_and_answers_of_version_8_read_as_before(
    flows: dict[str, Flow],
) -> None:
    """A pension of another European state, settling in France: covered at once with the S1 form, C2S then possible
    (0 € ≤ 10 339 €); answers of version 8 (no `pension`) and « Non » still wait until 16 January 2027."""
    text = card(flows, DAY, **STAY, pension="s1")
    assert "le formulaire S1 vous inscrit à l'Assurance Maladie dès votre arrivée" in text, text
    assert "→ Demandez le formulaire S1 à la caisse qui vous verse votre retraite" in text
    assert "🟢 C2S gratuite : droit probable" in text
    for before in (card(flows, DAY, **STAY), card(flows, DAY, **STAY, pension="none")):
        assert "🟡 Couverture de base (PUMa) : pas encore" in before and "16 janvier 2027" in before


def test_the_evaluator_cites_l160_3_and_the_s1_regulation() -> None:
    """The API: `pension` waives the 3 months and the card's rules name their sources."""
    h = Household(born=1955, arrived=date(2026, 10, 15), pension="french_15")
    report = evaluate(h, DAY)
    puma = report.get("puma")
    assert puma is not None and puma.status == "covered" and report.get("c2s") is None
    used = {a.name for a in report.used}
    assert {"puma_pensioners_abroad", "puma_pensioners_years_outside_europe"} <= used, used
    s1 = evaluate(Household(born=1955, arrived=date(2026, 10, 15), pension="s1"), DAY)
    s1_puma = s1.get("puma")
    assert s1_puma is not None and s1_puma.status == "covered" and s1.get("c2s") is not None
    assert "puma_eu_pensioners_s1" in {a.name for a in s1.used}
    waits = evaluate(Household(born=1955, arrived=date(2026, 10, 15), pension="french_under_15"), DAY).get("puma")
    assert waits is not None and (waits.status, waits.due) == ("not_yet", date(2027, 1, 16))
