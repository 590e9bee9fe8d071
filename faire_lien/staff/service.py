"""Staff reads shared by the bot's /staff screens, the command line and the console: audit log, requests, flags."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from faire_lien.cases.kinds import kinds_for
from faire_lien.cases.service import CaseView, inbox, read
from faire_lien.core.roles import Staff
from storage.audit import latest
from storage.cases import Listing
from storage.flags import FlagCount, flag_counts
from storage.models import AuditEntry


async def audit_entries(session: AsyncSession, limit: int) -> list[AuditEntry]:
    """The latest staff reads, exports and role changes, newest first."""
    return await latest(session, limit)


async def open_requests(session: AsyncSession, staff: Staff, now: datetime, via: str) -> list[CaseView]:
    """The open cases this staff member's role handles, oldest first; one audit row per case shown."""
    found, _total = await inbox(session, staff, Listing(kinds=kinds_for(staff.role), limit=500))
    views = [await read(session, case.id, staff, now, via) for case in found]
    return [view for view in views if view is not None]


async def flagged_questions(session: AsyncSession) -> list[FlagCount]:
    """How often each question was flagged as not understood, per flow, step and language; most flagged first."""
    return await flag_counts(session)
