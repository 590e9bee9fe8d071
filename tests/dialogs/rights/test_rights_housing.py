"""Contradictory housing answers: "Aide au logement" ticked among the benefits, then a home without one, or the reverse.

The benefit waives the 3 months of residence for PUMa (CSS D160-2) and adds the R861-7 flat amount to the C2S
resources; a tenant without benefit has no flat amount and an owner without a loan the R861-5 one. Both answers were
kept silently; the chat now asks which is right. The reverse too: "Locataire, avec une aide au logement" without the
benefit ticked.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dialogs.rights import evaluate
from dialogs.rights.answers import household
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.people import Identity
from tests.dialogs.golden_driver import Person

QUESTION = "Vous avez coché « Aide au logement » parmi les aides reçues, mais pas pour votre logement."
START = ["/start", "press:Français", "press:J'accepte", "press:Bilan", "press:Nationalité", "press:Plus de 3"]
START += ["type:1985", "type:1", "press:métropolitaine"]


async def answer(assistant: Assistant, db: Database, who: int, benefit: str, home: str) -> Person:
    person = Person(assistant, db, who=Identity(telegram_id=who))
    steps = [
        *START,
        f"press:{benefit}",
        "press:Valider",
        "press:Oui, à peu près",
        "type:800",
        "press:Non, personne",
        "press:Valider",
        "press:Non",
    ]
    for step in [*steps, f"press:{home}"]:
        await person.do(step)
    return person


async def test_a_tenant_without_benefit_who_ticked_housing_benefit_is_asked(assistant: Assistant, db: Database) -> None:
    person = await answer(assistant, db, 4401, "Aide au logement", "Locataire, sans aide")
    assert QUESTION in "\n".join(r.text for r in person.screen)
    await person.do("press:Locataire avec une aide")
    assert "Combien recevez-vous d'aide au logement par mois" in "\n".join(r.text for r in person.screen)


async def test_an_owner_who_ticked_housing_benefit_is_asked(assistant: Assistant, db: Database) -> None:
    person = await answer(assistant, db, 4402, "Aide au logement", "Propriétaire, sans prêt")
    assert QUESTION in "\n".join(r.text for r in person.screen)
    await person.do("press:Je ne reçois pas")
    assert "Avez-vous déjà la C2S ou l'AME ?" in "\n".join(r.text for r in person.screen)


async def test_consistent_answers_are_not_questioned(assistant: Assistant, db: Database) -> None:
    person = await answer(assistant, db, 4403, "Aucune de ces aides", "Locataire, sans aide")
    assert "Avez-vous déjà la C2S ou l'AME ?" in "\n".join(r.text for r in person.screen)


def test_the_answer_to_the_question_decides_the_benefit_and_the_home() -> None:
    """A permit holder arrived on 1 October 2026: with housing benefit the 3 months are waived (D160-2), without it
    they wait until 2 January 2027; "tenant with benefit" brings the R861-7 flat amount."""
    base: dict[str, Any] = {"residence": "permit", "in_france": "less", "arrived": "2026-10-01", "works": False}
    base |= {"born": "1985", "household_size": 1, "benefits": ["housing"], "housing": "tenant"}
    day = date(2026, 11, 22)
    without = household({**base, "housing_check": "no_benefit"})
    assert "housing" not in without.benefits and without.housing == "tenant"
    assert evaluate(without, day).get("puma").status == "not_yet"  # type: ignore[union-attr]
    with_it = household({**base, "housing_check": "benefit", "housing_benefit": 200})
    assert with_it.housing == "tenant_benefit" and "housing" in with_it.benefits
    assert evaluate(with_it, day).get("puma").status == "covered"  # type: ignore[union-attr]


REVERSE = "Vous avez choisi « Locataire, avec une aide au logement », mais vous n'avez pas coché « Aide au logement »"
NEWCOMER = ["/start", "press:Français", "press:J'accepte", "press:Bilan", "press:Titre de séjour", "press:Moins de 3"]
NEWCOMER += [
    "type:01/10/2026",
    "press:Non",
    "press:Non",  # not working, no pension (flow version 9)
    "type:1985",
    "type:1",
    "press:métropolitaine",
]
NEWCOMER += ["press:Aucune de ces aides", "press:Valider", "press:Aucune de ces situations", "press:Valider"]
NEWCOMER += [
    "press:Oui, à peu près",
    "type:800",
    "press:Non, personne",
    "press:Valider",
    "press:Non",
    "press:Locataire, avec une aide",
]
"""A permit holder arrived on 1 October 2026 (the chat's clock: 22 November 2026), not working, alone, 800 € a month,
who ticked no benefit and then chose "tenant with housing benefit"."""
END = ["press:Non", "press:Aucune de ces situations", "press:Valider"]


async def newcomer(assistant: Assistant, db: Database, who: int) -> Person:
    person = Person(assistant, db, who=Identity(telegram_id=who))
    for step in NEWCOMER:
        await person.do(step)
    return person


async def test_a_tenant_with_benefit_who_did_not_tick_it_is_asked_and_gets_the_puma_waiver(
    assistant: Assistant, db: Database
) -> None:
    """Housing benefit waives the 3 months of residence (D160-2): covered at once, and the flat amount is counted."""
    person = await newcomer(assistant, db, 4404)
    assert REVERSE in "\n".join(r.text for r in person.screen)
    for step in ["press:Je reçois une aide au logement", "type:200", *END]:
        await person.do(step)
    shown = "\n".join(r.text for r in person.screen)
    assert "🟢 Couverture de base (PUMa) : vous devriez être couvert·e" in shown
    assert "La condition de 3 mois de résidence ne s'applique pas à vous : vous recevez une aide au logement." in shown
    assert "plus le forfait logement : 938,43\u00a0€" in shown  # R861-7, 1 person, under the 2 400 € of benefit


async def test_a_tenant_who_says_there_is_no_benefit_waits_the_three_months(assistant: Assistant, db: Database) -> None:
    """No benefit after all: the PUMa waits until 2 January 2027 and the amount is not asked."""
    person = await newcomer(assistant, db, 4405)
    assert REVERSE in "\n".join(r.text for r in person.screen)
    await person.do("press:Je ne reçois pas")
    assert "Avez-vous déjà la C2S ou l'AME ?" in "\n".join(r.text for r in person.screen)
    for step in END:
        await person.do(step)
    shown = "\n".join(r.text for r in person.screen)
    assert "🟡 Couverture de base (PUMa) : pas encore" in shown
    assert "la couverture de base demande 3 mois de résidence, soit à partir du 2 janvier 2027." in shown


async def test_a_tenant_who_ticked_the_benefit_is_asked_the_amount_directly(assistant: Assistant, db: Database) -> None:
    person = await answer(assistant, db, 4406, "Aide au logement", "Locataire, avec une aide")
    assert "Combien recevez-vous d'aide au logement par mois" in "\n".join(r.text for r in person.screen)
