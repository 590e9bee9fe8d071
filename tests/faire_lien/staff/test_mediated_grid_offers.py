"""The offers of a grid's card a mediator answered for someone: done for that person, audited, then the staff menu."""

from __future__ import annotations

import pytest

from dialogs.bilingual import BUTTON
from faire_lien import routes
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Answer, AuditEntry, Case, Conversation, GridResult, Registration, Response
from storage.people import Identity
from tests.conftest import make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.faire_lien.staff.test_mediated_offers import (
    RIGHTS_CHECK,
    STAFF_MENU,
    STALE,
    a_mediator,
    answer,
    mediator_row,
    published,
    the_person,
)
from tests.support.db import rows
from tests.support.records import a_person

# EPICES answered "yes, no, yes…" as in the grids' golden dialog: orientation "support", offers check-up, rights
# check and call-back. A pair presses that row and column of the last message.
EPICES_SUPPORT = [(0, 0), (0, 1), (0, 0), (0, 1), (0, 0), (0, 1), (0, 1), (0, 1), (0, 0), (0, 1), (0, 1)]
# "Faire lien" answered for someone who could join a group: orientation "individual_meeting", the facilitator.
FAIRE_LIEN_MEETING = [(0, 0), (0, 0), (0, 1), (0, 0), (0, 0), (0, 1)]


async def mediated_grid(talker: Talker, grid: str, steps: list[tuple[int, int]], language: str = "ar") -> int:
    """A grid run in mediated mode to its card; the card's response number."""
    await talker.do("/staff")
    await talker.do("press:dans sa langue")
    await talker.send("action", routes.MEDIATED_START.data(language, grid))
    await answer(talker, list(steps))
    (response,) = [r for r in await rows(talker.db, Response) if r.flow_id == grid]
    return response.id


async def on_behalf_audit(db: Database) -> list[AuditEntry]:
    return [a for a in await rows(db, AuditEntry) if a.action == "act_on_behalf"]


async def test_the_grid_card_keeps_its_offers_for_the_person(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    response_id = await mediated_grid(mediator, "epices", EPICES_SUPPORT)
    card, staff_menu = mediator.screen[-2:]
    assert staff_menu.text == STAFF_MENU
    offers = [b.action for row in card.buttons for b in row]
    assert offers == [routes.ON_BEHALF_OFFER.data(response_id, k) for k in ("checkup", "rights", "callback")]
    assert all(len(b.label) <= BUTTON for row in card.buttons for b in row)
    assert "🩺 Réserver l'examen de santé gratuit" in card.text  # shortened buttons are written out in both languages
    assert "\n🔒 Pour le professionnel : score 82,25, seuil 30, quintile 5 ; " in card.text  # the mediator's to see
    assert "🔒 للمختص" not in card.text  # in the mediator's language alone: the score is not for the person
    (result,) = await rows(db, GridResult)
    assert result.person_id == (await the_person(db)).id


async def test_the_call_back_after_a_grid_opens_a_case_for_the_person(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    response_id = await mediated_grid(mediator, "epices", EPICES_SUPPORT, "en")
    await mediator.do("press:📞")
    question = mediator.screen[0]
    assert "will be able to read your answers and call you." in question.text  # read out in English
    assert "🇫🇷 Un travailleur social du service pourra lire vos réponses et vous appeler." in question.text
    assert "bilan" not in question.text and "check" not in question.text  # a grid is no rights check
    assert "Par message, ici" not in str(question.labels())  # the person has no chat: by phone only
    await answer(mediator, [(0, 0), "type:06 12 34 56 78", 0])

    person = await the_person(db)
    (case,) = await rows(db, Case)
    assert (case.kind, case.person_id, case.origin_response_id) == ("callback", person.id, response_id)
    assert case.status == "new"
    given = {a.given_by for a in await rows(db, Answer) if a.response_id == case.response_id}
    assert given == {(await mediator_row(db)).id}  # answered by the mediator, for the person
    card, menu = mediator.screen[-2:]
    assert "A social worker will call you on the number you gave." in card.text
    assert menu.text == STAFF_MENU
    (audit,) = await on_behalf_audit(db)
    assert (audit.actor, audit.person_id, audit.detail) == (
        f"telegram:{mediator.who.telegram_id}",
        person.id,
        {"offer": "callback", "consent": "asked", "response": response_id, "request": case.response_id},
    )

    await mediator.send("action", routes.ON_BEHALF_OFFER.data(response_id, "callback"))
    assert mediator.screen[0].text.startswith("📨 Your contact request No. 1 has already been sent to the team")
    assert mediator.screen[-1].text == STAFF_MENU
    assert len(await rows(db, Case)) == 1


async def test_the_facilitator_meeting_is_asked_for_the_person(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    await make_staff(db, 503, "facilitator")  # a facilitator who uses the bot: the person is promised a contact
    async with db.unit_of_work() as session:
        await a_person(session, 503)
    response_id = await mediated_grid(mediator, "faire_lien", FAIRE_LIEN_MEETING, "en")
    (card,) = [r for r in mediator.screen if r.buttons and r.text != STAFF_MENU]
    assert [b.action for row in card.buttons for b in row] == [routes.ON_BEHALF_OFFER.data(response_id, "facilitator")]
    await mediator.do("press:🤝")
    question = mediator.screen[0]
    assert "The group facilitator will be able to read your answers and call you" in question.text
    assert "🇫🇷 L'animatrice du groupe pourra lire vos réponses et vous appeler" in question.text
    await answer(mediator, [(0, 0), "type:06 12 34 56 78", 2])

    person = await the_person(db)
    (case,) = await rows(db, Case)
    assert (case.kind, case.person_id, case.origin_response_id) == ("facilitator", person.id, response_id)
    assert "The group facilitator will contact you to arrange a one-to-one meeting." in mediator.screen[-2].text
    assert mediator.screen[-1].text == STAFF_MENU
    (audit,) = await on_behalf_audit(db)
    assert audit.detail == {
        "offer": "facilitator",
        "consent": "asked",
        "response": response_id,
        "request": case.response_id,
    }

    await mediator.send("action", routes.ON_BEHALF_OFFER.data(response_id, "facilitator"))
    assert mediator.screen[0].text.startswith("📨 Your contact request No. 1 has already been sent to the team")
    assert mediator.screen[-1].text == STAFF_MENU
    await mediator.send("action", routes.ON_BEHALF_OFFER.data(case.response_id or 0, "uncallback"))
    assert (await rows(db, Case))[0].outcome == "withdrawn"
    assert mediator.screen[-1].text == STAFF_MENU


async def test_a_refused_facilitator_meeting_stores_nothing(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    await mediated_grid(mediator, "faire_lien", FAIRE_LIEN_MEETING)
    await mediator.do("press:🤝")
    await answer(mediator, [(0, 1)])
    assert await rows(db, Case) == []
    assert await on_behalf_audit(db) == []
    assert mediator.screen[-1].text == STAFF_MENU


async def test_the_check_up_after_a_grid_registers_the_person(assistant: Assistant, db: Database) -> None:
    checkup = await published(db, kind="checkup", title={"fr": "Examen de prévention en santé"})
    mediator = await a_mediator(assistant, db)
    response_id = await mediated_grid(mediator, "epices", EPICES_SUPPORT)
    await mediator.do("press:🩺 حجز")
    assert "Quelle date vous convient ?" in mediator.screen[0].text
    await mediator.do("press:CPAM Poitiers")
    await mediator.do("press:✅")

    person = await the_person(db)
    (registration,) = await rows(db, Registration)
    assert (registration.person_id, registration.meeting_id, registration.status) == (
        person.id,
        checkup.id,
        "registered",
    )
    assert "C'est noté, vous êtes inscrit·e." in mediator.screen[0].text
    assert mediator.screen[-1].text == STAFF_MENU
    (audit,) = await on_behalf_audit(db)
    assert audit.detail == {
        "offer": "checkup",
        "consent": "asked",
        "response": response_id,
        "meeting": checkup.id,
        "registration": registration.id,
    }


async def test_the_rights_check_after_a_grid_is_the_same_persons(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    grid_id = await mediated_grid(mediator, "epices", EPICES_SUPPORT)
    await mediator.send("action", routes.ON_BEHALF_OFFER.data(grid_id, "rights"))
    (consent,) = mediator.screen
    assert "\n🇫🇷 Pour vous aider, j'ai besoin d'enregistrer vos réponses" in consent.text  # asked of the person
    assert await rows(db, Conversation) == []  # nothing before the person agreed
    await mediator.do("press:Je refuse")
    assert mediator.screen[-1].text == STAFF_MENU
    assert await on_behalf_audit(db) == []

    await mediator.send("action", routes.ON_BEHALF_OFFER.data(grid_id, "rights"))
    await mediator.do("press:✅")
    person = await the_person(db)
    (conversation,) = await rows(db, Conversation)
    assert (conversation.flow_id, conversation.on_behalf_of, conversation.mediated_language) == (
        "rights_check",
        person.id,
        "ar",
    )
    (audit,) = await on_behalf_audit(db)
    assert audit.detail == {"offer": "rights", "consent": "asked", "response": grid_id}
    await answer(mediator, RIGHTS_CHECK)

    check = next(r for r in await rows(db, Response) if r.flow_id == "rights_check")
    assert (check.person_id, check.mediated_language) == (person.id, "ar")  # one person, one language
    card, menu = mediator.screen[-2:]
    assert menu.text == STAFF_MENU
    assert [b.action for row in card.buttons for b in row][-1] == routes.ON_BEHALF_OFFER.data(check.id, "callback")


async def test_a_grid_answered_with_someone_in_french_offers_the_same(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.do("/staff")
    await mediator.do("press:Questionnaire avec une personne")
    await mediator.send("action", routes.ON_BEHALF.data("faire_lien", "yes"))
    await answer(mediator, FAIRE_LIEN_MEETING)
    (response,) = await rows(db, Response)
    assert mediator.screen[-2].labels() == [["🤝 Rencontrer l'animatrice"]]  # one language, no shortening
    await mediator.do("press:🤝")
    assert mediator.screen[0].text.startswith("Rencontre avec l'animatrice · question 1")
    await answer(mediator, [(0, 0), "type:06 12 34 56 78", 0])
    (case,) = await rows(db, Case)
    assert (case.kind, case.person_id, case.origin_response_id) == ("facilitator", response.person_id, response.id)
    assert mediator.screen[-1].text == STAFF_MENU


@pytest.mark.parametrize(("who", "role"), [(40, None), (42, "mediator")])
async def test_anyone_but_that_mediator_finds_the_grid_offers_no_longer_valid(
    assistant: Assistant, db: Database, who: int, role: str | None
) -> None:
    mediator = await a_mediator(assistant, db)
    response_id = await mediated_grid(mediator, "faire_lien", FAIRE_LIEN_MEETING)
    other = Talker(assistant, db, who=Identity(telegram_id=who))
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await other.do(step)
    if role is not None:
        await make_staff(db, who, role)
    forged = [
        routes.ON_BEHALF_OFFER.data(response_id, "facilitator"),
        routes.ON_BEHALF_OFFER.data(response_id, "rights"),
        routes.ON_BEHALF_RIGHTS.data(response_id),
        routes.OFFER.data(response_id, "facilitator"),
    ]
    for data in forged:
        await other.send("action", data)
        assert other.screen[0].text.startswith(STALE), data
    assert await rows(db, Case) == []
    assert [c for c in await rows(db, Conversation) if c.flow_id == "rights_check"] == []
