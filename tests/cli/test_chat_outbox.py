"""Reminders, seat offers and polls reach a terminal user too: shown in the chat when due, once."""

from __future__ import annotations

import io
from datetime import timedelta

from cli.chat import chat
from faire_lien.assistant import Assistant
from storage.db import Database
from storage.models import OutboxMessage
from storage.people import Identity, find_person
from tests.conftest import NOW
from tests.support.db import rows


async def talk(assistant: Assistant, db: Database, lines: list[str]) -> str:
    """The terminal chat of `demo` reading these lines; what it printed."""
    out = io.StringIO()
    typed = iter([*lines, ""])
    await chat(assistant, db, user="demo", language="fr", read=lambda: next(typed) + "\n", out=out)
    return out.getvalue()


async def test_a_due_reminder_is_shown_in_the_terminal_once(assistant: Assistant, db: Database) -> None:
    await talk(assistant, db, ["1", "q"])  # J'accepte
    async with db.unit_of_work() as session:
        person = await find_person(session, Identity(terminal_user="demo"))
        assert person is not None
        session.add(
            OutboxMessage(
                person_id=person.id,
                kind="renewal_reminder",
                payload={"cover": "c2s", "end": "2027-01-31"},
                due_at=NOW - timedelta(minutes=1),
                idempotency_key="terminal:1",
                created_at=NOW,
            )
        )
    first = await talk(assistant, db, ["q"])
    assert "Rappel" in first
    again = await talk(assistant, db, ["q"])
    assert "Rappel" not in again
    (message,) = await rows(db, OutboxMessage)
    assert message.status == "sent"
