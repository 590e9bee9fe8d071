"""A session moved while a freed seat is offered: the offer's deadline follows the new start, and an offer still to
go out is not lost."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from dialogs.reply import Reply
from faire_lien.core.roles import Staff
from faire_lien.outbox.delivery import SENT, prepare, settle
from faire_lien.sessions.reminders import announce_offer
from faire_lien.sessions.service import edit_session, move_session
from storage.db import Database
from storage.meetings import cancel, register
from storage.models import OutboxMessage, Registration
from tests.conftest import NOW
from tests.support.records import OPERATOR, a_meeting, a_person


async def offered_seat(db: Database, starts: datetime, *, send: bool = True) -> tuple[int, int]:
    """A one-seat session: its holder gives the seat up at NOW and the offer to the next person goes out (`send`)."""
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, starts, capacity=1)
        people = [(await a_person(session, 40 + n)).id for n in range(2)]
        holder, waiting = [await register(session, meeting.id, p, NOW) for p in people]
        assert holder.registration is not None
        offered = await cancel(session, holder.registration, NOW)
        assert offered is not None and waiting.registration is not None and offered.id == waiting.registration.id
        await announce_offer(session, offered, meeting, NOW)
        meeting_id, offered_id = meeting.id, offered.id
    if send:
        async with db.unit_of_work() as session:
            (message,) = (await session.execute(select(OutboxMessage))).scalars()
            assert await prepare(session, message.id, NOW) is not None
            await settle(session, message.id, SENT, NOW)
    return meeting_id, offered_id


async def deadline(db: Database, registration_id: int) -> datetime | None:
    async with db.unit_of_work() as session:
        registration = await session.get(Registration, registration_id)
        assert registration is not None and registration.status == "offered"
        return registration.offered_until


async def test_a_session_moved_earlier_shortens_the_offer_to_its_new_start(db: Database) -> None:
    meeting_id, offered_id = await offered_seat(db, NOW + timedelta(days=5))
    assert await deadline(db, offered_id) == NOW + timedelta(hours=24)
    async with db.unit_of_work() as session:  # to this evening, 20:00 in Paris (19:00 UTC)
        assert await move_session(session, meeting_id, "2026-11-22 20:00", "22:00", OPERATOR, NOW) == 1
    assert await deadline(db, offered_id) == NOW + timedelta(hours=9)


async def test_a_session_moved_later_gives_the_offer_its_full_24_hours(db: Database) -> None:
    meeting_id, offered_id = await offered_seat(db, NOW + timedelta(hours=6))
    assert await deadline(db, offered_id) == NOW + timedelta(hours=6)  # kept until the start
    async with db.unit_of_work() as session:
        assert (
            await move_session(session, meeting_id, "2026-11-27 14:00", "16:00", OPERATOR, NOW + timedelta(hours=1))
            == 1
        )
    assert await deadline(db, offered_id) == NOW + timedelta(hours=24)  # 24 hours from when the offer went out


async def test_an_offer_still_to_go_out_survives_a_move_and_says_the_new_deadline(db: Database) -> None:
    meeting_id, offered_id = await offered_seat(db, NOW + timedelta(days=5), send=False)  # quiet hours
    async with db.unit_of_work() as session:
        assert await move_session(session, meeting_id, "2026-11-22 20:00", "22:00", OPERATOR, NOW) == 1
    async with db.unit_of_work() as session:
        messages = list((await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars())
        assert [(m.kind, m.status) for m in messages] == [("seat_offered", "pending"), ("meeting_moved", "pending")]
        ready = await prepare(session, messages[0].id, NOW + timedelta(hours=1))
    assert ready is not None and "jusqu'au 22 novembre 2026 20:00" in ready.reply.text
    assert await deadline(db, offered_id) == NOW + timedelta(hours=9)


async def move_notices(db: Database, at: datetime) -> dict[int, Reply]:
    """The move notices as each person reads them at `at`, by registration."""
    async with db.unit_of_work() as session:
        query = select(OutboxMessage).where(OutboxMessage.kind.in_(("meeting_moved", "meeting_relocated")))
        found: dict[int, Reply] = {}
        for message in (await session.execute(query)).scalars():
            ready = await prepare(session, message.id, at)
            assert ready is not None
            found[int(message.payload["registration"])] = ready.reply
        return found


async def test_someone_offered_a_seat_is_told_of_a_move_with_the_new_deadline_and_can_take_it(db: Database) -> None:
    meeting_id, offered_id = await offered_seat(db, NOW + timedelta(days=5))
    async with db.unit_of_work() as session:
        extra = await register(session, meeting_id, (await a_person(session, 50)).id, NOW)  # now on the waiting list
        assert extra.registration is not None and extra.registration.status == "waiting"
        assert await move_session(session, meeting_id, "2026-11-22 20:00", "22:00", OPERATOR, NOW) == 2
    notices = await move_notices(db, NOW + timedelta(minutes=1))
    offer = notices[offered_id]
    assert "change de date : dimanche 22 novembre 2026, 20:00–22:00" in offer.text
    assert "La place libérée vous est toujours proposée, jusqu'au 22 novembre 2026 20:00" in offer.text
    assert "Votre inscription est gardée" not in offer.text
    assert [b.label for row in offer.buttons for b in row] == ["✅ Je prends la place", "✖ Je ne peux pas"]
    assert notices[extra.registration.id] == Reply(  # their place in the line, not a registration "kept"
        "🔁 « Réunion C2S » change de date : dimanche 22 novembre 2026, 20:00–22:00, CPAM Poitiers. Vous restez n° 1 "
        "sur la liste d'attente : si une place se libère, je vous préviens."
    )


async def test_someone_offered_a_seat_is_told_of_a_new_place_with_the_deadline(db: Database) -> None:
    meeting_id, _ = await offered_seat(db, NOW + timedelta(days=5))
    async with db.unit_of_work() as session:
        staff = Staff("coordinator", None, "operator:test")
        edited = await edit_session(session, meeting_id, {"place": "Salle B", "address": "2 rue Neuve"}, staff, NOW)
        assert edited is not None and edited.relocated == 1
    (offer,) = (await move_notices(db, NOW + timedelta(minutes=1))).values()
    assert "change de lieu : Salle B, 2 rue Neuve" in offer.text
    assert "toujours proposée, jusqu'au 23 novembre 2026 11:00" in offer.text  # 24 hours after it went out
    assert len(offer.buttons) == 2


async def test_someone_waiting_is_told_of_a_new_place_with_their_number(db: Database) -> None:
    """A new place: the person registered reads their registration is kept, the person waiting their number."""
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, NOW + timedelta(days=5), capacity=1)
        people = [(await a_person(session, 60 + n)).id for n in range(2)]
        holder, waiting = [(await register(session, meeting.id, p, NOW)).registration for p in people]
        assert holder is not None and waiting is not None and waiting.status == "waiting"
        staff = Staff("coordinator", None, "operator:test")
        edited = await edit_session(session, meeting.id, {"place": "Salle B", "address": "2 rue Neuve"}, staff, NOW)
        assert edited is not None and edited.relocated == 2
    notices = await move_notices(db, NOW + timedelta(minutes=1))
    said = "📍 « Réunion C2S » (vendredi 27 novembre 2026, 11:00–13:00) change de lieu : Salle B, 2 rue Neuve."
    assert notices[holder.id] == Reply(f"{said} Votre inscription est gardée.")
    assert notices[waiting.id] == Reply(
        f"{said} Vous restez n° 1 sur la liste d'attente : si une place se libère, je vous préviens."
    )
