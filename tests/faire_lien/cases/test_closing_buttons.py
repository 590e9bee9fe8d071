"""Pressing "Close the request" on a closed case, or on a colleague's, says so at once instead of asking the outcome."""

from __future__ import annotations

from faire_lien import routes
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Case
from tests.faire_lien.cases.conftest import help_taken, talker
from tests.support.db import rows

STAFF_MENU = "Espace professionnels :"


async def test_an_old_close_button_of_a_closed_case_says_it_is_closed(assistant: Assistant, db: Database) -> None:
    _, marie, _ = await help_taken(assistant, db)
    for step in ["press:Clore la demande", "press:la personne a été aidée"]:
        await marie.do(step)

    notice, menu = await marie.send("action", routes.CASE_CLOSE.data(1, "ask"))  # the button of an older message
    assert notice.text == "La demande n° 1 est close."
    assert menu.text == STAFF_MENU


async def test_a_colleague_who_does_not_hold_the_case_is_told_before_choosing(
    assistant: Assistant, db: Database
) -> None:
    await help_taken(assistant, db)  # Marie (coordinator) holds it
    ali = await talker(assistant, db, 502, "mediator")

    notice, menu = await ali.send("action", routes.CASE_CLOSE.data(1, "ask"))
    assert notice.text == "Seule la personne qui tient cette demande, ou une coordinatrice, peut la clore."
    assert menu.text == STAFF_MENU
    assert [c.status for c in await rows(db, Case)] == ["claimed"]
