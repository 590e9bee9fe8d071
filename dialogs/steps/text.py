"""A short typed text, spaces tidied, within `max_length`, and matching `pattern` when the step has one."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from dialogs.digits import latin_digits
from dialogs.steps.base import Refused, StepKind, too_long
from dialogs.text import Msg, msg

if TYPE_CHECKING:
    from datetime import date

    from dialogs.i18n import Translator
    from dialogs.schema import AnswerValue, Step


class Text(StepKind):
    """Text typed by the person."""

    name = "text"
    label = "short text"
    typed: ClassVar[bool] = True
    verbatim: ClassVar[bool] = True

    def refuse_fields(self, step: Step) -> None:
        """`pattern` belongs to text steps."""
        if step.pattern is not None:
            raise ValueError("pattern applies to text steps only")

    def parse(self, step: Step, text: str, today: date, context: str) -> AnswerValue | Refused:
        """Trimmed text within the step's length and format."""
        return parse_text(step, text, context)

    def hint(self, step: Step, t: Translator, today: date) -> str | None:
        """Invites a written answer."""
        return t(msg("Écrivez votre réponse.", "engine"))


TEXT = Text()


def parse_text(step: Step, text: str, context: str) -> str | Refused:
    """Trimmed text within the step's length and format; `context` translates the step's own pattern error."""
    cleaned = " ".join(text.split())
    if not cleaned:
        return Refused(msg("Votre réponse est vide.", "input"))
    if refused := too_long(cleaned, step.max_length):
        return refused
    if step.pattern is None:
        return cleaned
    cleaned = latin_digits(cleaned)  # a phone number or a code typed with Eastern Arabic or Persian digits
    if re.fullmatch(step.pattern, cleaned):
        return cleaned
    compact = "".join(cleaned.split())
    if re.fullmatch(step.pattern, compact):
        return compact
    if step.pattern_error:
        return Refused(Msg(step.pattern_error, context))
    return Refused(msg("Ce format n'est pas reconnu.", "input"))
