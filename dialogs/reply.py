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
"""Below Telegram's 4096-character message limit, leaving room for a notice."""


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Cut a long text into messages at paragraph breaks, then at line breaks, never mid-line when possible.

    A paragraph (a card's section, a mediated line with the staff member's under it) stays whole in one message
    when the message cut before it is at least half full.
    """
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
            continue
        at = current.rfind("\n\n")
        if at >= limit // 2 and len(candidate) - at <= limit:  # the last paragraph begun goes on with this line
            chunks.append(current[:at].strip("\n"))
            current = candidate[at:].strip("\n")
            continue
        if current:
            chunks.append(current.strip("\n"))
        while len(line) > limit:
            chunks.append(line[:limit])
            line = line[limit:]
        current = line
    chunks.append(current.strip("\n"))
    return [c for c in chunks if c] or [""]
