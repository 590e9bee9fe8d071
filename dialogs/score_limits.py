"""A grid's threshold and orientations checked against the scores its points can give.

Staff read a grid result as « score 35, seuil 30 ; orientation … »: a threshold that no score reaches, or that no
orientation's condition on the score changes at, would tell them one thing and the orientation another. An
orientation that reads only the score and that no score can reach (`score ≥ 120` when scores stop at 100, or every
score it asks for taken by an orientation above it) is never chosen.

Scores are counted in steps of the grid's rounding (0.01 for 2 decimals): a range of scores is a list of inclusive
(first, last) step counts. The scores the points could give are over-estimated (`Scoring.reach`), never under:
what is refused here is refused for every score a person could really get.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from dialogs.conditions import AllOf, Compare, Condition, Not, compares
from dialogs.problems import Problem
from dialogs.scoring import SCORE, Scoring

Spans = list[tuple[int, int]]
"""Disjoint, sorted, inclusive ranges of scores, counted in rounding steps."""
BOUNDS = ("gt", "gte", "lt", "lte")


def score_problems(scoring: Scoring) -> list[str]:
    """What a social worker must correct: a threshold out of reach or not where orientations change, an
    orientation on the score never chosen."""
    return _threshold_problems(scoring) + _unchosen_problems(scoring)


def _unit(scoring: Scoring) -> Decimal:
    return Decimal(1).scaleb(-scoring.decimals)


def _steps(value: Decimal, scoring: Scoring) -> Decimal:
    return value / _unit(scoring)


def _shown(count: int, scoring: Scoring) -> str:
    return str(Decimal(count).scaleb(-scoring.decimals))


def _scores(scoring: Scoring) -> tuple[int, int]:
    """The lowest and highest score, in steps (rounded as scores are)."""
    low, high = (_steps(scoring.reach(pick), scoring).to_integral_value(ROUND_HALF_UP) for pick in (min, max))
    return int(low), int(high)


def _first_above(leaf: Compare, scoring: Scoring) -> int:
    """The first score, in steps, on the upper side of a comparison's limit."""
    op = leaf.operators()[0]
    limit = _steps(Decimal(repr(getattr(leaf, op))), scoring)
    return math.ceil(limit) if op in ("gte", "lt") else math.floor(limit) + 1


def _score_leaves(scoring: Scoring) -> list[Compare] | None:
    """Every comparison on the score with a limit; None when one reads it otherwise (`equals`, `in`)."""
    leaves = [leaf for o in scoring.orientations if o.when is not None for leaf in compares(o.when)]
    on_score = [leaf for leaf in leaves if leaf.answer == SCORE and leaf.answered is None]
    if any(leaf.operators()[0] not in BOUNDS for leaf in on_score):
        return None
    return on_score


def _threshold_problems(scoring: Scoring) -> list[str]:
    if scoring.threshold is None:
        return []
    threshold, (low, high) = scoring.threshold, _scores(scoring)
    span = f"scores stay between {_shown(low, scoring)} and {_shown(high, scoring)}"
    at = _steps(threshold, scoring)
    bounds = {"threshold": str(threshold), "low": _shown(low, scoring), "high": _shown(high, scoring)}
    if at > high:
        return [Problem(f"scoring.threshold: no score reaches {threshold}: {span}", "threshold_unreached", **bounds)]
    if at < low:
        return [Problem(f"scoring.threshold: every score is over {threshold}: {span}", "threshold_under", **bounds)]
    leaves = _score_leaves(scoring)
    if leaves is None:
        return []
    limits = sorted({_first_above(leaf, scoring) for leaf in leaves})
    if {math.ceil(at), math.floor(at) + 1} & set(limits):
        return []
    first = max([low, *(limit for limit in limits if limit <= at)])
    last = min([high, *(limit - 1 for limit in limits if limit > at)])
    where = (
        f"orientations change at {', '.join(_shown(limit, scoring) for limit in limits)}"
        if limits
        else "no orientation reads the score"
    )
    return [
        f"scoring.threshold: {threshold} is not where an orientation changes ({where}): scores from "
        f"{_shown(first, scoring)} to {_shown(last, scoring)} are oriented alike, under or over the threshold; "
        f"give an orientation the limit (when: {{answer: {SCORE}, gte: {threshold}}}) or correct the threshold"
    ]


def _unchosen_problems(scoring: Scoring) -> list[str]:
    """An orientation reading only the score whose scores are out of reach or all taken by orientations above it."""
    low, high = _scores(scoring)
    problems: list[str] = []
    above: list[tuple[str, Spans]] = []
    for orientation in scoring.orientations:
        wanted = _spans(orientation.when, scoring, low, high) if orientation.when is not None else None
        if wanted is None:
            continue
        name = f"scoring.orientations.{orientation.id}"
        taken: Spans = []
        for _, spans in above:
            taken = _union(taken, spans)
        if not wanted:
            problems.append(
                f"{name}: never chosen: no score meets its condition (scores stay between {_shown(low, scoring)} "
                f"and {_shown(high, scoring)})"
            )
        elif not _minus(wanted, taken):
            shown = ", ".join(_shown(a, scoring) + (f" to {_shown(b, scoring)}" if b > a else "") for a, b in wanted)
            owners = [other for other, spans in above if _minus(wanted, _minus(wanted, spans))]
            problems.append(f"{name}: never chosen: its scores ({shown}) already go to {', '.join(owners)}, above it")
        above.append((orientation.id, wanted))
    return problems


def _spans(condition: Condition, scoring: Scoring, low: int, high: int) -> Spans | None:
    """The scores a condition holds for, when it reads only the score with limits; None when it reads more."""
    if isinstance(condition, Compare):
        if condition.answer != SCORE or condition.operators()[0] not in BOUNDS:
            return None
        first = _first_above(condition, scoring)
        upper = condition.operators()[0] in ("gt", "gte")
        span = (max(low, first), high) if upper else (low, min(high, first - 1))
        return [span] if span[0] <= span[1] else []
    if isinstance(condition, Not):
        inner = _spans(condition.not_, scoring, low, high)
        return None if inner is None else _minus([(low, high)], inner)
    parts = [_spans(c, scoring, low, high) for c in (condition.all if isinstance(condition, AllOf) else condition.any)]
    if any(part is None for part in parts):
        return None
    result: Spans = [(low, high)] if isinstance(condition, AllOf) else []
    for part in parts:
        assert part is not None
        result = _minus(result, _minus([(low, high)], part)) if isinstance(condition, AllOf) else _union(result, part)
    return result


def _union(a: Spans, b: Spans) -> Spans:
    merged: Spans = []
    for first, last in sorted(a + b):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def _minus(a: Spans, b: Spans) -> Spans:
    result: Spans = []
    for first, last in a:
        for cut_first, cut_last in b:
            if cut_last < first or cut_first > last:
                continue
            if cut_first > first:
                result.append((first, cut_first - 1))
            first = cut_last + 1
        if first <= last:
            result.append((first, last))
    return result
