"""The flow file format: pydantic models for a flow's steps, inputs, branches and end."""

from __future__ import annotations

import difflib
import hashlib
import json
from functools import cached_property
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator, model_validator

from dialogs.conditions import Condition, Scalar
from dialogs.scoring import Scoring, yes_or_no
from dialogs.steps import KindName, check

END = "end"
"""Reserved target: the flow is finished and its result builder runs."""

ID_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"

Category = Literal["rights", "screening", "survey", "profile", "request", "staff"]
CATEGORIES: tuple[str, ...] = get_args(Category)
IMPLIED = {"survey": "survey"}
"""The category a flow's result builder implies when its file gives none (a grid's is screening: `read_category`)."""


WORDINGS: dict[str, Any] = {
    **dict.fromkeys(
        ("text", "help", "simple", "summary", "example", "at_most_error", "max_error", "pattern_error"), True
    ),
    "options": {"__all__": {"label"}},
}
"""What people read but answers do not depend on: left out of a grid's fingerprint (`Flow.fingerprint`)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    """One answer button: a stable id stored with the answer, a French label shown to people."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_]{0,39}$")
    label: str = Field(min_length=1, max_length=60)

    @field_validator("id", mode="before")
    @classmethod
    def _unquoted(cls, value: object) -> object:
        return yes_or_no(value)  # `id: yes` unquoted is YAML's true

    exclusive: bool = Field(default=False, description="Multi-choice: ticking it unticks the others (« aucune »).")
    ticked_when: Condition | None = Field(
        default=None, description="Multi-choice: ticked when the question first shows, if this holds (already known)."
    )


class Total(_Strict):
    """An earlier number answer, `times` over: the most a number step may be (`at_most`)."""

    answer: str
    times: int = Field(default=1, ge=1)


class Branch(_Strict):
    """Go to `goto` when `when` holds; a branch without `when` is the default."""

    when: Condition | None = None
    goto: str


Next = Annotated[
    Annotated[str, Tag("step")] | Annotated[list[Branch], Tag("branches")],
    Discriminator(lambda value: "branches" if isinstance(value, list) else "step"),
]
"""A step id or `end`, or branches: a broken branch is reported as one, not also as a broken step id."""


class Step(_Strict):
    """One question with a typed input; `next` is a step id, `end`, or a list of branches."""

    id: str = Field(pattern=ID_PATTERN)
    kind: KindName
    text: str = Field(min_length=1)
    help: str | None = None
    simple: str | None = Field(default=None, description="Plainer wording, shown when the person does not understand.")
    summary: str | None = Field(default=None, description="Short label used in the recap.")
    optional: bool = False
    options: list[Option] = Field(default_factory=list)
    min: float | None = None
    max: float | None = None
    decimals: bool = False
    money: bool = Field(default=False, description="An amount in euros: accepts €, refuses an ambiguous 1.200.")
    example: str | None = None
    at_most: list[Total] = Field(
        default_factory=list, description="Number: not above the first of these earlier answers on the path."
    )
    at_most_error: str | None = Field(default=None, description="Why a number above `at_most` is refused; {total}.")
    max_error: str | None = Field(
        default=None, description="Number: why a number above `max` is refused, and what to do instead; {max}."
    )
    past_only: bool = Field(
        default=False, description="Date: not after today. Text (a year of birth): a 4-digit year not after this one."
    )
    future_only: bool = False
    max_length: int = Field(default=200, ge=1, le=1000)
    pattern: str | None = None
    pattern_error: str | None = None
    next: Next = END

    @model_validator(mode="after")
    def _check_inputs(self) -> Step:
        check(self)  # each kind's own rules, in dialogs/steps/
        return self

    def targets(self) -> list[str]:
        """Every step id (or `end`) this step can lead to."""
        return [self.next] if isinstance(self.next, str) else [b.goto for b in self.next]

    def option_ids(self) -> list[str]:
        """Stored values this step can produce, for condition checks."""
        return [o.id for o in self.options]


class Flow(_Strict):
    """A versioned conversation: ordered steps, a start, a result builder at the end."""

    id: str = Field(pattern=ID_PATTERN)
    version: int = Field(ge=1)
    category: Category = "profile"
    """What the flow is for; a grid (a flow with `scoring`) without one, or with a word not in CATEGORIES, is a
    screening grid: it is offered with the other grids and counted like them; a survey is a survey (`read_category`)."""
    title: str = Field(min_length=1)
    intro: str | None = None
    start: str | None = None
    result: str = "summary"
    steps: list[Step] = Field(min_length=1)
    scoring: Scoring | None = None
    """Grids only: points, orientations (see dialogs/scoring.py)."""

    @model_validator(mode="before")
    @classmethod
    def _read_category(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        implied = "screening" if data.get("scoring") is not None else IMPLIED.get(str(data.get("result")))
        if "category" not in data and implied is None:
            return data
        return {**data, "category": read_category(data.get("category"), implied)}

    @property
    def context(self) -> str:
        """gettext context of this flow's texts."""
        return f"flow:{self.id}"

    @property
    def first_step(self) -> str:
        """Id of the step the flow starts at."""
        return self.start or self.steps[0].id

    def step(self, step_id: str) -> Step:
        """The step with this id (KeyError when absent)."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def has_step(self, step_id: str) -> bool:
        """Whether this version of the flow still has that step."""
        return any(s.id == step_id for s in self.steps)

    @cached_property
    def fingerprint(self) -> str | None:
        """A grid as it is answered and scored (its steps' ids, kinds, options' ids, limits and branches, its points,
        constant and rounding), hashed to 16 hex digits, computed once per loaded flow; None for a flow without scoring.

        A grid's YAML edited without a version bump gets another fingerprint when an answer in progress would be
        scored otherwise: the grid starts again. Its wordings (questions, help, option labels, error texts),
        orientations and labels are left out: staff correcting a typo do not send everyone back to question 1.
        """
        return self._hashed(WORDINGS)

    @cached_property
    def wording_fingerprint(self) -> str | None:
        """The fingerprint stored before wordings were left out: a conversation saved with it goes on."""
        return self._hashed({})

    def _hashed(self, left_out: dict[str, Any]) -> str | None:
        if self.scoring is None:
            return None
        scored = self.scoring.model_dump(mode="json", include={"constant", "decimals", "points"})
        steps = [s.model_dump(mode="json", exclude=left_out or None) for s in self.steps]
        content = {"start": self.start, "steps": steps, "scoring": scored}
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:16]


def read_category(value: object, implied: str | None) -> str:
    """The category a flow file gives, in any case and spacing; missing or an unknown word, the one its scoring or
    result implies (a grid is a screening grid, a survey a survey).

    Staff read what is wrong with anything else: a word not known in another flow, a number or a list.
    """
    word = value.strip().lower() if isinstance(value, str) else value
    if word in CATEGORIES:
        return str(word)
    if word is None or (implied is not None and isinstance(word, str)):
        return implied or "profile"
    known = ", ".join(CATEGORIES)
    raise ValueError(
        f"category: {value!r} is not a category; write one of: {known} (a grid or a survey may leave it out)"
    )


def category_warning(raw: dict[str, Any]) -> str | None:
    """What `flows check` tells staff of a category word it does not know in a grid or a survey (« profil »): the
    word, the nearest known one and what the file is read as; None when the word is known, absent, or refused."""
    value = raw.get("category")
    implied = "screening" if raw.get("scoring") is not None else IMPLIED.get(str(raw.get("result")))
    if not isinstance(value, str) or implied is None or value.strip().lower() in CATEGORIES:
        return None
    nearest = difflib.get_close_matches(value.strip().lower(), CATEGORIES, n=1)
    hint = f"did you mean '{nearest[0]}'? " if nearest else ""
    return (
        f"category: {value!r} is not a category word ({', '.join(CATEGORIES)}); {hint}"
        f"the file is read as {implied} (its {'scoring' if implied == 'screening' else 'result'} implies it)"
    )


AnswerValue = Scalar | list[str] | None
