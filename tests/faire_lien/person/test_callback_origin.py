"""The call-back question names what led to it: the rights check's or the grid's answers a social worker will read."""

from __future__ import annotations

from faire_lien import routes
from faire_lien.assistant import Assistant
from storage.db import Database
from tests.dialogs.golden_driver import Person as Talker
from tests.faire_lien.person.test_offers import finish_check
from tests.faire_lien.staff.test_mediated_offers import a_mediator, answer

QUESTION = "Un travailleur social du service pourra lire vos réponses et vous contacter. Êtes-vous d'accord ?"


def about(title: str) -> str:
    return f"📞 Demande de contact après « {title} » : ce sont ces réponses qu'un travailleur social pourra lire."


async def test_after_a_rights_check_it_names_the_rights_check(assistant: Assistant, db: Database) -> None:
    talker = Talker(assistant, db)
    await finish_check(talker, ["press:Non"])
    await talker.do("press:📞 Parler")
    assert about("Bilan de droits santé") in talker.screen[0].text
    assert QUESTION in talker.screen[0].text


async def test_after_a_grid_it_names_the_grid(assistant: Assistant, db: Database) -> None:
    talker = Talker(assistant, db)
    for step in ["/start", "press:Français", "press:J'accepte", "raw:go:epices", *["press:Oui"] * 11]:
        await talker.do(step)
    await talker.do("press:📞 Parler")
    assert about("Questionnaire EPICES") in talker.screen[0].text
    assert "Bilan de droits santé" not in talker.screen[0].text


async def test_a_mediated_call_back_names_the_grid_in_both_languages(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.send("action", routes.MEDIATED_START.data("en", "epices"))
    await answer(mediator, [0] * 11)
    await mediator.do("press:Talk to a social worker")
    text = mediator.screen[0].text
    assert text.startswith(
        "📞 Contact request after “EPICES questionnaire”: these are the answers a social worker will be able to read."
    )
    assert f"🇫🇷 {about('Questionnaire EPICES')}" in text
