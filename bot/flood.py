"""A per-person flood limit: more than `limit` updates in `window` seconds are dropped, with one warning.

Only people seen within the last window are remembered: someone idle for a whole window has no
stamp left to count and may be warned again, so forgetting them changes nothing they would notice,
and memory is bounded by the people active in one window, not by everyone ever seen.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal


@dataclass(slots=True)
class _Recent:
    """One person's updates within the window, their last warning and their last update."""

    last: float
    warned: float
    stamps: deque[float] = field(default_factory=deque)


class FloodGate:
    """Sliding window per Telegram user, in this process's memory (a limit, not a record)."""

    def __init__(self, limit: int = 20, window: float = 10.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._recent: OrderedDict[int, _Recent] = OrderedDict()
        """People by their last update, the longest idle first."""

    def __len__(self) -> int:
        """How many people the gate remembers."""
        return len(self._recent)

    def check(self, user_id: int) -> Literal["ok", "warn", "drop"]:
        """ok: handle it; warn: drop it and say why once; drop: drop it quietly."""
        now = self.clock()
        self._forget_idle(now)
        recent = self._recent.get(user_id)
        if recent is None:
            recent = self._recent[user_id] = _Recent(last=now, warned=-self.window)
        else:
            self._recent.move_to_end(user_id)
            recent.last = now
        stamps = recent.stamps
        while stamps and stamps[0] <= now - self.window:
            stamps.popleft()
        if len(stamps) < self.limit:
            stamps.append(now)
            return "ok"
        if now - recent.warned >= self.window:
            recent.warned = now
            return "warn"
        return "drop"

    def _forget_idle(self, now: float) -> None:
        """Drop the people whose last update is a whole window old (each is dropped once: amortised O(1))."""
        recent = self._recent
        while recent:
            user_id, oldest = next(iter(recent.items()))
            if now - oldest.last < self.window:
                return
            del recent[user_id]
