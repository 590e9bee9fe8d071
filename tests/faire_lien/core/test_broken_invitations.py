"""A /start link with the invitation prefix whose code is malformed (`INV_abc`) says the code is not valid."""

from __future__ import annotations

import pytest

from faire_lien.assistant import Assistant
from storage.db import Database
from storage.people import Identity
from storage.staff import role_of
from tests.dialogs.golden_driver import Person

BAD_CODE = "Ce code d'invitation n'est pas valable (déjà utilisé ou expiré). Demandez-en un nouveau."
BROKEN = ["INV_abc", "inv_", "inv_abc def", "inv_" + "a" * 40, "Inv_é" * 3]


@pytest.mark.parametrize("argument", BROKEN)
async def test_a_known_person_reads_the_code_is_not_valid(assistant: Assistant, db: Database, argument: str) -> None:
    """Someone who agreed already, sending /start INV_abc: « Ce code d'invitation n'est pas valable… », not « Bon
    retour ! »; nobody becomes staff."""
    person = Person(assistant, db, who=Identity(telegram_id=8301))
    for step in ("/start", "press:Français", "press:J'accepte"):
        await person.do(step)
    [shown] = await person.do(f"/start {argument}")
    assert shown.text.startswith(BAD_CODE), shown.text
    async with db.unit_of_work() as session:
        assert await role_of(session, 8301) is None


async def test_someone_new_reads_it_once_they_agreed(assistant: Assistant, db: Database) -> None:
    """Someone new arriving by « /start INV_abc »: their language, the consent question, then the code is not valid."""
    newcomer = Person(assistant, db, who=Identity(telegram_id=8302))
    await newcomer.do("/start INV_abc")
    await newcomer.do("press:Français")
    accepted, shown = await newcomer.do("press:J'accepte")
    assert accepted.text.startswith("Merci"), accepted.text
    assert shown.text.startswith(BAD_CODE), shown.text


async def test_mid_questionnaire_the_question_comes_back_under_the_notice(assistant: Assistant, db: Database) -> None:
    """Someone answering the rights check who opens a stale invitation link reads « Ce code d'invitation n'est pas
    valable… » over the question they were at, not the menu: their questionnaire goes on where it was."""
    person = Person(assistant, db, who=Identity(telegram_id=8303))
    for step in ("/start", "press:Français", "press:J'accepte", "raw:go:rights_check"):
        await person.do(step)
    [shown] = await person.do("/start inv_abcdefgh12")
    assert shown.text.startswith(BAD_CODE), shown.text
    assert "question 1" in shown.text, shown.text
    assert "Que voulez-vous faire ?" not in shown.text
