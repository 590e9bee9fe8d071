"""Contradictory housing answers: "Aide au logement" ticked among the benefits, then a home without one.

The benefit waives the 3 months of residence for PUMa (CSS D160-2) and adds the R861-7 flat amount to the C2S
resources; a tenant without benefit has no flat amount and an owner without a loan the R861-5 one. Both answers were
kept silently; the chat now asks which is right.
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
    steps = [*START, f"press:{benefit}", "press:Valider", "press:Oui, à peu près", "type:800", "press:Non"]
    for step in [*steps, f"press:{home}"]:
        await person.do(step)
    return person


async def test_a_tenant_without_benefit_who_ticked_housing_benefit_is_asked(assistant: Assistant, db: Database) -> None:
    person = await answer(assistant, db, 4401, "Aide au logement", "Locataire, sans aide")
    assert QUESTION in "\n".join(r.text for r in person.screen)
    await person.do("press:Je suis locataire avec une aide")
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
