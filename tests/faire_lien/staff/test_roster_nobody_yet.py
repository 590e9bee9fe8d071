"""A session's screen in /staff before anyone registered says so, instead of attendance counts all at zero."""

from __future__ import annotations

from faire_lien.assistant import Assistant
from storage.db import Database
from storage.meetings import register
from storage.people import Identity
from tests.conftest import NOW, make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.support.records import a_meeting, a_person

COORDINATOR = 1
NOBODY = "Personne n'est encore inscrit·e : les présences se noteront ici."


async def sessions_screen(assistant: Assistant, db: Database) -> Talker:
    """A coordinator on the screen of « Réunion C2S » (in two days), opened from the list of sessions."""
    await make_staff(db, COORDINATOR, "coordinator")
    talker = Talker(assistant, db, who=Identity(telegram_id=COORDINATOR))
    for step in ["/start", "press:Français", "press:J'accepte", "/staff", "press:Suivre", "press:Réunion C2S"]:
        await talker.do(step)
    return talker


async def test_nobody_registered_yet_is_said(assistant: Assistant, db: Database) -> None:
    async with db.unit_of_work() as session:
        await a_meeting(session)
    talker = await sessions_screen(assistant, db)
    (shown,) = talker.screen
    assert shown.text.splitlines()[1:4] == [
        "Inscrits : 0/10 · liste d'attente : 0",
        "Suivie par : aucune animatrice ni aucun animateur",
        NOBODY,
    ]
    assert "Présences" not in shown.text
    assert shown.labels()[-1] == ["◀ Rencontres"]
    await talker.do("press:◀ Rencontres")  # back where the session was opened from
    assert talker.screen[0].text.startswith("📋 Les rencontres que vous suivez :")


async def test_once_someone_registered_attendance_is_counted(assistant: Assistant, db: Database) -> None:
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session)
        await register(session, meeting.id, (await a_person(session, 501)).id, NOW)
    talker = await sessions_screen(assistant, db)
    (shown,) = talker.screen
    assert "Présences — présent·es : 0 · absent·es : 0 · excusé·es : 0 · à noter : 1" in shown.text
    assert NOBODY not in shown.text
