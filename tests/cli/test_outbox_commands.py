"""Staff see the messages that did not go out or may not have, and can send one again; every read is audited."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from storage.audit import record
from storage.db import Database
from storage.models import AuditEntry, OutboxMessage
from storage.outbox import give_up_interrupted, schedule
from storage.people import Identity, add_person, record_consent
from tests.conftest import NOW
from tests.support.cli import RunCli


async def interrupted_reminder(db: Database) -> tuple[int, int]:
    """A renewal reminder a crash cut while it was being sent (uncertain at restart), and one the person blocked."""
    async with db.unit_of_work() as session:
        person = add_person(session, Identity(telegram_id=51))
        record_consent(person, accepted=True, language="fr", version="1", at=NOW)
        await session.flush()
        message, _ = await schedule(
            session, person.id, kind="renewal_reminder", due_at=NOW, payload={}, key="r51", now=NOW
        )
        await schedule(session, person.id, kind="meeting_confirm", due_at=NOW, payload={}, key="c51", now=NOW)
        blocked, _ = await schedule(
            session, person.id, kind="meeting_details", due_at=NOW - timedelta(days=1), payload={}, key="d51", now=NOW
        )
        blocked.status, blocked.last_error = "failed", "the person blocked the bot"
        message.status = "sending"
        await session.flush()
        await give_up_interrupted(session)
        record(session, actor="setup", action="none", at=NOW)  # an unrelated row, not counted below
        return message.id, blocked.id


async def audit(db: Database) -> list[tuple[str, str, int | None]]:
    async with db.unit_of_work() as session:
        rows = (await session.execute(select(AuditEntry).where(AuditEntry.actor == "alice"))).scalars()
        return [(row.actor, row.action, row.person_id) for row in rows]


async def test_failed_and_uncertain_messages_are_listed_audited_and_can_be_sent_again(
    db: Database, run_cli: RunCli
) -> None:
    message_id, blocked_id = await interrupted_reminder(db)
    env = {"DATABASE_URL": db.url}
    listed = run_cli("outbox", "failed", "--staff", "alice", env=env)
    assert listed.code == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[:3] == [
        f"#{message_id} renewal_reminder person 1, due 2026-11-22 10:00 UTC: UNCERTAIN, may or may not have arrived: "
        "interrupted while sending; not resent to avoid a duplicate",
        f"#{blocked_id} meeting_details person 1, due 2026-11-21 10:00 UTC: failed, not delivered: "
        "the person blocked the bot",
        "2 message(s) to follow up: 1 failed, 1 uncertain",
    ]
    assert "may have shown it to the person" in lines[3] and "never sent again automatically" in lines[3]
    assert lines[4].startswith("Failed: Telegram did not deliver it")
    assert await audit(db) == [("alice", "read_failed_message", 1), ("alice", "read_failed_message", 1)]

    again = run_cli("outbox", "retry", str(message_id), "--staff", "alice", env=env)
    assert again.code == 0 and f"#{message_id} renewal_reminder queued again" in again.stdout
    async with db.unit_of_work() as session:
        message = await session.get(OutboxMessage, message_id)
        assert message is not None and (message.status, message.attempts, message.last_error) == ("pending", 0, None)
    assert (await audit(db))[-1] == ("alice", "retry_message", 1)

    twice = run_cli("outbox", "retry", str(message_id), "--staff", "alice", env=env)
    assert twice.code == 2 and f"no failed or uncertain message #{message_id}" in twice.stdout
    assert run_cli("outbox", "failed", "--staff", "alice", env=env).stdout.splitlines()[0] == (
        f"#{blocked_id} meeting_details person 1, due 2026-11-21 10:00 UTC: failed, not delivered: "
        "the person blocked the bot"
    )
