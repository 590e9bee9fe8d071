"""The turn: everything one incoming event is handled with (session, person, language, time)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import Translator
from storage.models import Person
from storage.types import PARIS


@dataclass
class Turn:
    """Everything one incoming event is handled with: one session, one person, one language, one time."""

    session: AsyncSession
    person: Person
    t: Translator
    now: datetime
    first_name: str | None = None
    """The sender's Telegram first name on this update (None in the terminal chat); stored for staff members only."""
    reader: tuple[int, str] | None = None
    """Who reads this turn's replies when it is not the one talking: the person a mediator is with (their id and
    language), set by a screen shown to them in mediated mode (an offer of their card); their administrative words
    are explained to them."""

    @property
    def today(self) -> date:
        """The date in France, which rules and texts use."""
        return self.now.astimezone(PARIS).date()
