"""Storage behind quiet hours: at night only urgent messages are claimed; an unsent seat offer never expires.

Both run on SQLite and PostgreSQL: the urgent flag is read inside the JSON payload, and the offer's
message is found by its key, which each database builds with its own string functions.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import Database
from storage.meetings import OFFER_HOURS, cancel, expire_offers, register
from storage.outbox import claim_due, schedule, send_held_now
from tests.conftest import NOW
from tests.support.records import a_meeting, a_person

RENEWAL = {"cover": "c2s", "end": "2027-01-31"}


async def queue(session: AsyncSession, person_id: int, key: str, minutes_ago: int, **flags: bool) -> None:
    due = NOW - timedelta(minutes=minutes_ago)
    payload = {**RENEWAL, **flags}
    await schedule(session, person_id, kind="renewal_reminder", due_at=due, payload=payload, key=key, now=NOW)


async def urgent_only_then_in_order(db: Database) -> None:
    async with db.unit_of_work() as session:
        person = (await a_person(session, 61)).id
        await queue(session, person, "oldest", 30)
        await queue(session, person, "urgent", 20, urgent=True)
        await queue(session, person, "not urgent", 10, urgent=False)
    async with db.unit_of_work() as session:
        night = await claim_due(session, NOW, urgent_only=True)
        assert [m.idempotency_key for m in night] == ["urgent"]
    async with db.unit_of_work() as session:
        morning = await claim_due(session, NOW)
        assert [m.idempotency_key for m in morning] == ["oldest", "not urgent"]


async def test_claim_due_at_night_takes_only_urgent_messages_sqlite(db: Database) -> None:
    await urgent_only_then_in_order(db)


async def test_claim_due_at_night_takes_only_urgent_messages_postgresql(pg_db: Database) -> None:
    await urgent_only_then_in_order(pg_db)


async def test_the_urgent_flag_is_true_or_false(db: Database) -> None:
    async with db.unit_of_work() as session:
        person = (await a_person(session, 62)).id
        with pytest.raises(ValueError, match="'urgent' flag must be true or false"):
            await schedule(
                session, person, kind="renewal_reminder", due_at=NOW, payload={"urgent": "yes"}, key="k", now=NOW
            )


async def unsent_offer_waits(db: Database) -> None:
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, NOW + timedelta(days=5), capacity=1)
        people = [(await a_person(session, 63 + n)).id for n in range(3)]
        bookings = [await register(session, meeting.id, p, NOW) for p in people]
        assert bookings[0].registration is not None
        offered = await cancel(session, bookings[0].registration, NOW)
        assert offered is not None
        key = f"reg:{offered.id}:seat_offered:{NOW.isoformat()}"
        payload = {"registration": offered.id}
        await schedule(session, offered.person_id, kind="seat_offered", due_at=NOW, payload=payload, key=key, now=NOW)
        other = f"reg:{offered.id + 100}:seat_offered:{NOW.isoformat()}"  # someone else's offer changes nothing
        await schedule(session, people[0], kind="seat_offered", due_at=NOW, payload={}, key=other, now=NOW)
    later = NOW + timedelta(hours=OFFER_HOURS + 1)
    async with db.unit_of_work() as session:
        assert await expire_offers(session, later) == []
        (message,) = await claim_due(session, NOW, person_id=people[1])
        message.status = "sent"
    async with db.unit_of_work() as session:
        ((expired, next_offer),) = await expire_offers(session, later)
        assert (expired.person_id, next_offer and next_offer.person_id) == (people[1], people[2])


async def test_an_unsent_seat_offer_does_not_expire_sqlite(db: Database) -> None:
    await unsent_offer_waits(db)


async def test_an_unsent_seat_offer_does_not_expire_postgresql(pg_db: Database) -> None:
    await unsent_offer_waits(pg_db)


async def held(session: AsyncSession, person_id: int, key: str, minutes_ago: int) -> None:
    """A staff message quiet hours hold (the person had not written for an hour)."""
    due = NOW - timedelta(minutes=minutes_ago)
    payload = {"case": 1, "message": 1, "urgent": False}
    await schedule(session, person_id, kind="case_message", due_at=due, payload=payload, key=key, now=NOW)


async def test_held_messages_go_at_night_in_order_once_sent_for(database: Database) -> None:
    """The person wrote: their case's held messages are claimed at night, oldest first; another case's stay held."""
    async with database.unit_of_work() as session:
        person = (await a_person(session, 71)).id
        await held(session, person, "case:1:message:1", 30)
        await held(session, person, "case:1:message:2", 20)
        await held(session, person, "case:10:message:3", 10)  # another request, whose number starts the same
    async with database.unit_of_work() as session:
        assert await claim_due(session, NOW, urgent_only=True) == []
        assert await send_held_now(session, person, "case:1:message:") == 2
    async with database.unit_of_work() as session:
        night = await claim_due(session, NOW, urgent_only=True)
        assert [m.idempotency_key for m in night] == ["case:1:message:1", "case:1:message:2"]
    async with database.unit_of_work() as session:
        assert await send_held_now(session, person, "case:1:message:") == 0  # being sent: left alone, never twice


async def test_a_message_a_sender_is_claiming_is_left_to_it_postgresql(pg_db: Database) -> None:
    """At 08:00 a sender claims the held message while the person writes: the claim waits for nothing and keeps it;
    marking it urgent waits for the claim, then finds it no longer pending."""
    async with pg_db.unit_of_work() as session:
        person = (await a_person(session, 72)).id
        await held(session, person, "case:1:message:1", 30)
    async with pg_db.unit_of_work() as claiming:
        assert len(await claim_due(claiming, NOW)) == 1
        await claiming.flush()  # the row is locked and "sending" in this open transaction

        async def person_writes() -> int:
            async with pg_db.unit_of_work() as session:
                return await send_held_now(session, person, "case:1:message:")

        writing = asyncio.create_task(person_writes())
        await asyncio.sleep(0.3)
        assert not writing.done()  # waits for the claim
    assert await writing == 0
    async with pg_db.unit_of_work() as session:
        assert await claim_due(session, NOW + timedelta(days=1)) == []  # nothing pending left to send again
