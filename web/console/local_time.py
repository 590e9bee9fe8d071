"""Dates and times as staff read them: Europe/Paris local time, in the console's language."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_datetime, format_skeleton

from faire_lien.core.months import Month, NotAMonthError
from storage.types import PARIS


def moment(at: datetime, language: str) -> str:
    """A day and time in Paris, short (22/11/2026 11:00 in French)."""
    return format_datetime(at, "short", tzinfo=PARIS, locale=language)


def day(at: datetime | date, language: str) -> str:
    """A day (in Paris for an instant), e.g. 22 nov. 2026."""
    found = at.astimezone(PARIS).date() if isinstance(at, datetime) else at
    return format_date(found, "medium", locale=language)


def month(value: Month | str, language: str, *, short: bool = False) -> str:
    """A calendar month as the page's language writes it: « mars 2026 », "March 2026" ("Mar 2026" when short);
    a text that is not a month (YYYY-MM) as it is."""
    try:
        found = value if isinstance(value, Month) else Month.parse(value)
    except NotAMonthError:
        return str(value)
    first = date(found.year, found.month, 1)
    return str(format_skeleton("yMMM" if short else "yMMMM", first, locale=language))
