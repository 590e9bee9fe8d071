"""Who may do what: coordinators everything, facilitators their sessions, mediators grids with someone.

Checked on the server for every staff command, button and flow; anyone else is answered exactly like
an unknown command (commands) or a stale button (buttons). "Their sessions" are the sessions a
facilitator published or a coordinator assigned them to: `faire_lien/sessions/access.py` checks it for
every session a staff member follows, marks or polls, in the bot as on the command line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from faire_lien.core.turn import Turn
from faire_lien.staff.names import note_telegram_name
from storage.models import StaffMember
from storage.staff import active_member
from storage.statuses import StaffRole

PERMISSIONS: dict[str, frozenset[str]] = {
    "menu": frozenset({"coordinator", "facilitator", "mediator"}),
    "publish": frozenset({"coordinator", "facilitator"}),
    "follow": frozenset({"coordinator", "facilitator"}),
    "grids": frozenset({"coordinator", "mediator"}),
    "grid_results": frozenset({"coordinator", "mediator"}),  # each person's score: staff who run grids with people
    "report": frozenset({"coordinator"}),
    "team": frozenset({"coordinator"}),
    "invite": frozenset({"coordinator"}),
    "audit": frozenset({"coordinator"}),
    "assign": frozenset({"coordinator"}),
    "all_sessions": frozenset({"coordinator"}),
    "outbox": frozenset({"coordinator"}),  # a message names the person; facilitators follow only their sessions
    "cases": frozenset({"coordinator", "facilitator", "mediator"}),  # each sees only the kinds of case it handles
}
STAFF_ID = re.compile(r"(?:telegram:)?(\d{1,15})")


@dataclass(frozen=True)
class Staff:
    """A staff member acting: their role, their row in the staff list, and how the audit log names them."""

    role: StaffRole
    member_id: int | None
    """`StaffMember.id`; None for the server's operator (the terminal chat, the command line)."""
    label: str
    """The audit log's actor: `telegram:<id>`, `terminal:<user>` or the command line's `--staff`."""


async def role(turn: Turn) -> str | None:
    """The person's staff role; the terminal chat runs on the server, by staff, as coordinator."""
    if turn.person.terminal_user is not None:
        return "coordinator"
    if not turn.person.consented:
        return None
    member = await _member(turn)
    return None if member is None else member.role


def may(who: str | None, permission: str) -> bool:
    """Whether this role has this permission (no role: never)."""
    return who is not None and who in PERMISSIONS[permission]


async def staff(turn: Turn) -> Staff | None:
    """The staff member behind this turn, or None; the terminal chat's user acts as coordinator."""
    if turn.person.terminal_user is not None:
        return Staff("coordinator", None, f"terminal:{turn.person.terminal_user}")
    if not turn.person.consented:
        return None
    member = await _member(turn)
    return None if member is None else Staff(member.role, member.id, f"telegram:{member.telegram_id}")


async def _member(turn: Turn) -> StaffMember | None:
    """The active staff member behind this turn; the Telegram first name their update carried is kept, so that
    colleagues who see no display name read it rather than a number."""
    member = await active_member(turn.session, turn.person.telegram_id)
    if member is not None:
        note_telegram_name(member, turn.first_name)
    return member


async def staff_named(session: AsyncSession, name: str) -> Staff | None:
    """Who a command line's `--staff NAME` acts as.

    `telegram:ID` (or a bare Telegram id) is that staff member, with their role (None when they have
    none). Any other name is the server's operator, who can open the database anyway: a coordinator,
    audited under that name.
    """
    number = STAFF_ID.fullmatch(name)
    if number is None:
        return Staff("coordinator", None, name)
    member = await active_member(session, int(number.group(1)))
    return None if member is None else Staff(member.role, member.id, f"telegram:{member.telegram_id}")
