"""French public holidays (jours fériés, Code du travail L3133-1): not working days for staff promises.

The national holidays, and with HOLIDAYS_AREA those of a département or territory too (Good Friday and
26 December in Alsace-Moselle, the abolition of slavery overseas…), from the `holidays` package, which keeps
the French calendar and its local days up to date.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import holidays


@cache
def _calendar(area: str | None) -> holidays.HolidayBase:
    """The French public holidays of `area` (None: national ones only), years filled in as they are asked."""
    return holidays.country_holidays("FR", subdiv=area)


def check_area(area: str) -> str:
    """The area itself when the `holidays` package knows it, else ValueError naming the areas it knows."""
    try:
        _calendar(area)
    except NotImplementedError:
        known = ", ".join(_calendar(None).subdivisions)
        raise ValueError(
            f"unknown area {area!r}: give one of {known} (57 Moselle, 6AE Alsace, 974 La Réunion…)"
        ) from None
    return area


def is_public_holiday(day: date, area: str | None = None) -> bool:
    """Whether this day is a public holiday in France, or in `area` of France."""
    return day in _calendar(area)
