"""A session's sub-screens in /staff (results, facilitators) lead back to that session's screen, then to the list."""

from __future__ import annotations

from faire_lien.assistant import Assistant
from storage.db import Database
from storage.people import Identity
from tests.conftest import make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.support.records import a_meeting

COORDINATOR = 1
WAYS_BACK = [["◀ Inscriptions"], ["◀ Rencontres"]]


async def coordinator(assistant: Assistant, db: Database) -> Talker:
    """A coordinator on the screen of the session they follow (« Réunion C2S », in two days)."""
    async with db.unit_of_work() as session:
        await a_meeting(session)
    await make_staff(db, COORDINATOR, "coordinator")
    talker = Talker(assistant, db, who=Identity(telegram_id=COORDINATOR))
    for step in ["/start", "press:Français", "press:J'accepte", "/staff", "press:Suivre", "press:Réunion C2S"]:
        await talker.do(step)
    assert talker.screen[0].text.startswith("Réunion C2S — ")
    return talker


async def test_results_lead_back_to_the_sessions_screen_then_to_the_list(assistant: Assistant, db: Database) -> None:
    talker = await coordinator(assistant, db)
    await talker.do("press:📊 Résultats de l'avis")
    assert talker.screen[-1].labels()[-2:] == WAYS_BACK
    await talker.do("press:◀ Inscriptions")
    assert talker.screen[0].text.startswith("Réunion C2S — ")  # the session's screen, where the results were opened
    await talker.do("press:📊 Résultats de l'avis")
    await talker.do("press:◀ Rencontres")
    assert talker.screen[0].text.startswith("📋 Les rencontres que vous suivez :")


async def test_facilitators_lead_back_to_the_sessions_screen_then_to_the_list(
    assistant: Assistant, db: Database
) -> None:
    talker = await coordinator(assistant, db)
    await talker.do("press:👤 Confier la rencontre")
    assert talker.screen[0].labels()[-2:] == WAYS_BACK
    await talker.do("press:◀ Rencontres")
    assert talker.screen[0].text.startswith("📋 Les rencontres que vous suivez :")
