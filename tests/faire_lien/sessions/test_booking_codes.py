"""The booking code a person shows at the door: in the confirmation, the .ics file and "My registrations"."""

from __future__ import annotations

from datetime import timedelta

from icalendar import Calendar

from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Registration
from storage.people import Identity
from tests.conftest import NOW
from tests.dialogs.golden_driver import Person as Talker
from tests.support.db import rows
from tests.support.records import a_meeting


async def one_seat(db: Database) -> int:
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, NOW + timedelta(days=9), capacity=1, access_notes="Rez-de-chaussée")
        return meeting.id


async def person(assistant: Assistant, db: Database, telegram_id: int, language: str = "fr") -> Talker:
    talker = Talker(assistant, db, who=Identity(telegram_id=telegram_id), language_hint=language)
    agree = ["press:Français", "press:J'accepte"] if language == "fr" else ["press:English", "press:I agree"]
    for step in ["/start", *agree]:
        await talker.do(step)
    return talker


async def code_of(db: Database, telegram_id: int) -> str:
    from storage.people import find_person

    async with db.unit_of_work() as session:
        found = await find_person(session, Identity(telegram_id=telegram_id))
    assert found is not None
    (registration,) = [r for r in await rows(db, Registration) if r.person_id == found.id]
    assert registration.code is not None and len(registration.code) == 6
    return registration.code


async def test_the_confirmation_and_the_calendar_file_carry_the_code(assistant: Assistant, db: Database) -> None:
    meeting_id = await one_seat(db)
    amina = await person(assistant, db, 51)
    await amina.do(f"raw:reg:{meeting_id}")
    code = await code_of(db, 51)
    confirmation = amina.screen[0]
    line = f"🎫 Votre code de réservation : {code} (à montrer à l'accueil)"
    assert line in confirmation.text.split("\n")
    assert confirmation.document is not None
    event = Calendar.from_ical(confirmation.document.content).walk("VEVENT")[0]
    assert str(event["DESCRIPTION"]) == f"Votre code de réservation : {code} (à montrer à l'accueil)\n\nRez-de-chaussée"

    await amina.do("press:Mes inscriptions")
    assert f"   🎫 Code de réservation : {code}" in amina.screen[0].text.split("\n")


async def test_people_waiting_are_shown_no_code_until_they_hold_a_seat(assistant: Assistant, db: Database) -> None:
    """Someone without a seat is not invited to show a code at the door: the code comes with the seat."""
    meeting_id = await one_seat(db)
    amina = await person(assistant, db, 52)
    await amina.do(f"raw:reg:{meeting_id}")
    bruno = await person(assistant, db, 53, "en")
    await bruno.do(f"raw:reg:{meeting_id}")
    code = await code_of(db, 53)
    assert bruno.screen[0].text == (
        "It is full for now: you are number 1 on the waiting list. If a place becomes free, I will tell you and you "
        "will have 24 hours to take it."
    )
    assert bruno.screen[0].labels() == [["✖ Leave the waiting list"]]
    await bruno.do("press:My sign-ups")
    assert "Booking code" not in bruno.screen[0].text and code not in bruno.screen[0].text
    await bruno.do(f"raw:reg:{meeting_id}")  # the Register button pressed again
    assert bruno.screen[0].text.startswith("You are already on the waiting list for this session.")
    assert code not in bruno.screen[0].text and bruno.screen[0].document is None
    assert "🗓 My sign-ups" in str(bruno.screen[-1].labels())  # the menu under it

    await amina.do("press:Mes inscriptions")
    await amina.do("press:Annuler")
    await amina.do("press:Oui, annuler")
    await bruno.do("press:My sign-ups")
    assert "(a place is waiting for you)" in bruno.screen[0].text and code not in bruno.screen[0].text
    await bruno.do("press:I take the place")
    assert f"🎫 Your booking code: {code} (show it at the reception desk)" in bruno.screen[0].text.split("\n")
    await bruno.do("press:My sign-ups")
    assert f"   🎫 Booking code: {code}" in bruno.screen[0].text.split("\n")
