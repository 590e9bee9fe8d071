"""What a person can do at a question: press an answer button, type, tick, confirm, skip, go back, restart."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Choose:
    """A button answer: an option id, "yes"/"no", or a scale value as text."""

    value: str


@dataclass(frozen=True)
class Typed:
    """Free text typed by the person."""

    text: str


@dataclass(frozen=True)
class Toggle:
    """Tick or untick one option of a multi-choice step."""

    option: str


@dataclass(frozen=True)
class Done:
    """Confirm the ticked options of a multi-choice step."""


@dataclass(frozen=True)
class Skip:
    """Leave an optional question unanswered."""


@dataclass(frozen=True)
class Back:
    """Go back one step."""


@dataclass(frozen=True)
class Restart:
    """Start the flow again from its first step, forgetting answers."""


Event = Choose | Typed | Toggle | Done | Skip | Back | Restart
