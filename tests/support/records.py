"""Rows for service tests: a consenting person, a meeting, a registration (written in the caller's session)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from faire_lien.core.roles import Staff
from storage.meetings import add_meetings, register
from storage.models import Meeting, Person
from tests.conftest import NOW

OPERATOR = Staff("coordinator", None, "operator")
"""The server's operator, a coordinator: who cancels or moves a session in service tests."""


async def a_person(session: AsyncSession, telegram_id: int | None, language: str = "fr", **extra: Any) -> Person:
    """Someone who accepted the consent question (with `consent="refused"` in `extra`, someone who did not)."""
    fields: dict[str, Any] = {"language": language, "consent": "accepted", "consent_at": NOW, "consent_version": "v"}
    person = Person(telegram_id=telegram_id, **{**fields, **extra})
    session.add(person)
    await session.flush()
    return person


async def a_meeting(session: AsyncSession, starts: datetime | None = None, **extra: Any) -> Meeting:
    """An information meeting in two days (unless told otherwise), two hours long, ten seats."""
    begin = starts or NOW + timedelta(days=2)
    fields: dict[str, Any] = {
        "kind": "info_meeting",
        "title": {"fr": "Réunion C2S", "en": "C2S meeting"},
        "starts_at": begin,
        "ends_at": begin + timedelta(hours=2),
        "place": "CPAM Poitiers",
        "address": "41 rue Touffenet, 86000 Poitiers",
        "capacity": 10,
        "created_by": "test",
        "created_at": NOW,
    }
    meeting = Meeting(**{**fields, **extra})
    await add_meetings(session, [meeting])  # published as staff publish: the yearly report counts it
    return meeting


async def registered_on(session: AsyncSession, when: datetime, telegram_id: int = 70_000) -> None:
    """Someone registered on `when` to a session in two days: the service's data begins then, at the latest."""
    meeting = await a_meeting(session, when + timedelta(days=2))
    booking = await register(session, meeting.id, (await a_person(session, telegram_id)).id, when)
    assert booking.registration is not None
