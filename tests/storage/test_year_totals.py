"""The yearly report's totals kept at write time give what the rows give, after every kind of change, on both bases."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.schema import Flow
from faire_lien.core.finish import helps_individually
from faire_lien.core.roles import Staff
from faire_lien.sessions.service import mark_attendance, mark_roster
from faire_lien.surveys.results import counted_steps
from storage import year_totals
from storage.conversations import finish_conversation, save_conversation
from storage.db import Database
from storage.meetings import add_meetings, cancel, cancel_meeting, move_meeting, register
from storage.models import (
    Meeting,
    Person,
    Registration,
    Response,
    YearCount,
    YearMeeting,
    YearPerson,
)
from storage.personal_data import forget_person
from storage.retention import purge
from tests.conftest import NOW
from tests.support.report_data import generate, insert_all
from tests.support.yearly import YEARS, figures, from_rows, tables

MARIE = Staff("coordinator", None, "marie")


async def loaded(database: Database, flows: dict[str, Flow], seed: int) -> None:
    """The generated data set, with the PostgreSQL sequences moved past its ids."""
    data = generate([flows["hot_evaluation"]], meetings=60, seed=seed)
    async with database.unit_of_work() as session:
        await insert_all(session, data.rows)
    if database.engine.dialect.name == "postgresql":
        async with database.unit_of_work() as session:
            for table in ("people", "meetings", "registrations", "responses", "answers", "survey_invitations"):
                await session.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
                )


async def assert_in_step(database: Database, flows: dict[str, Flow], *nows: datetime) -> None:
    """The totals give what the rows give, for every year and moment asked, and are what a rebuild makes."""
    async with database.read_only() as reader:
        for year in YEARS:
            for now in nows or (NOW,):
                assert await figures(reader, flows, year, now) == await from_rows(reader, flows, year, now), (year, now)
        assert await reader.scalar(select(func.count()).select_from(YearPerson).where(YearPerson.n <= 0)) == 0
    kept = await tables(database)
    async with database.unit_of_work() as session:
        await year_totals.rebuild(session)
    assert await tables(database) == kept


async def person(session: AsyncSession, telegram_id: int) -> int:
    row = Person(telegram_id=telegram_id, language="fr", consent="accepted", consent_at=NOW, consent_version="v")
    session.add(row)
    await session.flush()
    return row.id


def meeting(starts: datetime, capacity: int = 3, kind: str = "info_meeting") -> Meeting:
    return Meeting(
        kind=kind,
        title={"fr": "Réunion"},
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="CPAM",
        address="1 rue X, 86000 Poitiers",
        capacity=capacity,
        created_by="t",
        created_at=NOW,
    )


async def finish(session: AsyncSession, flow: Flow, person_id: int, at: datetime) -> None:
    """A finished flow, stored as the chat stores it."""
    current = await save_conversation(
        session,
        person_id,
        None,
        flow_id=flow.id,
        flow_version=flow.version,
        step_id=flow.steps[0].id,
        answers={},
        history=[],
        draft=[],
        at=at,
    )
    await finish_conversation(session, current, {}, at, helped=helps_individually(flow))


async def test_totals_follow_sessions_marks_responses_forget_and_retention(
    database: Database, flows: dict[str, Flow], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(year_totals, "CHUNK", 7)  # retention refreshes many meetings: a few queries of 7
    await loaded(database, flows, 7)
    await assert_in_step(database, flows, NOW, NOW + timedelta(days=40))
    starts = NOW - timedelta(minutes=30)  # in progress: check-in open, not over at NOW
    later, next_day = NOW + timedelta(hours=2), NOW + timedelta(days=1)
    async with database.unit_of_work() as session:
        (today,) = await add_meetings(session, [meeting(starts)])
        people = [await person(session, 900 + n) for n in range(5)]
        for p in people:  # three seats: two people wait
            await register(session, today, p, starts - timedelta(hours=3))
    await assert_in_step(database, flows, NOW, later)
    async with database.unit_of_work() as session:
        marked = (await session.execute(select(Registration).where(Registration.meeting_id == today))).scalars()
        seated = sorted((r for r in marked if r.status == "registered"), key=lambda r: r.id)
        await mark_attendance(session, seated[0].id, "present", MARIE, NOW)
        await mark_attendance(session, seated[1].id, "present", MARIE, NOW)
        await mark_attendance(session, seated[2].id, "excused", MARIE, NOW)
    await assert_in_step(database, flows, NOW, later, next_day)
    async with database.unit_of_work() as session:
        changed = await mark_roster(session, today, {seated[1].id: "absent", seated[2].id: "present"}, MARIE, NOW)
    assert changed == 2
    await assert_in_step(database, flows, NOW, later, next_day)
    async with database.unit_of_work() as session:  # a present person cancels: met still, marks no longer
        registration = await session.get(Registration, seated[0].id)
        assert registration is not None
        assert await cancel(session, registration, NOW) is None  # begun: the seat is offered to nobody
    await assert_in_step(database, flows, NOW, later, next_day)
    async with database.unit_of_work() as session:  # moved to 00:30 on 1 January, Paris time: the next year
        found = await session.get(Meeting, today)
        assert found is not None
        new_year = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
        await move_meeting(session, found, new_year, new_year + timedelta(hours=1))
    await assert_in_step(database, flows, NOW, datetime(2027, 1, 1, 1, tzinfo=UTC), datetime(2027, 1, 3, tzinfo=UTC))
    async with database.unit_of_work() as session:
        found = await session.get(Meeting, today)
        assert found is not None
        await move_meeting(session, found, starts, starts + timedelta(hours=2))
    await assert_in_step(database, flows, NOW, later, next_day)
    async with database.unit_of_work() as session:
        for n, flow_id in enumerate(("rights_check", "epices", "hot_evaluation", "rights_check")):
            await finish(session, flows[flow_id], people[n % 2], NOW - timedelta(days=n * 200))
    await assert_in_step(database, flows, NOW, later)
    async with database.unit_of_work() as session:  # cancelled in storage: no door cancels it once checked in
        found = await session.get(Meeting, today)
        assert found is not None
        assert await cancel_meeting(session, found, NOW) is not None
    await assert_in_step(database, flows, NOW, later, next_day)
    async with database.unit_of_work() as session:  # someone of the data set with present marks and grids
        someone = await session.scalar(
            select(Registration.person_id)
            .join(Response, Response.person_id == Registration.person_id)
            .where(Registration.attendance == "present")
            .order_by(Registration.person_id)
            .limit(1)
        )
        assert someone is not None
        gone = await session.get(Person, someone)
        assert gone is not None
        await forget_person(session, gone, NOW, survey_steps={f.id: counted_steps(f) for f in flows.values()})
        me = await session.get(Person, people[0])
        assert me is not None
        await forget_person(session, me, NOW, survey_steps={f.id: counted_steps(f) for f in flows.values()})
    await assert_in_step(database, flows, NOW, later, next_day)
    async with database.read_only() as reader:  # they count still, as erased: no row gives them any more
        assert await reader.scalar(select(func.sum(YearCount.erased)))
        gone = YearMeeting.erased_present + YearMeeting.erased_absent + YearMeeting.erased_excused
        assert await reader.scalar(select(func.sum(gone)))
    async with database.unit_of_work() as session:  # retention: old answers and marks move to anonymous stubs
        purged = await purge(session, datetime(2026, 3, 15, 12, tzinfo=UTC), NOW)
    assert purged.people and purged.registrations
    await assert_in_step(database, flows, NOW, next_day)
    async with database.unit_of_work() as session:  # a meeting deleted with its registrations
        held = await session.scalar(
            select(Registration.meeting_id).where(Registration.attendance == "present").order_by(Registration.id)
        )
        assert held is not None
        await session.execute(delete(Registration).where(Registration.meeting_id == held))
        await session.execute(delete(Meeting).where(Meeting.id == held))
        await year_totals.refresh(session, [held])
    await assert_in_step(database, flows, NOW, next_day)


async def test_a_person_marked_early_counts_once_the_session_is_over(db: Database, flows: dict[str, Flow]) -> None:
    async with db.unit_of_work() as session:
        (first,) = await add_meetings(session, [meeting(NOW - timedelta(minutes=30))])
        someone = await person(session, 77)
        await register(session, first, someone, NOW - timedelta(days=1))
        (seat,) = (await session.execute(select(Registration.id))).scalars()
        await mark_attendance(session, seat, "present", MARIE, NOW)
    async with db.read_only() as reader:
        assert await figures(reader, flows, 2026, NOW) == (0, 0, [], {})
        assert await figures(reader, flows, 2026, NOW + timedelta(hours=2)) == (
            0,
            1,
            [("info_meeting", 1)],
            {"present": 1},
        )
        assert await figures(reader, flows, 2026, NOW + timedelta(days=2)) == (
            0,
            1,
            [("info_meeting", 1)],
            {"present": 1},
        )


async def test_totals_never_drift_under_concurrent_writers(pg_db: Database, flows: dict[str, Flow]) -> None:
    """On PostgreSQL, twenty people marked at once in one session and twenty flows finished at once."""
    await loaded(pg_db, flows, 8)
    starts = NOW - timedelta(minutes=30)
    async with pg_db.unit_of_work() as session:
        (today,) = await add_meetings(session, [meeting(starts, capacity=20)])
        people = [await person(session, 500 + n) for n in range(20)]
        for p in people:
            await register(session, today, p, starts - timedelta(hours=3))
        seats = list((await session.execute(select(Registration.id).where(Registration.meeting_id == today))).scalars())

    async def present(registration_id: int, mark: str) -> None:
        async with pg_db.unit_of_work() as session:
            await mark_attendance(session, registration_id, mark, MARIE, NOW)  # type: ignore[arg-type]

    async def finished(person_id: int) -> None:
        async with pg_db.unit_of_work() as session:
            await finish(session, flows["rights_check"], person_id, NOW)

    await asyncio.gather(*(present(r, "present") for r in seats), *(finished(p) for p in people))
    await assert_in_step(pg_db, flows, NOW, NOW + timedelta(hours=2), NOW + timedelta(days=1))
    await asyncio.gather(*(present(r, "absent") for r in seats[:10]), *(finished(p) for p in people))
    await assert_in_step(pg_db, flows, NOW, NOW + timedelta(hours=2), NOW + timedelta(days=1))
    async with pg_db.read_only() as reader:
        found = await figures(reader, flows, 2026, NOW + timedelta(days=1))
        assert found == await from_rows(reader, flows, 2026, NOW + timedelta(days=1))
