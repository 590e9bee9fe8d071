"""The turn: everything one incoming event is handled with (session, person, language, time)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import Translator
from storage.models import Person, Response

PARIS = ZoneInfo("Europe/Paris")


@dataclass
class Turn:
    """Everything one incoming event is handled with: one session, one person, one language, one time."""

    session: AsyncSession
    person: Person
    t: Translator
    now: datetime
    invitation_id: int | None = None
    """Set while a finished survey is being stored: the invitation it answers."""

    @property
    def today(self) -> date:
        """The date in France, which rules and texts use."""
        return self.now.astimezone(PARIS).date()


Finisher = Callable[[Turn, Response, dict[str, Any], int | None], Awaitable[None]]
"""Runs in the same unit of work when a flow ends: (turn, response, answers, origin response id)."""
