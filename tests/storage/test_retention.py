"""Retention: answers and results older than the period are detached from the person, aggregates keep counting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from storage.db import Database
from storage.models import Answer, Meeting, Person, Registration, Response
from storage.retention import purge

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
CUTOFF = datetime(2024, 11, 22, 10, 0, tzinfo=UTC)


async def test_forget_old_answers_by_retention_purge(db: Database) -> None:
    async with db.unit_of_work() as session:
        person = Person(telegram_id=5, language="fr", consent="accepted", consent_at=NOW, consent_version="v")
        session.add(person)
        await session.flush()
        old_meeting = Meeting(
            kind="info_meeting",
            title={"fr": "Ancienne"},
            starts_at=CUTOFF - timedelta(days=40),
            ends_at=CUTOFF - timedelta(days=40, hours=-2),
            place="CPAM",
            address="1 rue X, 86000",
            capacity=5,
            taken=1,
            created_by="t",
            created_at=CUTOFF,
        )
        session.add(old_meeting)
        await session.flush()
        session.add(
            Registration(
                meeting_id=old_meeting.id,
                person_id=person.id,
                status="registered",
                attendance="present",
                created_at=CUTOFF,
                updated_at=CUTOFF,
            )
        )
        for when, value in ((CUTOFF - timedelta(days=30), 3), (NOW - timedelta(days=3), 4)):
            response = Response(
                person_id=person.id, flow_id="about_you", flow_version=1, started_at=when, completed_at=when
            )
            session.add(response)
            await session.flush()
            session.add(
                Answer(
                    response_id=response.id,
                    person_id=person.id,
                    flow_id="about_you",
                    flow_version=1,
                    step_id="household_size",
                    value=value,
                )
            )
        person_id = person.id
    async with db.unit_of_work() as session:
        done = await purge(session, CUTOFF, NOW)
    assert (done.people, done.responses, done.registrations) == (1, 1, 1)
    async with db.unit_of_work() as session:
        mine = (await session.execute(select(Answer.value).where(Answer.person_id == person_id))).scalars().all()
        assert mine == [4]  # the recent answer stays the person's
        old = (await session.execute(select(Answer).where(Answer.value == 3))).scalar_one()
        stub = await session.get(Person, old.person_id)
        assert stub is not None and (stub.telegram_id, stub.terminal_user, stub.consent) == (None, None, "anonymous")
        (registration,) = (await session.execute(select(Registration))).scalars().all()
        assert registration.person_id == stub.id and registration.attendance == "present"  # counts survive
        assert await session.scalar(select(func.count(func.distinct(Response.person_id)))) == 2
    async with db.unit_of_work() as session:
        again = await purge(session, CUTOFF, NOW)
    assert (again.people, again.responses) == (0, 0)  # stubs are never anonymised twice
