"""Structured branching conditions on earlier answers (data, never eval)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator

Scalar = str | int | float | bool
Answers = Mapping[str, Any]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Compare(_Strict):
    """True when the answer to `answer` compares as stated (exactly one operator)."""

    answer: str
    equals: Scalar | None = None
    one_of: list[Scalar] | None = Field(default=None, alias="in")
    contains: str | None = None
    gt: float | None = None
    gte: float | None = None
    lt: float | None = None
    lte: float | None = None
    answered: bool | None = None

    @field_validator("gt", "gte", "lt", "lte", mode="before")
    @classmethod
    def _number(cls, value: object) -> object:
        """`gte: true` (or `yes`), `lt: abc` or `gt: .inf` refused with what to write, never read as the number 1 or
        left to pydantic's words."""
        if isinstance(value, bool):
            raise ValueError(
                f"{str(value).lower()} (yes/no in YAML) is not a number: write the number to compare with, e.g. 30"
            )
        if isinstance(value, str | int | float):
            try:
                number = float(value.strip() if isinstance(value, str) else value)
            except (ValueError, OverflowError):
                raise ValueError(f"{value!r} is not a number: write the number to compare with, e.g. 30") from None
            if not math.isfinite(number):
                raise ValueError(f"{value!r} is not a finite number: write the number to compare with, e.g. 30")
        return value

    def operators(self) -> list[str]:
        """Names of the operators this comparison sets."""
        names = ("equals", "one_of", "contains", "gt", "gte", "lt", "lte", "answered")
        return [n for n in names if getattr(self, n) is not None]

    def holds(self, answers: Answers) -> bool:
        """Evaluate against the answers given so far (a missing answer is false)."""
        if self.answered is not None:
            return (self.answer in answers and answers[self.answer] is not None) == self.answered
        value = answers.get(self.answer)
        if value is None:
            return False
        if self.equals is not None:
            return bool(value == self.equals)
        if self.one_of is not None:
            return value in self.one_of
        if self.contains is not None:
            return isinstance(value, list) and self.contains in value
        return _numeric(value, self)


def _numeric(value: Any, c: Compare) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return False
    try:
        number = float(value)
    except ValueError:
        return False
    return (
        (c.gt is None or number > c.gt)
        and (c.gte is None or number >= c.gte)
        and (c.lt is None or number < c.lt)
        and (c.lte is None or number <= c.lte)
    )


class AllOf(_Strict):
    """True when every condition holds."""

    all: list[Condition]

    def holds(self, answers: Answers) -> bool:
        """Evaluate all sub-conditions."""
        return all(c.holds(answers) for c in self.all)


class AnyOf(_Strict):
    """True when at least one condition holds."""

    any: list[Condition]

    def holds(self, answers: Answers) -> bool:
        """Evaluate until one sub-condition holds."""
        return any(c.holds(answers) for c in self.any)


class Not(_Strict):
    """True when the condition does not hold."""

    not_: Condition = Field(alias="not")

    def holds(self, answers: Answers) -> bool:
        """Negate the sub-condition."""
        return not self.not_.holds(answers)


def _kind(value: Any) -> str:
    """Which condition a mapping is, by its key (`all`, `any`, `not`; else a comparison): a broken comparison is
    reported as one, not also as a broken `all`, `any` and `not`."""
    if isinstance(value, BaseModel):
        return type(value).__name__
    keys = value.keys() if isinstance(value, dict) else ()
    kinds = (("all", "AllOf"), ("any", "AnyOf"), ("not", "Not"), ("not_", "Not"))  # `not_`: a grid dumped and read back
    return next((kind for key, kind in kinds if key in keys), "Compare")


Condition = Annotated[
    Annotated[Compare, Tag("Compare")]
    | Annotated[AllOf, Tag("AllOf")]
    | Annotated[AnyOf, Tag("AnyOf")]
    | Annotated[Not, Tag("Not")],
    Discriminator(_kind),
]

for _model in (AllOf, AnyOf, Not):
    _model.model_rebuild()


def compares(condition: Condition) -> list[Compare]:
    """Every leaf comparison inside a condition, for static checks and diagrams."""
    if isinstance(condition, Compare):
        return [condition]
    if isinstance(condition, AllOf):
        return [leaf for c in condition.all for leaf in compares(c)]
    if isinstance(condition, AnyOf):
        return [leaf for c in condition.any for leaf in compares(c)]
    return compares(condition.not_)


def describe(condition: Condition) -> str:
    """Short readable form, e.g. `situation = student`, for diagrams."""
    if isinstance(condition, AllOf):
        return " and ".join(describe(c) for c in condition.all)
    if isinstance(condition, AnyOf):
        return " or ".join(describe(c) for c in condition.any)
    if isinstance(condition, Not):
        return f"not ({describe(condition.not_)})"
    symbols: dict[str, str] = {
        "equals": "=",
        "one_of": "in",
        "contains": "has",
        "gt": ">",
        "gte": "≥",
        "lt": "<",
        "lte": "≤",
        "answered": "answered:",
    }
    parts = [f"{condition.answer} {symbols[op]} {_show(getattr(condition, op))}" for op in condition.operators()]
    return " and ".join(parts)


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value).lower() if isinstance(value, bool) else str(value)
