"""The buttons under every question: « Passer », « ◀ Retour », « ↺ Recommencer », and 🤔 for help."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING

from dialogs.bidi import visible
from dialogs.bilingual import BUTTON
from dialogs.events import Back, Restart, Skip
from dialogs.reply import Button
from dialogs.text import msg

if TYPE_CHECKING:
    from dialogs.engine import Question
    from dialogs.events import Event
    from dialogs.i18n import Translator
    from dialogs.steps.base import Rows

ROW = BUTTON
"""Characters across a phone's row of buttons: one button of a message's width holds as many."""
MARGIN = 4
"""Characters of a row each button takes for its edges and the gap to the next."""
# TRANSLATORS: button: about as short as the French (a phone shows about 30 characters on a button).
SKIP = msg("Passer", "button")
# TRANSLATORS: button; the arrow is turned for right-to-left languages by the program.
BACK = msg("◀ Retour", "button")
# TRANSLATORS: button: about as short as the French (a phone shows about 30 characters on a button).
RESTART = msg("↺ Recommencer", "button")
# TRANSLATORS: button: about as short as the French (a phone shows about 30 characters on a button).
HUH = msg("🤔 Je ne comprends pas", "button")


class Help(Enum):
    """A help button the application answers itself; its value is the button token."""

    EXPLAIN = "huh"
    """« I don't understand »: a plainer wording, and a way to flag the question."""
    FLAG = "flag"
    """Flag the question for a mediator."""


_EVENTS: dict[str, Event] = {"skip": Skip(), "back": Back(), "restart": Restart()}
TOKENS = "|".join([*_EVENTS, *(h.value for h in Help)])
"""Regular expression of the navigation tokens, the same under every question."""


def rows(q: Question, t: Translator, prefix: str) -> Rows:
    """Skip (optional steps), Back (not on the first question) and Restart on a row (on two when their labels would
    be cut: « ↺ Empezar de nuevo » beside two others), then 🤔 on its own."""
    nav: list[Button] = []
    if q.step.optional:
        nav.append(Button(t(SKIP), f"{prefix}skip"))
    if q.can_back:
        nav.append(Button(t(BACK), f"{prefix}back"))
    nav.append(Button(t(RESTART), f"{prefix}restart"))
    return (*packed(nav), (Button(t(HUH), help_action(prefix, Help.EXPLAIN)),))


def fits(labels: Sequence[str]) -> bool:
    """Whether labels side by side on one row all show whole on a phone: the buttons share the row (`ROW` characters)
    equally, and each takes about `MARGIN` of it for its edges."""
    widths = [visible(label) for label in labels]
    return max(widths) <= ROW // len(widths) and sum(widths) + MARGIN * len(widths) <= ROW


def packed(buttons: Sequence[Button]) -> Rows:
    """The buttons in their order, on as few rows as show every label whole; filled from the last, so the rows
    above hold what did not fit beside it (« Passer » alone above « ◀ Retour » and « ↺ Recommencer »)."""
    packed_rows: list[list[Button]] = []
    for button in reversed(buttons):
        if packed_rows and fits([button.label, *(b.label for b in packed_rows[0])]):
            packed_rows[0].insert(0, button)
        else:
            packed_rows.insert(0, [button])
    return tuple(tuple(row) for row in packed_rows)


def decode(token: str) -> Event | Help | None:
    """The event or help behind a navigation token; None for any other token."""
    if token in _EVENTS:
        return _EVENTS[token]
    return next((h for h in Help if h.value == token), None)


def help_action(prefix: str, help_: Help) -> str:
    """The action of a help button shown with the question whose buttons start with `prefix`."""
    return f"{prefix}{help_.value}"
