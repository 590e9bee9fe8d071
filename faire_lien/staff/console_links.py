"""One-time links to the staff console: from /console in the bot, the /staff menu, or the command line."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from faire_lien.core.roles import Staff
from storage import console

LINK_VALID = timedelta(minutes=10)
"""How long a sign-in link opens the console; it opens it once."""


async def sign_in_link(session: AsyncSession, staff: Staff, base_url: str, now: datetime) -> str:
    """A single-use address that signs this staff member in to the console within ten minutes."""
    token = await console.new_link(session, staff.member_id, staff.label, now, LINK_VALID)
    return f"{base_url.rstrip('/')}/login/{token}"
