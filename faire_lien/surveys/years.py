"""The years a yearly report can be read for: from the first year the service kept figures to this one (Paris)."""

from __future__ import annotations

from datetime import datetime

from storage.types import PARIS

FIRST_YEAR = 2024
"""The first year the service kept figures in faire-lien."""


class NoSuchYearError(ValueError):
    """A yearly report asked for a year outside the service's life: nothing is read, nothing audited."""

    def __init__(self, year: int, years: list[int]) -> None:
        super().__init__(f"no report for {year}: years {years[-1]} to {years[0]} only")
        self.year, self.years = year, years


def report_years(now: datetime) -> list[int]:
    """The years one can ask for, this one first, back to `FIRST_YEAR`."""
    return list(range(now.astimezone(PARIS).year, FIRST_YEAR - 1, -1))


def check_year(year: int, now: datetime) -> int:
    """The year, when it is one of `report_years`; else `NoSuchYearError`."""
    years = report_years(now)
    if year not in years:
        raise NoSuchYearError(year, years)
    return year
