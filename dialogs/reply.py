"""What a channel shows: text and rows of buttons, each button carrying a neutral action."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Button:
    """A labelled button; `action` is an opaque string of at most 64 bytes."""

    label: str
    action: str


@dataclass(frozen=True)
class Reply:
    """One message; `edit` asks the channel to update the message whose button was pressed."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    edit: bool = False

    def labels(self) -> list[list[str]]:
        """Button labels row by row (for tests and the terminal)."""
        return [[b.label for b in row] for row in self.buttons]
