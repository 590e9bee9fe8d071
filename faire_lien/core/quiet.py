"""Quiet hours and working time: when the bot may start a conversation, and when staff promises fall due.

Quiet hours are read on the wall clock of one zone (20:00–08:00 Europe/Paris by default), every day of
the week; working time is Monday to Friday outside quiet hours (08:00–20:00 by default), French public holidays
excepted, with those of HOLIDAYS_AREA (faire_lien/core/holidays.py). All instants
given and returned are aware UTC datetimes, so a day that loses or gains an hour needs no special case.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from faire_lien.core.holidays import is_public_holiday
from storage.types import PARIS

if TYPE_CHECKING:
    from faire_lien.config import Settings

SATURDAY = 5
"""`date.weekday()` of the first day of the weekend."""


@dataclass(frozen=True)
class QuietHours:
    """Nothing the bot starts goes out from `start` to `end` (wall clock in `zone`); start == end: never quiet."""

    start: time = time(20, 0)
    end: time = time(8, 0)
    zone: ZoneInfo = PARIS
    area: str | None = None
    """Where local public holidays also count (HOLIDAYS_AREA); None: national ones only."""

    def is_quiet(self, at: datetime) -> bool:
        """Whether `at` falls within quiet hours."""
        if self.start == self.end:
            return False
        wall = at.astimezone(self.zone).time().replace(tzinfo=None)
        if self.start < self.end:
            return self.start <= wall < self.end
        return wall >= self.start or wall < self.end

    def next_open(self, at: datetime) -> datetime:
        """`at` itself outside quiet hours, else the instant (UTC) they end."""
        if not self.is_quiet(at):
            return at
        local = at.astimezone(self.zone)
        day = local.date()
        if self.start > self.end and local.time().replace(tzinfo=None) >= self.start:
            day += timedelta(days=1)  # quiet since this evening: open tomorrow morning
        opening = self._instant(day, self.end)
        if opening <= at:  # `end` happens twice on the night clocks go back: the second time
            opening = datetime.combine(day, self.end, tzinfo=self.zone).replace(fold=1).astimezone(UTC)
        return opening

    def add_working_hours(self, start: datetime, hours: float) -> datetime:
        """The instant `hours` of working time after `start` (Friday 19:00 + 4 h = Monday 11:00 by default)."""
        if hours < 0:
            raise ValueError("working hours to add must not be negative")
        left = timedelta(hours=hours)
        for opens, closes in self._spans_from(start):
            begin = max(opens, start)
            if begin + left <= closes:
                return begin + left
            left -= closes - begin
        raise AssertionError("unreachable: working spans never run out")

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """The same time of day `days` working days later, counted from the next opening outside working time."""
        if days < 0:
            raise ValueError("working days to add must not be negative")
        opening = self.add_working_hours(start, 0)
        local = opening.astimezone(self.zone)
        day = local.date()
        while days > 0:
            day += timedelta(days=1)
            if self._working(day):
                days -= 1
        return self._instant(day, local.time().replace(tzinfo=None))

    def _spans_from(self, start: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Working spans (UTC opening, closing) that end after `start`, in order, forever."""
        day = start.astimezone(self.zone).date()
        while True:
            for opens, closes in self._spans(day):
                if closes > start:
                    yield opens, closes
            day += timedelta(days=1)

    def _spans(self, day: date) -> list[tuple[datetime, datetime]]:
        """The working spans of one local day: none at the weekend or on a public holiday, else the day outside quiet
        hours."""
        if not self._working(day):
            return []
        midnight, next_midnight = self._instant(day, time(0)), self._instant(day + timedelta(days=1), time(0))
        if self.start == self.end:
            spans = [(midnight, next_midnight)]
        elif self.start > self.end:
            spans = [(self._instant(day, self.end), self._instant(day, self.start))]
        else:
            spans = [(midnight, self._instant(day, self.start)), (self._instant(day, self.end), next_midnight)]
        return [(opens, closes) for opens, closes in spans if opens < closes]

    def _working(self, day: date) -> bool:
        """Whether a local day is a working day: Monday to Friday, not a public holiday here."""
        return day.weekday() < SATURDAY and not is_public_holiday(day, self.area)

    def _instant(self, day: date, wall: time) -> datetime:
        """The UTC instant of a wall-clock time on a local day."""
        return datetime.combine(day, wall, tzinfo=self.zone).astimezone(UTC)


DEFAULT_QUIET_HOURS = QuietHours()
"""20:00–08:00 in Paris, every day."""


def quiet_hours(settings: Settings) -> QuietHours:
    """The quiet hours and working days configured by QUIET_FROM, QUIET_UNTIL, QUIET_ZONE and HOLIDAYS_AREA."""
    return QuietHours(settings.quiet_from, settings.quiet_until, ZoneInfo(settings.quiet_zone), settings.holidays_area)
