"""What a /start link carries: a session's id (`s_<id>`, a poster's QR code) or a staff invitation (`inv_<code>`).

A session id in a link is 1 to 9 ASCII digits: ids are 32-bit integers in the database (at most
2 147 483 647), so 9 digits always fit, and other digits (`²`, `١٢`) or longer numbers are not links
this bot made. Such a link is answered like a link to a session that no longer exists: "this session is
no longer offered", then the menu (or the question in progress, as /start shows it), someone new too, once
they chose a language and answered the consent question. An invitation whose code is not 8 to 32 letters,
digits, `-` or `_` (`INV_abc`, cut short when copied) is answered as any code that is not valid. The prefixes
are read in any case (`S_12` from a link typed by hand or a QR reader that capitalised it opens session 12); an
invitation's code keeps its case.
"""

from __future__ import annotations

import re

SESSION_LINK = "s_"
INVITE_LINK = "inv_"
MAX_ID_DIGITS = 9
_SESSION_ID = re.compile(rf"[0-9]{{1,{MAX_ID_DIGITS}}}")
_INVITE_CODE = re.compile(r"[A-Za-z0-9_-]{8,32}")
PATTERN = rf"{SESSION_LINK}[0-9]{{1,{MAX_ID_DIGITS}}}|{INVITE_LINK}[A-Za-z0-9_-]{{8,32}}"
"""A valid link as it travels in the language and consent buttons of someone new (route argument)."""


NO_SESSION = f"{SESSION_LINK}0"
"""What a broken session link is kept as through someone new's first screens: no session has id 0."""
NO_INVITE = f"{INVITE_LINK}{'-' * 8}"
"""What a broken invitation link (`INV_abc`, cut short) is kept as: a code of 8 dashes, never one this bot makes
(16 characters), so it is answered as an invitation code that is not valid."""


def is_session_link(argument: str) -> bool:
    """The /start argument claims to open a session (valid or not), its prefix in any case."""
    return argument[: len(SESSION_LINK)].lower() == SESSION_LINK


def session_id(argument: str) -> int | None:
    """The session id of a valid `s_<id>` argument; None for anything else."""
    if not is_session_link(argument):
        return None
    digits = argument[len(SESSION_LINK) :]
    return int(digits) if _SESSION_ID.fullmatch(digits) else None


def is_invite_link(argument: str) -> bool:
    """The /start argument claims to be a staff invitation (valid or not), its prefix in any case."""
    return argument[: len(INVITE_LINK)].lower() == INVITE_LINK


def invite_code(argument: str) -> str | None:
    """The code of a valid `inv_<code>` argument (a staff invitation, prefix in any case); None for anything else."""
    if not is_invite_link(argument):
        return None
    code = argument[len(INVITE_LINK) :]
    return code if _INVITE_CODE.fullmatch(code) else None


def session_start_link(bot_username: str, meeting_id: int) -> str:
    """The address that opens the bot on a session (a poster's QR code): t.me/<bot>?start=s_<id>."""
    return deep_link(bot_username, f"{SESSION_LINK}{meeting_id}")


def kept(argument: str) -> str | None:
    """The link to keep through the language and consent screens of someone new, written as this bot writes it;
    a session link that is not valid is kept as NO_SESSION (they then read it is no longer offered), an invitation
    that is not valid as NO_INVITE (they then read the code is not valid); None for anything else."""
    if is_session_link(argument):
        found = session_id(argument)
        return NO_SESSION if found is None else f"{SESSION_LINK}{found}"
    if is_invite_link(argument):
        code = invite_code(argument)
        return NO_INVITE if code is None else invite_argument(code)
    return None


def deep_link(bot: str, argument: str) -> str:
    """The t.me address that opens the bot (its username, with or without @) as if `/start <argument>` was sent."""
    return f"https://t.me/{bot.strip().lstrip('@')}?start={argument}"


def invite_argument(code: str) -> str:
    """The /start argument of a staff invitation."""
    return f"{INVITE_LINK}{code}"
