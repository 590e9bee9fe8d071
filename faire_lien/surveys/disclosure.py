"""What results over a period may show, so that subtracting two results never reveals a group under 5 people.

The console's filters (kind of session, first and last month, one session) let a reader ask for two
overlapping selections and subtract them: January–March minus January–February is March alone. The
rule that defeats this, in two parts:

1. **Whole sessions of 5 or more are the only building blocks** (`results.py`). A session with fewer than
   5 respondents adds nothing to any selection — no answer, no comment, and here no count either — and a
   session's answers to a question count only when 5 of its respondents or more answered it. Periods are
   whole calendar months (`core/months.py`), and a session belongs to one month, so a selection is a set
   of whole sessions.
2. **Every figure of a selection comes from those sessions only**: people invited, respondents, response
   rate, answers, comments. Sessions left out are reported only as a number of sessions, never with how
   many people answered them.

Any two selections the filters allow therefore differ by whole sessions of 5 respondents or more — each
of which may be read on its own page anyway — or by nothing: January–March minus January–February is
March's sessions of 5 or more, and never the 2 people of a small session held in March. The one-session
page shows that session's own counts (invited, respondents): one session is the smallest selection, so
there is nothing smaller to subtract it from.
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
    respondents: int
    not_counted: int
    """Sessions with 1 to 4 respondents, left out (their respondents are not given)."""

    @property
    def rate(self) -> Decimal:
        """Respondents as a percentage of people invited, in the sessions counted."""
        return percent(self.respondents, self.invited)

    @property
    def hidden(self) -> bool:
        """No session of 5 respondents or more: nothing but the number of sessions left out is shown."""
        return self.respondents < MIN_GROUP


def period_figures(report: SurveyReport) -> PeriodFigures:
    """The figures of a result over a period, built only from its sessions of 5 respondents or more."""
    return PeriodFigures(report.counted_sessions, report.counted_invited, report.counted, report.left_out_sessions)
