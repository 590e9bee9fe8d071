"""Grid scoring as data: points per answer, a constant, rounding, and orientations chosen by conditions.

A grid is a flow with a `scoring` section. The score is the constant plus the points of every
answer given (yes/no steps score "yes" or "no", choice steps their option id, multi steps each
ticked option), rounded half-up to `decimals`. The first orientation whose `when` holds — on
the answers and on `score` — is the result; the last one has no `when` and is the default.
An orientation marked `concluded: false` says the answers were too few to conclude (no score
of 0 read as "no sign"): staff see "not concluded" in place of the score. Its `label` is what staff read for it
(the staff note, the console, the command line); without one they read its number and offers
(`faire_lien/grids/labels.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from dialogs.conditions import Condition, Scalar

AnswerValue = Scalar | list[str] | None

GridOffer = Literal["checkup", "rights", "callback", "facilitator"]
SCORE = "score"
KEPT_DECIMALS = 2
QUINTILE_CUTS = 4
"""Cut-offs between the five quintiles staff read (« quintile 5 »): fewer or more would name other groups so."""
KEPT_LARGEST = Decimal("999999.99")
"""What a stored result holds (`storage/models.py` GridResult.score, Numeric(8, 2)): a grid's scores must fit."""


class Orientation(BaseModel):
    """What the person is offered: a respectful text (the person never reads the staff label), the offers, and when."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")
    when: Condition | None = None
    text: str = Field(min_length=1)
    label: str | None = Field(
        default=None,
        min_length=1,
        max_length=80,
        description="what staff read for it, short (« pas de besoin repéré »); never shown to the person",
    )
    offers: list[GridOffer] = Field(default_factory=list)
    concluded: bool = Field(
        default=True,
        description="false: too few real answers to conclude; staff see « not concluded », never the score",
    )


class Scoring(BaseModel):
    """How a grid is scored and oriented."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    constant: Decimal = Decimal(0)
    decimals: int = Field(default=2, ge=0, description="at most KEPT_DECIMALS, as results keep the score")
    points: dict[str, dict[str, Decimal]] = Field(default_factory=dict)
    threshold: Decimal | None = Field(default=None, description="shown to staff with the score")
    quintiles: list[Decimal] = Field(default_factory=list, description="cut-offs shown to staff only")
    orientations: list[Orientation] = Field(min_length=1)

    @field_validator("points", mode="before")
    @classmethod
    def _yes_no_keys(cls, points: Any) -> Any:
        if not isinstance(points, dict):
            return points
        return {step: yes_no_keys(table) for step, table in points.items()}

    @field_validator("decimals")
    @classmethod
    def _kept(cls, decimals: int) -> int:
        if decimals > KEPT_DECIMALS:
            raise ValueError(f"at most {KEPT_DECIMALS}: results keep a score with {KEPT_DECIMALS} decimals")
        return decimals

    @model_validator(mode="after")
    def _default_last(self) -> Scoring:
        for bound in (self.reach(max), self.reach(min)):
            if abs(bound) > KEPT_LARGEST:
                raise ValueError(f"a score could reach {bound}, beyond the ±{KEPT_LARGEST} results keep")
        if self.orientations[-1].when is not None:
            raise ValueError("the last orientation must have no 'when' (it is the default)")
        if self.quintiles and len(self.quintiles) != QUINTILE_CUTS:
            raise ValueError(
                f"quintiles: give the {QUINTILE_CUTS} cut-offs between 5 groups (got {len(self.quintiles)}), or none"
            )
        if self.quintiles != sorted(self.quintiles):
            raise ValueError("quintiles must be in increasing order")
        return self

    def reach(self, pick: Callable[[Decimal, Decimal], Decimal]) -> Decimal:
        """The highest (`max`) or lowest (`min`) score any answers could give, or beyond: every answer's points
        that raise it (or lower it) added up, as if all were given at once (several ticked boxes are)."""
        return self.constant + sum(
            (pick(points, Decimal(0)) for table in self.points.values() for points in table.values()), Decimal(0)
        )

    def score(self, answers: Mapping[str, AnswerValue]) -> Decimal:
        """The constant plus the points of each answer, rounded half-up."""
        total = self.constant
        for step_id, table in self.points.items():
            for key in _keys(answers.get(step_id)):
                total += table.get(key, Decimal(0))
        return total.quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP)

    def orientation(self, answers: Mapping[str, AnswerValue], score: Decimal) -> Orientation:
        """The first orientation whose condition holds on the answers and the score."""
        seen = {**answers, SCORE: float(score)}
        return next(o for o in self.orientations if o.when is None or o.when.holds(seen))

    def numbered(self, orientation_id: str) -> tuple[int, Orientation] | None:
        """A stored orientation's place in the grid (from 1) and the orientation; None when since removed."""
        return next(((n, o) for n, o in enumerate(self.orientations, 1) if o.id == orientation_id), None)

    def concluded(self, orientation_id: str) -> bool:
        """Whether a stored orientation is a conclusion (an orientation since removed from the grid counts as one)."""
        return next((o.concluded for o in self.orientations if o.id == orientation_id), True)

    def quintile(self, score: Decimal) -> int | None:
        """1 to 5 by the cut-offs (staff only); None when the grid has none."""
        if not self.quintiles:
            return None
        return 1 + sum(score >= cut for cut in self.quintiles)


def yes_or_no(key: object) -> object:
    """`yes` and `no` written unquoted in a grid file (YAML's true and false) as the answers they name."""
    return ("yes" if key else "no") if isinstance(key, bool) else key


def yes_no_keys(table: Any) -> Any:
    """A table of points with its unquoted `yes:` and `no:` keys read as answers."""
    return {yes_or_no(key): value for key, value in table.items()} if isinstance(table, dict) else table


def _keys(value: AnswerValue) -> list[str]:
    if value is None:
        return []
    if isinstance(value, bool):
        return ["yes" if value else "no"]
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]
