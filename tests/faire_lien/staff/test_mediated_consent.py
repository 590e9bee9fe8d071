"""A person's consent asked by a mediator: declined, the staff menu again; given, recorded in their language."""

from __future__ import annotations

import pytest

from dialogs.i18n import language_name, translator
from faire_lien import routes
from faire_lien.assistant import Assistant
from faire_lien.core.screens import AGREE, CONSENT, REFUSE
from faire_lien.core.welcome import DRAFT
from faire_lien.staff import mediated
from faire_lien.staff.screens import CONSENT_FOR
from storage.db import Database
from storage.models import Person, Response
from tests.faire_lien.staff.test_mediated_grid_offers import EPICES_SUPPORT
from tests.faire_lien.staff.test_mediated_offers import STAFF_MENU, a_mediator, answer, the_person
from tests.support.bilingual import paired
from tests.support.db import rows


async def test_declining_in_mediated_mode_leads_back_to_the_staff_menu(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.send("action", routes.MEDIATED_FLOW.data("ar", "epices"))
    assert "Je refuse" in mediator.screen[-1].labels()[-1][0]
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


@pytest.mark.parametrize("language", ["uk", "ar", "fa", "tr"])
async def test_the_person_is_asked_their_own_consent_in_their_language(
    assistant: Assistant, db: Database, language: str
) -> None:
    """The question the person reads in their language asks them (as on their own phone), not « la personne »."""
    mediator = await a_mediator(assistant, db)
    for step in ["/staff", "press:dans sa langue", f"press:{language_name(language)}", "press:EPICES"]:
        await mediator.do(step)
    (asked,) = mediator.screen
    theirs = translator(language)
    assert f"\n\n{theirs(CONSENT)}\n🇫🇷 Pour vous aider, j'ai besoin d'enregistrer vos réponses" in asked.text
    assert asked.text.endswith("Acceptez-vous que vos réponses soient enregistrées ?")
    assert theirs(CONSENT_FOR) not in asked.text  # « La personne est avec vous… (vous répondez pour elle) »
    agree, refuse = paired(theirs(AGREE), "✅ J'accepte", language), paired(theirs(REFUSE), "Je refuse", language)
    assert asked.labels() == [[agree], [refuse]]
    await mediator.do("press:J'accepte")
    assert (await the_person(db)).consent == "accepted"


async def test_the_rights_check_after_a_grid_asks_the_person_again(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    for step in ["/staff", "press:dans sa langue", "press:Русский", "press:EPICES", "press:J'accepte"]:
        await mediator.do(step)
    await answer(mediator, EPICES_SUPPORT)
    (response,) = await rows(db, Response)
    await mediator.send("action", routes.ON_BEHALF_OFFER.data(response.id, "rights"))
    (asked,) = mediator.screen
    assert asked.text.startswith(translator("ru")(CONSENT))
    assert "(vous répondez pour elle)" not in asked.text
    await mediator.do("press:Je refuse")
    assert mediator.screen[-1].text == STAFF_MENU


@pytest.mark.parametrize("language", ["uk", "ar", "fa", "tr"])
async def test_the_person_is_told_their_language_is_a_draft_before_consenting(
    assistant: Assistant, db: Database, language: str
) -> None:
    """Every shipped language is a draft (locales/review.yaml): the notice comes first, in both languages."""
    mediator = await a_mediator(assistant, db)
    for step in ["/staff", "press:dans sa langue", f"press:{language_name(language)}", "press:EPICES"]:
        await mediator.do(step)
    (asked,) = mediator.screen
    notice = f"{translator(language)(DRAFT)}\n🇫🇷 Cette traduction n'a pas encore été vérifiée par un traducteur"
    assert asked.text.startswith(notice)
    assert "Un médiateur ou une médiatrice peut vous aider.\n\n" in asked.text  # then the consent question
    assert asked.text.endswith("Acceptez-vous que vos réponses soient enregistrées ?")


async def test_a_reviewed_language_has_no_draft_notice(
    assistant: Assistant, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mediated, "is_draft", lambda language: language != "uk")
    mediator = await a_mediator(assistant, db)
    for step in ["/staff", "press:dans sa langue", "press:Українська", "press:EPICES"]:
        await mediator.do(step)
    (asked,) = mediator.screen
    assert asked.text.startswith(translator("uk")(CONSENT))
    assert "Cette traduction" not in asked.text
