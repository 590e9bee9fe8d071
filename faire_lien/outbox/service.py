"""Staff follow up queued messages that did not go out or may not have: list them, send one again; both audited."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from storage.audit import record
from storage.models import OutboxMessage
from storage.outbox import send_again, undelivered


async def failed_messages(
    session: AsyncSession, actor: str, now: datetime, via: str | None = None
) -> list[OutboxMessage]:
    """Messages failed or uncertain (may have arrived), latest due first; one audit row per message shown."""
    found = await undelivered(session)
    for message in found:
        detail: dict[str, object] = {"message": message.id, **({"via": via} if via else {})}
        record(session, actor=actor, action="read_failed_message", at=now, person_id=message.person_id, detail=detail)
    return found


async def retry(
    session: AsyncSession, message_id: int, actor: str, now: datetime, via: str | None = None
) -> OutboxMessage | None:
    """Queue a failed or uncertain message again, due now (audited); None when there is none with that number."""
    message = await send_again(session, message_id, now)
    if message is None:
        return None
    record(
        session,
        actor=actor,
        action="retry_message",
        at=now,
        person_id=message.person_id,
        detail={"message": message.id, **({"via": via} if via else {})},
    )
    return message
