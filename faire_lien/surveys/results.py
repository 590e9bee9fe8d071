"""Survey results as the social service publishes them: n, invited, response rate, % per answer, mean, NPS.

Any breakdown with fewer than 5 respondents is hidden, so nobody in a small group can be recognised.
Free comments are listed without who wrote them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from dialogs.schema import Flow, Step
from dialogs.steps import kind_of

MIN_GROUP = 5
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class ItemResult:
    """One question: how many answered, the share of each answer, the mean and NPS where they apply."""

    step: Step
    answered: int
    counts: dict[str, int]
    percentages: dict[str, Decimal]
    mean: Decimal | None = None
    nps: int | None = None

    @property
    def hidden(self) -> bool:
        """Too few answers to show without risking recognition."""
        return self.answered < MIN_GROUP


@dataclass(frozen=True)
class SurveyReport:
    """A survey's results over a set of meetings."""

    flow: Flow
    invited: int
    respondents: int
    items: list[ItemResult] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    @property
    def rate(self) -> Decimal:
        """Respondents as a percentage of people invited."""
        return percent(self.respondents, self.invited)

    @property
    def hidden(self) -> bool:
        """Fewer than 5 respondents: nothing but the counts is shown."""
        return self.respondents < MIN_GROUP


def percent(part: int, whole: int) -> Decimal:
    """A percentage with one decimal (0 when there is nothing to divide)."""
    if whole == 0:
        return Decimal(0)
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def summarize(flow: Flow, invited: int, answer_sets: Sequence[dict[str, Any]]) -> SurveyReport:
    """Count every answer of every respondent, question by question."""
    items: list[ItemResult] = []
    comments: list[str] = []
    for step in flow.steps:
        values = [a.get(step.id) for a in answer_sets if a.get(step.id) is not None]
        if kind_of(step).verbatim:
            comments.extend(str(v) for v in values)
            continue
        items.append(_item(step, values))
    return SurveyReport(flow, invited, len(answer_sets), items, comments if len(answer_sets) >= MIN_GROUP else [])


def _item(step: Step, values: list[Any]) -> ItemResult:
    kind = kind_of(step)
    keys = kind.answer_keys(step)
    counts = Counter(kind.key(v) for v in values)
    ordered = {k: counts.get(k, 0) for k in keys}
    n = len(values)
    percentages = {k: percent(c, n) for k, c in ordered.items()}
    numeric = [Decimal(k) for k in keys if k.lstrip("-").isdigit()]
    mean = None
    if numeric and len(numeric) == len(keys) and n:
        total = sum((Decimal(k) * c for k, c in ordered.items()), Decimal(0))
        mean = (total / n).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    nps = None
    if kind.nps and n:
        promoters = sum(c for k, c in ordered.items() if int(k) >= 9)
        detractors = sum(c for k, c in ordered.items() if int(k) <= 6)
        nps = round((promoters - detractors) * 100 / n)
    return ItemResult(step, n, ordered, percentages, mean, nps)
