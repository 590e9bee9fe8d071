"""Eighth drill: pensioners on a stay, nationals coming back to live in France, worked by hand on 22 November 2026.

CSS L160-3: a French pension covers the care of someone living abroad during their stays in France; C2S is for people
living in France (CSS L861-1), so the card of a stay offers none. Arrived on 15 October 2026, the 3 months of CSS
D160-2 end on 16 January 2027 (`after_months`: the day after the three months).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dialogs.i18n import translator
from dialogs.present import render_blocks
from dialogs.results.rights import rights
from dialogs.rights.evaluate import evaluate
from dialogs.rights.household import Household
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from storage.db import Database
from tests.dialogs.golden_driver import Person
from tests.dialogs.rights.test_rights_drill5 import DAY, START, answer

COVER = "Avez-vous déjà la C2S ou l'AME ?"
RESOURCE_QUESTIONS = (
    "Les ressources de votre foyer sont-elles à peu près les mêmes chaque mois ?",
    "Environ combien le foyer reçoit-il par mois, en euros ?",
    "Versez-vous une pension alimentaire ?",
    "Quel est votre logement ?",
    "Avez-vous eu une activité professionnelle ces 3 derniers mois ?",
)
STAY = {"residence": "national", "in_france": "less", "arrived": "2026-10-15", "works": False, "born": "1955"}
"""French, born 1955, arrived on 15 October 2026, not working, alone in mainland France."""


def shown(flows: dict[str, Flow], answers: dict[str, Any], language: str = "fr") -> str:
    """The card these answers, exactly as stored, give (no answer filled in)."""
    return render_blocks(rights(flows["rights_check"], answers, DAY).blocks, translator(language))


async def test_a_pensioner_on_a_stay_is_not_asked_the_c2s_resources(assistant: Assistant, db: Database) -> None:
    """French pension, living in Spain, here for a stay, ASPA ticked by mistake: after « Êtes-vous dans une de ces
    situations ? » the chat goes straight to « Avez-vous déjà la C2S ou l'AME ? »; the card says the same as when she
    had answered the 5 resource questions (before: asked them all, though the card offers no C2S for a stay)."""
    person = Person(assistant, db)
    steps = [*START, "press:Nationalité", "press:Moins de 3 mois", "type:15/10/2026", "press:Non"]
    steps += ["press:je vis en Europe", "type:1955", "type:1", "press:métropolitaine"]
    asked = await answer(person, [*steps, "press:ASPA", "press:Valider"])
    assert "Êtes-vous dans une de ces situations ?" in asked and RESOURCE_QUESTIONS[4] not in asked, asked
    then = await answer(person, ["press:Aucune de ces situations", "press:Valider"])
    assert COVER in then and not any(q in then for q in RESOURCE_QUESTIONS), then
    end = await answer(person, ["press:Non", "press:Aucune de ces situations", "press:Valider"])
    assert "🟢 Couverture de base (PUMa) : vous devriez être couvert·e" in end, end


def test_the_card_of_a_stay_is_the_same_without_the_resource_answers(flows: dict[str, Flow]) -> None:
    """Version 9 answers with the resources (1 500 € a month, a tenant, ASPA, a maintenance paid) and the same answers
    without them give the same card, word for word, for each pension that covers a stay."""
    skipped = {"aspa_activity", "income_regular", "income_month", "activity_situation", "maintenance"}
    skipped |= {"maintenance_month", "aspa_month", "housing"}
    for pension in ("french_europe", "french_15"):
        full = {**STAY, "pension": pension, "household_size": 1, "territory": "metropole", "benefits": ["aspa"]}
        full |= {"waivers": ["none"], "aspa_activity": False, "income_regular": "same", "income_month": "1500"}
        full |= {"activity_situation": ["none"], "maintenance": True, "maintenance_month": "100", "aspa_month": "900"}
        full |= {"housing": "tenant", "cover": "none", "situations": ["none"]}
        short = {k: v for k, v in full.items() if k not in skipped}
        assert "Couverture de base (PUMa) : vous devriez être couvert·e" in shown(flows, short)
        assert shown(flows, full) == shown(flows, short), pension


def test_outside_europe_under_15_years_names_the_agreement_rule_and_where_its_list_is(flows: dict[str, Flow]) -> None:
    """A French pension, 12 years insured, living in Thailand: L160-3 asks 15 years outside Europe unless a social
    security agreement provides otherwise; not every bilateral agreement covers sickness, and the Cleiss keeps their
    list (securite-sociale.fr, « Conventions bilatérales »). The card names that rule and where the list is, not the
    countries (the list changes). Before: « que si un accord entre la France et votre pays le prévoit. Demandez-le »."""
    text = shown(flows, {**STAY, "pension": "french_under_15", "household_size": 1, "territory": "metropole"})
    assert (
        "ne sont pris en charge que si la convention de sécurité sociale entre la France et votre pays le prévoit ; "
        "toutes ne couvrent pas la maladie. Le Cleiss publie la liste de ces conventions (cleiss.fr) ; demandez à "
        "l'Assurance Maladie si la vôtre vous couvre : 3646" in text
    ), text
    english = shown(flows, {**STAY, "pension": "french_under_15"}, "en")
    assert "not all of them cover sickness. The Cleiss publishes the list of these agreements (cleiss.fr)" in english
    report = evaluate(Household(born=1955, arrived=date(2026, 10, 15), pension="french_under_15"), DAY)
    agreements = next(a for a in report.used if a.name == "puma_pensioners_agreements")
    assert agreements.href is not None and agreements.href.endswith("/conventions-bilaterales"), agreements.href
