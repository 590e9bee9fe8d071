"""A clock tests move: the assistant's `clock`, set to the moment a step happens (check-in, the end of a session)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tests.conftest import NOW


@dataclass
class Clock:
    """Starts at the tests' fixed NOW; `clock.now = …` moves it."""

    now: datetime = NOW

    def __call__(self) -> datetime:
        return self.now
