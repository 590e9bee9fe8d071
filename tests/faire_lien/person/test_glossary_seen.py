"""A person reads the plain explanation of an administrative word once; the words explained are remembered."""

from __future__ import annotations

from faire_lien import routes
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Person
from tests.dialogs.golden_driver import Person as Talker
from tests.faire_lien.staff.test_mediated_offers import MEDIATOR, RIGHTS_CHECK, a_mediator, answer, the_person
from tests.support.db import rows

EXPLAINED = "📖 C2S (complémentaire santé solidaire)"
TO_QUESTION_4 = [
    "/start",
    "press:Français",
    "press:J'accepte",
    "press:Bilan",
    "press:Réfugié",
    "press:Moins de 3 mois",
]


async def test_the_c2s_explanation_comes_once_then_never_again(assistant: Assistant, db: Database) -> None:
    talker = Talker(assistant, db)
    for step in TO_QUESTION_4:
        await talker.do(step)
    await talker.do("type:01/10/2026")  # question 4's help is the first text mentioning the C2S
    question = talker.screen[0].text
    assert question.startswith("Bilan de droits santé · question 4")
    assert question.count(EXPLAINED) == 1
    (person,) = await rows(db, Person)
    assert person.glossary_seen == ["c2s"]
    await talker.do("press:Retour")
    await talker.do("type:01/10/2026")  # the same question again: no second explanation
    assert talker.screen[0].text.startswith("Bilan de droits santé · question 4")
    assert EXPLAINED not in talker.screen[0].text
    (person,) = await rows(db, Person)
    assert person.glossary_seen == ["c2s"]


async def test_in_mediated_mode_the_note_is_in_both_languages_and_remembered_for_the_person(
    assistant: Assistant, db: Database
) -> None:
    mediator = await a_mediator(assistant, db)
    await mediator.do("/staff")
    await mediator.send("action", routes.MEDIATED_START.data("en", "rights_check"))
    shown: list[str] = []
    for step in RIGHTS_CHECK:
        await answer(mediator, [step])
        shown += [reply.text for reply in mediator.screen if "📖 C2S" in reply.text]
        if shown:
            break
    assert shown, "the rights check mentions the C2S"
    note = shown[0][shown[0].index("📖 C2S") :]
    # The person's language first, the mediator's French under it, as every other mediated text.
    assert note.startswith("📖 C2S (complémentaire santé solidaire, solidarity health cover): help that pays")
    assert "\n🇫🇷 📖 C2S (complémentaire santé solidaire) : une aide qui paie" in note
    person = await the_person(db)
    assert person.glossary_seen == ["c2s"]  # seen by the person the mediator is with
    (staff,) = [p for p in await rows(db, Person) if p.telegram_id == MEDIATOR]
    assert not staff.glossary_seen  # not by the mediator
