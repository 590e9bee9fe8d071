"""The audit log: every staff read or export of personal data leaves a row; staff read the latest rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AuditEntry
from storage.statuses import AuditAction


def record(
    session: AsyncSession,
    *,
    actor: str,
    action: AuditAction,
    at: datetime,
    person_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add an audit row in the caller's unit of work."""
    entry = AuditEntry(actor=actor, action=action, at=at, person_id=person_id, detail=detail or {})
    session.add(entry)
    return entry


async def latest(session: AsyncSession, limit: int) -> list[AuditEntry]:
    """The latest audit rows, newest first (same instant: the last written first)."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    return list((await session.execute(query)).scalars())
