"""The person's language changed during a mediated questionnaire: their consent asked again in the new language, then
it goes on in it, answers kept (or, refused, nothing more asked); the buttons that resume, go on or begin anew say in
which language, whole on a phone."""

from __future__ import annotations

import pytest

from dialogs.bidi import visible
from dialogs.bilingual import BUTTON
from dialogs.i18n import available_languages, language_name, translator
from faire_lien import routes
from faire_lien.assistant import Assistant
from faire_lien.core.screens import AGREE, CONSENT, REFUSE
from faire_lien.core.welcome import DRAFT
from faire_lien.staff.mediated import GO_ON_IN, RESUME_IN, START_IN, in_language
from storage.db import Database
from storage.models import Conversation, GridResult, Person, Response
from tests.faire_lien.staff.test_mediated_offers import (
    RIGHTS_CHECK,
    STAFF_MENU,
    STALE,
    a_mediator,
    answer,
    the_person,
)
from tests.support.bilingual import paired
from tests.support.db import rows

LRM, LRI, RLI, PDI = "\u200e", "\u2066", "\u2067", "\u2069"
EPICES_NO_NEED = [0] * 11  # "yes" everywhere: orientation "no_need"
TO_ENGLISH_EPICES = ["/staff", "press:dans sa langue", "press:English", "press:EPICES", "press:I agree"]


async def test_the_mediator_reads_in_which_language_each_button_resumes_goes_on_or_begins(
    assistant: Assistant, db: Database
) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.send("action", routes.MEDIATED_START.data("ar", "epices"))
    await answer(mediator, [0, 0])
    for step in TO_ENGLISH_EPICES:
        await mediator.do(step)

    (choice,) = mediator.screen
    assert choice.text == (
        "Vous êtes en train de répondre à « Questionnaire EPICES ». Commencer ce questionnaire-ci efface vos réponses "
        "en cours.\n\nVous pouvez aussi continuer ce questionnaire dans la nouvelle langue : les réponses déjà données "
        "sont gardées."
    )
    assert choice.labels() == [
        [f"{LRM}{LRI}Reprendre{PDI} · {RLI}العربية{PDI}"],  # the Arabic name whole, on the right
        ["Continuer · English"],
        ["Commencer · English"],
    ]


async def test_going_on_in_the_new_language_keeps_the_answers_and_asks_the_same_question(
    assistant: Assistant, db: Database
) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.send("action", routes.MEDIATED_START.data("ar", "epices"))
    await answer(mediator, [0, 0])  # Amina answers two questions in Arabic; English suits her better
    (before,) = await rows(db, Conversation)
    for step in TO_ENGLISH_EPICES:
        await mediator.do(step)
    await mediator.do("press:Continuer")
    await mediator.do("press:J'accepte")

    (asked,) = mediator.screen
    assert asked.text.startswith("Language chosen: English.\n🇫🇷 Langue choisie : English.\n\n")
    assert "question 3 · Questionnaire EPICES · question 3\nDo you live with a partner?" in asked.text
    assert "🇫🇷 Vivez-vous en couple ?" in asked.text and "\u200f" not in asked.text  # no Arabic left
    assert asked.labels()[0] == ["Yes · Oui", "No · Non"]
    (after,) = await rows(db, Conversation)
    assert (after.answers, after.history, after.on_behalf_of) == (before.answers, before.history, before.on_behalf_of)
    assert after.mediated_language == "en"

    await answer(mediator, EPICES_NO_NEED[2:])
    assert mediator.screen[-1].text == STAFF_MENU
    (person,) = [p for p in await rows(db, Person) if p.telegram_id is None]  # the same person, not a new one
    (response,) = await rows(db, Response)
    (result,) = await rows(db, GridResult)
    assert (person.language, response.mediated_language, result.person_id) == ("en", "en", person.id)


async def test_typed_answers_stay_as_typed_in_the_new_language(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.send("action", routes.MEDIATED_START.data("ru", "rights_check"))
    await answer(mediator, RIGHTS_CHECK[:4])  # two choices, the year of birth typed, one person in the household
    (before,) = await rows(db, Conversation)
    await mediator.send("action", routes.MEDIATED_START.data("uk", "rights_check"))
    await mediator.do("press:Continuer")
    await mediator.do("press:J'accepte")  # agreed again, in Ukrainian

    (after,) = await rows(db, Conversation)
    assert after.answers == before.answers and after.answers["born"] == "1985"
    await answer(mediator, RIGHTS_CHECK[4:])
    assert "🔒 Pour les professionnels" in "".join(r.text for r in mediator.screen)
    (response,) = await rows(db, Response)
    assert response.mediated_language == "uk"


async def test_another_questionnaire_offers_no_way_to_go_on(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.send("action", routes.MEDIATED_START.data("fa", "epices"))
    await mediator.send("action", routes.MEDIATED_START.data("en", "rights_check"))

    (choice,) = mediator.screen
    assert "nouvelle langue" not in choice.text
    assert choice.labels() == [[f"{LRM}{LRI}Reprendre{PDI} · {RLI}فارسی (ایران){PDI}"], ["Commencer · English"]]


async def test_an_old_button_to_go_on_after_the_questionnaire_ended(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.send("action", routes.MEDIATED_START.data("ar", "epices"))
    for step in TO_ENGLISH_EPICES:
        await mediator.do(step)
    go_on = mediator.action("Continuer")
    await mediator.do("press:Reprendre")
    await answer(mediator, EPICES_NO_NEED)
    await mediator.send("action", go_on)

    assert mediator.screen[0].text.startswith(STALE)
    assert [r.mediated_language for r in await rows(db, Response)] == ["ar"]


@pytest.mark.parametrize("reader", available_languages())
def test_each_language_button_shows_whole_on_a_phone(reader: str) -> None:
    """Whatever the mediator reads and whichever language the person speaks (« Português (Portugal) » the longest)."""
    t, spoken = translator(reader), available_languages()
    labels = {(code, in_language(t, action, code)) for action in (RESUME_IN, GO_ON_IN, START_IN) for code in spoken}
    assert [label for _, label in labels if visible(label) > BUTTON] == []
    assert all(language_name(code) in label for code, label in labels)


async def test_going_on_in_the_new_language_asks_the_persons_consent_in_it_first(
    assistant: Assistant, db: Database
) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.send("action", routes.MEDIATED_START.data("ar", "epices"))
    await answer(mediator, [0, 0])
    for step in TO_ENGLISH_EPICES:
        await mediator.do(step)
    await mediator.do("press:Continuer")

    (asked,) = mediator.screen
    english = translator("en")
    assert f"\n\n{english(CONSENT)}\n🇫🇷 Pour vous aider, j'ai besoin d'enregistrer vos réponses" in asked.text
    assert asked.labels() == [
        [paired(english(AGREE), "✅ J'accepte", "en")],
        [paired(english(REFUSE), "Je refuse", "en")],
    ]
    assert "Do you live with a partner?" not in asked.text  # nothing asked before they agree
    person = await the_person(db)
    assert (person.consent, person.language) == ("accepted", "ar")  # the consent given in Arabic, so far

    await mediator.do("press:J'accepte")
    assert "Do you live with a partner?" in mediator.screen[-1].text
    person = await the_person(db)
    assert (person.consent, person.language, person.consent_version) == ("accepted", "en", "2026-11-v1")


async def test_declining_in_the_new_language_asks_nothing_more_and_keeps_the_answers(
    assistant: Assistant, db: Database
) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.send("action", routes.MEDIATED_START.data("ar", "epices"))
    await answer(mediator, [0, 0])
    (before,) = await rows(db, Conversation)
    for step in TO_ENGLISH_EPICES:
        await mediator.do(step)
    await mediator.do("press:Continuer")
    await mediator.do("press:Je refuse")

    said, menu = mediator.screen[0], mediator.screen[-1]
    assert said.text == (
        "La personne n'a pas donné son accord en English : aucune autre question ne lui est posée. Les réponses déjà "
        "données restent telles quelles, dans « Questionnaire EPICES » laissé ouvert en العربية : vous pouvez le "
        "reprendre dans cette langue ou l'abandonner."
    )
    assert menu.text.startswith(STAFF_MENU)
    assert "Do you live with a partner?" not in "".join(r.text for r in mediator.screen)
    (after,) = await rows(db, Conversation)
    assert (after.answers, after.history, after.mediated_language) == (before.answers, before.history, "ar")
    person = await the_person(db)
    assert (person.consent, person.language) == ("accepted", "ar")
    assert await rows(db, Response) == []


async def test_a_draft_language_is_announced_before_the_consent_to_go_on(assistant: Assistant, db: Database) -> None:
    """The new language's draft notice first, as before a questionnaire begins in it."""
    mediator = await a_mediator(assistant, db)
    await mediator.send("action", routes.MEDIATED_START.data("ar", "epices"))
    await mediator.send("action", routes.MEDIATED_START.data("tr", "epices"))
    await mediator.do("press:Continuer")

    (asked,) = mediator.screen
    assert asked.text.startswith(f"{translator('tr')(DRAFT)}\n🇫🇷 Cette traduction n'a pas encore été vérifiée")
    assert asked.text.index("vérifiée") < asked.text.index("Pour vous aider")


async def test_the_glossary_notes_are_shown_again_in_the_new_language(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.send("action", routes.MEDIATED_START.data("ru", "rights_check"))
    await answer(mediator, RIGHTS_CHECK[:2])  # the year of birth: « C2S » explained, in Russian
    assert "🇫🇷 📖 C2S (complémentaire santé solidaire)" in mediator.screen[-1].text
    await mediator.send("action", routes.MEDIATED_START.data("en", "rights_check"))
    await mediator.do("press:Continuer")
    await mediator.do("press:J'accepte")

    (asked,) = mediator.screen
    assert "In what year were you born?" in asked.text
    assert "📖 C2S (complémentaire santé solidaire, solidarity health cover):" in asked.text
    assert (await the_person(db)).glossary_seen == ["c2s"]


async def test_an_old_consent_button_after_the_questionnaire_ended(assistant: Assistant, db: Database) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.send("action", routes.MEDIATED_START.data("ar", "epices"))
    await mediator.send("action", routes.MEDIATED_START.data("en", "epices"))
    await mediator.do("press:Continuer")
    agree, refuse = mediator.action("J'accepte"), mediator.action("Je refuse")
    await mediator.send("action", routes.ABANDON.data("yes"))
    for old in (agree, refuse):
        await mediator.send("action", old)
        assert mediator.screen[0].text.startswith(STALE)
    assert [p.language for p in await rows(db, Person) if p.telegram_id is None] == ["ar"]
