"""The audit log: every staff read or export of personal data leaves a row; staff read the latest rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select
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


@dataclass(frozen=True)
class AuditFilter:
    """Which rows of the journal to show: one actor, one action, from and until an instant (each optional)."""

    actor: str | None = None
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    """Excluded: rows before this instant."""

    def conditions(self) -> list[ColumnElement[bool]]:
        """The WHERE conditions of this filter."""
        found: list[ColumnElement[bool]] = []
        if self.actor is not None:
            found.append(AuditEntry.actor == self.actor)
        if self.action is not None:
            found.append(AuditEntry.action == self.action)
        if self.since is not None:
            found.append(AuditEntry.at >= self.since)
        if self.until is not None:
            found.append(AuditEntry.at < self.until)
        return found


async def search(session: AsyncSession, wanted: AuditFilter, limit: int, offset: int = 0) -> list[AuditEntry]:
    """One page of the rows matching the filter, newest first (same instant: the last written first)."""
    query = (
        select(AuditEntry)
        .where(*wanted.conditions())
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list((await session.execute(query)).scalars())


async def count(session: AsyncSession, wanted: AuditFilter) -> int:
    """How many rows match the filter."""
    query = select(func.count()).select_from(AuditEntry).where(*wanted.conditions())
    return int((await session.execute(query)).scalar_one())


async def actors(session: AsyncSession) -> list[str]:
    """Everyone (or every job) the journal names, sorted."""
    query = select(AuditEntry.actor).distinct().order_by(AuditEntry.actor)
    return [str(actor) for actor in (await session.execute(query)).scalars()]
