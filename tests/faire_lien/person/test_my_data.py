"""/mydata gives everything stored; /forget erases it all, releases seats and leaves nothing linked to the person."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select, text

from faire_lien.assistant import Assistant
from faire_lien.outbox.delivery import prepare
from storage.db import Database
from storage.models import Base, OutboxMessage, Person, Registration, StaffMember
from storage.people import Identity
from tests.conftest import NOW, make_staff
from tests.dialogs.golden_driver import Person as Talker
from tests.support.db import rows
from tests.support.profiles import ALONE_ON_800
from tests.support.records import a_meeting

FORGETFUL = 4242
PROFILE = [
    *ALONE_ON_800,
    "press:Oui, la C2S",
    "type:31/05/2027",
    "press:Aucune de ces situations",
    "press:Valider",
]


async def busy_person(assistant: Assistant, db: Database) -> tuple[Talker, Talker, int]:
    async with db.unit_of_work() as session:
        meeting = await a_meeting(
            session,
            NOW + timedelta(days=9),
            kind="info_meeting",
            title={"fr": "Réunion C2S"},
            place="CPAM",
            address="1 rue X, 86000 Poitiers",
            capacity=1,
        )
        meeting_id = meeting.id
    person = Talker(assistant, db, who=Identity(telegram_id=FORGETFUL))
    other = Talker(assistant, db, who=Identity(telegram_id=77))
    for talker in (person, other):
        for step in ["/start", "press:Français", "press:J'accepte"]:
            await talker.do(step)
    for step in [
        "press:Bilan",
        *PROFILE,
        "press:Me rappeler",
        "raw:offer:1:callback",
        "press:Oui",
        "press:Par message",
        "press:Le matin",
        f"raw:reg:{meeting_id}",
        "raw:go:renoncement",
        "press:Oui",
        "press:Dentiste",
        "press:Valider",
        "press:Le prix",
        "press:Valider",
        "raw:go:epices",
        "press:Oui",
    ]:
        await person.do(step)
    await other.do(f"raw:reg:{meeting_id}")  # waiting for the only seat
    return person, other, meeting_id


async def test_mydata_sends_everything_stored(assistant: Assistant, db: Database) -> None:
    person, _, _ = await busy_person(assistant, db)
    await person.do("/mydata")
    reply = person.screen[0]
    assert "• 3 questionnaires terminés" in reply.text
    assert "• 1 inscription" in reply.text and "• 1 demande de contact" in reply.text
    assert reply.document is not None and reply.document.filename == "mes-donnees.json"
    data = json.loads(reply.document.content)
    assert data["person"]["telegram_id"] == FORGETFUL
    assert {q["flow"] for q in data["finished_questionnaires"]} == {"rights_check", "callback", "renoncement"}
    assert data["questionnaire_in_progress"]["flow"] == "epices"
    assert (data["grid_results"][0]["orientation"], data["grid_results"][0]["concluded"]) == ("accompany", True)
    assert data["registrations"][0]["status"] == "registered"


async def test_mydata_says_a_grid_could_not_conclude_and_gives_no_score(assistant: Assistant, db: Database) -> None:
    person = Talker(assistant, db, who=Identity(telegram_id=FORGETFUL))
    for step in ["/start", "press:Français", "press:J'accepte", "raw:go:gfst", "press:Oui"]:
        await person.do(step)
    for answer in [*["Je ne sais pas"] * 7, "Non"]:  # six questions, answering alone, no assessment
        await person.do(f"press:{answer}")
    await person.do("/mydata")

    reply = person.screen[0]
    assert reply.text.endswith(
        "\n• « Bien vieillir : repérage de la fragilité » : pas de conclusion possible (trop peu de réponses), "
        "donc pas de score"
    )
    assert "score 0" not in reply.text
    assert reply.document is not None
    (result,) = json.loads(reply.document.content)["grid_results"]
    assert (result["orientation"], result["score"], result["concluded"]) == ("not_concluded", None, False)


async def test_forget_erases_everything_and_releases_the_seat(assistant: Assistant, db: Database) -> None:
    person, other, meeting_id = await busy_person(assistant, db)
    (me,) = [p for p in await rows(db, Person) if p.telegram_id == FORGETFUL]
    await person.do("/forget")
    assert person.screen[0].text.startswith("Voulez-vous vraiment effacer toutes vos données ?")
    assert person.screen[0].text.endswith(
        "\n\nSeuls des nombres restent dans les statistiques de l'équipe (combien de personnes ont répondu ou sont "
        "venues), sans rien qui mène à vous."
    )
    await person.do("press:Non, garder")
    assert person.screen[0].text.startswith("D'accord, rien n'a été effacé.")
    await person.do("/forget")
    await person.do("press:Oui, tout effacer")
    assert person.screen[0].text.startswith("C'est fait : vos données sont effacées.")

    linked = ("person_id", "given_by", "mediator_id", "on_behalf_of")
    async with db.unit_of_work() as session:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if column.name in linked or (table.name == "people" and column.name == "id"):
                    found = await session.execute(select(column).where(column == me.id))
                    assert found.first() is None, f"{table.name}.{column.name} still links to the person"
            dump = await session.execute(text(f"SELECT * FROM {table.name}"))
            for row in dump.all():
                assert str(FORGETFUL) not in json.dumps([str(v) for v in row]), f"{table.name} still holds the id"
    (seat,) = [r for r in await rows(db, Registration) if r.meeting_id == meeting_id]
    assert seat.status == "offered"  # the freed seat went to the person waiting
    await other.do("press:Mes inscriptions")
    assert "une place vous attend" in other.screen[0].text
    await person.do("/start")  # a forgotten person starts again from the beginning
    assert "Choisissez votre langue" in person.screen[0].text


async def test_the_person_waiting_is_offered_the_seat_of_someone_who_erased_their_data(
    assistant: Assistant, db: Database
) -> None:
    async with db.unit_of_work() as session:
        meeting_id = (await a_meeting(session, NOW + timedelta(days=9), capacity=1)).id
    person = Talker(assistant, db, who=Identity(telegram_id=FORGETFUL))
    other = Talker(assistant, db, who=Identity(telegram_id=77), language_hint="en")
    for talker, steps in ((person, ["Français", "J'accepte"]), (other, ["English", "I agree"])):
        await talker.do("/start")
        for label in steps:
            await talker.do(f"press:{label}")
        await talker.do(f"raw:reg:{meeting_id}")
    assert other.screen[0].text.startswith("It is full for now: you are number 1 on the waiting list.")
    await person.do("/forget")
    await person.do("press:Oui, tout effacer")

    (offer,) = [m for m in await rows(db, OutboxMessage) if m.kind == "seat_offered"]
    async with db.unit_of_work() as session:
        ready = await prepare(session, offer.id, NOW)
    assert ready is not None and ready.chat_id == 77
    assert ready.reply.text.startswith("🎉 A place has become free for “C2S meeting”")
    other.screen = [ready.reply]
    await other.do("press:I take the place")
    assert other.screen[0].text.startswith("✅ The place is yours: you are registered.")


async def test_someone_who_erased_their_data_and_comes_back_gets_their_reminders(
    assistant: Assistant, db: Database
) -> None:
    async with db.unit_of_work() as session:
        meeting_id = (await a_meeting(session, NOW + timedelta(days=9), capacity=5)).id
    person = Talker(assistant, db, who=Identity(telegram_id=FORGETFUL))
    first = (0, 0)
    for attempt in (1, 2):  # registered, erased, then back and registered again
        for step in ["/start", "press:Français", "press:J'accepte", f"raw:reg:{meeting_id}"]:
            await person.do(step)
        (me,) = [p for p in await rows(db, Person) if p.telegram_id == FORGETFUL]
        (registration,) = await rows(db, Registration)
        queued = [m for m in await rows(db, OutboxMessage) if m.status == "pending"]
        assert queued and {m.person_id for m in queued} == {me.id}
        async with db.unit_of_work() as session:
            ready = await prepare(session, queued[0].id, NOW + timedelta(days=8))
        assert ready is not None and ready.chat_id == FORGETFUL and "Réunion" in ready.reply.text
        if attempt == 1:
            first = (me.id, registration.id)
            await person.do("/forget")
            await person.do("press:Oui, tout effacer")
    assert (me.id, registration.id) != first  # new numbers: nothing queued for the erased person is theirs


async def test_forget_also_erases_a_staff_members_telegram_first_name(assistant: Assistant, db: Database) -> None:
    await make_staff(db, 4321, "coordinator")
    zoe = Talker(assistant, db, who=Identity(telegram_id=4321), first_name="Zoé")
    for step in ["/start", "press:Français", "press:J'accepte", "/staff"]:
        await zoe.do(step)
    assert [m.telegram_name for m in await rows(db, StaffMember)] == ["Zoé"]  # kept as she acts as staff
    await zoe.do("/forget")
    await zoe.do("press:Oui, tout effacer")
    assert [(m.telegram_id, m.telegram_name) for m in await rows(db, StaffMember)] == [(4321, None)]  # role kept


async def test_mydata_names_grids_results_and_sessions_in_the_persons_language(
    assistant: Assistant, db: Database
) -> None:
    """Someone reading English gets, in the file, each grid's title and the result they read, in English, and their
    session's English title; before, only « renoncement », « no_renouncing » and the French title « Réunion C2S »."""
    async with db.unit_of_work() as session:
        meeting = await a_meeting(
            session, NOW + timedelta(days=9), kind="info_meeting", title={"fr": "Réunion C2S", "en": "C2S meeting"}
        )
        meeting_id = meeting.id
    person = Talker(assistant, db, who=Identity(telegram_id=FORGETFUL), language_hint="en")
    for step in ["/start", "press:English", "press:I agree", f"raw:reg:{meeting_id}", "raw:go:renoncement", "press:No"]:
        await person.do(step)
    await person.do("/mydata")
    document = person.screen[0].document
    assert document is not None
    data = json.loads(document.content)
    (result,) = data["grid_results"]
    assert result["title"] == "Access to care"
    assert result["result"] == (
        "Thank you for your answer. If one day you hesitate to get care because of the cost, talk about it: help is "
        "available."
    )
    assert result["orientation"] == "no_renouncing" and result["concluded"] is True
    assert data["registrations"][0]["session"] == "C2S meeting"
