"""This worker's reading of the database's clock, by which send slots are timed, learnt from booking round trips.

A booking says when its slot starts by the database's clock and what that clock read during the
statement. Waiting "the slot minus the clock's reading" from when the answer arrives would start every
send late by the answer's journey back, which grows with the load, and slots would bunch up. As NTP
does, the offset between the two clocks is taken from the quickest round trip seen recently: it is
known to within half that round trip.
"""

from __future__ import annotations

import math
from collections.abc import Callable

DRIFT = 0.001
"""Seconds of doubt added to the best reading per second since it was taken (clocks drift, databases move)."""

SMOOTHING = 0.2
"""Weight of the latest round trip in the running estimate of how long one takes."""


class SharedClock:
    """The database's clock as this worker knows it: `local` plus an offset, and how sure that offset is."""

    def __init__(self, local: Callable[[], float]) -> None:
        self.local = local
        self.offset = 0.0
        self.error = math.inf
        self.taken = 0.0
        self.round_trip = 0.0
        """How long a round trip to the database takes these days (a moving average)."""

    def observe(self, sent: float, received: float, shared: float) -> None:
        """A round trip sent and received by `local` during which the database's clock read `shared`."""
        error = (received - sent) / 2
        self.round_trip += SMOOTHING * (received - sent - self.round_trip)
        if error <= self.error + (received - self.taken) * DRIFT:
            self.offset = shared - (sent + received) / 2
            self.error, self.taken = error, received

    def to_local(self, shared: float) -> float:
        """A time of the database's clock, on this worker's clock."""
        return shared - self.offset
