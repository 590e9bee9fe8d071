"""`os.fdatasync` seen by file name and held on demand, as a slow disk would hold the sync of SQLite's log."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable


class HeldSyncs:
    """Stands for `os.fdatasync`: records the files synced; while `hold()` is on, each sync waits for `release()`."""

    def __init__(self, real: Callable[[int], None]) -> None:
        self.synced: list[str] = []
        self.real = real
        self._holding = False
        self._released = threading.Event()

    def hold(self) -> None:
        """From now on, syncs wait (at most 10 s) for `release`."""
        self._holding = True
        self._released.clear()

    def release(self) -> None:
        """Let every waiting and later sync go."""
        self._holding = False
        self._released.set()

    def __call__(self, fd: int) -> None:
        if self._holding:
            self._released.wait(10)
        self.real(fd)
        self.synced.append(os.readlink(f"/proc/self/fd/{fd}"))
