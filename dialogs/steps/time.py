"""A time of day typed the way people write it in France (14h, 14 h, 14h30, 14:30, 9 h 05), stored as "14:30"."""

from __future__ import annotations

import re
from datetime import time
from typing import TYPE_CHECKING, ClassVar

from dialogs.digits import latin_digits
from dialogs.steps.base import Refused, StepKind
from dialogs.text import Typed, msg

if TYPE_CHECKING:
    from datetime import date

    from babel import Locale

    from dialogs.i18n import Translator
    from dialogs.schema import AnswerValue, Flow, Step

_TIME = re.compile(r"^(?P<hour>[01]?\d|2[0-3])(?:\s*[:hH.]\s*(?P<minute>[0-5]\d)?)?$")
LONGEST = 16
"""Characters of the longest text read as a time; a longer one is not a time (and is not read further)."""
EXAMPLE = Typed("14h30")
"""Persian reads "۱۴:۳۰"."""


class Time(StepKind):
    """A time of day typed by the person."""

    name = "time"
    label = "time"
    typed: ClassVar[bool] = True

    def parse(self, step: Step, text: str, today: date, context: str, reader: Locale) -> AnswerValue | Refused:
        """ "HH:MM" from "14h", "14 h", "14h30", "14:30" or "9.05"."""
        return parse_time(text)

    def hint(self, step: Step, t: Translator, today: date) -> str | None:
        """How to write a time."""
        # TRANSLATORS: {example} is a time as people type it in France ("14h30"); "14:30" is accepted too.
        return t(msg("Écrivez une heure, par exemple {example}.", "engine", example=EXAMPLE))

    def format(self, flow: Flow, step: Step, value: AnswerValue, t: Translator) -> str:
        """The time the way the person's language writes it ("14:30", "2:30 PM")."""
        return t.time(time.fromisoformat(value)) if isinstance(value, str) else str(value)


TIME = Time()


def parse_time(text: str) -> str | Refused:
    """ "HH:MM", or why the text is not a time of day."""
    cleaned = latin_digits(text).strip()
    found = _TIME.match(cleaned) if len(cleaned) <= LONGEST else None
    if found is None:
        shown = msg("Je n'ai pas compris cette heure. Écrivez-la comme ceci : {example}.", "input", example=EXAMPLE)
        return Refused(shown)
    return f"{int(found.group('hour')):02d}:{int(found.group('minute') or 0):02d}"
