"""Turn what a person typed into a typed answer, or a translated reason it was refused."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from dialogs.schema import Step
from dialogs.text import Msg, msg

MAX_TYPED = 1000
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:[\s\u00a0\u202f\u2009']\d{3})+(?:[.,]\d+)?$")
_CURRENCY = re.compile(r"^(?:€\s*)?(?P<amount>.*?)(?:\s*(?:€|euros?|eur))?$", re.IGNORECASE)
_DOTTED_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


@dataclass(frozen=True)
class Refused:
    """Why a typed answer was not accepted."""

    reason: Msg


def too_long(text: str, limit: int) -> Refused | None:
    """Refuse a message longer than the limit."""
    if len(text) > limit:
        return Refused(msg("Votre message est trop long : {limit} caractères au plus.", "input", limit=limit))
    return None


def parse_number(step: Step, text: str) -> int | str | Refused:
    """An int, or a normalised decimal string, within the step's bounds."""
    example = step.example or _default_example(step)
    cleaned = text.strip()
    if not cleaned:
        return Refused(
            msg("Votre réponse est vide. Écrivez un nombre, par exemple : {example}.", "input", example=example)
        )
    if refused := too_long(cleaned, 32):
        return refused
    if step.money:
        found = _CURRENCY.match(cleaned)
        cleaned = found.group("amount") if found else cleaned
        if _DOTTED_THOUSANDS.match(cleaned):
            return Refused(
                msg(
                    "Je ne sais pas si le point sépare les milliers ou les centimes. "
                    "Écrivez le montant sans point, par exemple : {example}.",
                    "input",
                    example=example,
                )
            )
    if _GROUPED.match(cleaned):
        cleaned = _SPACES.sub("", cleaned)
    if not _NUMBER.match(cleaned):
        return Refused(
            msg(
                "Je n'ai pas compris ce nombre. Écrivez seulement des chiffres, par exemple : {example}.",
                "input",
                example=example,
            )
        )
    try:
        value = Decimal(cleaned.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern already excludes it
        return Refused(msg("Je n'ai pas compris ce nombre.", "input"))
    if not step.decimals and value != value.to_integral_value():
        return Refused(
            msg("Écrivez un nombre entier, sans virgule, par exemple : {example}.", "input", example=example)
        )
    assert step.min is not None and step.max is not None
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
    if value == value.to_integral_value():
        return int(value)
    return str(value.normalize())


def _plain(bound: float) -> int | Decimal:
    return int(bound) if float(bound).is_integer() else Decimal(str(bound))


def _default_example(step: Step) -> str:
    assert step.min is not None and step.max is not None
    return str(int(min(max(step.min, 1), step.max)) if step.min <= 1 <= step.max else int(step.min))


def parse_date(step: Step, text: str, today: date) -> str | Refused:
    """An ISO date string, real and on the allowed side of today."""
    cleaned = text.strip()
    if refused := too_long(cleaned, 32):
        return refused
    year = today.year + 1 if step.future_only else today.year - 1 if step.past_only else today.year
    example = msg("Écrivez la date comme ceci : {example}.", "input", example=f"25/03/{year}")
    found = _DMY.match(cleaned)
    parts = (found.group(3), found.group(2), found.group(1)) if found else None
    if parts is None and (iso := _ISO.match(cleaned)):
        parts = (iso.group(1), iso.group(2), iso.group(3))
    if parts is None:
        return Refused(msg("Je n'ai pas compris cette date. {example}", "input", example=example))
    try:
        value = date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return Refused(msg("Cette date n'existe pas. {example}", "input", example=example))
    if not 1900 <= value.year <= today.year + 100:
        return Refused(msg("Cette année n'est pas possible. {example}", "input", example=example))
    if step.past_only and value > today:
        return Refused(msg("La date ne peut pas être dans le futur. {example}", "input", example=example))
    if step.future_only and value < today:
        return Refused(msg("La date ne peut pas être dans le passé. {example}", "input", example=example))
    return value.isoformat()


def parse_text(step: Step, text: str, context: str) -> str | Refused:
    """Trimmed text within the step's length and format."""
    cleaned = " ".join(text.split())
    if not cleaned:
        return Refused(msg("Votre réponse est vide.", "input"))
    if refused := too_long(cleaned, step.max_length):
        return refused
    if step.pattern is not None and not re.fullmatch(step.pattern, cleaned):
        compact = "".join(cleaned.split())
        if re.fullmatch(step.pattern, compact):
            return compact
        if step.pattern_error:
            return Refused(Msg(step.pattern_error, context))
        return Refused(msg("Ce format n'est pas reconnu.", "input"))
    return cleaned
