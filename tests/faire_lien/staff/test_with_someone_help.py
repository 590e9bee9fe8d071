""" "I don't understand" while a mediator answers with someone: a flag for the wording, never a request in her name."""

from __future__ import annotations

from faire_lien import routes
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Case, OutboxMessage, QuestionFlag
from tests.faire_lien.staff.test_mediated_offers import STALE, a_mediator, answer
from tests.support.db import rows


async def test_a_mediator_is_offered_the_flag_only_and_it_counts_in_the_persons_language(
    assistant: Assistant, db: Database
) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.send("action", routes.MEDIATED_START.data("en", "epices"))
    await answer(mediator, [0])
    await mediator.do("press:I don't understand")

    offer, question = mediator.screen
    assert offer.text.startswith(
        "You can report that this question is hard to understand:\n"
        "🇫🇷 Vous pouvez signaler que cette question est difficile à comprendre :"
    )
    assert offer.labels() == [["🚩 Say this question is hard"]]  # both would not fit a phone: written out above
    assert offer.text.endswith("🚩 Say this question is hard · 🚩 Dire que cette question est difficile")
    assert "écrira ici" not in question.text and "will write to you here" not in question.text
    assert "Do you have supplementary health insurance?" in question.text
    await mediator.do("press:Say this question is hard")
    assert [(f.flow_id, f.step_id, f.language) for f in await rows(db, QuestionFlag)] == [("epices", "q2", "en")]
    assert "the team will know" in mediator.screen[0].text.lower()
    assert "🇫🇷 Merci : l'équipe saura que cette question est difficile" in mediator.screen[0].text


async def test_an_old_ask_a_person_button_opens_no_request_for_the_mediator(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.do("press:Bilan de mes droits")
    await mediator.do("press:Je ne comprends pas")
    asked = mediator.action("Demander à une personne")  # her own questionnaire: she may ask, and leaves it there
    for step in ["/staff", "press:Questionnaire avec une personne", "press:EPICES", "press:elle accepte"]:
        await mediator.do(step)
    await mediator.do("press:Commencer")

    await mediator.send("action", asked)
    await mediator.send("action", routes.ASK_PERSON.data("yes"))
    assert mediator.screen[0].text.startswith(STALE)
    assert "Rencontrez-vous parfois un travailleur social ?" in mediator.screen[-1].text
    assert await rows(db, Case) == [] and await rows(db, OutboxMessage) == []
