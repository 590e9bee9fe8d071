"""A session for the check-in and poll pages: people registered and waiting, each with their booking code."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx

from storage.db import Database
from storage.meetings import register
from tests.conftest import NOW, assign_staff, make_staff
from tests.support.records import a_meeting, a_person

PEOPLE = 880_000
"""People's Telegram ids start here: the pages must never show them."""
STARTS = NOW + timedelta(hours=3)
"""14:00 in Paris: check-in opens at 13:00 (NOW + 2 h), the session ends at 16:00 (NOW + 5 h)."""


@dataclass(frozen=True)
class Booked:
    """A session and its registrations: (registration number, booking code), registered then waiting."""

    meeting_id: int
    registered: list[tuple[int, str]]
    waiting: list[tuple[int, str]]


async def a_session(
    db: Database,
    registered: int = 2,
    waiting: int = 1,
    starts: datetime = STARTS,
    facilitator: int | None = None,
    title: str = "Réunion C2S",
) -> Booked:
    """A session with `registered` seats all taken and `waiting` more people on its waiting list."""
    async with db.unit_of_work() as session:
        meeting = await a_meeting(session, starts, capacity=registered, title={"fr": title})
        seats: list[tuple[int, str]] = []
        queue: list[tuple[int, str]] = []
        for n in range(registered + waiting):
            person = await a_person(session, PEOPLE + meeting.id * 100 + n)
            booking = await register(session, meeting.id, person.id, NOW)
            assert booking.registration is not None and booking.registration.code is not None
            (seats if n < registered else queue).append((booking.registration.id, booking.registration.code))
        meeting_id = meeting.id
    if facilitator is not None:
        await make_staff(db, facilitator, "facilitator")
        await assign_staff(db, facilitator, meeting_id)
    return Booked(meeting_id, seats, queue)


def seen(response: httpx.Response) -> str:
    """The page's text as a reader sees it (HTML entities such as &#39; turned back into characters)."""
    return html.unescape(response.text)
