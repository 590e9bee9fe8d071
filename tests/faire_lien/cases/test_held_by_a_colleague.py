"""A case a colleague holds, opened from the list: a coordinator may close it from there, a mediator may not."""

from __future__ import annotations

from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Case
from tests.faire_lien.cases.conftest import help_taken, talker
from tests.support.db import rows


async def test_a_coordinator_can_close_a_case_a_colleague_holds(assistant: Assistant, db: Database) -> None:
    chats, _, _ = await help_taken(assistant, db)  # Marie (501) holds request n° 1
    paul = await talker(assistant, db, 502, "coordinator")
    await chats.deliver()
    await paul.do("/staff")
    await paul.do("press:Demandes des personnes")
    # Held already: the button says it shows the request (it said « voir ou prendre » whoever held it)
    assert paul.screen[0].labels() == [["n° 1 : voir"], ["◀ Espace professionnels"]]
    await paul.do("press:n° 1 : voir")
    assert paul.screen[0].text.startswith("La demande n° 1 est déjà prise par Telegram 501.\n\n📋 Ce que la personne")
    assert paul.screen[0].labels() == [
        ["✅ Clore la demande"],
        ["🖥 Ouvrir dans la console"],
        ["◀ Espace professionnels"],
    ]
    await paul.do("press:Clore la demande")
    await paul.do("press:orientée vers le bon service")
    assert paul.screen[0].text.startswith("✅ La demande n° 1 est close : orientée vers le bon service.")
    (case,) = await rows(db, Case)
    assert case.status == "closed"
    assert (await chats.deliver())[501]  # Marie, who held it, is told


async def test_a_mediator_is_not_offered_to_close_a_colleagues_case(assistant: Assistant, db: Database) -> None:
    chats, _, _ = await help_taken(assistant, db)
    lea = await talker(assistant, db, 503, "mediator")
    await chats.deliver()
    await lea.do("/staff")
    await lea.do("press:Demandes des personnes")
    await lea.do("press:n° 1 : voir")
    assert lea.screen[0].text.startswith("La demande n° 1 est déjà prise par Telegram 501.\n\n📋 Ce que la personne")
    assert lea.screen[0].labels() == [["🖥 Ouvrir dans la console"], ["◀ Espace professionnels"]]
