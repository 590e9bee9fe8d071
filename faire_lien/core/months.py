"""Periods of aggregated results are whole calendar months: two periods never differ by a few days.

A session belongs to the month it was held in. A day is refused rather than rounded, so that staff
see at once that results cannot be narrowed below a month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from storage.types import PARIS

MONTH = re.compile(r"(\d{4})-(\d{2})")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
YEARS = range(1900, 3000)
"""The years a period may name: outside them no result exists, and their bounds would leave the calendar."""


class NotAMonthError(ValueError):
    """A period bound that is not a calendar month written YYYY-MM."""


@dataclass(frozen=True, order=True)
class Month:
    """One calendar month."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """`2026-11` is November 2026; a day such as `2026-11-15` is refused with a message saying to give a month."""
        if DAY.fullmatch(text.strip()):
            raise NotAMonthError(
                f"{text!r} is a day: give a month (YYYY-MM, e.g. {text.strip()[:7]}); results cover whole "
                "calendar months so that comparing two periods cannot single anyone out"
            )
        found = MONTH.fullmatch(text.strip())
        if found is None or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) not in YEARS:
            raise NotAMonthError(f"{text!r} is not a month: give it as YYYY-MM, e.g. 2026-11")
        return cls(int(found.group(1)), int(found.group(2)))

    @classmethod
    def of(cls, instant: datetime) -> Month:
        """The month an instant falls in (in the instant's own time zone)."""
        return cls(instant.year, instant.month)

    def start(self) -> datetime:
        """Midnight on the first day of the month, Paris time."""
        return datetime(self.year, self.month, 1, tzinfo=PARIS)

    def following(self) -> Month:
        """The next calendar month."""
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def __str__(self) -> str:
        """Written YYYY-MM."""
        return f"{self.year:04d}-{self.month:02d}"


def bounds(first: Month | None, last: Month | None) -> tuple[datetime | None, datetime | None]:
    """The instants [start of `first`, start of the month after `last`); None where the period is open."""
    return (
        first.start() if first is not None else None,
        last.following().start() if last is not None else None,
    )
