"""A questionnaire left open with someone: the staff menu offers to abandon it, confirmed, with nothing stored."""

from __future__ import annotations

from faire_lien import routes
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Conversation, GridResult, Response
from tests.faire_lien.staff.test_mediated_offers import STAFF_MENU, a_mediator, answer, the_person
from tests.support.db import rows

ABANDON = "✖ Abandonner le questionnaire en cours"
ASK = (
    "Abandonner le questionnaire « Questionnaire EPICES » commencé avec une personne ? Ses réponses à ce "
    "questionnaire ne seront pas enregistrées et aucun résultat ne sera gardé ; ce qui était déjà enregistré pour "
    "elle reste comme avant."
)


async def test_a_mediated_questionnaire_is_abandoned_from_the_staff_menu(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.send("action", routes.MEDIATED_START.data("ar", "epices"))
    await answer(mediator, [0, 0])  # the person has to leave after two questions

    await mediator.do("/staff")
    (menu,) = mediator.screen
    assert menu.text == STAFF_MENU and menu.labels()[0] == [ABANDON]
    await mediator.do(f"press:{ABANDON}")
    (confirm,) = mediator.screen
    assert confirm.text == ASK
    assert confirm.labels() == [["✖ Oui, abandonner"], ["◀ Non, reprendre"]]
    await mediator.do("press:Oui, abandonner")

    done, menu = mediator.screen
    assert done.text == "Questionnaire abandonné : ses réponses n'ont pas été enregistrées."
    assert menu.text == STAFF_MENU and [ABANDON] not in menu.labels()
    assert await rows(db, Conversation) == []
    assert await rows(db, Response) == [] and await rows(db, GridResult) == []
    person = await the_person(db)  # her consent stays recorded, as for anyone who stops a questionnaire
    assert (person.consent, person.language) == ("accepted", "ar")


async def test_changing_ones_mind_resumes_the_question_in_both_languages(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.send("action", routes.MEDIATED_START.data("ar", "epices"))
    await answer(mediator, [0])
    for step in ["/staff", f"press:{ABANDON}", "press:Non, reprendre"]:
        await mediator.do(step)

    assert "🇫🇷 Bénéficiez-vous d'une assurance maladie complémentaire ?" in mediator.screen[-1].text
    assert len(await rows(db, Conversation)) == 1


async def test_a_grid_answered_for_someone_is_abandoned_too(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    for step in ["/staff", "press:Questionnaire avec une personne", "press:EPICES", "press:elle accepte"]:
        await mediator.do(step)
    for step in ["/staff", f"press:{ABANDON}", "press:Oui, abandonner"]:
        await mediator.do(step)

    assert mediator.screen[-1].text == STAFF_MENU
    assert await rows(db, Conversation) == [] and await rows(db, Response) == []


async def test_no_entry_without_a_questionnaire_open_with_someone(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.do("press:Bilan de mes droits")  # her own rights check: hers to finish or leave
    await mediator.do("/staff")
    assert [ABANDON] not in mediator.screen[-1].labels()

    await mediator.send("action", routes.ABANDON.data("yes"))  # an old button
    notice, menu = mediator.screen
    assert notice.text == "Aucun questionnaire n'est en cours avec une personne."
    assert menu.text == STAFF_MENU
    assert len(await rows(db, Conversation)) == 1  # her own questionnaire is kept
