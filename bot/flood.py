"""A per-person flood limit: more than `limit` updates in `window` seconds are dropped, with one warning."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import Literal


class FloodGate:
    """Sliding window per Telegram user, in this process's memory (a limit, not a record)."""

    def __init__(self, limit: int = 20, window: float = 10.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._seen: dict[int, deque[float]] = {}
        self._warned: dict[int, float] = {}

    def check(self, user_id: int) -> Literal["ok", "warn", "drop"]:
        """ok: handle it; warn: drop it and say why once; drop: drop it quietly."""
        now = self.clock()
        stamps = self._seen.setdefault(user_id, deque())
        while stamps and stamps[0] <= now - self.window:
            stamps.popleft()
        if len(stamps) < self.limit:
            stamps.append(now)
            return "ok"
        if now - self._warned.get(user_id, -self.window) >= self.window:
            self._warned[user_id] = now
            return "warn"
        return "drop"
