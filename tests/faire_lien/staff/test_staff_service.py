"""Staff reads: the audit log newest first, open cases a role handles (each read audited), flagged questions."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from faire_lien.cases.policy import CasePolicy
from faire_lien.cases.service import open_case
from faire_lien.core.roles import Staff
from faire_lien.staff.service import audit_entries, flagged_questions, open_requests
from storage.audit import record
from storage.db import Database
from storage.flags import add_flag
from storage.models import AuditEntry, Response
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
        someone = await a_person(session, 99)
        person = someone.id
        response = Response(person_id=person, flow_id="callback", flow_version=1, started_at=NOW, completed_at=NOW)
        session.add(response)
        await session.flush()
        request = await open_case(session, someone, "callback", NOW, CasePolicy(), response_id=response.id)
        request_id = request.id
    async with db.unit_of_work() as session:
        (found,) = await open_requests(session, Staff("coordinator", None, "marie"), NOW, "command line")
        assert found.case.id == request_id
        assert await open_requests(session, Staff("facilitator", None, "fabien"), NOW, "command line") == []
    async with db.unit_of_work() as session:
        (audit,) = (await session.execute(select(AuditEntry))).scalars().all()
    assert (audit.actor, audit.action, audit.person_id, audit.detail) == (
        "marie",
        "read_case",
        person,
        {"case": request_id, "via": "command line"},
    )
