"""Reading the database's clock from booking round trips: the quickest recent one wins, as in NTP."""

from __future__ import annotations

import pytest

from bot.shared_clock import SharedClock


def test_the_offset_comes_from_the_quickest_round_trip() -> None:
    clock = SharedClock(lambda: 0.0)
    clock.observe(sent=10.0, received=10.2, shared=1000.05)  # slow: taken as read half way, at 10.1
    assert clock.to_local(1000.05) == pytest.approx(10.1)
    clock.observe(sent=11.0, received=11.002, shared=1001.101)  # quick: known to within a millisecond
    assert clock.to_local(1001.101) == pytest.approx(11.001)
    clock.observe(sent=12.0, received=12.3, shared=1002.0)  # slow again: ignored
    assert clock.to_local(1001.101) == pytest.approx(11.001)
    assert clock.round_trip > 0.0


def test_an_old_reading_gives_way_to_a_newer_one_of_almost_the_same_quality() -> None:
    clock = SharedClock(lambda: 0.0)
    clock.observe(sent=0.0, received=0.002, shared=500.001)
    clock.observe(sent=100.0, received=100.003, shared=600.5)  # 100 s later the first reading is 0.1 s less sure
    assert clock.to_local(600.5) == pytest.approx(100.0015)
