"""Results over a period: subtracting two periods the console allows never reveals a group under 5 people."""

from __future__ import annotations

import itertools
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from dialogs.schema import Flow
from faire_lien.core.months import Month
from faire_lien.core.roles import Staff
from faire_lien.surveys.disclosure import PeriodFigures, period_figures
from faire_lien.surveys.results import SurveyReport
from faire_lien.surveys.service import Selection, survey_results
from storage.db import Database
from tests.conftest import NOW
from tests.support.surveys import surveyed_session

PARIS = ZoneInfo("Europe/Paris")
SECRET = "Je suis la seule de Loudun et j'ai eu honte"
COORDINATOR = Staff("coordinator", None, "marie")
JANUARY, FEBRUARY, MARCH = Month(2026, 1), Month(2026, 2), Month(2026, 3)


def paris(*when: int) -> datetime:
    return datetime(*when, tzinfo=PARIS)


async def scene(db: Database) -> None:
    """January: 6 respondents of 7; February: 5 of 6; March: a session where 2 people of 2 answered, one the secret."""
    async with db.unit_of_work() as session:
        await surveyed_session(session, paris(2026, 1, 15, 14), [{"overall": 4, "clarity": "4"}] * 6, invited=7)
        await surveyed_session(session, paris(2026, 2, 12, 14), [{"overall": 5, "comment": "Bien"}] * 5, invited=6)
        await surveyed_session(
            session, paris(2026, 3, 12, 14), [{"overall": 1, "clarity": "1", "comment": SECRET}, {"overall": 2}]
        )


async def period(db: Database, flow: Flow, first: Month, last: Month) -> tuple[SurveyReport, PeriodFigures]:
    report = await survey_results(db, flow, Selection(kind="info_meeting", first=first, last=last), COORDINATOR, NOW)
    return report, period_figures(report)


def figures(shown: PeriodFigures) -> tuple[int, int, int, Decimal]:
    """What a period's page says: sessions counted, people invited to them, respondents, response rate."""
    return shown.sessions, shown.invited, shown.respondents, shown.rate


def answers(report: SurveyReport) -> dict[str, dict[str, int]]:
    return {item.step.id: item.counts for item in report.items}


async def test_january_to_march_minus_january_to_february_reveals_nothing_of_march(
    flows: dict[str, Flow], db: Database
) -> None:
    hot = flows["hot_evaluation"]
    await scene(db)
    wide, wide_figures = await period(db, hot, JANUARY, MARCH)
    narrow, narrow_figures = await period(db, hot, JANUARY, FEBRUARY)
    # The raw counts would give March away: 2 respondents more.
    assert (wide.respondents - narrow.respondents, wide.invited - narrow.invited) == (2, 2)
    # What a period shows is the same with or without March: answers, comments and every figure.
    assert answers(wide) == answers(narrow)
    assert wide.comments == narrow.comments == ["Bien"] * 5 and SECRET not in wide.comments
    # January's 6th answer waits for its group of 5: 5 + 5 respondents counted; 13 invited read 10 (whole groups).
    assert figures(wide_figures) == figures(narrow_figures) == (2, 10, 10, Decimal("100.0"))
    assert (wide_figures.not_counted, narrow_figures.not_counted) == (1, 0)  # a number of sessions, nobody's count
    march, march_figures = await period(db, hot, MARCH, MARCH)
    assert march.hidden and march_figures.hidden and march.comments == []
    assert (march_figures.sessions, march_figures.invited, march_figures.respondents) == (0, 0, 0)


async def test_a_period_and_any_period_inside_it_differ_by_nothing_or_by_5_people_or_more(
    flows: dict[str, Flow], db: Database
) -> None:
    hot = flows["hot_evaluation"]
    await scene(db)
    async with db.unit_of_work() as session:  # a second session in March, of 5: March now counts, as a whole
        await surveyed_session(session, paris(2026, 3, 26, 14), [{"overall": 3}] * 5)
    months = [JANUARY, FEBRUARY, MARCH]
    shown = {
        (first, last): await period(db, hot, first, last)
        for first, last in itertools.product(months, repeat=2)
        if first <= last
    }
    nested = [
        (shown[wide], shown[narrow])
        for wide, narrow in itertools.permutations(shown, 2)
        if wide[0] <= narrow[0] and narrow[1] <= wide[1]
    ]
    assert len(nested) == 9
    for (one, one_figures), (other, other_figures) in nested:
        assert abs(one_figures.respondents - other_figures.respondents) in (0, *range(5, 100))
        for step, counts in answers(one).items():
            moved = sum(abs(n - answers(other)[step][key]) for key, n in counts.items())
            assert moved in (0, *range(5, 100))
        assert SECRET not in one.comments
