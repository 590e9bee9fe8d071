"""Repository functions for people: find by channel identity, record consent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Person


@dataclass(frozen=True)
class Identity:
    """Who is talking: a Telegram user id or a terminal user name."""

    telegram_id: int | None = None
    terminal_user: str | None = None


async def find_person(session: AsyncSession, who: Identity) -> Person | None:
    """The person behind this identity, if they answered the consent question."""
    if who.telegram_id is not None:
        query = select(Person).where(Person.telegram_id == who.telegram_id)
    else:
        query = select(Person).where(Person.terminal_user == who.terminal_user)
    return (await session.execute(query)).scalar_one_or_none()


async def record_consent(
    session: AsyncSession,
    who: Identity,
    person: Person | None,
    *,
    accepted: bool,
    language: str,
    version: str,
    at: datetime,
) -> Person:
    """Create or update the person with their consent decision (the only thing kept on refusal)."""
    if person is None:
        person = Person(telegram_id=who.telegram_id, terminal_user=who.terminal_user)
        session.add(person)
    person.language = language
    person.consent = "accepted" if accepted else "refused"
    person.consent_at = at
    person.consent_version = version
    await session.flush()
    return person
