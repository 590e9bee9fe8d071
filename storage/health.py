"""What the health check reads: the schema revision and the outbox's backlog and failures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OutboxMessage


@dataclass(frozen=True)
class OutboxCounts:
    """Messages due and not yet gone out, and messages given up or of unknown outcome."""

    backlog: int
    failed: int


async def schema_revision(session: AsyncSession) -> str | None:
    """The Alembic revision this database is at (None before the first migration)."""
    found = await session.execute(text("SELECT version_num FROM alembic_version"))
    row = found.first()
    return None if row is None else str(row[0])


async def outbox_counts(session: AsyncSession, now: datetime) -> OutboxCounts:
    """Count due messages still waiting or being sent, and those that did not go out."""
    due = OutboxMessage.status.in_(("pending", "sending")) & (OutboxMessage.due_at <= now)
    backlog = await session.scalar(select(func.count()).select_from(OutboxMessage).where(due))
    gone_wrong = OutboxMessage.status.not_in(("pending", "sending", "sent", "cancelled"))
    failed = await session.scalar(select(func.count()).select_from(OutboxMessage).where(gone_wrong))
    return OutboxCounts(backlog=backlog or 0, failed=failed or 0)
