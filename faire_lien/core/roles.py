"""Who may do what: coordinators everything, facilitators their sessions, mediators grids with someone.

Checked on the server for every staff command, button and flow; anyone else is answered exactly like
an unknown command (commands) or a stale button (buttons).
"""

from __future__ import annotations

from faire_lien.core.turn import Turn
from storage.staff import role_of

PERMISSIONS: dict[str, frozenset[str]] = {
    "menu": frozenset({"coordinator", "facilitator", "mediator"}),
    "publish": frozenset({"coordinator", "facilitator"}),
    "follow": frozenset({"coordinator", "facilitator"}),
    "grids": frozenset({"coordinator", "mediator"}),
    "report": frozenset({"coordinator"}),
    "team": frozenset({"coordinator"}),
    "invite": frozenset({"coordinator"}),
    "audit": frozenset({"coordinator"}),
    "outbox": frozenset({"coordinator", "facilitator"}),
}


async def role(turn: Turn) -> str | None:
    """The person's staff role; the terminal chat runs on the server, by staff, as coordinator."""
    if turn.person.terminal_user is not None:
        return "coordinator"
    if not turn.person.consented:
        return None
    return await role_of(turn.session, turn.person.telegram_id)


def may(who: str | None, permission: str) -> bool:
    """Whether this role has this permission (no role: never)."""
    return who is not None and who in PERMISSIONS[permission]
