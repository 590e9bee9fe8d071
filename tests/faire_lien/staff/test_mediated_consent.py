"""A person's consent asked by a mediator: declined, the staff menu again; given, recorded in their language."""

from __future__ import annotations

from faire_lien import routes
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Person
from tests.faire_lien.staff.test_mediated_offers import STAFF_MENU, a_mediator, the_person
from tests.support.db import rows


async def test_declining_in_mediated_mode_leads_back_to_the_staff_menu(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.send("action", routes.MEDIATED_FLOW.data("ar", "epices"))
    assert "Non" in mediator.screen[-1].labels()[-1][0]
    await mediator.send("action", mediator.screen[-1].buttons[-1][0].action)

    assert mediator.screen[-1].text == STAFF_MENU
    assert [p.telegram_id for p in await rows(db, Person)] == [31]  # nobody was recorded for the person


async def test_declining_a_grid_with_someone_leads_back_to_the_staff_menu(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    for step in ["/staff", "press:Questionnaire avec une personne", "press:EPICES"]:
        await mediator.do(step)
    await mediator.do("press:Non")

    assert mediator.screen[-1].text == STAFF_MENU
    assert [p.telegram_id for p in await rows(db, Person)] == [31]


async def test_the_persons_consent_is_recorded_in_the_persons_language(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.send("action", routes.MEDIATED_START.data("ar", "epices"))

    person = await the_person(db)
    assert (person.consent, person.language) == ("accepted", "ar")
