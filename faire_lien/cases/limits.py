"""How long a message between a person and staff may be, counted as Telegram counts it."""

from __future__ import annotations

from dialogs.reply import units

MAX_TEXT = 3500
"""The longest message staff or a person may write in a case, in UTF-16 units as Telegram counts (an emoji counts
two): with its header and its footer it fits one Telegram message (4 096 units) in every language."""


def size(text: str) -> int:
    """How long a case message counts, as Telegram does (`dialogs.reply.units`), once its outer blanks are dropped."""
    return units(text.strip())


def too_long(text: str) -> bool:
    """Whether a case message is longer than `MAX_TEXT` units: it is then refused whole, never cut."""
    return size(text) > MAX_TEXT
