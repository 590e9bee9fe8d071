"""Sessions as people see them: browse, register in two taps, .ics, waiting list, cancel, freed seat, deep link."""

from __future__ import annotations

from datetime import timedelta

from icalendar import Calendar

from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import Meeting, OutboxMessage, Registration
from storage.people import Identity
from tests.conftest import NOW
from tests.dialogs.golden_driver import Person as Talker
from tests.support.db import rows
from tests.support.records import a_meeting

CONSENT = ["/start", "press:Français", "press:J'accepte"]


async def publish(db: Database, capacity: int = 2, kind: str = "info_meeting", days: int = 9) -> int:
    async with db.unit_of_work() as session:
        meeting = await a_meeting(
            session,
            NOW + timedelta(days=days),
            kind=kind,
            title={"fr": "Réunion C2S", "en": "C2S meeting"},
            description={"fr": "Pour tout savoir."},
            place="CPAM Poitiers",
            address="41 rue Touffenet, 86000 Poitiers",
            access_notes="Rez-de-chaussée",
            capacity=capacity,
            languages=["fr", "ar"],
        )
        return meeting.id


async def person(assistant: Assistant, db: Database, telegram_id: int) -> Talker:
    talker = Talker(assistant, db, who=Identity(telegram_id=telegram_id))
    for step in CONSENT:
        await talker.do(step)
    return talker


async def test_no_session_yet(assistant: Assistant, db: Database) -> None:
    talker = await person(assistant, db, 1)
    await talker.do("press:Rencontres")
    assert talker.screen[0].text.startswith("Aucune rencontre n'est encore publiée")


async def test_register_in_two_taps_with_calendar_file(assistant: Assistant, db: Database) -> None:
    meeting_id = await publish(db)
    await publish(db, kind="checkup")
    talker = await person(assistant, db, 1)
    await talker.do("press:Rencontres")
    assert talker.screen[0].labels()[:2] == [["Réunion d'information (1)"], ["Examen de prévention en santé (1)"]]
    await talker.do("press:Réunion d'information")
    assert talker.screen[0].text.startswith("📅 Réunion d'information\n📍 CPAM Poitiers\nChoisissez une date :")
    assert talker.screen[0].labels()[0] == ["1er déc. · 11:00 — 2 places libres"]  # the place said once, above
    await talker.do("press:places libres")
    detail = talker.screen[0]
    assert detail.text.splitlines()[:3] == [
        "📅 Réunion d'information — Réunion C2S",
        "mardi 1er décembre 2026, 11:00–13:00",
        "📍 CPAM Poitiers, 41 rue Touffenet, 86000 Poitiers",
    ]
    await talker.do("press:M'inscrire")
    confirmation = talker.screen[0]
    assert confirmation.text.startswith("✅ C'est noté, vous êtes inscrit·e.")
    assert "🗺 Plan : https://www.openstreetmap.org/search?query=41+rue+Touffenet%2C+86000+Poitiers" in confirmation.text
    assert confirmation.document is not None and confirmation.document.filename == f"rencontre-{meeting_id}.ics"
    event = Calendar.from_ical(confirmation.document.content).walk("VEVENT")[0]
    assert event["SUMMARY"] == "Réunion C2S"
    assert event.decoded("DTSTART") == NOW + timedelta(days=9)
    assert str(event["LOCATION"]) == "CPAM Poitiers, 41 rue Touffenet, 86000 Poitiers"
    reminders = await rows(db, OutboxMessage)
    assert sorted(m.kind for m in reminders) == ["meeting_confirm", "meeting_details"]
    assert {m.due_at for m in reminders} == {NOW + timedelta(days=7), NOW + timedelta(days=8)}
    await talker.do(f"raw:reg:{meeting_id}")  # a second tap does not register twice
    assert talker.screen[0].text.startswith("Vous êtes déjà inscrit·e à cette rencontre.")
    assert len(await rows(db, Registration)) == 1


async def test_waiting_list_cancel_and_freed_seat(assistant: Assistant, db: Database) -> None:
    meeting_id = await publish(db, capacity=1)
    first, second = await person(assistant, db, 1), await person(assistant, db, 2)
    await first.do(f"raw:reg:{meeting_id}")
    await second.do(f"raw:reg:{meeting_id}")
    assert second.screen[0].text.startswith("C'est complet pour l'instant : vous êtes n° 1 sur la liste d'attente.")
    await first.do(f"raw:m:{meeting_id}")
    assert "👥 Vous êtes inscrit·e." in first.screen[0].text  # not "Complet : liste d'attente"
    await second.do(f"raw:m:{meeting_id}")
    assert "👥 Vous êtes n° 1 sur la liste d'attente." in second.screen[0].text
    await second.do(f"raw:reg:{meeting_id}")
    assert second.screen[0].text.startswith("Vous êtes déjà sur la liste d'attente de cette rencontre.")
    assert second.screen[0].labels() == [["✖ Quitter la liste d'attente"]]
    assert second.screen[0].document is None and len(second.screen) == 2  # then the menu, no calendar file
    await first.do("press:Menu")
    await first.do("press:Mes inscriptions")
    assert "• Réunion C2S — 1er déc. · 11:00 (inscrit·e)" in first.screen[0].text
    await first.do("press:Annuler")
    assert first.screen[0].text.startswith("Voulez-vous vraiment annuler votre inscription à « Réunion C2S »")
    await first.do("press:Oui, annuler")
    assert first.screen[0].text.startswith("Votre inscription est annulée.")
    statuses = {m.kind: m.status for m in await rows(db, OutboxMessage)}
    assert statuses == {"meeting_confirm": "cancelled", "meeting_details": "cancelled", "seat_offered": "pending"}
    await second.do("press:Mes inscriptions")
    assert "(une place vous attend)" in second.screen[0].text
    await second.do("press:Je prends la place")
    assert second.screen[0].text.startswith("✅ La place est à vous : vous êtes inscrit·e.")
    assert [(r.person_id, r.status) for r in await rows(db, Registration)] == [(1, "cancelled"), (2, "registered")]


async def test_leaving_the_waiting_list_frees_no_seat_and_says_so(assistant: Assistant, db: Database) -> None:
    """Someone waiting, with no seat, who cancels is not asked whether they « keep their seat », nor told « the seat
    goes to someone else »: they leave the waiting list; the person after them moves up."""
    meeting_id = await publish(db, capacity=1)
    first, second, third = [await person(assistant, db, n) for n in (1, 2, 3)]
    for talker in (first, second, third):
        await talker.do(f"raw:reg:{meeting_id}")
    await second.do("press:Mes inscriptions")
    await second.do("press:Annuler")
    asked = second.screen[0]
    assert asked.text.startswith("Voulez-vous vraiment quitter la liste d'attente de « Réunion C2S »"), asked.text
    assert asked.labels() == [["Oui, quitter la liste"], ["Non, je reste sur la liste"]]
    await second.do("press:Oui, quitter la liste")
    said = second.screen[0].text
    assert said.startswith("Vous avez quitté la liste d'attente. Merci de nous avoir prévenus."), said
    assert "la place va" not in said
    await third.do(f"raw:m:{meeting_id}")
    assert "👥 Vous êtes n° 1 sur la liste d'attente." in third.screen[0].text
    assert not [m for m in await rows(db, OutboxMessage) if m.kind == "seat_offered"]


async def test_deep_link_opens_the_session(assistant: Assistant, db: Database) -> None:
    meeting_id = await publish(db)
    talker = await person(assistant, db, 1)
    await talker.do(f"/start s_{meeting_id}")
    assert talker.screen[0].text.startswith("📅 Réunion d'information — Réunion C2S")
    await talker.do("/start s_999")
    assert talker.screen[0].text.startswith("Cette rencontre n'est plus proposée.")


async def test_a_session_update_delivered_again_shows_its_screen_and_changes_nothing(
    assistant: Assistant, db: Database
) -> None:
    meeting_id = await publish(db)
    talker = await person(assistant, db, 1)
    await talker.do(f"/start s_{meeting_id}")
    again = await talker.send("command", f"/start s_{meeting_id}", again=True)  # its reply was cut by a crash
    assert again[0].text.startswith("📅 Réunion d'information — Réunion C2S")
    await talker.do("press:M'inscrire")
    again = await talker.send("action", f"reg:{meeting_id}", again=True)
    assert again[0].text.startswith("Vous êtes déjà inscrit·e à cette rencontre.")
    assert "🩺 Bilan de mes droits santé" in str(again[-1].labels())  # the menu: maybe the first reply they see
    assert len(await rows(db, Registration)) == 1 and len(await rows(db, OutboxMessage)) == 2


async def test_english_reader_sees_the_english_title(assistant: Assistant, db: Database) -> None:
    meeting_id = await publish(db)
    talker = Talker(assistant, db, language_hint="en")
    for step in ["/start", "press:English", "press:I agree", f"raw:m:{meeting_id}"]:
        await talker.do(step)
    lines = talker.screen[0].text.splitlines()
    assert lines[:2] == [
        "📅 Information meeting — C2S meeting",
        "Tuesday, December 1, 2026, 11:00\u202fAM–1:00\u202fPM",
    ]


async def test_a_group_with_a_minimum_size_is_confirmed_to_everyone_once_reached(
    assistant: Assistant, db: Database
) -> None:
    meeting_id = await publish(db, capacity=5)
    async with db.unit_of_work() as session:
        meeting = await session.get(Meeting, meeting_id)
        assert meeting is not None
        meeting.min_size = 2
    first, second = await person(assistant, db, 1), await person(assistant, db, 2)
    await first.do(f"raw:m:{meeting_id}")
    assert "📣 Date à confirmer : le groupe se réunit dès 2 inscriptions." in first.screen[0].text
    await first.do(f"raw:reg:{meeting_id}")
    assert first.screen[0].text.startswith("📣 Votre intérêt est noté (1 sur 2).")
    assert first.screen[0].document is None
    assert await rows(db, OutboxMessage) == []  # no reminder for a date that is not confirmed
    await second.do(f"raw:reg:{meeting_id}")
    confirmation = second.screen[0].text
    assert confirmation.startswith("🎉 Grâce à vous, assez de personnes sont inscrites : la rencontre est confirmée.")
    assert "👥 Vous êtes inscrit·e." in confirmation
    assert "✅ Date confirmée : assez de personnes sont inscrites." in confirmation
    assert "complet" not in confirmation.lower()  # three places are still free
    assert second.screen[0].document is not None
    queued = sorted((m.person_id, m.kind) for m in await rows(db, OutboxMessage))
    assert queued == [
        (1, "meeting_confirm"),
        (1, "meeting_confirmed"),
        (1, "meeting_details"),
        (2, "meeting_confirm"),
        (2, "meeting_details"),
    ]


async def test_browse_by_place_when_a_kind_is_held_in_several_places(assistant: Assistant, db: Database) -> None:
    poitiers = await publish(db, days=9)
    other = await publish(db, days=5)
    async with db.unit_of_work() as session:
        meeting = await session.get(Meeting, other)
        assert meeting is not None
        meeting.place = "CCAS Châtellerault"
    talker = await person(assistant, db, 1)
    await talker.do("press:Rencontres")
    assert talker.screen[0].text == "📅 Réunion d'information\nChoisissez un lieu :"
    assert talker.screen[0].labels()[:2] == [["📍 CCAS Châtellerault"], ["📍 CPAM Poitiers"]]
    await talker.do("press:CPAM Poitiers")
    assert talker.screen[0].buttons[0][0].action == f"m:{poitiers}"
    assert len(talker.screen[0].buttons) == 2  # one date, then the menu


async def test_text_typed_on_a_session_page_keeps_the_page_and_its_buttons(assistant: Assistant, db: Database) -> None:
    await publish(db)
    talker = await person(assistant, db, 7)
    await talker.do("press:Rencontres")
    await talker.do("press:places libres")
    register = talker.action("M'inscrire")
    (said,) = await talker.do("type:je veux venir avec ma fille")
    assert said.text == (
        "Ce message n'est lu par personne ici : choisissez une option avec les boutons du message au-dessus, "
        "ou ouvrez le menu."
    )
    assert said.labels() == [["☰ Menu"]]  # not the main menu in place of the session's page
    (registered, *_) = await talker.do(f"raw:{register}")  # the page's button, pressed after the text
    assert registered.text.startswith("✅ C'est noté, vous êtes inscrit·e.")
    await talker.do("type:merci")
    (menu,) = await talker.do("press:Menu")
    assert "Rencontres" in " ".join(label for row in menu.labels() for label in row)
