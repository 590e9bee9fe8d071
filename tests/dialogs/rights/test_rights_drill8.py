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


RETURN = {**STAY, "household_size": 1, "territory": "metropole", "benefits": ["none"], "income_regular": "same"}
RETURN |= {"income_month": "1200", "activity_situation": ["none"], "maintenance": False, "housing": "tenant"}
RETURN |= {"cover": "none", "situations": ["none"]}
"""Back in France on 15 October 2026 to live here, 1 200 € a month (14 400 € a year), a tenant without benefit."""


def test_a_pensioner_coming_back_to_live_in_france_asks_the_caisse_and_staff_see_the_doubt(
    flows: dict[str, Flow],
) -> None:
    """French pension, back to live in France on 15 October 2026 (flow version 10, « Retraite française, je rentre en
    France »). A ministerial answer (question n° 60848, JO AN 2015) keeps pensioners covered by their French scheme
    wherever they live; Français du monde-ADFE writes that the PUMa opens after the 3 months on a return for good
    (16 January 2027). The sources disagree: amber, what to ask, and staff read the rule as « Valeur à confirmer »; the
    person reads it in the section, not twice. Before: no option — « Retraite française, 15 ans cotisés » read
    « vos soins pendant vos séjours en France », and no C2S, as if she lived abroad."""
    card = rights(flows["rights_check"], {**RETURN, "pension": "french_return"}, DAY)
    text = render_blocks(card.blocks, translator("fr"))
    assert (
        "🟠 Couverture de base (PUMa) : dès votre retour, à confirmer\n"
        "• Vous revenez vivre en France avec une pension d'un régime français : votre caisse devrait vous couvrir dès "
        "votre retour, sans attendre 3 mois, mais les sources officielles ne le disent pas toutes. Sinon, vous serez "
        "couvert·e à partir du 16 janvier 2027.\n"
        "→ Demandez dès maintenant votre affiliation à l'Assurance Maladie avec votre titre de pension, et "
        "demandez-lui si elle vous couvre dès votre retour ou seulement à partir du 16 janvier 2027." in text
    ), text
    assert "pendant vos séjours" not in text and "Une règle utilisée pour ce calcul reste à confirmer" not in text
    assert "C2S" in text  # she lives here: the C2S is hers to ask (14 400 € > 13 957 €: unlikely, but said)
    staff = render_blocks(card.for_staff().blocks, translator("fr"))
    assert "Valeur à confirmer : Titulaires d'une pension d'un régime français qui reviennent vivre en France" in staff
    assert "questions.assemblee-nationale.fr/q14/14-60848QE.htm" in staff
    english = render_blocks(card.blocks, translator("en"))
    assert "🟠 Basic cover (PUMa): from your return, to be confirmed" in english and "Vous" not in english


def test_a_national_coming_back_without_a_pension_waits_with_what_may_cover_the_wait(flows: dict[str, Flow]) -> None:
    """French, born 1980, back from Canada on 15 October 2026 without a job (« Je rentre en France après l'étranger »):
    CSS D160-2's 3 months apply (only international volunteering is spared), so « pas encore » until 16 January 2027;
    service-public F32824 and diplomatie.gouv.fr: a European caisse keeping her rights (card or S1) or the CFE covers
    the wait. Answers of version 9 (no such option) read as before, without those lines."""
    given = {**RETURN, "born": "1980", "pension": "none", "waivers": ["return_abroad"]}
    text = shown(flows, given)
    assert "🟡 Couverture de base (PUMa) : pas encore" in text and "soit à partir du 16 janvier 2027" in text
    assert (
        "• Vous revenez vivre en France : sans emploi, les 3 mois de résidence s'appliquent aussi au retour de "
        "l'étranger ; seul le retour d'un volontariat international en dispense." in text
    ), text
    assert "→ Si vous étiez adhérent·e de la Caisse des Français de l'étranger (CFE), elle peut continuer" in text
    assert "présentez sa carte européenne d'assurance maladie ou le formulaire S1 à l'Assurance Maladie" in text
    before = shown(flows, {**given, "waivers": ["none"]})
    assert (
        "🟡 Couverture de base (PUMa) : pas encore" in before and "CFE" not in before and "Vous revenez" not in before
    )
    russian = shown(flows, given, "ru")
    assert "3 месяцев проживания" in russian and "CFE" in russian, russian


async def test_coming_back_through_the_chat(assistant: Assistant, db: Database) -> None:
    """The chat offers both answers of version 10 and the card follows (pensioner, then a national without one)."""
    person = Person(assistant, db)
    steps = [*START, "press:Nationalité", "press:Moins de 3 mois", "type:15/10/2026", "press:Non"]
    offered = await answer(person, steps)
    assert "Retraite française, je rentre en France" in offered, offered
    steps = ["press:je rentre en France", "type:1955", "type:1", "press:métropolitaine", "press:Aucune de ces aides"]
    situations = await answer(person, [*steps, "press:Valider"])
    assert "Je rentre en France après l'étranger" in situations and "Dans les trois premières situations" in situations
    steps = ["press:Aucune de ces situations", "press:Valider", "press:Oui, à peu près", "type:1200"]
    steps += ["press:Non, personne", "press:Valider", "press:Non", "press:sans aide", "press:Non"]
    end = await answer(person, [*steps, "press:Aucune de ces situations", "press:Valider"])
    assert "🟠 Couverture de base (PUMa) : dès votre retour, à confirmer" in end, end
