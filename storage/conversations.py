"""Repository functions for the active conversation of a person and for finished flows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Answer, Conversation, Response


async def load_conversation(session: AsyncSession, person_id: int) -> Conversation | None:
    """The person's unfinished flow, if any."""
    return (await session.execute(select(Conversation).where(Conversation.person_id == person_id))).scalar_one_or_none()


async def save_conversation(
    session: AsyncSession,
    person_id: int,
    current: Conversation | None,
    *,
    flow_id: str,
    flow_version: int,
    step_id: str,
    answers: dict[str, Any],
    history: list[str],
    draft: list[str],
    at: datetime,
    origin: int | None = None,
    on_behalf_of: int | None = None,
    invitation: int | None = None,
    mediated: str | None = None,
) -> Conversation:
    """Write the new position and answers of the person's one active flow (links to other rows are set at start)."""
    if current is None:
        current = Conversation(
            person_id=person_id,
            started_at=at,
            origin_response_id=origin,
            on_behalf_of=on_behalf_of,
            invitation_id=invitation,
            mediated_language=mediated,
        )
        session.add(current)
    elif current.flow_id != flow_id:
        current.started_at = at
        current.origin_response_id = origin
        current.on_behalf_of = on_behalf_of
        current.invitation_id = invitation
        current.mediated_language = mediated
    current.flow_id = flow_id
    current.flow_version = flow_version
    current.step_id = step_id
    current.answers = dict(answers)
    current.history = list(history)
    current.draft = list(draft)
    current.updated_at = at
    await session.flush()
    return current


async def finish_conversation(
    session: AsyncSession, conversation: Conversation, answers: dict[str, Any], at: datetime
) -> Response:
    """Store the finished flow's answers under their step ids and close the conversation.

    When a mediator answered for someone, the answers belong to that person and record who gave them.
    """
    owner = conversation.on_behalf_of or conversation.person_id
    given_by = conversation.person_id if conversation.on_behalf_of else None
    response = Response(
        person_id=owner,
        flow_id=conversation.flow_id,
        flow_version=conversation.flow_version,
        started_at=conversation.started_at,
        completed_at=at,
        mediated_language=conversation.mediated_language,
    )
    session.add(response)
    await session.flush()
    session.add_all(
        Answer(
            response_id=response.id,
            person_id=owner,
            given_by=given_by,
            flow_id=conversation.flow_id,
            flow_version=conversation.flow_version,
            step_id=step,
            value=value,
        )
        for step, value in answers.items()
    )
    await session.delete(conversation)
    await session.flush()
    return response


async def drop_conversation(session: AsyncSession, person_id: int) -> None:
    """Abandon the person's unfinished flow."""
    await session.execute(delete(Conversation).where(Conversation.person_id == person_id))
