"""A mediator with a questionnaire still open begins one with someone new: it is that person's, not the old one's."""

from __future__ import annotations

from faire_lien import routes
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Conversation, GridResult, Person, Response
from tests.faire_lien.staff.test_mediated_offers import STAFF_MENU, a_mediator, answer
from tests.support.db import rows

EPICES_NO_NEED = [0] * 11  # "yes" everywhere: orientation "no_need"


async def test_a_new_person_in_another_language_gets_their_own_questionnaire(
    assistant: Assistant, db: Database
) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.send("action", routes.MEDIATED_START.data("ar", "epices"))
    await answer(mediator, [0])  # Amina, in Arabic, answers one question; then she has to leave

    for step in ["/staff", "press:dans sa langue", "press:English", "press:EPICES", "press:I agree"]:
        await mediator.do(step)
    (choice,) = mediator.screen
    assert choice.labels() == [
        ["\u200e\u2066Reprendre\u2069 · \u2067العربية\u2069"],
        ["Continuer · English"],  # Amina's answers kept, in English (test_mediated_language_switch.py)
        ["Commencer · English"],
    ]
    await mediator.do("press:Commencer")
    assert "question 1 · Questionnaire EPICES · question 1\nDo you sometimes meet a social worker?" in (
        mediator.screen[-1].text
    )  # in the new person's language, from the first question
    await answer(mediator, EPICES_NO_NEED)
    assert mediator.screen[-1].text == STAFF_MENU

    people = {p.id: p for p in await rows(db, Person)}
    (result,) = await rows(db, GridResult)
    newcomer = people[result.person_id]
    assert (newcomer.telegram_id, newcomer.language, newcomer.consented) == (None, "en", True)
    assert result.mediator_id == next(p.id for p in people.values() if p.telegram_id == mediator.who.telegram_id)
    assert [r.mediated_language for r in await rows(db, Response)] == ["en"]
    assert await rows(db, Conversation) == []  # Amina's first answer was dropped, not given to the newcomer


async def test_a_grid_for_someone_never_becomes_the_mediators_own(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.do("press:Bilan de mes droits")  # her own rights check, left open
    for step in ["/staff", "press:Questionnaire avec une personne", "press:Accès aux soins", "press:elle accepte"]:
        await mediator.do(step)
    await mediator.do("press:Commencer « Accès aux soins »")
    await mediator.do("press:Non")

    card = mediator.screen[0]
    assert "🔒 Pour le professionnel" in card.text and mediator.screen[-1].text == STAFF_MENU
    (response,) = await rows(db, Response)
    owner = next(p for p in await rows(db, Person) if p.id == response.person_id)
    assert owner.telegram_id is None  # the person who agreed, not the mediator


async def test_resuming_keeps_the_person_the_questionnaire_was_begun_for(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.send("action", routes.MEDIATED_START.data("ar", "epices"))
    for step in ["/staff", "press:dans sa langue", "press:English", "press:EPICES", "press:I agree"]:
        await mediator.do(step)
    await mediator.do("press:Reprendre")
    assert "🇫🇷 Rencontrez-vous parfois un travailleur social ?" in mediator.screen[-1].text
    assert "\u200f" in mediator.screen[-1].text  # still Arabic
    assert [p.language for p in await rows(db, Person) if p.telegram_id is None] == ["ar"]
