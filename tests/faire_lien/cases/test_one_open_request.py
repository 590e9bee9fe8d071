"""One open request of each kind per person, whoever asks: a second one names the open one and its promised time."""

from __future__ import annotations

import json

from dialogs.i18n import translator
from faire_lien import routes
from faire_lien.assistant import Assistant
from faire_lien.cases.service import read
from faire_lien.cases.shared import shared_lines
from faire_lien.core.roles import Staff
from storage import cases as store
from storage.db import Database
from storage.models import AuditEntry, Case, Response
from tests.conftest import NOW
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


async def test_a_call_back_asked_by_a_mediator_under_a_second_card_adds_its_answers_to_the_open_one(
    assistant: Assistant, db: Database
) -> None:
    """For someone whose request (under a grid's card) is open, the rights check card's 📞 adds that check's answers to
    it, read out in both languages and audited; pressed again, the open request's number and time, as before."""
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
    assert said.text == (  # read out to the person, in their language and in French
        "📨 Your results have been added to your contact request No. 1, which you had already made: the team member "
        "who reads it will also see your answers to this check.\n"
        "🇫🇷 📨 Vos résultats sont ajoutés à votre demande de contact n° 1, que vous aviez déjà faite : la personne de "
        "l'équipe qui la lira verra aussi les réponses de ce bilan."
    )
    assert "Mes demandes" not in said.text  # the person has no chat to follow it in
    assert menu.text == STAFF_MENU
    (request,) = await rows(db, Case)
    assert (request.kind, [r for r, _ in store.cards_added(request)]) == ("callback", [check.id])
    audit = [e.detail for e in await rows(db, AuditEntry) if e.action == "act_on_behalf"]
    assert audit[-1] == {"offer": "callback", "response": check.id, "request": request.id, "consent": "asked"}

    await mediator.send("action", routes.ON_BEHALF_OFFER.data(check.id, "callback"))  # again: nothing added twice
    said, _ = mediator.screen
    assert said.text == (
        "📨 Your contact request No. 1 has already been sent to the team: reply promised by Wed, November 25.\n"
        f"🇫🇷 {ALREADY_SENT}"
    )
    (request,) = await rows(db, Case)
    assert [r for r, _ in store.cards_added(request)] == [check.id]


async def test_a_cards_call_back_while_a_request_from_the_menu_is_open_adds_the_cards_answers(
    assistant: Assistant, db: Database
) -> None:
    """Asked first from the main menu (no answers), then under the rights check's card: the card's answers join the
    open request, once (before: « déjà envoyée » alone, and the social worker never saw the answers)."""
    await talker(assistant, db, 501, "coordinator")
    amina = await talker(assistant, db, 601)
    for step in ["press:📞 Parler", "press:Oui", "press:Par téléphone", "type:06 12 34 56 78", "press:Le matin"]:
        await amina.do(step)
    assert amina.screen[0].text.startswith("✅ Votre demande de contact est enregistrée.")
    (request,) = await rows(db, Case)
    assert request.origin_response_id is None
    await amina.do("press:Bilan")
    await answer(amina, RIGHTS_CHECK)
    check = next(r for r in await rows(db, Response) if r.flow_id == "rights_check")

    await amina.send("action", routes.OFFER.data(check.id, "callback"))  # the card's 📞
    said = amina.screen[0].text
    assert said.startswith(
        "📨 Vos résultats sont ajoutés à votre demande de contact n° 1, que vous aviez déjà faite : la personne de "
        "l'équipe qui la lira verra aussi les réponses de ce bilan."
    ), said
    assert "Vous pouvez la suivre ou l'annuler dans « 📨 Mes demandes »." in said
    (request,) = await rows(db, Case)
    assert store.cards_added(request) == [(check.id, request.created_at)]

    await amina.send("action", routes.OFFER.data(check.id, "callback"))  # pressed again: nothing added twice
    assert amina.screen[0].text.startswith(ALREADY_SENT), amina.screen[0].text
    (request,) = await rows(db, Case)
    assert [response for response, _ in store.cards_added(request)] == [check.id]

    async with db.unit_of_work() as session:  # what the social worker reads: the card's answers, as from the card
        view = await read(session, request.id, Staff(member_id=1, label="telegram:501", role="coordinator"), NOW, "t")
        assert view is not None
        lines = shared_lines(view, assistant.flows, translator("fr"))
    assert "Téléphone : 06 12 34 56 78" in lines and lines[-1] == "Suite au questionnaire « Bilan de droits santé »"
    assert [added.flow for added in view.added] == ["rights_check"] and view.added[0].answers

    await amina.do("press:Mes demandes")  # the person's own view: still one request, the call-back
    assert amina.screen[0].text.count("n° 1 · ") == 1 and "demande de rappel" in amina.screen[0].text

    replies = await amina.do("/mydata")  # /mydata: one request, saying which questionnaire's answers were added
    assert "• 1 demande de contact" in replies[0].text
    data = json.loads(next(r.document for r in replies if r.document is not None).content)
    (mine,) = data["requests_to_staff"]
    assert (mine["kind"], mine["shared"]) == ("callback", {})
    assert mine["questionnaires_added"] == [{"flow": "rights_check", "at": request.created_at.isoformat()}]
