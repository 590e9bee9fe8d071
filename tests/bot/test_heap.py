"""After start-up, the bot's long-lived objects are out of the collector's reach, so a full pass stays short."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from bot import heap


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """Give the test process its collector back as it was."""
    yield
    gc.unfreeze()


def test_settle_freezes_what_start_up_made(unfrozen: None) -> None:
    """Objects alive at start-up are frozen, so a later full collection does not walk them again."""
    kept = [object() for _ in range(10_000)]
    before = gc.get_freeze_count()
    heap.settle()
    assert gc.get_freeze_count() >= before + len(kept)
