"""A per-person flood limit: more than `limit` updates in `window` seconds are dropped, with one warning.

Only people seen within the last window are remembered: someone idle for a whole window has no
stamp left to count and may be warned again, so forgetting them changes nothing they would notice,
and memory is bounded by the people active in one window, not by everyone ever seen.

A dropped button press is still answered (`bot/handlers.py`): its spinner stops, with no text, the
one warning saying why. Each answer is a Bot API call, so only the first `limit` updates dropped
after a warning are answered ("drop"); the others are set aside without a call ("ignore") until the
next warning, a window later at the earliest. Someone pressing a thousand times a second thus costs
at most `limit` handled updates, one warning and `limit` answers per window, twice what the limit
lets through, instead of a thousand calls a second; their extra presses keep a spinner until
Telegram's own timeout, which only they see.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

Verdict = Literal["ok", "warn", "drop", "ignore"]


@dataclass(slots=True)
class _Recent:
    """One person's updates within the window, their last warning, their last update, and drops since the warning."""

    last: float
    warned: float
    stamps: deque[float] = field(default_factory=deque)
    dropped: int = 0


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

    def check(self, user_id: int) -> Verdict:
        """ok: handle it; warn: drop it and say why once; drop: drop it, a press answered; ignore: drop it, no call."""
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
            recent.dropped = 0
            return "warn"
        if recent.dropped < self.limit:
            recent.dropped += 1
            return "drop"
        return "ignore"

    def _forget_idle(self, now: float) -> None:
        """Drop the people whose last update is a whole window old (each is dropped once: amortised O(1))."""
        recent = self._recent
        while recent:
            user_id, oldest = next(iter(recent.items()))
            if now - oldest.last < self.window:
                return
            del recent[user_id]
