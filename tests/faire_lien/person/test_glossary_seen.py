"""A person reads the plain explanation of an administrative word once; the words explained are remembered."""

from __future__ import annotations

from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Person
from tests.dialogs.golden_driver import Person as Talker
from tests.support.db import rows

EXPLAINED = "📖 C2S (complémentaire santé solidaire)"
TO_QUESTION_4 = [
    "/start",
    "press:Français",
    "press:J'accepte",
    "press:Bilan",
    "press:Sans titre de séjour",
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
