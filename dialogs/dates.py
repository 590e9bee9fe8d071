"""Dates and times written with the reader's CLDR patterns; French writes the first of the month "1er"."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from babel import Locale
from babel.dates import format_date, format_time

FIRST_OF_MONTH = {"fr": "d'er'"}
"""How a language writes day 1 where its pattern has `d` ("1er avril", "mardi 1er décembre")."""
_DAY = re.compile(r"(?<![d])d(?![d])")


def day_pattern(width: str, locale: Locale) -> str:
    """The locale's date pattern: a width (short, medium, long, full) or a skeleton such as "MMMd"."""
    if width in ("short", "medium", "long", "full"):
        return str(locale.date_formats[width].pattern)
    return str(locale.datetime_skeletons[width].pattern)


def first_of_month(pattern: str, language: str) -> str:
    """The pattern with the day written as the language writes the first of the month, quoted text untouched."""
    day = FIRST_OF_MONTH.get(language)
    if day is None:
        return pattern
    parts = pattern.split("'")
    parts[::2] = [_DAY.sub(day, part, count=1) for part in parts[::2]]
    return "'".join(parts)


def format_day(value: date, width: str, locale: Locale) -> str:
    """ "1er avril 2026", "mardi 1er décembre 2026", "1er déc." in French; CLDR's pattern elsewhere."""
    pattern = day_pattern(width, locale)
    if value.day == 1:
        pattern = first_of_month(pattern, locale.language)
    return str(format_date(value, pattern, locale=locale))


def format_hour(value: datetime | time, locale: Locale) -> str:
    """A time of day in the locale's short format ("14:00", "2:00 PM")."""
    return str(format_time(value, "short", locale=locale))


def date_and_time(day: str, hours: str, locale: Locale) -> str:
    """A date and a time joined the way the locale joins them ("mardi 1er décembre 2026, 14:00–16:00")."""
    return str(locale.datetime_formats["long"]).replace("{1}", day).replace("{0}", hours)
