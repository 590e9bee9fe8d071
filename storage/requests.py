"""Repository functions for the finished flows a result card's offers refer to."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Answer, Response


async def load_response(session: AsyncSession, person_id: int, response_id: int) -> Response | None:
    """One of the person's finished flows (None for somebody else's or a deleted one)."""
    found = await session.get(Response, response_id)
    return found if found is not None and found.person_id == person_id else None


async def answered_for(session: AsyncSession, staff_person_id: int, response_id: int) -> Response | None:
    """A finished flow of someone else whose answers this staff member gave (None otherwise)."""
    given = select(Answer.id).where(Answer.response_id == response_id, Answer.given_by == staff_person_id).limit(1)
    query = select(Response).where(Response.id == response_id, Response.person_id != staff_person_id, given.exists())
    return (await session.execute(query)).scalar_one_or_none()


async def response_answers(session: AsyncSession, response_id: int) -> dict[str, Any]:
    """The answers of a finished flow, by step id."""
    rows = await session.execute(select(Answer.step_id, Answer.value).where(Answer.response_id == response_id))
    return {row.step_id: row.value for row in rows}
