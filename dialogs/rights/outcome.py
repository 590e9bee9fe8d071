"""What the evaluator returns: one outcome per right, with reasons, next steps and offers."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal

from dialogs.record import record
from dialogs.rights.table import Applied, RuleTable, Value
from dialogs.text import Msg, msg

Status = Literal["covered", "likely", "automatic", "not_yet", "unlikely", "expired", "renew", "switch", "info"]
Offer = Literal["session", "checkup", "callback", "renewal"]
Band = Literal["free", "participation", "none"]


@record
class Outcome:
    """One right or offer: how likely, why (the figures compared), what to do, what the bot can do now."""

    right: str
    status: Status
    reasons: tuple[Msg, ...]
    steps: tuple[Msg, ...] = ()
    offers: tuple[Offer, ...] = ()
    band: Band | None = None
    participation: Decimal | None = None
    """Monthly C2S participation of the whole household, when the band is `participation` (a decision this year)."""
    due: date | None = None
    """The date that matters next: eligibility, a renewal reminder, an invitation."""
    uncertain: bool = False
    """Resources within the margin of a ceiling computed with out-of-date or unconfirmed values."""
    participation_next_year: Decimal | None = None
    """The household's participation if the decision falls next year, when it may (a request from 1 November on)
    and that amount differs (someone in a new age band, new amounts on 1 January)."""
    conditional: bool = False
    """The result holds only on a condition the chat did not ask (a young adult who may belong to their parents'
    household): amber, with the condition in the reasons, and no caution about the figures."""


@record
class Report:
    """Every outcome of one rights check and the rule values it used."""

    outcomes: tuple[Outcome, ...]
    used: tuple[Applied, ...]
    changes_on: date | None = None
    """The day the ceilings or amounts compared change, when a request made after the check may fall after it."""

    @property
    def stale(self) -> list[Applied]:
        """Values applied although a newer revaluation exists without figures."""
        return [a for a in self.used if a.stale_since is not None]

    @property
    def unverified(self) -> list[Applied]:
        """Values applied that nobody has confirmed yet."""
        return [a for a in self.used if not a.verified]

    def get(self, right: str) -> Outcome | None:
        """The outcome for one right, if the check produced one."""
        return next((o for o in self.outcomes if o.right == right), None)


@dataclass(slots=True)
class Context:
    """The day of the check and the rule table; remembers every value it hands out."""

    today: date
    table: RuleTable
    used: dict[str, Applied] = field(default_factory=dict)
    memo: dict[Any, Any] = field(default_factory=dict)
    """Results worked out once per household (its members, ceilings, resources), each kept with the household it is
    for, by name: asked about another household, they are worked out again."""
    known: dict[str, Applied] = field(init=False)
    """The table's values of the day looked up so far (`RuleTable.on`), read without a lookup each."""

    def __post_init__(self) -> None:
        self.known = self.table.on(self.today)

    def value(self, name: str) -> Value:
        """The value of a rule on the day of the check."""
        applied = self.known.get(name) or self.table(name, self.today)
        self.used[name] = applied
        return applied.value

    def in_force(self, name: str) -> bool:
        """Whether the rule has a value on the day of the check (e.g. a scheme created later)."""
        return name in self.known or self.table.in_force(name, self.today)

    def number(self, name: str) -> Decimal:
        """A numeric rule value."""
        value = self.value(name)
        assert isinstance(value, Decimal), name
        return value

    def mapping(self, name: str) -> dict[str, Decimal | str]:
        """A rule value keyed by household size, age band or benefit."""
        value = self.value(name)
        assert isinstance(value, dict), name
        return value


@lru_cache(maxsize=4096)
def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), kept inside shorter months (the day of the check's are asked often)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def after_months(day: date, months: int) -> date:
    """The first day of a stay of *more than* `months` months begun on `day` (CSS D160-2, CASF L251-1).

    Arrived on 1 October, three months are over on 1 January: "plus de trois mois" starts on 2 January.
    """
    return add_months(day, months) + timedelta(days=1)


def join(parts: list[Msg]) -> Msg | None:
    """Several reasons as one sentence part, separated the way the language separates them."""
    if not parts:
        return None
    joined = parts[0]
    for extra in parts[1:]:
        joined = msg("{first} ; {second}", "rights", first=joined, second=extra)
    return joined
