"""Which sessions a staff member follows: coordinators all; facilitators those they published or are assigned to.

The one place the rule lives. Every service that shows or changes a session for staff (list, roster,
attendance, poll, results, assignments) asks it first, so the bot's /staff screens, the command line
and the web console obey the same rule.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from faire_lien.core.roles import Staff, may
from storage.facilitators import follows


class NotYourSessionError(Exception):
    """A facilitator asked for a session they neither published nor are assigned to."""

    def __init__(self, meeting_id: int) -> None:
        super().__init__(f"session {meeting_id} is not one of yours")
        self.meeting_id = meeting_id


class NotAllowedError(Exception):
    """A staff member asked for what their role does not allow (a mediator following, a facilitator assigning)."""

    def __init__(self, staff: Staff, permission: str) -> None:
        super().__init__(f"{staff.label} ({staff.role}) may not {permission.replace('_', ' ')}")
        self.permission = permission


def require(staff: Staff, permission: str) -> None:
    """Raise `NotAllowedError` unless this staff member's role has this permission."""
    if not may(staff.role, permission):
        raise NotAllowedError(staff, permission)


def followed_filter(staff: Staff) -> int | None:
    """The staff member whose sessions a list keeps, or None when they see every session (coordinators)."""
    require(staff, "follow")
    if may(staff.role, "all_sessions"):
        return None
    if staff.member_id is None:
        raise NotAllowedError(staff, "follow")
    return staff.member_id


async def check_follows(session: AsyncSession, staff: Staff, meeting_id: int) -> None:
    """Raise `NotYourSessionError` unless this staff member follows this session (`NotAllowedError`: no right)."""
    member_id = followed_filter(staff)
    if member_id is not None and not await follows(session, meeting_id, member_id):
        raise NotYourSessionError(meeting_id)
