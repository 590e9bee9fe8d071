"""One open request of each kind per person, whoever asks: a second one names the open one and its promised time."""

from __future__ import annotations

from faire_lien import routes
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Case, Response
from tests.faire_lien.cases.conftest import talker
from tests.faire_lien.staff.test_mediated_grid_offers import EPICES_SUPPORT, FAIRE_LIEN_MEETING, mediated_grid
from tests.faire_lien.staff.test_mediated_offers import RIGHTS_CHECK, STAFF_MENU, a_mediator, answer
from tests.support.db import rows

ALREADY_SENT = (
    "📨 Votre demande de contact n° 1 est déjà envoyée à l'équipe : réponse promise d'ici le mer. 25 novembre."
)


async def test_a_second_facilitator_meeting_asked_by_the_person_names_the_open_one(
    assistant: Assistant, db: Database
) -> None:
    await talker(assistant, db, 501, "coordinator")  # a coordinator uses the bot: a time is promised
    amina = await talker(assistant, db, 601)
    await amina.do("raw:go:faire_lien")
    await answer(amina, list(FAIRE_LIEN_MEETING))
    (grid,) = [r for r in await rows(db, Response) if r.flow_id == "faire_lien"]
    await amina.send("action", routes.OFFER.data(grid.id, "facilitator"))
    for step in ["press:Oui", "press:Par téléphone", "type:06 12 34 56 78", "press:Le matin"]:
        await amina.do(step)
    assert amina.screen[0].text.startswith("✅ Votre demande de contact est enregistrée.")

    await amina.send("action", routes.OFFER.data(grid.id, "facilitator"))  # pressed again under the same card
    said = amina.screen[0].text
    assert said.startswith(ALREADY_SENT), said
    assert "Vous pouvez la suivre ou l'annuler dans « 📨 Mes demandes »." in said
    assert [c.kind for c in await rows(db, Case)] == ["facilitator"]


async def test_a_call_back_asked_by_a_mediator_under_a_second_card_names_the_open_one(
    assistant: Assistant, db: Database
) -> None:
    await talker(assistant, db, 501, "coordinator")
    mediator = await a_mediator(assistant, db)
    grid_id = await mediated_grid(mediator, "epices", EPICES_SUPPORT, "en")
    await mediator.do("press:📞")
    await answer(mediator, [(0, 0), "type:06 12 34 56 78", 0])
    await mediator.send("action", routes.ON_BEHALF_OFFER.data(grid_id, "rights"))
    await mediator.do("press:✅")
    await answer(mediator, RIGHTS_CHECK)
    check = next(r for r in await rows(db, Response) if r.flow_id == "rights_check")

    await mediator.send("action", routes.ON_BEHALF_OFFER.data(check.id, "callback"))  # under the rights check's card
    said, menu = mediator.screen
    assert said.text == (  # the same day's wording as the person reads, in each language
        "📨 Your contact request No. 1 has already been sent to the team: reply promised by Wed, November 25.\n"
        f"🇫🇷 {ALREADY_SENT}"
    )
    assert "Mes demandes" not in said.text  # the person has no chat to follow it in
    assert menu.text == STAFF_MENU
    assert [c.kind for c in await rows(db, Case)] == ["callback"]
