"""French public holidays (jours fériés, Code du travail L3133-1): not working days for staff promises.

The eleven national holidays, computed from Easter for the movable ones (Easter Monday, Ascension, Whit Monday);
no package needed. Local extra days (Good Friday and 26 December in Alsace-Moselle, the abolition of slavery
overseas) are not counted.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

FIXED = ((1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25))
"""New Year, Labour Day, Victory in Europe, Bastille Day, Assumption, All Saints, Armistice, Christmas."""
AFTER_EASTER = (1, 39, 50)
"""Easter Monday, Ascension Thursday, Whit Monday: days after Easter Sunday."""


def easter(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous algorithm of Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own name)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


@cache
def public_holidays(year: int) -> frozenset[date]:
    """The French national public holidays of one year."""
    sunday = easter(year)
    return frozenset(
        [date(year, month, day) for month, day in FIXED] + [sunday + timedelta(days=n) for n in AFTER_EASTER]
    )


def is_public_holiday(day: date) -> bool:
    """Whether this day is a French national public holiday."""
    return day in public_holidays(day.year)
