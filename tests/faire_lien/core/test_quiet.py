"""Quiet hours (nothing the bot starts goes out at night) and working time (staff promises skip nights and weekends)."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from faire_lien.config import Settings
from faire_lien.core.quiet import DEFAULT_QUIET_HOURS, QuietHours, quiet_hours

PARIS = ZoneInfo("Europe/Paris")
QUIET = QuietHours()


def paris(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A Paris wall-clock time as the UTC instant the code receives."""
    return datetime(year, month, day, hour, minute, tzinfo=PARIS).astimezone(UTC)


def test_defaults_are_eight_in_the_evening_to_eight_in_the_morning_in_paris() -> None:
    assert (QUIET.start, QUIET.end, QUIET.zone) == (time(20, 0), time(8, 0), PARIS)
    assert DEFAULT_QUIET_HOURS == QUIET


@pytest.mark.parametrize(
    ("at", "quiet"),
    [
        (paris(2026, 11, 23, 19, 59), False),
        (paris(2026, 11, 23, 20, 0), True),
        (paris(2026, 11, 23, 23, 0), True),
        (paris(2026, 11, 24, 0, 0), True),
        (paris(2026, 11, 24, 7, 59), True),
        (paris(2026, 11, 24, 8, 0), False),
        (paris(2026, 7, 14, 7, 30), True),  # summer time: 05:30 UTC
        (paris(2026, 7, 14, 12, 0), False),
        (paris(2026, 11, 22, 11, 0), False),  # a Sunday: quiet hours are the same every day
    ],
)
def test_is_quiet_reads_the_paris_wall_clock(at: datetime, quiet: bool) -> None:
    assert QUIET.is_quiet(at) is quiet


def test_next_open_is_the_morning_after_or_now() -> None:
    assert QUIET.next_open(paris(2026, 11, 23, 23, 0)) == paris(2026, 11, 24, 8, 0)
    assert QUIET.next_open(paris(2026, 11, 24, 3, 0)) == paris(2026, 11, 24, 8, 0)
    assert QUIET.next_open(paris(2026, 11, 23, 20, 0)) == paris(2026, 11, 24, 8, 0)
    daytime = paris(2026, 11, 24, 10, 17)
    assert QUIET.next_open(daytime) is daytime


def test_next_open_across_a_change_of_clocks() -> None:
    spring = QUIET.next_open(paris(2026, 3, 28, 23, 0))  # clocks go forward at 02:00 on Sunday 29 March
    assert spring == datetime(2026, 3, 29, 6, 0, tzinfo=UTC)  # 08:00 summer time, 8 hours later
    autumn = QUIET.next_open(paris(2026, 10, 24, 23, 0))  # clocks go back at 03:00 on Sunday 25 October
    assert autumn == datetime(2026, 10, 25, 7, 0, tzinfo=UTC)  # 08:00 winter time, 10 hours later


def test_quiet_hours_ending_in_the_hour_the_clocks_skip_or_repeat() -> None:
    early = QuietHours(time(1, 0), time(2, 30))
    repeated = datetime(2026, 10, 25, 1, 15, tzinfo=UTC)  # 02:15 the second time, in winter time
    assert early.is_quiet(repeated)
    assert early.next_open(repeated) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02:30 winter time
    skipped = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # 01:30; 02:30 does not exist that night
    assert early.next_open(skipped) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 summer time


def test_equal_bounds_mean_no_quiet_hours() -> None:
    never = QuietHours(time(0), time(0))
    night = paris(2026, 11, 23, 23, 0)
    assert not never.is_quiet(night)
    assert never.next_open(night) == night


def test_quiet_hours_within_one_day_and_in_another_zone() -> None:
    lunch = QuietHours(time(12, 0), time(14, 0))
    assert lunch.is_quiet(paris(2026, 11, 23, 13, 0))
    assert not lunch.is_quiet(paris(2026, 11, 23, 23, 0))
    assert lunch.next_open(paris(2026, 11, 23, 12, 30)) == paris(2026, 11, 23, 14, 0)
    reunion = QuietHours(zone=ZoneInfo("Indian/Reunion"))  # UTC+4: 20:00 there is 17:00 in Paris in winter
    assert reunion.is_quiet(paris(2026, 11, 23, 17, 30))
    assert reunion.next_open(paris(2026, 11, 23, 17, 30)) == datetime(2026, 11, 24, 4, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        (paris(2026, 11, 27, 19, 0), 4, paris(2026, 11, 30, 11, 0)),  # Friday 19:00: one hour, then Monday
        (paris(2026, 11, 24, 9, 0), 4, paris(2026, 11, 24, 13, 0)),  # within a Tuesday
        (paris(2026, 11, 24, 18, 0), 4, paris(2026, 11, 25, 10, 0)),  # the night does not count
        (paris(2026, 11, 24, 22, 0), 1, paris(2026, 11, 25, 9, 0)),  # opened at night: from 08:00
        (paris(2026, 11, 28, 10, 0), 2, paris(2026, 11, 30, 10, 0)),  # opened on Saturday: from Monday
        (paris(2026, 11, 24, 9, 0), 0.5, paris(2026, 11, 24, 9, 30)),
        (paris(2026, 11, 24, 9, 0), 12, paris(2026, 11, 25, 9, 0)),  # a whole working day is 12 hours
        (paris(2026, 11, 24, 22, 0), 0, paris(2026, 11, 25, 8, 0)),  # nothing to add: the next opening
        (paris(2026, 3, 27, 18, 0), 4, paris(2026, 3, 30, 10, 0)),  # over the weekend clocks go forward
        (paris(2026, 10, 23, 18, 0), 4, paris(2026, 10, 26, 10, 0)),  # over the weekend clocks go back
    ],
)
def test_add_working_hours_skips_nights_and_weekends(start: datetime, hours: float, due: datetime) -> None:
    assert QUIET.add_working_hours(start, hours) == due


def test_working_time_without_quiet_hours_is_every_weekday_hour() -> None:
    never = QuietHours(time(0), time(0))
    assert never.add_working_hours(paris(2026, 11, 27, 22, 0), 4) == paris(2026, 11, 30, 2, 0)
    lunch = QuietHours(time(12, 0), time(14, 0))
    assert lunch.add_working_hours(paris(2026, 11, 24, 11, 0), 2) == paris(2026, 11, 24, 15, 0)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (paris(2026, 11, 27, 14, 0), 2, paris(2026, 12, 1, 14, 0)),  # Friday → Tuesday, same time
        (paris(2026, 11, 24, 10, 30), 1, paris(2026, 11, 25, 10, 30)),
        (paris(2026, 11, 24, 10, 30), 0, paris(2026, 11, 24, 10, 30)),
        (paris(2026, 11, 27, 21, 0), 1, paris(2026, 12, 1, 8, 0)),  # Friday night: from Monday 08:00
        (paris(2026, 11, 28, 10, 0), 2, paris(2026, 12, 2, 8, 0)),  # Saturday: from Monday 08:00
        (paris(2026, 11, 24, 6, 0), 5, paris(2026, 12, 1, 8, 0)),  # before opening: from 08:00
        (paris(2026, 10, 23, 10, 0), 1, paris(2026, 10, 26, 10, 0)),  # 10:00 on both sides of the change
    ],
)
def test_add_working_days_keeps_the_time_of_day(start: datetime, days: int, due: datetime) -> None:
    assert QUIET.add_working_days(start, days) == due


def test_negative_amounts_are_refused() -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        QUIET.add_working_hours(paris(2026, 11, 24, 9, 0), -1)
    with pytest.raises(ValueError, match="must not be negative"):
        QUIET.add_working_days(paris(2026, 11, 24, 9, 0), -1)


def test_settings_build_the_quiet_hours() -> None:
    assert quiet_hours(Settings()) == QUIET
    configured = Settings.model_validate(
        {"quiet_from": "21:30", "quiet_until": "7h00", "quiet_zone": "Europe/Brussels"}
    )
    assert quiet_hours(configured) == QuietHours(time(21, 30), time(7, 0), ZoneInfo("Europe/Brussels"))


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("quiet_from", "25:00", "'25:00' is not a time of day: write it as 20:00"),
        ("quiet_until", "eight", "'eight' is not a time of day"),
        ("quiet_zone", "Paris", "unknown time zone 'Paris': give an IANA name such as Europe/Paris"),
        ("quiet_zone", "../../etc/passwd", "unknown time zone"),
        ("quiet_until", time(8, 0, tzinfo=UTC), "without an offset: QUIET_ZONE says where"),
    ],
)
def test_wrong_settings_say_what_is_expected(field: str, value: object, error: str) -> None:
    with pytest.raises(ValidationError, match=error):
        Settings.model_validate({field: value})
