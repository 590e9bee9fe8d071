"""Latin numbers left on a screen meant for a reader whose language writes its own digits."""

from __future__ import annotations

import re

from dialogs.reply import Reply

_ADDRESS = re.compile(r"\S+://\S+|\S+@\S+")
_WORD = re.compile(r"[A-Za-z0-9_\-]+")
_LETTER = re.compile(r"[A-Za-z_]")


def latin_numbers(text: str) -> list[str]:
    """Latin digit runs not touching a Latin letter ("12", "3646", "1 250,50" as "1", "250", "50").

    Identifiers keep their digits ("C2S", "L861-1", "inv_ab12"), and so do web and e-mail addresses.
    """
    bare = _ADDRESS.sub(" ", text)
    return [w for w in _WORD.findall(bare) if any(c.isascii() and c.isdigit() for c in w) and not _LETTER.search(w)]


def latin_numbers_on(replies: list[Reply]) -> list[str]:
    """Latin numbers in the texts and button labels of these replies."""
    found = []
    for reply in replies:
        found += latin_numbers(reply.text)
        found += [n for row in reply.labels() for label in row for n in latin_numbers(label)]
    return found
