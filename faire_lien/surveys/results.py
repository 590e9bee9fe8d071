"""Survey results as the social service publishes them: n, invited, response rate, % per answer, mean, NPS.

The rule against recognising anyone is applied per session, before anything is added up: a session's
respondents count in whole groups of 5, in the order they answered (`storage/survey_groups.py`) — the first
5 once the 5th has answered, the 6th to 10th once the 10th has, and so on — so a session with fewer than 5
respondents contributes nothing (no count, no mean, no comment), and the 6th answer changes nothing shown
until the 10th arrives. A session's answers to one question count only when at least 5 of its respondents
counted answered it other than « Pas concerné·e » (whose answers are out of the shares). Whatever sessions a filter
selects, and whenever it is read, the difference between two results is then made of whole groups of 5 people or
more, never of one person's answer. Free comments
are listed without who wrote them, in alphabetical order.

Staff screens build results from the database's counts (`from_tally`, fed by `storage/reports.py`'s
`survey_tally`, which adds the people erased since: they stay counted, anonymously, their comments aside);
`summarize` applies the same rules to answers held in memory (in the order they came, no one erased since) and is
kept as the reference the tests compare the database's counts with.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from dialogs.schema import Flow, Step
from dialogs.steps import kind_of
from storage.reports import SurveyTally
from storage.survey_groups import NOT_CONCERNED as ASIDE
from storage.surveys import SessionAnswers

MIN_GROUP = 5
HUNDRED = Decimal(100)
NOT_CONCERNED = ASIDE
"""The option id of « Pas concerné·e »: kept out of a question's shares and n, counted apart (`ItemResult`)."""


@dataclass(frozen=True)
class ItemResult:
    """One question: how many answered, the share of each answer, the mean and NPS where they apply.

    « Pas concerné·e » answers are neither in `answered`, `counts` nor the shares (« oui : 85,7 % » of the people
    concerned, as the yearly report writes it): `not_concerned` counts them apart.
    """

    step: Step
    answered: int
    counts: dict[str, int]
    percentages: dict[str, Decimal]
    mean: Decimal | None = None
    nps: int | None = None
    not_concerned: int = 0

    @property
    def hidden(self) -> bool:
        """Too few answers (of the people concerned) to show without risking recognition."""
        return self.answered < MIN_GROUP

    @property
    def median(self) -> Decimal | None:
        """The middle answer of a numeric question (the mean of the two middle ones for an even count)."""
        if self.mean is None or not self.answered:
            return None
        ordered = sorted((Decimal(k), c) for k, c in self.counts.items())
        middle = [(self.answered - 1) // 2, self.answered // 2]
        found: list[Decimal] = []
        seen = 0
        for value, count in ordered:
            found.extend(value for rank in middle if seen <= rank < seen + count)
            seen += count
        return (sum(found, Decimal(0)) / len(found)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class SurveyReport:
    """A survey's results over a set of meetings, with the sessions left out for having under 5 respondents."""

    flow: Flow
    invited: int
    respondents: int
    items: list[ItemResult] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    left_out_sessions: int = 0
    left_out_respondents: int = 0
    counted_sessions: int = 0
    """Sessions with a whole group of 5 respondents or more: the only ones whose answers are added up."""
    counted_invited: int = 0
    """People invited to those sessions."""
    counted_respondents: int = 0
    """Respondents in whole groups of 5: the only ones whose answers the results hold."""
    more_comments: int = 0
    """Older comments not in `comments` (a page shows the latest only; an export has them all)."""

    @property
    def rate(self) -> Decimal:
        """Respondents (counted or not) as a percentage of people invited."""
        return percent(self.respondents, self.invited)

    @property
    def shown_invited(self) -> int:
        """People invited as staff read it: those of the sessions counted (5 respondents or more) in whole groups of 5,
        rounded down (someone invited at the door who answers at once moves it by one otherwise)."""
        return whole_groups(self.counted_invited)

    @property
    def shown_respondents(self) -> int:
        """Respondents as staff read them: those in whole groups of 5 (one more answer changes nothing shown)."""
        return self.counted_respondents

    @property
    def rated(self) -> bool:
        """Whether a response rate can be read: some session has a whole group of 5 respondents (else nothing is
        counted yet, and « 0 % (0/0) » would say nobody answered)."""
        return self.shown_invited > 0

    @property
    def shown_rate(self) -> Decimal:
        """The response rate staff read: respondents shown as a percentage of people invited shown."""
        return percent(self.shown_respondents, self.shown_invited)

    @property
    def counted(self) -> int:
        """Respondents whose answers count: those in whole groups of 5 of their session."""
        return self.counted_respondents

    @property
    def waiting(self) -> int:
        """Respondents of the sessions counted whose answers wait for their group of 5 to be whole."""
        return self.respondents - self.left_out_respondents - self.counted_respondents

    @property
    def hidden(self) -> bool:
        """No whole group of 5 respondents: nothing but the counts is shown."""
        return self.counted < MIN_GROUP


def percent(part: int, whole: int) -> Decimal:
    """A percentage with one decimal (0 when there is nothing to divide)."""
    if whole == 0:
        return Decimal(0)
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def whole_groups(count: int) -> int:
    """A count in whole groups of 5, rounded down: 0 to 4 read 0, 5 to 9 read 5."""
    return count - count % MIN_GROUP


def in_groups(answers: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """A session's respondents counted, answers in the order they came: the first 5, 10, 15… (whole groups of 5)."""
    return list(answers[: len(answers) - len(answers) % MIN_GROUP])


def summarize(flow: Flow, sessions: Sequence[SessionAnswers]) -> SurveyReport:
    """Add up the sessions' respondents in whole groups of 5, question by question; sessions with fewer than 5
    respondents are only counted as left out."""
    counted = [in_groups(s.answers) for s in sessions if len(s.answers) >= MIN_GROUP]
    small = [s for s in sessions if 0 < len(s.answers) < MIN_GROUP]
    items: list[ItemResult] = []
    comments: list[str] = []
    for step in flow.steps:
        if kind_of(step).verbatim:
            comments.extend(str(v) for answers in counted for v in _values(step, answers))
            continue
        items.append(_item(step, [v for answers in counted for v in _enough(_values(step, answers))]))
    return SurveyReport(
        flow,
        invited=sum(s.invited for s in sessions),
        respondents=sum(len(s.answers) for s in sessions),
        items=items,
        comments=sorted(comments),
        left_out_sessions=len(small),
        left_out_respondents=sum(len(s.answers) for s in small),
        counted_sessions=sum(1 for s in sessions if len(s.answers) >= MIN_GROUP),
        counted_invited=sum(s.invited for s in sessions if len(s.answers) >= MIN_GROUP),
        counted_respondents=sum(len(answers) for answers in counted),
    )


def quoted_steps(flow: Flow) -> list[str]:
    """The questions whose answers results quote word for word (free comments)."""
    return [step.id for step in flow.steps if kind_of(step).verbatim]


def counted_steps(flow: Flow) -> list[str]:
    """The questions whose answers results count per value (every one but the free comments)."""
    return [step.id for step in flow.steps if not kind_of(step).verbatim]


def from_tally(flow: Flow, tally: SurveyTally) -> SurveyReport:
    """The same report as `summarize`, built from the per-value counts the database made."""
    steps = {step.id: step for step in flow.steps}
    counts: dict[str, Counter[str]] = {}
    answered: Counter[str] = Counter()
    for answer in tally.answers:
        step = steps.get(answer.step_id)
        if step is not None and not kind_of(step).verbatim:
            answered[step.id] += answer.count
            for key in kind_of(step).keys(answer.value):
                counts.setdefault(step.id, Counter())[key] += answer.count
    items: list[ItemResult] = []
    for step in flow.steps:
        if not kind_of(step).verbatim:
            items.append(_counted(step, counts.get(step.id, Counter()), answered[step.id]))
    quoted = set(quoted_steps(flow))
    return SurveyReport(
        flow,
        invited=tally.invited,
        respondents=tally.respondents,
        items=items,
        comments=sorted(str(v) for step_id, v in tally.quotes if step_id in quoted and v is not None),
        left_out_sessions=tally.left_out_sessions,
        left_out_respondents=tally.left_out_respondents,
        counted_sessions=tally.counted_sessions,
        counted_invited=tally.counted_invited,
        counted_respondents=tally.counted_respondents,
        more_comments=tally.more_quotes,
    )


def _values(step: Step, answer_sets: Sequence[dict[str, Any]]) -> list[Any]:
    """One session's answers to one question (skipped ones left out)."""
    return [a[step.id] for a in answer_sets if a.get(step.id) is not None]


def _enough(values: list[Any]) -> list[Any]:
    """One session's answers to a question, or none when fewer than 5 of its respondents answered it other than
    « Pas concerné·e » (`storage/survey_groups.py`)."""
    return values if sum(v != NOT_CONCERNED for v in values) >= MIN_GROUP else []


def _number(key: str) -> Decimal | None:
    """An answer key as a number ("3", "-1", "2.5"), or None."""
    try:
        found = Decimal(key)
    except ArithmeticError:
        return None
    return found if found.is_finite() else None


def _numbers(counts: Counter[str]) -> list[str]:
    """The answers given to a question listing none (a typed number), lowest first, when all are numbers."""
    found = {key: _number(key) for key in counts}
    if not found or any(value is None for value in found.values()):
        return []
    return sorted(found, key=lambda key: found[key] or Decimal(0))


def _item(step: Step, values: list[Any]) -> ItemResult:
    kind = kind_of(step)
    return _counted(step, Counter(key for v in values for key in kind.keys(v)), len(values))


def _counted(step: Step, counts: Counter[str], n: int) -> ItemResult:
    """One question from how many answers had each key, out of `n` answers counted; « pas concerné·e » apart."""
    keys = kind_of(step).answer_keys(step) or _numbers(counts)
    aside = counts.get(NOT_CONCERNED, 0) if NOT_CONCERNED in keys else 0
    keys, n = [k for k in keys if k != NOT_CONCERNED], n - aside
    ordered = {k: counts.get(k, 0) for k in keys}
    percentages = {k: percent(c, n) for k, c in ordered.items()}
    numeric = [k for k in keys if _number(k) is not None]
    mean = None
    if numeric and len(numeric) == len(keys) and n:
        total = sum((Decimal(k) * c for k, c in ordered.items()), Decimal(0))
        mean = (total / n).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    nps = None
    if kind_of(step).nps and n:
        promoters = sum(c for k, c in ordered.items() if int(k) >= 9)
        detractors = sum(c for k, c in ordered.items() if int(k) <= 6)
        nps = int((Decimal(promoters - detractors) * HUNDRED / n).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return ItemResult(step, n, ordered, percentages, mean, nps, aside)
