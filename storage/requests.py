"""Repository functions for call-back requests and the finished flows they refer to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Answer, CallbackRequest, Response


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


def add_callback(
    session: AsyncSession, person_id: int, response_id: int, origin_response_id: int | None, at: datetime
) -> CallbackRequest:
    """Store a consented call-back request for staff."""
    request = CallbackRequest(
        person_id=person_id, response_id=response_id, origin_response_id=origin_response_id, created_at=at
    )
    session.add(request)
    return request


async def has_open_callback(session: AsyncSession, origin_response_id: int) -> bool:
    """Whether an open call-back request already follows this finished flow."""
    query = select(CallbackRequest.id).where(
        CallbackRequest.origin_response_id == origin_response_id, CallbackRequest.status == "open"
    )
    return (await session.execute(query)).first() is not None


async def cancel_callback(session: AsyncSession, person_id: int, response_id: int) -> bool:
    """Withdraw the person's open request made by this call-back response; False when none is open."""
    query = select(CallbackRequest).where(
        CallbackRequest.person_id == person_id,
        CallbackRequest.response_id == response_id,
        CallbackRequest.status == "open",
    )
    found = (await session.execute(query)).scalar_one_or_none()
    if found is None:
        return False
    found.status = "cancelled"
    return True


@dataclass(frozen=True)
class OpenRequest:
    """A call-back request as staff see it: when, who, how to reach them, and the check it follows."""

    request: CallbackRequest
    contact: dict[str, Any]
    origin_flow: str | None
    origin_answers: dict[str, Any]


async def open_callbacks(session: AsyncSession) -> list[OpenRequest]:
    """Open requests, oldest first, with their contact answers and the answers of the check they follow."""
    requests = (
        await session.execute(
            select(CallbackRequest).where(CallbackRequest.status == "open").order_by(CallbackRequest.created_at)
        )
    ).scalars()
    found: list[OpenRequest] = []
    for request in requests:
        origin = await session.get(Response, request.origin_response_id) if request.origin_response_id else None
        found.append(
            OpenRequest(
                request,
                await response_answers(session, request.response_id),
                origin.flow_id if origin else None,
                await response_answers(session, origin.id) if origin else {},
            )
        )
    return found
