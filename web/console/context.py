"""What every console page shares: settings, database, clock, flows and languages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from dialogs.loader import FlowError
from dialogs.schema import Flow
from faire_lien.config import Settings
from storage.db import Database


@dataclass(frozen=True)
class Console:
    """The console's dependencies, kept in the Starlette application's state."""

    settings: Settings
    db: Database
    now: Callable[[], datetime]
    flows: dict[str, Flow]
    languages: list[str]
    """The bot's languages (a session's title and description can be given in each)."""
    left_out: list[FlowError] = field(default_factory=list)
    """Problems of the staff flow files the bot and the console run without (`cli/served.py`)."""

    @property
    def idle(self) -> timedelta:
        """A console session unused this long signs out."""
        return timedelta(minutes=self.settings.console_idle_minutes)
