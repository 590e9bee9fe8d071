"""Numbers typed on the command line: a clear refusal (exit 2) instead of a database error or a traceback."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable

BIGGEST = 2**63 - 1
"""The largest number a database row or a Telegram id can hold (a signed 64-bit integer)."""
BOT_USERNAME = re.compile(r"@?[A-Za-z][A-Za-z0-9_]{3,30}[Bb][Oo][Tt]")
"""A Telegram bot's username: 5 to 32 letters, digits or underscores, starting with a letter, ending in "bot"."""


def whole(low: int, high: int, what: str) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high` ("a session number is a whole number from 1")."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            upper = "" if high == BIGGEST else f" to {high}"
            raise argparse.ArgumentTypeError(f"{what} is a whole number from {low}{upper}, not {value}")
        return value

    return parse


record = whole(1, BIGGEST, "a number shown by the listing commands")
"""A session, registration or message number."""
telegram_id = whole(1, BIGGEST, "a Telegram user id")


def bot_username(text: str) -> str:
    """A bot's Telegram username, with or without @ ("FaireLienBot"), as a t.me link needs it."""
    if BOT_USERNAME.fullmatch(text.strip()) is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a bot's username: 5 to 32 letters, digits or _, ending in bot (e.g. FaireLienBot)"
        )
    return text.strip().lstrip("@")
