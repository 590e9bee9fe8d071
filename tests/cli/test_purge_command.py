"""Issue 15, item 7: `faire-lien purge --months N` refuses N under 1 and never reaches sessions to come."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from storage.db import Database
from storage.models import Answer, Meeting, Person, Registration, Response
from storage.retention import purge
from storage.types import utcnow
from tests.support.cli import RunCli
from tests.support.db import rows
from tests.support.records import a_meeting, a_person

TELEGRAM_ID = 77


async def _someone_active(db: Database) -> None:
    """A person who answered today and three years ago, registered for next week's session and last year's."""
    now = utcnow()
    async with db.unit_of_work() as session:
        person = await a_person(session, TELEGRAM_ID)
        for when, value in ((now - timedelta(days=3 * 365), "old"), (now, "today")):
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
        for starts in (now + timedelta(days=7), now - timedelta(days=365)):
            meeting = await a_meeting(session, starts, taken=1)
            session.add(
                Registration(
                    meeting_id=meeting.id, person_id=person.id, status="registered", created_at=now, updated_at=now
                )
            )


async def _theirs(db: Database) -> tuple[list[str], list[str]]:
    """The person's answers (values) and the sessions they are still registered for (to come or past)."""
    now = utcnow()
    async with db.unit_of_work() as session:
        person = (await session.execute(select(Person).where(Person.telegram_id == TELEGRAM_ID))).scalar_one()
        answers = (await session.execute(select(Answer.value).where(Answer.person_id == person.id))).scalars().all()
        starts = (
            await session.execute(
                select(Meeting.starts_at)
                .join(Registration, Registration.meeting_id == Meeting.id)
                .where(Registration.person_id == person.id)
            )
        ).scalars()
        sessions = sorted("to come" if start > now else "past" for start in starts)
    return sorted(answers), sessions


@pytest.mark.parametrize("months", ["0", "-1"])
async def test_item_7_purge_refuses_months_under_one(run_cli: RunCli, db: Database, months: str) -> None:
    await _someone_active(db)
    done = run_cli("purge", "--months", months, env={"DATABASE_URL": db.url})
    assert done.code == 2
    assert "give at least 1" in done.stderr
    assert "anonymised" not in done.stdout  # no silent default: nothing ran
    assert await _theirs(db) == (["old", "today"], ["past", "to come"])


async def test_item_7_purge_keeps_answers_of_today_and_sessions_not_yet_held(run_cli: RunCli, db: Database) -> None:
    await _someone_active(db)
    done = run_cli("purge", "--months", "1", env={"DATABASE_URL": db.url})
    assert done.code == 0, done.stderr
    assert "anonymised: 1 person(s), 1 answer(s), 1 registration(s)" in done.stdout
    assert await _theirs(db) == (["today"], ["to come"])  # last year's session went to an anonymous stub
    stubs = [p for p in await rows(db, Person) if p.consent == "anonymous"]
    assert len(stubs) == 1


async def test_item_7_purge_refuses_a_cutoff_in_the_future(db: Database) -> None:
    await _someone_active(db)
    now = utcnow()
    async with db.unit_of_work() as session:
        with pytest.raises(ValueError, match="in the past"):
            await purge(session, now + timedelta(days=31), now)
    assert await _theirs(db) == (["old", "today"], ["past", "to come"])
