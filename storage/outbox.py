"""Repository functions for scheduled messages (the outbox)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OutboxMessage


async def schedule(
    session: AsyncSession,
    person_id: int,
    *,
    kind: str,
    due_at: datetime,
    payload: dict[str, Any],
    key: str,
    now: datetime,
) -> tuple[OutboxMessage, bool]:
    """Queue a message once per idempotency key; a cancelled one is queued again. True when newly queued."""
    query = select(OutboxMessage).where(OutboxMessage.idempotency_key == key)
    found = (await session.execute(query)).scalar_one_or_none()
    if found is not None:
        if found.status != "cancelled":
            return found, False
        found.status, found.due_at, found.payload = "pending", due_at, payload
        return found, True
    message = OutboxMessage(
        person_id=person_id, kind=kind, due_at=due_at, payload=payload, idempotency_key=key, created_at=now
    )
    session.add(message)
    await session.flush()
    return message, True


async def cancel(session: AsyncSession, person_id: int, key: str) -> bool:
    """Cancel the person's pending message with this key; False when there is none."""
    found = (
        await session.execute(
            select(OutboxMessage).where(
                OutboxMessage.idempotency_key == key,
                OutboxMessage.person_id == person_id,
                OutboxMessage.status == "pending",
            )
        )
    ).scalar_one_or_none()
    if found is None:
        return False
    found.status = "cancelled"
    return True


async def pending(session: AsyncSession, person_id: int) -> list[OutboxMessage]:
    """The person's messages still to send, soonest first."""
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.person_id == person_id, OutboxMessage.status == "pending")
        .order_by(OutboxMessage.due_at)
    )
    return list((await session.execute(query)).scalars())
