"""A session title typed by staff with a direction override (U+202E) keeps it inside the title, wherever the bot
shows it: the words after the title keep their order."""

from __future__ import annotations

from datetime import timedelta

from icalendar import Calendar

from faire_lien.assistant import Assistant
from storage.db import Database
from storage.people import Identity
from tests.conftest import NOW, make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.support.records import a_meeting

RLO, PDF, FSI, PDI = "\u202e", "\u202c", "\u2068", "\u2069"
TITLE = f"{RLO}ABC"
SHOWN = f"{FSI}{RLO}ABC{PDF}{PDI}"
"""The title as read: between FSI and PDI, its override closed right after it."""


async def opened(assistant: Assistant, db: Database, telegram_id: int) -> Talker:
    talker = Talker(assistant, db, who=Identity(telegram_id=telegram_id))
    for step in ["/start", "press:Français", "press:J'accepte"]:
        await talker.do(step)
    return talker


async def test_the_person_reads_the_title_with_its_override_closed(assistant: Assistant, db: Database) -> None:
    """The card, the calendar file and « Mes inscriptions » show « ⁨‮ABC‬⁩ » then the date in its order."""
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, NOW + timedelta(days=9), title={"fr": TITLE})
    talker = await opened(assistant, db, 1)
    await talker.do(f"raw:m:{meeting.id}")
    assert talker.screen[0].text.splitlines()[0] == f"📅 Réunion d'information — {SHOWN}"
    await talker.do(f"raw:reg:{meeting.id}")
    document = talker.screen[0].document
    assert document is not None
    assert Calendar.from_ical(document.content).walk("VEVENT")[0]["SUMMARY"] == SHOWN
    await talker.do("press:Mes inscriptions")
    assert f"• {SHOWN} — 1er déc. · 11:00 (inscrit·e)" in talker.screen[0].text.splitlines()


async def test_staff_read_the_title_with_its_override_closed(assistant: Assistant, db: Database) -> None:
    """A coordinator's list of sessions to follow names « ⁨‮ABC‬⁩ » with the seats after it in their order."""
    async with db.unit_of_work() as session:
        await a_meeting(session, NOW + timedelta(days=9), title={"fr": TITLE})
    await make_staff(db, 7, "coordinator")
    coordinator = await opened(assistant, db, 7)
    await coordinator.do("/staff")
    await coordinator.do("press:Suivre")
    labels = [label for row in coordinator.screen[-1].labels() for label in row]
    assert f"1er déc. · 11:00 · {SHOWN} (0/10)" in labels, labels


async def test_the_description_place_and_access_notes_keep_their_override_inside(
    assistant: Assistant, db: Database
) -> None:
    """A description, place and access notes typed with an override: the card's description line reads
    « ⁨Venez ‮ABC‬⁩ », the calendar file's place and notes carry it closed, so the text after them keeps its order."""
    async with db.unit_of_work() as session:
        meeting = await a_meeting(
            session,
            NOW + timedelta(days=9),
            description={"fr": f"Venez {TITLE}"},
            place=f"Salle {TITLE}",
            access_notes=f"Rampe {TITLE}",
        )
    talker = await opened(assistant, db, 2)
    await talker.do(f"raw:m:{meeting.id}")
    assert f"{FSI}Venez {RLO}ABC{PDF}{PDI}" in talker.screen[0].text.splitlines()
    await talker.do(f"raw:reg:{meeting.id}")
    document = talker.screen[0].document
    assert document is not None
    event = Calendar.from_ical(document.content).walk("VEVENT")[0]
    assert event["LOCATION"] == f"{FSI}Salle {RLO}ABC{PDF}{PDI}, 41 rue Touffenet, 86000 Poitiers"
    assert str(event["DESCRIPTION"]).endswith(f"{FSI}Rampe {RLO}ABC{PDF}{PDI}")
