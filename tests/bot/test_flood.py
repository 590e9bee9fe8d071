"""The flood limit: 20 updates per 10 s per person, one warning, a bounded number of presses answered; issue 15,
item 10: idle people are forgotten."""

from __future__ import annotations

import tracemalloc

from bot.flood import FloodGate


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_over_the_limit_one_warning_then_quiet_drops_until_the_window_slides() -> None:
    clock = Clock()
    gate = FloodGate(limit=3, window=10, clock=clock)
    assert [gate.check(1) for _ in range(6)] == ["ok", "ok", "ok", "warn", "drop", "drop"]
    assert gate.check(2) == "ok"  # someone else is not slowed down
    clock.now += 5
    assert gate.check(1) == "drop"
    clock.now += 5  # the first three updates are now a window old
    assert [gate.check(1) for _ in range(4)] == ["ok", "ok", "ok", "warn"]  # warned again: the last one was 10 s ago


def test_past_limit_drops_after_a_warning_no_press_is_answered_until_the_next_warning() -> None:
    """A thousand presses in a window cost at most `limit` answers besides the warning (bot/handlers.py)."""
    clock = Clock()
    gate = FloodGate(limit=3, window=10, clock=clock)
    verdicts = [gate.check(1) for _ in range(1000)]
    assert verdicts[:7] == ["ok", "ok", "ok", "warn", "drop", "drop", "drop"]
    assert set(verdicts[7:]) == {"ignore"}
    clock.now += 10  # a window later: warned again, and as many drops answered again
    assert [gate.check(1) for _ in range(9)] == ["ok", "ok", "ok", "warn", "drop", "drop", "drop", "ignore", "ignore"]


def test_someone_back_after_a_quiet_window_starts_afresh() -> None:
    clock = Clock()
    gate = FloodGate(limit=2, window=10, clock=clock)
    assert [gate.check(7) for _ in range(3)] == ["ok", "ok", "warn"]
    clock.now += 10
    assert len(gate) == 1
    assert gate.check(8) == "ok"  # anyone's update sweeps out people idle for a whole window
    assert len(gate) == 1
    assert [gate.check(7) for _ in range(4)] == ["ok", "ok", "warn", "drop"]  # as if never seen
    assert len(gate) == 2


def test_someone_still_active_is_not_forgotten() -> None:
    clock = Clock()
    gate = FloodGate(limit=2, window=10, clock=clock)
    assert [gate.check(1) for _ in range(3)] == ["ok", "ok", "warn"]
    for _ in range(5):
        clock.now += 9  # every 9 s: still flooding within each window, still remembered
        gate.check(2)
        assert gate.check(1) in ("ok", "drop")
    assert len(gate) == 2


def test_item_10_flood_gate_forgets_a_million_idle_ids() -> None:
    clock = Clock()
    gate = FloodGate(limit=20, window=10, clock=clock)
    most = 0
    for user_id in range(1, 1_000_001):  # a million people, one update each, 1 000 per simulated second
        clock.now += 0.001
        assert gate.check(user_id) == "ok"
        if user_id % 1000 == 0:
            most = max(most, len(gate))
    assert most <= 10_001  # the people of the last 10 s, not everyone ever seen
    tracemalloc.start()  # 50 000 more people: what they cost once the gate is in its steady state
    try:
        for user_id in range(1_000_001, 1_050_001):
            clock.now += 0.001
            gate.check(user_id)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024  # about 11 MB for the 10 000 remembered; 45 MB when nobody was forgotten
    clock.now += 10
    gate.check(0)
    assert len(gate) == 1  # after a quiet window, only the newcomer
