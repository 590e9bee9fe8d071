"""Sessions for the console's tests: one followed by a staff member, people registered or waiting on it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from storage.db import Database
from storage.meetings import register
from storage.models import OutboxMessage
from tests.conftest import NOW, assign_staff
from tests.support.records import a_meeting, a_person


async def a_followed_session(
    db: Database, telegram_id: int | None = None, *, starts: datetime | None = None, **extra: Any
) -> int:
    """An information meeting (in three days unless told), followed by this staff member when given; its id."""
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, starts or NOW + timedelta(days=3), **extra)
        meeting_id = meeting.id
    if telegram_id is not None:
        await assign_staff(db, telegram_id, meeting_id)
    return meeting_id


async def people_on(db: Database, meeting_id: int, count: int, first_telegram_id: int = 60_000) -> None:
    """`count` people register (those beyond the seats wait); the first speaks Arabic, the others French."""
    async with db.unit_of_work() as session:
        for n in range(count):
            person = await a_person(session, first_telegram_id + n, language="ar" if n == 0 else "fr")
            await register(session, meeting_id, person.id, NOW)


async def queued_kinds(db: Database) -> list[str]:
    """The kinds of the messages waiting in the outbox, in the order they were queued."""
    async with db.unit_of_work() as session:
        rows = await session.execute(select(OutboxMessage.kind).order_by(OutboxMessage.id))
        return list(rows.scalars())
