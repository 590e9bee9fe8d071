"""Staff list the messages that did not go out and queue one again; each read and retry leaves an audit row."""

from __future__ import annotations

from sqlalchemy import select

from faire_lien.outbox.service import failed_messages, retry
from storage.db import Database
from storage.models import AuditEntry
from storage.outbox import schedule
from tests.conftest import NOW
from tests.support.records import a_person


async def test_failed_messages_and_retry_are_audited(db: Database) -> None:
    async with db.unit_of_work() as session:
        person = (await a_person(session, 61)).id
        failed, _ = await schedule(session, person, kind="renewal_reminder", due_at=NOW, payload={}, key="f", now=NOW)
        await schedule(session, person, kind="renewal_reminder", due_at=NOW, payload={}, key="p", now=NOW)
        unsure, _ = await schedule(session, person, kind="renewal_reminder", due_at=NOW, payload={}, key="u", now=NOW)
        failed.status, failed.attempts, failed.last_error = "failed", 5, "rate limited by Telegram (429)"
        unsure.status, unsure.attempts, unsure.last_error = "uncertain", 1, "no answer from Telegram"
        failed_id, unsure_id = failed.id, unsure.id
    async with db.unit_of_work() as session:
        assert [m.id for m in await failed_messages(session, "alice", NOW)] == [unsure_id, failed_id]
        assert await retry(session, failed_id + 1, "alice", NOW) is None  # pending, not failed
        again = await retry(session, failed_id, "alice", NOW)
        assert again is not None and (again.status, again.attempts, again.last_error) == ("pending", 0, None)
        checked = await retry(session, unsure_id, "alice", NOW)  # staff checked with the person: it did not arrive
        assert checked is not None and (checked.status, checked.attempts, checked.last_error) == ("pending", 0, None)
    async with db.unit_of_work() as session:
        audit = (await session.execute(select(AuditEntry).order_by(AuditEntry.id))).scalars().all()
    assert [(a.actor, a.action, a.person_id, a.detail) for a in audit] == [
        ("alice", "read_failed_message", person, {"message": unsure_id}),
        ("alice", "read_failed_message", person, {"message": failed_id}),
        ("alice", "retry_message", person, {"message": failed_id}),
        ("alice", "retry_message", person, {"message": unsure_id}),
    ]
