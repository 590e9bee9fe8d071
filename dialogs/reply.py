"""What a channel shows: text and rows of buttons, each button carrying a neutral action."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Button:
    """A labelled button; `action` is an opaque string of at most 64 bytes."""

    label: str
    action: str


@dataclass(frozen=True)
class Document:
    """A file sent with a message (a calendar entry, a poster)."""

    filename: str
    content: bytes
    mime_type: str = "application/octet-stream"
    unsent: str = ""
    """Shown instead, when given, if the channel refuses the file (a Bot API server without sendDocument)."""


@dataclass(frozen=True)
class Reply:
    """One message; `edit` asks the channel to update the message whose button was pressed."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    edit: bool = False
    typed: bool = False
    """The question asks for a typed answer (a number, a date, text), so digits are an answer, not a button."""
    document: Document | None = None
    """Sent right after the text."""

    def labels(self) -> list[list[str]]:
        """Button labels row by row (for tests and the terminal)."""
        return [[b.label for b in row] for row in self.buttons]


MAX_TEXT = 4000
"""Below Telegram's 4096-unit message limit (UTF-16 code units, see `units`), leaving room for a notice."""


def units(text: str) -> int:
    """The text's length as Telegram counts it: UTF-16 code units, an emoji or other character beyond U+FFFF
    counting two."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Cut a long text into messages of at most `limit` UTF-16 units at paragraph breaks, then at line breaks,
    never mid-line when possible.

    A paragraph (a card's section, a mediated line with the staff member's under it) stays whole in one message
    when the message cut before it is at least half full.
    """
    if units(text) <= limit:  # every screen of the flows, and most cards
        return [text.strip("\n")]
    chunks: list[str] = []
    current, size = "", 0  # the message being filled, and its units
    for line in text.split("\n"):
        width = units(line)
        if size + width + bool(current) <= limit:
            current, size = (f"{current}\n{line}", size + width + 1) if current else (line, width)
            continue
        at = current.rfind("\n\n")
        if at >= 0 and units(current[:at]) >= limit // 2:
            tail = f"{current[at:]}\n{line}"
            if units(tail) <= limit:  # the last paragraph begun goes on with this line
                chunks.append(current[:at].strip("\n"))
                current = tail.strip("\n")
                size = units(current)
                continue
        if current:
            chunks.append(current.strip("\n"))
        while width > limit:
            head = _head(line, limit)
            chunks.append(head)
            line = line[len(head) :]
            width = units(line)
        current, size = line, width
    chunks.append(current.strip("\n"))
    return [c for c in chunks if c] or [""]


def _head(line: str, limit: int) -> str:
    """The longest start of a line too long for one message that Telegram takes: never half of an emoji, and ending
    after a space when one falls in its second half (a word is not cut)."""
    head = line.encode("utf-16-le")[: 2 * limit].decode("utf-16-le", errors="ignore") or line[:1]  # no half emoji
    space = head.rfind(" ")
    return head[: space + 1] if space >= len(head) // 2 else head
