"""Coordinators manage the team from the console: invite, change a role, name, revoke; each change audited.

Nobody revokes or changes their own role, and the last coordinator keeps theirs: someone can always
manage the team. Revoking someone also signs them out of every console session at once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.bidi import stripped
from faire_lien.cases.policy import CasePolicy
from faire_lien.cases.service import release_orphans
from faire_lien.core.roles import Staff
from storage import console, staff
from storage.models import StaffInvite, StaffMember
from storage.statuses import StaffRole


class TeamRefusedError(Exception):
    """A team change that is not done, and why (`reason` is one of the words below)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


ONESELF = "oneself"
"""One's own role is changed or revoked by another coordinator only."""
LAST_COORDINATOR = "last_coordinator"
"""The last coordinator cannot lose that role."""
TOO_LONG = "too_long"
"""A display name longer than `MAX_DISPLAY_NAME`."""
MAX_DISPLAY_NAME = staff.MAX_DISPLAY_NAME


async def make_invite(session: AsyncSession, by: Staff, role: StaffRole, now: datetime) -> StaffInvite:
    """A single-use code valid 7 days for a new staff member with this role (audited), as /invite in the bot."""
    code = await staff.invite(session, role, by.label, now)
    await session.flush()
    return code


async def change_role(
    session: AsyncSession, by: Staff, member: StaffMember, role: StaffRole, now: datetime, policy: CasePolicy
) -> bool:
    """Give a staff member another role (audited); False when it is already theirs (cases they can no longer
    handle go back to the queue)."""
    if member.role == role:
        return False
    await _may_lose_role(session, by, member)
    await staff.grant(session, member.telegram_id, role, by.label, now)
    await release_orphans(session, now, policy)
    return True


async def revoke(session: AsyncSession, by: Staff, member: StaffMember, now: datetime, policy: CasePolicy) -> None:
    """Take a staff member's role away (audited), end their console sessions, put their cases back in the queue."""
    await _may_lose_role(session, by, member)
    await staff.revoke(session, member.telegram_id, by.label, now)
    await console.end_sessions_of(session, member.id, now)
    await release_orphans(session, now, policy)


def rename(session: AsyncSession, by: Staff, member: StaffMember, name: str, now: datetime) -> None:
    """Set how the console shows a staff member (stripped, unmatched direction overrides too; empty: none) (audited)."""
    cleaned = " ".join(stripped(name).split())
    if len(cleaned) > MAX_DISPLAY_NAME:
        raise TeamRefusedError(TOO_LONG)
    staff.rename(session, member, cleaned or None, by.label, now)


async def _may_lose_role(session: AsyncSession, by: Staff, member: StaffMember) -> None:
    if by.member_id == member.id:
        raise TeamRefusedError(ONESELF)
    if member.role == "coordinator" and await staff.coordinators(session) <= 1:
        raise TeamRefusedError(LAST_COORDINATOR)
