"""What a channel hands the assistant: one incoming event from one person."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from dialogs.digits import INVISIBLE

InboundKind = Literal["command", "text", "action", "media", "edited"]
_COMMAND = re.compile(r"/(\S*)(.*)", re.DOTALL)
"""A text starting with a slash: the command word, then the rest (the /start link, or anything typed after)."""
_EDGES = re.compile(f"\\A[\\s{INVISIBLE}]+|[\\s{INVISIBLE}]+\\Z")
"""Spaces and invisible marks (zero-width space, RLM, LRM…) some keyboards add before or after what is typed."""
_MARKS = str.maketrans("", "", INVISIBLE)


def command_parts(text: str, bot: str | None = None) -> tuple[str, str] | None:
    """ "/menu" as ("menu", ""), "/start abc" as ("start", "abc"), read through the invisible marks some keyboards
    add (before: "/menu" + a zero-width space was an unknown command); None for a text not starting with a slash.

    The command ends at any space or line break, as Telegram highlights it; "@bot" after the word is dropped when
    it names this `bot` (any case) or when this bot's username is unknown. A command for another bot
    ("/forget@other_bot") keeps its "@other_bot", so it is none of ours: the person reads it is unknown.
    """
    found = _COMMAND.fullmatch(_EDGES.sub("", text))
    if found is None:
        return None
    word, argument = found.groups()
    name, _, target = word.translate(_MARKS).lower().partition("@")
    if target and bot is not None and target != bot.lower():
        name = f"{name}@{target}"
    return name, _EDGES.sub("", argument)


@dataclass(frozen=True)
class Inbound:
    """A command (name without the slash), typed text, a button action, unreadable media or an edit."""

    kind: InboundKind
    value: str = ""
    argument: str = ""
    language_hint: str | None = None
    update_id: int | None = None
    replying_to: tuple[str, ...] = ()
    """For text sent as a reply to one of the bot's messages: the actions of that message's buttons."""
    forwarded: bool = False
    """Text forwarded from another chat: someone else's words, never taken as the person's answer."""
    first_name: str | None = None
    """The sender's Telegram first name on this update: kept for staff members only, to name them to colleagues."""
    press: str | None = None
    """For a button press, which button on which message, as a digest (the same press twice gives the same one);
    None where a channel cannot tell (the terminal chat)."""
