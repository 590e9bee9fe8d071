"""Quiet hours and working time (placeholder until the outbox quiet hours land)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class QuietHours:
    """Nothing the bot starts goes out between `start` and `end` in `zone`; working time is weekdays outside."""

    start: time = time(20, 0)
    end: time = time(8, 0)
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Europe/Paris"))

    def is_quiet(self, at: datetime) -> bool:
        """Whether this instant falls in quiet hours."""
        local = at.astimezone(self.zone).time()
        if self.start == self.end:
            return False
        if self.start > self.end:
            return local >= self.start or local < self.end
        return self.start <= local < self.end

    def next_open(self, at: datetime) -> datetime:
        """This instant, or the end of the quiet hours it falls in."""
        if not self.is_quiet(at):
            return at
        local = at.astimezone(self.zone)
        day = local.date() if local.time() < self.end else local.date() + timedelta(days=1)
        return datetime.combine(day, self.end, tzinfo=self.zone).astimezone(UTC)

    def _working(self, at: datetime) -> bool:
        return at.astimezone(self.zone).weekday() < 5 and not self.is_quiet(at)

    def add_working_hours(self, start: datetime, hours: float) -> datetime:
        """The instant `hours` of working time after `start`."""
        left = timedelta(hours=hours)
        at = start
        step = timedelta(minutes=15)
        while left > timedelta(0):
            if self._working(at):
                left -= step
            at += step
        return at

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """The same time of day `days` working days later."""
        at = start
        while not self._working(at):
            at += timedelta(minutes=15)
        local = at.astimezone(self.zone)
        while days > 0:
            local = local + timedelta(days=1)
            if local.weekday() < 5:
                days -= 1
        return local.astimezone(UTC)


def quiet_hours(settings: Any) -> QuietHours:
    """Quiet hours from the settings."""
    return QuietHours()
