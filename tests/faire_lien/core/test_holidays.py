"""French public holidays are not working days: answer times and reminders skip them as they skip weekends."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from faire_lien.config import Settings
from faire_lien.core.holidays import is_public_holiday
from faire_lien.core.quiet import QuietHours, quiet_hours

PARIS = ZoneInfo("Europe/Paris")
QUIET = QuietHours()


def paris(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A Paris wall-clock time as the UTC instant the code receives."""
    return datetime(year, month, day, hour, minute, tzinfo=PARIS).astimezone(UTC)


@pytest.mark.parametrize(
    ("year", "movable"),
    [
        (2026, [date(2026, 4, 6), date(2026, 5, 14), date(2026, 5, 25)]),
        (2027, [date(2027, 3, 29), date(2027, 5, 6), date(2027, 5, 17)]),
        (2028, [date(2028, 4, 17), date(2028, 5, 25), date(2028, 6, 5)]),
    ],
)
def test_the_eleven_holidays_of_2026_to_2028(year: int, movable: list[date]) -> None:
    fixed = [date(year, m, d) for m, d in [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]]
    days = [date.fromordinal(n) for n in range(date(year, 1, 1).toordinal(), date(year + 1, 1, 1).toordinal())]
    assert [d for d in days if is_public_holiday(d)] == sorted(fixed + movable)  # Easter Monday, Ascension, Whit Monday


def test_christmas_eve_and_new_years_eve_are_working_days() -> None:
    assert not is_public_holiday(date(2026, 12, 24)) and not is_public_holiday(date(2026, 12, 31))
    assert is_public_holiday(date(2026, 12, 25)) and is_public_holiday(date(2027, 1, 1))


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        (paris(2026, 4, 30, 18, 0), 4, paris(2026, 5, 4, 10, 0)),  # Thursday: Friday 1 May, then the weekend
        (paris(2026, 5, 13, 19, 0), 4, paris(2026, 5, 15, 11, 0)),  # Wednesday before Ascension
        (paris(2027, 3, 26, 19, 0), 4, paris(2027, 3, 30, 11, 0)),  # Friday before Easter Monday
        (paris(2026, 12, 31, 18, 0), 4, paris(2027, 1, 4, 10, 0)),  # New Year's Eve: Friday 1 January is off
        (paris(2026, 7, 14, 10, 0), 1, paris(2026, 7, 15, 9, 0)),  # opened on 14 July: from the next morning
    ],
)
def test_working_hours_skip_public_holidays(start: datetime, hours: float, due: datetime) -> None:
    assert QUIET.add_working_hours(start, hours) == due


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (paris(2026, 12, 24, 21, 0), 2, paris(2026, 12, 30, 8, 0)),  # Christmas Eve night: from Monday 28
        (paris(2026, 12, 31, 14, 0), 2, paris(2027, 1, 5, 14, 0)),  # over New Year's Day and a weekend
        (paris(2028, 6, 2, 17, 0), 1, paris(2028, 6, 6, 17, 0)),  # Friday before Whit Monday
        (paris(2026, 11, 10, 9, 0), 1, paris(2026, 11, 12, 9, 0)),  # the day before 11 November
        (paris(2027, 5, 7, 10, 0), 1, paris(2027, 5, 10, 10, 0)),  # 8 May 2027 is a Saturday: nothing more
    ],
)
def test_working_days_skip_public_holidays(start: datetime, days: int, due: datetime) -> None:
    assert QUIET.add_working_days(start, days) == due


def test_local_holidays_count_where_the_service_is() -> None:
    good_friday, st_stephen, abolition_reunion = date(2026, 4, 3), date(2026, 12, 26), date(2026, 12, 20)
    assert not is_public_holiday(good_friday) and not is_public_holiday(st_stephen)
    assert is_public_holiday(good_friday, "57") and is_public_holiday(st_stephen, "6AE")
    assert is_public_holiday(abolition_reunion, "974") and not is_public_holiday(abolition_reunion, "57")
    moselle = quiet_hours(Settings(holidays_area="57"))
    thursday_evening = paris(2026, 4, 2, 19, 0)  # Good Friday, the weekend, Easter Monday: back on Tuesday
    assert moselle.add_working_hours(thursday_evening, 4) == paris(2026, 4, 7, 11, 0)
    assert QUIET.add_working_hours(thursday_evening, 4) == paris(2026, 4, 3, 11, 0)  # elsewhere Good Friday works


def test_an_unknown_area_stops_the_start_with_the_areas_known() -> None:
    with pytest.raises(ValueError, match="unknown area 'Lorraine': give one of 57, 6AE, 971"):
        Settings(holidays_area="Lorraine")
