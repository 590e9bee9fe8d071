"""A message edited during a questionnaire: how to change an answer already given, not « send a new answer ».

Amina typed 1985 for her own year of birth; on « En quelle année votre conjoint·e est-il ou elle né·e ? » she edits
that message to 1986. Told « envoyez plutôt une nouvelle réponse », she would type 1986 again — and it would be taken
as her partner's year. She is told to use « ◀ Retour » to change an answer given, and a new message to answer this one.
"""

from __future__ import annotations

from faire_lien.assistant import Assistant
from storage.db import Database
from tests.dialogs.golden_driver import Person

PARTNER = [
    "/start",
    "press:Français",
    "press:J'accepte",
    "press:Bilan",
    "press:Nationalité",
    "press:Plus de 3 mois",
    "type:1985",
    "type:2",
    "press:Oui",
]
IN_FLOW = (
    "Un message modifié n'est pas pris en compte : pour répondre à la question en cours, envoyez un nouveau message ; "
    "pour changer une réponse déjà donnée, utilisez « ◀ Retour »."
)


async def test_an_edit_mid_questionnaire_points_to_back_for_an_earlier_answer(
    assistant: Assistant, db: Database
) -> None:
    amina = Person(assistant, db)
    for step in PARTNER:
        await amina.do(step)
    assert "En quelle année votre conjoint·e" in amina.screen[-1].text
    await amina.do("edited")
    said = amina.screen[0].text
    assert said.startswith(IN_FLOW), said
    assert "envoyez plutôt une nouvelle réponse" not in said
    assert "En quelle année votre conjoint·e" in said


async def test_an_edit_at_the_menu_keeps_its_short_notice(assistant: Assistant, db: Database) -> None:
    amina = Person(assistant, db)
    for step in ["/start", "press:Français", "press:J'accepte", "edited"]:
        await amina.do(step)
    said = amina.screen[0].text
    assert said.startswith("Un message modifié n'est pas pris en compte : envoyez plutôt une nouvelle réponse."), said


async def test_an_edit_in_the_anonymous_check_points_to_back_too(assistant: Assistant, db: Database) -> None:
    """Someone who refused storage answers the anonymous check: the same notice."""
    amina = Person(assistant, db)
    for step in ["/start", "press:Français", "press:Je refuse", "press:Bilan de droits anonyme", "press:Nationalité"]:
        await amina.do(step)
    await amina.do("edited")
    said = amina.screen[0].text
    assert said.startswith(IN_FLOW), said
    assert "Depuis combien de temps vivez-vous en France" in said
