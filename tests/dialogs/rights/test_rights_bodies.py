"""The card names the household's health-insurance body: CGSS overseas, its Saint-Martin agency, Saint-Barthélemy's.

CSS L752-1: in Guadeloupe, Martinique, Guyane and La Réunion a caisse générale de sécurité sociale does what a CPAM
does; Saint-Martin is served by the CGSS de la Guadeloupe through its agency there; Saint-Barthélemy by the Caisse de
prévoyance sociale (D752-2-1 to D752-2-3, décret n° 2017-992), without an ameli account. The card used to send everyone
to « votre CPAM » and « votre compte ameli ».
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from dialogs.i18n import translator
from dialogs.present import render_blocks
from dialogs.results.rights import rights
from dialogs.rights import Dependant, Household, evaluate
from dialogs.rights.household import Territory
from dialogs.rights.outcome import Report
from dialogs.schema import Flow
from faire_lien.assistant import Assistant
from storage.db import Database
from tests.dialogs.golden_driver import Person
from tests.dialogs.rights.test_rights_drill import answers
from tests.dialogs.rights.test_rights_drill_chat import END, START

TODAY = date(2026, 11, 22)
T = translator("fr")
SAINT_MARTIN = "l'agence de Saint-Martin de la CGSS de la Guadeloupe"
SAINT_BARTH = "la Caisse de prévoyance sociale de Saint-Barthélemy"
BODY = {"overseas": "votre CGSS", "saint_martin": SAINT_MARTIN, "saint_barthelemy": SAINT_BARTH}

HOUSEHOLDS = {
    # Covered, free C2S by resources, the check-up: the application steps.
    "free_c2s": Household(age=40, resources=Decimal(5_000)),
    # RSA: C2S opened without a request, to be checked.
    "rsa": Household(age=40, benefits=frozenset({"rsa"})),
    # A newcomer with a permit, arrived 1 November 2026: the basic cover from 2 February 2027.
    "newcomer": Household(age=40, residence="permit", arrived=date(2026, 11, 1)),
    # An asylum seeker born in 2008 (18 this year) with a child of 5: to tell the body, the children at once.
    "asylum_seeker": Household(
        born=2008, residence="asylum_seeker", arrived=date(2026, 11, 1), dependants=(Dependant(age=5),)
    ),
    # Without a permit for years, no AME yet: the first request in person.
    "ame_first": Household(age=40, residence="irregular", resources=Decimal(5_000)),
    # Without a permit, AME held: the renewal sent to the body.
    "ame_renewal": Household(age=40, residence="irregular", resources=Decimal(5_000), cover="ame"),
    # Without a permit, arrived 1 November 2026 with a child of 5: the children now, the adult from February.
    "ame_not_yet": Household(age=40, residence="irregular", arrived=date(2026, 11, 1), dependants=(Dependant(age=5),)),
    # C2S ending on 10 December 2026: renew now; having renounced care: the help to get back to care.
    "renewal": Household(
        age=40,
        resources=Decimal(5_000),
        cover="c2s",
        cover_end=date(2026, 12, 10),
        situations=frozenset({"renounced_care"}),
    ),
}


def said(report: Report) -> str:
    """Every reason and step of the card, in French, one per line."""
    return "\n".join(T(m) for o in report.outcomes for m in (*o.reasons, *o.steps))


def check(h: Household, territory: Territory) -> str:
    """The household's card text in this territory."""
    return said(evaluate(replace(h, territory=territory), TODAY))


def test_overseas_the_steps_name_the_cgss_and_the_ameli_account() -> None:
    """Guadeloupe, Guyane, Martinique, Réunion: « votre CGSS » where the card said « votre CPAM »."""
    text = check(HOUSEHOLDS["free_c2s"], "overseas")
    assert "Faites la demande sur votre compte ameli (rubrique « Mes démarches ») ou à l'accueil de votre CGSS." in text
    assert (
        "Si vous n'avez ni carte Vitale ni attestation de droits, demandez votre affiliation à votre CGSS "
        "(compte ameli ou accueil)." in text
    )
    assert "Rendez-vous par téléphone au 3646 ou sur votre compte ameli." in text
    newcomer = check(HOUSEHOLDS["newcomer"], "overseas")
    assert "À partir du 2 février 2027, faites la demande auprès de votre CGSS." in newcomer
    ame = check(HOUSEHOLDS["ame_first"], "overseas")
    assert "La première demande se fait en personne à l'accueil de votre CGSS." in ame


def test_saint_martin_the_steps_name_the_agency_of_the_cgss_de_la_guadeloupe() -> None:
    """Saint-Martin: the CGSS de la Guadeloupe's agency there, with the ameli account; the ceilings hedge names it."""
    text = check(HOUSEHOLDS["free_c2s"], "saint_martin")
    assert (
        f"Faites la demande sur votre compte ameli (rubrique « Mes démarches ») ou à l'accueil de {SAINT_MARTIN}."
        in text
    )
    assert (
        "À Saint-Martin et à Saint-Barthélemy, nous appliquons les plafonds de l'outre-mer : "
        f"les règles qui s'appliquent vous seront confirmées par {SAINT_MARTIN}." in text
    )
    renewal = check(HOUSEHOLDS["renewal"], "saint_martin")
    assert f"Demandez le renouvellement sur votre compte ameli ou à {SAINT_MARTIN}." in renewal
    ame = check(HOUSEHOLDS["ame_renewal"], "saint_martin")
    assert f"envoyez ou déposez votre demande de renouvellement à {SAINT_MARTIN}, 2 mois avant" in ame


def test_saint_barthelemy_the_steps_send_to_the_caisse_de_prevoyance_sociale_without_ameli() -> None:
    """Saint-Barthélemy: the request is made at the Caisse de prévoyance sociale, not on an ameli account."""
    text = check(HOUSEHOLDS["free_c2s"], "saint_barthelemy")
    assert f"Faites la demande auprès de {SAINT_BARTH}." in text
    assert (
        f"Si vous n'avez ni carte Vitale ni attestation de droits, demandez votre affiliation à {SAINT_BARTH}." in text
    )
    assert f"Prenez rendez-vous auprès de {SAINT_BARTH}." in text
    assert (
        "À Saint-Martin et à Saint-Barthélemy, nous appliquons les plafonds de l'outre-mer : "
        f"les règles qui s'appliquent vous seront confirmées par {SAINT_BARTH}." in text
    )
    assert f"Vérifiez que la C2S est bien ouverte auprès de {SAINT_BARTH}." in check(
        HOUSEHOLDS["rsa"], "saint_barthelemy"
    )
    assert f"Demandez le renouvellement à {SAINT_BARTH}." in check(HOUSEHOLDS["renewal"], "saint_barthelemy")


@pytest.mark.parametrize("name", list(HOUSEHOLDS))
@pytest.mark.parametrize("territory", ["overseas", "saint_martin", "saint_barthelemy"])
def test_no_card_outside_mainland_france_sends_to_a_cpam(name: str, territory: Territory) -> None:
    """Whatever the situation, the reasons and steps name the body, never a CPAM; never ameli in Saint-Barthélemy."""
    text = check(HOUSEHOLDS[name], territory)
    assert "CPAM" not in text, text
    assert BODY[territory] in text, text
    if territory == "saint_barthelemy":
        assert "ameli" not in text, text


@pytest.mark.parametrize("name", list(HOUSEHOLDS))
@pytest.mark.parametrize("territory", ["metropole", "alsace_moselle"])
def test_mainland_france_still_reads_cpam(name: str, territory: Territory) -> None:
    """Mainland France and Alsace-Moselle: « votre CPAM » (or « la CPAM ») as before, no other body."""
    text = check(HOUSEHOLDS[name], territory)
    assert "CPAM" in text
    assert "CGSS" not in text and "prévoyance sociale" not in text


def test_mainland_steps_are_the_ones_written_for_the_cpam() -> None:
    """The same sentences as before, word for word."""
    text = check(HOUSEHOLDS["free_c2s"], "metropole")
    assert "Faites la demande sur votre compte ameli (rubrique « Mes démarches ») ou à l'accueil de votre CPAM." in text
    asylum = check(HOUSEHOLDS["asylum_seeker"], "metropole")
    assert "Demandez dès maintenant l'affiliation de vos enfants à votre CPAM." in asylum
    assert "dites-le à votre CPAM." in asylum


def test_the_overseas_card_names_the_cgss_in_the_persons_language(flows: dict[str, Flow]) -> None:
    """Martinique, alone, 9 000 €: the card no longer tells to read « CPAM » as « CGSS »; it says the CGSS."""
    given = {"born": "1985", "territory": "overseas", "income_year": "9000"}
    text = render_blocks(rights(flows["rights_check"], answers(**given), TODAY).blocks, translator("fr"))
    assert "à l'accueil de votre CGSS" in text
    assert "CPAM" not in text
    english = render_blocks(rights(flows["rights_check"], answers(**given), TODAY).blocks, translator("en"))
    assert "CGSS" in english and "CPAM" not in english


async def test_in_the_chat_saint_barthelemy_reads_its_caisse(assistant: Assistant, db: Database) -> None:
    """Born 1985, alone, in Saint-Barthélemy, 6 000 € over 12 months: free C2S, asked at the Caisse de prévoyance
    sociale; no CPAM, no ameli account on the card."""
    person = Person(assistant, db)
    steps = [
        "press:Nationalité",
        "press:Plus de 3 mois",
        "type:1985",
        "type:1",
        "press:Saint-Barthélemy",
        "press:Aucune de ces aides",
        "press:Valider",
        "press:Non, elles changent",
        "type:6000",
        "press:Non, personne",
        "press:Valider",
        "press:Non",
        "press:sans aide",
    ]
    for step in [*START, *steps, *END]:
        await person.do(step)
    card = "\n".join(r.text for r in person.screen)
    assert "🟢 C2S gratuite : droit probable" in card
    assert f"→ Faites la demande auprès de {SAINT_BARTH}." in card
    assert "CPAM" not in card and "ameli" not in card
