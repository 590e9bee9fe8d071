"""A typed date (25/03/2026 or 2026-03-25), real, and in the past or the future when the step says so."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from dialogs.digits import latin_digits
from dialogs.steps.base import Refused, StepKind
from dialogs.text import Typed, msg

if TYPE_CHECKING:
    from babel import Locale

    from dialogs.i18n import Translator
    from dialogs.schema import AnswerValue, Flow, Step

_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
LONGEST = 32
"""Characters of the longest text read as a date."""


class Date(StepKind):
    """A date typed by the person, stored as an ISO date."""

    name = "date"
    label = "date"
    typed: ClassVar[bool] = True

    def check(self, step: Step) -> None:
        """Not both past and future."""
        one_side(step)

    def refuse_fields(self, step: Step) -> None:
        """`past_only` and `future_only` exclude each other on any step."""
        one_side(step)

    def parse(self, step: Step, text: str, today: date, context: str, reader: Locale) -> AnswerValue | Refused:
        """An ISO date string, real and on the allowed side of today."""
        return parse_date(step, text, today)

    def hint(self, step: Step, t: Translator, today: date) -> str | None:
        """How to write a date, with the example every refusal of this question shows too."""
        # TRANSLATORS: {example} is a date as people type it, day/month/year ("25/03/2027").
        return t(msg("Écrivez une date, par exemple {example}.", "engine", example=example(step, today)))

    def format(self, flow: Flow, step: Step, value: AnswerValue, t: Translator) -> str:
        """The date the way the person's language writes it."""
        return t.format(date.fromisoformat(value)) if isinstance(value, str) else str(value)


DATE = Date()


def one_side(step: Step) -> None:
    """Refuse a step that is both past-only and future-only."""
    if step.past_only and step.future_only:
        raise ValueError("past_only and future_only exclude each other")


def example(step: Step, today: date) -> Typed:
    """25 March of next year (of last year for a question about the past), as the person would type it."""
    return Typed(f"25/03/{today.year - 1 if step.past_only else today.year + 1}")


def parse_date(step: Step, text: str, today: date) -> str | Refused:
    """An ISO date string, real and on the allowed side of today (Eastern Arabic and Persian digits too)."""
    cleaned = latin_digits(text).strip()
    shown = msg("Écrivez la date comme ceci : {example}.", "input", example=example(step, today))
    if len(cleaned) > LONGEST:  # no date is that long (and a long text is not read further)
        return Refused(msg("Je n'ai pas compris cette date. {example}", "input", example=shown))
    found = _DMY.match(cleaned)
    parts = (found.group(3), found.group(2), found.group(1)) if found else None
    if parts is None and (iso := _ISO.match(cleaned)):
        parts = (iso.group(1), iso.group(2), iso.group(3))
    if parts is None:
        return Refused(msg("Je n'ai pas compris cette date. {example}", "input", example=shown))
    try:
        value = date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return Refused(msg("Cette date n'existe pas. {example}", "input", example=shown))
    if not 1900 <= value.year <= today.year + 100:
        return Refused(msg("Cette année n'est pas possible. {example}", "input", example=shown))
    if step.past_only and value > today:
        return Refused(msg("La date ne peut pas être dans le futur. {example}", "input", example=shown))
    if step.future_only and value < today:
        return Refused(msg("La date ne peut pas être dans le passé. {example}", "input", example=shown))
    return value.isoformat()
