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


async def get_person(session: AsyncSession, person_id: int) -> Person | None:
    """One person by number."""
    return await session.get(Person, person_id)


async def telegram_ids(session: AsyncSession, person_ids: list[int]) -> dict[int, int | None]:
    """The Telegram id of each of these people (None for someone without Telegram)."""
    if not person_ids:
        return {}
    query = select(Person.id, Person.telegram_id).where(Person.id.in_(person_ids))
    return {int(pid): telegram_id for pid, telegram_id in (await session.execute(query)).all()}


def add_person(session: AsyncSession, who: Identity) -> Person:
    """A new person row for this identity (created only when they answer the consent question)."""
    person = Person(telegram_id=who.telegram_id, terminal_user=who.terminal_user)
    session.add(person)
    return person


def record_consent(person: Person, *, accepted: bool, language: str, version: str, at: datetime) -> None:
    """Set the consent decision (the only thing kept on refusal, with the language it was given in)."""
    person.language = language
    person.consent = "accepted" if accepted else "refused"
    person.consent_at = at
    person.consent_version = version
