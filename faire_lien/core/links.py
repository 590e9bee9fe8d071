"""What a /start link carries (`t.me/<bot>?start=s_<id>` on a poster's QR code): a session's id, checked.

A session id in a link is 1 to 9 ASCII digits: ids are 32-bit integers in the database (at most
2 147 483 647), so 9 digits always fit, and other digits (`²`, `١٢`) or longer numbers are not links
this bot made. Such a link is answered like a link to a session that no longer exists: "this session is
no longer offered", then the menu (or the question in progress, as /start shows it).
"""

from __future__ import annotations

import re

SESSION_LINK = "s_"
MAX_ID_DIGITS = 9
_SESSION_ID = re.compile(rf"[0-9]{{1,{MAX_ID_DIGITS}}}")


def is_session_link(argument: str) -> bool:
    """The /start argument claims to open a session (valid or not)."""
    return argument.startswith(SESSION_LINK)


def session_id(argument: str) -> int | None:
    """The session id of a valid `s_<id>` argument; None for anything else."""
    if not is_session_link(argument):
        return None
    digits = argument[len(SESSION_LINK) :]
    return int(digits) if _SESSION_ID.fullmatch(digits) else None
