"""/staff → 📋: the sessions a staff member follows, each button fitting a phone, a way back to the staff area."""

from __future__ import annotations

from faire_lien.assistant import Assistant
from storage.db import Database
from tests.faire_lien.cases.conftest import talker
from tests.support.records import a_meeting

COORDINATOR = 501
LONG_TITLE = "Réunion d'information sur la complémentaire santé solidaire et l'aide médicale de l'État"


async def test_no_session_to_follow_leads_back_to_the_staff_area(assistant: Assistant, db: Database) -> None:
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    await marie.do("/staff")
    await marie.do("press:Suivre les inscriptions")
    assert marie.screen[-1].text == "Aucune rencontre à venir."
    assert marie.screen[-1].labels() == [["◀ Espace professionnels"], ["☰ Menu"]]  # was a bare « ☰ »
    await marie.do("press:◀ Espace professionnels")
    assert marie.screen[-1].text == "Espace professionnels :"


async def test_the_sessions_followed_are_named_as_such_and_fit_a_phone(assistant: Assistant, db: Database) -> None:
    async with db.unit_of_work() as session:
        await a_meeting(session, title={"fr": LONG_TITLE})
    marie = await talker(assistant, db, COORDINATOR, "coordinator")
    await marie.do("/staff")
    await marie.do("press:Suivre les inscriptions")
    listing = marie.screen[-1]
    assert listing.text == "📋 Les rencontres que vous suivez :"  # not the staff menu's own heading
    (session_button,), *rest = listing.labels()
    assert session_button == "24 nov. · 11:00 · Réunion d'info… (0/10)"
    assert len(session_button) <= 40
    assert rest == [["◀ Espace professionnels"], ["☰ Menu"]]
    await marie.do("press:Réunion d'in")
    assert marie.screen[-1].text.startswith(f"{LONG_TITLE} — ")  # the roster names it in full
