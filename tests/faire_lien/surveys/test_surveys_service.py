"""Survey operations for staff: the poll to people present, results (audited as today), the yearly report."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from dialogs.i18n import translator
from dialogs.schema import Flow
from faire_lien.core.months import Month
from faire_lien.core.roles import Staff
from faire_lien.surveys.report import rows
from faire_lien.surveys.service import Selection, meeting_results, send_poll, survey_results, yearly_report
from storage.db import Database
from storage.meetings import move_meeting, register, set_attendance
from storage.models import AuditEntry
from storage.types import PARIS
from tests.conftest import NOW
from tests.support.records import a_meeting, a_person

MARIE = Staff("coordinator", None, "marie")
BOT_COORDINATOR = Staff("coordinator", None, "telegram:9")


async def held(db: Database, present: int) -> int:
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, NOW + timedelta(days=1))
        for n in range(present + 1):
            booking = await register(session, meeting.id, (await a_person(session, 90 + n)).id, NOW)
            assert booking.registration is not None
            await set_attendance(session, booking.registration, "present" if n < present else "absent")
        await move_meeting(session, meeting, NOW - timedelta(days=1), NOW - timedelta(days=1) + timedelta(hours=2))
        return meeting.id


async def test_poll_and_results_are_audited_with_their_scope(flows: dict[str, Flow], db: Database) -> None:
    meeting_id = await held(db, present=2)
    hot = flows["hot_evaluation"]
    async with db.unit_of_work() as session:
        assert await send_poll(session, meeting_id + 1, hot.id, MARIE, NOW) is None
        assert await send_poll(session, meeting_id, hot.id, MARIE, NOW) == 2
        assert await send_poll(session, meeting_id, hot.id, MARIE, NOW) == 0
    assert await meeting_results(db, hot, meeting_id + 1, BOT_COORDINATOR, NOW) is None
    one = await meeting_results(db, hot, meeting_id, BOT_COORDINATOR, NOW)
    assert one is not None and (one.meeting.id, one.report.invited, one.report.respondents) == (meeting_id, 2, 0)
    assert one.meeting.kind == "info_meeting"  # what was read stays readable once the read-only session is gone
    by_kind = await survey_results(db, hot, Selection(kind="info_meeting"), MARIE, NOW)
    assert by_kind.invited == 2
    assert (await survey_results(db, hot, Selection(kind="checkup"), MARIE, NOW)).invited == 0
    month = Month.of((NOW - timedelta(days=1)).astimezone(PARIS))
    later = Selection(kind="info_meeting", first=month.following(), last=month.following())
    assert (await survey_results(db, hot, later, MARIE, NOW)).invited == 0
    assert (await survey_results(db, hot, Selection(meeting_id=meeting_id), MARIE, NOW)).invited == 2
    async with db.unit_of_work() as session:
        audit = (await session.execute(select(AuditEntry).order_by(AuditEntry.id))).scalars().all()
    over_months = {"survey": "hot_evaluation", "kind": "info_meeting", "first": None, "last": None, "sessions": 1}
    next_month = {**over_months, "first": str(month.following()), "last": str(month.following()), "sessions": 0}
    assert [(a.actor, a.action, a.detail) for a in audit] == [
        ("telegram:9", "read_survey_results", {"meeting": meeting_id}),
        ("marie", "read_survey_results", over_months),  # the selection and a count, not every session's number
        ("marie", "read_survey_results", {**over_months, "kind": "checkup", "sessions": 0}),
        ("marie", "read_survey_results", next_month),
        ("marie", "read_survey_results", {"survey": "hot_evaluation", "meetings": [meeting_id]}),
    ]


async def test_yearly_report_is_audited(flows: dict[str, Flow], db: Database) -> None:
    await held(db, present=5)
    lines = await yearly_report(db, 2026, flows, "marie", NOW)
    shown = [(r.label, r.value) for r in rows(lines, translator("en"))]
    assert ("People who came to collective sessions", "5") in shown
    async with db.unit_of_work() as session:
        (audit,) = (await session.execute(select(AuditEntry))).scalars().all()
    assert (audit.actor, audit.action, audit.detail) == ("marie", "read_yearly_report", {"year": 2026})
