"""A survey staff wrote without `category` is a survey all the same: it can be sent after a session."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from dialogs.loader import BUILTIN_DIRS
from storage.db import Database
from storage.meetings import register
from storage.models import SurveyInvitation
from tests.conftest import NOW
from tests.support.cli import RunCli
from tests.support.db import rows
from tests.support.records import a_meeting, a_person

STAFF_SURVEY = """id: mon_avis
version: 1
title: Mon avis
result: survey
steps:
  - {id: clear, kind: yesno, text: "Était-ce clair ?", optional: true, next: end}
"""


async def test_a_staff_survey_without_category_can_be_sent_after_a_session(
    db: Database, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: « unknown survey 'mon_avis'; surveys: hot_evaluation, impact_3m » (it read as a profile form)."""
    (tmp_path / "mon_avis.yaml").write_text(STAFF_SURVEY, encoding="utf-8")
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, NOW - timedelta(hours=3))
        booking = await register(session, meeting.id, (await a_person(session, 71)).id, NOW - timedelta(days=1))
        assert booking.registration is not None
        meeting_id, registration_id = meeting.id, booking.registration.id
    monkeypatch.setattr("cli.sessions.utcnow", lambda: NOW)
    env = {"DATABASE_URL": db.url, "FLOWS_DIRS": json.dumps([*map(str, BUILTIN_DIRS), str(tmp_path)])}
    assert run_cli("sessions", "attend", str(registration_id), "present", env=env).check().strip() == "attendance saved"
    sent = run_cli("sessions", "poll", str(meeting_id), "--flow", "mon_avis", env=env).check()
    assert sent.strip() == "poll queued for 1 person(s) marked present; the bot sends it"
    assert "mon_avis" in [i.flow_id for i in await rows(db, SurveyInvitation)]
