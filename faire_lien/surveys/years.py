"""The years a yearly report can be read for: from the first year the service has data to this one (Paris)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from storage.reports import first_year
from storage.types import PARIS


class NoSuchYearError(ValueError):
    """A yearly report asked for a year outside the service's life: nothing is read, nothing audited."""

    def __init__(self, year: int, years: list[int]) -> None:
        super().__init__(f"no report for {year}: years {years[-1]} to {years[0]} only")
        self.year, self.years = year, years


def years_since(now: datetime, first: int | None) -> list[int]:
    """This year (Paris) first, back to `first`; this year only without it (or with a `first` to come)."""
    this = now.astimezone(PARIS).year
    since = min(first, this) if first is not None else this
    return list(range(this, since - 1, -1))


async def report_years(session: AsyncSession, now: datetime) -> list[int]:
    """The years one can ask for, this one first, back to the first year the service has data (a registration, a
    finished questionnaire, a session, or yearly totals kept after the purge); with no data yet, this year only.
    The bot's menu, the console and the command line all offer, and accept, these."""
    return years_since(now, await first_year(session))


async def check_year(session: AsyncSession, year: int, now: datetime) -> int:
    """The year, when it is one of `report_years`; else `NoSuchYearError`."""
    years = await report_years(session, now)
    if year not in years:
        raise NoSuchYearError(year, years)
    return year
