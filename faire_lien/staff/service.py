"""Staff reads shared by the bot's /staff screens, the command line and the console: audit log, requests, flags."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from storage.audit import latest, record
from storage.flags import FlagCount, flag_counts
from storage.models import AuditEntry
from storage.requests import OpenRequest, open_callbacks


async def audit_entries(session: AsyncSession, limit: int) -> list[AuditEntry]:
    """The latest staff reads, exports and role changes, newest first."""
    return await latest(session, limit)


async def open_requests(session: AsyncSession, actor: str, now: datetime) -> list[OpenRequest]:
    """Open call-back requests, oldest first; one audit row per request shown."""
    found = await open_callbacks(session)
    for item in found:
        record(
            session,
            actor=actor,
            action="read_callback_request",
            at=now,
            person_id=item.request.person_id,
            detail={"request": item.request.id},
        )
    return found


async def flagged_questions(session: AsyncSession) -> list[FlagCount]:
    """How often each question was flagged as not understood, per flow, step and language; most flagged first."""
    return await flag_counts(session)
