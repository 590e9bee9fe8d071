"""What results over a period may show, so that subtracting two results never reveals a group under 5 people.

The console's filters (kind of session, first and last month, one session) let a reader ask for two
overlapping selections and subtract them: January–March minus January–February is March alone. A reader
may also read the same selection twice, before and after one more person answered. The rule that defeats
both, in two parts:

1. **Whole groups of 5 respondents are the only building blocks** (`results.py`, `storage/survey_groups.py`).
   A session's respondents count in groups of 5, in the order they answered: the 6th to 9th answers add
   nothing until the 10th arrives. A session with fewer than 5 respondents adds nothing to any selection —
   no answer, no comment, and here no count either — and a session's answers to a question count only when
   5 of its respondents counted or more answered it. Periods are whole calendar months (`core/months.py`),
   and a session belongs to one month, so a selection is a set of whole groups of whole sessions.
2. **Every figure of a selection comes from those groups only**: people invited (to the sessions counted),
   respondents, response rate, answers, comments. Sessions left out are reported only as a number of
   sessions, never with how many people answered them.

Any two selections the filters allow, read at any two moments, therefore differ by whole groups of 5
respondents or more, or by nothing: January–March minus January–February is March's groups, and never
the 2 people of a small session held in March; a session read at 5 respondents and again at 6 shows the
same results and the same counts. Every page, export, the command line and the yearly report show these
counts (`SurveyReport.shown_*`): respondents in whole groups of 5, people invited to the sessions counted in
whole groups of 5 too (rounded down: the rate reads 100 % with up to 4 people invited who did not answer), and
the rate between them; a session's follow-up gives its answers in whole groups of 5 too. One more answer never
shows before its group is whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from faire_lien.surveys.results import MIN_GROUP, SurveyReport, percent


@dataclass(frozen=True)
class PeriodFigures:
    """The counts a result over a period shows: those of its sessions of 5 respondents or more."""

    sessions: int
    invited: int
    """People invited to those sessions, in whole groups of 5 (rounded down)."""
    respondents: int
    """Respondents counted: those in whole groups of 5."""
    not_counted: int
    """Sessions with 1 to 4 respondents, left out (their respondents are not given)."""

    @property
    def rate(self) -> Decimal:
        """Respondents as a percentage of people invited, in the sessions counted."""
        return percent(self.respondents, self.invited)

    @property
    def rated(self) -> bool:
        """Whether a response rate can be read: some session of 5 respondents or more was counted."""
        return self.invited > 0

    @property
    def hidden(self) -> bool:
        """No session of 5 respondents or more: nothing but the number of sessions left out is shown."""
        return self.respondents < MIN_GROUP


def period_figures(report: SurveyReport) -> PeriodFigures:
    """The figures of a result over a period, built only from its respondents in whole groups of 5."""
    return PeriodFigures(
        report.counted_sessions, report.shown_invited, report.shown_respondents, report.left_out_sessions
    )
