"""The buttons of a case erased with the person's data (/forget, retention) say the request is gone, not « stale »."""

from __future__ import annotations

from faire_lien import routes
from faire_lien.assistant import Assistant
from storage.db import Database
from tests.faire_lien.cases.conftest import help_taken, talker

GONE = "La demande n° 1 a été supprimée : la personne a effacé ses données, ou la durée de conservation est passée."
STAFF_MENU = "Espace professionnels :"


async def test_the_buttons_of_an_erased_case_say_it_was_erased(assistant: Assistant, db: Database) -> None:
    """Marie holds Amina's request, Amina erases her data: each of Marie's buttons on it, and Paul's « Je la prends »,
    reads the request was erased, then the staff menu."""
    chats, marie, amina = await help_taken(assistant, db)
    buttons = {label: marie.action(label) for label in ("Écrire à la personne", "Clore", "Ouvrir dans la console")}
    paul = await talker(assistant, db, 502, "coordinator")
    for step in ["/forget", "press:Oui, tout effacer"]:
        await amina.do(step)

    pressed = {
        **buttons,
        "Clore : la personne a été aidée": routes.CASE_CLOSE.data(1, "helped"),
    }
    for label, action in pressed.items():
        gone, menu = await marie.send("action", action)
        assert (gone.text, menu.text) == (GONE, STAFF_MENU), label
    gone, menu = await paul.send("action", routes.CASE_TAKE.data(1))
    assert (gone.text, menu.text) == (GONE, STAFF_MENU)
    assert list(await chats.deliver()) == [501]  # her notice of the erasure (test_told_of_erasure.py), nothing else
