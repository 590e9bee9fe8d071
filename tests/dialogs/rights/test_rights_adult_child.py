"""A child's age of 25 or more is refused with why and what to do, not with the bare range (« entre 0 et 24 »).

A single mother born 1970 counted her son of 26 in a household of 2: the chat answered « Le nombre doit être compris
entre 0 et 24 » and asked again, so a truthful answer had no way forward she could see. Dependants under 25 make the
C2S household (CSS R861-2); an older one asks alone.
"""

from __future__ import annotations

import pytest
from babel import Locale

from dialogs.i18n import translator
from dialogs.schema import Step
from dialogs.steps.base import Refused
from dialogs.steps.number import parse_number
from dialogs.text import Msg
from faire_lien.assistant import Assistant
from storage.db import Database
from tests.dialogs.golden_driver import Person

START = ["/start", "press:Français", "press:J'accepte", "press:Bilan"]
WHY = (
    "Les jeunes de 25 ans ou plus ne font pas partie du foyer pour la C2S : ils font leur propre demande. Revenez en "
    "arrière avec « ◀ Retour » et ne les comptez pas dans le nombre de personnes du foyer."
)


async def answer(person: Person, steps: list[str]) -> str:
    """Every step in turn; the screen's text and buttons afterwards."""
    for step in steps:
        await person.do(step)
    return "\n".join(f"{r.text}\n{r.labels()}" for r in person.screen)


async def test_a_son_of_26_is_refused_with_why_then_back_leads_to_the_household_size(
    assistant: Assistant, db: Database
) -> None:
    person = Person(assistant, db)
    steps = [*START, "press:Nationalité", "press:Plus de 3 mois", "type:1970", "type:2", "press:Non", "press:Non"]
    shown = await answer(person, [*steps, "type:26"])
    assert WHY in shown and "Le nombre doit être compris entre" not in shown, shown
    assert "Quel âge a l'enfant n° 1, le plus âgé ?" in shown
    shown = await answer(person, ["type:24"])
    assert WHY not in shown and "Où habitez-vous ?" in shown, shown


def test_below_the_minimum_the_range_is_still_said() -> None:
    """`max_error` speaks of numbers above the maximum only; its `{max}` is the step's maximum."""
    step = Step.model_validate(
        {"id": "x", "kind": "number", "text": "Combien ?", "min": 5, "max": 10, "max_error": "Au plus {max}."}
    )
    low = parse_number(step, "3", Locale.parse("fr"), "flow:x")
    high = parse_number(step, "11", Locale.parse("fr"), "flow:x")
    assert isinstance(low, Refused) and isinstance(high, Refused)
    assert translator("fr")(low.reason).startswith("Le nombre doit être compris entre 5 et 10")
    assert translator("fr")(high.reason) == "Au plus 10."
    assert parse_number(step, "10", Locale.parse("fr"), "flow:x") == 10


def test_the_reason_is_translated() -> None:
    for language in ("en", "ar", "uk"):
        text = translator(language)(Msg(WHY, "flow:rights_check", {"max": 24}))
        assert "C2S" in text and "Les jeunes" not in text, language


def test_max_error_belongs_to_number_steps() -> None:
    with pytest.raises(ValueError, match="number steps only"):
        Step.model_validate({"id": "x", "kind": "yesno", "text": "Oui ?", "max_error": "Trop grand."})
