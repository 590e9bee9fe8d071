"""The rule table: dated values with their legal source and a link to it, loaded from `rules.yaml` and checked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

RULES_FILE = Path(__file__).with_name("rules.yaml")
HREF = r"^https://[^\s]+$"

Value = Decimal | str | dict[str, Decimal | str]
T = TypeVar("T")
V = TypeVar("V")
_PARSED: dict[tuple[int, Callable[[Any], Any]], tuple[Any, Any]] = {}
PARSED_KEPT = 1024
"""Rule values `parsed` keeps their parsed form of at most, then starts again."""


class Period(BaseModel):
    """One value of a series, applying from `since` until the next period."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    since: date
    value: Value | None = Field(description="None: a revaluation whose figures are not collected yet.")
    source: str = Field(min_length=3)
    href: str | None = Field(default=None, pattern=HREF, description="Link to the official text.")
    verified: bool = True


class Series(BaseModel):
    """A named rule value over time, with how often it is revalued."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str
    unit: str
    revalued: str | None = Field(default=None, pattern=r"^\d\d-\d\d$")
    setting: bool = Field(default=False, description="A choice of the project, not a legal value: no official text.")
    periods: list[Period] = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> Series:
        days = [p.since for p in self.periods]
        if days != sorted(days) or len(set(days)) != len(days):
            raise ValueError("periods must be in strictly increasing date order")
        if self.periods[0].value is None:
            raise ValueError("the first period needs a value")
        if not self.setting and any(p.href is None for p in self.periods):
            raise ValueError("every period of a legal value needs an href to the official text")
        return self


@dataclass(frozen=True, slots=True)
class Applied:
    """The value used on a day, where it comes from, and whether it is out of date."""

    name: str
    description: str
    value: Value
    since: date
    source: str
    verified: bool
    stale_since: date | None
    """The revaluation date whose value is missing, when an older value had to be applied."""
    href: str | None = None
    next_since: date | None = None
    """The next day the series changes after the day asked: its next period, or its next yearly revaluation."""

    @property
    def doubtful(self) -> bool:
        """Out of date or not confirmed yet: a result that depends on it closely may be wrong."""
        return self.stale_since is not None or not self.verified


class TableError(ValueError):
    """The rule file is unreadable or does not follow the format."""


class RuleTable:
    """Looks up dated values; lookups are cached per day because the evaluator runs them per household."""

    def __init__(self, series: dict[str, Series]) -> None:
        self.series = series
        self._days: dict[date, dict[str, Applied]] = {}

    def __call__(self, name: str, day: date) -> Applied:
        """The value of `name` in force on `day` (KeyError for an unknown name or a day before any value)."""
        values = self.on(day)
        found = values.get(name)
        if found is None:
            found = values[name] = self._lookup(name, day)
        return found

    def on(self, day: date) -> dict[str, Applied]:
        """The values of `day` looked up so far, by name: a household's check reads them without a lookup each."""
        found = self._days.get(day)
        if found is None:
            found = self._days[day] = {}
        return found

    def in_force(self, name: str, day: date) -> bool:
        """Whether `name` has a value on `day` (a scheme may start later than others)."""
        if name in self.on(day):
            return True
        return any(p.since <= day and p.value is not None for p in self.series[name].periods)

    def _lookup(self, name: str, day: date) -> Applied:
        series = self.series[name]
        current = [p for p in series.periods if p.since <= day]
        known = [p for p in current if p.value is not None]
        if not known:
            raise KeyError(f"{name}: no value before {day.isoformat()}")
        used = known[-1]
        assert used.value is not None
        missing = [p.since for p in current if p.value is None and p.since > used.since]
        due = _last_revaluation(series.revalued, day)
        if due is not None and due > used.since:
            missing.append(due)
        stale = min(missing) if missing else None
        coming = [p.since for p in series.periods if p.since > day]
        if series.revalued is not None:
            coming.append(_next_revaluation(series.revalued, day))
        return Applied(
            name,
            series.description,
            used.value,
            used.since,
            used.source,
            used.verified,
            stale,
            used.href,
            min(coming) if coming else None,
        )

    def stale(self, day: date) -> list[Applied]:
        """Every series whose value on `day` is older than the latest revaluation."""
        return [a for a in self._in_force(day) if a.stale_since is not None]

    def unverified(self, day: date) -> list[Applied]:
        """Every value in force on `day` that nobody has confirmed yet."""
        return [a for a in self._in_force(day) if not a.verified]

    def _in_force(self, day: date) -> list[Applied]:
        return [self(n, day) for n in self.series if self.in_force(n, day)]


def _last_revaluation(month_day: str | None, day: date) -> date | None:
    if month_day is None:
        return None
    month, dom = (int(part) for part in month_day.split("-"))
    this_year = date(day.year, month, dom)
    return this_year if this_year <= day else date(day.year - 1, month, dom)


def _next_revaluation(month_day: str, day: date) -> date:
    """The first yearly revaluation day after `day`."""
    month, dom = (int(part) for part in month_day.split("-"))
    this_year = date(day.year, month, dom)
    return this_year if this_year > day else date(day.year + 1, month, dom)


def parse_table(text: str, origin: str = "rules.yaml") -> RuleTable:
    """Validate the YAML text of a rule table."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise TableError(f"{origin}: not valid YAML: {error}") from error
    if not isinstance(raw, dict):
        raise TableError(f"{origin}: expected a mapping of series names")
    series: dict[str, Series] = {}
    for name, body in raw.items():
        try:
            series[str(name)] = Series.model_validate(body)
        except ValueError as error:
            raise TableError(f"{origin}: {name}: {error}") from error
    return RuleTable(series)


@cache
def default_table() -> RuleTable:
    """The shipped rule table."""
    return parse_table(RULES_FILE.read_text(encoding="utf-8"), RULES_FILE.name)


def parsed(value: V, parse: Callable[[V], T]) -> T:
    """`parse(value)` worked out once for each rule value (the table does not change while the process runs).

    A rule such as the participation bands is written for people ("29": 8, "49": 14…); the evaluator reads it in the
    form it compares with, made the first time it is asked for each value of the table.
    """
    key = (id(value), parse)
    found = _PARSED.get(key)
    if found is None or found[0] is not value:
        if len(_PARSED) >= PARSED_KEPT:  # tables read at run time (a file being checked) must not make it grow for ever
            _PARSED.clear()
        found = _PARSED[key] = (value, parse(value))
    result: T = found[1]
    return result
