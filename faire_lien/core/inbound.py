"""What a channel hands the assistant: one incoming event from one person."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

InboundKind = Literal["command", "text", "action", "media", "edited"]


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
