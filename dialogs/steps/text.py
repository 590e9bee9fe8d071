"""A short typed text, spaces tidied, within `max_length`, and matching `pattern` when the step has one.

A text step that is `past_only` asks for a year (a year of birth): a 4-digit answer after today's year is refused
("L'année écrite, 2030, n'est pas encore arrivée"), as a date step refuses a date in the future.

Patterns run with RE2 (dialogs/patterns.py), on at most `max_length` characters (1000 at most). A pattern
RE2 cannot run is refused by `flows check` and at start-up; should one reach a person anyway (a flow built
without that check), the answer is accepted as typed, within its length, and the flow-file error is
logged once: the person goes on instead of being refused forever.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from dialogs import patterns
from dialogs.digits import latin_digits
from dialogs.steps.base import Refused, StepKind, too_long
from dialogs.text import Figures, Msg, msg

if TYPE_CHECKING:
    from datetime import date

    from babel import Locale

    from dialogs.i18n import Translator
    from dialogs.schema import AnswerValue, Flow, Step


class Text(StepKind):
    """Text typed by the person."""

    name = "text"
    label = "short text"
    typed: ClassVar[bool] = True
    verbatim: ClassVar[bool] = True

    def check(self, step: Step) -> None:
        """A pattern must be one RE2 runs (no backreferences, no lookarounds)."""
        if step.pattern is not None and (reason := patterns.problem(step.pattern)) is not None:
            raise ValueError(f"pattern {step.pattern!r} cannot be used: {reason}")

    def refuse_fields(self, step: Step) -> None:
        """`pattern` belongs to text steps."""
        if step.pattern is not None:
            raise ValueError("pattern applies to text steps only")

    def parse(self, step: Step, text: str, today: date, context: str, reader: Locale) -> AnswerValue | Refused:
        """Trimmed text within the step's length and format; a year not after this one when the step is past-only."""
        found = parse_text(step, text, context)
        if isinstance(found, Refused) and step.past_only and _after(latin_digits(text).strip(), today):
            found = latin_digits(text).strip()  # 2100 is refused by the pattern: it is a year not come yet too
        if isinstance(found, Refused) and step.past_only and _before_pattern(text, today):
            # TRANSLATORS: {year} is the year typed, four digits the format refused (1369 of the Persian calendar, 1410
            # of the Hijri one, 1890 for 1980): name the calendar used in France (the Gregorian one) if it helps.
            return Refused(
                msg(
                    "L'année {year} est trop ancienne. Écrivez l'année de naissance selon le calendrier utilisé en "
                    "France, par exemple : 1985.",
                    "input",
                    year=Figures(latin_digits(text).strip()),
                )
            )
        if isinstance(found, Refused) or not step.past_only or not _after(found, today):
            return found
        # TRANSLATORS: {year} is the year typed (four digits), after this year; {now} is this year.
        return Refused(
            msg(
                "L'année écrite, {year}, n'est pas encore arrivée : écrivez une année jusqu'à {now}.",
                "input",
                year=Figures(found),
                now=Figures(str(today.year)),
            )
        )

    def hint(self, step: Step, t: Translator, today: date) -> str | None:
        """Invites a written answer."""
        return t(msg("Écrivez votre réponse.", "engine"))

    def format(self, flow: Flow, step: Step, value: AnswerValue, t: Translator) -> str:
        """The text as typed; a year, a postcode or a phone number (a pattern's, no letters) in the reader's digits.

        Such an answer is stored with Latin digits whatever digits were typed (`parse_text`); free text stays the
        person's own words.
        """
        text = str(value)
        if step.pattern is None or any(c.isalpha() for c in text):
            return text
        return t.format(Figures(text))


TEXT = Text()
YEAR_DIGITS = 4
SEPARATORS = re.compile(r"\s+|(?<=\d)[.\-/](?=\d)")
"""Spaces anywhere, and dots, hyphens or slashes between digits: how people group a phone number or a code."""


def _after(text: str, today: date) -> bool:
    """Whether the answer is a year (4 digits) after today's."""
    return text.isdigit() and len(text) == YEAR_DIGITS and int(text) > today.year


def _before_pattern(text: str, today: date) -> bool:
    """Whether a refused answer is nonetheless 4 digits, a year before today's: one of another calendar, or a century
    mistyped (the step's pattern takes only the years a person may have been born in)."""
    typed = latin_digits(text).strip()
    return typed.isdigit() and len(typed) == YEAR_DIGITS and int(typed) < today.year


def parse_text(step: Step, text: str, context: str) -> str | Refused:
    """Trimmed text within the step's length and format; `context` translates the step's own pattern error."""
    cleaned = " ".join(text.split())
    if not latin_digits(cleaned).strip():  # nothing, or only marks that show nothing (zero-width, direction)
        return Refused(msg("Votre réponse est vide.", "input"))
    if refused := too_long(cleaned, step.max_length):
        return refused
    if step.pattern is None:
        return cleaned
    cleaned = latin_digits(cleaned)  # a phone number or a code typed with Eastern Arabic or Persian digits
    where = f"{context} step {step.id}"
    if patterns.fullmatch(step.pattern, cleaned, where) is False:
        compact = SEPARATORS.sub("", cleaned)  # "06 12 34 56 78", "06.12.34.56.78", "06-12-34-56-78"
        if patterns.fullmatch(step.pattern, compact, where):
            return compact
        if step.pattern_error:
            return Refused(Msg(step.pattern_error, context))
        return Refused(msg("Ce format n'est pas reconnu.", "input"))
    return cleaned
