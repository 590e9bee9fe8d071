"""`sessions attend` refuses before check-in opens (an hour before the start), `sessions poll` before the end."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from storage.db import Database
from storage.meetings import register
from storage.models import Registration, SurveyInvitation
from tests.conftest import NOW
from tests.support.cli import RunCli
from tests.support.db import rows
from tests.support.records import a_meeting, a_person

STARTS = NOW + timedelta(hours=3)  # 14:00 in Paris, until 16:00


async def test_attend_and_poll_wait_for_their_time(
    db: Database, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, STARTS)
        booking = await register(session, meeting.id, (await a_person(session, 71)).id, NOW)
        assert booking.registration is not None
        meeting_id, registration_id = meeting.id, booking.registration.id
    clock = [NOW]

    def at(moment: datetime) -> None:
        clock[0] = moment

    monkeypatch.setattr("cli.sessions.utcnow", lambda: clock[0])
    env = {"DATABASE_URL": db.url}

    early = run_cli("sessions", "attend", str(registration_id), "present", env=env)
    assert (early.code, early.stdout.strip()) == (
        1,
        f"check-in opens at 13:00 on 2026-11-22 (Paris time), one hour before session {meeting_id} starts",
    )
    assert (await rows(db, Registration))[0].attendance is None
    at(STARTS - timedelta(hours=1))
    assert run_cli("sessions", "attend", str(registration_id), "present", env=env).check().strip() == "attendance saved"

    at(STARTS + timedelta(hours=1, minutes=59))
    too_soon = run_cli("sessions", "poll", str(meeting_id), env=env)
    assert (too_soon.code, too_soon.stdout.strip()) == (
        1,
        f"the poll can be sent once session {meeting_id} has ended, at 16:00 on 2026-11-22 (Paris time)",
    )
    assert [i.flow_id for i in await rows(db, SurveyInvitation)] == ["impact_3m"]
    at(STARTS + timedelta(hours=2))
    sent = run_cli("sessions", "poll", str(meeting_id), env=env).check()
    assert sent.strip() == "poll queued for 1 person(s) marked present; the bot sends it"
