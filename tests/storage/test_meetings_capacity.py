"""Seats are enforced by the database: 50 people racing for 10 seats, on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from storage.db import Database
from storage.meetings import Booking, accept_offer, cancel, expire_offers, register, roster, take_free_seat
from storage.models import Meeting, OutboxMessage, Person, Registration
from storage.outbox import schedule

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


async def setup(db: Database, people: int, capacity: int) -> tuple[int, list[int]]:
    async with db.unit_of_work() as session:
        meeting = Meeting(
            kind="info_meeting",
            title={"fr": "Réunion C2S"},
            starts_at=NOW + timedelta(days=7),
            ends_at=NOW + timedelta(days=7, hours=2),
            place="CPAM",
            address="1 rue X, 86000 Poitiers",
            capacity=capacity,
            created_by="test",
            created_at=NOW,
        )
        session.add(meeting)
        persons = [
            Person(telegram_id=1000 + i, language="fr", consent="accepted", consent_at=NOW, consent_version="v")
            for i in range(people)
        ]
        session.add_all(persons)
        await session.flush()
        return meeting.id, [p.id for p in persons]


async def one(db: Database, meeting_id: int, person_id: int) -> Booking:
    async with db.unit_of_work() as session:
        return await register(session, meeting_id, person_id, NOW)


async def race(db: Database) -> None:
    meeting_id, people = await setup(db, 50, 10)
    results = await asyncio.gather(*(one(db, meeting_id, p) for p in people))
    assert sorted(r.outcome for r in results).count("registered") == 10
    assert sorted(r.outcome for r in results).count("waiting") == 40
    async with db.unit_of_work() as session:
        rows = list((await session.execute(select(Registration))).scalars())
        meeting = await session.get(Meeting, meeting_id)
    assert meeting is not None and meeting.taken == 10
    assert len(rows) == 50 and len({r.person_id for r in rows}) == 50  # no duplicates
    ranks = sorted(r.rank for r in rows if r.status == "waiting")
    assert ranks == list(range(1, 41))  # waiting list numbered 1..40 in arrival order, no gaps


async def test_capacity_race_50_people_for_10_seats_sqlite(db: Database) -> None:
    await race(db)


async def test_capacity_race_50_people_for_10_seats_postgresql(pg_db: Database) -> None:
    await race(pg_db)


async def test_race_same_person_twice_registers_once_postgresql(pg_db: Database) -> None:
    meeting_id, (person,) = await setup(pg_db, 1, 3)
    results = await asyncio.gather(*(one(pg_db, meeting_id, person) for _ in range(5)))
    assert sorted(r.outcome for r in results) == ["already"] * 4 + ["registered"]
    async with pg_db.unit_of_work() as session:
        meeting = await session.get(Meeting, meeting_id)
    assert meeting is not None and meeting.taken == 1


async def promotion_chain(database: Database) -> None:
    meeting_id, (a, b, c, d) = await setup(database, 4, 1)
    for person in (a, b, c, d):
        await one(database, meeting_id, person)
    async with database.unit_of_work() as session:
        first = (await session.execute(select(Registration).where(Registration.person_id == a))).scalar_one()
        await schedule(
            session,
            a,
            kind="meeting_reminder",
            due_at=NOW + timedelta(days=5),
            payload={},
            key=f"reg:{first.id}:confirm",
            now=NOW,
        )
        offered = await cancel(session, first, NOW)
        assert offered is not None and offered.person_id == b and offered.status == "offered"
        reminder = (await session.execute(select(OutboxMessage))).scalar_one()
        assert reminder.status == "cancelled"  # cancelling removed the pending reminder in the same transaction
    # b lets the deadline pass: the seat goes to c; c accepts; d stays waiting.
    later = NOW + timedelta(hours=25)
    async with database.unit_of_work() as session:
        ((expired, next_offer),) = await expire_offers(session, later)
        assert (expired.person_id, next_offer and next_offer.person_id) == (b, c)
        assert next_offer is not None and await accept_offer(session, next_offer, later)
    async with database.unit_of_work() as session:
        rows = await roster(session, meeting_id)
        meeting = await session.get(Meeting, meeting_id)
    assert [(r.person_id, r.status) for r in rows] == [(c, "registered"), (d, "waiting")]
    assert meeting is not None and meeting.taken == 1


async def test_capacity_promotion_chain_and_expired_deadline_sqlite(db: Database) -> None:
    await promotion_chain(db)


async def test_capacity_promotion_chain_and_expired_deadline_postgresql(pg_db: Database) -> None:
    await promotion_chain(pg_db)


async def test_capacity_seat_returns_when_nobody_waits(db: Database) -> None:
    meeting_id, (a,) = await setup(db, 1, 2)
    await one(db, meeting_id, a)
    async with db.unit_of_work() as session:
        reg = (await session.execute(select(Registration))).scalar_one()
        assert await cancel(session, reg, NOW) is None
        meeting = await session.get(Meeting, meeting_id)
        assert meeting is not None and meeting.taken == 0
    assert (await one(db, meeting_id, a)).outcome == "registered"  # can register again after cancelling


async def take(database: Database, meeting_id: int, person_id: int, now: datetime) -> bool:
    async with database.unit_of_work() as session:
        meeting = await session.get(Meeting, meeting_id)
        query = select(Registration).where(Registration.person_id == person_id)
        registration = (await session.execute(query)).scalar_one()
        assert meeting is not None
        return await take_free_seat(session, meeting, registration, now)


async def test_a_seat_freed_in_the_last_hour_goes_to_whoever_takes_it_first(database: Database) -> None:
    """Offered to nobody, the seat is free: the people waiting and a newcomer race for it with the same conditional
    UPDATE; one gets it, the others stay waiting with their numbers."""
    meeting_id, (a, b, c, d) = await setup(database, 4, 1)
    for person in (a, b, c):
        await one(database, meeting_id, person)
    late = NOW + timedelta(days=7) - timedelta(minutes=30)
    async with database.unit_of_work() as session:
        holder = (await session.execute(select(Registration).where(Registration.person_id == a))).scalar_one()
        assert await cancel(session, holder, late) is None  # too late to offer it

    async def newcomer() -> bool:
        async with database.unit_of_work() as session:
            return (await register(session, meeting_id, d, late)).outcome == "registered"

    results = await asyncio.gather(take(database, meeting_id, b, late), take(database, meeting_id, c, late), newcomer())
    assert sorted(results) == [False, False, True], results
    async with database.unit_of_work() as session:
        rows = await roster(session, meeting_id)
        meeting = await session.get(Meeting, meeting_id)
    assert meeting is not None and meeting.taken == 1
    assert [r.status for r in rows] == ["registered", "waiting", "waiting"]
    assert not await take(database, meeting_id, b if results[1] or results[2] else c, late)  # none free any more
