"""A seat offer not taken within 24 hours of being sent goes to the next person waiting; both are told."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from faire_lien.jobs.offers import pass_on_expired_offers
from faire_lien.outbox.delivery import Outcome, prepare, settle
from faire_lien.sessions.reminders import announce_offer
from storage.db import Database
from storage.meetings import OFFER_HOURS, cancel, register
from storage.models import OutboxMessage, Registration
from tests.conftest import NOW
from tests.support.records import a_meeting, a_person


async def test_an_offer_past_its_deadline_moves_on(db: Database) -> None:
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, NOW + timedelta(days=5), capacity=1)
        people = [(await a_person(session, 70 + n)).id for n in range(3)]
        bookings = [await register(session, meeting.id, p, NOW) for p in people]
        first = bookings[0].registration
        assert first is not None
        offered = await cancel(session, first, NOW)
        assert offered is not None and offered.person_id == people[1]
    async with db.unit_of_work() as session:
        assert await pass_on_expired_offers(session, NOW + timedelta(hours=1)) == 0  # still in time
    later = NOW + timedelta(hours=OFFER_HOURS + 1)
    async with db.unit_of_work() as session:
        assert await pass_on_expired_offers(session, later) == 1
    async with db.unit_of_work() as session:
        rows = (await session.execute(select(Registration).order_by(Registration.id))).scalars().all()
        messages = (await session.execute(select(OutboxMessage))).scalars().all()
    assert [r.status for r in rows] == ["cancelled", "cancelled", "offered"]
    assert [(m.kind, m.person_id, m.due_at) for m in messages] == [
        ("offer_lapsed", people[1], later),  # "the time passed", to the person who let it go
        ("seat_offered", people[2], later),
    ]


async def test_an_offer_not_sent_yet_does_not_expire(db: Database) -> None:
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, NOW + timedelta(days=5), capacity=1)
        people = [(await a_person(session, 80 + n)).id for n in range(3)]
        bookings = [await register(session, meeting.id, p, NOW) for p in people]
        first = bookings[0].registration
        assert first is not None
        offered = await cancel(session, first, NOW)
        assert offered is not None
        await announce_offer(session, offered, meeting, NOW)
    later = NOW + timedelta(hours=OFFER_HOURS + 1)
    async with db.unit_of_work() as session:
        assert await pass_on_expired_offers(session, later) == 0  # its message waits (quiet hours, a retry)
        (message,) = (await session.execute(select(OutboxMessage))).scalars()
        message.status = "sending"
    async with db.unit_of_work() as session:
        assert await pass_on_expired_offers(session, later) == 0  # going out right now
        (message,) = (await session.execute(select(OutboxMessage))).scalars()
        message.status = "failed"  # never reached the person: the first deadline stands
    async with db.unit_of_work() as session:
        assert await pass_on_expired_offers(session, later) == 1


async def test_no_lapse_notice_for_an_offer_that_never_reached_the_person(db: Database) -> None:
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, NOW + timedelta(days=5), capacity=1)
        people = [(await a_person(session, 90 + n)).id for n in range(3)]
        bookings = [await register(session, meeting.id, p, NOW) for p in people]
        first = bookings[0].registration
        assert first is not None
        offered = await cancel(session, first, NOW)
        assert offered is not None
        await announce_offer(session, offered, meeting, NOW)
        (message,) = (await session.execute(select(OutboxMessage))).scalars()
    async with db.unit_of_work() as session:
        assert await prepare(session, message.id, NOW) is not None
        blocked = Outcome("failed", reason="Forbidden: bot was blocked by the user")
        assert await settle(session, message.id, blocked, NOW) == "failed"  # the seat goes on at once
    later = NOW + timedelta(hours=OFFER_HOURS + 1)
    async with db.unit_of_work() as session:
        assert await pass_on_expired_offers(session, later) == 0  # nothing left to expire, no lapse notice
    async with db.unit_of_work() as session:
        messages = (await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars().all()
    assert [(m.kind, m.person_id) for m in messages] == [("seat_offered", people[1]), ("seat_offered", people[2])]
