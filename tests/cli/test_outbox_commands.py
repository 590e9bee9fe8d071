"""Staff see the messages that did not go out and can send one again; every read is audited."""

from __future__ import annotations

from sqlalchemy import select

from storage.audit import record
from storage.db import Database
from storage.models import AuditEntry, OutboxMessage
from storage.outbox import give_up_interrupted, schedule
from storage.people import Identity, add_person, record_consent
from tests.conftest import NOW
from tests.support.cli import RunCli


async def interrupted_reminder(db: Database) -> int:
    """A renewal reminder a crash cut while it was being sent, then given up at restart."""
    async with db.unit_of_work() as session:
        person = add_person(session, Identity(telegram_id=51))
        record_consent(person, accepted=True, language="fr", version="1", at=NOW)
        await session.flush()
        message, _ = await schedule(
            session, person.id, kind="renewal_reminder", due_at=NOW, payload={}, key="r51", now=NOW
        )
        await schedule(session, person.id, kind="meeting_confirm", due_at=NOW, payload={}, key="c51", now=NOW)
        message.status = "sending"
        await session.flush()
        await give_up_interrupted(session)
        record(session, actor="setup", action="none", at=NOW)  # an unrelated row, not counted below
        return message.id


async def audit(db: Database) -> list[tuple[str, str, int | None]]:
    async with db.unit_of_work() as session:
        rows = (await session.execute(select(AuditEntry).where(AuditEntry.actor == "alice"))).scalars()
        return [(row.actor, row.action, row.person_id) for row in rows]


async def test_failed_messages_are_listed_audited_and_can_be_sent_again(db: Database, run_cli: RunCli) -> None:
    message_id = await interrupted_reminder(db)
    env = {"DATABASE_URL": db.url}
    listed = run_cli("outbox", "failed", "--staff", "alice", env=env)
    assert listed.code == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0] == (
        f"#{message_id} renewal_reminder person 1, due 2026-11-22 10:00 UTC: "
        "interrupted while sending; not resent to avoid a duplicate"
    )
    assert lines[1] == "1 message(s) not delivered"
    assert "may or may not have reached the person" in lines[2]
    assert await audit(db) == [("alice", "read_failed_message", 1)]

    again = run_cli("outbox", "retry", str(message_id), "--staff", "alice", env=env)
    assert again.code == 0 and f"#{message_id} renewal_reminder queued again" in again.stdout
    async with db.unit_of_work() as session:
        message = await session.get(OutboxMessage, message_id)
        assert message is not None and (message.status, message.attempts, message.last_error) == ("pending", 0, None)
    assert await audit(db) == [("alice", "read_failed_message", 1), ("alice", "retry_message", 1)]

    twice = run_cli("outbox", "retry", str(message_id), "--staff", "alice", env=env)
    assert twice.code == 2 and f"no failed message #{message_id}" in twice.stdout
    assert run_cli("outbox", "failed", "--staff", "alice", env=env).stdout.splitlines() == [
        "0 message(s) not delivered"
    ]
