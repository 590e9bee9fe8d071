"""How colleagues see a staff member named: the display name set in the console, else their Telegram first name.

The Telegram first name is kept for staff members only (never for a person), as seen on their latest staff
command, button or invitation (`note_telegram_name`); before either exists, their Telegram number is all there is.
"""

from __future__ import annotations

from dialogs.bidi import stripped
from storage.models import StaffMember

LONGEST = 64
"""Telegram first names are at most 64 characters; anything longer is cut to the column's size."""


def known_name(member: StaffMember) -> str | None:
    """The name colleagues know a staff member by: their display name, else their Telegram first name; None when
    neither is known yet."""
    return member.display_name or member.telegram_name


def telegram_number(telegram_id: object) -> str:
    """An unnamed staff member as the bot, the console and the journal all write them: "Telegram 123"."""
    return f"Telegram {telegram_id}"


def colleague(member: StaffMember) -> str:
    """A staff member as colleagues read them: their known name, else "Telegram <number>" (never a bare number)."""
    return known_name(member) or telegram_number(member.telegram_id)


def note_telegram_name(member: StaffMember, first_name: str | None) -> None:
    """Keep the Telegram first name a staff member's update carried, when it changed (nothing written otherwise);
    unmatched direction overrides are dropped (`dialogs/bidi.py`)."""
    name = stripped((first_name or "").strip()[:LONGEST]).strip()
    if name and member.telegram_name != name:
        member.telegram_name = name
