"""A typed number between the step's bounds, whole unless `decimals`, in euros when `money`."""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from typing import TYPE_CHECKING, ClassVar

from babel.numbers import get_decimal_symbol, get_group_symbol

from dialogs.digits import WRITTEN_GROUP, latin_digits
from dialogs.problems import Problem
from dialogs.steps.base import Refused, StepKind
from dialogs.text import Money, Msg, TypedNumber, msg

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import date

    from babel import Locale

    from dialogs.i18n import Translator
    from dialogs.schema import AnswerValue, Flow, Step

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:[\s\u00a0\u202f\u2009']\d{3})+(?:[.,]\d+)?$")
_CURRENCY = re.compile(r"^(?:€\s*)?(?P<amount>.*?)(?:\s*(?:€|euros?|eur|e))?$", re.IGNORECASE)
"""An amount with the euro sign, or the word, before or after it; « 1250e » too, as many type it in French."""
_DOTTED_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_COMMA_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+$")
"""« 1,200 »: a thousand two hundred in English or Arabic, 1,20 € in French (cents never have 3 digits)."""
ARABIC_DECIMAL = "٫"
"""The Arabic decimal separator: typed, the amount has a decimal part, whatever `latin_digits` turns it into."""
_BOTH_SEPARATORS = re.compile(r"^\d{1,3}(?:(?P<group>[.,])\d{3})+(?!(?P=group))[.,]\d{1,2}$")
"""« 1.250,50 » or « 1,250.50 »: thousands and cents told apart by two different separators."""
CENT = Decimal("0.01")
LONGEST = 32
"""Characters of the longest text read as a number."""


class Number(StepKind):
    """A number typed by the person."""

    name = "number"
    label = "number"
    typed: ClassVar[bool] = True

    def check(self, step: Step) -> None:
        """Both bounds, in order."""
        if step.min is None or step.max is None:
            raise ValueError("a number step needs both min and max")
        if step.min > step.max:
            low, high = f"{step.min:g}", f"{step.max:g}"
            raise ValueError(Problem(f"min ({low}) is greater than max ({high})", "min_max", min=low, max=high))
        if bool(step.at_most) != bool(step.at_most_error):
            raise ValueError("at_most and at_most_error go together")

    def refuse_fields(self, step: Step) -> None:
        """`money`, `min`, `max` and `at_most` belong to number steps."""
        if step.money:
            raise ValueError("money applies to number steps only")
        if step.min is not None or step.max is not None:
            raise ValueError("min/max apply to number steps only")
        if step.at_most or step.at_most_error or step.max_error:
            raise ValueError("at_most and max_error apply to number steps only")

    def parse(self, step: Step, text: str, today: date, context: str, reader: Locale) -> AnswerValue | Refused:
        """An int, or a normalised decimal string, within the step's bounds; an amount read as `reader` groups it."""
        return parse_number(step, text, reader, context)

    def hint(self, step: Step, t: Translator, today: date) -> str | None:
        """The bounds."""
        assert step.min is not None and step.max is not None
        return t(msg("Écrivez un nombre entre {min} et {max}.", "engine", min=_plain(step.min), max=_plain(step.max)))

    def format(self, flow: Flow, step: Step, value: AnswerValue, t: Translator) -> str:
        """The number the way the person's language writes it; an amount in euros with its cents, if any, and the
        currency (« 1 250,50 € », « €1,250.50 », never « 1,250.5 »)."""
        number = Decimal(value) if isinstance(value, str) else Decimal(str(value))
        return t.money(number) if step.money else t.format(number)

    def legend(self, step: Step, key: str, t: Translator, context: str, *, words: bool = False) -> str:
        """An answer counted in survey results, written as the reader's language writes numbers (« 2,5 »)."""
        try:
            return t.format(Decimal(key))
        except ArithmeticError:
            return key

    def describe(self, step: Step) -> str:
        """« number 0–120 »."""
        return f"{self.label} {step.min:g}–{step.max:g}"


NUMBER = Number()


def over_total(step: Step, value: AnswerValue, answers: Mapping[str, AnswerValue], context: str) -> Refused | None:
    """Refuse a number above the total it is part of: the first `at_most` answer on the path, times its `times`."""
    found = next((t for t in step.at_most if isinstance(answers.get(t.answer), int | str)), None)
    if found is None or step.at_most_error is None or not isinstance(value, int | str):
        return None
    total = Decimal(str(answers[found.answer])) * found.times
    if Decimal(str(value)) <= total:
        return None
    shown: Decimal | Money = Money(total) if step.money else total
    return Refused(Msg(step.at_most_error, context, {"total": shown}))


def parse_number(step: Step, text: str, reader: Locale, context: str | None = None) -> int | str | Refused:
    """An int, or a normalised decimal string, within the step's bounds; an amount grouped the way `reader` groups
    thousands (« 24,000 » in English, « 1.200 » in Spanish) reads as thousands. Above `max`, the step's own
    `max_error` (translated in the flow's `context`) when it has one."""
    example = TypedNumber(step.example or _default_example(step), grouped=step.money)
    cleaned = latin_digits(text).strip()
    if not cleaned:
        return Refused(
            msg("Votre réponse est vide. Écrivez un nombre, par exemple : {example}.", "input", example=example)
        )
    if len(cleaned) > LONGEST:  # no number is that long (and a long text is not read further)
        return _unreadable(example)
    if step.money:
        found = _CURRENCY.match(cleaned)
        cleaned = found.group("amount") if found else cleaned
        if both := _BOTH_SEPARATORS.match(cleaned):
            cleaned = cleaned.replace(both.group("group"), "")
        group = thousands_symbol(reader) if ARABIC_DECIMAL not in text else None
        if _COMMA_THOUSANDS.match(cleaned):
            if group != ",":
                return Refused(
                    msg(
                        "Je ne sais pas si la virgule sépare les milliers ou les centimes. "
                        "Écrivez le montant sans séparer les milliers, ou avec un espace, par exemple : {example}.",
                        "input",
                        example=example,
                    )
                )
            cleaned = cleaned.replace(",", "")
        if _DOTTED_THOUSANDS.match(cleaned):
            if group != ".":
                return Refused(
                    msg(
                        "Je ne sais pas si le point sépare les milliers ou les centimes. "
                        "Écrivez le montant sans point, par exemple : {example}.",
                        "input",
                        example=TypedNumber(example.text, example.grouped, point=False),
                    )
                )
            cleaned = cleaned.replace(".", "")
    if _GROUPED.match(cleaned):
        cleaned = _SPACES.sub("", cleaned)
    if not _NUMBER.match(cleaned):
        return _unreadable(example)
    try:
        value = Decimal(cleaned.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern already excludes it
        return Refused(msg("Je n'ai pas compris ce nombre.", "input"))
    if not step.decimals and value != value.to_integral_value():
        return Refused(
            msg("Écrivez un nombre entier, sans virgule, par exemple : {example}.", "input", example=example)
        )
    assert step.min is not None and step.max is not None
    if step.max_error is not None and value > Decimal(str(step.max)):
        return Refused(Msg(step.max_error, context, {"max": _plain(step.max)}))
    if not Decimal(str(step.min)) <= value <= Decimal(str(step.max)):
        return Refused(
            msg(
                "Le nombre doit être compris entre {min} et {max}, par exemple : {example}.",
                "input",
                min=_plain(step.min),
                max=_plain(step.max),
                example=example,
            )
        )
    if step.money and value != value.quantize(CENT, rounding=ROUND_DOWN):
        return Refused(
            msg(
                "Écrivez le montant avec au plus 2 chiffres après la virgule (les centimes), par exemple : {example}.",
                "input",
                example=example,
            )
        )
    if value == value.to_integral_value():
        return int(value)
    return format(value.normalize(), "f")  # "0.0000001", never "1E-7"


def _unreadable(example: TypedNumber) -> Refused:
    return Refused(
        msg(
            "Je n'ai pas compris ce nombre. Écrivez seulement des chiffres, par exemple : {example}.",
            "input",
            example=example,
        )
    )


def thousands_symbol(reader: Locale) -> str | None:
    """The reader's thousands separator if a comma (English, Arabic, Persian) or a full stop (Spanish, Turkish,
    Portuguese)."""
    # Latin digits' symbols: Persian typed « ۱٬۲۰۰ » already reads as « 1 200 »
    group = WRITTEN_GROUP.get(reader.language) or get_group_symbol(reader)
    return group if group in (",", ".") and group != get_decimal_symbol(reader) else None


def _plain(bound: float) -> int | Decimal:
    return int(bound) if float(bound).is_integer() else Decimal(str(bound))


def _default_example(step: Step) -> str:
    assert step.min is not None and step.max is not None
    return str(int(min(max(step.min, 1), step.max)) if step.min <= 1 <= step.max else int(step.min))
