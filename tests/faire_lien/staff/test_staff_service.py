"""Staff reads: the audit log newest first, open call-back requests (each read audited), flagged questions."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from faire_lien.staff.service import audit_entries, flagged_questions, open_requests
from storage.audit import record
from storage.db import Database
from storage.flags import add_flag
from storage.models import AuditEntry, Response
from storage.requests import add_callback
from tests.conftest import NOW
from tests.support.records import a_person


async def test_audit_log_and_flags(db: Database) -> None:
    async with db.unit_of_work() as session:
        record(session, actor="a", action="read_roster", at=NOW - timedelta(minutes=1))
        record(session, actor="b", action="grant_role", at=NOW)
        add_flag(session, flow_id="rights_check", step_id="income", language="fr", at=NOW)
    async with db.unit_of_work() as session:
        assert [e.actor for e in await audit_entries(session, 1)] == ["b"]
        assert [(f.step_id, f.count) for f in await flagged_questions(session)] == [("income", 1)]


async def test_open_requests_are_audited(db: Database) -> None:
    async with db.unit_of_work() as session:
        person = (await a_person(session, 99)).id
        response = Response(person_id=person, flow_id="callback", flow_version=1, started_at=NOW, completed_at=NOW)
        session.add(response)
        await session.flush()
        request = add_callback(session, person, response.id, None, NOW)
        await session.flush()
        request_id = request.id
    async with db.unit_of_work() as session:
        (found,) = await open_requests(session, "marie", NOW)
        assert found.request.id == request_id
    async with db.unit_of_work() as session:
        (audit,) = (await session.execute(select(AuditEntry))).scalars().all()
    assert (audit.actor, audit.action, audit.person_id, audit.detail) == (
        "marie",
        "read_callback_request",
        person,
        {"request": request_id},
    )
