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
    # As the bot's undelivered-messages screen: French, the kind in words, "une personne" (never the person's
    # number), Paris time, the reason translated.
    assert lines[:3] == [
        "📮 Messages à suivre — non remis : 1 ; incertains : 1.",
        f"• n°{message_id} · Rappel de renouvellement · une personne · dim. 22 novembre 11:00 · "
        "❓ incertain, peut-être reçu (envoi interrompu par un redémarrage, pas renvoyé pour éviter un doublon)",
        f"• n°{blocked_id} · Détails de la rencontre · une personne · sam. 21 novembre 11:00 · ❌ non remis "
        "(la personne a bloqué le bot)",
    ]
    assert lines[3].startswith("❓ Incertain : ") and "Vérifiez avec la personne avant de le renvoyer" in lines[3]
    assert lines[4].startswith("❌ Non remis : Telegram ne l'a pas remis")
    assert lines[5] == "🔁 Pour renvoyer un message : faire-lien outbox retry NUMÉRO (le numéro après « n° »)."
    assert "renewal_reminder" not in listed.stdout and "UTC" not in listed.stdout and "person 1" not in listed.stdout
    assert await audit(db) == [("alice", "read_failed_message", 1), ("alice", "read_failed_message", 1)]

    again = run_cli("outbox", "retry", str(message_id), "--staff", "alice", env=env)
    assert again.code == 0
    assert again.stdout == f"🔁 Le message n°{message_id} est remis dans la file : il part dans quelques secondes.\n"
    async with db.unit_of_work() as session:
        message = await session.get(OutboxMessage, message_id)
        assert message is not None and (message.status, message.attempts, message.last_error) == ("pending", 0, None)
    assert (await audit(db))[-1] == ("alice", "retry_message", 1)

    twice = run_cli("outbox", "retry", str(message_id), "--staff", "alice", env=env)
    assert twice.code == 2 and f"Le message n°{message_id} : rien à renvoyer" in twice.stdout
    assert run_cli("outbox", "failed", "--staff", "alice", env=env).stdout.splitlines()[:2] == [
        "📮 Messages à suivre — non remis : 1 ; incertains : 0.",
        f"• n°{blocked_id} · Détails de la rencontre · une personne · sam. 21 novembre 11:00 · ❌ non remis "
        "(la personne a bloqué le bot)",
    ]


async def test_a_message_number_of_four_digits_is_shown_as_typed_back(db: Database, run_cli: RunCli) -> None:
    async with db.unit_of_work() as session:
        person = add_person(session, Identity(telegram_id=52))
        record_consent(person, accepted=True, language="fr", version="1", at=NOW)
        await session.flush()
        session.add(
            OutboxMessage(
                id=1234, person_id=person.id, kind="renewal_reminder", due_at=NOW, payload={}, idempotency_key="r52",
                status="failed", last_error="the person blocked the bot", created_at=NOW,
            )
        )  # fmt: skip
    env = {"DATABASE_URL": db.url}
    listed = run_cli("outbox", "failed", "--staff", "alice", env=env).check()
    assert "• n°1234 · Rappel de renouvellement" in listed  # what `outbox retry 1234` takes; never « n°1 234 »
    again = run_cli("outbox", "retry", "1234", "--staff", "alice", env=env).check()
    assert again.startswith("🔁 Le message n°1234 est remis dans la file")
